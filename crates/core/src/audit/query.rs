//! Reading the audit log: filtered, paged lists and the chain check.

use chrono::{Duration, NaiveDate, NaiveTime};
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::chain::{AuditVerification, verify_chain};
use super::packing::{self, Changes};
use crate::auth::roles::Permission;
use crate::error::Result;
use crate::ids::UserId;
use crate::register::{Actor, Register};
use crate::text;

/// Most entries one page may ask for.
const MAX_PAGE: u32 = 500;

/// Which entries to list. Dates are Thai calendar days (inclusive).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditQuery {
    /// First day to include.
    pub from: Option<NaiveDate>,
    /// Last day to include.
    pub to: Option<NaiveDate>,
    /// Only entries by this user.
    pub user_id: Option<UserId>,
    /// Only entries about this kind of record (e.g. `division`).
    pub entity: Option<String>,
    /// Free text found in the user name, action, id or before/after.
    pub text: Option<String>,
    /// Entries to skip (newest first).
    pub offset: u32,
    /// Entries to return (at most 500).
    pub limit: u32,
}

/// One entry as shown to people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    /// Position in the chain, from 1.
    #[ts(type = "number")]
    pub seq: i64,
    /// When (UTC, RFC 3339).
    pub at: String,
    /// Who (a user), or `None` for the system.
    pub user_id: Option<UserId>,
    /// The name recorded at the time (a login name, or `cli:…` / `setup` for the system).
    pub username: Option<String>,
    /// The user's full name as the register holds it now.
    pub actor_name: Option<String>,
    /// Dotted verb such as `division.create`.
    pub action: String,
    /// Kind of record.
    pub entity: String,
    /// Which record.
    pub entity_id: Option<String>,
    /// The record as people know it now: an asset's code and name, a loan's number, a
    /// round's or person's name (`None` when it no longer exists or has no such label).
    pub record: Option<String>,
    /// The network address the change came from (`None` for the desktop window and the
    /// command line on the host itself).
    pub client: Option<String>,
    /// The record before the change.
    pub before: Option<serde_json::Value>,
    /// The record after the change.
    pub after: Option<serde_json::Value>,
}

/// One page of entries, newest first, and how many match in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditPage {
    /// The entries on this page.
    pub entries: Vec<AuditEntry>,
    /// Entries matching the filters.
    #[ts(type = "number")]
    pub total: i64,
}

/// Start of a Thai calendar day as a stored UTC timestamp, for comparing with `at`.
fn day_start_utc(date: NaiveDate) -> String {
    let utc = date.and_time(NaiveTime::MIN) - Duration::hours(7);
    crate::clock::stamp(utc.and_utc())
}

/// The acting user's full name, for an entry of `audit_log`.
const ACTOR_NAME: &str = "(SELECT u.full_name FROM users u WHERE u.id = audit_log.user_id)";

/// How an entry's record is known to people, looked up now (subqueries rather than joins,
/// so that the filters' plain column names stay unambiguous).
const RECORD_LABEL: &str = "CASE audit_log.entity
        WHEN 'asset' THEN (SELECT a.code || ' ' || a.name FROM assets a
                           WHERE a.id = CAST(audit_log.entity_id AS INTEGER))
        WHEN 'loan' THEN (SELECT l.loan_no FROM loans l
                          WHERE l.id = CAST(audit_log.entity_id AS INTEGER))
        WHEN 'check_round' THEN (SELECT r.name FROM check_rounds r
                                 WHERE r.id = CAST(audit_log.entity_id AS INTEGER))
        WHEN 'person' THEN (SELECT p.title || p.first_name || ' ' || p.last_name FROM people p
                            WHERE p.id = CAST(audit_log.entity_id AS INTEGER))
        WHEN 'user' THEN (SELECT u.full_name FROM users u
                          WHERE u.id = CAST(audit_log.entity_id AS INTEGER))
        WHEN 'division' THEN (SELECT d.name FROM divisions d
                              WHERE d.id = CAST(audit_log.entity_id AS INTEGER))
        WHEN 'location' THEN (SELECT l.name FROM locations l
                              WHERE l.id = CAST(audit_log.entity_id AS INTEGER))
        WHEN 'category' THEN (SELECT c.type_code || ' ' || c.name FROM categories c
                              WHERE c.id = CAST(audit_log.entity_id AS INTEGER))
        WHEN 'import' THEN (SELECT b.file_name FROM import_batches b
                            WHERE b.id = CAST(audit_log.entity_id AS INTEGER))
        WHEN 'disposal' THEN (SELECT x.disposal_no FROM disposals x
                              WHERE x.id = CAST(audit_log.entity_id AS INTEGER))
        WHEN 'fact_finding' THEN (SELECT f.case_no FROM fact_findings f
                                  WHERE f.id = CAST(audit_log.entity_id AS INTEGER))
        WHEN 'manual' THEN 'ฉบับที่ ' || audit_log.entity_id
    END";

