//! The supplies officer hands items out and takes them back, one by one (ข้อ ๒๑๐).
//!
//! Each item records when, by which officer, to whom and in what condition, both ways.
//! The officer is never the borrower. An item returned damaged, or recorded lost, opens a
//! compensation case (repair, replace with the same kind, or pay its value: the value
//! suggested is the item's net book value on the loan's first day) and sets the item's
//! status in the register. When nothing is out or waiting any more, the loan closes.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::requests::refused;
use super::{ItemCondition, ItemState, Loan, LoanStatus, code_enum, store};
use crate::assets::AssetStatus;
use crate::assets::depreciation::Depreciable;
use crate::audit::Event;
use crate::auth::Permission;
use crate::error::{Error, Result};
use crate::ids::{AssetId, CompensationId, LoanId};
use crate::money::Satang;
use crate::register::{Actor, Change, Register};
use crate::text;

/// One item handed out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ItemHandOut {
    /// The item.
    pub asset_id: AssetId,
    /// Its condition as it leaves (good, or damaged with a note).
    pub condition: ItemCondition,
}

/// Handing items of an approved loan to the borrower.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HandOut {
    /// The loan.
    pub loan_id: LoanId,
    /// The items going out now (others may follow).
    pub items: Vec<ItemHandOut>,
    /// Who signs for them (the borrower or their messenger).
    pub received_by_name: String,
}

/// One item coming back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ItemReturn {
    /// The item.
    pub asset_id: AssetId,
    /// Its condition on return; `lost` records that it will not come back.
    pub condition: ItemCondition,
    /// What is wrong, if anything.
    pub notes: String,
}

/// Taking items back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Return {
    /// The loan.
    pub loan_id: LoanId,
    /// The items coming back now.
    pub items: Vec<ItemReturn>,
    /// Who brought them.
    pub returned_by_name: String,
}

/// Taking items that were never handed out off an approved loan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Withdrawal {
    /// The loan.
    pub loan_id: LoanId,
    /// The items.
    pub asset_ids: Vec<AssetId>,
    /// Why.
    pub reason: String,
}

/// How a borrower makes good a damaged or lost item (ข้อ ๒๑๐).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Remedy {
    /// Repairs it to working order.
    Repair,
    /// Replaces it with one of the same kind and quality.
    Replace,
    /// Pays its value.
    Pay,
}
code_enum!(Remedy {
    Repair => "repair",
    Replace => "replace",
    Pay => "pay",
});

/// A compensation case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CompensationCase {
    /// Id.
    pub id: CompensationId,
    /// The loan.
    pub loan_id: LoanId,
    /// The item.
    pub asset_id: AssetId,
    /// Its code.
    pub asset_code: String,
    /// `damaged` or `lost`.
    pub cause: ItemCondition,
    /// The item's net book value on the loan's first day.
    pub suggested_value: Satang,
    /// The remedy agreed.
    pub remedy: Option<Remedy>,
    /// The amount agreed (paying).
    pub agreed_value: Option<Satang>,
    /// Open until made good.
    pub closed: bool,
    /// What was done.
    pub resolution: String,
    /// The document recording it.
    pub document_no: String,
    /// When it was opened.
    pub opened_at: String,
    /// When it was settled.
    pub closed_on: Option<NaiveDate>,
}

/// Recording what was agreed for a case, and closing it when done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CompensationDecision {
    /// The case.
    pub id: CompensationId,
    /// The remedy.
    pub remedy: Remedy,
    /// The amount (required when paying).
    pub agreed_value: Option<Satang>,
    /// What was done or agreed.
    pub resolution: String,
    /// The document (receipt, memo).
    pub document_no: String,
    /// The day it was made good; `None` keeps the case open.
    pub closed_on: Option<NaiveDate>,
}

