//! Crash safety: real writers killed with SIGKILL at random moments, then the register
//! checked. Each trial copies a prepared register (the sample organisation with 20 loan
//! requests waiting and an open check round of กองช่าง), starts one writer in a child
//! process, kills it after a random delay within how long that writer takes, and opens
//! what is left:
//!
//! - SQLite's `PRAGMA integrity_check` is ok and the audit chain verifies;
//! - every operation is wholly there or wholly absent — the import has all its 5,000 rows
//!   (and its batch and audit entry) or none; each loan is submitted, approved or out with
//!   its items and audit entries to match; the scanner's list is counted whole or not at
//!   all; each single scan has its line counted and its audit entry, or none of them;
//! - a copy under its own name (the backup's, the safety copy before an import) passes
//!   the full check, whatever moment the kill came.
//!
//! The writers: `phatsadu-cli import` of a 5,000-row register, `phatsadu-cli check load`
//! of a scanner's list, `phatsadu-cli backup`, and — the command line has no loans or
//! single scans — this test binary run again as a child that approves and hands out the
//! waiting loans, or scans codes one at a time, through phatsadu-core as the app does.
//!
//! 50 trials run in the test command. More, and a seed to repeat a run:
//!
//! ```sh
//! PHATSADU_CRASH_TRIALS=1000 cargo test --release -p phatsadu-cli --test crash -- --nocapture
//! PHATSADU_CRASH_SEED=1234 cargo test -p phatsadu-cli --test crash -- --nocapture
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use rusqlite::Connection;
use serde_json::json;

mod common;
use common::{cli, json};

/// Rows in the imported register.
const IMPORT_ROWS: usize = 5_000;
/// Loan requests waiting for the loan writer.
const LOANS: usize = 20;
/// Codes the single-scan writer scans.
const SCANS: usize = 40;

/// One kind of writer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Writer {
    Import,
    Loans,
    CodeList,
    Scans,
    Backup,
}

const WRITERS: [Writer; 5] = [
    Writer::Import,
    Writer::Loans,
    Writer::CodeList,
    Writer::Scans,
    Writer::Backup,
];

/// The prepared register every trial starts from, and what the writers read.
struct Base {
    dir: tempfile::TempDir,
    round: i64,
    loans: Vec<i64>,
    scan_codes: Vec<String>,
}

impl Base {
    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }
    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

