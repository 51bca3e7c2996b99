//! Reading and numbering requisitions, and who may sign them.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::{IssueRecord, Requisition, RequisitionLine, RequisitionStatus, Signature};
use crate::audit::Event;
use crate::auth::Role;
use crate::calendar::FiscalYear;
use crate::error::{Error, Result};
use crate::ids::{DivisionId, MaterialRequisitionId, PersonId, UserId};
use crate::loans::{LoanKind, Standing, approvers};
use crate::money::Satang;
use crate::register::Change;

/// The next number of the fiscal year `date` falls in: บ.1/2569, บ.2/2569 …
pub(super) fn next_no(conn: &Connection, date: NaiveDate) -> Result<String> {
    let year = FiscalYear::of(date).be_year();
    let last: i64 = conn.query_row(
        "INSERT INTO material_requisition_counters (fiscal_year, last) VALUES (?1, 1)
         ON CONFLICT (fiscal_year) DO UPDATE SET last = last + 1 RETURNING last",
        [year],
        |r| r.get(0),
    )?;
    Ok(format!("บ.{last}/{year}"))
}

/// What the steps check: its status, division and requester.
pub(super) struct Head {
    pub status: RequisitionStatus,
    pub division_id: DivisionId,
    pub requester_id: PersonId,
    pub requisition_no: String,
}

