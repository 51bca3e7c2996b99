//! The whole log as JSON lines, oldest first, for reading without the program's window and
//! for checking the chain with tools of one's own.

use std::io::Write;
use std::ops::ControlFlow;

use serde::Serialize;

use super::chain::{EntryContent, each_entry};
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
struct Line {
    #[serde(flatten)]
    entry: EntryContent,
    hash: String,
}

impl Register {
    /// Writes every audit entry to `out`, one JSON object a line, oldest first, from one
    /// consistent read. Returns how many were written. An entry whose stored changes cannot
    /// be read is written with both as `null` (the chain check names it).
    pub fn export_audit(&self, actor: &Actor, out: &mut dyn Write) -> Result<u64> {
        self.read(actor, Some(Permission::ViewAuditLog), |conn, _| {
            let failed =
                |e: std::io::Error| Error::Internal(format!("writing the audit export: {e}"));
            let mut written = 0;
            each_entry(conn, |stored| {
                let line = Line {
                    entry: stored.content,
                    hash: hex::encode(stored.hash),
                };
                serde_json::to_writer(&mut *out, &line).map_err(|e| failed(e.into()))?;
                out.write_all(b"\n").map_err(failed)?;
                written += 1;
                Ok(ControlFlow::Continue(()))
            })?;
            Ok(written)
        })
    }
}
