//! The materials' summaries read back from the sample อบต.: the monthly receipts and issues
//! as PDF (each type's items, subtotals, the signers) and as a workbook whose numbers add up
//! as the card says; the requisitions list as a workbook.

use crate::common;
use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};
use chrono::NaiveDate;
use phatsadu_core::materials::movements::MovementQuery;
use phatsadu_core::materials::requisitions::RequisitionQuery;
use phatsadu_core::{Actor, Register};
use phatsadu_forms::exports::SpreadsheetFormat;
use phatsadu_forms::materials::{movements_pdf, movements_sheet, requisitions_sheet};

/// The sample organisation, read by the supplies officer.
fn sample() -> (Register, Actor) {
    let register = common::sample_register();
    let officer = common::log_in(&register, "officer");
    (register, officer)
}

/// September 2569: the sample receives a third of its items and every division draws.
fn september_2569() -> MovementQuery {
    MovementQuery {
        from: NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2026, 9, 30).unwrap(),
        type_id: None,
    }
}

fn rows_of(bytes: Vec<u8>) -> Vec<Vec<Data>> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    range.rows().map(<[Data]>::to_vec).collect()
}

fn number(cell: &Data) -> f64 {
    match cell {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        Data::Empty => 0.0,
        other => panic!("not a number: {other:?}"),
    }
}

#[test]
fn the_monthly_summary_prints_each_type_with_subtotals_and_the_signers() {
    let (register, officer) = sample();
    let summary = register
        .material_movements(&officer, &september_2569())
        .unwrap();
    assert!(
        summary.lines.iter().any(|l| l.received.quantity.0 > 0),
        "the sample receives in September"
    );
    assert!(summary.lines.iter().any(|l| l.issued.quantity.0 > 0));
    let printout = movements_pdf(&register, &officer, &september_2569()).unwrap();
    assert!(
        printout
            .file_name
            .starts_with("รายงานการรับ-จ่ายวัสดุ-2569-09-01-ถึง-2569-09-30"),
        "{}",
        printout.file_name
    );
    let path = common::save("material-movements-september", &printout.bytes);
    let t = common::squash(&common::text_of(&path));
    for expected in [
        "รายงานการรับ-จ่ายวัสดุ",
        "ประจำเดือนกันยายน พ.ศ. 2569",
        "ยกมา",
        "มูลค่าคงเหลือ",
        "รวมวัสดุสำนักงาน",
        "รวมทั้งสิ้น",
        "ผู้จัดทำ",
        "ผู้ตรวจสอบ",
    ] {
        assert!(t.contains(&common::squash(expected)), "{expected}: {t}");
    }
    for line in summary.lines.iter().take(5) {
        assert!(t.contains(&common::squash(&line.name)), "{}", line.name);
    }
    assert!(t.contains(&common::squash(&summary.totals.remaining.to_string())));
    common::render(&path, 1, 80);
}

#[test]
fn the_monthly_summary_exports_numbers_that_add_up_as_the_cards_do() {
    let (register, officer) = sample();
    let export = movements_sheet(
        &register,
        &officer,
        &september_2569(),
        SpreadsheetFormat::Xlsx,
    )
    .unwrap();
    assert!(export.file_name.ends_with(".xlsx"), "{}", export.file_name);
    let rows = rows_of(export.bytes);
    let header = rows
        .iter()
        .position(|r| r.first().is_some_and(|c| *c == "รหัส"))
        .unwrap();
    assert_eq!(rows[header][13].to_string(), "มูลค่าคงเหลือ");
    let lines = &rows[header + 1..];
    assert_eq!(lines.len(), export.rows);
    for row in lines {
        // carried + received − issued + adjusted = remaining, in units and in baht.
        let q = number(&row[4]) + number(&row[6]) - number(&row[8]) + number(&row[10]);
        assert!((q - number(&row[12])).abs() < 1e-6, "{row:?}");
        let v = number(&row[5]) + number(&row[7]) - number(&row[9]) + number(&row[11]);
        assert!((v - number(&row[13])).abs() < 0.005, "{row:?}");
    }
}

