//! The annual check's report (forms.md §5) as data: the summary counts, the balances by
//! category against the register (บัญชีครุภัณฑ์คงเหลือ), and the items found damaged,
//! deteriorated, lost or no longer needed (บัญชีพัสดุชำรุด เสื่อมสภาพ สูญไป หรือไม่จำเป็นต้องใช้);
//! and form 7's per-division summary of a fiscal year's periodic checks.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::views::{Progress, progress_of};
use super::{CheckRound, Condition, RoundKind, RoundStatus, store};
use crate::assets::depreciation::Depreciable;
use crate::auth::Permission;
use crate::error::Result;
use crate::ids::{AssetId, RoundId};
use crate::money::Satang;
use crate::register::{Actor, Register};

/// One category's balance: as the register has it, and as counted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CategoryBalance {
    /// Its type code (empty for the total).
    pub type_code: String,
    /// Its name ("รวมทั้งสิ้น" for the total).
    pub category_name: String,
    /// Items on the register's list.
    pub register: u32,
    /// Items counted (found, found elsewhere, out on a loan, or found beyond the list).
    pub counted: u32,
    /// Not found.
    pub short: u32,
    /// Found but not on the list: items of the register outside it (by their category), or
    /// not in the register at all (a row of their own).
    pub over: u32,
    /// Items found in a condition other than in use.
    pub not_in_use: u32,
    /// The register's value (cost) of the listed items.
    pub register_value: Satang,
    /// The cost of the items counted.
    pub counted_value: Satang,
}

/// One item of the list of findings (c).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FindingLine {
    /// The item (to open a fact-finding or propose its disposal from the report).
    pub asset_id: AssetId,
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Category.
    pub category_name: String,
    /// Acquired.
    pub acquired_on: NaiveDate,
    /// Cost.
    pub cost: Satang,
    /// Net book value at the end of the period (30 September).
    pub net_book_value: Satang,
    /// Its condition: damaged, deteriorated, lost (or not found), not needed.
    pub condition: Condition,
    /// Whether it was not found at all.
    pub not_found: bool,
    /// The cause, as the checker noted it.
    pub cause: String,
    /// What the committee proposes (ซ่อม, จำหน่าย, สอบหาข้อเท็จจริง).
    pub proposal: String,
}

/// The materials received and issued over the period a round checks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MaterialsYear {
    /// Receipt lines entered.
    pub receipts: u32,
    /// Their value.
    pub received: Satang,
    /// Issue lines entered.
    pub issues: u32,
    /// Their value (FIFO).
    pub issued: Satang,
}

/// Everything the annual report prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AnnualReport {
    /// The round (committee, order, period, dates).
    pub round: CheckRound,
    /// The day values are taken at (30 September of the year checked, or the as-of day).
    pub valued_on: NaiveDate,
    /// Balances by category, and the total last.
    pub balances: Vec<CategoryBalance>,
    /// Items damaged, deteriorated, lost or no longer needed.
    pub findings: Vec<FindingLine>,
    /// How many of each.
    pub damaged: u32,
    /// Deteriorated.
    pub deteriorated: u32,
    /// Lost or not found.
    pub lost: u32,
    /// Not needed.
    pub not_needed: u32,
    /// Whether every listed item was accounted for and nothing turned up beyond the list.
    pub balances_match: bool,
    /// The materials count, when the round counts materials (its บัญชีวัสดุคงเหลือ).
    pub materials: Option<crate::materials::count::MaterialCount>,
    /// The materials received and issued over the period checked.
    pub materials_year: MaterialsYear,
}

/// One division's share of a periodic round, for form 7.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PeriodicSummaryRow {
    /// The division.
    pub division_name: String,
    /// The round.
    pub round_id: RoundId,
    /// Its name.
    pub round_name: String,
    /// Counting began.
    pub starts_on: NaiveDate,
    /// Counting ended.
    pub ends_on: NaiveDate,
    /// Open or closed.
    pub status: RoundStatus,
    /// The checkers' names.
    pub checkers: String,
    /// Counts for the division.
    pub progress: Progress,
}

/// Form 7: each division's periodic checks in a fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PeriodicSummary {
    /// The fiscal year (B.E.).
    pub fiscal_year: i32,
    /// One row per division and round, by division then date.
    pub rows: Vec<PeriodicSummaryRow>,
}

/// What the committee proposes for an item found in `condition`.
fn proposal_for(condition: Condition, not_found: bool) -> &'static str {
    match (condition, not_found) {
        (_, true) | (Condition::Lost, _) => "สอบหาข้อเท็จจริง (ข้อ 214)",
        (Condition::Damaged, _) => "ซ่อมแซม",
        (Condition::Deteriorated | Condition::NotNeeded, _) => "จำหน่าย",
        (Condition::InUse, _) => "",
    }
}

