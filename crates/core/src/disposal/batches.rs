//! A disposal's life (ข้อ ๒๑๕–๒๑๘): the supplies officer proposes a batch of items with a
//! method each; the agency head (or a stand-in), never the proposer, approves with the
//! order's reference or refuses with a reason; approved items wait for disposal while each
//! is sold, exchanged, transferred, converted or destroyed and its result recorded (the
//! buyer or receiving body, the receipt or witness record, the proceeds); when every item
//! is done the batch is written off in one step — the items become disposed, read-only,
//! with the approval's reference — and the State Audit Office is told within 30 days.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::views::{self, Disposal};
use super::{DisposalMethod, DisposalStatus, store};
use crate::assets::AssetStatus;
use crate::assets::lifecycle;
use crate::audit::Event;
use crate::auth::Permission;
use crate::checks;
use crate::error::{Error, Result};
use crate::ids::{AssetId, DisposalId, FactFindingId, RoundId};
use crate::money::Satang;
use crate::register::{Actor, Change, Register};
use crate::text;

/// Most items one disposal lists.
const MAX_ITEMS: usize = 1000;

/// An item proposed for disposal, with its method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DisposalItemInput {
    /// The item.
    pub asset_id: AssetId,
    /// How it is to be disposed of.
    pub method: DisposalMethod,
    /// A note for the list (its state, why this method).
    pub note: String,
}

/// A disposal proposed (รายงานขอจำหน่ายพัสดุ).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DisposalInput {
    /// Why (the annual check's finding, the fact-finding's conclusion).
    pub reason: String,
    /// The day of the proposal (net book values are taken at its end).
    pub proposed_on: NaiveDate,
    /// The annual round whose report found the items, if one did.
    pub round_id: Option<RoundId>,
    /// The items.
    pub items: Vec<DisposalItemInput>,
}

/// The agency head's decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DisposalDecision {
    /// The disposal.
    pub disposal_id: DisposalId,
    /// Approve (else refuse).
    pub approve: bool,
    /// The approval's reference (the order or the signed memo), to approve.
    pub approval_no: String,
    /// The day approved.
    pub approved_on: NaiveDate,
    /// Why not, to refuse.
    pub reason: String,
}

/// What became of one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DisposalResult {
    /// The disposal.
    pub disposal_id: DisposalId,
    /// The item.
    pub asset_id: AssetId,
    /// How it was disposed of (as proposed, unless the approval changed it).
    pub method: DisposalMethod,
    /// The day.
    pub done_on: NaiveDate,
    /// The buyer, or the body that received it.
    pub counterparty: String,
    /// The receipt, hand-over record or witness record.
    pub document_no: String,
    /// What it brought in (a sale), in satang; zero otherwise.
    pub proceeds: Satang,
}

/// The letter telling the State Audit Office (สตง.) of the write-off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NoticeSent {
    /// The disposal.
    pub disposal_id: DisposalId,
    /// The letter's number.
    pub notice_no: String,
    /// The day it was sent.
    pub sent_on: NaiveDate,
}

fn state(status: DisposalStatus, action: &'static str) -> Error {
    Error::DisposalState {
        status: status.as_str(),
        action,
    }
}

