//! Bulk loads and the search's change counter (migrations 0003, 0006 and 0008).
//!
//! Every inserted asset bumps `search_generation` and lists itself in `search_changes`,
//! which tell the in-memory search copy what to read again. A bulk load of 100,000 rows
//! pauses that per-row work and, before its transaction commits (so a crash can never
//! leave it paused), bumps once with a step too large to list: the copy then rebuilds.

use rusqlite::Connection;

use crate::error::Result;

/// Stops the per-row bump for inserted assets until [`resume`], in this transaction.
pub(crate) fn pause(conn: &Connection) -> Result<()> {
    conn.execute("INSERT INTO search_index_paused (only) VALUES (1)", [])?;
    Ok(())
}

/// Resumes the per-row bump and bumps once for everything inserted meanwhile.
pub(crate) fn resume(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM search_index_paused", [])?;
    conn.execute("UPDATE search_generation SET n = n + 1", [])?;
    // Too many to list one by one: the search copy rebuilds whole (migration 0008).
    conn.execute(
        "INSERT INTO search_changes (generation, asset_id) SELECT n, NULL FROM search_generation",
        [],
    )?;
    Ok(())
}
