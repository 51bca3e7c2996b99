//! When checks are due: each division checked every few months during the fiscal year
//! (quarterly unless the office sets otherwise), and the annual report's deadline. The
//! home screen and the check area read these.

use chrono::{Datelike, Months, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::rounds::annual_dates;
use super::{CheckRound, RoundStatus, store, views};
use crate::audit::Event;
use crate::auth::Permission;
use crate::calendar::FiscalYear;
use crate::error::{Error, Result};
use crate::ids::{DivisionId, RoundId};
use crate::register::{Actor, Register};

const EVERY_KEY: &str = "checks.every_months";

/// How often each division is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckSettings {
    /// Months between periodic checks of a division: 3 (quarterly), 4, 6 or 12.
    pub every_months: u32,
}

/// Where one period of a division's schedule stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PeriodState {
    /// A round covering the division started in the period.
    Done,
    /// The period is running and no round has covered the division yet.
    Due,
    /// The period is over and no round covered the division.
    Overdue,
    /// Still to come.
    Later,
}

/// One period of a division's schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PeriodCheck {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Where it stands.
    pub state: PeriodState,
    /// The rounds that covered the division in it.
    pub rounds: Vec<String>,
}

/// A division's checks in a fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DivisionSchedule {
    /// The division.
    pub division_id: DivisionId,
    /// Its name.
    pub division_name: String,
    /// Its periods, in order.
    pub periods: Vec<PeriodCheck>,
}

/// The annual check's deadline, while its report is not in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AnnualDeadline {
    /// The year checked.
    pub fiscal_year: i32,
    /// Its round, once set up.
    pub round_id: Option<RoundId>,
    /// The round's status.
    pub status: Option<RoundStatus>,
    /// The report's deadline.
    pub due_on: NaiveDate,
    /// Working days from today to the deadline (negative: late).
    pub working_days_left: i64,
}

/// What the home screen says about checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckDashboard {
    /// Rounds being counted, with their progress.
    pub open_rounds: Vec<CheckRound>,
    /// The current period of the schedule.
    pub period_from: NaiveDate,
    /// Its last day.
    pub period_to: NaiveDate,
    /// Divisions no round has covered in it.
    pub unchecked_divisions: Vec<String>,
    /// The annual report's deadline, while it is not in.
    pub annual: Option<AnnualDeadline>,
}

pub(crate) fn every_months(conn: &Connection) -> Result<u32> {
    Ok(crate::settings::get(conn, EVERY_KEY)?.unwrap_or(3))
}

/// The periods of `year` for a schedule of every `months` months.
fn periods_of(year: FiscalYear, months: u32) -> Vec<(NaiveDate, NaiveDate)> {
    let mut periods = Vec::new();
    let mut from = year.start();
    while from <= year.end() {
        let next = from
            .checked_add_months(Months::new(months))
            .unwrap_or(year.end());
        let to = next.pred_opt().unwrap_or(next).min(year.end());
        periods.push((from, to));
        from = next;
    }
    periods
}

/// Names of the rounds (open or closed) covering `division` that started within the days.
fn rounds_covering(
    conn: &Connection,
    division: DivisionId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.name FROM check_rounds r
         WHERE r.status <> 'draft' AND r.starts_on BETWEEN ?2 AND ?3
           AND (NOT EXISTS (SELECT 1 FROM check_scope s
                            WHERE s.round_id = r.id AND s.kind IN ('division', 'location'))
                OR EXISTS (SELECT 1 FROM check_scope s WHERE s.round_id = r.id
                           AND s.kind = 'division' AND s.ref_id = ?1)
                OR EXISTS (SELECT 1 FROM check_scope s JOIN locations l ON l.id = s.ref_id
                           WHERE s.round_id = r.id AND s.kind = 'location' AND l.division_id = ?1))
         ORDER BY r.starts_on",
    )?;
    let names = stmt.query_map(params![division, from, to], |r| r.get(0))?;
    Ok(names.collect::<rusqlite::Result<_>>()?)
}

