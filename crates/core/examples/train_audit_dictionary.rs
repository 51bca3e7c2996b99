//! Trains a zstd dictionary for packing the audit log (`phatsadu_core::audit::packing`) on
//! the entries the full sample organisation writes, and says how well it packs them next to
//! the dictionary in use.
//!
//! Run: `cargo run -p phatsadu-core --example train_audit_dictionary -- OUT.zdict`.
//!
//! Dictionary 1 (`assets/audit/dictionary-1.zdict`) was made this way, 32 KB, from the 1,408
//! entries of the sample at schema 15 (training is deterministic for the same entries). A
//! dictionary in use is never replaced: entries written with it need it to be read. A better
//! one is added as the next packing number beside it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use phatsadu_core::Register;
use phatsadu_core::audit::packing;
use phatsadu_core::register::Actor;

/// The size of dictionary 1; 16 and 64 KB packed the sample worse when tried.
const DICTIONARY_BYTES: usize = 32 * 1024;

fn main() {
    let Some(out) = std::env::args().nth(1) else {
        eprintln!("usage: train_audit_dictionary OUT.zdict");
        std::process::exit(2);
    };
    let sample = Register::open_in_memory().unwrap();
    sample
        .load_sample_data_with(&Actor::System("dictionary".into()), Default::default())
        .unwrap();
    let conn = sample.raw_connection_for_tests();
    let mut statement = conn
        .prepare("SELECT packing, changes FROM audit_log ORDER BY seq")
        .unwrap();
    let entries: Vec<packing::Changes> = statement
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?)))
        .unwrap()
        .map(|row| {
            let (packing, bytes) = row.unwrap();
            packing::unpack(packing, &bytes).unwrap()
        })
        .collect();
    let frames: Vec<Vec<u8>> = entries
        .iter()
        .map(|c| packing::framed(c.before.as_deref(), c.after.as_deref()))
        .collect();
    let dictionary = zstd::dict::from_samples(&frames, DICTIONARY_BYTES).unwrap();
    std::fs::write(&out, &dictionary).unwrap();

    let raw: usize = frames.iter().map(Vec::len).sum();
    let mut trained = zstd::bulk::Compressor::with_dictionary(9, &dictionary).unwrap();
    let new: usize = frames
        .iter()
        .map(|f| trained.compress(f).unwrap().len())
        .sum();
    let in_use: usize = entries
        .iter()
        .map(|c| {
            packing::pack(c.before.as_deref(), c.after.as_deref())
                .unwrap()
                .1
                .len()
        })
        .sum();
    let n = frames.len();
    println!(
        "{out}: {} bytes from {n} entries of {} bytes on average; packed {} bytes each with it, {} with the dictionary in use",
        dictionary.len(),
        raw / n,
        new / n,
        in_use / n
    );
}
