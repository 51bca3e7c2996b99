//! Setting a round up: its kind, scope, dates and members; the annual round's dates as
//! ข้อ ๒๑๓ sets them; the committee rule; opening (which fixes the expected list); and
//! cancelling a round that was never opened.

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{CheckRound, MemberRole, RoundKind, RoundStatus, ScopeKind, snapshot, store};
use crate::audit::Event;
use crate::auth::Permission;
use crate::calendar::{FiscalYear, WorkCalendar};
use crate::error::{Error, Result};
use crate::ids::{CategoryId, DivisionId, LocationId, PersonId, RoundId};
use crate::register::{Actor, Change, Register};
use crate::text;

/// Working days the annual report is due in, from the first day of the check (ข้อ ๒๑๓).
pub const REPORT_WORKING_DAYS: u32 = 30;

/// What a round covers. Divisions and locations are places (an item in any of them is
/// in); categories narrow to those kinds. All empty: the whole register.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoundScope {
    /// Whole divisions.
    pub division_ids: Vec<DivisionId>,
    /// Single locations.
    pub location_ids: Vec<LocationId>,
    /// Only items of these categories.
    pub category_ids: Vec<CategoryId>,
}

impl RoundScope {
    /// Whether it names nothing (the whole register).
    pub fn is_whole(&self) -> bool {
        self.division_ids.is_empty() && self.location_ids.is_empty() && self.category_ids.is_empty()
    }
}

/// One member as entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberInput {
    /// A person in the staff directory.
    pub person_id: PersonId,
    /// Chair, member, secretary (annual) or checker (periodic).
    pub role: MemberRole,
}

/// A round as entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoundInput {
    /// Periodic or annual.
    pub kind: RoundKind,
    /// Its name.
    pub name: String,
    /// The fiscal year an annual round checks (B.E.); a periodic round takes its as-of
    /// date's.
    pub fiscal_year: Option<i32>,
    /// The day the expected list is as of (not in the future).
    pub as_of: NaiveDate,
    /// First day of counting.
    pub starts_on: NaiveDate,
    /// Last day of counting.
    pub ends_on: NaiveDate,
    /// What it covers (an annual round covers everything).
    pub scope: RoundScope,
    /// The committee (annual) or the checkers (periodic), in order.
    pub members: Vec<MemberInput>,
    /// The appointment order's number.
    pub order_no: String,
    /// Its date.
    pub order_date: Option<NaiveDate>,
    /// Who signed it (the agency head).
    pub order_signer: String,
    /// The supplies officer on the round (who may not sit on the annual committee).
    pub officer_id: Option<PersonId>,
    /// Notes.
    pub notes: String,
}

/// Changes to a round not yet opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoundUpdate {
    /// Which round.
    pub id: RoundId,
    /// Its new details.
    pub round: RoundInput,
}

/// The annual round's dates as the regulation sets them, proposed for a fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AnnualProposal {
    /// The year checked (B.E.).
    pub fiscal_year: i32,
    /// "ตรวจสอบพัสดุประจำปีงบประมาณ 2568".
    pub name: String,
    /// 1 October: the first day of the period checked.
    pub period_from: NaiveDate,
    /// 30 September: its last day.
    pub period_to: NaiveDate,
    /// The balance is counted as of the last working day of September.
    pub as_of: NaiveDate,
    /// The appointment falls in September (the last month of the fiscal year): the first
    /// working day of its second half is proposed.
    pub order_date: NaiveDate,
    /// The first and last day the order may carry.
    pub order_window: (NaiveDate, NaiveDate),
    /// Work starts on the first working day of October.
    pub starts_on: NaiveDate,
    /// The report is due 30 working days after the start.
    pub report_due_on: NaiveDate,
    /// The agency head who signs the order (from the print settings).
    pub order_signer: String,
    /// A supplies officer to name on the round.
    pub officer_id: Option<PersonId>,
    /// Whether the year already has an annual round.
    pub exists: Option<RoundId>,
}

/// The days of an annual round for fiscal year `year`.
pub(crate) struct AnnualDates {
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub as_of: NaiveDate,
    pub order_window: (NaiveDate, NaiveDate),
    pub order_date: NaiveDate,
    pub starts_on: NaiveDate,
    pub report_due_on: NaiveDate,
}

