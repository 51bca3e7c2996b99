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

use rusqlite::{Transaction, params};
use rusqlite_migration::{HookError, HookResult};

use super::chain::{GENESIS_HASH, stored_hash};
use super::packing;

/// Copies the entries of `audit_log_unpacked` into the new `audit_log`, packed, in order.
pub(crate) fn pack_the_log(tx: &Transaction<'_>) -> HookResult {
    let mut links_intact = true;
    {
        let mut read = tx.prepare(
            "SELECT seq, at, user_id, username, action, entity, entity_id, before_json,
                    after_json, prev_hash, hash, client
             FROM audit_log_unpacked ORDER BY seq",
        )?;
        let mut write = tx.prepare(
            "INSERT INTO audit_log (seq, at, user_id, username, action, entity, entity_id,
                                    packing, changes, hash, client)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        let mut rows = read.query([])?;
        let mut previous = GENESIS_HASH.to_owned();
        while let Some(r) = rows.next()? {
            let before: Option<String> = r.get(7)?;
            let after: Option<String> = r.get(8)?;
            let prev_hash: String = r.get(9)?;
            let hash: String = r.get(10)?;
            links_intact &= prev_hash == previous && hash.len() == 64 && hex::decode(&hash).is_ok();
            let (packing, changes) = packing::pack(before.as_deref(), after.as_deref())
                .map_err(|e| HookError::Hook(e.to_string()))?;
            write.execute(params![
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
                packing,
                changes,
                stored_hash(&hash),
                r.get::<_, Option<String>>(11)?,
            ])?;
            previous = hash;
        }
    }
    if links_intact {
        tx.execute_batch("DROP TABLE audit_log_unpacked")?;
    } else {
        tracing::warn!(
            "the audit log's links were already edited: its old table is kept as audit_log_v15"
        );
        tx.execute_batch("ALTER TABLE audit_log_unpacked RENAME TO audit_log_v15")?;
    }
    Ok(())
}
