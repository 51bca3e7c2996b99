//! Counting: a label scanned (or a code typed) on the counting screen, a line keyed from a
//! returned paper sheet, an item found that is not on the list; and undoing a scan.
//!
//! Every count records who and when. One item is counted once: the count is written only
//! while its line has none (`… WHERE result IS NULL`), inside the same transaction as the
//! check, so two checkers scanning it at the same moment give one count and two logged
//! scans, the second answered "already counted".

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use super::views::{self, CheckLine, Unexpected};
use super::{CheckRound, Condition, CountMethod, LineResult, store};
use crate::assets::AssetStatus;
use crate::assets::codes::code_key;
use crate::audit::Event;
use crate::error::{Error, Result};
use crate::ids::{AssetId, LineId, LocationId, RoundId, ScanId, UnexpectedId};
use crate::register::{Actor, Change, Register};
use crate::text;

/// One scan, or one code typed into the scan field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScanInput {
    /// The round.
    pub round_id: RoundId,
    /// The code as the scanner sent it (any digit script, any spacing).
    pub code: String,
    /// Where the checker is counting; an item of another location found here is recorded
    /// as found elsewhere. `None`: wherever its line says.
    pub location_id: Option<LocationId>,
    /// The condition to record; `None`: as the register had it.
    pub condition: Option<Condition>,
}

/// What a scan found, for the screen to answer with a colour, a sound and words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ScanOutcome {
    /// On the list, where the checker is counting: found in place.
    Here,
    /// On the list, but of another location: found elsewhere (recorded where).
    Elsewhere,
    /// On the list and out on a loan: found here all the same (the slip is named).
    OnLoan,
    /// Counted before (by whom and when is told); nothing changes.
    AlreadyCounted,
    /// In the register but not in this round's scope: kept as unexpected (whose it is is told).
    OutOfScope,
    /// In the register as disposed: kept as unexpected.
    Disposed,
    /// Not in the register at all: kept as unexpected, with the code as scanned.
    Unknown,
}
crate::loans::code_enum!(ScanOutcome {
    Here => "here",
    Elsewhere => "elsewhere",
    OnLoan => "on_loan",
    AlreadyCounted => "already_counted",
    OutOfScope => "out_of_scope",
    Disposed => "disposed",
    Unknown => "unknown",
});

/// The answer to one scan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScanResult {
    /// The logged scan (for undo).
    pub scan_id: ScanId,
    /// What it found.
    pub outcome: ScanOutcome,
    /// The code, as the register writes it (or as scanned, when it is not in the register).
    pub code: String,
    /// The item's name, when the register has it.
    pub name: String,
    /// Its line, when it is on the list.
    pub line: Option<CheckLine>,
    /// Its entry among the unexpected items, when it is not on the list.
    pub unexpected: Option<Unexpected>,
    /// Who counted it before and when (already counted).
    pub counted_by: Option<String>,
    /// When.
    pub counted_at: Option<String>,
    /// Whose it is, when it is outside the round: its division and location.
    pub belongs_to: Option<String>,
}

/// A line keyed from a returned sheet (or corrected): its result, condition and note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LineCount {
    /// The round.
    pub round_id: RoundId,
    /// The line.
    pub line_id: LineId,
    /// Found, found elsewhere, not found, on loan; `None` clears the count.
    pub result: Option<LineResult>,
    /// The condition (found items; `None`: as the register had it).
    pub condition: Option<Condition>,
    /// Where it was found, for found elsewhere.
    pub found_location_id: Option<LocationId>,
    /// A note for the line.
    pub note: String,
}

/// A logged scan of a round (to undo it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScanRef {
    /// The round.
    pub round_id: RoundId,
    /// The scan.
    pub scan_id: ScanId,
}

