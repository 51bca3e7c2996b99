//! What the supplies officer enters on the cards by hand: receipts (รับเข้า) with their
//! inspection record, opening balances, and adjustments with a reason and a reference.
//! Issues on requisitions go through the same card rules (`stock`).

use chrono::NaiveDate;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::quantity::Quantity;
use super::stock::{self, Entry, Fields};
use super::{EntryKind, LotPortion};
use crate::audit::Event;
use crate::auth::Permission;
use crate::error::{Error, Result};
use crate::ids::{MaterialEntryId, MaterialId, MaterialReceiptId};
use crate::money::Satang;
use crate::register::{Actor, Change, Register};
use crate::text;

/// One line of a receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptLine {
    /// The item.
    pub material_id: MaterialId,
    /// How much came.
    pub quantity: Quantity,
    /// At what price a unit (satang).
    pub unit_price: Satang,
}

/// A delivery received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptInput {
    /// The day it was received (inspected).
    pub received_on: NaiveDate,
    /// The inspection record or purchase order (ใบตรวจรับ / PO).
    pub document_no: String,
    /// Who delivered it.
    pub vendor: String,
    /// Notes.
    pub notes: String,
    /// What came, each line a cost lot.
    pub lines: Vec<ReceiptLine>,
}

/// A receipt as recorded: one card entry per line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Receipt {
    /// Its id.
    pub id: MaterialReceiptId,
    /// The entries written, in line order.
    pub entries: Vec<MaterialEntryId>,
    /// The receipt's value.
    pub value: Satang,
}

/// What an item held when the register started keeping its card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OpeningBalance {
    /// The item (its card must be empty).
    pub material_id: MaterialId,
    /// The day of the balance.
    pub on_date: NaiveDate,
    /// How much.
    pub quantity: Quantity,
    /// At what price a unit.
    pub unit_price: Satang,
    /// Where it comes from (the paper card, last year's report).
    pub document_no: String,
}

/// Which way an adjustment goes, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AdjustmentReason {
    /// The count found more or less than the card.
    CountDifference,
    /// Damaged and unusable.
    Damaged,
    /// Past its expiry.
    Expired,
}

/// A correction of a card, with its reason and reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Adjustment {
    /// The item.
    pub material_id: MaterialId,
    /// Its date.
    pub on_date: NaiveDate,
    /// More (a count surplus) or less.
    pub increase: bool,
    /// How much.
    pub quantity: Quantity,
    /// For an increase: its price a unit (what comes in is a lot like any other).
    pub unit_price: Satang,
    /// Why.
    pub reason: AdjustmentReason,
    /// The reference: the count report, the committee's record, the approval.
    pub document_no: String,
    /// What happened, in words.
    pub explanation: String,
}

/// An adjustment as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AdjustmentEntry {
    /// The card entry.
    pub entry_id: MaterialEntryId,
    /// For a decrease, the lots it took, at their prices.
    pub portions: Vec<LotPortion>,
}

