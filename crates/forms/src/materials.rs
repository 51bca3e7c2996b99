//! Ready-made printouts of the materials: a requisition's slip and the stock cards of a
//! fiscal year (one item, or every item of a type), read as the acting user.

use phatsadu_core::calendar::FiscalYear;
use phatsadu_core::ids::{MaterialId, MaterialRequisitionId, MaterialTypeId};
use phatsadu_core::materials::MaterialQuery;
use phatsadu_core::{Actor, Error, Register};

use crate::forms::{file_name, requisition_slip, stock_card};
use crate::printing::{Printout, form_error, letterhead};

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