/// ข้อ ๒๑๓ in dates: the period 1 Oct – 30 Sep, the balance on the last working day of
/// September, the order within September, the start on the first working day of October,
/// the report 30 working days later.
pub(crate) fn annual_dates(year: FiscalYear, calendar: &WorkCalendar) -> AnnualDates {
    let period_to = year.end();
    let september = period_to.with_day(1).unwrap_or(period_to);
    let start = calendar.next_working_day_on_or_after(year.next().start());
    AnnualDates {
        period_from: year.start(),
        period_to,
        as_of: calendar.last_working_day_on_or_before(period_to),
        order_window: (september, period_to),
        order_date: calendar
            .next_working_day_on_or_after(september.with_day(15).unwrap_or(september))
            .min(calendar.last_working_day_on_or_before(period_to)),
        starts_on: start,
        report_due_on: calendar.add_working_days(start, REPORT_WORKING_DAYS),
    }
}

impl Register {
    /// The annual round the regulation asks for `fiscal_year`, for the form to start from.
    pub fn propose_annual_round(&self, actor: &Actor, fiscal_year: i32) -> Result<AnnualProposal> {
        let calendar = self.work_calendar()?;
        self.read(actor, Some(Permission::ManageChecks), |conn, _| {
            let dates = annual_dates(FiscalYear(fiscal_year), &calendar);
            let signer = crate::print_settings::load(conn)?.agency_head.name;
            let officer: Option<PersonId> = conn
                .query_row(
                    "SELECT u.person_id FROM users u JOIN user_roles r ON r.user_id = u.id
                     WHERE r.role = 'supplies_officer' AND u.active = 1 AND u.person_id IS NOT NULL
                     ORDER BY u.id LIMIT 1",
                    [],
                    |r| r.get(0),
                )
                .optional()?;
            let exists = conn
                .query_row(
                    "SELECT id FROM check_rounds WHERE kind = 'annual' AND fiscal_year = ?1",
                    [fiscal_year],
                    |r| r.get(0),
                )
                .optional()?;
            Ok(AnnualProposal {
                fiscal_year,
                name: format!("ตรวจสอบพัสดุประจำปีงบประมาณ {fiscal_year}"),
                period_from: dates.period_from,
                period_to: dates.period_to,
                as_of: dates.as_of,
                order_date: dates.order_date,
                order_window: dates.order_window,
                starts_on: dates.starts_on,
                report_due_on: dates.report_due_on,
                order_signer: signer,
                officer_id: officer,
                exists,
            })
        })
    }

    /// Sets up a new round (a draft: nothing is fixed until it is opened).
    pub fn create_round(&self, actor: &Actor, input: &RoundInput) -> Result<CheckRound> {
        let calendar = self.work_calendar()?;
        self.change(actor, Some(Permission::ManageChecks), |change| {
            let valid = validate(change, input, &calendar, None)?;
            change.execute(
                "INSERT INTO check_rounds (name, kind, fiscal_year, as_of, starts_on, ends_on,
                     report_due_on, order_no, order_date, order_signer, officer_id, notes,
                     created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                params![
                    valid.input.name,
                    valid.input.kind,
                    valid.fiscal_year,
                    valid.input.as_of,
                    valid.input.starts_on,
                    valid.input.ends_on,
                    valid.report_due_on,
                    valid.input.order_no,
                    valid.input.order_date,
                    valid.input.order_signer,
                    valid.input.officer_id,
                    valid.input.notes,
                    change.stamp(),
                    change.actor.user_id,
                ],
            )?;
            let id = RoundId(change.last_insert_rowid());
            write_scope_and_members(change, id, &valid.input)?;
            let round = store::load_round(change, id, &change.actor)?;
            change.record(Event::new("check.create", "check_round", id).after(&round))?;
            Ok(round)
        })
    }

    /// Changes a round that has not been opened.
    pub fn update_round(&self, actor: &Actor, input: &RoundUpdate) -> Result<CheckRound> {
        let calendar = self.work_calendar()?;
        self.change(actor, Some(Permission::ManageChecks), |change| {
            let before = store::load_round(change, input.id, &change.actor)?;
            store::require_status(&before, RoundStatus::Draft)?;
            let valid = validate(change, &input.round, &calendar, Some(input.id))?;
            change.execute(
                "UPDATE check_rounds SET name = ?1, kind = ?2, fiscal_year = ?3, as_of = ?4,
                     starts_on = ?5, ends_on = ?6, report_due_on = ?7, order_no = ?8,
                     order_date = ?9, order_signer = ?10, officer_id = ?11, notes = ?12
                 WHERE id = ?13",
                params![
                    valid.input.name,
                    valid.input.kind,
                    valid.fiscal_year,
                    valid.input.as_of,
                    valid.input.starts_on,
                    valid.input.ends_on,
                    valid.report_due_on,
                    valid.input.order_no,
                    valid.input.order_date,
                    valid.input.order_signer,
                    valid.input.officer_id,
                    valid.input.notes,
                    input.id,
                ],
            )?;
            change.execute("DELETE FROM check_scope WHERE round_id = ?1", [input.id])?;
            change.execute("DELETE FROM check_members WHERE round_id = ?1", [input.id])?;
            write_scope_and_members(change, input.id, &valid.input)?;
            let after = store::load_round(change, input.id, &change.actor)?;
            change.record_edit(
                Event::new("check.update", "check_round", input.id)
                    .before(&before)
                    .after(&after),
            )?;
            Ok(after)
        })
    }

