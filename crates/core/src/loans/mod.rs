//! Borrowing (regulation ข้อ ๒๐๗–๒๑๒): a loan's life from request to return.
//!
//! ```text
//!  draft ──submit──▶ submitted ──approve──▶ approved ──hand out──▶ out ──return all──▶ closed
//!    │                   │  └──reject──▶ rejected        │                 │
//!    └──────cancel───────┴────────cancel─────────────────┘   (overdue: out past its due date)
//! ```
//!
//! Every step is one core function that checks who may take it, whether the loan is in a
//! state that allows it, and the separation of duties; a refused step changes nothing.
//! Items are handed out and returned one by one (partial returns); an item returned
//! damaged or lost opens a compensation case (ข้อ ๒๑๐). Overdue is derived from the due
//! date; the officer records each follow-up (ข้อ ๒๑๑).
//!
//! - [`rules`]: the rule table of ข้อ ๒๐๘ (who decides each kind of loan), which the
//!   manual explains;
//! - [`approvers`]: who decides a request under that table, and delegations;
//! - [`requests`]: entering, editing, submitting and cancelling requests, availability;
//! - [`decisions`]: approving and rejecting;
//! - [`handover`]: hand-out, return, withdrawal and compensation cases;
//! - [`overdue`]: overdue loans and their follow-ups;
//! - [`views`]: lists, the approval inbox, the dashboard, an item's loan history;
//! - [`steps`]: which steps the acting user may take on a loan now, and why not;
//! - [`item_check`]: whether each item picked on the borrow form may be lent.

pub mod approvers;
pub mod decisions;
pub mod handover;
pub mod item_check;
pub mod overdue;
pub mod requests;
pub mod rules;
pub mod steps;
pub(crate) mod store;
pub mod views;

#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::{AssetId, DivisionId, LoanId, PersonId};
use crate::money::Satang;

pub use approvers::{Delegation, DelegationInput, DelegationWording, Standing, UserChoice};
pub use decisions::Decision;
pub use handover::{
    CompensationCase, CompensationDecision, HandOut, ItemHandOut, ItemReturn, Remedy, Return,
    Withdrawal,
};
pub use item_check::{ItemCheck, ItemProblem, ItemVerdict};
pub use overdue::{FollowUp, FollowUpInput, FollowUpMethod, OverdueLoan};
pub use requests::{Cancellation, LoanRequest, LoanSettings, LoanUpdate};
pub use steps::{Blocker, LoanAction, LoanStep};
pub use views::{Dashboard, InboxItem, LoanQuery, LoanRow};

/// Implements the stored code (same as the serde name) and SQLite conversion of a
/// field-less enum.
macro_rules! code_enum {
    ($name:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        impl $name {
            /// Every value.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored code (same as the serde name).
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            /// Reads a stored code.
            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == code)
            }
        }

        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(
                value: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                let code = value.as_str()?;
                Self::from_code(code).ok_or_else(|| {
                    rusqlite::types::FromSqlError::Other(
                        format!(concat!("unknown ", stringify!($name), " {}"), code).into(),
                    )
                })
            }
        }
    };
}
pub(crate) use code_enum;

/// Where a loan stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LoanStatus {
    /// Being written; nobody has been asked yet.
    Draft,
    /// Waiting for the approver.
    Submitted,
    /// Approved; nothing handed out yet.
    Approved,
    /// Refused, with a reason.
    Rejected,
    /// At least one item handed out and not all back.
    Out,
    /// Every item back (or withdrawn).
    Closed,
    /// Withdrawn before anything was handed out.
    Cancelled,
}
code_enum!(LoanStatus {
    Draft => "draft",
    Submitted => "submitted",
    Approved => "approved",
    Rejected => "rejected",
    Out => "out",
    Closed => "closed",
    Cancelled => "cancelled",
});

/// The three cases of ข้อ ๒๐๘, each with its own approver.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LoanKind {
    /// A person, used inside the premises: the head of the division holding the items.
    Inside,
    /// A person, taken outside the premises: the agency head.
    Outside,
    /// Another government agency: the agency head.
    Agency,
}
code_enum!(LoanKind {
    Inside => "inside",
    Outside => "outside",
    Agency => "agency",
});

/// Where one item of a loan is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ItemState {
    /// Not handed out yet.
    Pending,
    /// With the borrower.
    Out,
    /// Back (or recorded lost, with a compensation case).
    Returned,
    /// Taken off the loan without being handed out.
    Withdrawn,
}
code_enum!(ItemState {
    Pending => "pending",
    Out => "out",
    Returned => "returned",
    Withdrawn => "withdrawn",
});

