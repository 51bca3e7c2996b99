//! The tables the program exports, built from core's read models.

use chrono::NaiveDate;
use phatsadu_core::assets::Asset;
use phatsadu_core::calendar::{DateStyle, Digits, format_date};
use phatsadu_core::loans::{LoanKind, LoanRow, LoanStatus};

use crate::spreadsheet::{Column, Kind, Table, Value};

/// A check line's result as the sheets and the report word it.
pub fn line_result_thai(result: phatsadu_core::checks::LineResult) -> &'static str {
    use phatsadu_core::checks::LineResult as R;
    match result {
        R::Found => "พบ ตรงที่",
        R::FoundElsewhere => "พบ ผิดที่",
        R::NotFound => "ไม่พบ",
        R::OnLoan => "ถูกยืม",
    }
}

fn text(s: &str) -> Value {
    if s.is_empty() {
        Value::Empty
    } else {
        Value::Text(s.to_owned())
    }
}

fn optional(s: &Option<String>) -> Value {
    s.as_deref().map_or(Value::Empty, text)
}

/// The asset list as the register keeps it, one row per item, with a title naming the
/// organisation, the filters in words and the date it was made.
pub fn asset_register(
    organisation: &str,
    filters: &str,
    made_on: NaiveDate,
    assets: &[Asset],
) -> Table {
    let columns = vec![
        Column::new("ลำดับ", Kind::Integer, 7.0),
        Column::new("รหัสครุภัณฑ์", Kind::Text, 16.0),
        Column::new("ชื่อ/รายการ", Kind::Text, 36.0),
        Column::new("ยี่ห้อ", Kind::Text, 14.0),
        Column::new("รุ่น", Kind::Text, 16.0),
        Column::new("หมายเลขเครื่อง", Kind::Text, 16.0),
        Column::new("ประเภท", Kind::Text, 26.0),
        Column::new("หน่วยนับ", Kind::Text, 9.0),
        Column::new("วันที่ได้มา", Kind::Date, 12.0),
        Column::new("ปีงบประมาณ", Kind::Integer, 11.0),
        Column::new("เลขที่เอกสาร", Kind::Text, 16.0),
        Column::new("วิธีการได้มา", Kind::Text, 16.0),
        Column::new("แหล่งเงิน", Kind::Text, 14.0),
        Column::new("ผู้ขาย", Kind::Text, 22.0),
        Column::new("ราคาต่อหน่วย", Kind::Money, 14.0),
        Column::new("อายุการใช้งาน (ปี)", Kind::Integer, 10.0),
        Column::new("ส่วนราชการ", Kind::Text, 24.0),
        Column::new("สถานที่ตั้ง", Kind::Text, 22.0),
        Column::new("ผู้รับผิดชอบ", Kind::Text, 22.0),
        Column::new("สถานะ", Kind::Text, 13.0),
        Column::new("หมายเหตุ", Kind::Text, 24.0),
    ];
    let rows = assets
        .iter()
        .enumerate()
        .map(|(i, a)| {
            vec![
                Value::Integer(i as i64 + 1),
                text(&a.code),
                text(&a.name),
                text(&a.brand),
                text(&a.model),
                text(&a.serial_no),
                text(&a.category_name),
                text(&a.unit),
                Value::Date(a.acquired_on),
                Value::Integer(i64::from(a.fiscal_year)),
                text(&a.document_no),
                text(&a.acquisition_method),
                text(&a.funding_source),
                text(&a.vendor),
                Value::Money(a.unit_price),
                Value::Integer(i64::from(a.useful_life_years)),
                optional(&a.division_name),
                optional(&a.location_name),
                optional(&a.custodian_name),
                Value::Text(a.status.thai().to_owned()),
                text(&a.notes),
            ]
        })
        .collect();
    let mut title = vec![format!("ทะเบียนครุภัณฑ์ {organisation}")];
    if !filters.is_empty() {
        title.push(filters.to_owned());
    }
    title.push(format!(
        "ข้อมูล ณ วันที่ {} จำนวน {} รายการ",
        format_date(made_on, DateStyle::Long, Digits::Arabic),
        assets.len()
    ));
    Table {
        title,
        sheet_name: "ทะเบียนครุภัณฑ์".into(),
        columns,
        rows,
    }
}

/// The Thai word for a loan's status, as lists and forms print it.
pub fn loan_status_thai(status: LoanStatus) -> &'static str {
    match status {
        LoanStatus::Draft => "ร่าง",
        LoanStatus::Submitted => "รออนุมัติ",
        LoanStatus::Approved => "อนุมัติแล้ว",
        LoanStatus::Rejected => "ไม่อนุมัติ",
        LoanStatus::Out => "ยืมอยู่",
        LoanStatus::Closed => "คืนครบแล้ว",
        LoanStatus::Cancelled => "ยกเลิก",
    }
}

/// The case of ข้อ ๒๐๘ in words.
pub fn loan_kind_thai(kind: LoanKind) -> &'static str {
    match kind {
        LoanKind::Inside => "ใช้ภายในสถานที่",
        LoanKind::Outside => "นำออกนอกสถานที่",
        LoanKind::Agency => "หน่วยงานอื่นยืม",
    }
}

/// The loan register of a fiscal year (ITA evidence): every loan with its borrower,
/// items, dates, approver and where it stands.
pub fn loan_register(
    organisation: &str,
    heading: &str,
    made_on: NaiveDate,
    loans: &[LoanRow],
) -> Table {
    let columns = vec![
        Column::new("ลำดับ", Kind::Integer, 7.0),
        Column::new("เลขที่ใบยืม", Kind::Text, 12.0),
        Column::new("ผู้ยืม", Kind::Text, 28.0),
        Column::new("กรณี", Kind::Text, 18.0),
        Column::new("เพื่อใช้ในราชการ", Kind::Text, 34.0),
        Column::new("รายการ (หมายเลขครุภัณฑ์)", Kind::Text, 30.0),
        Column::new("จำนวน", Kind::Integer, 8.0),
        Column::new("วันที่ยืม", Kind::Date, 12.0),
        Column::new("กำหนดคืน", Kind::Date, 12.0),
        Column::new("ผู้อนุมัติ", Kind::Text, 24.0),
        Column::new("สถานะ", Kind::Text, 13.0),
        Column::new("เกินกำหนด (วัน)", Kind::Integer, 10.0),
    ];
    let rows = loans
        .iter()
        .enumerate()
        .map(|(i, l)| {
            vec![
                Value::Integer(i as i64 + 1),
                text(&l.loan_no),
                text(&l.borrower_name),
                Value::Text(loan_kind_thai(l.kind).to_owned()),
                text(&l.purpose),
                text(&l.codes),
                Value::Integer(i64::from(l.items)),
                Value::Date(l.starts_on),
                Value::Date(l.due_on),
                optional(&l.decided_by_name),
                Value::Text(loan_status_thai(l.status).to_owned()),
                l.overdue_days.map_or(Value::Empty, Value::Integer),
            ]
        })
        .collect();
    Table {
        title: vec![
            format!("ทะเบียนคุมการยืมพัสดุ {organisation}"),
            heading.to_owned(),
            format!(
                "ข้อมูล ณ วันที่ {} จำนวน {} รายการ",
                format_date(made_on, DateStyle::Long, Digits::Arabic),
                loans.len()
            ),
        ],
        sheet_name: "ทะเบียนการยืม".into(),
        columns,
        rows,
    }
}
