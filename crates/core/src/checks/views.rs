//! What the check screens read: rounds with their progress, a round's lines page by page,
//! its progress per division and location, the items found that were not expected, the
//! recent scans, and an item's check history.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{CheckRound, Condition, CountMethod, LineResult, ScanOutcome, store};
use crate::assets::AssetStatus;
use crate::auth::Permission;
use crate::error::{Error, Result};
use crate::ids::{AssetId, DivisionId, LineId, LocationId, RoundId, ScanId, UnexpectedId};
use crate::register::{Actor, Register};

/// How far counting has got.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    /// Lines on the list.
    pub expected: u32,
    /// Lines decided (any result).
    pub counted: u32,
    /// Found in place.
    pub found: u32,
    /// Found elsewhere.
    pub found_elsewhere: u32,
    /// Not found.
    pub not_found: u32,
    /// Explained by a loan.
    pub on_loan: u32,
    /// Items found that were not on the list.
    pub unexpected: u32,
}

/// Counts of `round`'s lines by result.
pub(crate) fn progress_of(conn: &Connection, round: RoundId) -> Result<Progress> {
    let mut progress = conn.query_row(
        "SELECT count(*), count(result), count(*) FILTER (WHERE result = 'found'),
                count(*) FILTER (WHERE result = 'found_elsewhere'),
                count(*) FILTER (WHERE result = 'not_found'),
                count(*) FILTER (WHERE result = 'on_loan')
         FROM check_lines WHERE round_id = ?1",
        [round],
        progress_from_row,
    )?;
    progress.unexpected = conn.query_row(
        "SELECT count(*) FROM check_unexpected WHERE round_id = ?1",
        [round],
        |r| r.get(0),
    )?;
    Ok(progress)
}

fn progress_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Progress> {
    Ok(Progress {
        expected: r.get(0)?,
        counted: r.get(1)?,
        found: r.get(2)?,
        found_elsewhere: r.get(3)?,
        not_found: r.get(4)?,
        on_loan: r.get(5)?,
        unexpected: 0,
    })
}

/// One expected line, with its count and what has changed in the register since.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckLine {
    /// Id.
    pub id: LineId,
    /// Its round.
    pub round_id: RoundId,
    /// Its number on the sheets.
    pub seq: u32,
    /// The asset.
    pub asset_id: AssetId,
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Brand and model.
    pub brand_model: String,
    /// Unit.
    pub unit: String,
    /// Category.
    pub category_name: String,
    /// Division at the snapshot.
    pub division_name: Option<String>,
    /// Location at the snapshot.
    pub location_id: Option<LocationId>,
    /// Its name.
    pub location_name: Option<String>,
    /// Custodian at the snapshot.
    pub custodian_name: Option<String>,
    /// Status at the snapshot.
    pub status: AssetStatus,
    /// The loan it was out on at the snapshot.
    pub loan_no: Option<String>,
    /// Its borrower.
    pub loan_borrower: Option<String>,
    /// Its due date.
    pub loan_due_on: Option<NaiveDate>,
    /// What was found (`None`: not counted yet).
    pub result: Option<LineResult>,
    /// The condition recorded.
    pub condition: Option<Condition>,
    /// Where it was found, when elsewhere.
    pub found_location_id: Option<LocationId>,
    /// Its name.
    pub found_location_name: Option<String>,
    /// Who counted it.
    pub counted_by_name: Option<String>,
    /// When (UTC).
    pub counted_at: Option<String>,
    /// How.
    pub method: Option<CountMethod>,
    /// Note.
    pub note: String,
    /// The register's division now, when it differs from the snapshot's.
    pub now_division_name: Option<String>,
    /// The register's location now, when it differs.
    pub now_location_name: Option<String>,
    /// The register's status now, when it differs.
    pub now_status: Option<AssetStatus>,
}