    /// Opens a round: its expected list is fixed from the register as of its as-of date,
    /// and counting may start.
    pub fn open_round(&self, actor: &Actor, id: RoundId) -> Result<CheckRound> {
        // An annual round writes a line per item: copy the log into the file afterwards,
        // as an import does, rather than while the officer waits.
        self.with_checkpoint_afterwards(|| self.open_round_now(actor, id))
    }

    fn open_round_now(&self, actor: &Actor, id: RoundId) -> Result<CheckRound> {
        self.change(actor, Some(Permission::ManageChecks), |change| {
            let round = store::load_round(change, id, &change.actor)?;
            store::require_status(&round, RoundStatus::Draft)?;
            if round.as_of > change.today() {
                return Err(Error::invalid("asOf", "the as-of date is still to come"));
            }
            if round.members.is_empty() {
                return Err(Error::required("members"));
            }
            let lines = snapshot::fix_expected_lines(change, id, round.as_of)?;
            if lines == 0 {
                return Err(Error::invalid(
                    "scope",
                    "no item of the register is in this round's scope",
                ));
            }
            change.execute(
                "UPDATE check_rounds SET status = 'open', opened_at = ?1, opened_by = ?2 WHERE id = ?3",
                params![change.stamp(), change.actor.user_id, id],
            )?;
            let mut after = store::load_round(change, id, &change.actor)?;
            after.progress = super::views::progress_of(change, id)?;
            change.record(
                Event::new("check.open", "check_round", id)
                    .after(&serde_json::json!({ "name": after.name, "lines": lines })),
            )?;
            Ok(after)
        })
    }

    /// Removes a round that was never opened (nothing was counted in it).
    pub fn cancel_round(&self, actor: &Actor, id: RoundId) -> Result<()> {
        self.change(actor, Some(Permission::ManageChecks), |change| {
            let round = store::load_round(change, id, &change.actor)?;
            store::require_status(&round, RoundStatus::Draft)?;
            change.execute("DELETE FROM check_rounds WHERE id = ?1", [id])?;
            change.record(Event::new("check.cancel", "check_round", id).before(&round))
        })
    }
}

/// A round input that passed every check.
struct ValidRound {
    input: RoundInput,
    fiscal_year: i32,
    report_due_on: Option<NaiveDate>,
}

fn validate(
    conn: &Connection,
    input: &RoundInput,
    calendar: &WorkCalendar,
    editing: Option<RoundId>,
) -> Result<ValidRound> {
    let mut clean = RoundInput {
        name: text::required("name", &input.name, 200)?,
        order_no: text::optional("orderNo", &input.order_no, 100)?,
        order_signer: text::optional("orderSigner", &input.order_signer, 200)?,
        notes: text::optional("notes", &input.notes, 2000)?,
        ..input.clone()
    };
    if clean.ends_on < clean.starts_on {
        return Err(Error::invalid("endsOn", "before the first day of counting"));
    }
    if clean.as_of > clean.ends_on {
        return Err(Error::invalid("asOf", "after the last day of counting"));
    }
    check_scope(conn, &clean.scope)?;
    let (fiscal_year, report_due_on) = match clean.kind {
        RoundKind::Periodic => {
            if let Some(m) = clean.members.iter().find(|m| m.role != MemberRole::Checker) {
                return Err(Error::invalid(
                    "members",
                    format!("a periodic round has checkers, not a {}", m.role.as_str()),
                ));
            }
            (FiscalYear::of(clean.as_of).be_year(), None)
        }
        RoundKind::Annual => {
            let year = clean
                .fiscal_year
                .ok_or_else(|| Error::required("fiscalYear"))?;
            if !clean.scope.is_whole() {
                return Err(Error::invalid(
                    "scope",
                    "the annual check covers the whole register",
                ));
            }
            clean.scope = RoundScope::default();
            let taken: Option<RoundId> = conn
                .query_row(
                    "SELECT id FROM check_rounds WHERE kind = 'annual' AND fiscal_year = ?1",
                    [year],
                    |r| r.get(0),
                )
                .optional()?;
            if taken.is_some_and(|t| Some(t) != editing) {
                return Err(Error::duplicate("fiscalYear", year.to_string()));
            }
            check_committee(conn, &clean.members, clean.officer_id)?;
            (
                year,
                Some(calendar.add_working_days(clean.starts_on, REPORT_WORKING_DAYS)),
            )
        }
    };
    check_members(conn, &clean.members)?;
    if clean.kind == RoundKind::Periodic {
        clean.fiscal_year = Some(fiscal_year);
    }
    Ok(ValidRound {
        input: clean,
        fiscal_year,
        report_due_on,
    })
}