/// An item found that is not on the list, written on the sheet's blank rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UnexpectedInput {
    /// The round.
    pub round_id: RoundId,
    /// Its code, if it has a label.
    pub code: String,
    /// What it is (required without a code).
    pub description: String,
    /// Where it was found.
    pub location_id: Option<LocationId>,
    /// Its condition.
    pub condition: Option<Condition>,
    /// A note.
    pub note: String,
}

/// A scan as undoing it reads it back.
struct LoggedScan {
    line: Option<LineId>,
    unexpected: Option<UnexpectedId>,
    counted: bool,
    at: String,
    undone: bool,
}

/// An asset as a scan finds it in the register.
struct Found {
    id: AssetId,
    code: String,
    name: String,
    status: AssetStatus,
    place: String,
}

fn asset_by_code(conn: &Connection, key: &str) -> Result<Option<Found>> {
    Ok(conn
        .prepare_cached(
            "SELECT a.id, a.code, a.name, a.status,
                    trim(coalesce(d.name, '') || ' ' || coalesce(l.name, ''))
             FROM assets a
             LEFT JOIN divisions d ON d.id = a.division_id
             LEFT JOIN locations l ON l.id = a.location_id
             WHERE a.code_key = ?1",
        )?
        .query_row([key], |r| {
            Ok(Found {
                id: r.get(0)?,
                code: r.get(1)?,
                name: r.get(2)?,
                status: r.get(3)?,
                place: r.get(4)?,
            })
        })
        .optional()?)
}

/// The name a count is recorded under: the account's full name, or the command line's label.
pub(crate) fn counter_name(change: &Change<'_>) -> Result<String> {
    match change.actor.user_id {
        Some(user) => Ok(change.query_row(
            "SELECT full_name FROM users WHERE id = ?1",
            [user],
            |r| r.get(0),
        )?),
        None => Ok(change.actor.username.clone()),
    }
}

