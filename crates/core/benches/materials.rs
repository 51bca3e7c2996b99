//! Materials at 20,000 items and 1,000,000 card entries (one item with 10,000), each job
//! next to its floor:
//!
//! (a) every item's balance at a date (`Register::material_balances`), next to SQLite
//!     replaying the cards (`SUM` of every entry up to the date, by item);
//! (b) the card of the item with 10,000 entries over the year (`Register::stock_card`),
//!     next to SQLite reading its rows;
//! (c) an issue written, FIFO across lots, one transaction on the disk with full sync
//!     (`Register::issue_paper_requisition`), next to SQLite committing one row the same way;
//! (d) a search of the catalogue by code or by a word of the name (`Register::list_materials`),
//!     next to SQLite's LIKE over the same table.
//!
//! The history is written straight into the file, as the card rules would have written
//! it (FIFO simulated here; the program's own reads then check it). Run:
//! `cargo bench -p phatsadu-core --bench materials` (about a minute). Targets: (a) ≤ 300 ms,
//! (b) ≤ 50 ms, (c) p95 ≤ 5 ms.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    missing_docs
)]

/// The app's allocator, so the figures are the app's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use phatsadu_core::auth::{NewUserInput, Role, RoleGrant};
use phatsadu_core::ids::{MaterialId, PersonId};
use phatsadu_core::materials::{IssueLine, PaperIssue, Quantity};
use phatsadu_core::org::{DivisionInput, PersonInput};
use phatsadu_core::sample::sample_setup;
use phatsadu_core::{Actor, Register};
use rusqlite::params;

const ITEMS: i64 = 20_000;
const ENTRIES: i64 = 1_000_000;
/// The one item whose card is read in (b).
const LONG_CARD: i64 = 10_000;

fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 10, 1).unwrap() + chrono::Duration::days(n)
}

/// Writes the catalogue and every card: on each item's card, a receipt of 50 units then
/// issues of 10 (or 12) units, oldest lot first, spread over the fiscal year 2568.
fn write_history(register: &Register) {
    let mut conn = register.raw_connection_for_tests();
    let tx = conn.transaction().unwrap();
    let office: i64 = tx
        .query_row(
            "SELECT id FROM material_types ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let per_item = (ENTRIES - LONG_CARD) / (ITEMS - 1);
    {
        let mut material = tx
            .prepare(
                "INSERT INTO materials (id, code, code_key, name, unit, type_id, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, 'รีม', ?5, '2024-10-01T00:00:00Z', '2024-10-01T00:00:00Z')",
            )
            .unwrap();
        let mut entry = tx
            .prepare(
                "INSERT INTO material_entries (id, material_id, on_date, kind, document_no, party,
                     quantity, value, balance, balance_value, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, '', ?6, ?7, ?8, ?9, '2024-10-01T00:00:00Z')",
            )
            .unwrap();
        let mut lot = tx
            .prepare(
                "INSERT INTO material_lots (id, material_id, entry_id, received_on, unit_price,
                     quantity, remaining, remaining_value)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
            )
            .unwrap();
        let mut taken = tx
            .prepare(
                "INSERT INTO material_entry_lots (entry_id, lot_id, quantity, unit_price, value)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .unwrap();
        let mut settle = tx
            .prepare("UPDATE material_lots SET remaining = ?2, remaining_value = ?3 WHERE id = ?1")
            .unwrap();
        let mut totals = tx
            .prepare(
                "UPDATE materials SET balance = ?2, balance_value = ?3, last_entry_on = ?4 WHERE id = ?1",
            )
            .unwrap();
        let (mut entry_id, mut lot_id) = (0i64, 0i64);
        for item in 1..=ITEMS {
            let code = format!("ว-{item:05}");
            material
                .execute(params![
                    item,
                    code,
                    code.replace('-', ""),
                    format!("กระดาษ {item}"),
                    office
                ])
                .unwrap();
            let count = if item == 1 { LONG_CARD } else { per_item };
            // (lot id, remaining thousandths, price, remaining value)
            let mut open: VecDeque<(i64, i64, i64, i64)> = VecDeque::new();
            let (mut balance, mut value) = (0i64, 0i64);
            let mut on = day(0);
            for n in 0..count {
                entry_id += 1;
                on = day(n * 360 / count);
                if n % 5 == 0 {
                    let price = 10_000 + (item * 7 + n) % 3_000;
                    let (q, v) = (50_000, 50 * price);
                    balance += q;
                    value += v;
                    entry
                        .execute(params![
                            entry_id, item, on, "receipt", "ตร.", q, v, balance, value
                        ])
                        .unwrap();
                    lot_id += 1;
                    lot.execute(params![lot_id, item, entry_id, on, price, q, v])
                        .unwrap();
                    open.push_back((lot_id, q, price, v));
                } else {
                    let mut wanted = if n % 7 == 0 { 12_000 } else { 10_000 };
                    wanted = wanted.min(balance);
                    if wanted == 0 {
                        continue;
                    }
                    let mut out_value = 0;
                    let mut parts = Vec::new();
                    while wanted > 0 {
                        let (id, remaining, price, remaining_value) = open.front_mut().unwrap();
                        let q = wanted.min(*remaining);
                        let v = if q == *remaining {
                            *remaining_value
                        } else {
                            q / 1000 * *price
                        };
                        *remaining -= q;
                        *remaining_value -= v;
                        parts.push((*id, q, *price, v));
                        out_value += v;
                        wanted -= q;
                        if *remaining == 0 {
                            settle.execute(params![*id, 0, 0]).unwrap();
                            open.pop_front();
                        }
                    }
                    let q: i64 = parts.iter().map(|p| p.1).sum();
                    balance -= q;
                    value -= out_value;
                    entry
                        .execute(params![
                            entry_id, item, on, "issue", "บ.", -q, -out_value, balance, value
                        ])
                        .unwrap();
                    for (id, q, price, v) in parts {
                        taken.execute(params![entry_id, id, q, price, v]).unwrap();
                    }
                }
            }
            for (id, remaining, _, remaining_value) in &open {
                settle
                    .execute(params![id, remaining, remaining_value])
                    .unwrap();
            }
            totals.execute(params![item, balance, value, on]).unwrap();
        }
    }
    tx.commit().unwrap();
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    samples[((samples.len() as f64 - 1.0) * p).round() as usize]
}

