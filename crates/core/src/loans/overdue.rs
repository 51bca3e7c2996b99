//! Overdue loans and their follow-up (ข้อ ๒๑๑).
//!
//! A loan is overdue when an item is still out after its due date. The supplies officer
//! must chase it within 7 days of the due date; each chase is recorded (date, letter no.,
//! how). From the second chase on the letter goes to the borrower's division head as well,
//! and the record names them.

use chrono::{Days, NaiveDate};
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::requests::refused;
use super::{Loan, LoanStatus, code_enum, store};
use crate::audit::Event;
use crate::auth::{Permission, Role};
use crate::error::{Error, Result};
use crate::ids::{FollowUpId, LoanId};
use crate::register::{Actor, Register};
use crate::text;

/// Days after the due date within which the first follow-up is due.
pub const FOLLOW_UP_DAYS: u64 = 7;

/// How a borrower was chased.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpMethod {
    /// A letter (บันทึกข้อความ / หนังสือ).
    Letter,
    /// By telephone.
    Phone,
    /// In person.
    InPerson,
    /// Another way (say which in the notes).
    Other,
}
code_enum!(FollowUpMethod {
    Letter => "letter",
    Phone => "phone",
    InPerson => "in_person",
    Other => "other",
});

impl FollowUpMethod {
    /// As lists print it.
    pub fn thai(self) -> &'static str {
        match self {
            FollowUpMethod::Letter => "หนังสือ",
            FollowUpMethod::Phone => "โทรศัพท์",
            FollowUpMethod::InPerson => "พบด้วยตนเอง",
            FollowUpMethod::Other => "วิธีอื่น",
        }
    }
}

/// A recorded chase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FollowUp {
    /// Id.
    pub id: FollowUpId,
    /// 1 for the first chase; 2 and on escalate.
    pub round: u32,
    /// When.
    pub on_date: NaiveDate,
    /// The letter's number.
    pub letter_no: String,
    /// How.
    pub method: FollowUpMethod,
    /// The division head(s) the chase also went to (from round 2).
    pub escalated_to: String,
    /// Notes.
    pub notes: String,
    /// Who recorded it.
    pub recorded_by_name: Option<String>,
}

/// A chase to record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FollowUpInput {
    /// The loan.
    pub loan_id: LoanId,
    /// When.
    pub on_date: NaiveDate,
    /// The letter's number (required for a letter).
    pub letter_no: String,
    /// How.
    pub method: FollowUpMethod,
    /// Notes.
    pub notes: String,
}

/// One line of the overdue list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OverdueLoan {
    /// The loan.
    pub loan_id: LoanId,
    /// Its slip number.
    pub loan_no: String,
    /// Borrower (person or agency).
    pub borrower_name: String,
    /// Items still out.
    pub items_out: u32,
    /// The due date.
    pub due_on: NaiveDate,
    /// Days past it.
    pub days_overdue: i64,
    /// Chases recorded so far.
    pub follow_ups: u32,
    /// The last chase.
    pub last_follow_up_on: Option<NaiveDate>,
    /// The last day for the first chase.
    pub follow_up_due_on: NaiveDate,
    /// No chase yet and its deadline has passed.
    pub follow_up_late: bool,
}

/// The last day for the first follow-up of a loan due on `due_on`.
pub fn follow_up_deadline(due_on: NaiveDate) -> NaiveDate {
    due_on
        .checked_add_days(Days::new(FOLLOW_UP_DAYS))
        .unwrap_or(due_on)
}