fn status_of(change: &Change<'_>, id: DisposalId) -> Result<DisposalStatus> {
    change
        .query_row("SELECT status FROM disposals WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or_else(|| Error::not_found("disposal", id.0))
}

/// Checks one proposed item: free to enter, and a method its `condition` allows. Returns
/// the concluded fact-finding covering it, if any.
fn check_item(
    change: &Change<'_>,
    n: usize,
    line: &DisposalItemInput,
    item: &store::Item,
    condition: AssetStatus,
) -> Result<Option<FactFindingId>> {
    let field = format!("items[{n}].assetId");
    let code = &item.code;
    if item.status == AssetStatus::Disposed {
        return Err(Error::not_eligible(field, code, "disposed", None));
    }
    if let Some(no) = store::open_disposal_of(change, line.asset_id)? {
        return Err(Error::not_eligible(field, code, "in_disposal", Some(no)));
    }
    if let Some(no) = store::loan_of(change, line.asset_id)? {
        return Err(Error::not_eligible(field, code, "on_loan", Some(no)));
    }
    if let Some(no) = store::open_case_of(change, line.asset_id)? {
        return Err(Error::not_eligible(field, code, "open_case", Some(no)));
    }
    let concluded: Option<FactFindingId> = change
        .query_row(
            "SELECT f.id FROM fact_finding_items i JOIN fact_findings f ON f.id = i.case_id
             WHERE i.asset_id = ?1 AND f.status = 'concluded' ORDER BY f.id DESC LIMIT 1",
            [line.asset_id],
            |r| r.get(0),
        )
        .optional()?;
    let lost = condition == AssetStatus::Lost;
    let method = format!("items[{n}].method");
    match (lost, line.method == DisposalMethod::WriteOffLost) {
        (true, false) => {
            return Err(Error::not_eligible(
                method,
                code,
                "lost_needs_write_off",
                None,
            ));
        }
        (false, true) => {
            return Err(Error::not_eligible(method, code, "not_lost", None));
        }
        (true, true) if concluded.is_none() => {
            // ข้อ ๒๑๔: a loss is written off only once a fact-finding has said why.
            return Err(Error::not_eligible(method, code, "lost_needs_case", None));
        }
        _ => {}
    }
    Ok(concluded)
}

impl Register {
    /// Proposes a disposal; the agency head decides it.
    pub fn propose_disposal(&self, actor: &Actor, input: &DisposalInput) -> Result<Disposal> {
        self.change(actor, Some(Permission::ManageDisposals), |change| {
            let reason = text::required("reason", &input.reason, 2000)?;
            if input.items.is_empty() {
                return Err(Error::required("items"));
            }
            if input.items.len() > MAX_ITEMS {
                return Err(Error::invalid(
                    "items",
                    format!("at most {MAX_ITEMS} items in one disposal"),
                ));
            }
            if input.proposed_on > change.today() {
                return Err(Error::invalid("proposedOn", "is in the future"));
            }
            if let Some(round) = input.round_id {
                let found: Option<i64> = change
                    .query_row("SELECT id FROM check_rounds WHERE id = ?1", [round], |r| {
                        r.get(0)
                    })
                    .optional()?;
                if found.is_none() {
                    return Err(Error::not_found("check_round", round.0));
                }
            }
            let mut lines = Vec::with_capacity(input.items.len());
            for (n, line) in input.items.iter().enumerate() {
                let item = store::item(change, line.asset_id)?;
                if input.items[..n].iter().any(|l| l.asset_id == line.asset_id) {
                    return Err(Error::not_eligible(
                        format!("items[{n}].assetId"),
                        &item.code,
                        "listed_twice",
                        None,
                    ));
                }
                // What the named round found, where it found something: proposed from the
                // round's list before its proposals reach the register, an item found
                // damaged must not go on the papers as the register's "ใช้งานได้".
                let found = match input.round_id {
                    Some(round) => checks::store::status_found(change, round, line.asset_id)?,
                    None => None,
                };
                let condition = found.unwrap_or(item.status);
                let case = check_item(change, n, line, &item, condition)?;
                let note = text::optional(&format!("items[{n}].note"), &line.note, 500)?;
                let value = item.net_book_value(change, input.proposed_on)?;
                lines.push((line, item, condition, case, note, value));
            }
            let number = store::next_no(change, "disposal_counters", "จน.", input.proposed_on)?;
            change.execute(
                "INSERT INTO disposals (disposal_no, reason, round_id, status, proposed_on,
                     proposed_by, created_at)
                 VALUES (?1, ?2, ?3, 'proposed', ?4, ?5, ?6)",
                params![
                    number,
                    reason,
                    input.round_id,
                    input.proposed_on,
                    change.actor.user_id,
                    change.stamp()
                ],
            )?;
            let id = DisposalId(change.last_insert_rowid());
            for (seq, (line, item, condition, case, note, value)) in lines.iter().enumerate() {
                change.execute(
                    "INSERT INTO disposal_items (disposal_id, asset_id, seq, method, condition,
                         cost, net_book_value, fact_finding_id, note)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    params![
                        id,
                        line.asset_id,
                        seq as i64 + 1,
                        line.method,
                        condition,
                        item.cost,
                        value,
                        case,
                        note
                    ],
                )?;
            }
            let after = views::load(change, id)?;
            change.record(Event::new("disposal.propose", "disposal", id.0).after(&after))?;
            Ok(after)
        })
    }

    /// The agency head approves (items then wait for disposal) or refuses a proposal.
    pub fn decide_disposal(&self, actor: &Actor, input: &DisposalDecision) -> Result<Disposal> {
        self.change(actor, Some(Permission::ViewRegister), |change| {
            let status = status_of(change, input.disposal_id)?;
            if status != DisposalStatus::Proposed {
                return Err(state(status, "decided"));
            }
            let today = change.today();
            let Some(user) = change.actor.user_id else {
                return Err(Error::NotTheApprover {
                    approvers: store::agency_names(change, today)?,
                });
            };
            let Some(standing) = store::agency_standing(change, user, today)? else {
                return Err(Error::NotTheApprover {
                    approvers: store::agency_names(change, today)?,
                });
            };
            let before = views::load(change, input.disposal_id)?;
            if before.proposed_by == Some(user) {
                return Err(Error::SeparationOfDuties {
                    rule: "approver_is_proposer",
                });
            }
            let (decided_for, wording) = store::standing_columns(&standing);
            let stamp = change.stamp();
            if input.approve {
                let approval_no = text::required("approvalNo", &input.approval_no, 200)?;
                if input.approved_on > today {
                    return Err(Error::invalid("approvedOn", "is in the future"));
                }
                if input.approved_on < before.proposed_on {
                    return Err(Error::invalid("approvedOn", "is before the proposal"));
                }
                change.execute(
                    "UPDATE disposals SET status = 'approved', decided_by = ?2, decided_for = ?3,
                         decided_wording = ?4, decided_at = ?5, approval_no = ?6, approved_on = ?7
                     WHERE id = ?1",
                    params![
                        input.disposal_id,
                        user,
                        decided_for,
                        wording,
                        stamp,
                        approval_no,
                        input.approved_on
                    ],
                )?;
                for item in &before.items {
                    if item.status != AssetStatus::AwaitingDisposal {
                        lifecycle::set_status(
                            change,
                            item.asset_id,
                            item.status,
                            AssetStatus::AwaitingDisposal,
                            input.approved_on,
                            &approval_no,
                            &format!("อนุมัติให้จำหน่าย {}", before.disposal_no),
                        )?;
                    }
                }
            } else {
                let reason = text::required("reason", &input.reason, 1000)?;
                change.execute(
                    "UPDATE disposals SET status = 'rejected', decided_by = ?2, decided_for = ?3,
                         decided_wording = ?4, decided_at = ?5, reject_reason = ?6
                     WHERE id = ?1",
                    params![input.disposal_id, user, decided_for, wording, stamp, reason],
                )?;
            }
            let after = views::load(change, input.disposal_id)?;
            let action = if input.approve {
                "disposal.approve"
            } else {
                "disposal.reject"
            };
            change.record(
                Event::new(action, "disposal", input.disposal_id.0)
                    .before(&before)
                    .after(&after),
            )?;
            Ok(after)
        })
    }

    /// Records what became of one item of an approved disposal (again, to correct it).
    pub fn record_disposal_result(
        &self,
        actor: &Actor,
        input: &DisposalResult,
    ) -> Result<Disposal> {
        self.change(actor, Some(Permission::ManageDisposals), |change| {
            let status = status_of(change, input.disposal_id)?;
            if status != DisposalStatus::Approved {
                return Err(state(status, "recorded"));
            }
            let before = views::load(change, input.disposal_id)?;
            let Some(item) = before.items.iter().find(|i| i.asset_id == input.asset_id) else {
                return Err(Error::invalid("assetId", "is not in this disposal"));
            };
            if (item.method == DisposalMethod::WriteOffLost)
                != (input.method == DisposalMethod::WriteOffLost)
            {
                return Err(Error::invalid(
                    "method",
                    "a lost item is written off as lost, and only a lost item",
                ));
            }
            let approved_on = before.approved_on.unwrap_or(before.proposed_on);
            if input.done_on > change.today() {
                return Err(Error::invalid("doneOn", "is in the future"));
            }
            if input.done_on < approved_on {
                return Err(Error::invalid("doneOn", "is before the approval"));
            }
            let counterparty = if input.method.needs_counterparty() {
                text::required("counterparty", &input.counterparty, 300)?
            } else {
                text::optional("counterparty", &input.counterparty, 300)?
            };
            let document_no = match input.method {
                // A transfer needs its receipt; conversion and destruction their witness record.
                DisposalMethod::TransferState
                | DisposalMethod::TransferCharity
                | DisposalMethod::Conversion
                | DisposalMethod::Destruction => {
                    text::required("documentNo", &input.document_no, 200)?
                }
                _ => text::optional("documentNo", &input.document_no, 200)?,
            };
            if input.proceeds.0 < 0 {
                return Err(Error::invalid("proceeds", "must not be negative"));
            }
            if input.proceeds.0 > 0
                && !matches!(
                    input.method,
                    DisposalMethod::SaleAuction
                        | DisposalMethod::SaleSpecific
                        | DisposalMethod::Exchange
                        | DisposalMethod::Conversion
                )
            {
                return Err(Error::invalid("proceeds", "this method brings in no money"));
            }
            change.execute(
                "UPDATE disposal_items SET method = ?3, done_on = ?4, counterparty = ?5,
                     document_no = ?6, proceeds = ?7
                 WHERE disposal_id = ?1 AND asset_id = ?2",
                params![
                    input.disposal_id,
                    input.asset_id,
                    input.method,
                    input.done_on,
                    counterparty,
                    document_no,
                    input.proceeds
                ],
            )?;
            let after = views::load(change, input.disposal_id)?;
            change.record(
                Event::new("disposal.result", "disposal", input.disposal_id.0)
                    .before(&before)
                    .after(&after),
            )?;
            Ok(after)
        })
    }

    /// Writes a carried-out disposal off the register: every item becomes disposed, with
    /// the approval's reference, in one step. The State Audit Office is then due its notice.
    pub fn write_off_disposal(
        &self,
        actor: &Actor,
        disposal: DisposalId,
        on_date: NaiveDate,
    ) -> Result<Disposal> {
        self.change(actor, Some(Permission::ManageDisposals), |change| {
            let status = status_of(change, disposal)?;
            if status != DisposalStatus::Approved {
                return Err(state(status, "written_off"));
            }
            let before = views::load(change, disposal)?;
            if let Some(undone) = before.items.iter().find(|i| i.done_on.is_none()) {
                return Err(Error::not_eligible("items", &undone.code, "no_result", None));
            }
            let last_done = before.items.iter().filter_map(|i| i.done_on).max();
            if on_date > change.today() {
                return Err(Error::invalid("onDate", "is in the future"));
            }
            if last_done.is_some_and(|d| on_date < d) {
                return Err(Error::invalid("onDate", "is before an item was disposed of"));
            }
            for item in &before.items {
                lifecycle::set_status(
                    change,
                    item.asset_id,
                    item.status,
                    AssetStatus::Disposed,
                    on_date,
                    &before.approval_no,
                    &format!("จำหน่ายตาม {} ({})", before.disposal_no, item.method.thai()),
                )?;
            }
            change.execute(
                "UPDATE disposals SET status = 'written_off', written_off_on = ?2, written_off_by = ?3
                 WHERE id = ?1",
                params![disposal, on_date, change.actor.user_id],
            )?;
            let after = views::load(change, disposal)?;
            change.record(
                Event::new("disposal.write_off", "disposal", disposal.0)
                    .before(&before)
                    .after(&after),
            )?;
            Ok(after)
        })
    }

    /// Records the letter that told the State Audit Office of a write-off.
    pub fn record_disposal_notice(&self, actor: &Actor, input: &NoticeSent) -> Result<Disposal> {
        self.change(actor, Some(Permission::ManageDisposals), |change| {
            let status = status_of(change, input.disposal_id)?;
            let before = views::load(change, input.disposal_id)?;
            if status != DisposalStatus::WrittenOff || before.notice_sent_on.is_some() {
                return Err(state(status, "noticed"));
            }
            let notice_no = text::required("noticeNo", &input.notice_no, 200)?;
            if input.sent_on > change.today() {
                return Err(Error::invalid("sentOn", "is in the future"));
            }
            if before.written_off_on.is_some_and(|d| input.sent_on < d) {
                return Err(Error::invalid("sentOn", "is before the write-off"));
            }
            change.execute(
                "UPDATE disposals SET notice_no = ?2, notice_sent_on = ?3 WHERE id = ?1",
                params![input.disposal_id, notice_no, input.sent_on],
            )?;
            let after = views::load(change, input.disposal_id)?;
            change.record(
                Event::new("disposal.notice", "disposal", input.disposal_id.0)
                    .before(&before)
                    .after(&after),
            )?;
            Ok(after)
        })
    }
}
