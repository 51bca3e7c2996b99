//! What came in and went out over a span of days, item by item (รายงานการรับ-จ่ายวัสดุ):
//! the monthly summary offices send to the head of supplies, and the year's receipts and
//! issues the annual committee checks.
//!
//! Each line reads: carried forward + received − issued ± adjusted = what remains. The
//! carried-forward balance and what remains come from the card's running balance (one index
//! step per item); the middle columns from the span's entries. An opening balance entered
//! within the span is carried forward, not received: it is what the item had when its card
//! began, not a delivery.

use chrono::NaiveDate;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::quantity::Quantity;
use crate::auth::Permission;
use crate::error::{Error, Result};
use crate::ids::{MaterialId, MaterialTypeId};
use crate::money::Satang;
use crate::register::{Actor, Register};

/// Which days, and optionally which type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MovementQuery {
    /// The first day.
    pub from: NaiveDate,
    /// The last day (included).
    pub to: NaiveDate,
    /// Only this type.
    pub type_id: Option<MaterialTypeId>,
}

/// A quantity with its value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Amount {
    /// How much.
    pub quantity: Quantity,
    /// Worth (FIFO).
    pub value: Satang,
}

impl Amount {
    fn add(&mut self, other: Amount) {
        self.quantity = Quantity(self.quantity.0 + other.quantity.0);
        self.value = Satang(self.value.0 + other.value.0);
    }
}

/// One item's movements over the span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MovementLine {
    /// The item.
    pub material_id: MaterialId,
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its unit.
    pub unit: String,
    /// Its type's name.
    pub type_name: String,
    /// Carried forward: the balance at the end of the day before the span, with any
    /// opening balance entered within it.
    pub carried: Amount,
    /// Received (deliveries, and loans coming back in kind).
    pub received: Amount,
    /// Issued (to divisions, and lent to agencies), as a positive amount.
    pub issued: Amount,
    /// Adjusted: count differences, damage, expiry (signed).
    pub adjusted: Amount,
    /// What remains at the end of the span's last day.
    pub remaining: Amount,
    /// Entries within the span.
    pub entries: u32,
}

/// The totals of a summary, in baht (quantities of different units do not add).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MovementTotals {
    /// Carried forward.
    pub carried: Satang,
    /// Received.
    pub received: Satang,
    /// Issued.
    pub issued: Satang,
    /// Adjusted (signed).
    pub adjusted: Satang,
    /// Remaining.
    pub remaining: Satang,
}

/// Every item that had stock or a movement over the span, by type then code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MovementSummary {
    /// The first day.
    pub from: NaiveDate,
    /// The last day.
    pub to: NaiveDate,
    /// The lines.
    pub lines: Vec<MovementLine>,
    /// The totals in baht.
    pub totals: MovementTotals,
}

/// A span longer than this is refused (a fiscal year and a little).
const MAX_DAYS: i64 = 400;

impl Register {
    /// What each item received, issued and adjusted from `query.from` to `query.to`, with
    /// what it carried forward and what remained.
    pub fn material_movements(
        &self,
        actor: &Actor,
        query: &MovementQuery,
    ) -> Result<MovementSummary> {
        if query.to < query.from {
            return Err(Error::invalid("to", "is before the first day"));
        }
        if (query.to - query.from).num_days() > MAX_DAYS {
            return Err(Error::invalid(
                "to",
                format!("a summary covers at most {MAX_DAYS} days"),
            ));
        }
        if query.to > self.clock().today() {
            return Err(Error::invalid("to", "is in the future"));
        }
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            movements(conn, query)
        })
    }
}

