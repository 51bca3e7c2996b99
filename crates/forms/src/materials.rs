//! Ready-made printouts of the materials: a requisition's slip and the stock cards of a
//! fiscal year (one item, or every item of a type), read as the acting user.

use phatsadu_core::calendar::FiscalYear;
use phatsadu_core::ids::{MaterialId, MaterialRequisitionId, MaterialTypeId};
use phatsadu_core::materials::MaterialQuery;
use phatsadu_core::materials::movements::{MovementQuery, MovementSummary};
use phatsadu_core::materials::requisitions::RequisitionQuery;
use phatsadu_core::{Actor, Error, Register};

use crate::exports::{Export, SpreadsheetFormat};
use crate::forms::labels::{self, LabelItem};
use crate::forms::{
    file_name, material_balances, material_count_sheet, material_movements, requisition_slip,
    stock_card,
};
use crate::printing::{MAX_LABELS, Printout, form_error, letterhead};
use crate::spreadsheet::{Column, Kind, Table, Value, to_csv, to_xlsx};

/// Most cards one printout makes (a type of several hundred items is printed in parts).
pub const MAX_CARDS: usize = 300;

/// The slip of a requisition (ใบเบิกพัสดุ).
pub fn requisition_slip(
    register: &Register,
    actor: &Actor,
    id: MaterialRequisitionId,
) -> Result<Printout, Error> {
    let head = letterhead(register, actor)?;
    let requisition = register.requisition(actor, id)?.requisition;
    Ok(Printout {
        bytes: requisition_slip::requisition_slip(&head, &requisition).map_err(form_error)?,
        file_name: file_name("ใบเบิกพัสดุ", &requisition.requisition_no, head.today),
    })
}

/// Which cards: one item, or every item in use of a type; for a fiscal year (B.E.).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cards {
    /// One item.
    Material(MaterialId),
    /// Every item of a type.
    Type(MaterialTypeId),
}

/// The stock cards (บัญชีวัสดุ) of a fiscal year.
pub fn stock_cards(
    register: &Register,
    actor: &Actor,
    which: Cards,
    fiscal_year: i32,
) -> Result<Printout, Error> {
    let head = letterhead(register, actor)?;
    if !(2400..=2700).contains(&fiscal_year) {
        return Err(Error::invalid("fiscalYear", "not a B.E. year"));
    }
    let year = FiscalYear(fiscal_year);
    let (from, to) = (year.start(), year.end());
    let ids: Vec<MaterialId> = match which {
        Cards::Material(id) => vec![id],
        Cards::Type(type_id) => register
            .list_materials(
                actor,
                &MaterialQuery {
                    type_id: Some(type_id),
                    ..MaterialQuery::default()
                },
            )?
            .into_iter()
            .map(|m| m.id)
            .collect(),
    };
    if ids.is_empty() {
        return Err(Error::invalid("typeId", "no material of this type"));
    }
    if ids.len() > MAX_CARDS {
        return Err(Error::invalid(
            "typeId",
            format!(
                "{} cards at once is too many; at most {MAX_CARDS}",
                ids.len()
            ),
        ));
    }
    let cards = ids
        .into_iter()
        .map(|id| register.stock_card(actor, id, from, to))
        .collect::<Result<Vec<_>, Error>>()?;
    let span = format!("ปีงบประมาณ พ.ศ. {fiscal_year}");
    let number = match (which, cards.first()) {
        (Cards::Material(_), Some(card)) => card.material.code.clone(),
        (_, Some(card)) => card.material.type_name.clone(),
        _ => String::new(),
    };
    Ok(Printout {
        bytes: stock_card::stock_cards(&head, &cards, &span).map_err(form_error)?,
        file_name: file_name(&format!("บัญชีวัสดุ-{fiscal_year}"), &number, head.today),
    })
}

