//! Sample check rounds, so a trainer can show the check area on the sample อบต.: a
//! periodic round of กองคลัง counted and closed last month (one item found in another
//! room, one damaged, one not found, its proposals waiting for the officer), and the
//! annual check of the fiscal year just ended, opened by its committee and part counted.
//!
//! Like the sample loans they are made through the same operations people use, by the
//! demo accounts who would take each step.

use chrono::{Days, NaiveDate};
use rusqlite::OptionalExtension;

use crate::calendar::FiscalYear;
use crate::checks::rounds::annual_dates;
use crate::checks::{
    CloseRound, Condition, LineCount, LineFilter, LineQuery, LineResult, MemberInput, MemberRole,
    RoundInput, RoundKind, RoundScope, ScanInput,
};
use crate::error::{Error, Result};
use crate::ids::{DivisionId, LocationId, PersonId, RoundId, UserId};
use crate::register::{Actor, Register};

fn user(register: &Register, username: &str) -> Result<Actor> {
    let id: Option<UserId> = register
        .conn()
        .query_row(
            "SELECT id FROM users WHERE username = ?1",
            [username],
            |r| r.get(0),
        )
        .optional()?;
    id.map(Actor::User)
        .ok_or_else(|| Error::Internal(format!("sample checks: no user {username}")))
}

fn person(register: &Register, first_name: &str) -> Result<PersonId> {
    let id: Option<PersonId> = register
        .conn()
        .query_row(
            "SELECT id FROM people WHERE first_name = ?1",
            [first_name],
            |r| r.get(0),
        )
        .optional()?;
    id.ok_or_else(|| Error::Internal(format!("sample checks: no person {first_name}")))
}