/// An entry's columns, then its actor's name and its record's label.
fn select_entry() -> String {
    format!(
        "SELECT seq, at, user_id, username, action, entity, entity_id, packing, changes,
                {ACTOR_NAME}, {RECORD_LABEL}, client
         FROM audit_log"
    )
}

fn entry_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEntry> {
    let packing: i64 = row.get(7)?;
    let packed: Vec<u8> = row.get(8)?;
    // An entry whose stored bytes were damaged is still listed (the chain check names it),
    // with what it says replaced by a note.
    let changes = packing::unpack(packing, &packed).unwrap_or_else(|_| Changes {
        before: None,
        after: Some(r#""(ข้อมูลส่วนนี้อ่านไม่ได้)""#.to_owned()),
    });
    let json = |text: Option<String>| -> Option<serde_json::Value> {
        // Stored by us as JSON; if someone wrote garbage, show it as text.
        text.map(|t| serde_json::from_str(&t).unwrap_or(serde_json::Value::String(t)))
    };
    Ok(AuditEntry {
        seq: row.get(0)?,
        at: row.get(1)?,
        user_id: row.get(2)?,
        username: row.get(3)?,
        action: row.get(4)?,
        entity: row.get(5)?,
        entity_id: row.get(6)?,
        before: json(changes.before),
        after: json(changes.after),
        actor_name: row.get(9)?,
        record: row.get(10)?,
        client: row.get(11)?,
    })
}

/// Every entry about one record (e.g. an asset's history tab), newest first.
pub(crate) fn entries_about(
    conn: &rusqlite::Connection,
    entity: &str,
    id: &str,
) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{} WHERE entity = ?1 AND entity_id = ?2 ORDER BY seq DESC",
        select_entry()
    ))?;
    let rows = stmt.query_map([entity, id], entry_from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

impl Register {
    /// Lists audit entries, newest first, for people allowed to read the log.
    pub fn list_audit(&self, actor: &Actor, query: &AuditQuery) -> Result<AuditPage> {
        self.read(actor, Some(Permission::ViewAuditLog), |conn, _| {
            let mut filters: Vec<&str> = Vec::new();
            let mut args: Vec<Value> = Vec::new();
            let text_filter: String;
            if let Some(from) = query.from {
                filters.push("at >= ?");
                args.push(Value::Text(day_start_utc(from)));
            }
            if let Some(to) = query.to {
                filters.push("at < ?");
                args.push(Value::Text(day_start_utc(to + Duration::days(1))));
            }
            if let Some(user) = query.user_id {
                filters.push("user_id = ?");
                args.push(Value::Integer(user.0));
            }
            if let Some(entity) = query
                .entity
                .as_deref()
                .map(text::clean)
                .filter(|e| !e.is_empty())
            {
                filters.push("entity = ?");
                args.push(Value::Text(entity));
            }
            if let Some(needle) = query
                .text
                .as_deref()
                .map(text::clean)
                .filter(|t| !t.is_empty())
            {
                // The names people know (the actor's) are searched too.
                text_filter = format!(
                    "(username || ' ' || ifnull({ACTOR_NAME}, '') || ' ' || action || ' ' ||
                      ifnull(entity_id, '') || ' ' ||
                      ifnull(audit_text(packing, changes), '')) LIKE ? ESCAPE '\\'"
                );
                filters.push(&text_filter);
                args.push(Value::Text(text::like_pattern(&needle)));
            }
            let filter = if filters.is_empty() {
                String::new()
            } else {
                format!("WHERE {}", filters.join(" AND "))
            };
            let total: i64 = conn.query_row(
                &format!("SELECT count(*) FROM audit_log {filter}"),
                rusqlite::params_from_iter(&args),
                |row| row.get(0),
            )?;
            args.push(Value::Integer(i64::from(query.limit.clamp(1, MAX_PAGE))));
            args.push(Value::Integer(i64::from(query.offset)));
            let mut stmt = conn.prepare(&format!(
                "{} {filter} ORDER BY seq DESC LIMIT ? OFFSET ?",
                select_entry()
            ))?;
            let entries = stmt
                .query_map(rusqlite::params_from_iter(&args), entry_from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(AuditPage { entries, total })
        })
    }

    /// The audit chain checked and its head hash, for anyone who may read the register:
    /// documents that cite the log (the ITA evidence pack's cover) print the fingerprint
    /// without showing a single entry.
    pub fn audit_fingerprint(&self, actor: &Actor) -> Result<AuditVerification> {
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            verify_chain(conn)
        })
    }

    /// Checks the whole audit chain (people allowed to read the log, or the system).
    pub fn verify_audit(&self, actor: &Actor) -> Result<AuditVerification> {
        self.read(actor, Some(Permission::ViewAuditLog), |conn, _| {
            verify_chain(conn)
        })
    }
}
