//! Looking at loans: the loan register (ITA evidence), one loan, the approval inbox, an
//! item's loan history and the dashboard counts.

use chrono::{Days, NaiveDate};
use rusqlite::Connection;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::approvers::{self, Standing};
use super::{Loan, LoanKind, LoanStatus, overdue, store};
use crate::auth::Permission;
use crate::calendar::FiscalYear;
use crate::error::Result;
use crate::ids::{AssetId, LoanId, PersonId, UserId};
use crate::register::{Actor, Register};

/// Which loans to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LoanQuery {
    /// Only loans starting in this fiscal year (B.E.).
    pub fiscal_year: Option<i32>,
    /// Only this status.
    pub status: Option<LoanStatus>,
    /// Only overdue loans.
    pub overdue: bool,
    /// Only this borrower.
    pub borrower_id: Option<PersonId>,
    /// Only loans of this item.
    pub asset_id: Option<AssetId>,
    /// Only loans with items out that are due from today to this many days on (the
    /// dashboard's "due this week" is 6: today and the next six days).
    #[serde(default)]
    pub due_within_days: Option<u32>,
    /// Only loans with an open compensation case.
    #[serde(default)]
    pub open_compensation: bool,
}

/// One line of a loan list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LoanRow {
    /// Id.
    pub id: LoanId,
    /// Slip number.
    pub loan_no: String,
    /// Where it stands.
    pub status: LoanStatus,
    /// Which case.
    pub kind: LoanKind,
    /// Borrower (person or agency).
    pub borrower_name: String,
    /// Purpose.
    pub purpose: String,
    /// First day.
    pub starts_on: NaiveDate,
    /// Due date.
    pub due_on: NaiveDate,
    /// Items on the slip (not counting withdrawn ones).
    pub items: u32,
    /// Items out now.
    pub items_out: u32,
    /// The items' codes, for the list.
    pub codes: String,
    /// The items as people know them, "code name" each, one per line (the list shows the
    /// first and the rest on hover).
    pub item_names: String,
    /// Who decided.
    pub decided_by_name: Option<String>,
    /// When the last item came back.
    pub closed_at: Option<String>,
    /// Days overdue, if it is.
    pub overdue_days: Option<i64>,
}

/// A request waiting for the acting user's decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InboxItem {
    /// The request.
    pub loan: LoanRow,
    /// On what footing the user decides it.
    pub standing: Standing,
    /// The borrower's other loans now out.
    pub borrower_open_loans: u32,
    /// How many of those are overdue.
    pub borrower_overdue_loans: u32,
}

/// The home screen's counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    /// Items with borrowers now.
    pub items_on_loan: u32,
    /// Loans due back within the next 7 days (today included).
    pub due_this_week: u32,
    /// Loans with items out past their due date.
    pub overdue: u32,
    /// Requests waiting for the acting user's decision.
    pub awaiting_my_decision: u32,
    /// Requests waiting for anyone's decision.
    pub awaiting_decision: u32,
    /// Overdue loans not chased within 7 days of their due date.
    pub follow_ups_late: u32,
    /// Compensation cases still open.
    pub open_compensation: u32,
}

const SELECT_ROW: &str = "SELECT l.id, l.loan_no, l.status, l.kind,
        CASE WHEN l.kind = 'agency' THEN l.agency_name
             ELSE trim(p.title || p.first_name || ' ' || p.last_name) END,
        l.purpose, l.starts_on, l.due_on,
        (SELECT count(*) FROM loan_items li WHERE li.loan_id = l.id AND li.state <> 'withdrawn'),
        (SELECT count(*) FROM loan_items li WHERE li.loan_id = l.id AND li.state = 'out'),
        (SELECT group_concat(a.code, ', ') FROM loan_items li JOIN assets a ON a.id = li.asset_id
          WHERE li.loan_id = l.id),
        du.full_name, l.closed_at,
        (SELECT group_concat(a.code || ' ' || a.name, char(10)) FROM loan_items li
          JOIN assets a ON a.id = li.asset_id WHERE li.loan_id = l.id)
    FROM loans l LEFT JOIN people p ON p.id = l.borrower_id LEFT JOIN users du ON du.id = l.decided_by";