/// Every item's balance at the end of `on` (บัญชีวัสดุคงเหลือ), by type, as PDF.
pub fn balances_pdf(
    register: &Register,
    actor: &Actor,
    on: chrono::NaiveDate,
) -> Result<Printout, Error> {
    let head = letterhead(register, actor)?;
    let balances = register.material_balances(actor, on)?;
    let catalogue = register.list_materials(
        actor,
        &MaterialQuery {
            include_inactive: true,
            ..MaterialQuery::default()
        },
    )?;
    Ok(Printout {
        bytes: material_balances::material_balances(&head, on, &balances, &catalogue)
            .map_err(form_error)?,
        file_name: file_name("บัญชีวัสดุคงเหลือ", "", on),
    })
}

/// The catalogue with every item's balance at the end of `on`, as a spreadsheet.
pub fn balances_sheet(
    register: &Register,
    actor: &Actor,
    on: chrono::NaiveDate,
    format: SpreadsheetFormat,
) -> Result<Export, Error> {
    let balances = register.material_balances(actor, on)?;
    let catalogue = register.list_materials(
        actor,
        &MaterialQuery {
            include_inactive: true,
            ..MaterialQuery::default()
        },
    )?;
    let organisation = register
        .organisation(actor)
        .map(|o| o.name)
        .unwrap_or_default();
    let rows: Vec<Vec<Value>> = balances
        .iter()
        .map(|b| {
            let item = catalogue.iter().find(|m| m.id == b.material_id);
            vec![
                Value::Text(b.code.clone()),
                Value::Text(b.name.clone()),
                Value::Text(b.unit.clone()),
                Value::Text(item.map(|m| m.type_name.clone()).unwrap_or_default()),
                Value::Text(
                    item.and_then(|m| m.location_name.clone())
                        .unwrap_or_default(),
                ),
                item.map_or(Value::Empty, |m| Value::Quantity(m.minimum)),
                Value::Quantity(b.balance),
                Value::Money(b.value),
            ]
        })
        .collect();
    let table = Table {
        title: vec![
            organisation,
            format!("บัญชีวัสดุคงเหลือ ณ วันที่ {}", crate::forms::long_date(on)),
        ],
        sheet_name: "วัสดุคงเหลือ".into(),
        columns: vec![
            Column::new("รหัส", Kind::Text, 12.0),
            Column::new("รายการ", Kind::Text, 36.0),
            Column::new("หน่วยนับ", Kind::Text, 10.0),
            Column::new("ประเภท", Kind::Text, 24.0),
            Column::new("ที่เก็บ", Kind::Text, 18.0),
            Column::new("จำนวนต่ำสุด", Kind::Quantity, 12.0),
            Column::new("คงเหลือ", Kind::Quantity, 12.0),
            Column::new("มูลค่า (บาท)", Kind::Money, 14.0),
        ],
        rows,
    };
    Ok(Export {
        bytes: write_sheet(&table, format)?,
        rows: balances.len(),
        file_name: sheet_file_name("วัสดุคงเหลือ", "", on, format),
    })
}

/// The annual count's sheets (ใบตรวจนับวัสดุ), a store to a section; the book balance blank
/// for a blind count.
pub fn count_sheets(
    register: &Register,
    actor: &Actor,
    round: phatsadu_core::ids::RoundId,
) -> Result<Printout, Error> {
    let head = letterhead(register, actor)?;
    let loaded = register.check_round(actor, round)?;
    let count = register
        .material_count(actor, round)?
        .ok_or_else(|| Error::invalid("roundId", "this round does not count materials"))?;
    Ok(Printout {
        bytes: material_count_sheet::material_count_sheets(&head, &loaded, &count)
            .map_err(form_error)?,
        file_name: file_name("ใบตรวจนับวัสดุ", &loaded.name, head.today),
    })
}

/// A spreadsheet's file name: as a printout's, with the format's extension.
fn sheet_file_name(
    title: &str,
    number: &str,
    date: chrono::NaiveDate,
    format: SpreadsheetFormat,
) -> String {
    let pdf = file_name(title, number, date);
    format!("{}.{}", pdf.trim_end_matches(".pdf"), format.extension())
}

