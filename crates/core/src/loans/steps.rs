//! Which steps of a loan the acting user may take now, and why not when they may not.
//!
//! The loan's detail page asks this instead of guessing, so a button the core would
//! refuse is shown disabled with the reason beside it ("จ่ายได้ตั้งแต่ ๓ ธ.ค. ๒๕๖๙"), and
//! the page and the core cannot disagree. Each step is listed only when it belongs to the
//! loan's stage and the user's role could take it (an officer sees "hand out" on an
//! approved loan; nobody sees "approve" on a closed one); a listed step carries the
//! first rule that stops it, checked as the step itself checks (see [`requests`],
//! [`decisions`] and [`handover`]).
//!
//! [`requests`]: super::requests
//! [`decisions`]: super::decisions
//! [`handover`]: super::handover

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::approvers;
use super::requests::unavailability;
use super::{ItemState, LoanStatus, store};
use crate::auth::Permission;
use crate::error::{Error, Result};
use crate::ids::{AssetId, LoanId, UserId};
use crate::register::{Actor, Register};

/// A step of a loan's life the detail page offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LoanAction {
    /// Send a draft to its approver.
    Submit,
    /// Rewrite a draft or an undecided request.
    Edit,
    /// Approve a submitted request.
    Approve,
    /// Reject a submitted request.
    Reject,
    /// Withdraw the request before anything is handed out.
    Cancel,
    /// Hand items out.
    HandOut,
    /// Take items back.
    Return,
}

/// Why a step cannot be taken now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum Blocker {
    /// Items go out from the loan's first day.
    StartsOn {
        /// That day.
        on: NaiveDate,
    },
    /// The request has not been approved yet.
    NotApprovedYet,
    /// Nothing has been handed out, so nothing comes back.
    NothingOut,
    /// Items are out: they come back (are returned) instead of the loan being cancelled.
    HandedOut,
    /// The officer is the borrower (separation of duties).
    OfficerIsBorrower,
    /// The approver is the borrower (separation of duties).
    ApproverIsBorrower,
    /// Someone else decides this request.
    NotTheApprover {
        /// Who does, today (empty: nobody is named yet).
        approvers: Vec<String>,
    },
    /// An item is not free for the loan's dates.
    ItemTaken {
        /// The item's code.
        asset_code: String,
        /// `on_loan`, `reserved` or the item's status.
        reason: String,
        /// The loan holding it, if one does.
        loan_no: Option<String>,
    },
    /// The slip lists no item.
    NoItems,
}

/// One step and whether it may be taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LoanStep {
    /// The step.
    pub action: LoanAction,
    /// What stops it; `None` when it may be taken now.
    pub blocked: Option<Blocker>,
}

impl LoanStep {
    fn open(action: LoanAction) -> Self {
        Self {
            action,
            blocked: None,
        }
    }

    fn stopped(action: LoanAction, blocked: Option<Blocker>) -> Self {
        Self { action, blocked }
    }
}

/// The first item of `assets` not free for the dates, as a blocker.
fn item_taken(
    conn: &Connection,
    assets: &[AssetId],
    (starts_on, due_on): (NaiveDate, NaiveDate),
    loan: LoanId,
    today: NaiveDate,
) -> Result<Option<Blocker>> {
    for asset in assets {
        if let Some(Error::AssetNotAvailable {
            asset_code,
            reason,
            loan_no,
        }) = unavailability(conn, *asset, starts_on, due_on, Some(loan), today)?
        {
            return Ok(Some(Blocker::ItemTaken {
                asset_code,
                reason,
                loan_no,
            }));
        }
    }
    Ok(None)
}

/// What the acting user's roles allow, as the steps check it.
struct Who {
    user: Option<UserId>,
    officer: bool,
    requests: bool,
    approves: bool,
}

fn who(conn: &Connection, user: Option<UserId>) -> Result<Who> {
    let Some(id) = user else {
        // The command line keeps loans but signs no decision.
        return Ok(Who {
            user,
            officer: true,
            requests: true,
            approves: false,
        });
    };
    let roles = crate::auth::users::roles_of(conn, id)?;
    let grants = |p: Permission| roles.iter().any(|g| g.role.grants(p));
    Ok(Who {
        user,
        officer: grants(Permission::ManageLoans),
        requests: grants(Permission::RequestLoan),
        approves: grants(Permission::ApproveLoans),
    })
}

