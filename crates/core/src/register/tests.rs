use std::fs;

use rusqlite::Connection;

use super::*;
use crate::testing;

fn pragma_text(conn: &Connection, name: &str) -> String {
    conn.query_row(&format!("PRAGMA {name}"), [], |row| {
        row.get::<_, rusqlite::types::Value>(0)
    })
    .map(|v| format!("{v:?}"))
    .unwrap()
}

#[test]
fn open_creates_a_configured_register_with_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/folder/phatsadu.sqlite");
    let register = Register::open(&path).unwrap();
    assert!(path.is_file());
    let conn = register.conn();
    assert_eq!(pragma_text(&conn, "journal_mode"), "Text(\"wal\")");
    assert_eq!(pragma_text(&conn, "foreign_keys"), "Integer(1)");
    assert_eq!(pragma_text(&conn, "busy_timeout"), "Integer(5000)");
    assert_eq!(
        pragma_text(&conn, "application_id"),
        format!("Integer({APPLICATION_ID})")
    );
    assert_eq!(
        migrations::file_version(&conn).unwrap(),
        migrations::latest_version()
    );
}

#[test]
fn reopening_keeps_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phatsadu.sqlite");
    {
        let register = Register::open(&path).unwrap();
        register.complete_setup(&testing::setup_input()).unwrap();
    }
    let register = Register::open(&path).unwrap();
    assert!(!register.needs_setup().unwrap());
    assert_eq!(
        register.status().unwrap().organisation_name.as_deref(),
        Some("องค์การบริหารส่วนตำบลแม่กรณ์")
    );
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phatsadu.sqlite");
    let content = b"PK\x03\x04 this is really a spreadsheet".to_vec();
    fs::write(&path, &content).unwrap();
    let err = Register::open(&path).unwrap_err();
    assert!(matches!(err, Error::NotARegister { .. }), "{err:?}");
    assert_eq!(err.code(), "not_a_register");
    assert!(
        fs::read(&path).unwrap() == content,
        "the file's bytes are unchanged"
    );
}

#[test]
fn another_programs_database_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);")
            .unwrap();
    }
    let before = fs::read(&path).unwrap();
    let err = Register::open(&path).unwrap_err();
    assert!(matches!(err, Error::NotARegister { .. }), "{err:?}");
    assert!(
        fs::read(&path).unwrap() == before,
        "the file's bytes are unchanged"
    );
    let conn = Connection::open(&path).unwrap();
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tables, 1, "no Phatsadu tables were added");
}

#[test]
fn a_damaged_database_is_reported_as_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phatsadu.sqlite");
    Register::open(&path).unwrap();
    // Keep the SQLite header but overwrite the rest of the first page with noise.
    let mut bytes = fs::read(&path).unwrap();
    for (i, b) in bytes.iter_mut().enumerate().skip(16).take(4000) {
        *b = (i * 7 % 251) as u8;
    }
    fs::write(&path, &bytes).unwrap();
    let _ = fs::remove_file(path.with_extension("sqlite-wal"));
    let err = Register::open(&path).unwrap_err();
    assert_eq!(err.code(), "file_corrupt", "{err:?}");
}

#[test]
fn a_register_from_a_newer_program_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phatsadu.sqlite");
    Register::open(&path).unwrap();
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let err = Register::open(&path).unwrap_err();
    match err {
        Error::SchemaTooNew {
            file_version,
            program_version,
        } => {
            assert_eq!(file_version, 99);
            assert_eq!(program_version, migrations::latest_version());
        }
        other => panic!("expected schema_too_new, got {other:?}"),
    }
    let version: i64 = Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 99, "the newer file was not touched");
}

#[test]
fn a_data_dir_that_cannot_be_created_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-folder");
    fs::write(&blocker, b"x").unwrap();
    let err = Register::open(blocker.join("phatsadu.sqlite")).unwrap_err();
    assert_eq!(err.code(), "data_dir_not_writable");
    assert_eq!(err.details()["path"], blocker.display().to_string());
}

#[test]
fn sqlite_read_only_errors_name_the_file() {
    let err = rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY),
        None,
    );
    let mapped = file_error(err, Path::new("/data/phatsadu.sqlite"));
    assert_eq!(mapped.code(), "file_read_only");
    assert_eq!(mapped.details()["path"], "/data/phatsadu.sqlite");
}

#[test]
fn backup_is_a_checked_copy_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let register = Register::open(dir.path().join("phatsadu.sqlite")).unwrap();
    register.complete_setup(&testing::setup_input()).unwrap();
    let dest = dir.path().join("copy.sqlite");
    let report = register.backup_to(&dest).unwrap();
    assert_eq!(report.schema_version, migrations::latest_version());
    assert!(report.bytes > 0);
    let copy = Register::open(&dest).unwrap();
    assert!(!copy.needs_setup().unwrap());
    let err = register.backup_to(&dest).unwrap_err();
    assert_eq!(err.code(), "invalid_value");
}

#[test]
fn restore_is_refused_while_the_app_holds_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::at(dir.path().join("data"));
    let register = Register::open_in(&data).unwrap();
    let backup = dir.path().join("backup.sqlite");
    register.backup_to(&backup).unwrap();
    let _app = data.lock().unwrap();
    let err = crate::backup::restore(&data, &backup, "test").unwrap_err();
    assert_eq!(err.code(), "file_in_use");
}