/// Writes `table` as `format`.
fn write_sheet(table: &Table, format: SpreadsheetFormat) -> Result<Vec<u8>, Error> {
    match format {
        SpreadsheetFormat::Xlsx => to_xlsx(table),
        SpreadsheetFormat::Csv => to_csv(table),
    }
    .map_err(|e| Error::Internal(e.to_string()))
}

/// The receipts and issues of a span (รายงานการรับ-จ่ายวัสดุ), as PDF.
pub fn movements_pdf(
    register: &Register,
    actor: &Actor,
    query: &MovementQuery,
) -> Result<Printout, Error> {
    let head = letterhead(register, actor)?;
    let summary = register.material_movements(actor, query)?;
    Ok(Printout {
        bytes: material_movements::material_movements(&head, &summary).map_err(form_error)?,
        file_name: file_name("รายงานการรับ-จ่ายวัสดุ", &span_number(&summary), head.today),
    })
}

/// The days a summary covers, as its file name says them ("2567-11-01-ถึง-2567-11-30").
fn span_number(summary: &MovementSummary) -> String {
    use chrono::Datelike;
    let be = |d: chrono::NaiveDate| {
        format!(
            "{}-{:02}-{:02}",
            phatsadu_core::calendar::be_year(d.year()),
            d.month(),
            d.day()
        )
    };
    format!("{}-ถึง-{}", be(summary.from), be(summary.to))
}

/// The receipts and issues of a span, as a spreadsheet with quantities and values as numbers.
pub fn movements_sheet(
    register: &Register,
    actor: &Actor,
    query: &MovementQuery,
    format: SpreadsheetFormat,
) -> Result<Export, Error> {
    let summary = register.material_movements(actor, query)?;
    let organisation = register
        .organisation(actor)
        .map(|o| o.name)
        .unwrap_or_default();
    let title = vec![
        organisation,
        format!(
            "รายงานการรับ-จ่ายวัสดุ {}",
            material_movements::span_words(summary.from, summary.to)
        ),
    ];
    let table = movements_table(&summary, title, "รับ-จ่ายวัสดุ");
    Ok(Export {
        bytes: write_sheet(&table, format)?,
        rows: summary.lines.len(),
        file_name: sheet_file_name(
            "รายงานการรับ-จ่ายวัสดุ",
            &span_number(&summary),
            register.clock().today(),
            format,
        ),
    })
}

/// The requisitions a query finds, newest first, as a spreadsheet.
pub fn requisitions_sheet(
    register: &Register,
    actor: &Actor,
    query: &RequisitionQuery,
    format: SpreadsheetFormat,
) -> Result<Export, Error> {
    let rows = register.list_requisitions(actor, query)?;
    let organisation = register
        .organisation(actor)
        .map(|o| o.name)
        .unwrap_or_default();
    let today = register.clock().today();
    let table = Table {
        title: vec![
            organisation,
            format!("ทะเบียนใบเบิกวัสดุ ณ วันที่ {}", crate::forms::long_date(today)),
        ],
        sheet_name: "ใบเบิกวัสดุ".into(),
        columns: vec![
            Column::new("เลขที่", Kind::Text, 12.0),
            Column::new("วันที่ขอเบิก", Kind::Date, 12.0),
            Column::new("หน่วยงาน", Kind::Text, 28.0),
            Column::new("ผู้ขอเบิก", Kind::Text, 26.0),
            Column::new("เพื่อใช้ในงาน", Kind::Text, 40.0),
            Column::new("จำนวนรายการ", Kind::Integer, 10.0),
            Column::new("สถานะ", Kind::Text, 24.0),
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    Value::Text(r.requisition_no.clone()),
                    Value::Date(r.asked_on),
                    Value::Text(r.division_name.clone()),
                    Value::Text(r.requester_name.clone()),
                    Value::Text(r.purpose.clone()),
                    Value::Integer(i64::from(r.lines)),
                    Value::Text(r.status.thai().to_owned()),
                ]
            })
            .collect(),
    };
    Ok(Export {
        bytes: write_sheet(&table, format)?,
        rows: rows.len(),
        file_name: sheet_file_name("ทะเบียนใบเบิกวัสดุ", "", today, format),
    })
}

