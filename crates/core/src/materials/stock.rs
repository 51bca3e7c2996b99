//! Writing a stock card: every entry in or out goes through [`put_in`] or [`take_out`],
//! inside the caller's transaction, so the card, the cost lots and the item's balance
//! change together or not at all.
//!
//! The rules of the card:
//! - entries go in date order: none is dated before the item's last entry (a paper card
//!   is written the same way), after today, or in a closed period;
//! - what comes in is a cost lot at its unit price; what goes out takes the oldest lots
//!   first (FIFO, by the date received, then the order entered);
//! - value, rounding: a lot is worth its quantity × its unit price, rounded half up to
//!   the satang (exact for whole units). A portion taken from a lot is worth the same
//!   product rounded the same way, except the portion that empties the lot, which takes
//!   exactly what the lot has left: a lot's value always comes out at zero, and the
//!   card's value is always the sum of its open lots.

use chrono::NaiveDate;
use rusqlite::params;

use super::periods::closed_through;
use super::quantity::Quantity;
use super::{EntryKind, LotPortion};
use crate::error::{Error, Result};
use crate::ids::{DivisionId, MaterialEntryId, MaterialId, MaterialReceiptId};
use crate::money::Satang;
use crate::register::Change;

/// What an entry says besides its quantity.
pub(crate) struct Entry<'a> {
    /// The item.
    pub material: MaterialId,
    /// Its date.
    pub on_date: NaiveDate,
    /// Its kind.
    pub kind: EntryKind,
    /// Its document (ใบตรวจรับ, requisition no., adjustment reference).
    pub document_no: &'a str,
    /// The vendor or division as printed.
    pub party: &'a str,
    /// The division it went to.
    pub division_id: Option<DivisionId>,
    /// The receipt it belongs to.
    pub receipt_id: Option<MaterialReceiptId>,
    /// An adjustment's reason.
    pub reason: &'a str,
}

/// Where errors point: the input fields of this entry's quantity and date.
pub(crate) struct Fields<'a> {
    /// e.g. `lines[2].quantity`.
    pub quantity: &'a str,
    /// e.g. `lines[2].unitPrice` (what comes in only).
    pub unit_price: &'a str,
    /// e.g. `receivedOn`.
    pub date: &'a str,
}

/// What writing an entry needs to know about the item.
struct Card {
    code: String,
    unit: String,
    divisible: bool,
    active: bool,
    balance: Quantity,
    balance_value: Satang,
    last_entry_on: Option<NaiveDate>,
}

