//! Reading the cards: one item's stock card (บัญชีวัสดุ) over a span of dates, and the
//! balance of every item at a date (บัญชีวัสดุคงเหลือ).
//!
//! Every entry keeps the balance after it, and entries go in date order, so an item's
//! balance at a date is its last entry on or before that date: one index step per item,
//! never a replay of its history.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::catalogue::{self, Material};
use super::quantity::Quantity;
use super::{EntryKind, LotPortion};
use crate::auth::Permission;
use crate::error::Result;
use crate::ids::{DivisionId, MaterialEntryId, MaterialId, MaterialTypeId};
use crate::money::Satang;
use crate::register::{Actor, Register};

/// One line of a stock card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CardEntry {
    /// Its id.
    pub id: MaterialEntryId,
    /// Its date.
    pub on_date: NaiveDate,
    /// Receipt, issue, opening or adjustment.
    pub kind: EntryKind,
    /// The document.
    pub document_no: String,
    /// The vendor or the division.
    pub party: String,
    /// The division it went to.
    pub division_id: Option<DivisionId>,
    /// An adjustment's reason.
    pub reason: String,
    /// How much came in or went out (in > 0, out < 0).
    pub quantity: Quantity,
    /// Its value (in > 0, out < 0).
    pub value: Satang,
    /// What came in at which price, or which lots went out at which prices.
    pub portions: Vec<LotPortion>,
    /// The balance after it.
    pub balance: Quantity,
    /// The balance's value after it.
    pub balance_value: Satang,
}

/// An item's stock card over a span of dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StockCard {
    /// The item.
    pub material: Material,
    /// Carried forward: the balance before the span's first day.
    pub opening: Quantity,
    /// Its value.
    pub opening_value: Satang,
    /// The entries of the span, in order.
    pub entries: Vec<CardEntry>,
}

/// An item's balance at a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MaterialBalance {
    /// The item.
    pub material_id: MaterialId,
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its unit.
    pub unit: String,
    /// Its type.
    pub type_id: MaterialTypeId,
    /// On hand at the end of the day.
    pub balance: Quantity,
    /// Its value by FIFO.
    pub value: Satang,
}

impl Register {
    /// `material`'s card from `from` to `to` (both included), with the balance carried
    /// forward from before `from`.
    pub fn stock_card(
        &self,
        actor: &Actor,
        material: MaterialId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<StockCard> {
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            let material = catalogue::load(conn, material)?;
            let (opening, opening_value) = conn
                .query_row(
                    "SELECT balance, balance_value FROM material_entries
                     WHERE material_id = ?1 AND on_date < ?2 ORDER BY on_date DESC, id DESC LIMIT 1",
                    params![material.id, from],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .or_else(|e| match e {
                    rusqlite::Error::QueryReturnedNoRows => Ok((Quantity(0), Satang(0))),
                    e => Err(e),
                })?;
            let mut portions = portions_of(conn, material.id, from, to)?;
            let mut stmt = conn.prepare_cached(
                "SELECT e.id, e.on_date, e.kind, e.document_no, e.party, e.division_id, e.reason,
                        e.quantity, e.value, e.balance, e.balance_value, l.unit_price
                 FROM material_entries e LEFT JOIN material_lots l ON l.entry_id = e.id
                 WHERE e.material_id = ?1 AND e.on_date BETWEEN ?2 AND ?3
                 ORDER BY e.on_date, e.id",
            )?;
            let entries = stmt
                .query_map(params![material.id, from, to], |r| {
                    let id: MaterialEntryId = r.get(0)?;
                    let quantity: Quantity = r.get(7)?;
                    let value: Satang = r.get(8)?;
                    // What came in is the lot it made, at its price; what went out lists
                    // the lots it took.
                    let lot_price: Option<Satang> = r.get(11)?;
                    let portions = match lot_price {
                        Some(unit_price) => vec![LotPortion {
                            quantity,
                            unit_price,
                            value,
                        }],
                        None => portions.remove(&id).unwrap_or_default(),
                    };
                    Ok(CardEntry {
                        id,
                        on_date: r.get(1)?,
                        kind: r.get(2)?,
                        document_no: r.get(3)?,
                        party: r.get(4)?,
                        division_id: r.get(5)?,
                        reason: r.get(6)?,
                        quantity,
                        value,
                        portions,
                        balance: r.get(9)?,
                        balance_value: r.get(10)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(StockCard {
                material,
                opening,
                opening_value,
                entries,
            })
        })
    }

    /// Every item's balance at the end of `on`, in code order (items with no entry by
    /// then show zero).
    pub fn material_balances(&self, actor: &Actor, on: NaiveDate) -> Result<Vec<MaterialBalance>> {
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            balances_at(conn, on)
        })
    }
}

/// Every item's balance at the end of `on`, read inside the caller's transaction.
pub(crate) fn balances_at(
    conn: &rusqlite::Connection,
    on: NaiveDate,
) -> Result<Vec<MaterialBalance>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, m.code, m.name, m.unit, m.type_id,
                coalesce(e.balance, 0), coalesce(e.balance_value, 0)
         FROM materials m
         LEFT JOIN material_entries e ON e.id = (
             SELECT x.id FROM material_entries x
             WHERE x.material_id = m.id AND x.on_date <= ?1
             ORDER BY x.on_date DESC, x.id DESC LIMIT 1)
         ORDER BY m.code_key",
    )?;
    let rows = stmt.query_map([on], |r| {
        Ok(MaterialBalance {
            material_id: r.get(0)?,
            code: r.get(1)?,
            name: r.get(2)?,
            unit: r.get(3)?,
            type_id: r.get(4)?,
            balance: r.get(5)?,
            value: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The lots each outgoing entry of the span took, by entry.
fn portions_of(
    conn: &rusqlite::Connection,
    material: MaterialId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<HashMap<MaterialEntryId, Vec<LotPortion>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.entry_id, p.quantity, p.unit_price, p.value
         FROM material_entries e JOIN material_entry_lots p ON p.entry_id = e.id
         JOIN material_lots l ON l.id = p.lot_id
         WHERE e.material_id = ?1 AND e.on_date BETWEEN ?2 AND ?3
         ORDER BY p.entry_id, l.received_on, l.id",
    )?;
    let mut by_entry: HashMap<MaterialEntryId, Vec<LotPortion>> = HashMap::new();
    let rows = stmt.query_map(params![material, from, to], |r| {
        Ok((
            r.get::<_, MaterialEntryId>(0)?,
            LotPortion {
                quantity: Quantity(-r.get::<_, i64>(1)?),
                unit_price: r.get(2)?,
                value: Satang(-r.get::<_, i64>(3)?),
            },
        ))
    })?;
    for row in rows {
        let (entry, portion) = row?;
        by_entry.entry(entry).or_default().push(portion);
    }
    Ok(by_entry)
}