/// An item's condition when handed out or returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ItemCondition {
    /// ใช้งานได้.
    Good,
    /// ชำรุด.
    Damaged,
    /// สูญไป: not returned (only on return).
    Lost,
}
code_enum!(ItemCondition {
    Good => "good",
    Damaged => "damaged",
    Lost => "lost",
});

/// One loan in full, as its detail page and the borrow slip show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Loan {
    /// Id.
    pub id: LoanId,
    /// Slip number, e.g. `12/2568` (running per fiscal year).
    pub loan_no: String,
    /// Where it stands.
    pub status: LoanStatus,
    /// Which case of ข้อ ๒๐๘.
    pub kind: LoanKind,
    /// The borrowing person (not for an agency loan).
    pub borrower_id: Option<PersonId>,
    /// Their name (or the agency's).
    pub borrower_name: String,
    /// Their position.
    pub borrower_position: String,
    /// Their division.
    pub borrower_division: Option<String>,
    /// Their phone.
    pub borrower_phone: String,
    /// The borrowing agency.
    pub agency_name: String,
    /// The agency's letter number.
    pub agency_letter_no: String,
    /// What for (official business only, ข้อ ๒๐๗).
    pub purpose: String,
    /// Where the items will be used.
    pub place_of_use: String,
    /// First day of the loan.
    pub starts_on: NaiveDate,
    /// Return date.
    pub due_on: NaiveDate,
    /// Why longer than the usual maximum, if it is.
    pub long_loan_reason: String,
    /// Notes.
    pub notes: String,
    /// The division holding the items (inside loans).
    pub division_id: Option<DivisionId>,
    /// Its name.
    pub division_name: Option<String>,
    /// Number of the signed paper request it was entered from.
    pub paper_no: String,
    /// Who typed it in.
    pub entered_by_name: Option<String>,
    /// When it was submitted (UTC, RFC 3339).
    pub submitted_at: Option<String>,
    /// When it was decided.
    pub decided_at: Option<String>,
    /// Who decided.
    pub decided_by_name: Option<String>,
    /// Their position, from their staff record (the slip prints it under the signature).
    pub decided_by_position: Option<String>,
    /// For whom, when a delegate decided.
    pub decided_for_name: Option<String>,
    /// The stand-in wording for the slip ("ปฏิบัติราชการแทน" / "รักษาราชการแทน").
    pub decided_wording: Option<DelegationWording>,
    /// The approver's reason (required to reject).
    pub decision_reason: String,
    /// When the last item came back.
    pub closed_at: Option<String>,
    /// When it was cancelled.
    pub cancelled_at: Option<String>,
    /// Why.
    pub cancel_reason: String,
    /// When it was created.
    pub created_at: String,
    /// When the borrower's undertaking (ข้อ ๒๐๗, ๒๑๐) was ticked, as the request records it.
    pub undertaking_at: Option<String>,
    /// The items.
    pub items: Vec<LoanItem>,
    /// Follow-ups while overdue.
    pub follow_ups: Vec<FollowUp>,
    /// Compensation for items returned damaged or lost.
    pub compensation: Vec<CompensationCase>,
    /// Who may decide it (names), while it waits.
    pub approvers: Vec<String>,
    /// Days past the due date with items still out.
    pub overdue_days: Option<i64>,
    /// The last day for the first follow-up (due date + 7, ข้อ ๒๑๑), while overdue.
    pub follow_up_due_on: Option<NaiveDate>,
}

/// One item of a loan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LoanItem {
    /// The asset.
    pub asset_id: AssetId,
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its value today is not needed here; its price for the slip.
    pub unit_price: Satang,
    /// Line number on the slip.
    pub line: u32,
    /// Where it is.
    pub state: ItemState,
    /// When it was handed out.
    pub handed_out_at: Option<String>,
    /// By which officer.
    pub handed_out_by_name: Option<String>,
    /// To whom (who signed for it).
    pub received_by_name: String,
    /// Condition when handed out.
    pub condition_out: Option<ItemCondition>,
    /// When it came back.
    pub returned_at: Option<String>,
    /// Who brought it back.
    pub returned_by_name: String,
    /// The officer who took it back.
    pub received_back_by_name: Option<String>,
    /// Condition on return.
    pub condition_back: Option<ItemCondition>,
    /// Notes on return (what is damaged).
    pub return_notes: String,
}