/// The summary, read inside the caller's transaction.
pub(crate) fn movements(
    conn: &rusqlite::Connection,
    query: &MovementQuery,
) -> Result<MovementSummary> {
    // Per item: the last balance before the span, the span's entries by kind, and the last
    // balance by its end. Each is an index step on (material_id, on_date, id).
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, m.code, m.name, m.unit, t.name,
                ifnull(b.balance, 0), ifnull(b.balance_value, 0),
                ifnull(s.opening_q, 0), ifnull(s.opening_v, 0),
                ifnull(s.in_q, 0), ifnull(s.in_v, 0),
                ifnull(s.out_q, 0), ifnull(s.out_v, 0),
                ifnull(s.adj_q, 0), ifnull(s.adj_v, 0),
                ifnull(e.balance, 0), ifnull(e.balance_value, 0), ifnull(s.n, 0)
         FROM materials m JOIN material_types t ON t.id = m.type_id
         LEFT JOIN material_entries b ON b.id = (
             SELECT x.id FROM material_entries x WHERE x.material_id = m.id AND x.on_date < ?1
             ORDER BY x.on_date DESC, x.id DESC LIMIT 1)
         LEFT JOIN material_entries e ON e.id = (
             SELECT x.id FROM material_entries x WHERE x.material_id = m.id AND x.on_date <= ?2
             ORDER BY x.on_date DESC, x.id DESC LIMIT 1)
         LEFT JOIN (
             SELECT material_id,
                    sum(quantity) FILTER (WHERE kind = 'opening') AS opening_q,
                    sum(value) FILTER (WHERE kind = 'opening') AS opening_v,
                    sum(quantity) FILTER (WHERE kind = 'receipt') AS in_q,
                    sum(value) FILTER (WHERE kind = 'receipt') AS in_v,
                    -sum(quantity) FILTER (WHERE kind = 'issue') AS out_q,
                    -sum(value) FILTER (WHERE kind = 'issue') AS out_v,
                    sum(quantity) FILTER (WHERE kind IN ('adjust_in', 'adjust_out')) AS adj_q,
                    sum(value) FILTER (WHERE kind IN ('adjust_in', 'adjust_out')) AS adj_v,
                    count(*) AS n
             FROM material_entries WHERE on_date BETWEEN ?1 AND ?2 GROUP BY material_id
         ) s ON s.material_id = m.id
         WHERE (?3 IS NULL OR m.type_id = ?3)
         ORDER BY t.name, m.code_key",
    )?;
    let amount = |r: &rusqlite::Row<'_>, q: usize| -> rusqlite::Result<Amount> {
        Ok(Amount {
            quantity: Quantity(r.get(q)?),
            value: Satang(r.get(q + 1)?),
        })
    };
    let rows = stmt.query_map(params![query.from, query.to, query.type_id], |r| {
        let mut carried = amount(r, 5)?;
        carried.add(amount(r, 7)?);
        Ok(MovementLine {
            material_id: r.get(0)?,
            code: r.get(1)?,
            name: r.get(2)?,
            unit: r.get(3)?,
            type_name: r.get(4)?,
            carried,
            received: amount(r, 9)?,
            issued: amount(r, 11)?,
            adjusted: amount(r, 13)?,
            remaining: amount(r, 15)?,
            entries: r.get(17)?,
        })
    })?;
    let mut lines = Vec::new();
    let mut totals = MovementTotals::default();
    for line in rows {
        let line = line?;
        // An item with nothing on hand and nothing moving has no line to show.
        if line.entries == 0 && line.carried.quantity.0 == 0 && line.remaining.quantity.0 == 0 {
            continue;
        }
        totals.carried = Satang(totals.carried.0 + line.carried.value.0);
        totals.received = Satang(totals.received.0 + line.received.value.0);
        totals.issued = Satang(totals.issued.0 + line.issued.value.0);
        totals.adjusted = Satang(totals.adjusted.0 + line.adjusted.value.0);
        totals.remaining = Satang(totals.remaining.0 + line.remaining.value.0);
        lines.push(line);
    }
    Ok(MovementSummary {
        from: query.from,
        to: query.to,
        lines,
        totals,
    })
}
