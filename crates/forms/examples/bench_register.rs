//! A large register for the start-up and size benchmark (`scripts/bench-startup.sh`): the
//! sample organisation with the generated 100,000 items the forms benchmarks import
//! (`benches/common`), then the audit log filled up to a number of entries.
//!
//! Run: `cargo run --release -p phatsadu-forms --example bench_register -- DIR [--audit N]`.
//! It replaces `DIR/phatsadu.sqlite` and prints what it made and the file's size.
//!
//! The audit entries beyond those the set-up wrote are synthetic, because a million audited
//! operations through the register (each its own transaction) would take the benchmark's
//! whole time budget. They are appended with plain SQL in one transaction and have the shape
//! of real rows: each copies every column of an entry the full sample organisation writes
//! (its ~600 assets with loans in every state, check rounds, materials, disposals, the
//! manual — as near to a register's working life as the project has), taken in turn, with
//! the sequence continuing, times spread over five years before now, packed and hashed as
//! the program packs and chains its own entries (`phatsadu_core::audit`), so the log
//! verifies. The example ends by timing the check and three lists of the log.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

/// The app's allocator (src-tauri/src/main.rs), as the other benchmarks use.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{Duration, Utc};
use phatsadu_core::audit::{AuditQuery, EntryContent, packing};
use phatsadu_core::sample::SampleOptions;
use phatsadu_core::{Actor, Register};

#[path = "../benches/common/mod.rs"]
mod common;

/// Entries whose before and after JSON together are longer than this are not copied, so that
/// no rare bulky entry is repeated thousands of times.
const LONGEST_TEMPLATE: usize = 4_096;

/// The columns of an audit entry that a synthetic one copies.
struct Template {
    user_id: Option<i64>,
    username: String,
    action: String,
    entity: String,
    entity_id: Option<String>,
    before: Option<String>,
    after: Option<String>,
    client: Option<String>,
}

fn main() {
    let (dir, audit_target) = arguments();
    std::fs::create_dir_all(&dir).expect("the register's folder can be made");
    let file = dir.join("phatsadu.sqlite");
    let _ = std::fs::remove_file(dir.join("phatsadu.sqlite-wal"));
    let _ = std::fs::remove_file(dir.join("phatsadu.sqlite-shm"));

    let started = Instant::now();
    let system = Actor::System("bench".into());
    // Made, then closed (all its connections), so that what is measured is the file alone.
    drop(common::register_of_100k(&dir, &system));
    let made_in = started.elapsed();

    let mut conn = rusqlite::Connection::open(&file).unwrap();
    checkpoint(&conn);
    let count = |conn: &rusqlite::Connection, table: &str| -> i64 {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    let real = count(&conn, "audit_log");
    let size_before = file_size(&file);
    println!(
        "register: {}: {} assets, made in {:.1} s; {:.1} MB with the {real} audit entries its set-up wrote",
        file.display(),
        count(&conn, "assets"),
        made_in.as_secs_f64(),
        mb(size_before)
    );

    let wanted = audit_target.saturating_sub(u64::try_from(real).unwrap_or(0));
    if wanted > 0 {
        let t = Instant::now();
        let templates = sample_entries(&system);
        let json: usize = templates.iter().map(json_length).sum();
        append_synthetic_entries(&mut conn, &templates, wanted);
        checkpoint(&conn);
        let added = file_size(&file).saturating_sub(size_before);
        println!(
            "audit: {wanted} synthetic entries in {:.1} s, copied in turn from the {} entries of the full sample organisation (on average {} bytes of JSON, packed as the program packs); {} in all, {} bytes each on disk with the log's indexes",
            t.elapsed().as_secs_f64(),
            templates.len(),
            json / templates.len(),
            count(&conn, "audit_log"),
            added / wanted
        );
    }
    let size = file_size(&file);
    println!("size: {size} bytes = {:.1} MB", mb(size));
    drop(conn);
    reading_the_log(&file, &system);
}

/// How long the log takes to check and to search at this size, through the register.
fn reading_the_log(file: &Path, system: &Actor) {
    let register = Register::open(file).unwrap();
    let t = Instant::now();
    let verified = register.verify_audit(system).unwrap();
    println!(
        "verify: {} entries checked in {:.2} s, intact: {}",
        verified.entries_checked,
        t.elapsed().as_secs_f64(),
        verified.ok
    );
    for (label, query) in [
        (
            "newest page",
            AuditQuery {
                limit: 50,
                ..Default::default()
            },
        ),
        (
            "one kind of record",
            AuditQuery {
                entity: Some("loan".into()),
                limit: 50,
                ..Default::default()
            },
        ),
        (
            "a word inside the changes (ชำรุด)",
            AuditQuery {
                text: Some("ชำรุด".into()),
                limit: 50,
                ..Default::default()
            },
        ),
    ] {
        let t = Instant::now();
        let page = register.list_audit(system, &query).unwrap();
        println!(
            "list: {label}: {} of {} in {:.0} ms",
            page.entries.len(),
            page.total,
            t.elapsed().as_secs_f64() * 1000.0
        );
    }
}

/// The entries the full sample organisation writes, read from a copy made in memory.
fn sample_entries(system: &Actor) -> Vec<Template> {
    let sample = Register::open_in_memory().unwrap();
    sample
        .load_sample_data_with(system, SampleOptions::default())
        .unwrap();
    let conn = sample.raw_connection_for_tests();
    let mut statement = conn
        .prepare(
            "SELECT user_id, username, action, entity, entity_id, packing, changes, client
               FROM audit_log ORDER BY seq",
        )
        .unwrap();
    let templates: Vec<Template> = statement
        .query_map([], |r| {
            let changes = packing::unpack(r.get(5)?, &r.get::<_, Vec<u8>>(6)?)
                .expect("the sample's entries read back");
            Ok(Template {
                user_id: r.get(0)?,
                username: r.get(1)?,
                action: r.get(2)?,
                entity: r.get(3)?,
                entity_id: r.get(4)?,
                before: changes.before,
                after: changes.after,
                client: r.get(7)?,
            })
        })
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
        .into_iter()
        .filter(|t| json_length(t) <= LONGEST_TEMPLATE)
        .collect();
    assert!(!templates.is_empty(), "the sample wrote no audit entries");
    templates
}

/// Bytes of JSON an entry holds, before and after together.
fn json_length(t: &Template) -> usize {
    t.before.as_ref().map_or(0, String::len) + t.after.as_ref().map_or(0, String::len)
}

/// `DIR [--audit N]`; anything else prints the usage and exits with 2.
fn arguments() -> (PathBuf, u64) {
    let usage = || -> ! {
        eprintln!("usage: bench_register DIR [--audit N]");
        std::process::exit(2)
    };
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| usage()));
    let mut audit = 0;
    while let Some(arg) = args.next() {
        match (
            arg.as_str(),
            args.next().map(|n| n.replace('_', "").parse()),
        ) {
            ("--audit", Some(Ok(n))) => audit = n,
            _ => usage(),
        }
    }
    (dir, audit)
}

