//! Reading loans back from the register, and their slip numbers.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::approvers::{self, DelegationWording};
use super::{ItemState, Loan, LoanItem, LoanKind, LoanStatus, handover, overdue};
use crate::calendar::FiscalYear;
use crate::error::{Error, Result};
use crate::ids::{DivisionId, LoanId, PersonId, UserId};

/// The next slip number of the fiscal year `date` falls in: `1/2568`, `2/2568`, …
pub(crate) fn next_loan_no(conn: &Connection, date: NaiveDate) -> Result<String> {
    let year = FiscalYear::of(date).be_year();
    let last: i64 = conn.query_row(
        "INSERT INTO loan_counters (fiscal_year, last) VALUES (?1, 1)
             ON CONFLICT (fiscal_year) DO UPDATE SET last = last + 1 RETURNING last",
        [year],
        |r| r.get(0),
    )?;
    Ok(format!("{last}/{year}"))
}

/// The columns every loan query reads, in the order `LoanHead` takes them.
pub(crate) const SELECT_LOAN: &str = "SELECT l.id, l.loan_no, l.status, l.kind, l.borrower_id,
        CASE WHEN l.kind = 'agency' THEN l.agency_name
             ELSE trim(p.title || p.first_name || ' ' || p.last_name) END,
        ifnull(p.position, ''), pd.name, ifnull(p.phone, ''), l.agency_name, l.agency_letter_no,
        l.purpose, l.place_of_use, l.starts_on, l.due_on, l.long_loan_reason, l.notes,
        l.division_id, d.name, l.paper_no, eu.full_name, l.submitted_at, l.decided_at,
        du.full_name, fu.full_name, l.decided_wording, l.decision_reason, l.closed_at,
        l.cancelled_at, l.cancel_reason, l.created_at, l.entered_by,
        (SELECT nullif(dp.position, '') FROM people dp WHERE dp.id = du.person_id),
        l.undertaking_at
    FROM loans l
    LEFT JOIN people p ON p.id = l.borrower_id
    LEFT JOIN divisions pd ON pd.id = p.division_id
    LEFT JOIN divisions d ON d.id = l.division_id
    LEFT JOIN users eu ON eu.id = l.entered_by
    LEFT JOIN users du ON du.id = l.decided_by
    LEFT JOIN users fu ON fu.id = l.decided_for";

/// A loan without its items: what checks need, plus the ids the detail does not show.
pub(crate) struct LoanHead {
    pub loan: Loan,
    pub entered_by: Option<UserId>,
}

fn head_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<LoanHead> {
    Ok(LoanHead {
        loan: Loan {
            id: r.get(0)?,
            loan_no: r.get(1)?,
            status: r.get(2)?,
            kind: r.get(3)?,
            borrower_id: r.get(4)?,
            borrower_name: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
            borrower_position: r.get(6)?,
            borrower_division: r.get(7)?,
            borrower_phone: r.get(8)?,
            agency_name: r.get(9)?,
            agency_letter_no: r.get(10)?,
            purpose: r.get(11)?,
            place_of_use: r.get(12)?,
            starts_on: r.get(13)?,
            due_on: r.get(14)?,
            long_loan_reason: r.get(15)?,
            notes: r.get(16)?,
            division_id: r.get(17)?,
            division_name: r.get(18)?,
            paper_no: r.get(19)?,
            entered_by_name: r.get(20)?,
            submitted_at: r.get(21)?,
            decided_at: r.get(22)?,
            decided_by_name: r.get(23)?,
            decided_for_name: r.get(24)?,
            decided_by_position: r.get(32)?,
            decided_wording: r.get::<_, Option<DelegationWording>>(25)?,
            decision_reason: r.get(26)?,
            closed_at: r.get(27)?,
            cancelled_at: r.get(28)?,
            cancel_reason: r.get(29)?,
            created_at: r.get(30)?,
            undertaking_at: r.get(33)?,
            items: Vec::new(),
            follow_ups: Vec::new(),
            compensation: Vec::new(),
            approvers: Vec::new(),
            overdue_days: None,
            follow_up_due_on: None,
        },
        entered_by: r.get(31)?,
    })
}

/// The loan's head row.
pub(crate) fn head(conn: &Connection, id: LoanId) -> Result<LoanHead> {
    conn.query_row(
        &format!("{SELECT_LOAN} WHERE l.id = ?1"),
        [id],
        head_from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("loan", id))
}

