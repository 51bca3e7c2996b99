//! The annual check's count of the materials (ข้อ ๒๑๓): when an annual round counts its
//! materials, every item in use gets a line with its book balance at the end of the round's
//! as-of day (30 September); the committee keys (or scans) what it counts; a blind count
//! hides the book balance until the round closes. After the round closes the supplies
//! officer applies each difference as a count adjustment, once.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::entries::{self, Adjustment, AdjustmentReason};
use super::quantity::Quantity;
use crate::audit::Event;
use crate::auth::Permission;
use crate::checks::{RoundKind, RoundStatus, store};
use crate::error::{Error, Result};
use crate::ids::{MaterialId, RoundId};
use crate::money::Satang;
use crate::register::{Actor, Register};

/// Starting the materials count of an annual round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MaterialCountStart {
    /// The annual round.
    pub round_id: RoundId,
    /// Hide the book balance from the sheet and the screen until the round closes.
    pub blind: bool,
}

/// What the committee counted of one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MaterialCountInput {
    /// The round.
    pub round_id: RoundId,
    /// The item.
    pub material_id: MaterialId,
    /// How much is there (0 if none).
    pub counted: Quantity,
}

/// One item of the count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MaterialCountLine {
    /// The item.
    pub material_id: MaterialId,
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its unit.
    pub unit: String,
    /// Its store.
    pub store: Option<String>,
    /// The book balance (hidden in a blind count until the round closes).
    pub book: Option<Quantity>,
    /// What was counted.
    pub counted: Option<Quantity>,
    /// Counted less book (hidden with the book).
    pub difference: Option<Quantity>,
    /// The book's average price a unit.
    pub unit_price: Satang,
    /// The book's value (hidden with the book).
    pub book_value: Option<Satang>,
    /// Whether its difference has been applied to the card.
    pub applied: bool,
}

impl MaterialCountLine {
    /// What the line is worth in the บัญชีวัสดุคงเหลือ: what was counted at the book's
    /// average price; the book's own value when the count agrees with it or nothing was
    /// counted yet (so an agreeing count adds up to the cards to the satang).
    pub fn value(&self) -> Satang {
        match self.counted {
            Some(c) if Some(c) == self.book => self.book_value.unwrap_or_default(),
            Some(c) => c.value_at(self.unit_price),
            None => self.book_value.unwrap_or_default(),
        }
    }
}

/// A round's materials count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MaterialCount {
    /// The round.
    pub round_id: RoundId,
    /// Whether the book is hidden while counting.
    pub blind: bool,
    /// Whether the book is hidden now.
    pub hidden: bool,
    /// The lines, in code order.
    pub lines: Vec<MaterialCountLine>,
    /// Lines counted so far.
    pub counted: u32,
}

fn average(value: i64, quantity: i64) -> Satang {
    if quantity > 0 {
        Satang((value * 1000 + quantity / 2) / quantity)
    } else {
        Satang(0)
    }
}

