//! Materials (วัสดุ, ข้อ ๒๐๔–๒๐๖): consumed, not tracked one by one. Each item of the
//! catalogue has a stock card (บัญชีวัสดุ) with every receipt, issue and adjustment in
//! date order and the balance after each, in quantity and in value.
//!
//! ```text
//!  receipt / opening / count surplus ──▶ a cost lot ──▶ issues and decreases take the
//!                                                       oldest lots first (FIFO)
//! ```
//!
//! - [`quantity`]: quantities in thousandths of a unit, whole for most items;
//! - [`catalogue`]: items and their types;
//! - [`count`]: the annual check's count of the materials and applying its differences;
//! - [`entries`]: receipts, opening balances and adjustments;
//! - [`issues`]: issuing a signed paper requisition to a division;
//! - [`requisitions`]: requisitions asked, signed, approved and issued in the program;
//! - [`import`]: the catalogue and opening balances from the office's Excel, all or nothing;
//! - [`lending`]: lending to another agency only, returned in kind (ข้อ ๒๑๒);
//! - [`lists`]: the catalogue by type, text or what is under its reorder level;
//! - [`movements`]: what each item received, issued and adjusted over a span (the monthly
//!   summary);
//! - [`card`]: an item's stock card and every item's balance at a date;
//! - [`periods`]: closing a period to new entries;
//! - `stock`: the card's rules, which every entry goes through.

pub mod card;
pub mod catalogue;
pub mod count;
pub mod entries;
pub mod import;
pub mod issues;
pub mod lending;
pub mod lists;
pub mod movements;
pub mod periods;
pub mod quantity;
pub mod requisitions;
mod stock;

#[cfg(test)]
mod count_tests;
#[cfg(test)]
mod import_tests;
#[cfg(test)]
mod movements_tests;
#[cfg(test)]
mod test_world;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::loans::code_enum;
use crate::money::Satang;

pub use card::{CardEntry, MaterialBalance, StockCard};
pub use catalogue::{Material, MaterialInput, MaterialType, MaterialUpdate};
pub use entries::{
    Adjustment, AdjustmentEntry, AdjustmentReason, OpeningBalance, Receipt, ReceiptInput,
    ReceiptLine,
};
pub use issues::{IssueLine, IssuedLine, PaperIssue};
pub use lists::MaterialQuery;
pub use quantity::Quantity;

/// What a card entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// What the item held when its card started here.
    Opening,
    /// A delivery received.
    Receipt,
    /// Issued to a division on a requisition.
    Issue,
    /// A correction upwards (a count surplus).
    AdjustIn,
    /// A correction downwards (a count shortfall, damage, expiry).
    AdjustOut,
}

code_enum!(EntryKind {
    Opening => "opening",
    Receipt => "receipt",
    Issue => "issue",
    AdjustIn => "adjust_in",
    AdjustOut => "adjust_out",
});

/// A part of an entry at one price: what came in, or what went out of one lot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LotPortion {
    /// How much (in > 0, out < 0 on a card; positive when just taken).
    pub quantity: Quantity,
    /// The lot's price a unit.
    pub unit_price: Satang,
    /// Its value.
    pub value: Satang,
}

/// What a shelf label's QR code holds for an item: its code when that is plain ASCII, else
/// `M-<id>`. Keyboard-wedge scanners type the keystrokes of a US keyboard, so a code with
/// Thai letters ("สน.001") would arrive as other characters; the count screen takes either.
pub fn scan_key(code: &str, id: crate::ids::MaterialId) -> String {
    if code.is_ascii() && !code.trim().is_empty() {
        code.to_owned()
    } else {
        format!("M-{}", id.0)
    }
}
