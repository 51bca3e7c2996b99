//! The register's state of health, for a problem report: its schema version, size,
//! SQLite's integrity check, the audit chain, and how many rows each table holds —
//! numbers and verdicts only, nothing written in it.

use serde::Serialize;

use super::{Register, migrations};
use crate::error::Result;

/// How the register is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Health {
    /// The file's schema version.
    pub schema_version: i64,
    /// The newest this program knows.
    pub program_schema_version: i64,
    /// The file's size in bytes (0 in memory).
    pub file_bytes: u64,
    /// SQLite's `PRAGMA integrity_check`: "ok", or its first findings.
    pub integrity: String,
    /// Whether the audit chain verifies, and how many entries it holds.
    pub audit_ok: bool,
    /// Entries in the audit log.
    pub audit_entries: i64,
    /// The first entry that breaks the chain, if one does.
    pub audit_broken_at: Option<i64>,
    /// Rows per table, by name.
    pub tables: Vec<(String, i64)>,
}

impl Register {
    /// Checks the register through (a read; it takes as long as an integrity check).
    pub fn health(&self) -> Result<Health> {
        let conn = self.reader();
        let schema_version = migrations::file_version(&conn)?;
        let findings: Vec<String> = conn
            .prepare("PRAGMA integrity_check(20)")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let audit = crate::audit::verify_chain(&conn)?;
        let names: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'table'
                 AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut tables = Vec::with_capacity(names.len());
        for name in names {
            let rows: i64 =
                conn.query_row(&format!("SELECT count(*) FROM \"{name}\""), [], |r| {
                    r.get(0)
                })?;
            tables.push((name, rows));
        }
        Ok(Health {
            schema_version,
            program_schema_version: migrations::latest_version(),
            file_bytes: self
                .path()
                .and_then(|p| std::fs::metadata(p).ok())
                .map_or(0, |m| m.len()),
            integrity: findings.join("\n"),
            audit_ok: audit.ok,
            audit_entries: audit.entries_checked,
            audit_broken_at: audit.first_broken_seq,
            tables,
        })
    }
}
