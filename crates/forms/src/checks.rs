//! A check round's printouts — its sheets (one PDF, or one per division), the annual report,
//! the appointment order, form 7 — and the report as a workbook, each read from the register
//! as the acting user, as the desktop app and the command line print them.

use phatsadu_core::checks::{AnnualReport, CheckLine, RoundKind};
use phatsadu_core::ids::RoundId;
use phatsadu_core::{Actor, Error, Register};

use crate::forms::check_sheet::SheetOptions;
use crate::forms::{check_order, check_report, check_sheet, file_name};
use crate::printing::{Printout, form_error, letterhead};
use crate::spreadsheet::{Column, Kind, Table, Value, to_xlsx_book};

/// Most lines one printout of sheets holds (an annual round of a large body is printed a
/// division at a time).
pub const MAX_SHEET_LINES: usize = 20_000;

/// The sheets of a round (or of one of its divisions) as one PDF, a new page per location.
pub fn check_sheets(
    register: &Register,
    actor: &Actor,
    round: RoundId,
    division: Option<phatsadu_core::ids::DivisionId>,
    options: SheetOptions,
) -> Result<Printout, Error> {
    let head = letterhead(register, actor)?;
    let detail = register.check_round(actor, round)?;
    let lines = register.sheet_lines(actor, round, division)?;
    if lines.is_empty() {
        return Err(Error::invalid(
            "roundId",
            "the round has no lines to print (open it first)",
        ));
    }
    if lines.len() > MAX_SHEET_LINES {
        return Err(Error::invalid(
            "divisionId",
            format!("{} lines; print one division at a time", lines.len()),
        ));
    }
    let part = match division {
        Some(_) => lines[0].division_name.clone().unwrap_or_default(),
        None => detail.name.clone(),
    };
    Ok(Printout {
        bytes: check_sheet::check_sheets(&head, &detail, &lines, options).map_err(form_error)?,
        file_name: file_name("ใบตรวจนับ", &part, head.today),
    })
}

/// The sheets of a round as one PDF per division, in sheet order.
pub fn check_sheets_per_division(
    register: &Register,
    actor: &Actor,
    round: RoundId,
    options: SheetOptions,
) -> Result<Vec<Printout>, Error> {
    let head = letterhead(register, actor)?;
    let detail = register.check_round(actor, round)?;
    let lines = register.sheet_lines(actor, round, None)?;
    if lines.is_empty() {
        return Err(Error::invalid(
            "roundId",
            "the round has no lines to print (open it first)",
        ));
    }
    let mut files = Vec::new();
    let mut start = 0;
    while start < lines.len() {
        let division = lines[start].division_name.clone();
        let end = lines[start..]
            .iter()
            .position(|l| l.division_name != division)
            .map_or(lines.len(), |n| start + n);
        let part: &[CheckLine] = &lines[start..end];
        files.push(Printout {
            bytes: check_sheet::check_sheets(&head, &detail, part, options).map_err(form_error)?,
            file_name: file_name(
                "ใบตรวจนับ",
                &division.unwrap_or_else(|| "ไม่ระบุส่วนราชการ".into()),
                head.today,
            ),
        });
        start = end;
    }
    Ok(files)
}

/// The round's report: the memo, the balances, the findings.
pub fn report(register: &Register, actor: &Actor, round: RoundId) -> Result<Printout, Error> {
    let head = letterhead(register, actor)?;
    let report = register.check_report(actor, round)?;
    Ok(Printout {
        bytes: check_report::check_report(&head, &report).map_err(form_error)?,
        file_name: file_name("รายงานผลการตรวจสอบพัสดุ", &report.round.name, head.today),
    })
}

/// The draft appointment order of an annual round.
pub fn appointment_order(
    register: &Register,
    actor: &Actor,
    round: RoundId,
) -> Result<Printout, Error> {
    let head = letterhead(register, actor)?;
    let detail = register.check_round(actor, round)?;
    if detail.kind != RoundKind::Annual {
        return Err(Error::invalid(
            "roundId",
            "only an annual round has an appointment order",
        ));
    }
    Ok(Printout {
        bytes: check_order::appointment_order(&head, &detail).map_err(form_error)?,
        file_name: file_name(
            "คำสั่งแต่งตั้งคณะกรรมการตรวจสอบพัสดุ",
            &detail.fiscal_year.to_string(),
            head.today,
        ),
    })
}

