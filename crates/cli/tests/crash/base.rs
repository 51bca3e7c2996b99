//! The register every trial starts from: the sample organisation, an open round of
//! กองช่าง, 20 loan requests waiting, a scanner's list and a 5,000-row register to import.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde_json::json;

use crate::common::{cli, json, ok};

/// Rows in the imported register.
pub const IMPORT_ROWS: usize = 5_000;
/// Loan requests waiting for the loan writer.
pub const LOANS: usize = 20;
/// Codes the single-scan writer scans.
pub const SCANS: usize = 40;

/// One kind of writer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writer {
    Import,
    Loans,
    CodeList,
    Scans,
    Backup,
}

pub const WRITERS: [Writer; 5] = [
    Writer::Import,
    Writer::Loans,
    Writer::CodeList,
    Writer::Scans,
    Writer::Backup,
];

/// The prepared register every trial starts from, and what the writers read.
pub struct Base {
    pub dir: tempfile::TempDir,
    pub round: i64,
    pub loans: Vec<i64>,
    pub scan_codes: Vec<String>,
}

impl Base {
    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }
    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// The sample organisation, an open round of กองช่าง, 20 submitted loans of its other
/// items, a scanner's list, and a 5,000-row register to import.
pub fn prepare() -> Base {
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
pub fn actor(conn: &Connection, username: &str) -> phatsadu_core::Actor {
    let id: i64 = conn
        .query_row(
            "SELECT id FROM users WHERE username = ?1",
            [username],
            |r| r.get(0),
        )
        .unwrap();
    phatsadu_core::Actor::User(phatsadu_core::ids::UserId(id))
}
