//! Appending to the hash chain and checking it.

use std::ops::ControlFlow;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::Event;
use super::packing::{self, Changes};
use crate::error::Result;
use crate::ids::UserId;

/// The previous hash the first entry is hashed with (as hex digits, as every hash is hashed).
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// An entry about to be appended.
pub(crate) struct NewEntry<'a> {
    pub at: DateTime<Utc>,
    pub user_id: Option<UserId>,
    pub username: &'a str,
    /// The network client's address, when the change came over the office network.
    pub client: Option<&'a str>,
    pub event: Event,
}

/// What an entry's hash covers, in a fixed order: the entry's columns with its before and
/// after as JSON text (as [`packing`] gives them back), not as stored. Serialised (camelCase,
/// `client` only when there is one), it is a line of `export-audit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EntryContent {
    /// Position in the chain, from 1.
    pub seq: i64,
    /// When, as stored (UTC, RFC 3339 with milliseconds).
    pub at: String,
    /// The acting user's id, `None` for the system.
    pub user_id: Option<i64>,
    /// The name recorded at the time.
    pub username: String,
    /// Dotted verb such as `division.create`.
    pub action: String,
    /// Kind of record.
    pub entity: String,
    /// Which record.
    pub entity_id: Option<String>,
    /// The record before the change, as JSON text.
    pub before: Option<String>,
    /// The record after the change, as JSON text.
    pub after: Option<String>,
    /// The office network client's address, if the change came over the network.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client: Option<String>,
}

impl EntryContent {
    /// SHA-256 over the previous hash (hex digits) and this entry's columns, as hex digits.
    /// The columns are encoded as a JSON array, so no choice of text inside them can
    /// imitate another entry.
    pub fn hash(&self, prev_hash: &str) -> String {
        let mut content = serde_json::json!([
            self.seq,
            self.at,
            self.user_id,
            self.username,
            self.action,
            self.entity,
            self.entity_id,
            self.before,
            self.after
        ]);
        // The client address joins the hashed columns only when there is one, so every
        // entry written before the office network (and every local one) hashes as it did.
        if let (Some(client), Some(columns)) = (&self.client, content.as_array_mut()) {
            columns.push(serde_json::Value::from(client.as_str()));
        }
        let mut hasher = Sha256::new();
        hasher.update(prev_hash.as_bytes());
        hasher.update(b"\n");
        hasher.update(content.to_string().as_bytes());
        hex::encode(hasher.finalize())
    }
}

/// Appends an entry after the current last one. Runs inside the caller's transaction.
pub(crate) fn append(conn: &Connection, entry: &NewEntry<'_>) -> Result<()> {
    let last: Option<(i64, Vec<u8>)> = conn
        .query_row(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let (prev_seq, prev_hash) = last.map_or((0, GENESIS_HASH.to_owned()), |(seq, hash)| {
        (seq, hex::encode(hash))
    });
    let row = EntryContent {
        seq: prev_seq + 1,
        at: crate::clock::stamp(entry.at),
        user_id: entry.user_id.map(|id| id.0),
        username: entry.username.to_owned(),
        action: entry.event.action.to_owned(),
        entity: entry.event.entity.to_owned(),
        entity_id: entry.event.entity_id.clone(),
        before: entry.event.before.clone(),
        after: entry.event.after.clone(),
        client: entry.client.map(str::to_owned),
    };
    let hash = row.hash(&prev_hash);
    insert(conn, "audit_log", &row, &stored_hash(&hash))
}

/// Writes one entry into `table` (the log itself, or its new table during the upgrade to
/// schema 16), its before and after packed.
pub(crate) fn insert(
    conn: &Connection,
    table: &str,
    entry: &EntryContent,
    hash: &[u8],
) -> Result<()> {
    let (packing, changes) = packing::pack(entry.before.as_deref(), entry.after.as_deref())?;
    let mut statement = conn.prepare_cached(&format!(
        "INSERT INTO {table} (seq, at, user_id, username, action, entity, entity_id,
                              packing, changes, hash, client)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
    ))?;
    statement.execute(params![
        entry.seq,
        entry.at,
        entry.user_id,
        entry.username,
        entry.action,
        entry.entity,
        entry.entity_id,
        packing,
        changes,
        hash,
        entry.client
    ])?;
    Ok(())
}

/// A hash as the log stores it: its 32 bytes. Text that is not a hash (only someone editing
/// the file writes that) is kept as its own bytes, so that the check still sees it differ.
pub(crate) fn stored_hash(hex_digits: &str) -> Vec<u8> {
    hex::decode(hex_digits).unwrap_or_else(|_| hex_digits.as_bytes().to_vec())
}

/// The outcome of checking the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditVerification {
    /// True when every entry matches.
    pub ok: bool,
    /// How many entries were read.
    #[ts(type = "number")]
    pub entries_checked: i64,
    /// The first entry whose content, link or place in the sequence is wrong.
    #[ts(type = "number | null")]
    pub first_broken_seq: Option<i64>,
    /// What was wrong with it, in English (for logs and the command line).
    pub problem: Option<String>,
    /// The hash of the newest entry: a fingerprint of the whole log.
    pub head_hash: String,
}