/// Refuses a location the round does not cover (a checker counting somewhere else).
fn check_location(conn: &Connection, round: &CheckRound, location: LocationId) -> Result<String> {
    let found: Option<(String, crate::ids::DivisionId)> = conn
        .query_row(
            "SELECT name, division_id FROM locations WHERE id = ?1",
            [location],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (name, division) = found.ok_or_else(|| {
        Error::invalid("locationId", format!("location {location} does not exist"))
    })?;
    let s = &round.scope_input;
    let places_named = !s.division_ids.is_empty() || !s.location_ids.is_empty();
    if places_named && !s.division_ids.contains(&division) && !s.location_ids.contains(&location) {
        return Err(Error::invalid(
            "locationId",
            format!("{name} is not in this round"),
        ));
    }
    Ok(name)
}

/// What one scan does, inside the caller's transaction; `at` is when it was scanned (now,
/// or the time a scanner's memory recorded) and `method` how it reached the round.
pub(crate) fn scan_in(
    change: &Change<'_>,
    round: &CheckRound,
    input: &ScanInput,
    at: DateTime<Utc>,
    method: CountMethod,
) -> Result<ScanResult> {
    let typed = crate::calendar::to_arabic_digits(&text::clean(&input.code));
    let key = code_key(&typed);
    if key.is_empty() {
        return Err(Error::required("code"));
    }
    let place = match input.location_id {
        Some(l) => Some((l, check_location(change, round, l)?)),
        None => None,
    };
    let stamp = crate::clock::stamp(at);
    let who = counter_name(change)?;
    let asset = asset_by_code(change, &key)?;
    let line = match &asset {
        Some(a) => change
            .prepare_cached("SELECT id FROM check_lines WHERE round_id = ?1 AND asset_id = ?2")?
            .query_row(params![round.id, a.id], |r| r.get::<_, LineId>(0))
            .optional()?,
        None => None,
    };
    let mut result = ScanResult {
        scan_id: ScanId(0),
        outcome: ScanOutcome::Unknown,
        code: asset.as_ref().map_or(typed.clone(), |a| a.code.clone()),
        name: asset.as_ref().map_or(String::new(), |a| a.name.clone()),
        line: None,
        unexpected: None,
        counted_by: None,
        counted_at: None,
        belongs_to: None,
    };
    let mut counted = false;
    let mut unexpected_id = None;
    if let Some(line_id) = line {
        let before = views::load_line(change, line_id)?;
        if before.result.is_some() {
            result.outcome = ScanOutcome::AlreadyCounted;
            result.counted_by = before.counted_by_name.clone();
            result.counted_at = before.counted_at.clone();
        } else {
            let elsewhere = place
                .as_ref()
                .filter(|(l, _)| Some(*l) != before.location_id);
            let condition = input
                .condition
                .unwrap_or(Condition::presumed(before.status));
            let written = change
                .prepare_cached(
                    "UPDATE check_lines SET result = ?1, condition = ?2, found_location_id = ?3,
                     found_location_name = ?4, counted_by = ?5, counted_by_name = ?6,
                     counted_at = ?7, method = ?8
                 WHERE id = ?9 AND result IS NULL",
                )?
                .execute(params![
                    if elsewhere.is_some() {
                        LineResult::FoundElsewhere
                    } else {
                        LineResult::Found
                    },
                    condition,
                    elsewhere.map(|(l, _)| *l),
                    elsewhere.map(|(_, n)| n.as_str()),
                    change.actor.user_id,
                    who,
                    stamp,
                    method,
                    line_id,
                ])?;
            counted = written == 1;
            result.outcome = match (elsewhere.is_some(), before.loan_no.is_some()) {
                (_, true) => ScanOutcome::OnLoan,
                (true, false) => ScanOutcome::Elsewhere,
                (false, false) => ScanOutcome::Here,
            };
        }
        result.line = Some(views::load_line(change, line_id)?);
    } else {
        result.outcome = match &asset {
            None => ScanOutcome::Unknown,
            Some(a) if a.status == AssetStatus::Disposed => ScanOutcome::Disposed,
            Some(_) => ScanOutcome::OutOfScope,
        };
        result.belongs_to = asset
            .as_ref()
            .map(|a| a.place.clone())
            .filter(|p| !p.is_empty());
        let known: Option<UnexpectedId> = change
            .prepare_cached(
                "SELECT id FROM check_unexpected WHERE round_id = ?1 AND code_key = ?2",
            )?
            .query_row(params![round.id, key], |r| r.get(0))
            .optional()?;
        let id = match known {
            Some(id) => {
                let earlier = views::load_unexpected(change, id)?;
                result.outcome = ScanOutcome::AlreadyCounted;
                result.counted_by = Some(earlier.found_by_name.clone());
                result.counted_at = Some(earlier.found_at.clone());
                id
            }
            None => {
                change.prepare_cached(
                    "INSERT INTO check_unexpected (round_id, code, code_key, asset_id, description,
                         location_id, location_name, condition, found_by, found_by_name, found_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                )?
                .execute(params![
                    round.id,
                    result.code,
                    key,
                    asset.as_ref().map(|a| a.id),
                    result.name,
                    place.as_ref().map(|(l, _)| *l),
                    place.as_ref().map(|(_, n)| n.as_str()),
                    input.condition,
                    change.actor.user_id,
                    who,
                    stamp,
                ])?;
                counted = true;
                UnexpectedId(change.last_insert_rowid())
            }
        };
        unexpected_id = Some(id);
        result.unexpected = Some(views::load_unexpected(change, id)?);
    }
    change.prepare_cached(
        "INSERT INTO check_scans (round_id, at, user_id, user_name, typed, location_id, outcome,
             line_id, unexpected_id, counted, source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        round.id,
        stamp,
        change.actor.user_id,
        who,
        typed,
        place.as_ref().map(|(l, _)| *l),
        result.outcome,
        line,
        unexpected_id,
        counted,
        if method == CountMethod::File { "file" } else { "scan" },
    ])?;
    result.scan_id = ScanId(change.last_insert_rowid());
    change.record(
        Event::new("check.scan", "check_round", round.id).after(&json!({
            "scanId": result.scan_id,
            "code": result.code,
            "outcome": result.outcome,
            "lineId": line,
            "locationId": input.location_id,
            // The place by name too: the audit log shows where a label was scanned.
            "locationName": place.as_ref().map(|(_, name)| name),
        })),
    )?;
    Ok(result)
}