/// The compensation cases of a loan.
pub(crate) fn cases_of(conn: &Connection, loan: LoanId) -> Result<Vec<CompensationCase>> {
    let mut stmt =
        conn.prepare_cached(&format!("{SELECT_CASE} WHERE c.loan_id = ?1 ORDER BY c.id"))?;
    let rows = stmt.query_map([loan], case_from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

const SELECT_CASE: &str = "SELECT c.id, c.loan_id, c.asset_id, a.code, c.cause, c.suggested_value,
        c.remedy, c.agreed_value, c.status = 'closed', c.resolution, c.document_no, c.opened_at,
        c.closed_on
    FROM compensation_cases c JOIN assets a ON a.id = c.asset_id";

fn case_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CompensationCase> {
    Ok(CompensationCase {
        id: r.get(0)?,
        loan_id: r.get(1)?,
        asset_id: r.get(2)?,
        asset_code: r.get(3)?,
        cause: r.get(4)?,
        suggested_value: r.get(5)?,
        remedy: r.get(6)?,
        agreed_value: r.get(7)?,
        closed: r.get(8)?,
        resolution: r.get(9)?,
        document_no: r.get(10)?,
        opened_at: r.get(11)?,
        closed_on: r.get(12)?,
    })
}

/// Refuses an officer who is the borrower (they may not hand items to themselves).
fn check_officer(change: &Change<'_>, loan: &Loan) -> Result<()> {
    if let Some(user) = change.actor.user_id
        && store::may_be_borrower(change, user, loan.borrower_id)?
    {
        return Err(Error::SeparationOfDuties {
            rule: "officer_is_borrower",
        });
    }
    Ok(())
}

/// The state of one item of a loan, naming the item when it is not on the loan.
fn item_state(loan: &Loan, asset: AssetId) -> Result<ItemState> {
    loan.items
        .iter()
        .find(|i| i.asset_id == asset)
        .map(|i| i.state)
        .ok_or_else(|| Error::invalid("assetIds", format!("item {asset} is not on this loan")))
}

/// Closes the loan when no item is out or waiting; else marks it out if any item is.
fn settle_status(change: &Change<'_>, id: LoanId) -> Result<()> {
    let (out, pending): (u32, u32) = change.query_row(
        "SELECT count(*) FILTER (WHERE state = 'out'), count(*) FILTER (WHERE state = 'pending')
         FROM loan_items WHERE loan_id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let stamp = change.stamp();
    if out == 0 && pending == 0 {
        change.execute(
            "UPDATE loans SET status = 'closed', closed_at = ?1, updated_at = ?1 WHERE id = ?2",
            params![stamp, id],
        )?;
    } else if out > 0 {
        store::set_status(change, id, LoanStatus::Out, &stamp)?;
    }
    Ok(())
}

fn net_book_value(change: &Change<'_>, asset: AssetId, on: NaiveDate) -> Result<Satang> {
    let found = crate::assets::records::load(change, asset)?;
    let basis = crate::assets::settings::load(change)?.depreciation_basis;
    Ok(Depreciable {
        cost: found.unit_price,
        acquired_on: found.acquired_on,
        useful_life_years: found.useful_life_years,
    }
    .net_book_value_on(on, basis))
}

impl Register {
    /// Hands items of an approved loan to the borrower.
    pub fn hand_out(&self, actor: &Actor, input: &HandOut) -> Result<Loan> {
        self.change(actor, Some(Permission::ManageLoans), |change| {
            let today = change.today();
            let before = store::load(change, input.loan_id, today)?;
            if !matches!(before.status, LoanStatus::Approved | LoanStatus::Out) {
                return Err(refused(before.status, "handed_out"));
            }
            check_officer(change, &before)?;
            if input.items.is_empty() {
                return Err(Error::required("items"));
            }
            if today < before.starts_on {
                return Err(Error::invalid(
                    "startsOn",
                    format!("the loan starts on {}", before.starts_on),
                ));
            }
            let received_by = text::required("receivedByName", &input.received_by_name, 200)?;
            for (index, item) in input.items.iter().enumerate() {
                let field = |f: &str| format!("items[{index}].{f}");
                if item_state(&before, item.asset_id)? != ItemState::Pending {
                    return Err(Error::invalid(
                        field("assetId"),
                        "already handed out or withdrawn",
                    ));
                }
                if item.condition == ItemCondition::Lost {
                    return Err(Error::invalid(
                        field("condition"),
                        "an item handed out is not lost",
                    ));
                }
                if let Some(error) = super::requests::unavailability(
                    change,
                    item.asset_id,
                    before.starts_on,
                    before.due_on,
                    Some(input.loan_id),
                    today,
                )? {
                    return Err(error);
                }
                change.execute(
                    "UPDATE loan_items SET state = 'out', handed_out_at = ?1, handed_out_by = ?2,
                         received_by_name = ?3, condition_out = ?4
                     WHERE loan_id = ?5 AND asset_id = ?6",
                    params![
                        change.stamp(),
                        change.actor.user_id,
                        received_by,
                        item.condition,
                        input.loan_id,
                        item.asset_id
                    ],
                )?;
            }
            settle_status(change, input.loan_id)?;
            let after = store::load(change, input.loan_id, today)?;
            change.record(
                Event::new("loan.hand_out", "loan", input.loan_id)
                    .before(&before)
                    .after(&after),
            )?;
            Ok(after)
        })
    }

    /// Takes items back; damaged or lost ones open a compensation case.
    pub fn return_items(&self, actor: &Actor, input: &Return) -> Result<Loan> {
        self.change(actor, Some(Permission::ManageLoans), |change| {
            let today = change.today();
            let before = store::load(change, input.loan_id, today)?;
            if before.status != LoanStatus::Out {
                return Err(refused(before.status, "returned"));
            }
            check_officer(change, &before)?;
            if input.items.is_empty() {
                return Err(Error::required("items"));
            }
            let returned_by = text::required("returnedByName", &input.returned_by_name, 200)?;
            for (index, item) in input.items.iter().enumerate() {
                let field = |f: &str| format!("items[{index}].{f}");
                if item_state(&before, item.asset_id)? != ItemState::Out {
                    return Err(Error::invalid(field("assetId"), "this item was not handed out"));
                }
                let notes = text::optional(&field("notes"), &item.notes, 500)?;
                if item.condition != ItemCondition::Good && notes.is_empty() {
                    return Err(Error::required(field("notes")));
                }
                change.execute(
                    "UPDATE loan_items SET state = 'returned', returned_at = ?1, returned_by_name = ?2,
                         received_back_by = ?3, condition_back = ?4, return_notes = ?5
                     WHERE loan_id = ?6 AND asset_id = ?7",
                    params![
                        change.stamp(),
                        returned_by,
                        change.actor.user_id,
                        item.condition,
                        notes,
                        input.loan_id,
                        item.asset_id
                    ],
                )?;
                let status = match item.condition {
                    ItemCondition::Good => continue,
                    ItemCondition::Damaged => AssetStatus::Damaged,
                    ItemCondition::Lost => AssetStatus::Lost,
                };
                let value = net_book_value(change, item.asset_id, before.starts_on)?;
                change.execute(
                    "INSERT INTO compensation_cases (loan_id, asset_id, cause, suggested_value, opened_at)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![input.loan_id, item.asset_id, item.condition, value, change.stamp()],
                )?;
                crate::assets::lifecycle::set_status_because(
                    change,
                    item.asset_id,
                    status,
                    today,
                    &before.loan_no,
                    &format!("คืนจากการยืม ใบยืมเลขที่ {}: {notes}", before.loan_no),
                )?;
            }
            settle_status(change, input.loan_id)?;
            let after = store::load(change, input.loan_id, today)?;
            change.record(
                Event::new("loan.return", "loan", input.loan_id)
                    .before(&before)
                    .after(&after),
            )?;
            Ok(after)
        })
    }

    /// Takes items that were never handed out off an approved loan.
    pub fn withdraw_items(&self, actor: &Actor, input: &Withdrawal) -> Result<Loan> {
        self.change(actor, Some(Permission::ManageLoans), |change| {
            let today = change.today();
            let before = store::load(change, input.loan_id, today)?;
            if !matches!(before.status, LoanStatus::Approved | LoanStatus::Out) {
                return Err(refused(before.status, "edited"));
            }
            if input.asset_ids.is_empty() {
                return Err(Error::required("assetIds"));
            }
            let reason = text::required("reason", &input.reason, 500)?;
            for asset in &input.asset_ids {
                if item_state(&before, *asset)? != ItemState::Pending {
                    return Err(Error::invalid("assetIds", "only items not handed out"));
                }
                change.execute(
                    "UPDATE loan_items SET state = 'withdrawn', return_notes = ?1
                     WHERE loan_id = ?2 AND asset_id = ?3",
                    params![reason, input.loan_id, asset],
                )?;
            }
            let left: u32 = change.query_row(
                "SELECT count(*) FROM loan_items WHERE loan_id = ?1 AND state <> 'withdrawn'",
                [input.loan_id],
                |r| r.get(0),
            )?;
            if left == 0 {
                // Nothing was ever handed out: the loan did not happen.
                change.execute(
                    "UPDATE loans SET status = 'cancelled', cancelled_at = ?1, cancel_reason = ?2,
                         updated_at = ?1 WHERE id = ?3",
                    params![change.stamp(), reason, input.loan_id],
                )?;
            } else {
                settle_status(change, input.loan_id)?;
            }
            let after = store::load(change, input.loan_id, today)?;
            change.record(
                Event::new("loan.withdraw_items", "loan", input.loan_id)
                    .before(&before)
                    .after(&after),
            )?;
            Ok(after)
        })
    }

    /// Records the remedy agreed for a damaged or lost item, and settles the case.
    pub fn decide_compensation(
        &self,
        actor: &Actor,
        input: &CompensationDecision,
    ) -> Result<CompensationCase> {
        self.change(actor, Some(Permission::ManageLoans), |change| {
            let before = change
                .query_row(
                    &format!("{SELECT_CASE} WHERE c.id = ?1"),
                    [input.id],
                    case_from_row,
                )
                .optional()?
                .ok_or_else(|| Error::not_found("compensation", input.id))?;
            if before.closed {
                return Err(Error::invalid("id", "the case is already settled"));
            }
            let resolution = text::optional("resolution", &input.resolution, 1000)?;
            let document_no = text::optional("documentNo", &input.document_no, 200)?;
            match (input.remedy, input.agreed_value) {
                (Remedy::Pay, None) => return Err(Error::required("agreedValue")),
                (_, Some(v)) if v.0 < 0 => {
                    return Err(Error::invalid("agreedValue", "cannot be negative"));
                }
                _ => {}
            }
            if input.closed_on.is_some() && resolution.is_empty() {
                return Err(Error::required("resolution"));
            }
            if let Some(on) = input.closed_on
                && on > change.today()
            {
                return Err(Error::invalid("closedOn", "in the future"));
            }
            change.execute(
                "UPDATE compensation_cases SET remedy = ?1, agreed_value = ?2, resolution = ?3,
                     document_no = ?4, closed_on = ?5,
                     status = CASE WHEN ?5 IS NULL THEN 'open' ELSE 'closed' END
                 WHERE id = ?6",
                params![
                    input.remedy,
                    input.agreed_value,
                    resolution,
                    document_no,
                    input.closed_on,
                    input.id
                ],
            )?;
            let after = change.query_row(
                &format!("{SELECT_CASE} WHERE c.id = ?1"),
                [input.id],
                case_from_row,
            )?;
            change.record(
                Event::new("compensation.decide", "compensation", input.id)
                    .before(&before)
                    .after(&after),
            )?;
            Ok(after)
        })
    }

    /// Every compensation case still open, oldest first.
    pub fn open_compensation_cases(&self, actor: &Actor) -> Result<Vec<CompensationCase>> {
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            let mut stmt = conn.prepare(&format!(
                "{SELECT_CASE} WHERE c.status = 'open' ORDER BY c.id"
            ))?;
            let rows = stmt.query_map([], case_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }
}
