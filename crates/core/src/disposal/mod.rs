//! After the check (ข้อ ๒๑๔–๒๑๘): what was found damaged, deteriorated, lost or no longer
//! needed goes through fact-finding to a lawful disposal, and leaves the register only by a
//! write-off with the approval behind it.
//!
//! ```text
//!  fact-finding:  open ──committee──▶ (finding) ──▶ concluded: normal wear | someone liable
//!                   └──agency head waives (plain normal wear)──▶ concluded
//!
//!  disposal:  proposed ──agency head approves──▶ approved ──results of every item──▶
//!                 └──rejects──▶ rejected              write off ──▶ written_off ──▶ สตง. told
//! ```
//!
//! - [`fact_finding`]: cases, their committee, the waiver, the finding (a liability opens or
//!   settles the loan's compensation case);
//! - [`batches`]: proposing, deciding, recording each item's result, writing off, the notice;
//! - [`views`]: the lists, one disposal with its steps, and the deadlines (60 days to carry a
//!   disposal out, 30 days to tell the State Audit Office).
//!
//! An item cannot become disposed any other way: a status change to "disposed" is refused
//! (`assets::lifecycle`), a disposed item is read-only, cannot be lent, moved or counted as
//! expected, and no new case opens for it.

pub mod batches;
pub mod fact_finding;
mod store;
pub mod views;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::loans::code_enum;

pub use batches::{DisposalDecision, DisposalInput, DisposalItemInput, DisposalResult, NoticeSent};
pub use fact_finding::{
    CommitteeMember, FactFinding, FactFindingCommittee, FactFindingConclusion, FactFindingInput,
    FactFindingWaiver,
};
pub use views::{Disposal, DisposalItem, DisposalQuery, DisposalRow, DisposalSteps};

/// How an item leaves the register (ข้อ ๒๑๕).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DisposalMethod {
    /// Sold by public auction, after a price evaluation (ขายทอดตลาด).
    SaleAuction,
    /// Sold by the specific method, within its limit (ขายโดยวิธีเฉพาะเจาะจง).
    SaleSpecific,
    /// Exchanged (แลกเปลี่ยน).
    Exchange,
    /// Transferred to a state agency (โอนให้หน่วยงานของรัฐ).
    TransferState,
    /// Transferred to a charity (โอนให้องค์การสถานสาธารณกุศล).
    TransferCharity,
    /// Converted into something else (แปรสภาพ).
    Conversion,
    /// Destroyed, before witnesses (ทำลาย).
    Destruction,
    /// Lost: written off as lost after the fact-finding (จำหน่ายเป็นสูญ).
    WriteOffLost,
}
code_enum!(DisposalMethod {
    SaleAuction => "sale_auction",
    SaleSpecific => "sale_specific",
    Exchange => "exchange",
    TransferState => "transfer_state",
    TransferCharity => "transfer_charity",
    Conversion => "conversion",
    Destruction => "destruction",
    WriteOffLost => "write_off_lost",
});

impl DisposalMethod {
    /// As forms print it.
    pub fn thai(self) -> &'static str {
        match self {
            DisposalMethod::SaleAuction => "ขายทอดตลาด",
            DisposalMethod::SaleSpecific => "ขายโดยวิธีเฉพาะเจาะจง",
            DisposalMethod::Exchange => "แลกเปลี่ยน",
            DisposalMethod::TransferState => "โอนให้หน่วยงานของรัฐ",
            DisposalMethod::TransferCharity => "โอนให้องค์การสถานสาธารณกุศล",
            DisposalMethod::Conversion => "แปรสภาพ",
            DisposalMethod::Destruction => "ทำลาย",
            DisposalMethod::WriteOffLost => "จำหน่ายเป็นสูญ",
        }
    }

    /// Whether it brings in money (its proceeds are handled under budget law, ข้อ ๒๑๖).
    pub fn is_sale(self) -> bool {
        matches!(
            self,
            DisposalMethod::SaleAuction | DisposalMethod::SaleSpecific
        )
    }

    /// Whether it goes to another party, who must be named (buyer, receiving body).
    pub fn needs_counterparty(self) -> bool {
        matches!(
            self,
            DisposalMethod::SaleAuction
                | DisposalMethod::SaleSpecific
                | DisposalMethod::Exchange
                | DisposalMethod::TransferState
                | DisposalMethod::TransferCharity
        )
    }
}

/// Where a disposal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DisposalStatus {
    /// Waiting for the agency head.
    Proposed,
    /// Approved: being carried out (60 days).
    Approved,
    /// Refused, with a reason.
    Rejected,
    /// Done: its items are disposed.
    WrittenOff,
}
code_enum!(DisposalStatus {
    Proposed => "proposed",
    Approved => "approved",
    Rejected => "rejected",
    WrittenOff => "written_off",
});

/// What a fact-finding found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Finding {
    /// Normal wear, or lost by nature: nobody is liable.
    NormalWear,
    /// Someone is liable, for an amount.
    Liable,
}
code_enum!(Finding {
    NormalWear => "normal_wear",
    Liable => "liable",
});

impl Finding {
    /// As forms print it.
    pub fn thai(self) -> &'static str {
        match self {
            Finding::NormalWear => "เสื่อมสภาพจากการใช้งานตามปกติ ไม่มีผู้รับผิด",
            Finding::Liable => "มีผู้ต้องรับผิดชดใช้",
        }
    }
}

/// How many days an approved disposal has to be carried out (ข้อ ๒๑๕, usually 60).
pub const DAYS_TO_DISPOSE: u64 = 60;
/// How many days after the write-off the State Audit Office must be told (ข้อ ๒๑๘).
pub const DAYS_TO_NOTIFY: u64 = 30;
