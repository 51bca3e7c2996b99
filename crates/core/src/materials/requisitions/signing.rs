//! The two signatures a requisition needs before anything is issued: its division head's,
//! then the head of supplies' approval, which may cut quantities. Either may refuse, with a
//! reason. Neither signer may be the requester.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::asking::check_against_balance;
use super::store::{self, refused};
use super::{Requisition, RequisitionStatus};
use crate::audit::Event;
use crate::auth::Permission;
use crate::error::{Error, Result};
use crate::ids::MaterialRequisitionId;
use crate::loans::Standing;
use crate::materials::quantity::Quantity;
use crate::register::{Actor, Change, Register};
use crate::text;

/// The division head's signature, or a refusal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RequisitionSignature {
    /// Which.
    pub requisition_id: MaterialRequisitionId,
    /// Sign (else refuse).
    pub approve: bool,
    /// Why (required to refuse).
    pub reason: String,
}

/// What the head of supplies approves of one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalLine {
    /// The line's number.
    pub line_no: u32,
    /// How much is approved (up to what was asked; 0 approves none of it).
    pub quantity: Quantity,
}

/// The head of supplies' decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RequisitionApproval {
    /// Which.
    pub requisition_id: MaterialRequisitionId,
    /// Approve (else refuse).
    pub approve: bool,
    /// Lines approved for less than asked; the others are approved as asked.
    pub cuts: Vec<ApprovalLine>,
    /// Why: required to refuse or to cut.
    pub reason: String,
}

/// The signer's user, or the refusal naming who may sign (the command line cannot sign).
fn signer(
    change: &Change<'_>,
    names: impl FnOnce() -> Result<String>,
) -> Result<crate::ids::UserId> {
    change.actor.user_id.ok_or_else(|| match names() {
        Ok(approvers) => Error::NotTheApprover { approvers },
        Err(e) => e,
    })
}

fn split(standing: &Standing) -> (Option<crate::ids::UserId>, Option<&'static str>) {
    match standing {
        Standing::Own => (None, None),
        Standing::Delegate {
            principal_id,
            wording,
            ..
        } => (Some(*principal_id), Some(wording.as_str())),
    }
}

fn refuse(
    change: &Change<'_>,
    id: MaterialRequisitionId,
    reason: &str,
    action: &'static str,
) -> Result<Requisition> {
    let reason = text::optional("reason", reason, 500)?;
    if reason.is_empty() {
        return Err(Error::required("reason"));
    }
    store::end(change, id, RequisitionStatus::Rejected, &reason, action)
}

impl Register {
    /// The division head signs a requisition (or refuses it, with a reason).
    pub fn endorse_requisition(
        &self,
        actor: &Actor,
        input: &RequisitionSignature,
    ) -> Result<Requisition> {
        self.change(actor, Some(Permission::RequestLoan), |change| {
            let head = store::head(change, input.requisition_id)?;
            if head.status != RequisitionStatus::Submitted {
                return Err(refused(head.status, "endorsed"));
            }
            let today = change.today();
            let names = || store::head_names(change, head.division_id, today);
            let user = signer(change, names)?;
            let Some(standing) = store::head_standing(change, user, head.division_id, today)?
            else {
                return Err(Error::NotTheApprover {
                    approvers: names()?,
                });
            };
            if store::is_requester(change, user, head.requester_id)? {
                return Err(Error::SeparationOfDuties {
                    rule: "approver_is_requester",
                });
            }
            if !input.approve {
                return refuse(
                    change,
                    input.requisition_id,
                    &input.reason,
                    "requisition.refuse",
                );
            }
            let before = store::load(change, input.requisition_id)?;
            let (for_user, wording) = split(&standing);
            change.execute(
                "UPDATE material_requisitions SET status = 'endorsed', endorsed_by = ?2,
                     endorsed_for = ?3, endorsed_wording = ?4, endorsed_at = ?5 WHERE id = ?1",
                params![
                    input.requisition_id,
                    user,
                    for_user,
                    wording,
                    change.stamp()
                ],
            )?;
            let after = store::load(change, input.requisition_id)?;
            change.record(
                Event::new("requisition.endorse", "requisition", input.requisition_id)
                    .before(&before)
                    .after(&after),
            )?;
            Ok(after)
        })
    }