/// The items of a loan, in slip order.
pub(crate) fn items(conn: &Connection, id: LoanId) -> Result<Vec<LoanItem>> {
    let mut stmt = conn.prepare_cached(
        "SELECT li.asset_id, a.code, a.name, a.unit_price, li.line, li.state, li.handed_out_at,
                hu.full_name, li.received_by_name, li.condition_out, li.returned_at,
                li.returned_by_name, ru.full_name, li.condition_back, li.return_notes
         FROM loan_items li JOIN assets a ON a.id = li.asset_id
         LEFT JOIN users hu ON hu.id = li.handed_out_by
         LEFT JOIN users ru ON ru.id = li.received_back_by
         WHERE li.loan_id = ?1 ORDER BY li.line",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(LoanItem {
            asset_id: r.get(0)?,
            code: r.get(1)?,
            name: r.get(2)?,
            unit_price: r.get(3)?,
            line: r.get(4)?,
            state: r.get(5)?,
            handed_out_at: r.get(6)?,
            handed_out_by_name: r.get(7)?,
            received_by_name: r.get(8)?,
            condition_out: r.get(9)?,
            returned_at: r.get(10)?,
            returned_by_name: r.get(11)?,
            received_back_by_name: r.get(12)?,
            condition_back: r.get(13)?,
            return_notes: r.get(14)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// A loan in full, as of `today` (for the derived overdue facts and who may decide).
pub(crate) fn load(conn: &Connection, id: LoanId, today: NaiveDate) -> Result<Loan> {
    let mut loan = head(conn, id)?.loan;
    loan.items = items(conn, id)?;
    loan.follow_ups = overdue::follow_ups(conn, id)?;
    loan.compensation = handover::cases_of(conn, id)?;
    if matches!(loan.status, LoanStatus::Draft | LoanStatus::Submitted) {
        loan.approvers = approvers::approver_names(conn, loan.kind, loan.division_id, today)?;
    }
    let any_out = loan.items.iter().any(|i| i.state == ItemState::Out);
    if any_out && loan.due_on < today {
        loan.overdue_days = Some((today - loan.due_on).num_days());
        loan.follow_up_due_on = Some(overdue::follow_up_deadline(loan.due_on));
    }
    Ok(loan)
}

/// The person a user account is linked to, if any.
pub(crate) fn person_of_user(conn: &Connection, user: UserId) -> Result<Option<PersonId>> {
    Ok(conn
        .query_row("SELECT person_id FROM users WHERE id = ?1", [user], |r| {
            r.get(0)
        })
        .optional()?
        .flatten())
}

/// Whether `user` is the borrower of a loan (through their linked person).
pub(crate) fn is_borrower(
    conn: &Connection,
    user: UserId,
    borrower: Option<PersonId>,
) -> Result<bool> {
    let Some(borrower) = borrower else {
        return Ok(false);
    };
    Ok(person_of_user(conn, user)? == Some(borrower))
}

/// For separation of duties: whether `user` is, or may be, the borrower. Through the
/// linked person when the account has one; an account linked to nobody counts as the
/// borrower when its name is the borrower's (titles and spacing aside), so leaving an
/// account unlinked is no way round "nobody approves their own loan".
pub(crate) fn may_be_borrower(
    conn: &Connection,
    user: UserId,
    borrower: Option<PersonId>,
) -> Result<bool> {
    let Some(borrower) = borrower else {
        return Ok(false);
    };
    if let Some(person) = person_of_user(conn, user)? {
        return Ok(person == borrower);
    }
    let account: Option<String> = conn
        .query_row("SELECT full_name FROM users WHERE id = ?1", [user], |r| {
            r.get(0)
        })
        .optional()?;
    let person: Option<String> = conn
        .query_row(
            "SELECT first_name || ' ' || last_name FROM people WHERE id = ?1",
            [borrower],
            |r| r.get(0),
        )
        .optional()?;
    Ok(match (account, person) {
        (Some(account), Some(person)) => {
            crate::import::resolve::person_key(&account)
                == crate::import::resolve::person_key(&person)
        }
        _ => false,
    })
}

/// Sets a loan's status and stamps it.
pub(crate) fn set_status(
    conn: &Connection,
    id: LoanId,
    status: LoanStatus,
    stamp: &str,
) -> Result<()> {
    conn.execute(
        "UPDATE loans SET status = ?1, updated_at = ?2 WHERE id = ?3",
        params![status, stamp, id],
    )?;
    Ok(())
}

/// The kind and division of a loan, which decide its approver.
pub(crate) fn approval_key(loan: &Loan) -> (LoanKind, Option<DivisionId>) {
    (loan.kind, loan.division_id)
}
