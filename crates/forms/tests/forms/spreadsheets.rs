//! Exports, read back the way a person's Excel (or our own import) would read them.

use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};
use chrono::NaiveDate;
use phatsadu_core::assets::{AssetQuery, AssetSort};
use phatsadu_core::import::{ImportPlan, ImportRequest, ImportSource, SheetPlan};
use phatsadu_core::{Actor, FixedClock, Register};
use phatsadu_forms::spreadsheet::{to_csv, to_xlsx};
use phatsadu_forms::tables::asset_register;

const MESSY: &[u8] = include_bytes!("../../../../assets/sample/import/register-messy.xlsx");

/// The sample organisation with the messy fixture's valid rows imported.
fn register_with_assets() -> (Register, Actor) {
    let clock = std::sync::Arc::new(FixedClock::on_date(
        NaiveDate::from_ymd_opt(2024, 10, 1).unwrap(),
    ));
    let register = Register::open_in_memory_with_clock(clock).unwrap();
    let system = Actor::System("test".into());
    register
        .load_sample_data_with(
            &system,
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
    let source = ImportSource::from_bytes("register-messy.xlsx", MESSY);
    let inspection = register.inspect_import(&officer, &source).unwrap();
    let plan = ImportPlan {
        sheets: inspection
            .sheets
            .iter()
            .filter(|s| s.header_row.is_some())
            .map(|s| SheetPlan {
                name: s.name.clone(),
                header_row: s.header_row.unwrap(),
                mapping: s.mapping.clone(),
            })
            .collect(),
        create_missing: false,
        aliases: Vec::new(),
        new_categories: Vec::new(),
    };
    register
        .import(
            &officer,
            &ImportRequest {
                source,
                plan,
                only_valid_rows: true,
            },
        )
        .unwrap();
    (register, officer)
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        _ => String::new(),
    }
}

#[test]
fn the_xlsx_keeps_thai_text_b_e_dates_as_text_and_amounts_as_numbers() {
    let (register, officer) = register_with_assets();
    let query = AssetQuery {
        text: Some("401-67".into()),
        sort: AssetSort::Code,
        ..Default::default()
    };
    let assets = register.assets_for_export(&officer, &query).unwrap();
    assert_eq!(assets.len(), 3);
    let table = asset_register(
        "องค์การบริหารส่วนตำบลแม่กรณ์",
        "ค้นหา: 401-67",
        NaiveDate::from_ymd_opt(2024, 10, 1).unwrap(),
        &assets,
    );
    let bytes = to_xlsx(&table).unwrap();
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes.clone())).unwrap();
    let sheet = book.worksheet_range("ทะเบียนครุภัณฑ์").unwrap();
    let rows: Vec<Vec<Data>> = sheet.rows().map(|r| r.to_vec()).collect();
    assert_eq!(
        cell_text(&rows[0][0]),
        "ทะเบียนครุภัณฑ์ องค์การบริหารส่วนตำบลแม่กรณ์"
    );
    assert_eq!(
        cell_text(&rows[2][0]),
        "ข้อมูล ณ วันที่ 1 ตุลาคม 2567 จำนวน 3 รายการ"
    );
    let header: Vec<String> = rows[4].iter().map(cell_text).collect();
    assert_eq!(&header[..3], ["ลำดับ", "รหัสครุภัณฑ์", "ชื่อ/รายการ"]);
    let first = &rows[5];
    assert_eq!(cell_text(&first[1]), "401-67-0501");
    assert_eq!(cell_text(&first[2]), "โต๊ะทำงานเหล็ก");
    assert_eq!(
        first[8],
        Data::String("15/03/2567".into()),
        "a B.E. date as text"
    );
    assert_eq!(first[14], Data::Float(4500.0), "an amount as a number");
    assert_eq!(cell_text(&first[19]), "ใช้งานได้");
    // Our own import finds the header under the title and maps every column back.
    let again = register
        .inspect_import(&officer, &ImportSource::from_bytes("export.xlsx", &bytes))
        .unwrap();
    assert_eq!(again.sheets[0].header_row, Some(5));
    let mapped = again.sheets[0].mapping.iter().flatten().count();
    assert!(
        mapped >= 17,
        "only {mapped} columns recognised: {:?}",
        again.sheets[0].mapping
    );
}

#[test]
fn the_csv_is_utf8_with_a_bom_for_excel() {
    let (register, officer) = register_with_assets();
    let assets = register
        .assets_for_export(
            &officer,
            &AssetQuery {
                sort: AssetSort::Code,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(assets.len(), 16);
    let table = asset_register(
        "อบต.แม่กรณ์",
        "",
        NaiveDate::from_ymd_opt(2024, 10, 1).unwrap(),
        &assets,
    );
    let bytes = to_csv(&table).unwrap();
    assert_eq!(&bytes[..3], [0xEF, 0xBB, 0xBF]);
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut lines = text.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("ลำดับ,รหัสครุภัณฑ์,ชื่อ/รายการ,ยี่ห้อ")
    );
    let desk = text.lines().find(|l| l.contains("โต๊ะทำงานเหล็ก")).unwrap();
    assert!(desk.contains("15/03/2567"), "{desk}");
    assert!(desk.contains(",4500.00,"), "{desk}");
    assert_eq!(text.lines().count(), 17);
}

#[test]
fn an_empty_list_still_makes_a_valid_file() {
    let table = asset_register(
        "อบต.",
        "",
        NaiveDate::from_ymd_opt(2024, 10, 1).unwrap(),
        &[],
    );
    let bytes = to_xlsx(&table).unwrap();
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).unwrap();
    assert!(book.worksheet_range("ทะเบียนครุภัณฑ์").is_ok());
}