/// Walks the whole chain in order and reports the first broken entry.
///
/// Works on the log of any schema version, so that a copy kept before an upgrade, or an
/// old backup offered for restore, is checked as it stands: before schema 16 entries were
/// stored unpacked with a `prev_hash` link, and before the office network (schema 12) they
/// had no `client` column.
pub fn verify_chain(conn: &Connection) -> Result<AuditVerification> {
    let mut expected_seq = 1;
    let mut prev_hash = GENESIS_HASH.to_owned();
    let mut checked = 0;
    let mut broken = None;
    each_entry(conn, |stored| {
        let seq = stored.content.seq;
        checked += 1;
        let problem = if seq != expected_seq {
            // A gap means entries were deleted; the first missing number is the break.
            Some((expected_seq, format!("entry {expected_seq} is missing")))
        } else if stored
            .prev_hash
            .as_ref()
            .is_some_and(|link| *link != prev_hash)
        {
            Some((
                seq,
                "its link to the previous entry does not match".to_owned(),
            ))
        } else if !stored.readable {
            Some((seq, "its stored changes cannot be read".to_owned()))
        } else if stored_hash(&stored.content.hash(&prev_hash)) != stored.hash {
            Some((
                seq,
                "its content, or the entry before it, was changed after it was written".to_owned(),
            ))
        } else {
            None
        };
        if problem.is_some() {
            broken = problem;
            return Ok(ControlFlow::Break(()));
        }
        prev_hash = hex::encode(&stored.hash);
        expected_seq += 1;
        Ok(ControlFlow::Continue(()))
    })?;
    Ok(AuditVerification {
        ok: broken.is_none(),
        entries_checked: checked,
        first_broken_seq: broken.as_ref().map(|(seq, _)| *seq),
        problem: broken.map(|(_, problem)| problem),
        head_hash: prev_hash,
    })
}

/// An entry as the log stores it, read back.
pub(crate) struct StoredEntry {
    /// The hashed columns. When the packed changes cannot be read, before and after are
    /// `None` and `readable` is false.
    pub content: EntryContent,
    /// Whether the stored changes could be read.
    pub readable: bool,
    /// The stored hash's bytes.
    pub hash: Vec<u8>,
    /// The stored link, in logs from before schema 16.
    pub prev_hash: Option<String>,
}

/// Reads every entry in order, in whichever stored shape the file has, until `visit` stops.
pub(crate) fn each_entry(
    conn: &Connection,
    mut visit: impl FnMut(StoredEntry) -> Result<ControlFlow<()>>,
) -> Result<()> {
    let layout = Layout::of(conn)?;
    let mut stmt = conn.prepare(&layout.select())?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if visit(layout.read(r)?)?.is_break() {
            break;
        }
    }
    Ok(())
}

/// Which of the log's stored shapes a file has.
enum Layout {
    /// Schema 16 on: packed changes, binary hashes, no stored link.
    Packed,
    /// Before schema 16: JSON text columns, hex hashes and links; `client` from schema 12.
    Unpacked { has_client: bool },
}

impl Layout {
    fn of(conn: &Connection) -> Result<Self> {
        let has = |column: &str| -> Result<bool> {
            Ok(conn.query_row(
                "SELECT count(*) > 0 FROM pragma_table_info('audit_log') WHERE name = ?1",
                [column],
                |r| r.get(0),
            )?)
        };
        Ok(if has("changes")? {
            Self::Packed
        } else {
            Self::Unpacked {
                has_client: has("client")?,
            }
        })
    }

    fn select(&self) -> String {
        let (changes, link, client) = match self {
            Self::Packed => ("packing, changes", "NULL", "client"),
            Self::Unpacked { has_client } => (
                "before_json, after_json",
                "prev_hash",
                if *has_client { "client" } else { "NULL" },
            ),
        };
        format!(
            "SELECT seq, at, user_id, username, action, entity, entity_id, {changes}, {link},
                    hash, {client}
             FROM audit_log ORDER BY seq"
        )
    }

    fn read(&self, r: &rusqlite::Row<'_>) -> Result<StoredEntry> {
        let changes = match self {
            Self::Packed => {
                let packing: i64 = r.get(7)?;
                let bytes: Vec<u8> = r.get(8)?;
                packing::unpack(packing, &bytes).ok()
            }
            Self::Unpacked { .. } => Some(Changes {
                before: r.get(7)?,
                after: r.get(8)?,
            }),
        };
        let hash = match self {
            Self::Packed => r.get(10)?,
            Self::Unpacked { .. } => stored_hash(&r.get::<_, String>(10)?),
        };
        let readable = changes.is_some();
        let changes = changes.unwrap_or_default();
        Ok(StoredEntry {
            content: EntryContent {
                seq: r.get(0)?,
                at: r.get(1)?,
                user_id: r.get(2)?,
                username: r.get(3)?,
                action: r.get(4)?,
                entity: r.get(5)?,
                entity_id: r.get(6)?,
                before: changes.before,
                after: changes.after,
                client: r.get(11)?,
            },
            readable,
            hash,
            prev_hash: r.get(9)?,
        })
    }
}