fn rows(
    conn: &Connection,
    filter: &str,
    args: Vec<Value>,
    today: NaiveDate,
) -> Result<Vec<LoanRow>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT_ROW} {filter} ORDER BY l.starts_on DESC, l.id DESC"
    ))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| {
        let due_on: NaiveDate = r.get(7)?;
        let items_out: u32 = r.get(9)?;
        Ok(LoanRow {
            id: r.get(0)?,
            loan_no: r.get(1)?,
            status: r.get(2)?,
            kind: r.get(3)?,
            borrower_name: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
            purpose: r.get(5)?,
            starts_on: r.get(6)?,
            due_on,
            items: r.get(8)?,
            items_out,
            codes: r.get::<_, Option<String>>(10)?.unwrap_or_default(),
            decided_by_name: r.get(11)?,
            closed_at: r.get(12)?,
            item_names: r.get::<_, Option<String>>(13)?.unwrap_or_default(),
            overdue_days: (items_out > 0 && due_on < today).then(|| (today - due_on).num_days()),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

fn list(conn: &Connection, query: &LoanQuery, today: NaiveDate) -> Result<Vec<LoanRow>> {
    let mut clauses = Vec::new();
    let mut args = Vec::new();
    if let Some(year) = query.fiscal_year {
        let fy = FiscalYear(year);
        clauses.push("l.starts_on BETWEEN ? AND ?");
        args.push(Value::Text(fy.start().to_string()));
        args.push(Value::Text(fy.end().to_string()));
    }
    if let Some(status) = query.status {
        clauses.push("l.status = ?");
        args.push(Value::Text(status.as_str().to_owned()));
    }
    if query.overdue {
        clauses.push(
            "l.due_on < ? AND EXISTS (SELECT 1 FROM loan_items li WHERE li.loan_id = l.id AND li.state = 'out')",
        );
        args.push(Value::Text(today.to_string()));
    }
    if let Some(person) = query.borrower_id {
        clauses.push("l.borrower_id = ?");
        args.push(Value::Integer(person.0));
    }
    if let Some(asset) = query.asset_id {
        clauses.push(
            "EXISTS (SELECT 1 FROM loan_items li WHERE li.loan_id = l.id AND li.asset_id = ?)",
        );
        args.push(Value::Integer(asset.0));
    }
    if let Some(days) = query.due_within_days {
        // The same rule as the dashboard's count.
        let last = today
            .checked_add_days(Days::new(u64::from(days)))
            .unwrap_or(today);
        clauses.push(
            "l.status = 'out' AND l.due_on BETWEEN ? AND ?
             AND EXISTS (SELECT 1 FROM loan_items li WHERE li.loan_id = l.id AND li.state = 'out')",
        );
        args.push(Value::Text(today.to_string()));
        args.push(Value::Text(last.to_string()));
    }
    if query.open_compensation {
        clauses.push(
            "EXISTS (SELECT 1 FROM compensation_cases c WHERE c.loan_id = l.id AND c.status = 'open')",
        );
    }
    let filter = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    rows(conn, &filter, args, today)
}

/// The submitted requests `user` may decide today, oldest first, skipping their own.
fn inbox(conn: &Connection, user: UserId, today: NaiveDate) -> Result<Vec<InboxItem>> {
    let waiting = rows(conn, "WHERE l.status = 'submitted'", Vec::new(), today)?;
    let mut items = Vec::new();
    for row in waiting.into_iter().rev() {
        let head = store::head(conn, row.id)?;
        let (kind, division) = store::approval_key(&head.loan);
        let Some(standing) = approvers::standing(conn, user, kind, division, today)? else {
            continue;
        };
        if store::may_be_borrower(conn, user, head.loan.borrower_id)? {
            continue;
        }
        let (open, late) = match head.loan.borrower_id {
            Some(person) => conn.query_row(
                "SELECT count(*), count(*) FILTER (WHERE l.due_on < ?2) FROM loans l
                 WHERE l.borrower_id = ?1 AND l.status = 'out'",
                rusqlite::params![person, today],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?,
            None => (0, 0),
        };
        items.push(InboxItem {
            loan: row,
            standing,
            borrower_open_loans: open,
            borrower_overdue_loans: late,
        });
    }
    Ok(items)
}

impl Register {
    /// Loans matching the query, newest first (the loan register of a fiscal year is
    /// `fiscal_year` alone).
    pub fn list_loans(&self, actor: &Actor, query: &LoanQuery) -> Result<Vec<LoanRow>> {
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            list(conn, query, self.today())
        })
    }

    /// One loan in full.
    pub fn loan_detail(&self, actor: &Actor, id: LoanId) -> Result<Loan> {
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            store::load(conn, id, self.today())
        })
    }

    /// The requests waiting for the acting user's decision (as approver or stand-in).
    pub fn approval_inbox(&self, actor: &Actor) -> Result<Vec<InboxItem>> {
        self.read(
            actor,
            Some(Permission::RequestLoan),
            |conn, info| match info.user_id {
                Some(user) => inbox(conn, user, self.today()),
                None => Ok(Vec::new()),
            },
        )
    }

    /// The counts on the home screen.
    pub fn dashboard(&self, actor: &Actor) -> Result<Dashboard> {
        self.read(actor, Some(Permission::ViewRegister), |conn, info| {
            let today = self.today();
            let week_end = today.checked_add_days(Days::new(6)).unwrap_or(today);
            let (items_on_loan, due_this_week, awaiting, open_compensation) = conn.query_row(
                "SELECT (SELECT count(*) FROM loan_items WHERE state = 'out'),
                        (SELECT count(*) FROM loans l WHERE l.status = 'out' AND l.due_on BETWEEN ?1 AND ?2
                            AND EXISTS (SELECT 1 FROM loan_items li WHERE li.loan_id = l.id AND li.state = 'out')),
                        (SELECT count(*) FROM loans WHERE status = 'submitted'),
                        (SELECT count(*) FROM compensation_cases WHERE status = 'open')",
                rusqlite::params![today, week_end],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?;
            let overdue = overdue::overdue_on(conn, today)?;
            let mine = match info.user_id {
                Some(user) => inbox(conn, user, today)?.len() as u32,
                None => 0,
            };
            Ok(Dashboard {
                items_on_loan,
                due_this_week,
                overdue: overdue.len() as u32,
                awaiting_my_decision: mine,
                awaiting_decision: awaiting,
                follow_ups_late: overdue.iter().filter(|o| o.follow_up_late).count() as u32,
                open_compensation,
            })
        })
    }
}
