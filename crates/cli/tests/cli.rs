//! The command line, run as a real process against temporary data directories.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

mod common;
use common::{cli, json};

use phatsadu_core::DataDir;
use serde_json::Value;

#[test]
fn init_creates_a_register_that_needs_setup() {
    let dir = tempfile::tempdir().unwrap();
    let out = cli(dir.path(), &["init", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let value = json(&out);
    assert_eq!(value["needsSetup"], true);
    assert!(dir.path().join("phatsadu.sqlite").is_file());
}

#[test]
fn sample_data_then_an_intact_audit_log() {
    let dir = tempfile::tempdir().unwrap();
    let out = cli(dir.path(), &["sample-data", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json(&out);
    assert_eq!(report["divisions"], 6);
    assert_eq!(report["demoPassword"], "demo1234");
    let out = cli(dir.path(), &["verify-audit"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("intact"));
    let again = cli(dir.path(), &["sample-data"]);
    assert!(!again.status.success(), "sample data twice is refused");
    assert!(String::from_utf8_lossy(&again.stderr).contains("invalid_value"));
}

#[test]
fn the_exported_log_is_every_entry_and_its_chain_recomputes_from_the_file_alone() {
    use sha2::{Digest, Sha256};
    let dir = tempfile::tempdir().unwrap();
    assert!(cli(dir.path(), &["sample-data"]).status.success());
    let verified = json(&cli(dir.path(), &["verify-audit", "--json"]));
    let dest = dir.path().join("audit.jsonl");
    let out = cli(
        dir.path(),
        &["export-audit", dest.to_str().unwrap(), "--json"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json(&out)["entries"], verified["entriesChecked"]);
    // An outside auditor's check: the documented formula over each line, nothing else.
    let mut prev = "0".repeat(64);
    let mut lines = 0;
    let mut with_both = 0;
    for line in std::fs::read_to_string(&dest).unwrap().lines() {
        let e: Value = serde_json::from_str(line).unwrap();
        let mut content = serde_json::json!([
            e["seq"],
            e["at"],
            e["userId"],
            e["username"],
            e["action"],
            e["entity"],
            e["entityId"],
            e["before"],
            e["after"]
        ]);
        if let Some(client) = e.get("client") {
            content.as_array_mut().unwrap().push(client.clone());
        }
        let hash = hex::encode(Sha256::digest(format!("{prev}\n{content}")));
        assert_eq!(e["hash"], hash.as_str(), "entry {}", e["seq"]);
        with_both += usize::from(e["before"].is_string() && e["after"].is_string());
        prev = hash;
        lines += 1;
    }
    assert_eq!(Value::from(lines), verified["entriesChecked"]);
    assert_eq!(prev, verified["headHash"].as_str().unwrap());
    assert!(with_both > 10, "edits carry before and after: {with_both}");
    // Never over an existing file.
    let again = cli(dir.path(), &["export-audit", dest.to_str().unwrap()]);
    assert!(!again.status.success());
}

#[test]
fn verify_audit_fails_and_names_a_tampered_entry() {
    let dir = tempfile::tempdir().unwrap();
    assert!(cli(dir.path(), &["sample-data"]).status.success());
    let conn = rusqlite::Connection::open(dir.path().join("phatsadu.sqlite")).unwrap();
    conn.execute_batch(
        "DROP TRIGGER audit_log_no_update;
         UPDATE audit_log SET username = 'someone-else' WHERE seq = 7;",
    )
    .unwrap();
    drop(conn);
    let out = cli(dir.path(), &["verify-audit", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let value = json(&out);
    assert_eq!(value["ok"], false);
    assert_eq!(value["firstBrokenSeq"], 7);
}

#[test]
fn backup_and_restore_round_trip_and_respect_the_app_lock() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    assert!(cli(&data, &["sample-data"]).status.success());
    let backup = dir.path().join("backup.sqlite");
    let out = cli(&data, &["backup", backup.to_str().unwrap(), "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(json(&out)["bytes"].as_u64().unwrap() > 0);
    let again = cli(&data, &["backup", backup.to_str().unwrap()]);
    assert!(
        !again.status.success(),
        "an existing backup is never overwritten"
    );

    let app = DataDir::at(&data).lock().unwrap();
    let out = cli(&data, &["restore", backup.to_str().unwrap(), "--json"]);
    assert!(!out.status.success());
    assert_eq!(json(&out)["error"]["code"], "file_in_use");
    drop(app);

    let out = cli(&data, &["restore", backup.to_str().unwrap(), "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(json(&out)["previousCopy"].is_string());
    assert!(cli(&data, &["verify-audit"]).status.success());
}

#[test]
fn a_foreign_file_is_refused_with_its_code() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("phatsadu.sqlite"), b"not a database at all").unwrap();
    let out = cli(dir.path(), &["init"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not_a_register"));
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../assets/sample/import")
        .join(name)
}

#[test]
fn import_dry_run_prints_a_verdict_for_every_row() {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        cli(dir.path(), &["sample-data", "--no-assets"])
            .status
            .success()
    );
    let file = fixture("register-messy.xlsx");
    let out = cli(
        dir.path(),
        &["import", file.to_str().unwrap(), "--dry-run", "--json"],
    );
    assert_eq!(out.status.code(), Some(1), "errors make a dry run fail");
    let value = json(&out);
    assert_eq!(value["errors"], 5);
    let rows = value["rows"].as_array().unwrap();
    let bad_date = rows
        .iter()
        .find(|r| r["sheet"] == "สำนักปลัด" && r["row"] == 13)
        .unwrap();
    assert_eq!(bad_date["status"], "error");
    assert_eq!(bad_date["issues"][0]["code"], "bad_date");
    assert_eq!(bad_date["asset"]["code"], "416-67-0502");
    let text = cli(
        dir.path(),
        &[
            "import",
            file.to_str().unwrap(),
            "--dry-run",
            "--sheet",
            "กองช่าง",
        ],
    );
    let printed = String::from_utf8_lossy(&text.stdout);
    assert!(
        printed.contains("กองช่าง!4: ERROR unknown_category ครุภัณฑ์งานสวน"),
        "{printed}"
    );
    assert!(!printed.contains("สำนักปลัด!"), "only the chosen sheet");
}

#[test]
fn a_mapping_file_may_hold_only_the_choices_a_dry_run_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        cli(dir.path(), &["sample-data", "--no-assets"])
            .status
            .success()
    );
    let file = fixture("register-by-division.xlsx");
    let file = file.to_str().unwrap();
    let dry = |extra: &[&str]| {
        let mut args = vec!["import", file, "--dry-run", "--json", "--create-missing"];
        args.extend_from_slice(extra);
        json(&cli(dir.path(), &args))
    };
    let before = dry(&[]);
    let sheets: Vec<_> = before["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["sheet"].as_str().unwrap(),
                s["from"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        sheets,
        [
            ("กองการศึกษา", "title_row"),
            ("ศพด", "sheet_name"),
            ("ศูนย์พัฒนาเด็กเล็ก", "sheet_name"),
            ("ส่งออกจากโปรแกรมเดิม", "")
        ]
    );
    let unknown_type = |value: &Value| {
        value["rows"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| {
                r["issues"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|i| i["code"] == "unknown_type_code")
            })
            .count()
    };
    assert_eq!(unknown_type(&before), 2);
    let mapping = dir.path().join("choices.json");
    std::fs::write(
        &mapping,
        r#"{"newCategories": [{"typeCode": "499", "name": "ครุภัณฑ์ป้าย"}]}"#,
    )
    .unwrap();
    let after = dry(&["--mapping", mapping.to_str().unwrap()]);
    assert_eq!(unknown_type(&after), 0, "one choice for both rows");
    assert_eq!(after["newCategories"], serde_json::json!(["ครุภัณฑ์ป้าย"]));
    assert_eq!(after["errors"], before["errors"].as_u64().unwrap() - 2);
    let text = cli(
        dir.path(),
        &["import", file, "--dry-run", "--create-missing"],
    );
    let printed = String::from_utf8_lossy(&text.stdout);
    assert!(
        printed.contains("sheet ศพด: rows that name no division go to ศูนย์พัฒนาเด็กเล็กบ้านแม่กรณ์ (from the sheet name)"),
        "{printed}"
    );
    assert!(
        printed.contains("กองการศึกษา!6: warning new_person นางสาวสุดา ใจงาม"),
        "{printed}"
    );
}

#[test]
fn import_refuses_errors_unless_told_then_export_writes_what_was_imported() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    assert!(cli(&data, &["sample-data", "--no-assets"]).status.success());
    let file = fixture("register-messy.xlsx");
    let refused = cli(&data, &["import", file.to_str().unwrap(), "--json"]);
    assert!(!refused.status.success());
    assert_eq!(json(&refused)["error"]["code"], "import_has_errors");
    let out = cli(
        &data,
        &["import", file.to_str().unwrap(), "--only-valid", "--json"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json(&out)["items"], 16);

    let xlsx = dir.path().join("ทะเบียน.xlsx");
    let out = cli(
        &data,
        &[
            "export",
            xlsx.to_str().unwrap(),
            "--division",
            "กองช่าง",
            "--json",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json(&out)["assets"], 11, "the drill and ten traffic cones");
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    let again = cli(&data, &["export", xlsx.to_str().unwrap()]);
    assert!(
        !again.status.success(),
        "an existing file is not replaced without --force"
    );

    let csv = dir.path().join("all.csv");
    let out = cli(
        &data,
        &[
            "export",
            csv.to_str().unwrap(),
            "--fiscal-year",
            "2567",
            "--json",
        ],
    );
    assert!(out.status.success());
    let text = String::from_utf8(std::fs::read(&csv).unwrap()).unwrap();
    assert!(text.starts_with('\u{FEFF}'));
    assert_eq!(json(&out)["assets"], 5, "items acquired in FY2567");
    let bad = cli(
        &data,
        &[
            "export",
            dir.path().join("x.csv").to_str().unwrap(),
            "--division",
            "กองไม่มีจริง",
        ],
    );
    assert!(String::from_utf8_lossy(&bad.stderr).contains("invalid_value"));
}

#[test]
fn print_writes_each_form_whole_and_refuses_what_cannot_be_printed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out_dir = dir.path().join("out");
    std::fs::create_dir_all(&out_dir).unwrap();
    assert!(cli(&data, &["sample-data"]).status.success());
    let out = out_dir.to_str().unwrap();
    let mut written = Vec::new();
    for args in [
        vec!["print", "slip", "1/2570"],
        vec!["print", "register-sheet", "401-60-0001"],
        vec![
            "print",
            "labels",
            "401-60-0001",
            "401 60 0002",
            "--stock",
            "a4-2x7",
        ],
        vec![
            "print",
            "calibration",
            "--stock",
            "a4-2x7",
            "--offset-x",
            "-1.5",
        ],
        vec!["print", "list", "--status", "damaged"],
        vec!["print", "loans"],
    ] {
        let mut full = args.clone();
        full.extend(["--out", out, "--json"]);
        let result = cli(&data, &full);
        assert!(
            result.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&result.stderr)
        );
        let path = json(&result)["path"].as_str().unwrap().to_owned();
        let bytes = std::fs::read(&path).unwrap();
        assert!(
            bytes.starts_with(b"%PDF-") && bytes.trim_ascii_end().ends_with(b"%%EOF"),
            "a whole PDF: {path}"
        );
        written.push(path);
    }
    assert!(written[0].contains("ใบยืมพัสดุ-1-2570-"), "{}", written[0]);
    // Refusals name what is wrong and write nothing.
    let before = std::fs::read_dir(&out_dir).unwrap().count();
    let off = cli(
        &data,
        &[
            "print",
            "labels",
            "401-60-0001",
            "--stock",
            "a4-2x7",
            "--offset-x",
            "9",
            "--out",
            out,
            "--json",
        ],
    );
    assert!(!off.status.success());
    assert_eq!(
        json(&off)["error"]["details"]["field"],
        "labelStock.offsetXMm"
    );
    let missing = cli(&data, &["print", "slip", "999/2570", "--out", out]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("999/2570"));
    let unwritable = cli(
        &data,
        &[
            "print",
            "slip",
            "1/2570",
            "--out",
            "/proc/no/such/dir/slip.pdf",
        ],
    );
    assert!(!unwritable.status.success());
    assert_eq!(std::fs::read_dir(&out_dir).unwrap().count(), before);
}
