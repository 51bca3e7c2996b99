//! Whether each item picked on the borrow form may be lent, asked as it is added.
//!
//! The form shows the answer on the item's own line ("ส่งซ่อมอยู่", "ยืมอยู่ตามใบยืม
//! 12/2568", "ของกองคลัง ไม่ใช่กองช่าง") instead of one refusal about every item at
//! submit. The rules are the ones the request itself is checked by
//! ([`super::requests`]): the item's status, the loans holding or reserving it for
//! overlapping dates, and one division per inside loan.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::LoanKind;
use super::requests::unavailability;
use crate::auth::Permission;
use crate::error::{Error, Result};
use crate::ids::{AssetId, DivisionId, LoanId};
use crate::register::{Actor, Register};

/// The items of a borrow form, with the dates and case they are asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ItemCheck {
    /// Which case of ข้อ ๒๐๘ (an inside loan holds one division's items).
    pub kind: LoanKind,
    /// First day.
    pub starts_on: NaiveDate,
    /// Return date.
    pub due_on: NaiveDate,
    /// The loan being edited, whose own items do not count against it.
    pub loan_id: Option<LoanId>,
    /// The items in slip order.
    pub asset_ids: Vec<AssetId>,
}

/// Why one item cannot go on this slip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum ItemProblem {
    /// Its status keeps it in: `under_repair`, `lost`, `awaiting_disposal`, `disposed`.
    Status {
        /// The status's code.
        status: String,
    },
    /// Handed out on another loan for overlapping dates.
    OnLoan {
        /// That loan's slip number.
        loan_no: String,
    },
    /// Approved for another loan with overlapping dates.
    Reserved {
        /// That loan's slip number.
        loan_no: String,
    },
    /// An inside loan's items are one division's; this one is another's.
    OtherDivision {
        /// The division holding this item.
        division: Option<String>,
        /// The division of the slip's first item, which decides the approver.
        slip_division: Option<String>,
    },
}

/// One item's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ItemVerdict {
    /// The item.
    pub asset_id: AssetId,
    /// What stops it; `None` when it may be lent.
    pub problem: Option<ItemProblem>,
}

fn division_of(conn: &Connection, asset: AssetId) -> Result<(Option<DivisionId>, Option<String>)> {
    conn.query_row(
        "SELECT a.division_id, d.name FROM assets a LEFT JOIN divisions d ON d.id = a.division_id
         WHERE a.id = ?1",
        [asset],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?
    .ok_or_else(|| Error::not_found("asset", asset))
}

/// Each item's verdict, in the order asked.
pub(crate) fn check_items(
    conn: &Connection,
    input: &ItemCheck,
    today: NaiveDate,
) -> Result<Vec<ItemVerdict>> {
    let mut verdicts = Vec::with_capacity(input.asset_ids.len());
    let mut slip: Option<(Option<DivisionId>, Option<String>)> = None;
    for asset in &input.asset_ids {
        let (division, name) = division_of(conn, *asset)?;
        let first = slip.get_or_insert_with(|| (division, name.clone())).clone();
        let problem = match unavailability(
            conn,
            *asset,
            input.starts_on,
            input.due_on,
            input.loan_id,
            today,
        )? {
            Some(Error::AssetNotAvailable {
                reason, loan_no, ..
            }) => Some(match (reason.as_str(), loan_no) {
                ("on_loan", Some(loan_no)) => ItemProblem::OnLoan { loan_no },
                ("reserved", Some(loan_no)) => ItemProblem::Reserved { loan_no },
                _ => ItemProblem::Status { status: reason },
            }),
            Some(other) => return Err(other),
            None if input.kind == LoanKind::Inside && division != first.0 => {
                Some(ItemProblem::OtherDivision {
                    division: name,
                    slip_division: first.1,
                })
            }
            None => None,
        };
        verdicts.push(ItemVerdict {
            asset_id: *asset,
            problem,
        });
    }
    Ok(verdicts)
}

impl Register {
    /// Whether each item of a borrow form may be lent for its dates, and why not.
    pub fn check_loan_items(&self, actor: &Actor, input: &ItemCheck) -> Result<Vec<ItemVerdict>> {
        self.read(actor, Some(Permission::RequestLoan), |conn, _| {
            check_items(conn, input, self.today())
        })
    }
}