#[test]
fn restore_replaces_the_register_keeps_the_old_one_and_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::at(dir.path().join("data"));
    let backup = dir.path().join("backup.sqlite");
    {
        let register = Register::open_in(&data).unwrap();
        let session = register.complete_setup(&testing::setup_input()).unwrap();
        register.backup_to(&backup).unwrap();
        // A change made after the backup: the restore must undo it.
        testing::division(&register, &session.actor(), "กองช่าง");
    }
    let report = crate::backup::restore(&data, &backup, "cli:tester").unwrap();
    let previous = report.previous_copy.expect("the replaced register is kept");
    assert!(previous.is_file());
    let restored = Register::open_in(&data).unwrap();
    let admin = Actor::System("test".into());
    assert!(restored.list_divisions(&admin).unwrap().is_empty());
    let page = restored
        .list_audit(
            &admin,
            &crate::audit::AuditQuery {
                limit: 1,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(page.entries[0].action, "register.restore");
    assert_eq!(page.entries[0].username.as_deref(), Some("cli:tester"));
    assert!(restored.verify_audit(&admin).unwrap().ok);
    let kept = Register::open(&previous).unwrap();
    assert_eq!(kept.list_divisions(&admin).unwrap().len(), 1);
}

#[test]
fn restore_refuses_a_file_that_is_not_a_register_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::at(dir.path().join("data"));
    {
        let register = Register::open_in(&data).unwrap();
        register.complete_setup(&testing::setup_input()).unwrap();
    }
    let bogus = dir.path().join("bogus.sqlite");
    fs::write(&bogus, b"hello").unwrap();
    let err = crate::backup::restore(&data, &bogus, "test").unwrap_err();
    assert_eq!(err.code(), "not_a_register");
    let register = Register::open_in(&data).unwrap();
    assert!(!register.needs_setup().unwrap());
    assert!(!data.backups_dir().exists(), "nothing was written");
}

#[test]
fn a_large_write_leaves_its_log_for_a_background_checkpoint_and_restores_the_automatic_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phatsadu.sqlite");
    let register = Register::open(&path).unwrap();
    let during = register
        .with_checkpoint_afterwards(|| {
            let conn = register.conn();
            conn.execute_batch(
                "CREATE TABLE bulk (n INTEGER);
                 WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 50000)
                 INSERT INTO bulk SELECT n FROM s;",
            )?;
            Ok(pragma_text(&conn, "wal_autocheckpoint"))
        })
        .unwrap();
    assert_eq!(during, "Integer(0)", "no checkpoint inside the large write");
    assert_eq!(
        pragma_text(&register.conn(), "wal_autocheckpoint"),
        "Integer(1000)"
    );
    // A failed write restores it too, and the committed rows are all there for another
    // connection (the command line, a backup) whether or not the copy has run yet.
    let failed: Result<()> =
        register.with_checkpoint_afterwards(|| Err(Error::invalid("x", "refused")));
    assert!(failed.is_err());
    assert_eq!(
        pragma_text(&register.conn(), "wal_autocheckpoint"),
        "Integer(1000)"
    );
    let other = Connection::open(&path).unwrap();
    let rows: i64 = other
        .query_row("SELECT count(*) FROM bulk", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 50_000);
}

#[test]
fn reads_go_on_while_a_write_is_open_and_see_only_what_was_committed() {
    let dir = tempfile::tempdir().unwrap();
    let (register, _clock, admin) = testing::set_up_on_file(dir.path());
    let register = Arc::new(register);
    let divisions = |register: &Register| register.list_divisions(&admin).unwrap().len();
    let before = divisions(&register);
    // A write holds the writing connection (as one waiting for the disk would) ...
    let conn = register.conn();
    conn.execute_batch(
        "BEGIN IMMEDIATE; INSERT INTO divisions (name, name_key, created_at) VALUES ('กองทดลอง', 'กองทดลอง', '2024-10-01T02:00:00Z');",
    )
    .unwrap();
    // ... and a read on another thread neither waits for it nor sees it.
    let (sent, answer) = std::sync::mpsc::channel();
    let reading = register.clone();
    let admin_there = admin.clone();
    std::thread::spawn(move || {
        let _ = sent.send(reading.list_divisions(&admin_there).map(|d| d.len()));
    });
    let seen = answer
        .recv_timeout(Duration::from_secs(3))
        .expect("the read waited for the write");
    assert_eq!(seen.unwrap(), before, "an uncommitted row is not read");
    conn.execute_batch("COMMIT").unwrap();
    drop(conn);
    assert_eq!(
        divisions(&register),
        before + 1,
        "the next read sees the commit"
    );
}

#[test]
fn a_snapshot_keeps_the_register_as_it_was_and_changes_nothing_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let (register, _clock, admin) = testing::set_up_on_file(dir.path());
    testing::division(&register, &admin, "กองช่าง");
    let snapshot = register.snapshot().unwrap();
    // Written after the snapshot: the register has it, the snapshot does not.
    testing::division(&register, &admin, "กองคลัง");
    let names = |r: &Register| -> Vec<String> {
        r.list_divisions(&admin)
            .unwrap()
            .into_iter()
            .map(|d| d.name)
            .collect()
    };
    assert_eq!(names(&snapshot), ["กองช่าง"]);
    assert_eq!(names(&register).len(), 2);
    // The same users and audit chain: the snapshot verifies with the register's head.
    let head = snapshot.verify_audit(&admin).unwrap();
    assert!(head.ok, "{head:?}");
    // A write to the snapshot stays there.
    testing::division(&snapshot, &admin, "กองการศึกษา");
    assert_eq!(names(&register).len(), 2);
}
