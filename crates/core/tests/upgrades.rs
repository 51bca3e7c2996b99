//! Upgrades from every earlier schema: each fixture under `tests/fixtures/` is a register
//! written by the program as it was at schema version N, with that program's own sample
//! organisation (made by `scripts/make-schema-fixtures.sh`). Today's program opens each: it
//! is migrated, a copy of the old file is kept in `backups/`, the file is intact, the audit
//! chain verifies and still holds the old head, every row of every table the old program
//! had is still there, the first asset reads as it did, and the sample's accounts still log
//! in and find their register. A file from a newer program is refused, unchanged.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Read;
use std::path::{Path, PathBuf};

use phatsadu_core::register::migrations;
use phatsadu_core::{Actor, Register};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// The fixture of schema `n` unpacked into `dir`, and what was recorded of it.
fn unpack(n: i64, dir: &Path) -> (PathBuf, serde_json::Value) {
    let gz = std::fs::read(fixtures().join(format!("schema-{n}.sqlite.gz"))).unwrap_or_else(|e| {
        panic!("the fixture of schema {n}: {e} (scripts/make-schema-fixtures.sh makes it)")
    });
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_end(&mut bytes)
        .unwrap();
    let path = dir.join("phatsadu.sqlite");
    std::fs::write(&path, bytes).unwrap();
    let facts: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join(format!("schema-{n}.json"))).unwrap(),
    )
    .unwrap();
    (path, facts)
}

fn count(register: &Register, table: &str) -> i64 {
    register
        .raw_connection_for_tests()
        .query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
            r.get(0)
        })
        .unwrap()
}

/// Tables a later migration rebuilds or drops by design (the search index's bookkeeping).
fn rebuilt(table: &str) -> bool {
    table.starts_with("search") || table.starts_with("asset_search")
}

#[test]
fn every_earlier_schema_opens_migrated_with_its_data_and_audit_chain_intact() {
    let latest = migrations::latest_version();
    for n in 1..=latest {
        let dir = tempfile::tempdir().unwrap();
        let (path, facts) = unpack(n, dir.path());
        assert_eq!(facts["schema"], n);
        let register =
            Register::open(&path).unwrap_or_else(|e| panic!("schema {n} does not open: {e}"));
        let conn = register.raw_connection_for_tests();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, latest, "schema {n} was migrated");
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok", "schema {n}");
        // What the upgrade freed (packing the audit log frees most of it) went back to the disk.
        let pages =
            |pragma: &str| -> i64 { conn.pragma_query_value(None, pragma, |r| r.get(0)).unwrap() };
        assert!(
            pages("freelist_count") * 4 <= pages("page_count"),
            "schema {n}: {} of {} pages left free",
            pages("freelist_count"),
            pages("page_count")
        );
        let head = facts["auditHead"].as_str().unwrap();
        let kept: i64 = conn
            .query_row(
                "SELECT count(*) FROM audit_log WHERE lower(hex(hash)) = ?1",
                [head],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(kept, 1, "schema {n}: the old head is still in the chain");
        drop(conn);
        if n < latest {
            assert!(
                dir.path()
                    .join("backups")
                    .join(format!("phatsadu-schema-v{n}.sqlite"))
                    .is_file(),
                "schema {n}: the old file is kept before the upgrade"
            );
        }
        let audit = register
            .verify_audit(&Actor::System("test".into()))
            .unwrap();
        assert!(audit.ok, "schema {n}: {:?}", audit.problem);
        for (table, rows) in facts["rows"].as_object().unwrap() {
            if rebuilt(table) {
                continue;
            }
            let before = rows.as_i64().unwrap();
            let exists: bool = register
                .raw_connection_for_tests()
                .query_row(
                    "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                    [table],
                    |r| r.get(0),
                )
                .unwrap();
            if !exists {
                continue;
            }
            assert_eq!(
                count(&register, table),
                before,
                "schema {n}: rows of {table}"
            );
        }
        let first = facts["firstAsset"].as_str().unwrap_or_default();
        if !first.is_empty() {
            let now: String = register
                .raw_connection_for_tests()
                .query_row(
                    "SELECT code || '|' || name || '|' || unit_price FROM assets ORDER BY id LIMIT 1",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(now, first, "schema {n}: the first asset");
        }
        // The program works on it: the officer logs in and reads the register.
        let officer = register
            .login(&phatsadu_core::auth::LoginInput {
                username: "officer".into(),
                password: "demo1234".into(),
            })
            .unwrap_or_else(|e| panic!("schema {n}: the officer cannot log in: {e}"))
            .actor();
        let summary = register.register_summary(&officer).unwrap();
        let every_state: u32 = summary.by_status.iter().map(|c| c.items).sum();
        assert_eq!(
            i64::from(every_state),
            facts["rows"]["assets"].as_i64().unwrap_or(0),
            "schema {n}: the register's items, disposed ones included"
        );
    }
}

/// The schema-15 fixture (the last with the log unpacked), edited with raw SQL as someone
/// with the file and a SQLite tool could, then opened by today's program.
fn edited_schema_15(dir: &Path, edit: &str) -> Register {
    let (path, _) = unpack(15, dir);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(&format!("DROP TRIGGER audit_log_no_update; {edit}"))
            .unwrap();
    }
    Register::open(&path).unwrap()
}

