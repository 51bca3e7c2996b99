//! An inventory check at 100,000 assets, each job next to the simplest floor for it:
//!
//! (a) opening a round of the whole register, three times (the expected list fixed in one
//!     INSERT…SELECT), next to SQLite copying the same rows into a twin of `check_lines`
//!     (same columns and indexes);
//! (b) one scan answered through `Register::scan` (its own transaction, `synchronous =
//!     FULL` as the register runs), p50/p95 over 2,000 scans typed the ways scanners and
//!     people send codes, next to the raw floor: look the code up, mark its line, commit;
//! (c) the reconciliation summary (per place, in counts), next to the bare GROUP BY;
//! (d) two scanners' lists of 47,500 codes each, loaded a file at a time;
//! (e) the annual report: its figures from core, then the PDF and the workbook, after the
//!     round is closed with the rest marked not found;
//! (f) a 5,000-line check sheet with a QR code per line, next to the same lines as bare
//!     text (no table, no QR). An office printing the same sheet from a spreadsheet with
//!     LibreOffice takes 6.3–6.7 s on this kind of machine.
//!
//! Run: `cargo bench -p phatsadu-forms --bench checks` (about a minute and a half). Not part
//! of the test command; the figures go in the issue notes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    missing_docs
)]

/// The app's allocator (src-tauri/src/main.rs), so the figures are the app's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::time::{Duration, Instant};

use base64::Engine as _;
use phatsadu_core::Actor;
use phatsadu_core::calendar::{Digits, to_thai_digits};
use phatsadu_core::checks::{
    CloseRound, CodeListInput, MemberInput, MemberRole, RoundInput, RoundKind, ScanInput,
};
use phatsadu_forms::checks as printouts;
use phatsadu_forms::forms::check_sheet::{self, SheetOptions};
use phatsadu_forms::pdf::{Flow, Metadata, Orientation, Style, to_pdf};
use phatsadu_forms::printing::letterhead;

/// The 100,000-item register the benchmarks share.
mod common;
use common::{annual_round, best_of, ms, percentile, register_of_100k, support};

const SCANS: usize = 2_000;
const SHEET_LINES: usize = 5_000;

/// A code as it reaches the scan field: as printed, in Thai digits, with spaces, lower case.
fn spelled(code: &str, i: usize) -> String {
    match i % 4 {
        0 => code.to_owned(),
        1 => to_thai_digits(code),
        2 => code.replace('-', " "),
        _ => format!(" {} ", code.to_lowercase()),
    }
}

