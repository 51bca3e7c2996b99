//! `import` against the sample register with its assets: every sample file goes in without
//! a clash, and `--refused-out` writes the rows left out as a workbook to fix.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

mod common;
use common::{cli, json};

use phatsadu_core::import::workbook::{self, Cell};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../assets/sample/import")
        .join(name)
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn every_sample_file_goes_into_the_sample_register_and_refused_rows_come_out_as_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    assert!(cli(&data, &["sample-data"]).status.success());

    // The CSVs have no row to refuse: imported whole, no file written.
    for name in ["register-windows874.csv", "register-utf8-semicolon.csv"] {
        let refused = dir.path().join(format!("{name}.refused.xlsx"));
        let out = cli(
            &data,
            &[
                "import",
                fixture(name).to_str().unwrap(),
                "--refused-out",
                refused.to_str().unwrap(),
            ],
        );
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("0 rows with errors left out"), "{text}");
        assert!(text.contains("no row refused"), "{text}");
        assert!(!refused.exists());
    }

    // The messy register refuses the four rows it was written to show refused, and none
    // for a clash with the sample's ~670 items.
    let file = fixture("register-messy.xlsx");
    let refused = dir.path().join("แถวที่ไม่นำเข้า.xlsx");
    let out = cli(
        &data,
        &[
            "import",
            file.to_str().unwrap(),
            "--create-missing",
            "--only-valid",
            "--refused-out",
            refused.to_str().unwrap(),
            "--json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(report["rowsLeftOut"], 4);
    assert_eq!(report["items"], 17);
    assert_eq!(report["codes"].as_array().unwrap().len(), 17);
    assert_eq!(report["codes"][0], "401-67-0501");
    let book = workbook::read("refused.xlsx", &std::fs::read(&refused).unwrap()).unwrap();
    let sheet = &book.sheets[0];
    assert_eq!(sheet.name, "สำนักปลัด");
    let header = &sheet.rows[3];
    assert_eq!(header[1], Cell::Text("หมายเลขครุภัณฑ์".into()));
    assert_eq!(header[12], Cell::Text("เหตุที่ไม่นำเข้า".into()));
    let codes: Vec<String> = sheet.rows[4..].iter().map(|r| r[1].display()).collect();
    assert_eq!(codes, ["416-67-0502", "416-67-0501", "", ""]);
    assert_eq!(sheet.rows[4][6], Cell::Text("31/02/2567".into()));
    let reason = sheet.rows[5][12].display();
    assert!(reason.contains("the same code as 416-67-0501"), "{reason}");

    // The offices' register, refused as a whole for its errors: the file is written all
    // the same, to fix before the next try.
    let refused = dir.path().join("offices.xlsx");
    let out = cli(
        &data,
        &[
            "import",
            fixture("register-by-division.xlsx").to_str().unwrap(),
            "--create-missing",
            "--refused-out",
            refused.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("import_has_errors"),
        "{}",
        stderr(&out)
    );
    let book = workbook::read("offices.xlsx", &std::fs::read(&refused).unwrap()).unwrap();
    let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["กองการศึกษา", "ส่งออกจากโปรแกรมเดิม"]);
    let education = &book.sheets[0];
    assert_eq!(
        education.rows[1][0],
        Cell::Text("ส่วนราชการ กองการศึกษา ศาสนาและวัฒนธรรม".into()),
        "the title row naming the division stays"
    );
    assert_eq!(
        education.rows[4][1],
        Cell::Text("๔๐๑-๖๕-๐๕๑๗ – ๐๕๒๐".into()),
        "as written, Thai digits and all"
    );
    assert!(education.rows[4][10].display().contains("holds 4 codes"));

    // A dry run writes the same rows.
    let dry = dir.path().join("dry.xlsx");
    let out = cli(
        &data,
        &[
            "import",
            fixture("register-by-division.xlsx").to_str().unwrap(),
            "--create-missing",
            "--dry-run",
            "--refused-out",
            dry.to_str().unwrap(),
        ],
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("refused rows to"));
    assert!(!std::fs::read(&dry).unwrap().is_empty());
}