fn has_table(register: &Register, name: &str) -> bool {
    register
        .raw_connection_for_tests()
        .query_row(
            "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
            [name],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn an_entry_edited_before_the_log_was_packed_is_still_named_after() {
    let dir = tempfile::tempdir().unwrap();
    let register = edited_schema_15(
        dir.path(),
        "UPDATE audit_log SET after_json = after_json || ' ' WHERE seq = 5;",
    );
    let edited: String = register
        .raw_connection_for_tests()
        .query_row(
            "SELECT lower(hex(changes)) FROM audit_log WHERE seq = 5",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!edited.is_empty(), "entry 5 had an after to edit");
    let audit = register
        .verify_audit(&Actor::System("test".into()))
        .unwrap();
    assert_eq!(audit.first_broken_seq, Some(5), "{audit:?}");
    // Its links were whole, so the old table went: the edit is in the content itself.
    assert!(!has_table(&register, "audit_log_v15"));
    assert!(!has_table(&register, "audit_log_unpacked"));
}

#[test]
fn an_old_log_whose_links_were_edited_is_kept_beside_the_packed_one() {
    let dir = tempfile::tempdir().unwrap();
    let register = edited_schema_15(
        dir.path(),
        "UPDATE audit_log SET prev_hash = 'edited' WHERE seq = 7;",
    );
    // The link column is gone from the packed log, and every hash still covers the real
    // link, so the packed chain verifies; the old table, with the edit, is kept as evidence.
    assert!(has_table(&register, "audit_log_v15"));
    let edited: String = register
        .raw_connection_for_tests()
        .query_row(
            "SELECT prev_hash FROM audit_log_v15 WHERE seq = 7",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(edited, "edited");
    let audit = register
        .verify_audit(&Actor::System("test".into()))
        .unwrap();
    assert!(audit.ok, "{audit:?}");
}

#[test]
fn the_copy_kept_before_the_upgrade_is_checked_as_the_old_program_wrote_it() {
    let dir = tempfile::tempdir().unwrap();
    let (path, facts) = unpack(15, dir.path());
    drop(Register::open(&path).unwrap());
    let kept = dir
        .path()
        .join("backups")
        .join("phatsadu-schema-v15.sqlite");
    let conn = rusqlite::Connection::open(&kept).unwrap();
    let audit = phatsadu_core::audit::verify_chain(&conn).unwrap();
    assert!(audit.ok, "{audit:?}");
    assert_eq!(audit.head_hash, facts["auditHead"].as_str().unwrap());
}

#[test]
fn a_file_from_a_newer_program_is_refused_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = unpack(migrations::latest_version(), dir.path());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", migrations::latest_version() + 1)
            .unwrap();
    }
    let digest = |p: &Path| {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(std::fs::read(p).unwrap()))
    };
    let before = digest(&path);
    let err = Register::open(&path).unwrap_err();
    assert_eq!(err.code(), "schema_too_new", "{err}");
    assert!(digest(&path) == before, "nothing was written");
    assert!(!dir.path().join("backups").exists(), "no copy either");
}