fn main() {
    // PHATSADU_BENCH_DIR keeps the register afterwards, for looking at query plans.
    let temp = tempfile::tempdir().unwrap();
    let dir = std::env::var_os("PHATSADU_BENCH_DIR")
        .map_or_else(|| temp.path().to_owned(), std::path::PathBuf::from);
    let system = Actor::System("bench".into());
    let started = Instant::now();
    let register = register_of_100k(&dir, &system);
    println!(
        "Phatsadu check benchmark, {} assets, file-backed register (WAL, synchronous FULL); set up in {:.1} s\n",
        support::ROWS,
        started.elapsed().as_secs_f64()
    );
    let conn = rusqlite::Connection::open(dir.join("phatsadu.sqlite")).unwrap();
    conn.pragma_update(None, "synchronous", "FULL").unwrap();
    conn.pragma_update(None, "cache_size", -65_536).unwrap();
    conn.busy_timeout(Duration::from_secs(5)).unwrap();

    // (a) opening: two whole-register periodic rounds first (the machine's noise shows in
    // their spread), then the annual round the rest of the benchmark counts. The floor
    // copies the annual round's lines into a twin table as many times.
    let input = annual_round(&register, &system);
    let mut opens = Vec::new();
    for n in 1..=2 {
        let periodic = RoundInput {
            kind: RoundKind::Periodic,
            name: format!("ตรวจนับทั้งทะเบียน รอบที่ {n}"),
            fiscal_year: None,
            members: vec![MemberInput {
                role: MemberRole::Checker,
                ..input.members[0].clone()
            }],
            officer_id: None,
            ..input.clone()
        };
        let draft = register.create_round(&system, &periodic).unwrap();
        let t = Instant::now();
        register.open_round(&system, draft.id).unwrap();
        opens.push(t.elapsed());
    }
    let round = register.create_round(&system, &input).unwrap();
    let t = Instant::now();
    let opened = register.open_round(&system, round.id).unwrap();
    opens.push(t.elapsed());
    assert_eq!(opened.progress.expected as usize, support::ROWS);
    let mut floors = Vec::new();
    for _ in 0..3 {
        conn.execute_batch(
            "CREATE TABLE floor_lines AS SELECT * FROM check_lines WHERE 0;
             CREATE INDEX floor_lines_by_round ON floor_lines (round_id, seq);
             CREATE INDEX floor_lines_by_place ON floor_lines (round_id, division_id, location_id, result);
             CREATE UNIQUE INDEX floor_lines_once ON floor_lines (asset_id, round_id);",
        )
        .unwrap();
        let t = Instant::now();
        conn.execute(
            "INSERT INTO floor_lines SELECT * FROM check_lines WHERE round_id = ?1",
            [round.id],
        )
        .unwrap();
        floors.push(t.elapsed());
        conn.execute_batch("DROP TABLE floor_lines;").unwrap();
    }
    let open = percentile(&mut opens.clone(), 0.5);
    let open_floor = percentile(&mut floors, 0.5);
    println!(
        "(a) opening a whole-register round ({} lines), 3 times",
        support::ROWS
    );
    println!(
        "    raw SQLite floor       median {:>10}   (the same rows copied into a twin table)",
        ms(open_floor)
    );
    println!(
        "    Register::open_round   median {:>10}   (each: {}; {:.2}× the floor; target ≤ 1 s)",
        ms(open),
        opens.iter().map(|d| ms(*d)).collect::<Vec<_>>().join(", "),
        open.as_secs_f64() / open_floor.as_secs_f64()
    );

    // (b) scans: every 50th line, spelled four ways; the floor marks other lines.
    let lines = register.sheet_lines(&system, round.id, None).unwrap();
    let mut core = Vec::with_capacity(SCANS);
    for (i, line) in lines.iter().step_by(50).take(SCANS).enumerate() {
        let scan = ScanInput {
            round_id: round.id,
            code: spelled(&line.code, i),
            location_id: None,
            condition: None,
        };
        let t = Instant::now();
        let result = register.scan(&system, &scan).unwrap();
        core.push(t.elapsed());
        assert!(result.line.is_some(), "{} found", line.code);
    }
    let mut floor = Vec::with_capacity(SCANS);
    for line in lines.iter().skip(25).step_by(50).take(SCANS) {
        let t = Instant::now();
        conn.execute_batch("BEGIN IMMEDIATE").unwrap();
        let asset: i64 = conn
            .prepare_cached("SELECT id FROM assets WHERE code_key = ?1")
            .unwrap()
            .query_row([phatsadu_core::assets::codes::code_key(&line.code)], |r| {
                r.get(0)
            })
            .unwrap();
        conn.prepare_cached(
            "UPDATE check_lines SET result = 'found', counted_at = ?3
             WHERE round_id = ?1 AND asset_id = ?2 AND result IS NULL",
        )
        .unwrap()
        .execute(rusqlite::params![round.id, asset, "2026-10-02T03:00:00Z"])
        .unwrap();
        conn.execute_batch("COMMIT").unwrap();
        floor.push(t.elapsed());
    }
    let (c50, c95) = (percentile(&mut core, 0.5), percentile(&mut core, 0.95));
    let (f50, f95) = (percentile(&mut floor, 0.5), percentile(&mut floor, 0.95));
    println!("\n(b) one scan, {SCANS} scans (as printed, Thai digits, spaces, lower case)");
    println!(
        "    raw SQLite floor       p50 {:>10}  p95 {:>10}   (look up, mark the line, commit)",
        ms(f50),
        ms(f95)
    );
    println!(
        "    Register::scan         p50 {:>10}  p95 {:>10}   ({:.2}× the floor at p95; target p95 ≤ 5 ms)",
        ms(c50),
        ms(c95),
        c95.as_secs_f64() / f95.as_secs_f64()
    );

    // (c) the reconciliation summary
    let mut summaries = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        std::hint::black_box(register.round_summary(&system, round.id).unwrap());
        summaries.push(t.elapsed());
    }
    let (summary_floor, _) = best_of(20, || {
        conn.prepare_cached(
            "SELECT location_id, count(*), count(result), count(*) FILTER (WHERE result = 'found'),
                    count(*) FILTER (WHERE result = 'not_found')
             FROM check_lines WHERE round_id = ?1 GROUP BY division_id, location_id",
        )
        .unwrap()
        .query_map([round.id], |r| r.get::<_, i64>(1))
        .unwrap()
        .count()
    });
    println!("\n(c) the reconciliation summary");
    println!("    raw SQLite GROUP BY    best {:>10}", ms(summary_floor));
    println!(
        "    Register::round_summary p50 {:>9}  p95 {:>10}   (target ≤ 100 ms)",
        ms(percentile(&mut summaries, 0.5)),
        ms(percentile(&mut summaries, 0.95))
    );

    // (d) two scanners' memories: 95,000 other lines' codes, 47,500 to a file (1,000 left to be marked not found) (a list holds
    // at most 50,000 lines).
    let codes: Vec<&str> = lines
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 50 != 0 && i % 50 != 25)
        .take(95_000)
        .map(|(_, l)| l.code.as_str())
        .collect();
    let mut loads = Vec::new();
    for chunk in codes.chunks(47_500) {
        let text: String = chunk.iter().map(|c| format!("{c}\n")).collect();
        let list = CodeListInput {
            round_id: round.id,
            file_name: "scanner.txt".into(),
            data_base64: base64::engine::general_purpose::STANDARD.encode(text.as_bytes()),
            location_id: None,
            dry_run: false,
        };
        let t = Instant::now();
        let loaded = register.load_code_list(&system, &list).unwrap();
        loads.push(t.elapsed());
        assert_eq!(loaded.counted as usize, chunk.len());
    }
    println!(
        "\n(d) a scanner's list of 47,500 codes loaded in one transaction  {} and {}",
        ms(loads[0]),
        ms(loads[1])
    );

    // (e) the annual report, the rest marked not found
    register
        .close_round(
            &system,
            &CloseRound {
                round_id: round.id,
                rest_not_found: true,
            },
        )
        .unwrap();
    let (figures, report) = best_of(3, || register.check_report(&system, round.id).unwrap());
    let (pdf, printed) = best_of(3, || {
        printouts::report(&register, &system, round.id).unwrap()
    });
    let (xlsx, book) = best_of(3, || {
        printouts::report_workbook(&register, &system, round.id).unwrap()
    });
    println!(
        "\n(e) the annual report ({} categories, {} findings)",
        report.balances.len(),
        report.findings.len()
    );
    println!(
        "    Register::check_report {:>10}   (balances by category and the findings)",
        ms(figures)
    );
    println!(
        "    report PDF             {:>10}   ({} bytes; target ≤ 2 s)",
        ms(pdf),
        printed.bytes.len()
    );
    println!(
        "    report workbook        {:>10}   ({} bytes)",
        ms(xlsx),
        book.0.len()
    );

    // (f) a 5,000-line sheet
    let head = letterhead(&register, &system).unwrap();
    let detail = register.check_round(&system, round.id).unwrap();
    let sheet_lines = &lines[..SHEET_LINES];
    let blank = SheetOptions {
        with_results: false,
    };
    check_sheet::check_sheets(&head, &detail, &lines[..200], blank).unwrap(); // warm fonts
    let mut runs = Vec::new();
    let mut bytes = 0;
    for _ in 0..5 {
        let t = Instant::now();
        bytes = check_sheet::check_sheets(&head, &detail, sheet_lines, blank)
            .unwrap()
            .len();
        runs.push(t.elapsed());
    }
    let (bare, _) = best_of(5, || {
        let mut flow = Flow::new(Orientation::Landscape, Digits::Arabic);
        for (i, l) in sheet_lines.iter().enumerate() {
            flow.paragraph(
                &format!("{} {} {}", i + 1, l.code, l.name),
                Style::BODY.sized(12.0),
            );
        }
        to_pdf(&flow.finish(""), &Metadata::default())
            .unwrap()
            .len()
    });
    println!("\n(f) a {SHEET_LINES}-line check sheet with a QR code per line");
    println!(
        "    bare text lines floor  best {:>10}   (no table, no QR)",
        ms(bare)
    );
    println!(
        "    check sheet            best {:>10}  median {:>10}   ({} bytes; target ≤ 0.3 s; LibreOffice 6.3–6.7 s)",
        ms(*runs.iter().min().unwrap()),
        ms(percentile(&mut runs, 0.5)),
        bytes
    );
}