impl Register {
    /// The annual (or any) round's report: balances by category and the findings.
    pub fn check_report(&self, actor: &Actor, id: RoundId) -> Result<AnnualReport> {
        self.read(actor, Some(Permission::ViewRegister), |conn, info| {
            let mut round = store::load_round(conn, id, info)?;
            round.progress = progress_of(conn, id)?;
            let valued_on = round.period_to.unwrap_or(round.as_of);
            let basis = crate::assets::settings::load(conn)?.depreciation_basis;
            let mut stmt = conn.prepare(
                "SELECT c.type_code, c.name, g.register, g.counted, g.short, g.not_in_use,
                        g.register_value, g.counted_value
                 FROM (SELECT a.category_id, count(*) AS register,
                              count(*) FILTER (WHERE k.result IN ('found', 'found_elsewhere', 'on_loan')) AS counted,
                              count(*) FILTER (WHERE k.result = 'not_found') AS short,
                              count(*) FILTER (WHERE k.condition IS NOT NULL AND k.condition <> 'in_use') AS not_in_use,
                              sum(a.unit_price) AS register_value,
                              sum(a.unit_price) FILTER (WHERE k.result IN ('found', 'found_elsewhere', 'on_loan')) AS counted_value
                       FROM check_lines k JOIN assets a ON a.id = k.asset_id
                       WHERE k.round_id = ?1 GROUP BY a.category_id) g
                 JOIN categories c ON c.id = g.category_id",
            )?;
            let mut balances: Vec<CategoryBalance> = stmt
                .query_map([id], |r| {
                    Ok(CategoryBalance {
                        type_code: r.get(0)?,
                        category_name: r.get(1)?,
                        register: r.get(2)?,
                        counted: r.get(3)?,
                        short: r.get(4)?,
                        not_in_use: r.get(5)?,
                        register_value: Satang(r.get::<_, Option<i64>>(6)?.unwrap_or(0)),
                        counted_value: Satang(r.get::<_, Option<i64>>(7)?.unwrap_or(0)),
                        over: 0,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            // Items found beyond the list: by their category when the register has them,
            // on a row of their own when it does not. They count as counted, and over.
            let mut stmt = conn.prepare(
                "SELECT c.type_code, coalesce(c.name, 'ไม่มีในทะเบียน'), count(*),
                        coalesce(sum(a.unit_price), 0)
                 FROM check_unexpected u
                 LEFT JOIN assets a ON a.id = u.asset_id
                 LEFT JOIN categories c ON c.id = a.category_id
                 WHERE u.round_id = ?1 GROUP BY a.category_id",
            )?;
            let over: Vec<(Option<String>, String, u32, i64)> = stmt
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (type_code, name, count, value) in over {
                let row = match balances
                    .iter_mut()
                    .position(|b| type_code.as_deref() == Some(b.type_code.as_str()))
                {
                    Some(i) => &mut balances[i],
                    None => {
                        balances.push(CategoryBalance {
                            type_code: type_code.unwrap_or_default(),
                            category_name: name,
                            ..Default::default()
                        });
                        let last = balances.len() - 1;
                        &mut balances[last]
                    }
                };
                row.over += count;
                row.counted += count;
                row.counted_value = Satang(row.counted_value.0 + value);
            }
            // By type code; items not in the register last.
            balances.sort_by(|a, b| {
                (a.type_code.is_empty(), &a.type_code).cmp(&(b.type_code.is_empty(), &b.type_code))
            });
            let total = balances.iter().fold(
                CategoryBalance {
                    category_name: "รวมทั้งสิ้น".into(),
                    ..Default::default()
                },
                |mut sum, b| {
                    sum.register += b.register;
                    sum.counted += b.counted;
                    sum.short += b.short;
                    sum.over += b.over;
                    sum.not_in_use += b.not_in_use;
                    sum.register_value = Satang(sum.register_value.0 + b.register_value.0);
                    sum.counted_value = Satang(sum.counted_value.0 + b.counted_value.0);
                    sum
                },
            );
            let balances_match = total.short == 0 && total.over == 0;
            balances.push(total);
            let mut stmt = conn.prepare(
                "SELECT a.code, a.name, c.name, a.acquired_on, a.unit_price, a.useful_life_years,
                        coalesce(k.condition, 'lost'), k.result = 'not_found', k.note, a.id
                 FROM check_lines k
                 JOIN assets a ON a.id = k.asset_id
                 JOIN categories c ON c.id = a.category_id
                 WHERE k.round_id = ?1 AND (k.result = 'not_found'
                       OR (k.condition IS NOT NULL AND k.condition <> 'in_use'))
                 ORDER BY k.seq",
            )?;
            let findings: Vec<FindingLine> = stmt
                .query_map([id], |r| {
                    let acquired_on: NaiveDate = r.get(3)?;
                    let cost = Satang(r.get(4)?);
                    let item = Depreciable {
                        cost,
                        acquired_on,
                        useful_life_years: r.get(5)?,
                    };
                    let condition: Condition = r.get(6)?;
                    let not_found: bool = r.get(7)?;
                    Ok(FindingLine {
                        asset_id: r.get(9)?,
                        code: r.get(0)?,
                        name: r.get(1)?,
                        category_name: r.get(2)?,
                        acquired_on,
                        cost,
                        net_book_value: item.net_book_value_on(valued_on, basis),
                        condition: if not_found { Condition::Lost } else { condition },
                        not_found,
                        cause: r.get(8)?,
                        proposal: proposal_for(condition, not_found).to_owned(),
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            let count = |c: Condition| findings.iter().filter(|f| f.condition == c).count() as u32;
            let (from, to) = (
                round.period_from.unwrap_or(round.as_of),
                round.period_to.unwrap_or(round.as_of),
            );
            let materials_year = conn.query_row(
                "SELECT count(*) FILTER (WHERE kind = 'receipt'), ifnull(sum(value) FILTER (WHERE kind = 'receipt'), 0),
                        count(*) FILTER (WHERE kind = 'issue'), ifnull(-sum(value) FILTER (WHERE kind = 'issue'), 0)
                 FROM material_entries WHERE on_date BETWEEN ?1 AND ?2",
                rusqlite::params![from, to],
                |r| {
                    Ok(MaterialsYear {
                        receipts: r.get(0)?,
                        received: r.get(1)?,
                        issues: r.get(2)?,
                        issued: r.get(3)?,
                    })
                },
            )?;
            Ok(AnnualReport {
                materials: crate::materials::count::load(conn, id, round.status)?,
                materials_year,
                valued_on,
                balances,
                damaged: count(Condition::Damaged),
                deteriorated: count(Condition::Deteriorated),
                lost: count(Condition::Lost),
                not_needed: count(Condition::NotNeeded),
                findings,
                balances_match,
                round,
            })
        })
    }

    /// Form 7: each division's periodic checks in `fiscal_year`, with their counts.
    pub fn periodic_summary(&self, actor: &Actor, fiscal_year: i32) -> Result<PeriodicSummary> {
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            let mut stmt = conn.prepare(
                "SELECT coalesce(d.name, 'ไม่ระบุส่วนราชการ'), r.id, r.name, r.starts_on,
                        r.ends_on, r.status,
                        (SELECT group_concat(trim(p.title || p.first_name || ' ' || p.last_name), ', ' ORDER BY m.seq)
                         FROM check_members m JOIN people p ON p.id = m.person_id
                         WHERE m.round_id = r.id),
                        count(*), count(k.result), count(*) FILTER (WHERE k.result = 'found'),
                        count(*) FILTER (WHERE k.result = 'found_elsewhere'),
                        count(*) FILTER (WHERE k.result = 'not_found'),
                        count(*) FILTER (WHERE k.result = 'on_loan')
                 FROM check_rounds r JOIN check_lines k ON k.round_id = r.id
                 LEFT JOIN divisions d ON d.id = k.division_id
                 WHERE r.kind = ?1 AND r.fiscal_year = ?2 AND r.status <> 'draft'
                 GROUP BY r.id, k.division_id
                 ORDER BY k.division_id IS NULL, k.division_id, r.starts_on",
            )?;
            let rows = stmt
                .query_map(rusqlite::params![RoundKind::Periodic, fiscal_year], |r| {
                    Ok(PeriodicSummaryRow {
                        division_name: r.get(0)?,
                        round_id: r.get(1)?,
                        round_name: r.get(2)?,
                        starts_on: r.get(3)?,
                        ends_on: r.get(4)?,
                        status: r.get(5)?,
                        checkers: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
                        progress: Progress {
                            expected: r.get(7)?,
                            counted: r.get(8)?,
                            found: r.get(9)?,
                            found_elsewhere: r.get(10)?,
                            not_found: r.get(11)?,
                            on_loan: r.get(12)?,
                            unexpected: 0,
                        },
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            Ok(PeriodicSummary { fiscal_year, rows })
        })
    }
}
