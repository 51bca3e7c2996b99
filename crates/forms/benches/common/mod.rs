//! What the forms benchmarks share: a register of the sample organisation with the
//! generated 100,000 items the core's register benchmark imports too.
#![allow(clippy::unwrap_used, dead_code)]

use std::time::{Duration, Instant};

use phatsadu_core::checks::{MemberInput, MemberRole, RoundInput, RoundKind, RoundScope};
use phatsadu_core::import::{ImportPlan, ImportRequest, ImportSource, SheetPlan};
use phatsadu_core::org::StaffQuery;
use phatsadu_core::sample::SampleOptions;
use phatsadu_core::{Actor, Register};

/// The generated register the core's register benchmark imports too.
#[path = "../../../core/benches/support/mod.rs"]
pub mod support;

/// The `p` quantile of `samples` (sorted here).
pub fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    samples[((samples.len() as f64 - 1.0) * p).round() as usize]
}

/// Milliseconds, two decimals.
pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// The fastest of `runs` runs of `job`, and its last result.
pub fn best_of<T>(runs: usize, mut job: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        last = Some(job());
        best = best.min(t.elapsed());
    }
    (best, last.unwrap())
}

/// A register with the sample organisation and the generated 100,000 items.
pub fn register_of_100k(dir: &std::path::Path, system: &Actor) -> Register {
    let _ = std::fs::remove_file(dir.join("phatsadu.sqlite"));
    let register = Register::open(dir.join("phatsadu.sqlite")).unwrap();
    register
        .load_sample_data_with(system, SampleOptions { assets: false })
        .unwrap();
    let source = ImportSource::from_bytes("bench.xlsx", &support::workbook());
    let sheet = register
        .inspect_import(system, &source)
        .unwrap()
        .sheets
        .remove(0);
    let plan = ImportPlan {
        sheets: vec![SheetPlan {
            name: sheet.name,
            header_row: sheet.header_row.unwrap(),
            mapping: sheet.mapping,
        }],
        create_missing: true,
        aliases: Vec::new(),
        new_categories: Vec::new(),
    };
    let report = register
        .import(
            system,
            &ImportRequest {
                source,
                plan,
                only_valid_rows: false,
            },
        )
        .unwrap();
    assert_eq!(report.items as usize, support::ROWS);
    register
}

/// The annual round of the fiscal year just ended, with a committee of three.
pub fn annual_round(register: &Register, system: &Actor) -> RoundInput {
    let today = register.clock().today();
    let year = phatsadu_core::calendar::FiscalYear::of(today).0 - 1;
    let proposal = register.propose_annual_round(system, year).unwrap();
    assert!(
        proposal.exists.is_none(),
        "a fresh register has no annual round"
    );
    let person = |name: &str| {
        register
            .list_staff(
                system,
                &StaffQuery {
                    text: Some(name.into()),
                    ..StaffQuery::default()
                },
            )
            .unwrap()[0]
            .id
    };
    let members = [
        ("นายธนากร ปัญญาดี", MemberRole::Chair),
        ("นายณัฐพล เรือนคำ", MemberRole::Member),
        ("นางสาวปวีณา บุญมา", MemberRole::Secretary),
    ]
    .into_iter()
    .map(|(name, role)| MemberInput {
        person_id: person(name),
        role,
    })
    .collect();
    RoundInput {
        kind: RoundKind::Annual,
        name: proposal.name,
        fiscal_year: Some(year),
        as_of: proposal.as_of,
        starts_on: proposal.starts_on,
        ends_on: proposal.report_due_on,
        scope: RoundScope::default(),
        members,
        order_no: "1/2569".into(),
        order_date: Some(proposal.order_date),
        order_signer: proposal.order_signer,
        officer_id: proposal.officer_id,
        notes: String::new(),
    }
}
