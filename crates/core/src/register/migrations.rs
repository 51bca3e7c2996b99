//! The schema, as numbered migrations embedded in the program.
//!
//! Each migration is a SQL file under `migrations/`, applied in order at open time.
//! The schema version is SQLite's `user_version`, which `rusqlite_migration` keeps.
//! Never edit a released migration: add the next number instead.

use std::sync::LazyLock;

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

use crate::error::{Error, Result};

/// The migration scripts, oldest first. Script N brings the schema to version N.
const SCRIPTS: &[&str] = &[
    include_str!("migrations/0001_foundation.sql"),
    include_str!("migrations/0002_assets.sql"),
    include_str!("migrations/0003_bulk_search_index.sql"),
    include_str!("migrations/0004_loans.sql"),
    include_str!("migrations/0005_logo.sql"),
    include_str!("migrations/0006_search_generation.sql"),
    include_str!("migrations/0007_drop_fts_search.sql"),
    include_str!("migrations/0008_search_changes.sql"),
    include_str!("migrations/0009_custodian_as_written.sql"),
    include_str!("migrations/0010_checks.sql"),
    include_str!("migrations/0011_search_words.sql"),
    include_str!("migrations/0012_network.sql"),
    include_str!("migrations/0013_materials.sql"),
    include_str!("migrations/0014_requisitions.sql"),
    include_str!("migrations/0015_disposal_manual.sql"),
    include_str!("migrations/0016_audit_packed.sql"),
];

/// The schema version whose script is followed by a step in Rust: packing the audit log.
const PACKED_AUDIT: usize = 16;

static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    Migrations::new(
        SCRIPTS
            .iter()
            .enumerate()
            .map(|(index, sql)| match index + 1 {
                PACKED_AUDIT => M::up_with_hook(sql, crate::audit::upgrade::pack_the_log),
                _ => M::up(sql),
            })
            .collect(),
    )
});

/// The newest schema version this program knows.
pub fn latest_version() -> i64 {
    // A handful of scripts: the count always fits.
    i64::try_from(SCRIPTS.len()).unwrap_or(i64::MAX)
}

/// The schema version stored in the file (0 for a new file).
pub fn file_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

/// Brings the schema up to date, refusing a file from a newer program.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let found = file_version(conn)?;
    let latest = latest_version();
    if found > latest {
        return Err(Error::SchemaTooNew {
            file_version: found,
            program_version: latest,
        });
    }
    MIGRATIONS.to_latest(conn).map_err(|e| match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => Error::Database(err),
        other => Error::Internal(format!("migration failed: {other}")),
    })
}

/// After an upgrade that left much of the file empty (packing the audit log frees about
/// two thirds of a large register), gives the space back to the disk. Best effort: the
/// register is whole either way, and the free pages would be reused as it grows.
pub(crate) fn reclaim_space(conn: &Connection) {
    let pages = |pragma: &str| -> i64 {
        conn.pragma_query_value(None, pragma, |row| row.get(0))
            .unwrap_or(0)
    };
    let (free, total) = (pages("freelist_count"), pages("page_count"));
    if free * 4 <= total {
        return;
    }
    // VACUUM builds the new file in a temporary one; in memory (the register's setting for
    // statement journals) that would hold the whole register in RAM, so it goes to disk.
    let vacuumed = conn
        .pragma_update(None, "temp_store", "FILE")
        .and_then(|()| conn.execute_batch("VACUUM"));
    if let Err(e) = vacuumed {
        tracing::warn!("after the upgrade, the free space could not be given back: {e}");
    }
    let _ = conn.pragma_update(None, "temp_store", "MEMORY");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid_and_count_matches() {
        assert!(MIGRATIONS.validate().is_ok());
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(file_version(&conn).unwrap(), latest_version());
    }
}