/// Shelf labels for the items a catalogue query finds, on the label stock in the print
/// settings: the code in large type, and a QR code a scanner types into the count screen
/// (the code itself, or `M-<id>` for a code with Thai letters, see
/// [`phatsadu_core::materials::scan_key`]).
pub fn material_labels(
    register: &Register,
    actor: &Actor,
    query: &MaterialQuery,
    skip: usize,
) -> Result<Printout, Error> {
    let items: Vec<LabelItem> = register
        .list_materials(actor, query)?
        .into_iter()
        .map(|m| LabelItem {
            scan: phatsadu_core::materials::scan_key(&m.code, m.id),
            code: m.code,
            name: format!("{} ({})", m.name, m.unit),
        })
        .collect();
    if items.is_empty() {
        return Err(Error::invalid("selection", "no material is listed"));
    }
    if items.len() > MAX_LABELS {
        return Err(Error::invalid(
            "selection",
            format!("at most {MAX_LABELS} labels at a time"),
        ));
    }
    let head = letterhead(register, actor)?;
    Ok(Printout {
        bytes: labels::labels(&head, &head.settings.label_stock, &items, skip)
            .map_err(form_error)?,
        file_name: file_name("ป้ายวัสดุ", &format!("{}ดวง", items.len()), head.today),
    })
}

/// Each item's movements over a summary's span as a worksheet: quantities and values as
/// numbers (the monthly export, and the year's sheet of the annual report's workbook).
pub(crate) fn movements_table(summary: &MovementSummary, title: Vec<String>, sheet: &str) -> Table {
    Table {
        title,
        sheet_name: sheet.into(),
        columns: vec![
            Column::new("รหัส", Kind::Text, 12.0),
            Column::new("รายการ", Kind::Text, 34.0),
            Column::new("หน่วยนับ", Kind::Text, 10.0),
            Column::new("ประเภท", Kind::Text, 22.0),
            Column::new("ยกมา", Kind::Quantity, 10.0),
            Column::new("มูลค่ายกมา", Kind::Money, 13.0),
            Column::new("รับ", Kind::Quantity, 10.0),
            Column::new("มูลค่ารับ", Kind::Money, 13.0),
            Column::new("จ่าย", Kind::Quantity, 10.0),
            Column::new("มูลค่าจ่าย", Kind::Money, 13.0),
            Column::new("ปรับปรุง", Kind::Quantity, 10.0),
            Column::new("มูลค่าปรับปรุง", Kind::Money, 13.0),
            Column::new("คงเหลือ", Kind::Quantity, 10.0),
            Column::new("มูลค่าคงเหลือ", Kind::Money, 13.0),
        ],
        rows: summary
            .lines
            .iter()
            .map(|l| {
                vec![
                    Value::Text(l.code.clone()),
                    Value::Text(l.name.clone()),
                    Value::Text(l.unit.clone()),
                    Value::Text(l.type_name.clone()),
                    Value::Quantity(l.carried.quantity),
                    Value::Money(l.carried.value),
                    Value::Quantity(l.received.quantity),
                    Value::Money(l.received.value),
                    Value::Quantity(l.issued.quantity),
                    Value::Money(l.issued.value),
                    Value::Quantity(l.adjusted.quantity),
                    Value::Money(l.adjusted.value),
                    Value::Quantity(l.remaining.quantity),
                    Value::Money(l.remaining.value),
                ]
            })
            .collect(),
    }
}
