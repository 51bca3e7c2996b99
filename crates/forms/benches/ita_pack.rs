//! The ITA evidence pack of a fiscal year for a large body: 100,000 assets, 20,000 loans of
//! the year (a tenth of them chased after their due date), and the year's annual round of the
//! whole register closed — timed step by step, next to the simplest floors:
//!
//! (a) the snapshot the whole pack reads from, next to SQLite's online backup of the same
//!     file into memory through rusqlite alone;
//! (b) the pack made and written (folder and zip), with the time of each step as the
//!     progress bar reports it (target: 15 s);
//! (c) the manual with its flowchart (target: 0.5 s).
//!
//! The loans, their items and follow-ups are written with plain SQL (a benchmark's set-up,
//! not a path of the program); the round is opened and closed through the register.
//!
//! Run: `cargo bench -p phatsadu-forms --bench ita_pack` (about two minutes). Not part of
//! the test command; the figures go in the issue notes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    missing_docs
)]

/// The app's allocator (src-tauri/src/main.rs), so the figures are the app's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::time::Instant;

use phatsadu_core::calendar::FiscalYear;
use phatsadu_core::checks::CloseRound;
use phatsadu_core::{Actor, Register};
use phatsadu_forms::ita_pack::{build, write_pack};

mod common;
use common::{annual_round, best_of, ms, register_of_100k};

const LOANS: usize = 20_000;

/// 20,000 loans of `year`, each of one item, returned; every tenth chased once.
fn loans_of_the_year(register: &Register, year: FiscalYear) {
    let mut conn = register.raw_connection_for_tests();
    let tx = conn.transaction().unwrap();
    let people: Vec<i64> = tx
        .prepare("SELECT id FROM people")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let assets: Vec<(i64, i64)> = tx
        .prepare("SELECT id, division_id FROM assets ORDER BY id LIMIT 20000")
        .unwrap()
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<i64>>(1)?.unwrap_or(1),
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let start = year.start();
    for i in 0..LOANS {
        let starts_on = start + chrono::Days::new((i % 360) as u64);
        let due_on = starts_on + chrono::Days::new(3);
        let (asset, division) = assets[i % assets.len()];
        let stamp = format!("{starts_on}T02:00:00.000Z");
        tx.execute(
            "INSERT INTO loans (loan_no, status, kind, borrower_id, purpose, place_of_use,
                 starts_on, due_on, division_id, submitted_at, decided_at, closed_at, created_at,
                 updated_at, undertaking_at)
             VALUES (?1, 'closed', 'inside', ?2, 'ใช้ในการประชุม', 'ห้องประชุมสภา', ?3, ?4, ?5,
                     ?6, ?6, ?6, ?6, ?6, ?6)",
            rusqlite::params![
                format!("{}/{}", i + 1, year.be_year()),
                people[i % people.len()],
                starts_on,
                due_on,
                division,
                stamp
            ],
        )
        .unwrap();
        let loan = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO loan_items (loan_id, asset_id, line, state, handed_out_at, returned_at)
             VALUES (?1, ?2, 1, 'returned', ?3, ?3)",
            rusqlite::params![loan, asset, stamp],
        )
        .unwrap();
        if i % 10 == 0 {
            tx.execute(
                "INSERT INTO loan_follow_ups (loan_id, round, on_date, letter_no, method, created_at)
                 VALUES (?1, 1, ?2, ?3, 'letter', ?4)",
                rusqlite::params![
                    loan,
                    due_on + chrono::Days::new(2),
                    format!("ชร 73901/{}", i + 1),
                    stamp
                ],
            )
            .unwrap();
        }
    }
    tx.commit().unwrap();
}

/// The annual round of the year just ended, counted (a hundredth damaged) and closed.
fn annual_round_closed(register: &Register, system: &Actor) {
    let round = register
        .create_round(system, &annual_round(register, system))
        .unwrap();
    register.open_round(system, round.id).unwrap();
    register
        .raw_connection_for_tests()
        .execute(
            "UPDATE check_lines SET result = 'found',
                 condition = CASE WHEN id % 100 = 0 THEN 'damaged' ELSE 'in_use' END
             WHERE round_id = ?1",
            [round.id],
        )
        .unwrap();
    register
        .close_round(
            system,
            &CloseRound {
                round_id: round.id,
                rest_not_found: true,
            },
        )
        .unwrap();
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let system = Actor::System("bench".into());
    let started = Instant::now();
    let register = register_of_100k(dir.path(), &system);
    let year = FiscalYear::of(register.clock().today()).previous();
    loans_of_the_year(&register, year);
    annual_round_closed(&register, &system);
    println!(
        "set-up: 100,000 assets, {LOANS} loans of FY {}, the annual round closed ({:.1} s)",
        year.be_year(),
        started.elapsed().as_secs_f64()
    );
    println!(
        "register file: {:.1} MB",
        std::fs::metadata(dir.path().join("phatsadu.sqlite"))
            .unwrap()
            .len() as f64
            / 1e6
    );

    // (a) The snapshot, next to rusqlite's backup alone.
    let (snapshot, _) = best_of(3, || register.snapshot().unwrap());
    let (floor, _) = best_of(3, || {
        let source = rusqlite::Connection::open(dir.path().join("phatsadu.sqlite")).unwrap();
        let mut copy = rusqlite::Connection::open_in_memory().unwrap();
        rusqlite::backup::Backup::new(&source, &mut copy)
            .unwrap()
            .step(-1)
            .unwrap();
        copy
    });
    println!(
        "(a) snapshot in memory: {}   floor (rusqlite backup alone): {}",
        ms(snapshot),
        ms(floor)
    );

    // (b) The pack, step by step.
    let t = Instant::now();
    let mut last = Instant::now();
    let mut steps = Vec::new();
    let pack = build(&register, &system, year.be_year(), &mut |p| {
        steps.push((p.label.clone(), last.elapsed()));
        last = Instant::now();
    })
    .unwrap();
    let built = t.elapsed();
    let out = dir.path().join("pack");
    let t = Instant::now();
    write_pack(&pack, &out).unwrap();
    let written = t.elapsed();
    // Each step's time is reported when the next begins.
    for window in steps.windows(2) {
        println!("    {:<48} {}", window[0].0, ms(window[1].1));
    }
    let bytes: usize = pack.files.iter().map(|f| f.bytes.len()).sum();
    println!(
        "(b) pack of FY {}: {} files, {:.1} MB, built {} + written (folder and zip) {} = {} (target 15 s)",
        year.be_year(),
        pack.files.len(),
        bytes as f64 / 1e6,
        ms(built),
        ms(written),
        ms(built + written)
    );

    // (c) The manual with its flowchart.
    let (manual, printout) = best_of(5, || {
        phatsadu_forms::manual::manual_pdf(&register, &system, true).unwrap()
    });
    println!(
        "(c) the manual with its flowchart: {} ({} KB) (target 500 ms)",
        ms(manual),
        printout.bytes.len() / 1024
    );
}
