//! The refused rows of an import as a workbook: opened the way Excel (and the import)
//! would open it, it has the file's title rows, header and cells, and why each row was
//! left out; fixed, it goes back in.

use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};
use chrono::NaiveDate;
use phatsadu_core::import::{
    ImportPlan, ImportReport, ImportRequest, ImportSource, RowStatus, SheetPlan,
};
use phatsadu_core::{Actor, FixedClock, Register};
use phatsadu_forms::refused::{REASON_HEADER, refused_rows_xlsx};

const MESSY: &[u8] = include_bytes!("../../../../assets/sample/import/register-messy.xlsx");

fn register() -> (Register, Actor) {
    let clock = std::sync::Arc::new(FixedClock::on_date(
        NaiveDate::from_ymd_opt(2024, 10, 1).unwrap(),
    ));
    let register = Register::open_in_memory_with_clock(clock).unwrap();
    register
        .load_sample_data_with(
            &Actor::System("test".into()),
            phatsadu_core::sample::SampleOptions { assets: false },
        )
        .unwrap();
    let officer = register
        .login(&phatsadu_core::auth::LoginInput {
            username: "officer".into(),
            password: "demo1234".into(),
        })
        .unwrap()
        .actor();
    (register, officer)
}

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
        ..Default::default()
    }
}

fn import_messy(register: &Register, officer: &Actor) -> ImportReport {
    let source = ImportSource::from_bytes("register-messy.xlsx", MESSY);
    let plan = plan(register, officer, &source);
    register
        .import(
            officer,
            &ImportRequest {
                source,
                plan,
                only_valid_rows: true,
            },
        )
        .unwrap()
}

fn text(cell: Option<&Data>) -> String {
    match cell {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

#[test]
fn the_refused_rows_file_has_the_original_columns_and_the_reason() {
    let (register, officer) = register();
    let report = import_messy(&register, &officer);
    assert_eq!(report.rows_left_out, 5);
    let export = refused_rows_xlsx(&report.refused).unwrap();
    assert_eq!(export.file_name, "แถวที่ไม่นำเข้า-register-messy.xlsx");
    assert_eq!(export.rows, 5);
    let mut book = open_workbook_auto_from_rs(Cursor::new(export.bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["สำนักปลัด", "กองช่าง"]);
    let sheet = book.worksheet_range("สำนักปลัด").unwrap();
    let rows: Vec<Vec<Data>> = sheet.rows().map(|r| r.to_vec()).collect();
    assert_eq!(
        text(rows[0].first()),
        "ทะเบียนครุภัณฑ์ องค์การบริหารส่วนตำบลแม่กรณ์",
        "the title rows stay"
    );
    let header = &rows[3];
    assert_eq!(text(header.get(1)), "หมายเลขครุภัณฑ์");
    assert_eq!(text(header.get(11)), "หมายเหตุ");
    assert_eq!(text(header.get(12)), REASON_HEADER, "one column more");
    assert_eq!(rows.len(), 4 + 4, "the four refused rows under the header");
    let bad_date = &rows[4];
    assert_eq!(text(bad_date.get(1)), "416-67-0502");
    assert_eq!(text(bad_date.get(2)), "เครื่องพิมพ์เลเซอร์");
    assert_eq!(text(bad_date.get(6)), "31/02/2567", "the date as written");
    assert_eq!(bad_date.get(7), Some(&Data::Float(7900.0)));
    assert!(text(bad_date.get(12)).contains("no day 31"));
    let price = &rows[6];
    assert_eq!(text(price.get(2)), "เมาส์ไร้สาย");
    assert_eq!(text(price.get(7)), "-350");
    assert!(text(price.get(12)).contains("not an amount"));
    let works = book.worksheet_range("กองช่าง").unwrap();
    let rows: Vec<Vec<Data>> = works.rows().map(|r| r.to_vec()).collect();
    assert_eq!(text(rows[0].get(9)), REASON_HEADER);
    assert_eq!(text(rows[1].get(4)), "ครุภัณฑ์งานสวน");
}

#[test]
fn the_app_s_wording_goes_in_and_the_file_imports_again() {
    let (register, officer) = register();
    let mut refused = import_messy(&register, &officer).refused;
    // The app words the reasons as it shows them, in Thai.
    for sheet in &mut refused.sheets {
        for row in &mut sheet.rows {
            row.reason = format!("แถว {}: แก้แล้วนำเข้าใหม่", row.row);
        }
    }
    let export = refused_rows_xlsx(&refused).unwrap();
    let mut book = open_workbook_auto_from_rs(Cursor::new(export.bytes.clone())).unwrap();
    let sheet = book.worksheet_range("สำนักปลัด").unwrap();
    assert_eq!(
        sheet.get_value((4, 12)),
        Some(&Data::String("แถว 13: แก้แล้วนำเข้าใหม่".into()))
    );
    // Read back by the import: the same rows, refused for the same reasons, and the
    // reason column taken for nothing.
    let source = ImportSource::from_bytes(&export.file_name, &export.bytes);
    let inspection = register.inspect_import(&officer, &source).unwrap();
    let first = &inspection.sheets[0];
    assert_eq!(first.header_row, Some(4));
    assert_eq!(first.mapping[12], None, "{:?}", first.mapping);
    let dry = register
        .dry_run_import(&officer, &source, &plan(&register, &officer, &source))
        .unwrap();
    let errors: Vec<(String, Vec<String>)> = dry
        .rows
        .iter()
        .filter(|v| v.status == RowStatus::Error)
        .map(|v| {
            (
                v.sheet.clone(),
                v.issues.iter().map(|i| i.code.clone()).collect(),
            )
        })
        .collect();
    assert_eq!(errors.len(), 5, "{errors:?}");
    assert_eq!(errors[0].1[0], "bad_date");
}