/// A line as the screens and forms read it: the snapshot's place, custodian, status and
/// loan; the item's description from the register; and what has moved since.
const SELECT_LINE: &str = "SELECT k.id, k.round_id, k.seq, k.asset_id, a.code, a.name,
        trim(a.brand || ' ' || a.model), a.unit, c.name, d.name, k.location_id, l.name,
        k.custodian_name, k.status, n.loan_no,
        CASE WHEN n.id IS NULL THEN NULL WHEN n.kind = 'agency' THEN n.agency_name
             ELSE trim(b.title || b.first_name || ' ' || b.last_name) END,
        n.due_on, k.result,
        k.condition, k.found_location_id, k.found_location_name, k.counted_by_name,
        k.counted_at, k.method, k.note,
        CASE WHEN a.division_id IS NOT k.division_id THEN coalesce(nd.name, '—') END,
        CASE WHEN a.location_id IS NOT k.location_id THEN coalesce(nl.name, '—') END,
        CASE WHEN a.status <> k.status THEN a.status END
    FROM check_lines k
    JOIN assets a ON a.id = k.asset_id
    JOIN categories c ON c.id = a.category_id
    LEFT JOIN divisions d ON d.id = k.division_id
    LEFT JOIN locations l ON l.id = k.location_id
    LEFT JOIN loans n ON n.id = k.loan_id
    LEFT JOIN people b ON b.id = n.borrower_id
    LEFT JOIN divisions nd ON nd.id = a.division_id
    LEFT JOIN locations nl ON nl.id = a.location_id";

fn line_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CheckLine> {
    Ok(CheckLine {
        id: r.get(0)?,
        round_id: r.get(1)?,
        seq: r.get(2)?,
        asset_id: r.get(3)?,
        code: r.get(4)?,
        name: r.get(5)?,
        brand_model: r.get(6)?,
        unit: r.get(7)?,
        category_name: r.get(8)?,
        division_name: r.get(9)?,
        location_id: r.get(10)?,
        location_name: r.get(11)?,
        custodian_name: r.get(12)?,
        status: r.get(13)?,
        loan_no: r.get(14)?,
        loan_borrower: r.get(15)?,
        loan_due_on: r.get(16)?,
        result: r.get(17)?,
        condition: r.get(18)?,
        found_location_id: r.get(19)?,
        found_location_name: r.get(20)?,
        counted_by_name: r.get(21)?,
        counted_at: r.get(22)?,
        method: r.get(23)?,
        note: r.get(24)?,
        now_division_name: r.get(25)?,
        now_location_name: r.get(26)?,
        now_status: r.get(27)?,
    })
}

/// One line, or `not_found`.
pub(crate) fn load_line(conn: &Connection, id: LineId) -> Result<CheckLine> {
    conn.prepare_cached(&format!("{SELECT_LINE} WHERE k.id = ?1"))?
        .query_row([id], line_from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("check_line", id))
}

/// An item found that was not on the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Unexpected {
    /// Id.
    pub id: UnexpectedId,
    /// Its code (empty: no label).
    pub code: String,
    /// The asset, when the register has it (outside the round's scope, or disposed).
    pub asset_id: Option<AssetId>,
    /// What it is.
    pub description: String,
    /// Where it was found.
    pub location_id: Option<LocationId>,
    /// Its name.
    pub location_name: Option<String>,
    /// Condition.
    pub condition: Option<Condition>,
    /// Where the register has it (division and location), for an item of the register.
    pub belongs_to: Option<String>,
    /// Its status in the register.
    pub status: Option<AssetStatus>,
    /// Who found it.
    pub found_by_name: String,
    /// When (UTC).
    pub found_at: String,
    /// Note.
    pub note: String,
}

const SELECT_UNEXPECTED: &str = "SELECT u.id, u.code, u.asset_id, u.description, u.location_id,
        u.location_name, u.condition,
        CASE WHEN a.id IS NOT NULL THEN trim(coalesce(d.name, '') || ' ' || coalesce(l.name, '')) END,
        a.status, u.found_by_name, u.found_at, u.note
    FROM check_unexpected u
    LEFT JOIN assets a ON a.id = u.asset_id
    LEFT JOIN divisions d ON d.id = a.division_id
    LEFT JOIN locations l ON l.id = a.location_id";

fn unexpected_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Unexpected> {
    Ok(Unexpected {
        id: r.get(0)?,
        code: r.get(1)?,
        asset_id: r.get(2)?,
        description: r.get(3)?,
        location_id: r.get(4)?,
        location_name: r.get(5)?,
        condition: r.get(6)?,
        belongs_to: r.get(7)?,
        status: r.get(8)?,
        found_by_name: r.get(9)?,
        found_at: r.get(10)?,
        note: r.get(11)?,
    })
}

