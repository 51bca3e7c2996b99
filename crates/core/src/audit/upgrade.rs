//! Schema 16's conversion of the audit log to its packed form (migration 0016's Rust step).
//!
//! Every entry is copied over unchanged in what the hash covers: same sequence, time,
//! people, action, record, JSON text and client, with its hash as bytes. So the chain
//! verifies after the upgrade exactly as before it, to the same head hash.
//!
//! The one column that goes, `prev_hash`, only ever repeated the previous entry's hash. If
//! someone had edited it (or a hash into something that is not one), the old table is kept
//! beside the new one as `audit_log_v15`, so that the evidence of the edit is not tidied
//! away by the conversion; an edited entry's content is still caught by the check as before.

use std::ops::ControlFlow;

use rusqlite::Transaction;
use rusqlite_migration::{HookError, HookResult};

use super::chain::{GENESIS_HASH, each_entry, insert};
use crate::error::Error;

/// Copies every entry of `audit_log` into `audit_log_packed`, in order, then gives the new
/// table the log's name.
pub(crate) fn pack_the_log(tx: &Transaction<'_>) -> HookResult {
    let mut links_intact = true;
    let mut previous = GENESIS_HASH.to_owned();
    each_entry(tx, |stored| {
        // A link that is not the previous hash, or a hash that is not 32 bytes of hex.
        links_intact &=
            stored.prev_hash.as_deref() == Some(previous.as_str()) && stored.hash.len() == 32;
        insert(tx, "audit_log_packed", &stored.content, &stored.hash)?;
        previous = hex::encode(&stored.hash);
        Ok(ControlFlow::Continue(()))
    })
    .map_err(|e| match e {
        // SQLite's own errors (a full disk) keep their kind, to be said as such.
        Error::Database(e) => HookError::RusqliteError(e),
        other => HookError::Hook(other.to_string()),
    })?;
    if links_intact {
        tx.execute_batch("DROP TABLE audit_log")?;
    } else {
        tracing::warn!(
            "the audit log's links were already edited: its old table is kept as audit_log_v15"
        );
        tx.execute_batch("ALTER TABLE audit_log RENAME TO audit_log_v15")?;
    }
    tx.execute_batch("ALTER TABLE audit_log_packed RENAME TO audit_log")?;
    Ok(())
}
