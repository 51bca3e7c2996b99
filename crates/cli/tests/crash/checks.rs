//! What is checked after a kill: the file is whole, the audit chain holds, and each
//! writer's operations are wholly there or wholly absent.

use std::path::Path;

use rusqlite::Connection;

use crate::base::{Base, IMPORT_ROWS, SCANS, Writer};

/// What is wrong with the register in `data` after `writer` was killed (empty: nothing).
pub fn problems(writer: Writer, base: &Base, data: &Path, out: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let path = data.join("phatsadu.sqlite");
    // Opened read-write first, as the app would: SQLite rolls back a torn transaction and
    // replays the committed part of the log.
    let conn = match Connection::open(&path) {
        Ok(c) => c,
        Err(e) => return vec![format!("does not open: {e}")],
    };
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap_or_else(|e| e.to_string());
    if integrity != "ok" {
        found.push(format!("integrity_check: {integrity}"));
    }
    match phatsadu_core::audit::verify_chain(&conn) {
        Ok(v) if v.ok => {}
        Ok(v) => found.push(format!("audit chain: {:?}", v.problem)),
        Err(e) => found.push(format!("audit chain: {e}")),
    }
    let count = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> i64 {
        conn.query_row(sql, p, |r| r.get(0)).unwrap()
    };
    match writer {
        Writer::Import => {
            let rows = count(
                "SELECT count(*) FROM assets WHERE code LIKE '401-59-%'",
                &[],
            );
            let batches = count("SELECT count(*) FROM import_batches", &[]);
            let audited = count(
                "SELECT count(*) FROM audit_log WHERE action = 'import.batch'",
                &[],
            );
            let whole = (rows, batches, audited) == (0, 0, 0)
                || (rows, batches, audited) == (IMPORT_ROWS as i64, 1, 1);
            if !whole {
                found.push(format!(
                    "import half there: {rows} rows, {batches} batches, {audited} audit entries"
                ));
            }
        }
        Writer::Loans => {
            for &id in &base.loans {
                let status: String = conn
                    .query_row("SELECT status FROM loans WHERE id = ?1", [id], |r| r.get(0))
                    .unwrap();
                let pending = count(
                    "SELECT count(*) FROM loan_items WHERE loan_id = ?1 AND state = 'pending' AND handed_out_at IS NULL",
                    &[&id],
                );
                let out_items = count(
                    "SELECT count(*) FROM loan_items WHERE loan_id = ?1 AND state = 'out' AND handed_out_at IS NOT NULL",
                    &[&id],
                );
                let entity = id.to_string();
                let approved = count(
                    "SELECT count(*) FROM audit_log WHERE action = 'loan.approve' AND entity_id = ?1",
                    &[&entity],
                );
                let handed = count(
                    "SELECT count(*) FROM audit_log WHERE action = 'loan.hand_out' AND entity_id = ?1",
                    &[&entity],
                );
                let state = (status.as_str(), pending, out_items, approved, handed);
                let whole = matches!(
                    state,
                    ("submitted", 1, 0, 0, 0) | ("approved", 1, 0, 1, 0) | ("out", 0, 1, 1, 1)
                );
                if !whole {
                    found.push(format!("loan {id} half-way: {state:?}"));
                }
            }
        }
        Writer::CodeList | Writer::Scans => {
            let source = if writer == Writer::CodeList {
                "file"
            } else {
                "scan"
            };
            let scans = count(
                "SELECT count(*) FROM check_scans WHERE round_id = ?1 AND source = ?2",
                &[&base.round, &source],
            );
            let counted = count(
                "SELECT count(*) FROM check_lines WHERE round_id = ?1 AND method = ?2",
                &[&base.round, &source],
            );
            let audited = count(
                "SELECT count(*) FROM audit_log WHERE action = 'check.scan' AND entity_id = ?1",
                &[&base.round.to_string()],
            );
            let listed = std::fs::read_to_string(base.file("scanner.txt"))
                .unwrap()
                .lines()
                .count() as i64;
            let whole = if writer == Writer::CodeList {
                (scans, counted, audited) == (0, 0, 0)
                    || (scans, counted, audited) == (listed, listed, listed)
            } else {
                scans == counted && scans == audited && scans <= SCANS as i64
            };
            if !whole {
                found.push(format!(
                    "{source} scans half there: {scans} scans, {counted} lines counted, {audited} audit entries"
                ));
            }
        }
        Writer::Backup => {
            if out.exists()
                && let Err(e) = phatsadu_core::backup::verify(out)
            {
                found.push(format!("the backup under its name does not check: {e}"));
            }
        }
    }
    drop(conn);
    // Every copy under its own name in backups/ passes the full check.
    if let Ok(entries) = std::fs::read_dir(data.join("backups")) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".sqlite")
                && let Err(e) = phatsadu_core::backup::verify(&entry.path())
            {
                found.push(format!("backups/{name} does not check: {e}"));
            }
        }
    }
    // And the program opens what is left and works on it.
    if let Err(e) = phatsadu_core::Register::open(&path) {
        found.push(format!("the program does not open it: {e}"));
    }
    found
}