/// Form 7: the periodic checks of a fiscal year, per division.
pub fn periodic_summary(
    register: &Register,
    actor: &Actor,
    fiscal_year: i32,
) -> Result<Printout, Error> {
    let head = letterhead(register, actor)?;
    let summary = register.periodic_summary(actor, fiscal_year)?;
    Ok(Printout {
        bytes: check_order::periodic_summary(&head, &summary).map_err(form_error)?,
        file_name: file_name(
            "สรุปการตรวจนับประจำงวด",
            &format!("ปีงบ{fiscal_year}"),
            head.today,
        ),
    })
}

fn text(s: &str) -> Value {
    if s.is_empty() {
        Value::Empty
    } else {
        Value::Text(s.to_owned())
    }
}

/// The report's annexes as worksheets, and every line of the round with its count.
pub fn report_workbook(
    register: &Register,
    actor: &Actor,
    round: RoundId,
) -> Result<(Vec<u8>, String), Error> {
    let organisation = register
        .organisation(actor)
        .map(|o| o.name)
        .unwrap_or_default();
    let report: AnnualReport = register.check_report(actor, round)?;
    let lines = register.sheet_lines(actor, round, None)?;
    let title = |name: &str| {
        vec![
            organisation.clone(),
            name.to_owned(),
            report.round.name.clone(),
        ]
    };
    let balances = Table {
        title: title("บัญชีครุภัณฑ์คงเหลือ"),
        sheet_name: "บัญชีครุภัณฑ์คงเหลือ".into(),
        columns: vec![
            Column::new("รหัส", Kind::Text, 8.0),
            Column::new("ประเภท", Kind::Text, 32.0),
            Column::new("จำนวนตามทะเบียน", Kind::Integer, 12.0),
            Column::new("จำนวนที่ตรวจนับได้", Kind::Integer, 12.0),
            Column::new("ขาด", Kind::Integer, 8.0),
            Column::new("เกิน", Kind::Integer, 8.0),
            Column::new("สภาพไม่ใช้งานได้", Kind::Integer, 12.0),
            Column::new("ราคาทุนตามทะเบียน", Kind::Money, 16.0),
            Column::new("ราคาทุนที่ตรวจนับได้", Kind::Money, 16.0),
        ],
        rows: report
            .balances
            .iter()
            .map(|b| {
                vec![
                    text(&b.type_code),
                    text(&b.category_name),
                    Value::Integer(i64::from(b.register)),
                    Value::Integer(i64::from(b.counted)),
                    Value::Integer(i64::from(b.short)),
                    Value::Integer(i64::from(b.over)),
                    Value::Integer(i64::from(b.not_in_use)),
                    Value::Money(b.register_value),
                    Value::Money(b.counted_value),
                ]
            })
            .collect(),
    };
    let findings = Table {
        title: title("บัญชีพัสดุชำรุด เสื่อมสภาพ สูญไป หรือไม่จำเป็นต้องใช้"),
        sheet_name: "บัญชีพัสดุชำรุด".into(),
        columns: vec![
            Column::new("รหัส", Kind::Text, 16.0),
            Column::new("รายการ", Kind::Text, 30.0),
            Column::new("ประเภท", Kind::Text, 24.0),
            Column::new("วันที่ได้มา", Kind::Date, 12.0),
            Column::new("ราคาทุน", Kind::Money, 14.0),
            Column::new("มูลค่าสุทธิ", Kind::Money, 14.0),
            Column::new("สภาพ", Kind::Text, 12.0),
            Column::new("สาเหตุ", Kind::Text, 24.0),
            Column::new("ข้อเสนอ", Kind::Text, 24.0),
        ],
        rows: report
            .findings
            .iter()
            .map(|f| {
                vec![
                    text(&f.code),
                    text(&f.name),
                    text(&f.category_name),
                    Value::Date(f.acquired_on),
                    Value::Money(f.cost),
                    Value::Money(f.net_book_value),
                    text(if f.not_found {
                        "ไม่พบ"
                    } else {
                        f.condition.thai()
                    }),
                    text(&f.cause),
                    text(&f.proposal),
                ]
            })
            .collect(),
    };
    let counted = Table {
        title: title("รายการตรวจนับ"),
        sheet_name: "รายการตรวจนับ".into(),
        columns: vec![
            Column::new("ลำดับ", Kind::Integer, 7.0),
            Column::new("รหัสครุภัณฑ์", Kind::Text, 16.0),
            Column::new("รายการ", Kind::Text, 30.0),
            Column::new("ส่วนราชการ", Kind::Text, 24.0),
            Column::new("สถานที่ตั้ง", Kind::Text, 22.0),
            Column::new("ผลการตรวจนับ", Kind::Text, 14.0),
            Column::new("พบที่", Kind::Text, 20.0),
            Column::new("สภาพ", Kind::Text, 12.0),
            Column::new("ผู้ตรวจนับ", Kind::Text, 22.0),
            Column::new("หมายเหตุ", Kind::Text, 24.0),
        ],
        rows: lines
            .iter()
            .map(|l| {
                vec![
                    Value::Integer(i64::from(l.seq)),
                    text(&l.code),
                    text(&l.name),
                    text(l.division_name.as_deref().unwrap_or("")),
                    text(l.location_name.as_deref().unwrap_or("")),
                    text(
                        l.result
                            .map_or("ยังไม่ตรวจนับ", crate::tables::line_result_thai),
                    ),
                    text(l.found_location_name.as_deref().unwrap_or("")),
                    text(l.condition.map_or("", |c| c.thai())),
                    text(l.counted_by_name.as_deref().unwrap_or("")),
                    text(&l.note),
                ]
            })
            .collect(),
    };
    let mut sheets = vec![balances, findings, counted];
    sheets.extend(material_sheets(register, actor, &report, &title)?);
    let bytes = to_xlsx_book(&sheets.iter().collect::<Vec<_>>())
        .map_err(|e| Error::Internal(e.to_string()))?;
    let today = register.clock().today();
    let name =
        file_name("รายงานผลการตรวจสอบพัสดุ", &report.round.name, today).replace(".pdf", ".xlsx");
    Ok((bytes, name))
}