fn report(name: &str, samples: &mut [Duration]) {
    println!(
        "{name:<44}{:>6} {:>10.2} ms {:>10.2} ms",
        samples.len(),
        percentile(samples, 0.5).as_secs_f64() * 1000.0,
        percentile(samples, 0.95).as_secs_f64() * 1000.0
    );
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phatsadu.sqlite");
    let register = Register::open(&path).unwrap();
    let admin = register
        .complete_setup(&sample_setup("Maekorn-bench-2568", false))
        .unwrap()
        .actor();
    let started = Instant::now();
    write_history(&register);
    println!(
        "Phatsadu materials: {ITEMS} items, {ENTRIES} card entries (written in {:.1} s)\n",
        started.elapsed().as_secs_f64()
    );
    let division = register
        .create_division(
            &admin,
            &DivisionInput {
                name: "กองช่าง".into(),
                short_name: "กช.".into(),
            },
        )
        .unwrap()
        .id;
    let requester: PersonId = register
        .create_person(
            &admin,
            &PersonInput {
                title: "นาย".into(),
                first_name: "สมชาย".into(),
                last_name: "ใจดี".into(),
                division_id: Some(division),
                ..Default::default()
            },
        )
        .unwrap()
        .id;
    let officer = Actor::User(
        register
            .create_user(
                &admin,
                &NewUserInput {
                    username: "officer".into(),
                    full_name: "เจ้าหน้าที่พัสดุ".into(),
                    password: "Maekorn-bench-2568".into(),
                    person_id: None,
                    roles: vec![RoleGrant::plain(Role::SuppliesOfficer)],
                },
            )
            .unwrap()
            .id,
    );
    println!("{:<44}{:>6} {:>13} {:>13}", "job", "runs", "p50", "p95");

    // (a) Balances of every item at a date.
    let dates = [day(90), day(200), day(364)];
    let mut balances = Vec::new();
    for n in 0..30 {
        let t = Instant::now();
        let rows = register.material_balances(&officer, dates[n % 3]).unwrap();
        balances.push(t.elapsed());
        assert_eq!(rows.len() as i64, ITEMS);
    }
    let raw = rusqlite::Connection::open(&path).unwrap();
    let mut replay = Vec::new();
    for n in 0..30 {
        let t = Instant::now();
        let mut stmt = raw
            .prepare_cached(
                "SELECT material_id, sum(quantity), sum(value) FROM material_entries
                 WHERE on_date <= ?1 GROUP BY material_id",
            )
            .unwrap();
        let rows = stmt
            .query_map([dates[n % 3]], |r| r.get::<_, i64>(1))
            .unwrap()
            .count();
        replay.push(t.elapsed());
        assert!(rows > 0);
    }
    // The program's balance is the replay's.
    let at = day(200);
    let by_program = register.material_balances(&officer, at).unwrap();
    let replayed: i64 = raw
        .query_row(
            "SELECT sum(quantity) FROM material_entries WHERE on_date <= ?1",
            [at],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        by_program.iter().map(|b| b.balance.0).sum::<i64>(),
        replayed
    );
    report("(a) every item's balance at a date", &mut balances);
    report("    floor: SQLite replays every card", &mut replay);

    // (b) The long card over the year.
    let mut cards = Vec::new();
    for _ in 0..30 {
        let t = Instant::now();
        let card = register
            .stock_card(&officer, MaterialId(1), day(0), day(364))
            .unwrap();
        cards.push(t.elapsed());
        assert!(card.entries.len() as i64 >= LONG_CARD - 10);
    }
    let mut rows = Vec::new();
    for _ in 0..30 {
        let t = Instant::now();
        let mut stmt = raw
            .prepare_cached(
                "SELECT id, on_date, kind, document_no, quantity, value, balance, balance_value
                 FROM material_entries WHERE material_id = 1 ORDER BY on_date, id",
            )
            .unwrap();
        let n = stmt.query_map([], |r| r.get::<_, i64>(0)).unwrap().count();
        rows.push(t.elapsed());
        assert!(n > 0);
    }
    report("(b) a card of 10,000 entries", &mut cards);
    report("    floor: SQLite reads its rows", &mut rows);

    // (d) Searching the catalogue as the officer types: a code, a word of a name.
    let mut searches = Vec::new();
    for n in 0..200 {
        let text = if n % 2 == 0 {
            format!("ว-{:05}", 1 + (n * 97) % ITEMS)
        } else {
            format!("กระดาษ {}", 1 + (n * 97) % ITEMS)
        };
        let t = Instant::now();
        let found = register
            .list_materials(
                &officer,
                &phatsadu_core::materials::MaterialQuery {
                    text: Some(text),
                    ..Default::default()
                },
            )
            .unwrap();
        searches.push(t.elapsed());
        assert!(!found.is_empty());
    }
    let mut likes = Vec::new();
    for n in 0..200 {
        let t = Instant::now();
        let mut stmt = raw
            .prepare_cached("SELECT id FROM materials WHERE code_key LIKE ?1 OR name LIKE ?1")
            .unwrap();
        let found = stmt
            .query_map([format!("%{}%", 1 + (n * 97) % ITEMS)], |r| {
                r.get::<_, i64>(0)
            })
            .unwrap()
            .count();
        likes.push(t.elapsed());
        assert!(found > 0);
    }
    report("(d) a search of the catalogue", &mut searches);
    report("    floor: SQLite LIKE over the catalogue", &mut likes);

    // (c) Issues written, FIFO across lots, on the disk.
    let mut issues = Vec::new();
    for n in 0..300 {
        let item = 2 + (n * 61) % (ITEMS - 1);
        let t = Instant::now();
        let issued = register
            .issue_paper_requisition(
                &officer,
                &PaperIssue {
                    requisition_no: format!("บ.{n}/2569"),
                    division_id: division,
                    requester_id: requester,
                    on_date: day(365),
                    lines: vec![IssueLine {
                        material_id: MaterialId(item),
                        quantity: Quantity::units(1),
                    }],
                },
            )
            .unwrap();
        issues.push(t.elapsed());
        assert!(!issued[0].portions.is_empty());
    }
    raw.execute_batch("PRAGMA synchronous = FULL; CREATE TABLE floor (n INTEGER)")
        .unwrap();
    let mut commits = Vec::new();
    for n in 0..300 {
        let t = Instant::now();
        raw.execute("INSERT INTO floor (n) VALUES (?1)", [n])
            .unwrap();
        commits.push(t.elapsed());
    }
    report("(c) an issue written (FIFO, full sync)", &mut issues);
    report("    floor: SQLite commits one row", &mut commits);
    println!(
        "\ntargets: (a) ≤ 300 ms, (b) ≤ 50 ms, (c) p95 ≤ 5 ms, (d) as the asset search (p95 ≤ 30 ms)"
    );
}
