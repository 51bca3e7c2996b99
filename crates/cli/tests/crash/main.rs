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

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use rusqlite::Connection;
use serde_json::json;

mod base;
mod checks;
#[path = "../common/mod.rs"]
mod common;

use base::{Base, WRITERS, Writer, actor, prepare};
use checks::problems;

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
