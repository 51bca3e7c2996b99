//! Periodic and annual checks of the register (ข้อ ๒๑๓).
//!
//! ```text
//!  draft ──open (the expected list is fixed)──▶ open ──close (every line decided)──▶ closed
//!    │  members, scope, dates editable            │  scans, sheet counts, code lists     │
//!    └──cancel                                     └─ several checkers at once           └─▶ proposals
//! ```
//!
//! A round covers a scope (divisions or locations, and categories; the annual round the
//! whole register) as of one day. Opening it copies each in-scope item that is not disposed,
//! with where it is, who holds it, its status and any loan it is out on, into the round's
//! lines: later changes to the register do not move the list, and the round shows them as
//! differences. Checkers count by scanning labels, by keying a returned paper sheet, or by
//! loading a handheld scanner's memory; every count records who and when, and one item is
//! counted once however many scans reach it. Closing needs every line decided — lines left
//! are marked not found only by the chair's (annual) or a checker's (periodic) named choice
//! — and turns what was found into proposals (move, status, register) that the supplies
//! officer applies; nothing touches the register before that.
//!
//! - [`rounds`]: setting a round up, the committee rule, the annual round's dates, opening;
//! - [`counting`]: scans, sheet counts, items found that were not expected, undo;
//! - [`code_list`]: a scanner's memory or a typed list of codes, with a dry run;
//! - [`closing`]: closing, the proposals and applying them;
//! - [`views`]: lists, a round's lines and progress, the latest scans, an item's history;
//! - [`schedule`]: when each division's periodic check is due, the home screen's figures;
//! - [`report`]: the annual report's tables and the per-division summary of a fiscal year.

pub mod closing;
pub mod code_list;
pub mod counting;
pub mod report;
pub mod rounds;
pub mod schedule;
mod snapshot;
pub(crate) mod store;
pub mod views;

#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::assets::AssetStatus;
use crate::ids::{PersonId, RoundId, UserId};
use crate::loans::code_enum;

pub use closing::{
    ApplyProposals, CloseRound, Dismissal, Proposal, ProposalKind, ProposalState, RegisterFound,
};
pub use code_list::{CodeListInput, CodeListLine, CodeListReport};
pub use counting::{LineCount, ScanInput, ScanOutcome, ScanRef, ScanResult, UnexpectedInput};
pub use report::{AnnualReport, CategoryBalance, FindingLine, PeriodicSummary, PeriodicSummaryRow};
pub use rounds::{AnnualProposal, MemberInput, RoundInput, RoundScope, RoundUpdate};
pub use schedule::{
    AnnualDeadline, CheckDashboard, CheckSettings, DivisionSchedule, PeriodCheck, PeriodState,
};
pub use views::{
    AssetCheck, CheckLine, LineFilter, LinePage, LineQuery, PlaceProgress, Progress,
    RoundListQuery, RoundSummary, ScanEntry, ScanListQuery, Unexpected,
};

/// Periodic (any scope, during the year) or annual (the whole register, ข้อ ๒๑๓).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RoundKind {
    /// ตรวจนับประจำงวด.
    Periodic,
    /// ตรวจสอบพัสดุประจำปี.
    Annual,
}
code_enum!(RoundKind {
    Periodic => "periodic",
    Annual => "annual",
});

/// Where a round stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RoundStatus {
    /// Being set up; nothing counted.
    Draft,
    /// Its list is fixed; counting.
    Open,
    /// Every line decided; read-only.
    Closed,
}
code_enum!(RoundStatus {
    Draft => "draft",
    Open => "open",
    Closed => "closed",
});

/// A member's place in the round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MemberRole {
    /// ประธานกรรมการ (annual).
    Chair,
    /// กรรมการ (annual).
    Member,
    /// กรรมการและเลขานุการ (annual).
    Secretary,
    /// ผู้ตรวจนับ (periodic).
    Checker,
}
code_enum!(MemberRole {
    Chair => "chair",
    Member => "member",
    Secretary => "secretary",
    Checker => "checker",
});

impl MemberRole {
    /// As the order and the signature blocks print it.
    pub fn thai(self) -> &'static str {
        match self {
            MemberRole::Chair => "ประธานกรรมการ",
            MemberRole::Member => "กรรมการ",
            MemberRole::Secretary => "กรรมการและเลขานุการ",
            MemberRole::Checker => "ผู้ตรวจนับ",
        }
    }
}

/// What was found of one expected line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LineResult {
    /// พบ ตรงที่.
    Found,
    /// พบ ผิดที่ (where it was found is recorded).
    FoundElsewhere,
    /// ไม่พบ.
    NotFound,
    /// Not seen, explained by the loan it is out on.
    OnLoan,
}
code_enum!(LineResult {
    Found => "found",
    FoundElsewhere => "found_elsewhere",
    NotFound => "not_found",
    OnLoan => "on_loan",
});

impl LineResult {
    /// The register status a line's result and recorded condition mean: lost when it was
    /// not found, the condition when one was recorded, nothing otherwise (out on loan).
    pub fn status_found(self, condition: Option<Condition>) -> Option<AssetStatus> {
        match (self, condition) {
            (LineResult::NotFound, _) => Some(AssetStatus::Lost),
            (LineResult::OnLoan, _) => None,
            (_, c) => c.map(Condition::status),
        }
    }
}

