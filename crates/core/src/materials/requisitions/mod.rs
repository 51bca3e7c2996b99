//! Requisitions of materials asked for in the program (ใบเบิกพัสดุ, ข้อ ๒๐๔–๒๐๖).
//!
//! ```text
//!  submitted ──head signs──▶ endorsed ──head of supplies approves (or cuts)──▶ approved
//!      │                        │                                               │ issue part
//!      └──reject / cancel───────┴──reject / cancel──┐        ┌──issue the rest──┤
//!                                                   ▼        ▼                  ▼
//!                                   rejected / cancelled   issued ◀──── partly_issued
//!                                                                    close the rest ──▶ closed
//! ```
//!
//! - a division asks: the requester is a person of the staff directory (a user asks for
//!   themselves; the supplies officer enters anyone's), with a purpose and the items;
//!   asking for more than an item's balance is refused, naming it and what is available;
//! - its head signs: the division head of that division, the agency head, or one standing
//!   in for either (the delegations of borrowing);
//! - the head of supplies (or a stand-in) approves, and may cut quantities with a note;
//! - the supplies officer issues all or part, oldest lots first on each card; what is left
//!   is issued later or closed with a reason;
//! - separation of duties: neither signer nor the issuer is the requester.
//!
//! Signed paper requisitions keyed in afterwards go through
//! [`Register::issue_paper_requisition`](crate::register::Register::issue_paper_requisition).
//!
//! - [`asking`]: asking, cancelling;
//! - [`signing`]: the head's signature, the approval with cuts, refusing;
//! - [`issuing`]: issuing all or part, closing the rest;
//! - [`views`]: one requisition with the steps the user may take, lists, the inbox;
//! - `store`: loading, numbering, who may sign.

pub mod asking;
pub mod issuing;
pub mod signing;
mod store;
pub mod views;

#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::quantity::Quantity;
use crate::ids::{DivisionId, MaterialId, MaterialRequisitionId, PersonId};
use crate::loans::{DelegationWording, code_enum};
use crate::money::Satang;

pub use asking::{RequisitionCancel, RequisitionInput, RequisitionLineInput};
pub use issuing::{RequisitionClose, RequisitionIssue};
pub use signing::{ApprovalLine, RequisitionApproval, RequisitionSignature};
pub use views::{RequisitionQuery, RequisitionRow, RequisitionSteps, RequisitionView};

/// Where a requisition is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RequisitionStatus {
    /// Asked; waiting for the division head's signature.
    Submitted,
    /// Signed by the head; waiting for the head of supplies.
    Endorsed,
    /// Approved; waiting to be issued.
    Approved,
    /// Part issued; the rest waits.
    PartlyIssued,
    /// Everything approved was issued.
    Issued,
    /// Part issued and the rest closed with a reason.
    Closed,
    /// Refused by a signer, with a reason.
    Rejected,
    /// Withdrawn before anything was issued, with a reason.
    Cancelled,
}

code_enum!(RequisitionStatus {
    Submitted => "submitted",
    Endorsed => "endorsed",
    Approved => "approved",
    PartlyIssued => "partly_issued",
    Issued => "issued",
    Closed => "closed",
    Rejected => "rejected",
    Cancelled => "cancelled",
});

impl RequisitionStatus {
    /// The status as lists and exports print it.
    pub fn thai(self) -> &'static str {
        match self {
            RequisitionStatus::Submitted => "รอหัวหน้าหน่วยงานลงนาม",
            RequisitionStatus::Endorsed => "รอหัวหน้าเจ้าหน้าที่อนุมัติ",
            RequisitionStatus::Approved => "อนุมัติแล้ว รอจ่าย",
            RequisitionStatus::PartlyIssued => "จ่ายแล้วบางส่วน",
            RequisitionStatus::Issued => "จ่ายครบแล้ว",
            RequisitionStatus::Closed => "ปิดใบเบิก (จ่ายบางส่วน)",
            RequisitionStatus::Rejected => "ไม่อนุมัติ",
            RequisitionStatus::Cancelled => "ยกเลิก",
        }
    }

    /// Whether nothing more can happen to it.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            RequisitionStatus::Issued
                | RequisitionStatus::Closed
                | RequisitionStatus::Rejected
                | RequisitionStatus::Cancelled
        )
    }
}

/// A signature on a requisition: who signed, and for whom if they stood in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Signature {
    /// Who signed.
    pub name: String,
    /// Their position, as the slip prints it.
    pub position: String,
    /// The principal they stood in for, if they did.
    pub for_name: Option<String>,
    /// How a stand-in signs.
    pub wording: Option<DelegationWording>,
    /// When (RFC 3339).
    pub at: String,
}

/// One line of a requisition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RequisitionLine {
    /// Its number on the slip, from 1.
    pub line_no: u32,
    /// The item.
    pub material_id: MaterialId,
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its unit.
    pub unit: String,
    /// Whether it may be asked for in fractions (ลิตร, เมตร).
    pub divisible: bool,
    /// What was asked.
    pub requested: Quantity,
    /// What the head of supplies approved (none yet before the approval).
    pub approved: Option<Quantity>,
    /// What has been issued so far.
    pub issued: Quantity,
    /// What its card holds now.
    pub balance: Quantity,
    /// The value of what was issued on it (FIFO prices).
    pub issued_value: Satang,
    /// The requester's or approver's note.
    pub note: String,
}

/// Each time the officer issued on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IssueRecord {
    /// The day.
    pub issued_on: NaiveDate,
    /// The supplies officer who gave (ผู้จ่าย).
    pub issued_by: String,
    /// Who received (ผู้รับ).
    pub received_by: String,
    /// Its value.
    pub value: Satang,
}

/// A requisition with its lines and signatures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Requisition {
    /// Id.
    pub id: MaterialRequisitionId,
    /// Its number (บ.12/2569).
    pub requisition_no: String,
    /// Where it is in its life.
    pub status: RequisitionStatus,
    /// The division asking.
    pub division_id: DivisionId,
    /// Its name.
    pub division_name: String,
    /// Who asks.
    pub requester_id: PersonId,
    /// Their name.
    pub requester_name: String,
    /// Their position.
    pub requester_position: String,
    /// What it is for.
    pub purpose: String,
    /// The day it was asked.
    pub asked_on: NaiveDate,
    /// Who entered it (the requester, or the officer for them).
    pub entered_by: Option<String>,
    /// The division head's signature.
    pub endorsed: Option<Signature>,
    /// The head of supplies' approval.
    pub approved: Option<Signature>,
    /// Why quantities were cut.
    pub approval_note: String,
    /// A refusal, cancellation or closing: who, when, why.
    pub ended: Option<Signature>,
    /// Its reason.
    pub end_reason: String,
    /// The lines, in slip order.
    pub lines: Vec<RequisitionLine>,
    /// Each issuing, oldest first.
    pub issues: Vec<IssueRecord>,
    /// The value of everything issued.
    pub issued_value: Satang,
}
