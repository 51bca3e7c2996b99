//! The whole log as JSON lines, oldest first, for reading without the program's window and
//! for checking the chain with tools of one's own.

use std::io::Write;

use serde::Serialize;

use super::packing;
use crate::auth::roles::Permission;
use crate::error::{Error, Result};
use crate::register::{Actor, Register};

/// One line of the export: an entry's columns exactly as hashed, and its hash.
///
/// `before` and `after` are the JSON text that was hashed, as strings, so that anyone can
/// recompute each hash: SHA-256 over the previous line's `hash`, a newline, and the JSON
/// array `[seq, at, userId, username, action, entity, entityId, before, after]` (with
/// `client` appended when there is one); the first entry's previous hash is 64 zeros.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Line {
    seq: i64,
    at: String,
    user_id: Option<i64>,
    username: String,
    action: String,
    entity: String,
    entity_id: Option<String>,
    before: Option<String>,
    after: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    client: Option<String>,
    hash: String,
}

impl Register {
    /// Writes every audit entry to `out`, one JSON object a line, oldest first, from one
    /// consistent read. Returns how many were written. An entry whose stored changes cannot
    /// be read is written with both as `null` (the chain check names it).
    pub fn export_audit(&self, actor: &Actor, out: &mut dyn Write) -> Result<u64> {
        self.read(actor, Some(Permission::ViewAuditLog), |conn, _| {
            let mut statement = conn.prepare(
                "SELECT seq, at, user_id, username, action, entity, entity_id, packing, changes,
                        client, hash
                 FROM audit_log ORDER BY seq",
            )?;
            let mut rows = statement.query([])?;
            let mut written = 0;
            while let Some(r) = rows.next()? {
                let changes =
                    packing::unpack(r.get(7)?, &r.get::<_, Vec<u8>>(8)?).unwrap_or_default();
                let line = Line {
                    seq: r.get(0)?,
                    at: r.get(1)?,
                    user_id: r.get(2)?,
                    username: r.get(3)?,
                    action: r.get(4)?,
                    entity: r.get(5)?,
                    entity_id: r.get(6)?,
                    before: changes.before,
                    after: changes.after,
                    client: r.get(9)?,
                    hash: hex::encode(r.get::<_, Vec<u8>>(10)?),
                };
                serde_json::to_writer(&mut *out, &line)
                    .map_err(|e| Error::Internal(format!("writing the audit export: {e}")))?;
                out.write_all(b"\n")
                    .map_err(|e| Error::Internal(format!("writing the audit export: {e}")))?;
                written += 1;
            }
            Ok(written)
        })
    }
}
