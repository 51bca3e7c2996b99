//! Issuing on an approved requisition, all or part, and closing what is left.
//!
//! Each issuing is one record (the day, the officer who gave, the person who received) and
//! one card entry per line given, oldest lots first; a line beyond what is approved and not
//! yet issued, or beyond the card's balance, refuses the whole issuing.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::signing::ApprovalLine;
use super::store::{self, refused};
use super::{Requisition, RequisitionStatus};
use crate::audit::Event;
use crate::auth::Permission;
use crate::error::{Error, Result};
use crate::ids::{MaterialRequisitionId, PersonId};
use crate::materials::EntryKind;
use crate::materials::quantity::Quantity;
use crate::materials::stock::{self, Entry, Fields};
use crate::register::{Actor, Register};
use crate::text;

/// Issuing on a requisition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RequisitionIssue {
    /// Which.
    pub requisition_id: MaterialRequisitionId,
    /// The day given.
    pub on_date: NaiveDate,
    /// Who received (ผู้รับ). None: the requester.
    pub received_by: Option<PersonId>,
    /// How much of each line is given now; lines not listed get nothing this time.
    pub lines: Vec<ApprovalLine>,
}

/// Closing what is left of a part-issued (or approved) requisition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RequisitionClose {
    /// Which.
    pub requisition_id: MaterialRequisitionId,
    /// Why the rest is not issued.
    pub reason: String,
}

impl Register {
    /// Issues all or part of what an approved requisition still waits for.
    pub fn issue_requisition(
        &self,
        actor: &Actor,
        input: &RequisitionIssue,
    ) -> Result<Requisition> {
        self.change(actor, Some(Permission::ManageMaterials), |change| {
            let head = store::head(change, input.requisition_id)?;
            if !matches!(
                head.status,
                RequisitionStatus::Approved | RequisitionStatus::PartlyIssued
            ) {
                return Err(refused(head.status, "issued"));
            }
            if let Some(user) = change.actor.user_id
                && store::is_requester(change, user, head.requester_id)?
            {
                return Err(Error::SeparationOfDuties {
                    rule: "issuer_is_requester",
                });
            }
            let receiver = input.received_by.unwrap_or(head.requester_id);
            let known: Option<bool> = change
                .query_row("SELECT active FROM people WHERE id = ?1", [receiver], |r| {
                    r.get(0)
                })
                .optional()?;
            if known != Some(true) {
                return Err(Error::invalid(
                    "receivedBy",
                    "no such person in the staff directory",
                ));
            }
            if input.lines.iter().all(|l| l.quantity.0 == 0) {
                return Err(Error::required("lines"));
            }
            let before = store::load(change, input.requisition_id)?;
            change.execute(
                "INSERT INTO material_requisition_issues (requisition_id, issued_on, issued_by,
                     received_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    input.requisition_id,
                    input.on_date,
                    change.actor.user_id,
                    receiver,
                    change.stamp()
                ],
            )?;
            let issue_id = change.last_insert_rowid();
            let division = crate::org::divisions::load(change, head.division_id)?;
            let party = if division.short_name.is_empty() {
                division.name
            } else {
                division.short_name
            };
            for (n, give) in input.lines.iter().enumerate() {
                if input.lines[..n].iter().any(|l| l.line_no == give.line_no) {
                    return Err(Error::invalid(
                        format!("lines[{n}].lineNo"),
                        "is listed twice",
                    ));
                }
                let Some(line) = before.lines.iter().find(|l| l.line_no == give.line_no) else {
                    return Err(Error::invalid(format!("lines[{n}].lineNo"), "no such line"));
                };
                if give.quantity.0 == 0 {
                    continue;
                }
                let field = format!("lines[{n}].quantity");
                let waiting = Quantity(line.approved.unwrap_or(Quantity(0)).0 - line.issued.0);
                if give.quantity > waiting {
                    return Err(Error::invalid(
                        field,
                        format!(
                            "only {waiting} {} are approved and not yet issued",
                            line.unit
                        ),
                    ));
                }
                let (entry, _) = stock::take_out(
                    change,
                    &Entry {
                        material: line.material_id,
                        on_date: input.on_date,
                        kind: EntryKind::Issue,
                        document_no: &head.requisition_no,
                        party: &party,
                        division_id: Some(head.division_id),
                        receipt_id: None,
                        reason: "",
                    },
                    give.quantity,
                    &Fields {
                        quantity: &field,
                        unit_price: "",
                        date: "onDate",
                    },
                )?;
                change.execute(
                    "UPDATE material_entries SET requisition_issue_id = ?2 WHERE id = ?1",
                    params![entry, issue_id],
                )?;
                change.execute(
                    "UPDATE material_requisition_lines SET issued = issued + ?3
                     WHERE requisition_id = ?1 AND line_no = ?2",
                    params![input.requisition_id, line.line_no, give.quantity],
                )?;
            }
            let waiting: i64 = change.query_row(
                "SELECT ifnull(sum(approved - issued), 0) FROM material_requisition_lines
                 WHERE requisition_id = ?1",
                [input.requisition_id],
                |r| r.get(0),
            )?;
            let status = if waiting == 0 {
                RequisitionStatus::Issued
            } else {
                RequisitionStatus::PartlyIssued
            };
            store::set_status(change, input.requisition_id, status)?;
            let after = store::load(change, input.requisition_id)?;
            change.record(
                Event::new("requisition.issue", "requisition", input.requisition_id)
                    .before(&before)
                    .after(&after),
            )?;
            Ok(after)
        })
    }

    /// Closes what is left of a part-issued requisition, with a reason; the rest is
    /// never issued. (One nothing was issued on is cancelled instead.)
    pub fn close_requisition(
        &self,
        actor: &Actor,
        input: &RequisitionClose,
    ) -> Result<Requisition> {
        self.change(actor, Some(Permission::ManageMaterials), |change| {
            let head = store::head(change, input.requisition_id)?;
            if head.status != RequisitionStatus::PartlyIssued {
                return Err(refused(head.status, "closed"));
            }
            let reason = text::required("reason", &input.reason, 500)?;
            store::end(
                change,
                input.requisition_id,
                RequisitionStatus::Closed,
                &reason,
                "requisition.close",
            )
        })
    }
}
