//! The sample files of `assets/sample/import/` brought into the sample register (its ~670
//! assets too), as someone trying the program does: no row clashes with the register,
//! each file refuses only the rows it was written to show refused, and what the dry run
//! counts is what the import writes and what it hands back as refused.

use super::tests::sample;
use super::*;
use crate::register::{Actor, Register};

const FILES: [(&str, &[u8]); 4] = [
    (
        "register-messy.xlsx",
        include_bytes!("../../../../assets/sample/import/register-messy.xlsx"),
    ),
    (
        "register-by-division.xlsx",
        include_bytes!("../../../../assets/sample/import/register-by-division.xlsx"),
    ),
    (
        "register-windows874.csv",
        include_bytes!("../../../../assets/sample/import/register-windows874.csv"),
    ),
    (
        "register-utf8-semicolon.csv",
        include_bytes!("../../../../assets/sample/import/register-utf8-semicolon.csv"),
    ),
];

/// The sample organisation with its assets, and its officer.
fn sample_register() -> (Register, Actor) {
    let (register, _clock) = crate::testing::register();
    register
        .complete_setup(&crate::testing::setup_input())
        .unwrap();
    register
        .load_sample_data(&Actor::System("test".into()))
        .unwrap();
    let officer = register
        .login(&crate::auth::LoginInput {
            username: "officer".into(),
            password: "demo1234".into(),
        })
        .unwrap()
        .actor();
    (register, officer)
}

/// Every sheet with a header row, as suggested, creating what is missing, with the one
/// choice the README gives for the offices' file (a name for type code 499).
fn plan(register: &Register, officer: &Actor, source: &ImportSource) -> ImportPlan {
    let inspection = register.inspect_import(officer, source).unwrap();
    ImportPlan {
        sheets: inspection
            .sheets
            .into_iter()
            .filter_map(|s| {
                Some(SheetPlan {
                    header_row: s.header_row?,
                    name: s.name,
                    mapping: s.mapping,
                })
            })
            .collect(),
        create_missing: true,
        new_categories: vec![NewCategory {
            type_code: "499".into(),
            name: "ครุภัณฑ์ป้าย".into(),
        }],
        ..Default::default()
    }
}

/// Each refused row as `sheet!row` with its errors' codes.
fn refused(dry: &DryRun) -> Vec<String> {
    dry.rows
        .iter()
        .filter(|v| v.status == RowStatus::Error)
        .map(|v| {
            let codes: Vec<&str> = v
                .issues
                .iter()
                .filter(|i| i.severity == Severity::Error)
                .map(|i| i.code.as_str())
                .collect();
            format!("{}!{} {}", v.sheet, v.row, codes.join(","))
        })
        .collect()
}

#[test]
fn each_sample_file_imports_into_the_sample_register_without_a_clash() {
    let (register, officer) = sample_register();
    let (empty, empty_officer) = sample();
    for (name, bytes) in FILES {
        let source = ImportSource::from_bytes(name, bytes);
        let plan = plan(&register, &officer, &source);
        let dry = register.dry_run_import(&officer, &source, &plan).unwrap();
        // The rows each file was written to show refused, and no other.
        let expected: &[&str] = match name {
            "register-messy.xlsx" => &[
                "สำนักปลัด!13 bad_date",
                "สำนักปลัด!14 duplicate_in_file",
                "สำนักปลัด!15 negative_price",
                "สำนักปลัด!16 future_date",
            ],
            "register-by-division.xlsx" => &[
                "กองการศึกษา!7 range_quantity",
                "ส่งออกจากโปรแกรมเดิม!4 unknown_location",
            ],
            _ => &[],
        };
        assert_eq!(refused(&dry), expected, "{name}");
        let without_assets = empty
            .dry_run_import(&empty_officer, &source, &plan)
            .unwrap();
        assert_eq!(
            refused(&dry),
            refused(&without_assets),
            "{name}: the sample assets change nothing"
        );
        let report = register
            .import(
                &officer,
                &ImportRequest {
                    source: source.clone(),
                    plan: plan.clone(),
                    only_valid_rows: !expected.is_empty(),
                },
            )
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            (report.rows, report.items, report.rows_left_out),
            (dry.importable, dry.items, dry.errors),
            "{name}: the import does what the dry run said"
        );
        assert_eq!(report.codes.len() as u32, report.items, "{name}");
        assert_eq!(report.refused.count() as u32, dry.errors, "{name}");
    }
}