pub(super) fn head(conn: &Connection, id: MaterialRequisitionId) -> Result<Head> {
    conn.query_row(
        "SELECT status, division_id, requester_id, requisition_no
         FROM material_requisitions WHERE id = ?1",
        [id],
        |r| {
            Ok(Head {
                status: r.get(0)?,
                division_id: r.get(1)?,
                requester_id: r.get(2)?,
                requisition_no: r.get(3)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::not_found("requisition", id))
}

/// The refusal of a step the status does not allow.
pub(super) fn refused(status: RequisitionStatus, action: &'static str) -> Error {
    Error::RequisitionState {
        status: status.as_str(),
        action,
    }
}

/// Whether `user` is the person asking (through the person their account is linked to).
pub(super) fn is_requester(conn: &Connection, user: UserId, requester: PersonId) -> Result<bool> {
    Ok(crate::loans::store::person_of_user(conn, user)? == Some(requester))
}

/// On what footing `user` signs as the division's head: its division head, the agency
/// head (every head's superior), or a stand-in for one — the same rule as an inside loan.
pub(super) fn head_standing(
    conn: &Connection,
    user: UserId,
    division: DivisionId,
    date: NaiveDate,
) -> Result<Option<Standing>> {
    approvers::standing(conn, user, LoanKind::Inside, Some(division), date)
}

/// Who may sign as the division's head, for the "only … may" message.
pub(super) fn head_names(
    conn: &Connection,
    division: DivisionId,
    date: NaiveDate,
) -> Result<String> {
    Ok(approvers::approver_names(conn, LoanKind::Inside, Some(division), date)?.join(", "))
}

fn supplies_heads(conn: &Connection) -> Result<Vec<UserId>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT u.id FROM users u JOIN user_roles r ON r.user_id = u.id
         WHERE u.active = 1 AND r.role = ?1 ORDER BY u.id",
    )?;
    let ids = stmt
        .query_map([Role::HeadOfSupplies.as_str()], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<UserId>>>()?;
    Ok(ids)
}

/// On what footing `user` approves for the head of supplies: as one, or standing in for
/// one on `date`.
pub(super) fn supplies_standing(
    conn: &Connection,
    user: UserId,
    date: NaiveDate,
) -> Result<Option<Standing>> {
    let principals = supplies_heads(conn)?;
    if principals.contains(&user) {
        return Ok(Some(Standing::Own));
    }
    approvers::delegated_by(conn, user, &principals, date)
}

/// Who may approve for the head of supplies, for the "only … may" message.
pub(super) fn supplies_names(conn: &Connection, date: NaiveDate) -> Result<String> {
    let mut names = Vec::new();
    for id in supplies_heads(conn)? {
        names.push(approvers::user_name(conn, id)?);
        names.extend(approvers::stand_in_names(conn, id, date)?);
    }
    Ok(names.join(", "))
}

fn signature(
    conn: &Connection,
    by: Option<UserId>,
    for_user: Option<UserId>,
    wording: Option<crate::loans::DelegationWording>,
    at: Option<String>,
) -> Result<Option<Signature>> {
    let (Some(by), Some(at)) = (by, at) else {
        return Ok(None);
    };
    let (name, position): (String, String) = conn.query_row(
        "SELECT u.full_name, ifnull((SELECT p.position FROM people p WHERE p.id = u.person_id), '')
         FROM users u WHERE u.id = ?1",
        [by],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let for_name = match for_user {
        Some(id) => Some(approvers::user_name(conn, id)?),
        None => None,
    };
    Ok(Some(Signature {
        name,
        position,
        for_name,
        wording,
        at,
    }))
}

/// A requisition with its lines, signatures and issues.
pub(super) fn load(conn: &Connection, id: MaterialRequisitionId) -> Result<Requisition> {
    type Row = (
        (
            String,
            RequisitionStatus,
            DivisionId,
            String,
            PersonId,
            String,
            String,
        ),
        (String, NaiveDate, Option<String>),
        (
            Option<UserId>,
            Option<UserId>,
            Option<crate::loans::DelegationWording>,
            Option<String>,
        ),
        (
            Option<UserId>,
            Option<UserId>,
            Option<crate::loans::DelegationWording>,
            Option<String>,
        ),
        (String, Option<UserId>, Option<String>, String),
    );
    let row: Row = conn
        .query_row(
            "SELECT q.requisition_no, q.status, q.division_id, d.name, q.requester_id,
                    trim(p.title || p.first_name || ' ' || p.last_name), p.position,
                    q.purpose, q.asked_on, eu.full_name,
                    q.endorsed_by, q.endorsed_for, q.endorsed_wording, q.endorsed_at,
                    q.approved_by, q.approved_for, q.approved_wording, q.approved_at,
                    q.approval_note, q.ended_by, q.ended_at, q.end_reason
             FROM material_requisitions q
             JOIN divisions d ON d.id = q.division_id
             JOIN people p ON p.id = q.requester_id
             LEFT JOIN users eu ON eu.id = q.entered_by
             WHERE q.id = ?1",
            [id],
            |r| {
                Ok((
                    (
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                    ),
                    (r.get(7)?, r.get(8)?, r.get(9)?),
                    (r.get(10)?, r.get(11)?, r.get(12)?, r.get(13)?),
                    (r.get(14)?, r.get(15)?, r.get(16)?, r.get(17)?),
                    (r.get(18)?, r.get(19)?, r.get(20)?, r.get(21)?),
                ))
            },
        )
        .optional()?
        .ok_or_else(|| Error::not_found("requisition", id))?;
    let (
        (
            requisition_no,
            status,
            division_id,
            division_name,
            requester_id,
            requester_name,
            requester_position,
        ),
        (purpose, asked_on, entered_by),
        e,
        a,
        (approval_note, ended_by, ended_at, end_reason),
    ) = row;
    let lines = lines(conn, id)?;
    let issues = issues(conn, id)?;
    let issued_value = Satang(lines.iter().map(|l| l.issued_value.0).sum());
    Ok(Requisition {
        id,
        requisition_no,
        status,
        division_id,
        division_name,
        requester_id,
        requester_name,
        requester_position,
        purpose,
        asked_on,
        entered_by,
        endorsed: signature(conn, e.0, e.1, e.2, e.3)?,
        approved: signature(conn, a.0, a.1, a.2, a.3)?,
        approval_note,
        ended: signature(conn, ended_by, None, None, ended_at)?,
        end_reason,
        lines,
        issues,
        issued_value,
    })
}

fn lines(conn: &Connection, id: MaterialRequisitionId) -> Result<Vec<RequisitionLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.line_no, l.material_id, m.code, m.name, m.unit, m.divisible, l.requested,
                l.approved, l.issued, m.balance, l.note,
                ifnull((SELECT -sum(e.value) FROM material_entries e
                        JOIN material_requisition_issues i ON i.id = e.requisition_issue_id
                        WHERE i.requisition_id = l.requisition_id AND e.material_id = l.material_id), 0)
         FROM material_requisition_lines l JOIN materials m ON m.id = l.material_id
         WHERE l.requisition_id = ?1 ORDER BY l.line_no",
    )?;
    let lines = stmt
        .query_map([id], |r| {
            Ok(RequisitionLine {
                line_no: r.get(0)?,
                material_id: r.get(1)?,
                code: r.get(2)?,
                name: r.get(3)?,
                unit: r.get(4)?,
                divisible: r.get(5)?,
                requested: r.get(6)?,
                approved: r.get(7)?,
                issued: r.get(8)?,
                balance: r.get(9)?,
                note: r.get(10)?,
                issued_value: r.get(11)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(lines)
}

fn issues(conn: &Connection, id: MaterialRequisitionId) -> Result<Vec<IssueRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.issued_on, ifnull(u.full_name, ''),
                trim(p.title || p.first_name || ' ' || p.last_name),
                ifnull((SELECT -sum(e.value) FROM material_entries e
                        WHERE e.requisition_issue_id = i.id), 0)
         FROM material_requisition_issues i
         JOIN people p ON p.id = i.received_by
         LEFT JOIN users u ON u.id = i.issued_by
         WHERE i.requisition_id = ?1 ORDER BY i.id",
    )?;
    let issues = stmt
        .query_map([id], |r| {
            Ok(IssueRecord {
                issued_on: r.get(0)?,
                issued_by: r.get(1)?,
                received_by: r.get(2)?,
                value: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(issues)
}

/// Sets the status (an issuing moves it between approved, part issued and issued).
pub(super) fn set_status(
    conn: &Connection,
    id: MaterialRequisitionId,
    status: RequisitionStatus,
) -> Result<()> {
    conn.execute(
        "UPDATE material_requisitions SET status = ?2 WHERE id = ?1",
        params![id, status],
    )?;
    Ok(())
}

/// Ends a requisition — refused, cancelled, or its rest closed — recording who, when and
/// why, and the audit entry `action` with the requisition before and after.
pub(super) fn end(
    change: &Change<'_>,
    id: MaterialRequisitionId,
    status: RequisitionStatus,
    reason: &str,
    action: &'static str,
) -> Result<Requisition> {
    let before = load(change, id)?;
    change.execute(
        "UPDATE material_requisitions SET status = ?2, ended_by = ?3, ended_at = ?4,
             end_reason = ?5 WHERE id = ?1",
        params![id, status, change.actor.user_id, change.stamp(), reason],
    )?;
    let after = load(change, id)?;
    change.record(
        Event::new(action, "requisition", id)
            .before(&before)
            .after(&after),
    )?;
    Ok(after)
}
