//! Ready-made printouts: an id or a query in, a finished PDF out, used alike by the
//! desktop app and the command line. Each reads what it needs from the register as the
//! acting user (so nobody prints what they may not see) and never writes.

use std::sync::Arc;

use phatsadu_core::assets::AssetQuery;
use phatsadu_core::calendar::FiscalYear;
use phatsadu_core::ids::{AssetId, CategoryId, LoanId};
use phatsadu_core::loans::LoanQuery;
use phatsadu_core::print_settings::LabelStock;
use phatsadu_core::{Actor, Error, Register};

use crate::forms::follow_up::FollowUpLetter;
use crate::forms::labels::LabelItem;
use crate::forms::{Letterhead, borrow_slip, file_name, follow_up, labels, lists, register_sheet};
use crate::pdf::{FormError, Image};

/// A finished printout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printout {
    /// The PDF.
    pub bytes: Vec<u8>,
    /// A file name with the document's number and the date, e.g.
    /// `ใบยืมพัสดุ-12-2568-2569-12-01.pdf`.
    pub file_name: String,
}

/// Most labels one printout makes (about 40 sheets of 24): a larger selection is
/// refused with a message rather than left to run for minutes.
pub const MAX_LABELS: usize = 1_000;
/// Most register sheets one printout makes.
pub const MAX_SHEETS: usize = 500;

/// Maps an engine failure to the register's error codes, naming the setting at fault.
pub(crate) fn form_error(e: FormError) -> Error {
    match e {
        FormError::Layout { field, reason } => Error::invalid(field, reason),
        FormError::Empty => Error::invalid("selection", "nothing to print"),
        FormError::Code { text, reason } => Error::invalid("code", format!("{text}: {reason}")),
        FormError::Font(reason) => Error::Internal(format!("printing: {reason}")),
    }
}

/// The organisation, print settings and today's date, as `actor` may read them.
pub fn letterhead(register: &Register, actor: &Actor) -> Result<Letterhead, Error> {
    Ok(Letterhead {
        organisation: register.organisation(actor)?,
        settings: register.print_settings(actor)?,
        today: register.clock().today(),
        logo: register.logo_image(actor)?.map(|logo| {
            Arc::new(Image {
                width: logo.width,
                height: logo.height,
                rgba: logo.rgba,
            })
        }),
    })
}

/// The borrow slip of a loan.
pub fn loan_slip(register: &Register, actor: &Actor, id: LoanId) -> Result<Printout, Error> {
    let head = letterhead(register, actor)?;
    let loan = register.loan_detail(actor, id)?;
    Ok(Printout {
        bytes: borrow_slip::borrow_slip(&head, &loan).map_err(form_error)?,
        file_name: file_name("ใบยืมพัสดุ", &loan.loan_no, head.today),
    })
}

/// The follow-up letter for an overdue loan: `round` (1, 2, …) or, when `None`, the
/// next round after the follow-ups already recorded. Refused for a loan that is not
/// overdue.
pub fn follow_up_letter(
    register: &Register,
    actor: &Actor,
    id: LoanId,
    round: Option<u32>,
) -> Result<Printout, Error> {
    let head = letterhead(register, actor)?;
    let loan = register.loan_detail(actor, id)?;
    if loan.overdue_days.is_none() {
        return Err(Error::invalid("loan", "this loan is not overdue"));
    }
    let next = loan.follow_ups.len() as u32 + 1;
    let round = round.unwrap_or(next).max(1);
    let recorded = loan.follow_ups.iter().find(|f| f.round == round);
    let letter = FollowUpLetter {
        round,
        copy_to: recorded.map(|f| f.escalated_to.clone()),
        letter_no: recorded.map(|f| f.letter_no.clone()).unwrap_or_default(),
    };
    Ok(Printout {
        bytes: follow_up::follow_up_letter(&head, &loan, &letter).map_err(form_error)?,
        file_name: file_name(&format!("ติดตามพัสดุ-ครั้งที่{round}"), &loan.loan_no, head.today),
    })
}

/// The register sheet of one asset.
pub fn asset_register_sheet(
    register: &Register,
    actor: &Actor,
    id: AssetId,
) -> Result<Printout, Error> {
    let head = letterhead(register, actor)?;
    let detail = register.asset_detail(actor, id)?;
    let code = detail.asset.code.clone();
    Ok(Printout {
        bytes: register_sheet::register_sheets(&head, &[detail]).map_err(form_error)?,
        file_name: file_name("ทะเบียนคุมทรัพย์สิน", &code, head.today),
    })
}