impl Register {
    /// Records one scan in an open round (only its members count).
    pub fn scan(&self, actor: &Actor, input: &ScanInput) -> Result<ScanResult> {
        self.change(actor, None, |change| {
            let round = store::load_round_for_counting(change, input.round_id, &change.actor)?;
            let now = change.now();
            scan_in(change, &round, input, now, CountMethod::Scan)
        })
    }

    /// Takes back a scan: the count it made is cleared (unless the line was keyed again
    /// since), the unexpected item it added is removed. The scan stays in the log, undone.
    pub fn undo_scan(&self, actor: &Actor, input: &ScanRef) -> Result<()> {
        let ScanRef { round_id, scan_id } = *input;
        self.change(actor, None, |change| {
            let round = store::load_round_for_counting(change, round_id, &change.actor)?;
            let scan: Option<LoggedScan> = change
                .query_row(
                    "SELECT line_id, unexpected_id, counted, at, undone_at FROM check_scans
                     WHERE id = ?1 AND round_id = ?2",
                    params![scan_id, round.id],
                    |r| {
                        Ok(LoggedScan {
                            line: r.get(0)?,
                            unexpected: r.get(1)?,
                            counted: r.get(2)?,
                            at: r.get(3)?,
                            undone: r.get::<_, Option<String>>(4)?.is_some(),
                        })
                    },
                )
                .optional()?;
            let LoggedScan {
                line,
                unexpected,
                counted,
                at,
                undone,
            } = scan.ok_or_else(|| Error::not_found("scan", scan_id))?;
            if undone {
                return Err(Error::invalid("scanId", "this scan was already undone"));
            }
            if counted {
                if let Some(line) = line {
                    change.execute(
                        "UPDATE check_lines SET result = NULL, condition = NULL,
                             found_location_id = NULL, found_location_name = NULL,
                             counted_by = NULL, counted_by_name = NULL, counted_at = NULL,
                             method = NULL
                         WHERE id = ?1 AND counted_at = ?2 AND method IN ('scan', 'file')",
                        params![line, at],
                    )?;
                }
                if let Some(unexpected) = unexpected {
                    change.execute(
                        "UPDATE check_scans SET unexpected_id = NULL WHERE unexpected_id = ?1",
                        [unexpected],
                    )?;
                    change.execute("DELETE FROM check_unexpected WHERE id = ?1", [unexpected])?;
                }
            }
            change.execute(
                "UPDATE check_scans SET undone_at = ?1 WHERE id = ?2",
                params![change.stamp(), scan_id],
            )?;
            change.record(
                Event::new("check.scan_undo", "check_round", round.id)
                    .after(&json!({ "scanId": scan_id, "lineId": line })),
            )
        })
    }