    /// The head of supplies approves a signed requisition, cutting lines if need be (or
    /// refuses it). What is approved must still be in stock.
    pub fn approve_requisition(
        &self,
        actor: &Actor,
        input: &RequisitionApproval,
    ) -> Result<Requisition> {
        self.change(actor, Some(Permission::RequestLoan), |change| {
            let head = store::head(change, input.requisition_id)?;
            if head.status != RequisitionStatus::Endorsed {
                return Err(refused(head.status, "approved"));
            }
            let today = change.today();
            let names = || store::supplies_names(change, today);
            let user = signer(change, names)?;
            let Some(standing) = store::supplies_standing(change, user, today)? else {
                return Err(Error::NotTheApprover {
                    approvers: names()?,
                });
            };
            if store::is_requester(change, user, head.requester_id)? {
                return Err(Error::SeparationOfDuties {
                    rule: "approver_is_requester",
                });
            }
            if !input.approve {
                return refuse(
                    change,
                    input.requisition_id,
                    &input.reason,
                    "requisition.refuse",
                );
            }
            let reason = text::optional("reason", &input.reason, 500)?;
            let before = store::load(change, input.requisition_id)?;
            let mut approved = Vec::with_capacity(before.lines.len());
            for line in &before.lines {
                let cut = input.cuts.iter().position(|c| c.line_no == line.line_no);
                let quantity = match cut {
                    Some(n) => {
                        let wanted = input.cuts[n].quantity;
                        let field = format!("cuts[{n}].quantity");
                        if wanted.0 < 0 || wanted > line.requested {
                            return Err(Error::invalid(
                                field,
                                "must be between 0 and what was asked",
                            ));
                        }
                        wanted
                    }
                    None => line.requested,
                };
                approved.push((line, quantity));
            }
            for (n, cut) in input.cuts.iter().enumerate() {
                if !before.lines.iter().any(|l| l.line_no == cut.line_no) {
                    return Err(Error::invalid(format!("cuts[{n}].lineNo"), "no such line"));
                }
            }
            if approved.iter().all(|(_, q)| q.0 == 0) {
                return Err(Error::invalid(
                    "cuts",
                    "approves nothing: refuse it instead",
                ));
            }
            if approved.iter().any(|(l, q)| *q < l.requested) && reason.is_empty() {
                return Err(Error::required("reason"));
            }
            for (n, (line, quantity)) in approved.iter().enumerate() {
                if quantity.0 > 0 {
                    let field = input
                        .cuts
                        .iter()
                        .position(|c| c.line_no == line.line_no)
                        .map_or_else(|| format!("lines[{n}]"), |c| format!("cuts[{c}]"));
                    check_against_balance(change, line.material_id, *quantity, &field)?;
                }
                change.execute(
                    "UPDATE material_requisition_lines SET approved = ?3
                     WHERE requisition_id = ?1 AND line_no = ?2",
                    params![input.requisition_id, line.line_no, quantity],
                )?;
            }
            let (for_user, wording) = split(&standing);
            change.execute(
                "UPDATE material_requisitions SET status = 'approved', approved_by = ?2,
                     approved_for = ?3, approved_wording = ?4, approved_at = ?5, approval_note = ?6
                 WHERE id = ?1",
                params![
                    input.requisition_id,
                    user,
                    for_user,
                    wording,
                    change.stamp(),
                    reason
                ],
            )?;
            let after = store::load(change, input.requisition_id)?;
            change.record(
                Event::new("requisition.approve", "requisition", input.requisition_id)
                    .before(&before)
                    .after(&after),
            )?;
            Ok(after)
        })
    }
}