fn division(register: &Register, name: &str) -> Result<DivisionId> {
    let id: Option<DivisionId> = register
        .conn()
        .query_row("SELECT id FROM divisions WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .optional()?;
    id.ok_or_else(|| Error::Internal(format!("sample checks: no division {name}")))
}

fn location(register: &Register, name: &str) -> Result<LocationId> {
    let id: Option<LocationId> = register
        .conn()
        .query_row("SELECT id FROM locations WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .optional()?;
    id.ok_or_else(|| Error::Internal(format!("sample checks: no location {name}")))
}

fn members(register: &Register, who: &[(&str, MemberRole)]) -> Result<Vec<MemberInput>> {
    who.iter()
        .map(|(first, role)| {
            Ok(MemberInput {
                person_id: person(register, first)?,
                role: *role,
            })
        })
        .collect()
}

/// The round's lines in sheet order.
fn lines(
    register: &Register,
    actor: &Actor,
    round: RoundId,
) -> Result<Vec<crate::checks::CheckLine>> {
    Ok(register
        .round_lines(
            actor,
            &LineQuery {
                round_id: round,
                division_id: None,
                location_id: None,
                filter: LineFilter::All,
                text: None,
                offset: 0,
                limit: 1000,
            },
        )?
        .rows)
}

fn scan(
    register: &Register,
    who: &Actor,
    round: RoundId,
    code: &str,
    at: Option<LocationId>,
    condition: Option<Condition>,
) -> Result<()> {
    register.scan(
        who,
        &ScanInput {
            round_id: round,
            code: code.to_owned(),
            location_id: at,
            condition,
        },
    )?;
    Ok(())
}

/// Plays both rounds; returns how many were made.
pub(crate) fn load(register: &Register) -> Result<usize> {
    let today = register.clock().today();
    let officer = user(register, "officer")?;
    let checker1 = user(register, "committee1")?;
    let checker2 = user(register, "committee2")?;
    periodic(register, &officer, &checker1, &checker2, today)?;
    annual(register, &officer, &checker1, &checker2, today)?;
    Ok(2)
}

/// กองคลัง's check of last month, closed, with a few findings left for the officer.
fn periodic(
    register: &Register,
    officer: &Actor,
    checker1: &Actor,
    checker2: &Actor,
    today: NaiveDate,
) -> Result<()> {
    let day = today.checked_sub_days(Days::new(30)).unwrap_or(today);
    let finance = division(register, "กองคลัง")?;
    let round = register.create_round(
        officer,
        &RoundInput {
            kind: RoundKind::Periodic,
            name: format!(
                "ตรวจนับประจำงวด กองคลัง ({})",
                crate::calendar::format_date(
                    day,
                    crate::calendar::DateStyle::Short,
                    crate::calendar::Digits::Arabic
                )
            ),
            fiscal_year: None,
            as_of: day,
            starts_on: day,
            ends_on: day,
            scope: RoundScope {
                division_ids: vec![finance],
                ..Default::default()
            },
            members: members(
                register,
                &[
                    ("ธนากร", MemberRole::Checker),
                    ("ณัฐพล", MemberRole::Checker),
                ],
            )?,
            order_no: String::new(),
            order_date: None,
            order_signer: String::new(),
            officer_id: None,
            notes: String::new(),
        },
    )?;
    register.open_round(officer, round.id)?;
    let all = lines(register, officer, round.id)?;
    let archive = location(register, "ห้องเก็บเอกสารการเงิน")?;
    for (i, line) in all.iter().enumerate() {
        match i {
            // Found in the archive room instead of its own.
            0 if line.location_id != Some(archive) => scan(
                register,
                checker1,
                round.id,
                &line.code,
                Some(archive),
                None,
            )?,
            // Damaged.
            1 => scan(
                register,
                checker1,
                round.id,
                &line.code,
                line.location_id,
                Some(Condition::Damaged),
            )?,
            // Not seen: left for the closing choice.
            2 => {}
            // Keyed from the returned sheet by the second checker.
            _ if i % 2 == 0 => {
                register.record_count(
                    checker2,
                    &LineCount {
                        round_id: round.id,
                        line_id: line.id,
                        result: Some(LineResult::Found),
                        condition: None,
                        found_location_id: None,
                        note: String::new(),
                    },
                )?;
            }
            _ => scan(
                register,
                checker2,
                round.id,
                &line.code,
                line.location_id,
                None,
            )?,
        }
    }
    register.close_round(
        checker2,
        &CloseRound {
            round_id: round.id,
            rest_not_found: true,
        },
    )?;
    Ok(())
}

/// The annual check of the fiscal year just ended: opened, a third counted.
fn annual(
    register: &Register,
    officer: &Actor,
    checker1: &Actor,
    checker2: &Actor,
    today: NaiveDate,
) -> Result<()> {
    let calendar = register.work_calendar()?;
    let year = FiscalYear::of(today).previous();
    let dates = annual_dates(year, &calendar);
    let p = register.propose_annual_round(officer, year.be_year())?;
    let round = register.create_round(
        officer,
        &RoundInput {
            kind: RoundKind::Annual,
            name: p.name,
            fiscal_year: Some(year.be_year()),
            as_of: dates.as_of,
            starts_on: dates.starts_on,
            ends_on: calendar.add_working_days(dates.starts_on, 9),
            scope: RoundScope::default(),
            members: members(
                register,
                &[
                    ("ธนากร", MemberRole::Chair),
                    ("ณัฐพล", MemberRole::Member),
                    ("ปวีณา", MemberRole::Secretary),
                ],
            )?,
            order_no: format!("512/{}", year.be_year()),
            order_date: Some(dates.order_date),
            order_signer: p.order_signer,
            officer_id: p.officer_id,
            notes: String::new(),
        },
    )?;
    register.open_round(officer, round.id)?;
    let all = lines(register, officer, round.id)?;
    for (i, line) in all.iter().enumerate().filter(|(i, _)| i % 3 == 0) {
        let who = if i % 2 == 0 { checker1 } else { checker2 };
        scan(register, who, round.id, &line.code, line.location_id, None)?;
    }
    Ok(())
}