    /// Records (or corrects, or clears) one line's count as keyed from a returned sheet.
    pub fn record_count(&self, actor: &Actor, input: &LineCount) -> Result<CheckLine> {
        self.change(actor, None, |change| {
            let round = store::load_round_for_counting(change, input.round_id, &change.actor)?;
            let before = views::load_line(change, input.line_id)?;
            if before.round_id != round.id {
                return Err(Error::not_found("check_line", input.line_id));
            }
            let note = text::optional("note", &input.note, 500)?;
            let found_at = match (input.result, input.found_location_id) {
                (Some(LineResult::FoundElsewhere), Some(l)) => {
                    Some((l, check_location(change, &round, l)?))
                }
                (Some(LineResult::FoundElsewhere), None) => {
                    return Err(Error::required("foundLocationId"));
                }
                _ => None,
            };
            if input.result == Some(LineResult::OnLoan) && before.loan_no.is_none() {
                return Err(Error::invalid("result", "the item is not on a loan"));
            }
            let found = matches!(
                input.result,
                Some(LineResult::Found | LineResult::FoundElsewhere)
            );
            let condition = match (found, input.condition) {
                (true, Some(c)) => Some(c),
                (true, None) => Some(Condition::presumed(before.status)),
                (false, _) => None,
            };
            let who = counter_name(change)?;
            let counted = input.result.is_some();
            change.execute(
                "UPDATE check_lines SET result = ?1, condition = ?2, found_location_id = ?3,
                     found_location_name = ?4, counted_by = ?5, counted_by_name = ?6,
                     counted_at = ?7, method = ?8, note = ?9
                 WHERE id = ?10",
                params![
                    input.result,
                    condition,
                    found_at.as_ref().map(|(l, _)| *l),
                    found_at.as_ref().map(|(_, n)| n.as_str()),
                    counted.then_some(change.actor.user_id).flatten(),
                    counted.then_some(who),
                    counted.then(|| change.stamp()),
                    counted.then_some(CountMethod::Sheet),
                    note,
                    input.line_id,
                ],
            )?;
            let after = views::load_line(change, input.line_id)?;
            change.record(
                Event::new("check.count", "check_round", round.id)
                    .before(&before)
                    .after(&after),
            )?;
            Ok(after)
        })
    }

    /// Adds an item found that is not on the list (from the sheet's blank rows).
    pub fn add_unexpected(&self, actor: &Actor, input: &UnexpectedInput) -> Result<Unexpected> {
        self.change(actor, None, |change| {
            let round = store::load_round_for_counting(change, input.round_id, &change.actor)?;
            let description = text::optional("description", &input.description, 300)?;
            let note = text::optional("note", &input.note, 500)?;
            let code = crate::calendar::to_arabic_digits(&text::optional("code", &input.code, 60)?);
            if code.is_empty() && description.is_empty() {
                return Err(Error::required("description"));
            }
            if !code.is_empty() {
                // A labelled item goes through the same rules as a scan.
                let scanned = scan_in(
                    change,
                    &round,
                    &ScanInput {
                        round_id: round.id,
                        code,
                        location_id: input.location_id,
                        condition: input.condition,
                    },
                    change.now(),
                    CountMethod::Sheet,
                )?;
                return match scanned.unexpected {
                    Some(found) => {
                        change.execute(
                            "UPDATE check_unexpected SET description = CASE WHEN ?1 = '' THEN description ELSE ?1 END,
                                 note = ?2 WHERE id = ?3",
                            params![description, note, found.id],
                        )?;
                        views::load_unexpected(change, found.id)
                    }
                    None => Err(Error::invalid(
                        "code",
                        format!("{} is on this round's list (line {}): count it there", scanned.code,
                            scanned.line.map_or(0, |l| l.seq)),
                    )),
                };
            }
            let place = match input.location_id {
                Some(l) => Some((l, check_location(change, &round, l)?)),
                None => None,
            };
            let who = counter_name(change)?;
            change.execute(
                "INSERT INTO check_unexpected (round_id, code, code_key, description, location_id,
                     location_name, condition, found_by, found_by_name, found_at, note)
                 VALUES (?1, '', '', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    round.id,
                    description,
                    place.as_ref().map(|(l, _)| *l),
                    place.as_ref().map(|(_, n)| n.as_str()),
                    input.condition,
                    change.actor.user_id,
                    who,
                    change.stamp(),
                    note,
                ],
            )?;
            let found = views::load_unexpected(change, UnexpectedId(change.last_insert_rowid()))?;
            change.record(Event::new("check.unexpected", "check_round", round.id).after(&found))?;
            Ok(found)
        })
    }
}