fn card(change: &Change<'_>, id: MaterialId) -> Result<Card> {
    use rusqlite::OptionalExtension;
    change
        .query_row(
            "SELECT code, unit, divisible, active, balance, balance_value, last_entry_on
             FROM materials WHERE id = ?1",
            [id],
            |r| {
                Ok(Card {
                    code: r.get(0)?,
                    unit: r.get(1)?,
                    divisible: r.get(2)?,
                    active: r.get(3)?,
                    balance: r.get(4)?,
                    balance_value: r.get(5)?,
                    last_entry_on: r.get(6)?,
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::not_found("material", id.0))
}

/// Checks the entry's date against today, the closed period and the card's last entry.
fn check_date(change: &Change<'_>, card: &Card, on_date: NaiveDate, field: &str) -> Result<()> {
    if on_date > change.today() {
        return Err(Error::invalid(field, "is after today"));
    }
    if let Some(closed) = closed_through(change)?
        && on_date <= closed
    {
        return Err(Error::PeriodClosed {
            closed_through: closed,
        });
    }
    if let Some(last) = card.last_entry_on
        && on_date < last
    {
        return Err(Error::invalid(
            field,
            format!("is before the card's last entry, on {last}"),
        ));
    }
    Ok(())
}

/// Writes the entry row and the item's new balance.
fn write(
    change: &Change<'_>,
    entry: &Entry<'_>,
    quantity: Quantity,
    value: Satang,
    after: (Quantity, Satang),
) -> Result<MaterialEntryId> {
    change.execute(
        "INSERT INTO material_entries (material_id, on_date, kind, document_no, party, division_id,
                                       receipt_id, reason, quantity, value, balance, balance_value,
                                       created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            entry.material,
            entry.on_date,
            entry.kind,
            entry.document_no,
            entry.party,
            entry.division_id,
            entry.receipt_id,
            entry.reason,
            quantity,
            value,
            after.0,
            after.1,
            change.stamp(),
            change.actor.user_id
        ],
    )?;
    let id = MaterialEntryId(change.last_insert_rowid());
    change.execute(
        "UPDATE materials SET balance = ?2, balance_value = ?3, last_entry_on = ?4 WHERE id = ?1",
        params![entry.material, after.0, after.1, entry.on_date],
    )?;
    Ok(id)
}

/// Brings `quantity` in at `unit_price` a unit as a new cost lot.
pub(crate) fn put_in(
    change: &Change<'_>,
    entry: &Entry<'_>,
    quantity: Quantity,
    unit_price: Satang,
    fields: &Fields<'_>,
) -> Result<MaterialEntryId> {
    let card = card(change, entry.material)?;
    let quantity = quantity.check(fields.quantity, card.divisible)?;
    if unit_price.0 < 0 {
        return Err(Error::invalid(fields.unit_price, "must not be negative"));
    }
    check_date(change, &card, entry.on_date, fields.date)?;
    let value = quantity.value_at(unit_price);
    let after = (
        Quantity(card.balance.0 + quantity.0),
        Satang(card.balance_value.0 + value.0),
    );
    let id = write(change, entry, quantity, value, after)?;
    change.execute(
        "INSERT INTO material_lots (material_id, entry_id, received_on, unit_price, quantity,
                                    remaining, remaining_value)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
        params![
            entry.material,
            id,
            entry.on_date,
            unit_price,
            quantity,
            value
        ],
    )?;
    Ok(id)
}

/// Takes `quantity` out, oldest lots first. Refused beyond the balance, naming the item
/// and what it holds. Returns the entry and the portions it took.
pub(crate) fn take_out(
    change: &Change<'_>,
    entry: &Entry<'_>,
    quantity: Quantity,
    fields: &Fields<'_>,
) -> Result<(MaterialEntryId, Vec<LotPortion>)> {
    let card = card(change, entry.material)?;
    let quantity = quantity.check(fields.quantity, card.divisible)?;
    if !card.active && entry.kind == EntryKind::Issue {
        return Err(Error::invalid(
            fields.quantity,
            "the item is no longer in use",
        ));
    }
    check_date(change, &card, entry.on_date, fields.date)?;
    if quantity > card.balance {
        return Err(Error::NotEnoughStock {
            material_code: card.code,
            available: card.balance.to_string(),
            unit: card.unit,
        });
    }
    let mut portions = Vec::new();
    let mut wanted = quantity.0;
    {
        let mut lots = change.prepare_cached(
            "SELECT id, unit_price, remaining, remaining_value FROM material_lots
             WHERE material_id = ?1 AND remaining > 0 ORDER BY received_on, id",
        )?;
        let mut rows = lots.query([entry.material])?;
        while wanted > 0 {
            let Some(row) = rows.next()? else {
                return Err(Error::Internal(format!(
                    "the lots of material {} hold less than its balance",
                    entry.material.0
                )));
            };
            let (lot, unit_price, remaining, remaining_value): (i64, Satang, i64, Satang) =
                (row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?);
            let taken = wanted.min(remaining);
            let value = if taken == remaining {
                remaining_value
            } else {
                Quantity(taken).value_at(unit_price)
            };
            portions.push((
                lot,
                LotPortion {
                    quantity: Quantity(taken),
                    unit_price,
                    value,
                },
            ));
            wanted -= taken;
        }
    }
    let value: i64 = portions.iter().map(|(_, p)| p.value.0).sum();
    let after = (
        Quantity(card.balance.0 - quantity.0),
        Satang(card.balance_value.0 - value),
    );
    let id = write(change, entry, Quantity(-quantity.0), Satang(-value), after)?;
    for (lot, portion) in &portions {
        change.execute(
            "UPDATE material_lots SET remaining = remaining - ?2,
                    remaining_value = remaining_value - ?3
             WHERE id = ?1",
            params![lot, portion.quantity, portion.value],
        )?;
        change.execute(
            "INSERT INTO material_entry_lots (entry_id, lot_id, quantity, unit_price, value)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, lot, portion.quantity, portion.unit_price, portion.value],
        )?;
    }
    Ok((id, portions.into_iter().map(|(_, p)| p).collect()))
}