/// The count of `round`, as `hidden` allows (read inside the caller's transaction).
pub(crate) fn load(
    conn: &rusqlite::Connection,
    round: RoundId,
    status: RoundStatus,
) -> Result<Option<MaterialCount>> {
    let blind: Option<bool> = conn
        .query_row(
            "SELECT blind FROM material_count_rounds WHERE round_id = ?1",
            [round],
            |r| r.get(0),
        )
        .optional()?;
    let Some(blind) = blind else {
        return Ok(None);
    };
    let hidden = blind && status != RoundStatus::Closed;
    let mut stmt = conn.prepare_cached(
        "SELECT c.material_id, m.code, m.name, m.unit, l.name, c.book, c.book_value, c.counted,
                c.adjustment_entry_id IS NOT NULL
         FROM material_counts c JOIN materials m ON m.id = c.material_id
         LEFT JOIN locations l ON l.id = m.location_id
         WHERE c.round_id = ?1 ORDER BY m.code_key",
    )?;
    let lines = stmt
        .query_map([round], |r| {
            let book: Quantity = r.get(5)?;
            let value: i64 = r.get(6)?;
            let counted: Option<Quantity> = r.get(7)?;
            Ok(MaterialCountLine {
                material_id: r.get(0)?,
                code: r.get(1)?,
                name: r.get(2)?,
                unit: r.get(3)?,
                store: r.get(4)?,
                book: (!hidden).then_some(book),
                counted,
                difference: counted.filter(|_| !hidden).map(|c| Quantity(c.0 - book.0)),
                unit_price: average(value, book.0),
                book_value: (!hidden).then_some(Satang(value)),
                applied: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let counted =
        u32::try_from(lines.iter().filter(|l| l.counted.is_some()).count()).unwrap_or(u32::MAX);
    Ok(Some(MaterialCount {
        round_id: round,
        blind,
        hidden,
        lines,
        counted,
    }))
}

impl Register {
    /// Starts the materials count of an annual round: a line for every item in use with
    /// its book balance at the end of the round's as-of day.
    pub fn start_material_count(
        &self,
        actor: &Actor,
        input: &MaterialCountStart,
    ) -> Result<MaterialCount> {
        self.change(actor, Some(Permission::ManageChecks), |change| {
            let round = store::load_round(change, input.round_id, &change.actor)?;
            if round.kind != RoundKind::Annual {
                return Err(Error::invalid("roundId", "only the annual check counts the materials"));
            }
            if round.status == RoundStatus::Closed {
                return Err(Error::RoundState {
                    status: round.status.as_str(),
                    needs: "open",
                });
            }
            let started: bool = change.query_row(
                "SELECT EXISTS (SELECT 1 FROM material_count_rounds WHERE round_id = ?1)",
                [input.round_id],
                |r| r.get(0),
            )?;
            if started {
                return Err(Error::invalid("roundId", "its materials count has already started"));
            }
            change.execute(
                "INSERT INTO material_count_rounds (round_id, blind, started_at) VALUES (?1, ?2, ?3)",
                params![input.round_id, input.blind, change.stamp()],
            )?;
            for b in super::card::balances_at(change, round.as_of)? {
                let active: bool = change.query_row("SELECT active FROM materials WHERE id = ?1", [b.material_id], |r| r.get(0))?;
                if active || b.balance.0 > 0 {
                    change.execute(
                        "INSERT INTO material_counts (round_id, material_id, book, book_value) VALUES (?1, ?2, ?3, ?4)",
                        params![input.round_id, b.material_id, b.balance, b.value],
                    )?;
                }
            }
            let count = load(change, input.round_id, round.status)?
                .ok_or_else(|| Error::Internal("the materials count vanished".into()))?;
            change.record(
                Event::new("material.count_start", "check_round", input.round_id.0)
                    .after(&serde_json::json!({ "blind": input.blind, "lines": count.lines.len() })),
            )?;
            Ok(count)
        })
    }

    /// Records what the committee counted of one item (a member of the open round).
    pub fn count_material(
        &self,
        actor: &Actor,
        input: &MaterialCountInput,
    ) -> Result<MaterialCountLine> {
        self.change(actor, None, |change| {
            let round = store::load_round_for_counting(change, input.round_id, &change.actor)?;
            let divisible: Option<bool> = change
                .query_row(
                    "SELECT m.divisible FROM material_counts c JOIN materials m ON m.id = c.material_id
                     WHERE c.round_id = ?1 AND c.material_id = ?2",
                    params![input.round_id, input.material_id],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(divisible) = divisible else {
                return Err(Error::invalid("materialId", "not on this round's materials count"));
            };
            if input.counted.0 < 0 || (!divisible && !input.counted.is_whole()) {
                return Err(Error::invalid("counted", "a whole number of units, not negative"));
            }
            let by = crate::checks::counting::counter_name(change)?;
            change.execute(
                "UPDATE material_counts SET counted = ?3, counted_by = ?4, counted_at = ?5
                 WHERE round_id = ?1 AND material_id = ?2",
                params![input.round_id, input.material_id, input.counted, by, change.stamp()],
            )?;
            change.record(Event::new("material.count", "check_round", input.round_id.0).after(input))?;
            let count = load(change, input.round_id, round.status)?
                .ok_or_else(|| Error::Internal("the materials count vanished".into()))?;
            count
                .lines
                .into_iter()
                .find(|l| l.material_id == input.material_id)
                .ok_or_else(|| Error::Internal("the counted line vanished".into()))
        })
    }

    /// A round's materials count (none if it does not count materials).
    pub fn material_count(&self, actor: &Actor, round: RoundId) -> Result<Option<MaterialCount>> {
        self.read(actor, Some(Permission::ViewRegister), |conn, info| {
            let loaded = store::load_round(conn, round, info)?;
            load(conn, round, loaded.status)
        })
    }

    /// Applies every counted difference of a closed round to the cards, once each, as a
    /// count adjustment dated today with the round as its reference. Returns how many.
    pub fn apply_material_count(&self, actor: &Actor, round: RoundId) -> Result<u32> {
        self.change(actor, Some(Permission::ManageMaterials), |change| {
            let loaded = store::load_round(change, round, &change.actor)?;
            store::require_status(&loaded, RoundStatus::Closed)?;
            let count = load(change, round, loaded.status)?
                .ok_or_else(|| Error::invalid("roundId", "this round does not count materials"))?;
            let mut applied = 0;
            for line in count.lines.iter().filter(|l| !l.applied) {
                let (Some(difference), Some(counted)) = (line.difference, line.counted) else {
                    continue;
                };
                if difference.0 == 0 {
                    continue;
                }
                let written = entries::adjust(
                    change,
                    &Adjustment {
                        material_id: line.material_id,
                        on_date: change.today(),
                        increase: difference.0 > 0,
                        quantity: Quantity(difference.0.abs()),
                        unit_price: line.unit_price,
                        reason: AdjustmentReason::CountDifference,
                        document_no: loaded.name.chars().take(60).collect(),
                        explanation: format!(
                            "ตามบัญชี {} ตรวจนับได้ {counted} {}",
                            line.book.unwrap_or(Quantity(0)),
                            line.unit
                        ),
                    },
                )?;
                change.execute(
                    "UPDATE material_counts SET adjustment_entry_id = ?3 WHERE round_id = ?1 AND material_id = ?2",
                    params![round, line.material_id, written.entry_id],
                )?;
                applied += 1;
            }
            change.record(
                Event::new("material.count_apply", "check_round", round.0)
                    .after(&serde_json::json!({ "applied": applied })),
            )?;
            Ok(applied)
        })
    }
}