impl Register {
    /// Records a receipt: each line comes in as a cost lot at its price. One
    /// transaction: a line refused refuses the receipt, naming the line.
    pub fn receive_materials(&self, actor: &Actor, input: &ReceiptInput) -> Result<Receipt> {
        self.change(actor, Some(Permission::ManageMaterials), |change| {
            let document_no = text::required("documentNo", &input.document_no, 60)?;
            let vendor = text::optional("vendor", &input.vendor, 200)?;
            let notes = text::optional("notes", &input.notes, 1000)?;
            if input.lines.is_empty() {
                return Err(Error::Required {
                    field: "lines".into(),
                });
            }
            change.execute(
                "INSERT INTO material_receipts (received_on, document_no, vendor, notes,
                                                created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    input.received_on,
                    document_no,
                    vendor,
                    notes,
                    change.stamp(),
                    change.actor.user_id
                ],
            )?;
            let id = MaterialReceiptId(change.last_insert_rowid());
            let mut entries = Vec::with_capacity(input.lines.len());
            let mut value = 0;
            for (n, line) in input.lines.iter().enumerate() {
                let (quantity_field, price_field) = (
                    format!("lines[{n}].quantity"),
                    format!("lines[{n}].unitPrice"),
                );
                let entry = stock::put_in(
                    change,
                    &Entry {
                        material: line.material_id,
                        on_date: input.received_on,
                        kind: EntryKind::Receipt,
                        document_no: &document_no,
                        party: &vendor,
                        division_id: None,
                        receipt_id: Some(id),
                        reason: "",
                    },
                    line.quantity,
                    line.unit_price,
                    &Fields {
                        quantity: &quantity_field,
                        unit_price: &price_field,
                        date: "receivedOn",
                    },
                )
                .map_err(|e| match e {
                    Error::NotFound {
                        entity: "material", ..
                    } => Error::invalid(format!("lines[{n}].materialId"), "no such material"),
                    other => other,
                })?;
                value += line.quantity.value_at(line.unit_price).0;
                entries.push(entry);
            }
            let receipt = Receipt {
                id,
                entries,
                value: Satang(value),
            };
            change.record(
                Event::new("material.receive", "material_receipt", id.0).after(
                    &serde_json::json!({
                        "receivedOn": input.received_on,
                        "documentNo": document_no,
                        "vendor": vendor,
                        "lines": input.lines,
                        "value": receipt.value,
                    }),
                ),
            )?;
            Ok(receipt)
        })
    }

    /// Records what an item held when its card starts here (its card must be empty).
    pub fn record_opening_balance(
        &self,
        actor: &Actor,
        input: &OpeningBalance,
    ) -> Result<MaterialEntryId> {
        self.change(actor, Some(Permission::ManageMaterials), |change| {
            opening(change, input)
        })
    }

    /// Corrects a card by a count difference, damage or expiry, with its reference.
    /// A decrease takes the oldest lots first, as an issue does.
    pub fn adjust_material(&self, actor: &Actor, input: &Adjustment) -> Result<AdjustmentEntry> {
        self.change(actor, Some(Permission::ManageMaterials), |change| {
            adjust(change, input)
        })
    }
}

fn reason_code(reason: AdjustmentReason) -> &'static str {
    match reason {
        AdjustmentReason::CountDifference => "count_difference",
        AdjustmentReason::Damaged => "damaged",
        AdjustmentReason::Expired => "expired",
    }
}

/// Records an opening balance inside the caller's transaction (the form, an import).
pub(crate) fn opening(change: &Change<'_>, input: &OpeningBalance) -> Result<MaterialEntryId> {
    let document_no = text::optional("documentNo", &input.document_no, 60)?;
    let entries: i64 = change.query_row(
        "SELECT count(*) FROM material_entries WHERE material_id = ?1",
        [input.material_id],
        |r| r.get(0),
    )?;
    if entries > 0 {
        return Err(Error::invalid(
            "materialId",
            "its card already has entries; correct it by an adjustment",
        ));
    }
    let entry = stock::put_in(
        change,
        &Entry {
            material: input.material_id,
            on_date: input.on_date,
            kind: EntryKind::Opening,
            document_no: &document_no,
            party: "",
            division_id: None,
            receipt_id: None,
            reason: "",
        },
        input.quantity,
        input.unit_price,
        &Fields {
            quantity: "quantity",
            unit_price: "unitPrice",
            date: "onDate",
        },
    )?;
    change.record(Event::new("material.opening", "material", input.material_id.0).after(input))?;
    Ok(entry)
}

/// Corrects a card inside the caller's transaction (the form, applying a count).
pub(crate) fn adjust(change: &Change<'_>, input: &Adjustment) -> Result<AdjustmentEntry> {
    let document_no = text::required("documentNo", &input.document_no, 60)?;
    let explanation = text::required("explanation", &input.explanation, 500)?;
    let reason = format!("{}: {explanation}", reason_code(input.reason));
    let entry = Entry {
        material: input.material_id,
        on_date: input.on_date,
        kind: if input.increase {
            EntryKind::AdjustIn
        } else {
            EntryKind::AdjustOut
        },
        document_no: &document_no,
        party: "",
        division_id: None,
        receipt_id: None,
        reason: &reason,
    };
    let fields = Fields {
        quantity: "quantity",
        unit_price: "unitPrice",
        date: "onDate",
    };
    let written = if input.increase {
        AdjustmentEntry {
            entry_id: stock::put_in(change, &entry, input.quantity, input.unit_price, &fields)?,
            portions: Vec::new(),
        }
    } else {
        let (entry_id, portions) = stock::take_out(change, &entry, input.quantity, &fields)?;
        AdjustmentEntry { entry_id, portions }
    };
    change.record(Event::new("material.adjust", "material", input.material_id.0).after(input))?;
    Ok(written)
}