#[test]
fn the_counts_shown_agree_with_what_is_written() {
    // The offices' file: ranges of codes on one line, so items outnumber rows, and every
    // importable row but a few has a warning, so "ready" alone says far too little.
    let (register, officer) = sample();
    let (name, bytes) = FILES[1];
    let source = ImportSource::from_bytes(name, bytes);
    let plan = plan(&register, &officer, &source);
    let dry = register.dry_run_import(&officer, &source, &plan).unwrap();
    let data_rows = dry
        .rows
        .iter()
        .filter(|v| v.status != RowStatus::Skipped)
        .count() as u32;
    assert_eq!(dry.importable, dry.ready + dry.warnings);
    assert_eq!(dry.importable + dry.errors, data_rows);
    assert!(dry.warnings > dry.ready, "{dry:?}");
    assert!(dry.items > dry.importable, "a range makes several items");
    let items_of_rows: u32 = dry
        .rows
        .iter()
        .filter(|v| matches!(v.status, RowStatus::Ready | RowStatus::Warning))
        .map(|v| v.asset.as_ref().map_or(0, |a| a.quantity))
        .sum();
    assert_eq!(dry.items, items_of_rows);
    let report = register
        .import(
            &officer,
            &ImportRequest {
                source,
                plan,
                only_valid_rows: true,
            },
        )
        .unwrap();
    assert_eq!((report.rows, report.items), (dry.importable, dry.items));
    // The five chairs of "401-65-0512 ถึง 0516", one code each, in the file's order.
    let chairs: Vec<&str> = report.codes[..5].iter().map(String::as_str).collect();
    assert_eq!(
        chairs,
        [
            "401-65-0512",
            "401-65-0513",
            "401-65-0514",
            "401-65-0515",
            "401-65-0516"
        ]
    );
    let undone = register.undo_import(&officer, report.batch_id).unwrap();
    assert_eq!(undone, report.items, "undo removes what the import said");
}

#[test]
fn refused_rows_keep_the_file_s_cells_and_say_why() {
    let (register, officer) = sample();
    let (name, bytes) = FILES[0];
    let source = ImportSource::from_bytes(name, bytes);
    let plan = plan(&register, &officer, &source);
    let dry = register.dry_run_import(&officer, &source, &plan).unwrap();
    let from_dry_run = refused_rows(&source, &plan, &dry.rows).unwrap();
    let report = register
        .import(
            &officer,
            &ImportRequest {
                source,
                plan,
                only_valid_rows: true,
            },
        )
        .unwrap();
    assert_eq!(report.refused, from_dry_run, "the same rows either way");
    let refused = report.refused;
    assert_eq!(refused.file_name, name);
    let [sheet] = refused.sheets.as_slice() else {
        panic!("only สำนักปลัด has refused rows: {refused:?}");
    };
    assert_eq!(sheet.name, "สำนักปลัด");
    // Title rows and the header, down to row 4; a merged title is written once.
    assert_eq!(sheet.header_rows.len(), 4);
    assert_eq!(
        sheet.header_rows[0][0],
        OriginalCell::Text("ทะเบียนครุภัณฑ์ องค์การบริหารส่วนตำบลแม่กรณ์".into())
    );
    assert_eq!(sheet.header_rows[0][1], OriginalCell::Empty);
    assert_eq!(
        sheet.header_rows[3][1],
        OriginalCell::Text("หมายเลขครุภัณฑ์".into())
    );
    let rows: Vec<u32> = sheet.rows.iter().map(|r| r.row).collect();
    assert_eq!(rows, [13, 14, 15, 16]);
    let bad_date = &sheet.rows[0];
    assert_eq!(bad_date.cells[1], OriginalCell::Text("416-67-0502".into()));
    assert_eq!(bad_date.cells[6], OriginalCell::Text("31/02/2567".into()));
    assert_eq!(bad_date.cells[7], OriginalCell::Number(7900.0));
    assert_eq!(bad_date.issues[0].code, "bad_date");
    assert!(bad_date.reason.contains("no day 31"), "{}", bad_date.reason);
    let negative = &sheet.rows[2];
    assert_eq!(negative.cells[7], OriginalCell::Text("-350".into()));
    assert!(
        negative
            .issues
            .iter()
            .all(|i| i.severity == Severity::Error),
        "warnings are not reasons"
    );
}
