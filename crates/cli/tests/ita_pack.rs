//! `ita-pack` on the sample register: a year with nothing recorded and a folder in the way
//! are refused with nothing written; the pack's cover and SHA256SUMS list every file with
//! the hash the file really has, the zip holds the same files, and the audit head matches.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use std::io::Read;

use common::{cli, json};
use sha2::{Digest, Sha256};

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The fiscal year (B.E.) the sample's dated records fall in: today's, in Thai time.
fn this_fiscal_year() -> i32 {
    use chrono::Datelike;
    let today = (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive();
    let year = if today.month() >= 10 {
        today.year() + 1
    } else {
        today.year()
    };
    year + 543
}

#[test]
fn the_pack_lists_every_file_with_the_hash_it_has_and_refuses_what_it_cannot_make() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    assert!(cli(&data, &["sample-data"]).status.success());
    let year = this_fiscal_year().to_string();

    // A year with nothing recorded: a clear refusal, no folder.
    let empty = dir.path().join("empty");
    let out = cli(
        &data,
        &[
            "--json",
            "ita-pack",
            "--fiscal-year",
            "2550",
            empty.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    assert_eq!(json(&out)["error"]["details"]["field"], "fiscalYear");
    assert!(!empty.exists());
    // A folder in the way: refused, left as it was.
    let busy = dir.path().join("busy");
    std::fs::create_dir(&busy).unwrap();
    std::fs::write(busy.join("note.txt"), "mine").unwrap();
    let out = cli(
        &data,
        &[
            "--json",
            "ita-pack",
            "--fiscal-year",
            &year,
            busy.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    assert_eq!(json(&out)["error"]["details"]["field"], "out");
    assert_eq!(std::fs::read_dir(&busy).unwrap().count(), 1);
    assert!(!busy.with_extension("zip").exists());

    // The pack.
    let pack = dir.path().join("ita");
    let out = cli(
        &data,
        &[
            "--json",
            "ita-pack",
            "--fiscal-year",
            &year,
            pack.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json(&out);
    let files = report["files"].as_array().unwrap();
    let names: Vec<&str> = files.iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert!(names[0].starts_with("00-ปก"));
    assert_eq!(*names.last().unwrap(), "SHA256SUMS.txt");
    for wanted in [
        "01-ทะเบียนคุมการยืมพัสดุ",
        "02-บัญชีการติดตามทวงคืนพัสดุ",
        "04-รายงานผลการตรวจสอบพัสดุประจำปี",
        "05-ประกาศผลการตรวจสอบพัสดุประจำปี",
        "06-ทะเบียนการสอบข้อเท็จจริงและการจำหน่ายพัสดุ",
        "รายงานขอจำหน่ายพัสดุ",
        "หนังสือแจ้งสำนักงานการตรวจเงินแผ่นดิน",
        "07-คู่มือการใช้และการยืมทรัพย์สินของราชการ",
        "08-บัญชีลงนามรับทราบคู่มือ",
    ] {
        assert!(
            names.iter().any(|n| n.contains(wanted)),
            "{wanted} in {names:?}"
        );
    }
    // Each file's hash is the one reported, and SHA256SUMS says the same.
    let sums = std::fs::read_to_string(pack.join("SHA256SUMS.txt")).unwrap();
    for f in files {
        let name = f["name"].as_str().unwrap();
        let bytes = std::fs::read(pack.join(name)).unwrap();
        assert_eq!(sha256(&bytes), f["sha256"].as_str().unwrap(), "{name}");
        if name != "SHA256SUMS.txt" {
            assert!(
                sums.contains(&format!("{}  {name}", sha256(&bytes))),
                "{name}"
            );
        }
    }
    // The cover lists every other file with its hash, and the audit log's head hash,
    // which is the one verify-audit prints.
    let cover = pack.join(names[0]);
    let text = String::from_utf8(
        std::process::Command::new("pdftotext")
            .args(["-layout", cover.to_str().unwrap(), "-"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let squashed: String = text.split_whitespace().collect();
    for f in &files[1..files.len() - 1] {
        let hash = f["sha256"].as_str().unwrap();
        assert!(squashed.contains(hash), "{} on the cover", f["name"]);
    }
    let verified = json(&cli(&data, &["--json", "verify-audit"]));
    let head = report["auditHead"].as_str().unwrap();
    assert_eq!(verified["headHash"].as_str().unwrap(), head);
    assert!(squashed.contains(head));
    // The zip holds the same files under the folder's name.
    let zip_bytes = std::fs::read(pack.with_extension("zip")).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip_bytes)).unwrap();
    assert_eq!(archive.len(), files.len());
    for f in files {
        let name = f["name"].as_str().unwrap();
        let inner = format!("หลักฐานITA-ปีงบประมาณ{year}/{name}");
        let mut bytes = Vec::new();
        archive
            .by_name(&inner)
            .unwrap()
            .read_to_end(&mut bytes)
            .unwrap();
        assert_eq!(sha256(&bytes), f["sha256"].as_str().unwrap());
    }
}