/// One unexpected item, or `not_found`.
pub(crate) fn load_unexpected(conn: &Connection, id: UnexpectedId) -> Result<Unexpected> {
    conn.prepare_cached(&format!("{SELECT_UNEXPECTED} WHERE u.id = ?1"))?
        .query_row([id], unexpected_from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("unexpected", id))
}

/// Which lines a page shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LineFilter {
    /// Every line.
    #[default]
    All,
    /// Not counted yet.
    Uncounted,
    /// Counted (any result).
    Counted,
    /// Found in place.
    Found,
    /// Found elsewhere.
    FoundElsewhere,
    /// Not found.
    NotFound,
    /// Explained by a loan (or out on one at the snapshot).
    OnLoan,
    /// Recorded in a condition other than in use.
    Condition,
    /// Changed in the register since the round opened.
    Changed,
}

/// A page of a round's lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LineQuery {
    /// The round.
    pub round_id: RoundId,
    /// Only this division (at the snapshot).
    pub division_id: Option<DivisionId>,
    /// Only this location (at the snapshot).
    pub location_id: Option<LocationId>,
    /// Which lines.
    #[serde(default)]
    pub filter: LineFilter,
    /// Part of a code or name.
    pub text: Option<String>,
    /// Lines to skip.
    pub offset: u32,
    /// Lines to return (at most 1,000).
    pub limit: u32,
}

/// Lines in sheet order, and how many match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LinePage {
    /// The lines.
    pub rows: Vec<CheckLine>,
    /// How many lines match.
    pub total: u32,
}

/// Progress of one place of a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlaceProgress {
    /// The division.
    pub division_id: Option<DivisionId>,
    /// Its name.
    pub division_name: Option<String>,
    /// The location.
    pub location_id: Option<LocationId>,
    /// Its name.
    pub location_name: Option<String>,
    /// Counts.
    pub progress: Progress,
}

/// A round's progress as a whole and per division and location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoundSummary {
    /// The whole round.
    pub total: Progress,
    /// Per location, in sheet order (divisions are the sums of their locations).
    pub places: Vec<PlaceProgress>,
    /// Items found that were not on the list.
    pub unexpected: Vec<Unexpected>,
}

/// A logged scan, as the counting screen lists the latest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScanEntry {
    /// Id (for undo).
    pub id: ScanId,
    /// When (UTC).
    pub at: String,
    /// Who.
    pub user_name: String,
    /// What was scanned.
    pub typed: String,
    /// What it found.
    pub outcome: ScanOutcome,
    /// The item's name, when known.
    pub name: String,
    /// Whether it was undone.
    pub undone: bool,
}

/// Which rounds to list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoundListQuery {
    /// Only this fiscal year's (B.E.); every round when empty.
    pub fiscal_year: Option<i32>,
}

/// The latest scans of a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScanListQuery {
    /// The round.
    pub round_id: RoundId,
    /// How many (at most 200).
    pub limit: u32,
}

/// An item's result in one round, for its page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssetCheck {
    /// The round.
    pub round_id: RoundId,
    /// Its name.
    pub round_name: String,
    /// Periodic or annual.
    pub kind: super::RoundKind,
    /// Its status.
    pub status: super::RoundStatus,
    /// Its as-of day.
    pub as_of: NaiveDate,
    /// What was found (`None`: not counted yet, or found as unexpected).
    pub result: Option<LineResult>,
    /// Whether it turned up outside the round's list.
    pub unexpected: bool,
    /// The condition recorded.
    pub condition: Option<Condition>,
    /// Where it was found, when elsewhere.
    pub found_location_name: Option<String>,
    /// Who counted it.
    pub counted_by_name: Option<String>,
    /// When.
    pub counted_at: Option<String>,
}