#[test]
fn the_requisitions_list_exports_each_with_its_status_in_words() {
    let (register, officer) = sample();
    let export = requisitions_sheet(
        &register,
        &officer,
        &RequisitionQuery::default(),
        SpreadsheetFormat::Xlsx,
    )
    .unwrap();
    let listed = register
        .list_requisitions(&officer, &RequisitionQuery::default())
        .unwrap();
    assert_eq!(export.rows, listed.len());
    let rows = rows_of(export.bytes);
    let header = rows
        .iter()
        .position(|r| r.first().is_some_and(|c| *c == "เลขที่"))
        .unwrap();
    let lines = &rows[header + 1..];
    assert_eq!(lines.len(), listed.len());
    for (row, r) in lines.iter().zip(&listed) {
        assert_eq!(row[0].to_string(), r.requisition_no);
        assert_eq!(row[6].to_string(), r.status.thai());
    }
    assert!(lines.iter().any(|r| r[6] == "จ่ายแล้วบางส่วน"));
}

#[test]
fn shelf_labels_carry_the_code_and_a_qr_code_a_scanner_can_type() {
    use phatsadu_core::materials::{MaterialQuery, scan_key};
    use phatsadu_core::print_settings::LabelStock;
    let (register, officer) = sample();
    let query = MaterialQuery {
        text: Some("สน.00".into()),
        ..MaterialQuery::default()
    };
    let listed = register.list_materials(&officer, &query).unwrap();
    assert!(listed.len() >= 5, "office items สน.001…");
    let printout =
        phatsadu_forms::materials::material_labels(&register, &officer, &query, 0).unwrap();
    assert!(printout.file_name.starts_with("ป้ายวัสดุ-"));
    let path = common::save("material-labels", &printout.bytes);
    let t = common::squash(&common::text_of(&path));
    for m in &listed {
        assert!(t.contains(&common::squash(&m.code)), "{}", m.code);
    }
    // Each label's QR code reads back as M-<id>: the codes have Thai letters, which a
    // keyboard-wedge scanner cannot type.
    let png = common::render(&path, 1, 200);
    let image = image::open(&png).unwrap().to_luma8();
    let stock = LabelStock::a4_3x8();
    let px = |mm: f64| (mm / 25.4 * 200.0).round() as u32;
    let mut found = Vec::new();
    for index in 0..listed.len().min(24) as u32 {
        let (col, row) = (index % stock.columns, index / stock.columns);
        let cell = image::imageops::crop_imm(
            &image,
            px(stock.margin_left_mm + f64::from(col) * stock.label_width_mm),
            px(stock.margin_top_mm + f64::from(row) * stock.label_height_mm),
            px(stock.label_width_mm),
            px(stock.label_height_mm),
        )
        .to_image();
        let mut prepared = rqrr::PreparedImage::prepare(cell);
        found.extend(
            prepared
                .detect_grids()
                .into_iter()
                .filter_map(|g| g.decode().ok().map(|(_, content)| content)),
        );
    }
    let expected: Vec<String> = listed
        .iter()
        .take(24)
        .map(|m| scan_key(&m.code, m.id))
        .collect();
    assert_eq!(found, expected);
    assert!(expected.iter().all(|k| k.starts_with("M-")));
    assert_eq!(
        scan_key("PAPER-01", listed[0].id),
        "PAPER-01",
        "an ASCII code is its own key"
    );
    // Nothing listed: refused, nothing printed.
    let none = MaterialQuery {
        text: Some("ไม่มีวัสดุนี้".into()),
        ..MaterialQuery::default()
    };
    assert!(phatsadu_forms::materials::material_labels(&register, &officer, &none, 0).is_err());
}