/// Every person named exists, is active, and is named once.
fn check_members(conn: &Connection, members: &[MemberInput]) -> Result<()> {
    if members.is_empty() {
        return Err(Error::required("members"));
    }
    for (i, m) in members.iter().enumerate() {
        if members[..i].iter().any(|o| o.person_id == m.person_id) {
            return Err(Error::invalid(
                "members",
                format!("person {} is named twice", m.person_id),
            ));
        }
        let active: Option<bool> = conn
            .query_row(
                "SELECT active FROM people WHERE id = ?1",
                [m.person_id],
                |r| r.get(0),
            )
            .optional()?;
        match active {
            None => {
                return Err(Error::invalid(
                    "members",
                    format!("person {} does not exist", m.person_id),
                ));
            }
            Some(false) => {
                return Err(Error::invalid(
                    "members",
                    format!("person {} has left", m.person_id),
                ));
            }
            Some(true) => {}
        }
    }
    Ok(())
}

/// The annual committee (ข้อ ๒๑๓): one chair, at most one secretary, at least two people,
/// and nobody who is a supplies officer — by role, or as the officer named on the round.
fn check_committee(
    conn: &Connection,
    members: &[MemberInput],
    officer: Option<PersonId>,
) -> Result<()> {
    let count = |role: MemberRole| members.iter().filter(|m| m.role == role).count();
    if members.iter().any(|m| m.role == MemberRole::Checker) {
        return Err(Error::invalid(
            "members",
            "an annual committee has a chair, members and a secretary",
        ));
    }
    if count(MemberRole::Chair) != 1 {
        return Err(Error::invalid(
            "members",
            "the committee needs exactly one chair",
        ));
    }
    if count(MemberRole::Secretary) > 1 {
        return Err(Error::invalid(
            "members",
            "the committee has one secretary at most",
        ));
    }
    if members.len() < 2 {
        return Err(Error::invalid(
            "members",
            "a committee has at least two members",
        ));
    }
    for m in members {
        let holds_role: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM users u JOIN user_roles r ON r.user_id = u.id
                            WHERE u.person_id = ?1 AND r.role = 'supplies_officer')",
            [m.person_id],
            |r| r.get(0),
        )?;
        if holds_role || Some(m.person_id) == officer {
            let name = store::person_name(conn, m.person_id)?;
            return Err(Error::CommitteeIncludesOfficer { name });
        }
    }
    Ok(())
}

/// Every division, location and category the scope names exists.
fn check_scope(conn: &Connection, scope: &RoundScope) -> Result<()> {
    let exists = |table: &str, id: i64| -> Result<bool> {
        Ok(conn.query_row(
            &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"),
            [id],
            |r| r.get(0),
        )?)
    };
    for id in &scope.division_ids {
        if !exists("divisions", id.0)? {
            return Err(Error::invalid(
                "scope",
                format!("division {id} does not exist"),
            ));
        }
    }
    for id in &scope.location_ids {
        if !exists("locations", id.0)? {
            return Err(Error::invalid(
                "scope",
                format!("location {id} does not exist"),
            ));
        }
    }
    for id in &scope.category_ids {
        if !exists("categories", id.0)? {
            return Err(Error::invalid(
                "scope",
                format!("category {id} does not exist"),
            ));
        }
    }
    Ok(())
}

fn write_scope_and_members(change: &Change<'_>, id: RoundId, input: &RoundInput) -> Result<()> {
    let mut scope = change.prepare_cached(
        "INSERT OR IGNORE INTO check_scope (round_id, kind, ref_id) VALUES (?1, ?2, ?3)",
    )?;
    let s = &input.scope;
    for (kind, ids) in [
        (
            ScopeKind::Division,
            s.division_ids.iter().map(|i| i.0).collect::<Vec<_>>(),
        ),
        (
            ScopeKind::Location,
            s.location_ids.iter().map(|i| i.0).collect(),
        ),
        (
            ScopeKind::Category,
            s.category_ids.iter().map(|i| i.0).collect(),
        ),
    ] {
        for ref_id in ids {
            scope.execute(params![id, kind, ref_id])?;
        }
    }
    let mut member = change.prepare_cached(
        "INSERT INTO check_members (round_id, person_id, role, seq) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (seq, m) in input.members.iter().enumerate() {
        member.execute(params![id, m.person_id, m.role, seq as i64])?;
    }
    Ok(())
}
