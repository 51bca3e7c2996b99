//! The approver's decision (ข้อ ๒๐๘): approve or reject, with a reason.
//!
//! Only a user the rule names, or one standing in for them on the day, may decide; never
//! the borrower. Approving re-checks that every item is still free for the dates (another
//! request may have been approved meanwhile); approving hands nothing out.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::approvers::{self, Standing};
use super::requests::{check_available, refused};
use super::{Loan, LoanStatus, store};
use crate::audit::Event;
use crate::auth::Permission;
use crate::error::{Error, Result};
use crate::ids::{AssetId, LoanId};
use crate::register::{Actor, Register};
use crate::text;

/// An approver's decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Decision {
    /// The request.
    pub loan_id: LoanId,
    /// Approve (else reject).
    pub approve: bool,
    /// Why (required to reject).
    pub reason: String,
}

impl Register {
    /// Approves or rejects a submitted request.
    pub fn decide_loan(&self, actor: &Actor, input: &Decision) -> Result<Loan> {
        self.change(actor, Some(Permission::RequestLoan), |change| {
            let head = store::head(change, input.loan_id)?;
            if head.loan.status != LoanStatus::Submitted {
                return Err(refused(head.loan.status, "decided"));
            }
            let today = change.today();
            let (kind, division) = store::approval_key(&head.loan);
            let Some(user) = change.actor.user_id else {
                // Decisions are signed by a person; the command line cannot take one.
                return Err(Error::NotTheApprover {
                    approvers: approvers::approver_names(change, kind, division, today)?.join(", "),
                });
            };
            let Some(standing) = approvers::standing(change, user, kind, division, today)? else {
                return Err(Error::NotTheApprover {
                    approvers: approvers::approver_names(change, kind, division, today)?.join(", "),
                });
            };
            if store::may_be_borrower(change, user, head.loan.borrower_id)? {
                return Err(Error::SeparationOfDuties {
                    rule: "approver_is_borrower",
                });
            }
            let reason = text::optional("reason", &input.reason, 500)?;
            if !input.approve && reason.is_empty() {
                return Err(Error::required("reason"));
            }
            let before = store::load(change, input.loan_id, today)?;
            if input.approve {
                let assets: Vec<AssetId> = before.items.iter().map(|i| i.asset_id).collect();
                check_available(
                    change,
                    &assets,
                    before.starts_on,
                    before.due_on,
                    Some(input.loan_id),
                    today,
                )?;
            }
            let (decided_for, wording) = match &standing {
                Standing::Own => (None, None),
                Standing::Delegate {
                    principal_id,
                    wording,
                    ..
                } => (Some(*principal_id), Some(*wording)),
            };
            let status = if input.approve {
                LoanStatus::Approved
            } else {
                LoanStatus::Rejected
            };
            let stamp = change.stamp();
            change.execute(
                "UPDATE loans SET status = ?1, decided_at = ?2, decided_by = ?3, decided_for = ?4,
                     decided_wording = ?5, decision_reason = ?6, updated_at = ?2 WHERE id = ?7",
                params![
                    status,
                    stamp,
                    user,
                    decided_for,
                    wording,
                    reason,
                    input.loan_id
                ],
            )?;
            if !input.approve {
                change.execute(
                    "UPDATE loan_items SET state = 'withdrawn' WHERE loan_id = ?1",
                    [input.loan_id],
                )?;
            }
            let after = store::load(change, input.loan_id, today)?;
            let action = if input.approve {
                "loan.approve"
            } else {
                "loan.reject"
            };
            change.record(
                Event::new(action, "loan", input.loan_id)
                    .before(&before)
                    .after(&after),
            )?;
            Ok(after)
        })
    }
}
