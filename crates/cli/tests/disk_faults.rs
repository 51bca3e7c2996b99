//! A disk that fills up or turns read-only in the middle of a write: the writer stops with
//! an error that says so (a code the window words in Thai), nothing of the write stays,
//! and the register still opens, intact, and takes the same write once there is room.
//!
//! Two ways to run out of room: a file-size limit (`ulimit -f`, which works anywhere —
//! the disk "refuses" with EFBIG), and, where the test may mount file systems (root), a
//! small tmpfs that really fills (ENOSPC) and is then remounted read-only under the
//! running program's data folder.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rusqlite::Connection;

mod common;
use common::{cli, json};

/// A register of `rows` chairs to import.
fn chairs(dir: &Path, rows: usize) -> PathBuf {
    let mut csv = String::from("รหัสครุภัณฑ์,รายการ,ประเภท,ส่วนราชการ,วันที่ได้มา,ราคาต่อหน่วย\n");
    for i in 1..=rows {
        writeln!(
            csv,
            "401-59-{i:05},เก้าอี้สำนักงานบุนวมขาเหล็กพร้อมพนักพิงสูง,ครุภัณฑ์สำนักงาน,กองช่าง,15/03/2567,2500"
        )
        .unwrap();
    }
    let path = dir.join(format!("chairs-{rows}.csv"));
    std::fs::write(&path, csv).unwrap();
    path
}

/// The CLI under a file-size limit of `kib` KiB (SIGXFSZ ignored, so a write past the limit
/// fails with EFBIG instead of killing the program).
fn cli_limited(data: &Path, kib: u64, args: &[&str]) -> Output {
    let mut script = format!(
        "trap '' XFSZ; ulimit -f {kib}; exec '{}' --data-dir '{}' --json",
        env!("CARGO_BIN_EXE_phatsadu-cli"),
        data.display()
    );
    for arg in args {
        script.push_str(&format!(" '{arg}'"));
    }
    Command::new("bash")
        .args(["-c", &script])
        .env_remove("PHATSADU_DATA_DIR")
        .output()
        .unwrap()
}

/// What the register holds: its items, whether it is whole, whether its audit verifies.
fn state(data: &Path) -> (i64, String, bool) {
    let conn = Connection::open(data.join("phatsadu.sqlite")).unwrap();
    let items: i64 = conn
        .query_row("SELECT count(*) FROM assets", [], |r| r.get(0))
        .unwrap();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    let audit = phatsadu_core::audit::verify_chain(&conn).unwrap().ok;
    (items, integrity, audit)
}

/// The CLI's import of `file`, as the officer would run it, its result as JSON.
fn import(data: &Path, file: &Path) -> Output {
    cli(
        data,
        &[
            "--json",
            "import",
            file.to_str().unwrap(),
            "--create-missing",
        ],
    )
}

fn error_code(out: &Output) -> String {
    assert!(!out.status.success(), "the write should have failed");
    json(out)["error"]["code"].as_str().unwrap().to_owned()
}

#[test]
fn a_write_past_what_the_disk_takes_is_refused_whole_and_the_register_carries_on() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    assert!(cli(&data, &["sample-data"]).status.success());
    let before = state(&data);
    assert_eq!(before.1, "ok");
    let register_kib = std::fs::metadata(data.join("phatsadu.sqlite"))
        .unwrap()
        .len()
        / 1024;
    let file = chairs(dir.path(), 20_000);

    // Room for the copy kept before the import, not for the import's 20,000 rows.
    let out = cli_limited(
        &data,
        register_kib + 400,
        &["import", file.to_str().unwrap(), "--create-missing"],
    );
    let code = error_code(&out);
    assert!(
        ["disk_full", "disk_write_failed"].contains(&code.as_str()),
        "{code}: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(state(&data), before, "nothing of the import stayed");

    // A backup that does not fit: refused, no file under its name, nothing half-written.
    let dest = dir.path().join("copy.sqlite");
    let out = cli_limited(&data, register_kib / 2, &["backup", dest.to_str().unwrap()]);
    let code = error_code(&out);
    assert!(
        ["disk_full", "disk_write_failed"].contains(&code.as_str()),
        "{code}"
    );
    assert!(!dest.exists());
    assert!(!dir.path().join("copy.sqlite.partial").exists());

    // With room again the same import goes in whole.
    let out = import(&data, &file);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = state(&data);
    assert_eq!(after, (before.0 + 20_000, "ok".to_owned(), true));
}

/// A tmpfs mounted for the test, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    /// Mounts one of `kib` KiB at `at`, or says why it cannot (not root, no permission).
    fn mount(at: &Path, kib: u64) -> Result<Self, String> {
        std::fs::create_dir_all(at).unwrap();
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(at)
            .output()
            .map_err(|e| e.to_string())?;
        if out.status.success() {
            Ok(Self(at.to_path_buf()))
        } else {
            Err(String::from_utf8_lossy(&out.stderr).into_owned())
        }
    }

    fn remount(&self, mode: &str) {
        let out = Command::new("mount")
            .args(["-o", &format!("remount,{mode}")])
            .arg(&self.0)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).output();
    }
}

#[test]
fn a_disk_that_fills_up_or_turns_read_only_leaves_the_register_whole() {
    let dir = tempfile::tempdir().unwrap();
    let seed = dir.path().join("seed");
    assert!(cli(&seed, &["sample-data"]).status.success());
    let register_kib = std::fs::metadata(seed.join("phatsadu.sqlite"))
        .unwrap()
        .len()
        / 1024;
    // Room for the register and the copy before the import, and a little more.
    let disk = match Tmpfs::mount(&dir.path().join("disk"), register_kib * 2 + 600) {
        Ok(disk) => disk,
        Err(why) => {
            // Only root may mount; the file-size test above covers the rest everywhere.
            println!("no tmpfs here ({why}); the full-disk case ran under ulimit only");
            return;
        }
    };
    let data = disk.0.join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::copy(seed.join("phatsadu.sqlite"), data.join("phatsadu.sqlite")).unwrap();
    let before = state(&data);
    let file = chairs(dir.path(), 20_000);
    let out = import(&data, &file);
    let code = error_code(&out);
    assert!(
        ["disk_full", "disk_write_failed"].contains(&code.as_str()),
        "{code}: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(state(&data), before, "nothing of the import stayed");

    // The disk turns read-only (Linux refuses that while a program holds a file open for
    // writing, so the program starts on it): its write is refused by name.
    disk.remount("ro");

    let small = chairs(dir.path(), 3);
    let out = import(&data, &small);
    let code = error_code(&out);
    assert!(
        [
            "file_read_only",
            "data_dir_not_writable",
            "disk_write_failed"
        ]
        .contains(&code.as_str()),
        "{code}: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    disk.remount("rw");
    assert_eq!(state(&data), before, "the register is as it was");
    // Room made (the person deletes the copy the refused import left), the write goes in.
    std::fs::remove_dir_all(data.join("backups")).unwrap();
    let out = import(&data, &small);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(state(&data).0, before.0 + 3);
}
