//! Bulk loads and the search index (migration 0003).
//!
//! An asset is indexed by a trigger as it is inserted. FTS5 writes its in-memory index out
//! at the end of every statement, so a bulk load of single-row inserts would write one tiny
//! index segment per row; instead it pauses the trigger and indexes its rows in one
//! statement before its transaction commits.

use rusqlite::Connection;

use crate::error::Result;
use crate::ids::BatchId;

/// Stops indexing inserted assets until [`index_batch_and_resume`], in this transaction.
pub(crate) fn pause(conn: &Connection) -> Result<()> {
    conn.execute("INSERT INTO search_index_paused (only) VALUES (1)", [])?;
    Ok(())
}

/// Indexes every asset of an import batch in one statement and resumes indexing.
pub(crate) fn index_batch_and_resume(conn: &Connection, batch: BatchId) -> Result<()> {
    conn.execute(
        "INSERT INTO asset_search (rowid, code, name, brand, model, serial_no, place, custodian)
         SELECT a.id, a.code || ' ' || a.code_key, a.name, a.brand, a.model, a.serial_no,
                ifnull(l.name, ''),
                ifnull(p.title || p.first_name || ' ' || p.last_name, '')
         FROM assets a
         LEFT JOIN locations l ON l.id = a.location_id
         LEFT JOIN people p ON p.id = a.custodian_id
         WHERE a.batch_id = ?1",
        [batch],
    )?;
    conn.execute("DELETE FROM search_index_paused", [])?;
    // The per-row bump was paused too (migration 0006): once for the whole batch.
    conn.execute("UPDATE search_generation SET n = n + 1", [])?;
    Ok(())
}