fn schedule_of(
    conn: &Connection,
    year: FiscalYear,
    today: NaiveDate,
) -> Result<Vec<DivisionSchedule>> {
    let months = every_months(conn)?;
    let divisions: Vec<(DivisionId, String)> = conn
        .prepare("SELECT id, name FROM divisions WHERE active = 1 ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    divisions
        .into_iter()
        .map(|(id, name)| {
            let periods = periods_of(year, months)
                .into_iter()
                .map(|(from, to)| {
                    let rounds = rounds_covering(conn, id, from, to)?;
                    let state = if !rounds.is_empty() {
                        PeriodState::Done
                    } else if to < today {
                        PeriodState::Overdue
                    } else if from <= today {
                        PeriodState::Due
                    } else {
                        PeriodState::Later
                    };
                    Ok(PeriodCheck {
                        from,
                        to,
                        state,
                        rounds,
                    })
                })
                .collect::<Result<_>>()?;
            Ok(DivisionSchedule {
                division_id: id,
                division_name: name,
                periods,
            })
        })
        .collect()
}

impl Register {
    /// How often divisions are checked.
    pub fn check_settings(&self, actor: &Actor) -> Result<CheckSettings> {
        self.read(actor, None, |conn, _| {
            Ok(CheckSettings {
                every_months: every_months(conn)?,
            })
        })
    }

    /// Changes how often divisions are checked.
    pub fn update_check_settings(
        &self,
        actor: &Actor,
        input: &CheckSettings,
    ) -> Result<CheckSettings> {
        self.change(actor, Some(Permission::ManageChecks), |change| {
            if ![1, 2, 3, 4, 6, 12].contains(&input.every_months) {
                return Err(Error::invalid("everyMonths", "1, 2, 3, 4, 6 or 12 months"));
            }
            let before = CheckSettings {
                every_months: every_months(change)?,
            };
            crate::settings::put(change, EVERY_KEY, &input.every_months)?;
            change.record(
                Event::new("check.settings", "settings", EVERY_KEY)
                    .before(&before)
                    .after(input),
            )?;
            Ok(*input)
        })
    }

    /// Each division's periodic checks in a fiscal year: done, due, overdue or to come.
    pub fn check_schedule(&self, actor: &Actor, fiscal_year: i32) -> Result<Vec<DivisionSchedule>> {
        let today = self.clock().today();
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            schedule_of(conn, FiscalYear(fiscal_year), today)
        })
    }

    /// The open rounds, the divisions not checked this period, and the annual deadline.
    pub fn check_dashboard(&self, actor: &Actor) -> Result<CheckDashboard> {
        let today = self.clock().today();
        let calendar = self.work_calendar()?;
        self.read(actor, Some(Permission::ViewRegister), |conn, info| {
            let open: Vec<RoundId> = conn
                .prepare("SELECT id FROM check_rounds WHERE status = 'open' ORDER BY starts_on")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let open_rounds = open
                .into_iter()
                .map(|id| {
                    let mut round = store::load_round(conn, id, info)?;
                    round.progress = views::progress_of(conn, id)?;
                    Ok(round)
                })
                .collect::<Result<_>>()?;
            let year = FiscalYear::of(today);
            let (period_from, period_to) = periods_of(year, every_months(conn)?)
                .into_iter()
                .find(|(from, to)| (*from..=*to).contains(&today))
                .unwrap_or((year.start(), year.end()));
            let unchecked_divisions = schedule_of(conn, year, today)?
                .into_iter()
                .filter(|row| {
                    row.periods
                        .iter()
                        .any(|p| p.from == period_from && p.state != PeriodState::Done)
                })
                .map(|row| row.division_name)
                .collect();
            // The year whose report is being prepared: the one just ended (its check runs
            // from October), or the current one in September, when the committee is appointed.
            let checked = if today.month() == 9 {
                year
            } else {
                year.previous()
            };
            let round: Option<(RoundId, RoundStatus, Option<NaiveDate>)> = conn
                .query_row(
                    "SELECT id, status, report_due_on FROM check_rounds
                     WHERE kind = 'annual' AND fiscal_year = ?1",
                    [checked.be_year()],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let due_on = round
                .and_then(|(_, _, due)| due)
                .unwrap_or_else(|| annual_dates(checked, &calendar).report_due_on);
            let annual = match round {
                Some((_, RoundStatus::Closed, _)) => None,
                None if !matches!(today.month(), 9..=12) => None,
                _ => Some(AnnualDeadline {
                    fiscal_year: checked.be_year(),
                    round_id: round.map(|r| r.0),
                    status: round.map(|r| r.1),
                    due_on,
                    working_days_left: calendar.working_days_between(today, due_on),
                }),
            };
            Ok(CheckDashboard {
                open_rounds,
                period_from,
                period_to,
                unchecked_divisions,
                annual,
            })
        })
    }
}