/// Register sheets of every asset of a category, in code order.
pub fn category_register_sheets(
    register: &Register,
    actor: &Actor,
    id: CategoryId,
) -> Result<Printout, Error> {
    let head = letterhead(register, actor)?;
    let query = AssetQuery {
        category_id: Some(id),
        ..AssetQuery::default()
    };
    let assets = register.assets_for_export(actor, &query)?;
    if assets.is_empty() {
        return Err(Error::invalid("categoryId", "the category holds no assets"));
    }
    if assets.len() > MAX_SHEETS {
        return Err(Error::invalid(
            "categoryId",
            format!("more than {MAX_SHEETS} assets; print a part at a time"),
        ));
    }
    let name = assets[0].category_name.clone();
    let details = assets
        .iter()
        .map(|a| register.asset_detail(actor, a.id))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Printout {
        bytes: register_sheet::register_sheets(&head, &details).map_err(form_error)?,
        file_name: file_name("ทะเบียนคุมทรัพย์สิน", &name, head.today),
    })
}

/// Labels for the chosen assets on the stock in the print settings, or on `stock`.
pub fn asset_labels(
    register: &Register,
    actor: &Actor,
    ids: &[AssetId],
    stock: Option<&LabelStock>,
    skip: usize,
) -> Result<Printout, Error> {
    if ids.is_empty() {
        return Err(Error::invalid("assetIds", "choose at least one asset"));
    }
    if ids.len() > MAX_LABELS {
        return Err(Error::invalid(
            "assetIds",
            format!("at most {MAX_LABELS} labels at a time"),
        ));
    }
    let head = letterhead(register, actor)?;
    let stock = stock
        .cloned()
        .unwrap_or_else(|| head.settings.label_stock.clone());
    let items = ids
        .iter()
        .map(|id| {
            register.asset_detail(actor, *id).map(|d| LabelItem {
                scan: d.asset.code.clone(),
                code: d.asset.code,
                name: d.asset.name,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Printout {
        bytes: labels::labels(&head, &stock, &items, skip).map_err(form_error)?,
        file_name: file_name("ป้ายครุภัณฑ์", &format!("{}ดวง", items.len()), head.today),
    })
}

/// The calibration page for the stock in the print settings, or for `stock`.
pub fn label_calibration(
    register: &Register,
    actor: &Actor,
    stock: Option<&LabelStock>,
) -> Result<Printout, Error> {
    let head = letterhead(register, actor)?;
    let stock = stock
        .cloned()
        .unwrap_or_else(|| head.settings.label_stock.clone());
    Ok(Printout {
        bytes: labels::calibration(&head, &stock).map_err(form_error)?,
        file_name: file_name("หน้าทดสอบป้าย", &stock.preset, head.today),
    })
}

/// The asset list matching `query` (paging ignored), titled with `filters` in words.
pub fn asset_list(
    register: &Register,
    actor: &Actor,
    query: &AssetQuery,
    filters: &str,
) -> Result<Printout, Error> {
    let head = letterhead(register, actor)?;
    let assets = register.assets_for_export(actor, query)?;
    Ok(Printout {
        bytes: lists::asset_list(&head, filters, &assets).map_err(form_error)?,
        file_name: file_name("ทะเบียนครุภัณฑ์", "", head.today),
    })
}

/// The loan register of fiscal year `fiscal_year` (B.E.; the current one if `None`).
pub fn loan_register(
    register: &Register,
    actor: &Actor,
    fiscal_year: Option<i32>,
) -> Result<Printout, Error> {
    let head = letterhead(register, actor)?;
    let year = fiscal_year.unwrap_or_else(|| FiscalYear::of(head.today).be_year());
    let rows = register.list_loans(
        actor,
        &LoanQuery {
            fiscal_year: Some(year),
            ..LoanQuery::default()
        },
    )?;
    let loans = rows
        .iter()
        .map(|r| register.loan_detail(actor, r.id))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Printout {
        bytes: lists::loan_register(&head, year, &loans).map_err(form_error)?,
        file_name: file_name("ทะเบียนคุมการยืมพัสดุ", &format!("ปีงบ{year}"), head.today),
    })
}