/// The steps of loan `id` open to `user` on `today`.
pub(crate) fn steps_of(
    conn: &Connection,
    id: LoanId,
    user: Option<UserId>,
    today: NaiveDate,
) -> Result<Vec<LoanStep>> {
    let head = store::head(conn, id)?;
    let loan = store::load(conn, id, today)?;
    let who = who(conn, user)?;
    let status = loan.status;
    let dates = (loan.starts_on, loan.due_on);
    let may_edit = who.requests
        && (who.officer
            || match who.user {
                Some(u) => {
                    head.entered_by == Some(u) || store::is_borrower(conn, u, loan.borrower_id)?
                }
                None => true,
            });
    let is_borrower = match who.user {
        Some(u) => store::may_be_borrower(conn, u, loan.borrower_id)?,
        None => false,
    };
    let assets: Vec<AssetId> = loan.items.iter().map(|i| i.asset_id).collect();
    let mut steps = Vec::new();

    if status == LoanStatus::Draft && may_edit {
        let blocked = if assets.is_empty() {
            Some(Blocker::NoItems)
        } else {
            item_taken(conn, &assets, dates, id, today)?
        };
        steps.push(LoanStep::stopped(LoanAction::Submit, blocked));
    }
    if matches!(status, LoanStatus::Draft | LoanStatus::Submitted) && may_edit {
        steps.push(LoanStep::open(LoanAction::Edit));
    }
    if status == LoanStatus::Submitted && who.requests {
        let (kind, division) = store::approval_key(&loan);
        let standing = match who.user {
            Some(u) => approvers::standing(conn, u, kind, division, today)?,
            None => None,
        };
        if standing.is_some() || who.approves {
            let blocked = if standing.is_none() {
                Some(Blocker::NotTheApprover {
                    approvers: approvers::approver_names(conn, kind, division, today)?,
                })
            } else if is_borrower {
                Some(Blocker::ApproverIsBorrower)
            } else {
                None
            };
            let approve = match blocked {
                Some(_) => blocked.clone(),
                None => item_taken(conn, &assets, dates, id, today)?,
            };
            steps.push(LoanStep::stopped(LoanAction::Approve, approve));
            steps.push(LoanStep::stopped(LoanAction::Reject, blocked));
        }
    }
    if may_edit {
        match status {
            LoanStatus::Draft | LoanStatus::Submitted | LoanStatus::Approved => {
                steps.push(LoanStep::open(LoanAction::Cancel));
            }
            LoanStatus::Out => {
                steps.push(LoanStep::stopped(
                    LoanAction::Cancel,
                    Some(Blocker::HandedOut),
                ));
            }
            _ => {}
        }
    }
    if who.officer {
        let pending: Vec<AssetId> = loan
            .items
            .iter()
            .filter(|i| i.state == ItemState::Pending)
            .map(|i| i.asset_id)
            .collect();
        let hand_out = match status {
            LoanStatus::Submitted => Some(Some(Blocker::NotApprovedYet)),
            LoanStatus::Approved | LoanStatus::Out if !pending.is_empty() => Some(if is_borrower {
                Some(Blocker::OfficerIsBorrower)
            } else if today < loan.starts_on {
                Some(Blocker::StartsOn { on: loan.starts_on })
            } else {
                item_taken(conn, &pending, dates, id, today)?
            }),
            _ => None,
        };
        if let Some(blocked) = hand_out {
            steps.push(LoanStep::stopped(LoanAction::HandOut, blocked));
        }
        match status {
            LoanStatus::Approved => steps.push(LoanStep::stopped(
                LoanAction::Return,
                Some(Blocker::NothingOut),
            )),
            LoanStatus::Out => steps.push(LoanStep::stopped(
                LoanAction::Return,
                is_borrower.then_some(Blocker::OfficerIsBorrower),
            )),
            _ => {}
        }
    }
    Ok(steps)
}

impl Register {
    /// The steps of a loan the acting user may take today, each with what stops it.
    pub fn loan_steps(&self, actor: &Actor, id: LoanId) -> Result<Vec<LoanStep>> {
        self.read(actor, Some(Permission::ViewRegister), |conn, info| {
            steps_of(conn, id, info.user_id, self.today())
        })
    }
}