/// When the round counted the materials: its บัญชีวัสดุคงเหลือ (book, counted, difference,
/// price, value) and each item's receipts and issues over the period checked.
fn material_sheets(
    register: &Register,
    actor: &Actor,
    report: &AnnualReport,
    title: &dyn Fn(&str) -> Vec<String>,
) -> Result<Vec<Table>, Error> {
    let Some(count) = &report.materials else {
        return Ok(Vec::new());
    };
    let quantity =
        |q: Option<phatsadu_core::materials::Quantity>| q.map_or(Value::Empty, Value::Quantity);
    let balances = Table {
        title: title("บัญชีวัสดุคงเหลือ"),
        sheet_name: "บัญชีวัสดุคงเหลือ".into(),
        columns: vec![
            Column::new("ที่", Kind::Integer, 6.0),
            Column::new("รหัส", Kind::Text, 12.0),
            Column::new("รายการ", Kind::Text, 34.0),
            Column::new("หน่วยนับ", Kind::Text, 10.0),
            Column::new("จำนวนตามบัญชี", Kind::Quantity, 12.0),
            Column::new("จำนวนที่ตรวจนับได้", Kind::Quantity, 12.0),
            Column::new("ผลต่าง", Kind::Quantity, 10.0),
            Column::new("ราคาต่อหน่วย", Kind::Money, 12.0),
            Column::new("มูลค่า", Kind::Money, 14.0),
        ],
        rows: count
            .lines
            .iter()
            .enumerate()
            .map(|(n, l)| {
                vec![
                    Value::Integer(n as i64 + 1),
                    text(&l.code),
                    text(&l.name),
                    text(&l.unit),
                    quantity(l.book),
                    quantity(l.counted),
                    quantity(l.difference),
                    Value::Money(l.unit_price),
                    Value::Money(l.value()),
                ]
            })
            .collect(),
    };
    let mut sheets = vec![balances];
    let round = &report.round;
    if let (Some(from), Some(to)) = (round.period_from, round.period_to) {
        let query = phatsadu_core::materials::movements::MovementQuery {
            from,
            to: to.min(register.clock().today()),
            type_id: None,
        };
        if query.from <= query.to {
            let summary = register.material_movements(actor, &query)?;
            sheets.push(crate::materials::movements_table(
                &summary,
                title("การรับ-จ่ายวัสดุในรอบปี"),
                "รับ-จ่ายวัสดุ",
            ));
        }
    }
    Ok(sheets)
}
