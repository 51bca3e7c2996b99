//! Ready-made printouts of the materials: a requisition's slip and the stock cards of a
//! fiscal year (one item, or every item of a type), read as the acting user.

use phatsadu_core::calendar::FiscalYear;
use phatsadu_core::ids::{MaterialId, MaterialRequisitionId, MaterialTypeId};
use phatsadu_core::materials::MaterialQuery;
use phatsadu_core::{Actor, Error, Register};

use crate::exports::{Export, SpreadsheetFormat};
use crate::forms::{
    file_name, material_balances, material_count_sheet, requisition_slip, stock_card,
};
use crate::printing::{Printout, form_error, letterhead};
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
    let bytes = match format {
        SpreadsheetFormat::Xlsx => to_xlsx(&table),
        SpreadsheetFormat::Csv => to_csv(&table),
    }
    .map_err(|e| Error::Internal(e.to_string()))?;
    Ok(Export {
        bytes,
        rows: balances.len(),
        file_name: format!(
            "วัสดุคงเหลือ-{}.{}",
            file_name("", "", on)
                .trim_start_matches('-')
                .trim_end_matches(".pdf"),
            format.extension()
        ),
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