/// Appends `count` entries after the last one, copying `templates` in turn, in one
/// transaction.
fn append_synthetic_entries(conn: &mut rusqlite::Connection, templates: &[Template], count: u64) {
    let tx = conn.transaction().unwrap();
    let (last_seq, last_hash): (i64, String) = tx
        .query_row(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, hex::encode(r.get::<_, Vec<u8>>(1)?))),
        )
        .unwrap();
    {
        let mut insert = tx
            .prepare(
                "INSERT INTO audit_log (seq, at, user_id, username, action, entity, entity_id,
                                        packing, changes, hash, client)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )
            .unwrap();
        // Five years up to now, oldest first, as a register kept that long would have them.
        let span = Duration::days(5 * 365);
        let first = Utc::now() - span;
        let step = span / i32::try_from(count).unwrap_or(i32::MAX);
        let mut prev_hash = last_hash;
        for i in 0..count {
            let seq = last_seq + 1 + i as i64;
            let t = &templates[i as usize % templates.len()];
            let at = phatsadu_core::clock::stamp(first + step * i32::try_from(i).unwrap_or(0));
            // Chained as the program chains them, so the log verifies.
            let hash = EntryContent {
                seq,
                at: at.clone(),
                user_id: t.user_id,
                username: t.username.clone(),
                action: t.action.clone(),
                entity: t.entity.clone(),
                entity_id: t.entity_id.clone(),
                before: t.before.clone(),
                after: t.after.clone(),
                client: t.client.clone(),
            }
            .hash(&prev_hash);
            // Packed as the program packs every entry it writes.
            let (packing, changes) =
                packing::pack(t.before.as_deref(), t.after.as_deref()).unwrap();
            insert
                .execute(rusqlite::params![
                    seq,
                    at,
                    t.user_id,
                    t.username,
                    t.action,
                    t.entity,
                    t.entity_id,
                    packing,
                    changes,
                    hex::decode(&hash).unwrap(),
                    t.client
                ])
                .unwrap();
            prev_hash = hash;
        }
    }
    tx.commit().unwrap();
}

/// Folds the write-ahead log into the file, so the file's size is the register's. Waits for
/// the checkpoint the import starts on a thread of its own, which makes this one busy.
fn checkpoint(conn: &rusqlite::Connection) {
    conn.busy_timeout(std::time::Duration::from_secs(10))
        .unwrap();
    for _ in 0..100 {
        let busy: i64 = conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))
            .unwrap();
        if busy == 0 {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    eprintln!("bench_register: the write-ahead log could not be folded into the file");
    std::process::exit(1);
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1_000_000.0
}