impl Register {
    /// Rounds, newest first (all, or one fiscal year's), each with its progress.
    pub fn list_rounds(&self, actor: &Actor, query: &RoundListQuery) -> Result<Vec<CheckRound>> {
        let fiscal_year = query.fiscal_year;
        self.read(actor, Some(Permission::ViewRegister), |conn, info| {
            let ids: Vec<RoundId> = conn
                .prepare(
                    "SELECT id FROM check_rounds WHERE ?1 IS NULL OR fiscal_year = ?1
                     ORDER BY starts_on DESC, id DESC",
                )?
                .query_map([fiscal_year], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            ids.into_iter()
                .map(|id| {
                    let mut round = store::load_round(conn, id, info)?;
                    round.progress = progress_of(conn, id)?;
                    Ok(round)
                })
                .collect()
        })
    }

    /// One round with its progress.
    pub fn check_round(&self, actor: &Actor, id: RoundId) -> Result<CheckRound> {
        self.read(actor, Some(Permission::ViewRegister), |conn, info| {
            let mut round = store::load_round(conn, id, info)?;
            round.progress = progress_of(conn, id)?;
            Ok(round)
        })
    }

    /// A page of a round's lines, in sheet order.
    pub fn round_lines(&self, actor: &Actor, query: &LineQuery) -> Result<LinePage> {
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            let filter = match query.filter {
                LineFilter::All => "1",
                LineFilter::Uncounted => "k.result IS NULL",
                LineFilter::Counted => "k.result IS NOT NULL",
                LineFilter::Found => "k.result = 'found'",
                LineFilter::FoundElsewhere => "k.result = 'found_elsewhere'",
                LineFilter::NotFound => "k.result = 'not_found'",
                LineFilter::OnLoan => "(k.result = 'on_loan' OR k.loan_id IS NOT NULL)",
                LineFilter::Condition => "k.condition IS NOT NULL AND k.condition <> 'in_use'",
                LineFilter::Changed => {
                    "(a.division_id IS NOT k.division_id OR a.location_id IS NOT k.location_id
                      OR a.status <> k.status)"
                }
            };
            let text = query
                .text
                .as_deref()
                .map(crate::text::clean)
                .filter(|t| !t.is_empty())
                .map(|t| format!("%{}%", t.replace(['%', '_'], "")));
            let conditions = format!(
                "k.round_id = ?1 AND (?2 IS NULL OR k.division_id = ?2)
                 AND (?3 IS NULL OR k.location_id = ?3) AND (?4 IS NULL OR a.code LIKE ?4
                 OR a.name LIKE ?4) AND {filter}"
            );
            let total: u32 = conn.query_row(
                &format!(
                    "SELECT count(*) FROM check_lines k JOIN assets a ON a.id = k.asset_id
                     WHERE {conditions}"
                ),
                params![query.round_id, query.division_id, query.location_id, text],
                |r| r.get(0),
            )?;
            let mut stmt = conn.prepare(&format!(
                "{SELECT_LINE} WHERE {conditions} ORDER BY k.seq LIMIT ?5 OFFSET ?6"
            ))?;
            let rows = stmt
                .query_map(
                    params![
                        query.round_id,
                        query.division_id,
                        query.location_id,
                        text,
                        query.limit.clamp(1, 1000),
                        query.offset
                    ],
                    line_from_row,
                )?
                .collect::<rusqlite::Result<_>>()?;
            Ok(LinePage { rows, total })
        })
    }

    /// Every line of a round (or of one of its divisions) in sheet order, for printing.
    pub fn sheet_lines(
        &self,
        actor: &Actor,
        id: RoundId,
        division: Option<DivisionId>,
    ) -> Result<Vec<CheckLine>> {
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            let mut stmt = conn.prepare(&format!(
                "{SELECT_LINE} WHERE k.round_id = ?1 AND (?2 IS NULL OR k.division_id = ?2)
                 ORDER BY k.seq"
            ))?;
            let rows = stmt.query_map(params![id, division], line_from_row)?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// A round's progress per location (in sheet order) and its unexpected items.
    pub fn round_summary(&self, actor: &Actor, id: RoundId) -> Result<RoundSummary> {
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            let mut stmt = conn.prepare(
                "SELECT g.division_id, d.name, g.location_id, l.name, g.expected, g.counted,
                        g.found, g.found_elsewhere, g.not_found, g.on_loan
                 FROM (SELECT division_id, location_id, count(*) AS expected,
                              count(result) AS counted,
                              count(*) FILTER (WHERE result = 'found') AS found,
                              count(*) FILTER (WHERE result = 'found_elsewhere') AS found_elsewhere,
                              count(*) FILTER (WHERE result = 'not_found') AS not_found,
                              count(*) FILTER (WHERE result = 'on_loan') AS on_loan
                       FROM check_lines WHERE round_id = ?1
                       GROUP BY division_id, location_id) g
                 LEFT JOIN divisions d ON d.id = g.division_id
                 LEFT JOIN locations l ON l.id = g.location_id
                 -- sheet order, as the snapshot numbers the lines
                 ORDER BY g.division_id IS NULL, g.division_id, l.name IS NULL, l.name, l.id",
            )?;
            let places = stmt
                .query_map([id], |r| {
                    Ok(PlaceProgress {
                        division_id: r.get(0)?,
                        division_name: r.get(1)?,
                        location_id: r.get(2)?,
                        location_name: r.get(3)?,
                        progress: Progress {
                            expected: r.get(4)?,
                            counted: r.get(5)?,
                            found: r.get(6)?,
                            found_elsewhere: r.get(7)?,
                            not_found: r.get(8)?,
                            on_loan: r.get(9)?,
                            unexpected: 0,
                        },
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            // The whole round is the sum of its places (one pass over the lines, not two).
            let places: Vec<PlaceProgress> = places;
            let unexpected = unexpected_of(conn, id)?;
            let mut total = places.iter().fold(Progress::default(), |mut sum, p| {
                sum.expected += p.progress.expected;
                sum.counted += p.progress.counted;
                sum.found += p.progress.found;
                sum.found_elsewhere += p.progress.found_elsewhere;
                sum.not_found += p.progress.not_found;
                sum.on_loan += p.progress.on_loan;
                sum
            });
            total.unexpected = u32::try_from(unexpected.len()).unwrap_or(u32::MAX);
            Ok(RoundSummary {
                total,
                places,
                unexpected,
            })
        })
    }

    /// The latest scans of a round (newest first).
    pub fn recent_scans(&self, actor: &Actor, query: &ScanListQuery) -> Result<Vec<ScanEntry>> {
        let (id, limit) = (query.round_id, query.limit);
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            let mut stmt = conn.prepare(
                "SELECT s.id, s.at, s.user_name, s.typed, s.outcome,
                        coalesce(a.name, u.description, ''), s.undone_at IS NOT NULL
                 FROM check_scans s
                 LEFT JOIN check_lines k ON k.id = s.line_id
                 LEFT JOIN assets a ON a.id = k.asset_id
                 LEFT JOIN check_unexpected u ON u.id = s.unexpected_id
                 WHERE s.round_id = ?1 ORDER BY s.id DESC LIMIT ?2",
            )?;
            let rows = stmt.query_map(params![id, limit.clamp(1, 200)], |r| {
                Ok(ScanEntry {
                    id: r.get(0)?,
                    at: r.get(1)?,
                    user_name: r.get(2)?,
                    typed: r.get(3)?,
                    outcome: r.get(4)?,
                    name: r.get(5)?,
                    undone: r.get(6)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// Every round an item was on (or turned up in), newest first, for its page.
    pub fn asset_checks(&self, actor: &Actor, asset: AssetId) -> Result<Vec<AssetCheck>> {
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            let mut stmt = conn.prepare(
                "SELECT r.id, r.name, r.kind, r.status, r.as_of, k.result, 0, k.condition,
                        k.found_location_name, k.counted_by_name, k.counted_at
                 FROM check_lines k JOIN check_rounds r ON r.id = k.round_id
                 WHERE k.asset_id = ?1
                 UNION ALL
                 SELECT r.id, r.name, r.kind, r.status, r.as_of, NULL, 1, u.condition,
                        u.location_name, u.found_by_name, u.found_at
                 FROM check_unexpected u JOIN check_rounds r ON r.id = u.round_id
                 WHERE u.asset_id = ?1
                 ORDER BY 5 DESC, 1 DESC",
            )?;
            let rows = stmt.query_map([asset], |r| {
                Ok(AssetCheck {
                    round_id: r.get(0)?,
                    round_name: r.get(1)?,
                    kind: r.get(2)?,
                    status: r.get(3)?,
                    as_of: r.get(4)?,
                    result: r.get(5)?,
                    unexpected: r.get(6)?,
                    condition: r.get(7)?,
                    found_location_name: r.get(8)?,
                    counted_by_name: r.get(9)?,
                    counted_at: r.get(10)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }
}

/// A round's unexpected items, in the order they were found.
pub(crate) fn unexpected_of(conn: &Connection, id: RoundId) -> Result<Vec<Unexpected>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT_UNEXPECTED} WHERE u.round_id = ?1 ORDER BY u.id"
    ))?;
    let rows = stmt.query_map([id], unexpected_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