fn ok(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The sample organisation, an open round of กองช่าง, 20 submitted loans of its other
/// items, a scanner's list, and a 5,000-row register to import.
fn prepare() -> Base {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(&cli(&data, &["sample-data"]));
    let out = cli(
        &data,
        &[
            "check",
            "create",
            "--kind",
            "periodic",
            "--name",
            "ตรวจนับกองช่าง",
            "--division",
            "กองช่าง",
            "--member",
            "นายธนากร ปัญญาดี",
            "--open",
            "--json",
        ],
    );
    ok(&out);
    let round = json(&out)["id"].as_i64().unwrap();
    let conn = Connection::open(data.join("phatsadu.sqlite")).unwrap();
    let codes: Vec<String> = conn
        .prepare(
            "SELECT a.code FROM check_lines l JOIN assets a ON a.id = l.asset_id
             WHERE l.round_id = ?1 ORDER BY a.code",
        )
        .unwrap()
        .query_map([round], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        codes.len() >= 30,
        "กองช่าง's round has {} lines",
        codes.len()
    );
    // The list loaded whole: its first half; the single scans: the rest.
    let half = codes.len() / 2;
    std::fs::write(dir.path().join("scanner.txt"), codes[..half].join("\n")).unwrap();
    let scan_codes: Vec<String> = codes[half..].iter().take(SCANS).cloned().collect();
    drop(conn);
    let loans = submit_loans(&data);
    let mut csv = String::from("รหัสครุภัณฑ์,รายการ,ประเภท,ส่วนราชการ,วันที่ได้มา,ราคาต่อหน่วย\n");
    for i in 1..=IMPORT_ROWS {
        writeln!(
            csv,
            "401-59-{i:04},เก้าอี้สำนักงาน,ครุภัณฑ์สำนักงาน,กองช่าง,15/03/2567,2500"
        )
        .unwrap();
    }
    std::fs::write(dir.path().join("register.csv"), csv).unwrap();
    // One file for the trials to copy: everything in the log moved into it.
    let conn = Connection::open(data.join("phatsadu.sqlite")).unwrap();
    let (busy, _, _): (i64, i64, i64) = conn
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(busy, 0, "the base register is still in use");
    drop(conn);
    Base {
        dir,
        round,
        loans,
        scan_codes,
    }
}

/// 20 one-item loans of กองช่าง's items to ณัฐพล, entered by the officer and submitted.
fn submit_loans(data: &Path) -> Vec<i64> {
    use phatsadu_core::Register;
    use phatsadu_core::loans::LoanRequest;
    let register = Register::open(data.join("phatsadu.sqlite")).unwrap();
    let conn = Connection::open(data.join("phatsadu.sqlite")).unwrap();
    let officer = actor(&conn, "officer");
    let borrower: i64 = conn
        .query_row(
            "SELECT id FROM people WHERE first_name = 'ณัฐพล'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let items: Vec<i64> = conn
        .prepare(
            "SELECT a.id FROM assets a JOIN divisions d ON d.id = a.division_id
             WHERE d.name = 'กองช่าง' AND a.status = 'in_use'
               AND a.id NOT IN (SELECT asset_id FROM loan_items WHERE state IN ('pending', 'out'))
             ORDER BY a.code DESC LIMIT ?1",
        )
        .unwrap()
        .query_map([LOANS as i64], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(items.len(), LOANS);
    let today = phatsadu_core::Clock::today(register.clock());
    items
        .iter()
        .map(|item| {
            let request: LoanRequest = serde_json::from_value(json!({
                "kind": "inside", "borrowerId": borrower, "agencyName": "", "agencyLetterNo": "",
                "purpose": "ซ่อมถนนหมู่ 5", "placeOfUse": "หมู่ 5", "startsOn": today,
                "dueOn": today + chrono::Days::new(3), "longLoanReason": "", "notes": "",
                "assetIds": [item], "paperNo": "", "submit": true, "undertaking": true
            }))
            .unwrap();
            register.create_loan(&officer, &request).unwrap().id.0
        })
        .collect()
}

/// The account called `username`, as an actor (the child is trusted as the app's shell is).
fn actor(conn: &Connection, username: &str) -> phatsadu_core::Actor {
    let id: i64 = conn
        .query_row(
            "SELECT id FROM users WHERE username = ?1",
            [username],
            |r| r.get(0),
        )
        .unwrap();
    phatsadu_core::Actor::User(phatsadu_core::ids::UserId(id))
}

/// Starts `writer` on the register in `data` (a trial's copy of the base); what it says
/// is kept only when `heard`.
fn start(writer: Writer, base: &Base, data: &Path, out: &Path, heard: bool) -> Child {
    let mut command = match writer {
        Writer::Import => cli_command(
            data,
            &[
                "import",
                base.file("register.csv").to_str().unwrap(),
                "--create-missing",
            ],
        ),
        Writer::CodeList => cli_command(
            data,
            &[
                "check",
                "load",
                &base.round.to_string(),
                base.file("scanner.txt").to_str().unwrap(),
            ],
        ),
        Writer::Backup => cli_command(data, &["backup", out.to_str().unwrap()]),
        Writer::Loans | Writer::Scans => {
            let mut c = Command::new(std::env::current_exe().unwrap());
            c.args(["child_writer", "--exact", "--ignored", "--nocapture"])
                .env("PHATSADU_CRASH_CHILD", format!("{writer:?}"))
                .env("PHATSADU_CRASH_DATA", data)
                .env("PHATSADU_CRASH_ROUND", base.round.to_string())
                .env("PHATSADU_CRASH_CODES", base.scan_codes.join(","));
            c
        }
    };
    let say = || if heard { Stdio::piped() } else { Stdio::null() };
    command.stdout(say()).stderr(say()).spawn().unwrap()
}

fn cli_command(data: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_phatsadu-cli"));
    c.arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("PHATSADU_DATA_DIR");
    c
}

/// The writers that run as this binary's child: approve and hand out every waiting loan,
/// or scan codes one at a time, each step its own transaction as in the app.
#[test]
#[ignore = "the crash harness's child process; not a test on its own"]
fn child_writer() {
    use phatsadu_core::Register;
    let Ok(kind) = std::env::var("PHATSADU_CRASH_CHILD") else {
        return;
    };
    let data = PathBuf::from(std::env::var("PHATSADU_CRASH_DATA").unwrap());
    let register = Register::open(data.join("phatsadu.sqlite")).unwrap();
    let conn = Connection::open(data.join("phatsadu.sqlite")).unwrap();
    if kind == "Loans" {
        // The agency head may approve any request (ข้อ ๒๐๘).
        let head = actor(&conn, "mayor");
        let officer = actor(&conn, "officer2");
        let waiting: Vec<i64> = conn
            .prepare("SELECT id FROM loans WHERE status = 'submitted' AND purpose = 'ซ่อมถนนหมู่ 5' ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for id in waiting {
            let loan = register
                .decide_loan(
                    &head,
                    &serde_json::from_value(json!({ "loanId": id, "approve": true, "reason": "" }))
                        .unwrap(),
                )
                .unwrap();
            let items: Vec<_> = loan
                .items
                .iter()
                .map(|i| json!({ "assetId": i.asset_id, "condition": "good" }))
                .collect();
            register
                .hand_out(
                    &officer,
                    &serde_json::from_value(json!({
                        "loanId": id, "items": items, "receivedByName": "นายณัฐพล เรือนคำ"
                    }))
                    .unwrap(),
                )
                .unwrap();
        }
    } else {
        let round: i64 = std::env::var("PHATSADU_CRASH_ROUND")
            .unwrap()
            .parse()
            .unwrap();
        let system = phatsadu_core::Actor::System("crash-harness".into());
        for code in std::env::var("PHATSADU_CRASH_CODES").unwrap().split(',') {
            register
                .scan(
                    &system,
                    &serde_json::from_value(json!({
                        "roundId": round, "code": code, "locationId": null, "condition": null
                    }))
                    .unwrap(),
                )
                .unwrap();
        }
    }
}

/// What is wrong with the register in `data` after `writer` was killed (empty: nothing).
fn problems(writer: Writer, base: &Base, data: &Path, out: &Path) -> Vec<String> {
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

/// Copies the base's data folder (the register file alone: it was closed cleanly).
fn fresh_copy(base: &Base, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    std::fs::copy(
        base.data().join("phatsadu.sqlite"),
        to.join("phatsadu.sqlite"),
    )
    .unwrap();
}

/// How long `writer` takes when left alone (the kill is drawn within this).
fn calibrate(writer: Writer, base: &Base, scratch: &Path) -> Duration {
    let data = scratch.join(format!("calibrate-{writer:?}"));
    fresh_copy(base, &data);
    let out = scratch.join(format!("calibrate-{writer:?}.sqlite"));
    let started = Instant::now();
    let output = start(writer, base, &data, &out, true)
        .wait_with_output()
        .unwrap();
    let took = started.elapsed();
    assert!(
        output.status.success(),
        "{writer:?} fails when left alone: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let left = problems(writer, base, &data, &out);
    assert!(left.is_empty(), "{writer:?} left alone: {left:?}");
    took
}

#[test]
fn writers_killed_at_random_moments_leave_the_register_whole() {
    let trials: usize = std::env::var("PHATSADU_CRASH_TRIALS")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(50);
    let seed: u64 = std::env::var("PHATSADU_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_secs()
        });
    println!(
        "crash harness: {trials} trials, seed {seed} (PHATSADU_CRASH_SEED={seed} repeats them)"
    );
    let started = Instant::now();
    let base = prepare();
    let scratch = tempfile::tempdir().unwrap();
    let durations: Vec<Duration> = WRITERS
        .iter()
        .map(|w| calibrate(*w, &base, scratch.path()))
        .collect();
    let mut rng = StdRng::seed_from_u64(seed);
    let mut failures = Vec::new();
    // Per writer: trials, killed mid-write, finished before the kill.
    let mut tally = [(0u32, 0u32, 0u32); WRITERS.len()];
    for trial in 0..trials {
        let which = trial % WRITERS.len();
        let writer = WRITERS[which];
        let data = scratch.path().join(format!("trial-{trial}"));
        fresh_copy(&base, &data);
        let out = scratch.path().join(format!("trial-{trial}-backup.sqlite"));
        // Anywhere from the process's start to a little past its usual end.
        let limit = durations[which].as_micros() as u64 * 11 / 10;
        let delay = Duration::from_micros(rng.random_range(0..=limit.max(1)));
        let mut child = start(writer, &base, &data, &out, false);
        std::thread::sleep(delay);
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        tally[which].0 += 1;
        if finished {
            tally[which].2 += 1;
        } else {
            tally[which].1 += 1;
        }
        let found = problems(writer, &base, &data, &out);
        if !found.is_empty() {
            failures.push(format!(
                "trial {trial} ({writer:?}, killed after {delay:?}): {found:?}"
            ));
        }
        std::fs::remove_dir_all(&data).unwrap();
        let _ = std::fs::remove_file(&out);
    }
    println!("writer      runs alone  trials  killed mid-write  finished first");
    for (i, writer) in WRITERS.iter().enumerate() {
        let (runs, killed, finished) = tally[i];
        println!(
            "{:<11} {:>9.0?}  {runs:>6}  {killed:>16}  {finished:>14}",
            format!("{writer:?}"),
            durations[i]
        );
    }
    println!(
        "{} failures in {trials} trials ({:.0?})",
        failures.len(),
        started.elapsed()
    );
    assert!(failures.is_empty(), "seed {seed}:\n{}", failures.join("\n"));
}