/// The follow-ups of a loan, in order.
pub(crate) fn follow_ups(conn: &Connection, loan: LoanId) -> Result<Vec<FollowUp>> {
    let mut stmt = conn.prepare_cached(
        "SELECT f.id, f.round, f.on_date, f.letter_no, f.method, f.escalated_to, f.notes, u.full_name
         FROM loan_follow_ups f LEFT JOIN users u ON u.id = f.recorded_by
         WHERE f.loan_id = ?1 ORDER BY f.round",
    )?;
    let rows = stmt.query_map([loan], |r| {
        Ok(FollowUp {
            id: r.get(0)?,
            round: r.get(1)?,
            on_date: r.get(2)?,
            letter_no: r.get(3)?,
            method: r.get(4)?,
            escalated_to: r.get(5)?,
            notes: r.get(6)?,
            recorded_by_name: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The overdue loans on `today`, most overdue first.
pub(crate) fn overdue_on(conn: &Connection, today: NaiveDate) -> Result<Vec<OverdueLoan>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.id, l.loan_no,
                CASE WHEN l.kind = 'agency' THEN l.agency_name
                     ELSE trim(p.title || p.first_name || ' ' || p.last_name) END,
                (SELECT count(*) FROM loan_items li WHERE li.loan_id = l.id AND li.state = 'out'),
                l.due_on,
                (SELECT count(*) FROM loan_follow_ups f WHERE f.loan_id = l.id),
                (SELECT max(on_date) FROM loan_follow_ups f WHERE f.loan_id = l.id)
         FROM loans l LEFT JOIN people p ON p.id = l.borrower_id
         WHERE l.status = 'out' AND l.due_on < ?1
           AND EXISTS (SELECT 1 FROM loan_items li WHERE li.loan_id = l.id AND li.state = 'out')
         ORDER BY l.due_on, l.id",
    )?;
    let rows = stmt.query_map([today], |r| {
        let due_on: NaiveDate = r.get(4)?;
        let follow_ups: u32 = r.get(5)?;
        let deadline = follow_up_deadline(due_on);
        Ok(OverdueLoan {
            loan_id: r.get(0)?,
            loan_no: r.get(1)?,
            borrower_name: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
            items_out: r.get(3)?,
            due_on,
            days_overdue: (today - due_on).num_days(),
            follow_ups,
            last_follow_up_on: r.get(6)?,
            follow_up_due_on: deadline,
            follow_up_late: follow_ups == 0 && today > deadline,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The names of the heads of the borrower's division, for an escalated chase.
fn borrowers_heads(conn: &Connection, loan: &Loan) -> Result<String> {
    let Some(borrower) = loan.borrower_id else {
        return Ok(String::new());
    };
    let mut stmt = conn.prepare_cached(
        "SELECT u.full_name FROM people p
         JOIN user_roles r ON r.division_id = p.division_id AND r.role = ?2
         JOIN users u ON u.id = r.user_id AND u.active = 1
         WHERE p.id = ?1 ORDER BY u.id",
    )?;
    let names = stmt
        .query_map(params![borrower, Role::DivisionHead.as_str()], |r| {
            r.get::<_, String>(0)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(names.join(", "))
}

impl Register {
    /// The loans chased (ข้อ ๒๑๑) on a day of `fiscal_year` (B.E.), in slip order: what
    /// the ITA evidence lists as the year's follow-ups.
    pub fn followed_up_loans(&self, actor: &Actor, fiscal_year: i32) -> Result<Vec<LoanId>> {
        let year = crate::calendar::FiscalYear(fiscal_year);
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            let mut stmt = conn.prepare_cached(
                "SELECT DISTINCT f.loan_id FROM loan_follow_ups f JOIN loans l ON l.id = f.loan_id
                 WHERE f.on_date BETWEEN ?1 AND ?2 ORDER BY l.starts_on, l.id",
            )?;
            let ids = stmt
                .query_map(rusqlite::params![year.start(), year.end()], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<LoanId>>>()?;
            Ok(ids)
        })
    }

    /// Loans with items out past their due date, most overdue first.
    pub fn overdue_loans(&self, actor: &Actor) -> Result<Vec<OverdueLoan>> {
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            overdue_on(conn, self.today())
        })
    }

    /// Records a chase of an overdue loan.
    pub fn record_follow_up(&self, actor: &Actor, input: &FollowUpInput) -> Result<Loan> {
        self.change(actor, Some(Permission::ManageLoans), |change| {
            let today = change.today();
            let before = store::load(change, input.loan_id, today)?;
            if before.status != LoanStatus::Out {
                return Err(refused(before.status, "followed_up"));
            }
            if input.on_date > today {
                return Err(Error::invalid("onDate", "in the future"));
            }
            if input.on_date <= before.due_on {
                return Err(Error::invalid(
                    "onDate",
                    format!(
                        "the loan is due on {}; a follow-up comes after",
                        before.due_on
                    ),
                ));
            }
            let letter_no = text::optional("letterNo", &input.letter_no, 100)?;
            if input.method == FollowUpMethod::Letter && letter_no.is_empty() {
                return Err(Error::required("letterNo"));
            }
            let notes = text::optional("notes", &input.notes, 1000)?;
            if let Some(last) = before.follow_ups.last()
                && input.on_date < last.on_date
            {
                return Err(Error::invalid(
                    "onDate",
                    format!("before the previous follow-up of {}", last.on_date),
                ));
            }
            let round = before.follow_ups.len() as u32 + 1;
            let escalated_to = if round >= 2 {
                borrowers_heads(change, &before)?
            } else {
                String::new()
            };
            change.execute(
                "INSERT INTO loan_follow_ups (loan_id, round, on_date, letter_no, method,
                     escalated_to, notes, recorded_by, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    input.loan_id,
                    round,
                    input.on_date,
                    letter_no,
                    input.method,
                    escalated_to,
                    notes,
                    change.actor.user_id,
                    change.stamp()
                ],
            )?;
            let after = store::load(change, input.loan_id, today)?;
            change.record(
                Event::new("loan.follow_up", "loan", input.loan_id)
                    .before(&before)
                    .after(&after),
            )?;
            Ok(after)
        })
    }
}