/// The condition a checker records (the check sheet's five boxes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// ใช้งานได้.
    InUse,
    /// ชำรุด.
    Damaged,
    /// เสื่อมสภาพ.
    Deteriorated,
    /// สูญไป.
    Lost,
    /// ไม่จำเป็นต้องใช้.
    NotNeeded,
}
code_enum!(Condition {
    InUse => "in_use",
    Damaged => "damaged",
    Deteriorated => "deteriorated",
    Lost => "lost",
    NotNeeded => "not_needed",
});

impl Condition {
    /// The register status the condition means.
    pub fn status(self) -> AssetStatus {
        match self {
            Condition::InUse => AssetStatus::InUse,
            Condition::Damaged => AssetStatus::Damaged,
            Condition::Deteriorated => AssetStatus::Deteriorated,
            Condition::Lost => AssetStatus::Lost,
            Condition::NotNeeded => AssetStatus::NotNeeded,
        }
    }

    /// The condition a found item has unless the checker says otherwise: as the register
    /// had it, where that is one of the five (an item recorded damaged is still damaged).
    pub fn presumed(status: AssetStatus) -> Condition {
        match status {
            AssetStatus::Damaged => Condition::Damaged,
            AssetStatus::Deteriorated => Condition::Deteriorated,
            AssetStatus::NotNeeded => Condition::NotNeeded,
            _ => Condition::InUse,
        }
    }

    /// The Thai word on the sheet and the report.
    pub fn thai(self) -> &'static str {
        self.status().thai()
    }
}

/// How a line was counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CountMethod {
    /// A label scanned (or a code typed) on the counting screen.
    Scan,
    /// Keyed from a returned paper sheet.
    Sheet,
    /// A scanner's memory or a list of codes loaded.
    File,
    /// Decided when the round was closed (on loan, or the rest not found).
    Closing,
}
code_enum!(CountMethod {
    Scan => "scan",
    Sheet => "sheet",
    File => "file",
    Closing => "closing",
});

/// A member of a round, as the round shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Member {
    /// The person.
    pub person_id: PersonId,
    /// Their full name.
    pub name: String,
    /// Their position.
    pub position: String,
    /// Their place in the round.
    pub role: MemberRole,
    /// Their account, when they have one (only a member with an account counts on screen).
    pub user_id: Option<UserId>,
}

/// One thing a round's scope names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScopeItem {
    /// A division, location or category.
    pub kind: ScopeKind,
    /// Its id.
    pub id: i64,
    /// Its name.
    pub name: String,
}

/// What a scope item names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ScopeKind {
    /// A division: all its items.
    Division,
    /// A location: the items there.
    Location,
    /// A category: only items of it (with the places, if any are named).
    Category,
}
code_enum!(ScopeKind {
    Division => "division",
    Location => "location",
    Category => "category",
});

/// A round as its page and the list show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckRound {
    /// Id.
    pub id: RoundId,
    /// Its name, e.g. "ตรวจนับประจำไตรมาส 1/2569 กองช่าง".
    pub name: String,
    /// Periodic or annual.
    pub kind: RoundKind,
    /// Where it stands.
    pub status: RoundStatus,
    /// The fiscal year (B.E.): the year checked, for an annual round.
    pub fiscal_year: i32,
    /// The day the expected list is as of.
    pub as_of: NaiveDate,
    /// First day of counting.
    pub starts_on: NaiveDate,
    /// Last day of counting.
    pub ends_on: NaiveDate,
    /// The annual report's deadline (30 working days from the start).
    pub report_due_on: Option<NaiveDate>,
    /// First day of the period an annual round checks (1 October).
    pub period_from: Option<NaiveDate>,
    /// Last day of that period (30 September).
    pub period_to: Option<NaiveDate>,
    /// The appointment order's number.
    pub order_no: String,
    /// Its date.
    pub order_date: Option<NaiveDate>,
    /// Who signed it.
    pub order_signer: String,
    /// An annual round's order dated outside the last month of the fiscal year.
    pub order_out_of_time: bool,
    /// The supplies officer named on the round.
    pub officer_id: Option<PersonId>,
    /// Their name.
    pub officer_name: Option<String>,
    /// Notes.
    pub notes: String,
    /// The scope (empty: the whole register).
    pub scope: Vec<ScopeItem>,
    /// The committee or the checkers, in order.
    pub members: Vec<Member>,
    /// Counts so far.
    pub progress: Progress,
    /// When and by whom it was set up, opened and closed.
    pub created_at: String,
    /// Who set it up.
    pub created_by_name: Option<String>,
    /// When its list was fixed.
    pub opened_at: Option<String>,
    /// Who closed it.
    pub closed_at: Option<String>,
    /// The chair or checker who closed it.
    pub closed_as: String,
    /// Whether lines left uncounted were marked not found when it closed.
    pub rest_not_found: bool,
    /// The acting user's place in the round, if they are a member.
    pub my_role: Option<MemberRole>,
    /// Whether the acting user may count now.
    pub can_count: bool,
    /// Whether the acting user may close it now.
    pub can_close: bool,
    /// Scope ids, for editing a draft.
    pub scope_input: RoundScope,
}
