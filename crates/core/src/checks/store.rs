//! Reading rounds back, and the checks every step shares: the round's state, and whether
//! the acting user is one of its members.

use chrono::Datelike;
use rusqlite::{Connection, OptionalExtension, params};

use super::views::Progress;
use super::{
    CheckRound, Condition, LineResult, Member, MemberRole, RoundKind, RoundScope, RoundStatus,
    ScopeItem, ScopeKind,
};
use crate::assets::AssetStatus;
use crate::calendar::FiscalYear;
use crate::error::{Error, Result};
use crate::ids::{AssetId, PersonId, RoundId, UserId};
use crate::register::ActorInfo;

/// What `round` found of `asset`, as a register status (see [`LineResult::status_found`]);
/// `None` when the round did not list it or has no result for it yet.
pub(crate) fn status_found(
    conn: &Connection,
    round: RoundId,
    asset: AssetId,
) -> Result<Option<AssetStatus>> {
    let line: Option<(Option<LineResult>, Option<Condition>)> = conn
        .query_row(
            "SELECT result, condition FROM check_lines WHERE round_id = ?1 AND asset_id = ?2",
            params![round, asset],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(line.and_then(|(result, condition)| result?.status_found(condition)))
}

/// A person's name as forms print it.
pub(crate) fn person_name(conn: &Connection, id: PersonId) -> Result<String> {
    Ok(conn
        .query_row(
            "SELECT trim(title || first_name || ' ' || last_name) FROM people WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_default())
}

/// Refuses a step the round's status does not allow.
pub(crate) fn require_status(round: &CheckRound, needs: RoundStatus) -> Result<()> {
    if round.status == needs {
        Ok(())
    } else {
        Err(Error::RoundState {
            status: round.status.as_str(),
            needs: needs.as_str(),
        })
    }
}

/// The members of a round, in order.
fn members_of(conn: &Connection, id: RoundId) -> Result<Vec<Member>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.person_id, trim(p.title || p.first_name || ' ' || p.last_name), p.position,
                m.role, u.id
         FROM check_members m JOIN people p ON p.id = m.person_id
         LEFT JOIN users u ON u.person_id = m.person_id AND u.active = 1
         WHERE m.round_id = ?1 ORDER BY m.seq",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(Member {
            person_id: r.get(0)?,
            name: r.get(1)?,
            position: r.get(2)?,
            role: r.get(3)?,
            user_id: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn scope_of(conn: &Connection, id: RoundId) -> Result<(Vec<ScopeItem>, RoundScope)> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.kind, s.ref_id,
                coalesce(d.name, l.name || ' (' || ld.name || ')', c.type_code || ' ' || c.name, '')
         FROM check_scope s
         LEFT JOIN divisions d ON s.kind = 'division' AND d.id = s.ref_id
         LEFT JOIN locations l ON s.kind = 'location' AND l.id = s.ref_id
         LEFT JOIN divisions ld ON ld.id = l.division_id
         LEFT JOIN categories c ON s.kind = 'category' AND c.id = s.ref_id
         WHERE s.round_id = ?1 ORDER BY s.kind, s.ref_id",
    )?;
    let items: Vec<ScopeItem> = stmt
        .query_map([id], |r| {
            Ok(ScopeItem {
                kind: r.get(0)?,
                id: r.get(1)?,
                name: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut ids = RoundScope::default();
    for item in &items {
        match item.kind {
            ScopeKind::Division => ids.division_ids.push(crate::ids::DivisionId(item.id)),
            ScopeKind::Location => ids.location_ids.push(crate::ids::LocationId(item.id)),
            ScopeKind::Category => ids.category_ids.push(crate::ids::CategoryId(item.id)),
        }
    }
    Ok((items, ids))
}

/// The acting user's person, if their account is linked to one.
pub(crate) fn person_of(conn: &Connection, user: Option<UserId>) -> Result<Option<PersonId>> {
    let Some(user) = user else {
        return Ok(None);
    };
    Ok(conn
        .query_row("SELECT person_id FROM users WHERE id = ?1", [user], |r| {
            r.get(0)
        })
        .optional()?
        .flatten())
}

/// One round in full, as `actor` sees it (their role, what they may do now), without its
/// progress (which counts every line: the views add it, a scan does not need it).
pub(crate) fn load_round(conn: &Connection, id: RoundId, actor: &ActorInfo) -> Result<CheckRound> {
    let round = conn
        .query_row(
            "SELECT r.id, r.name, r.kind, r.status, r.fiscal_year, r.as_of, r.starts_on,
                    r.ends_on, r.report_due_on, r.order_no, r.order_date, r.order_signer,
                    r.officer_id, trim(o.title || o.first_name || ' ' || o.last_name), r.notes,
                    r.created_at, cu.full_name, r.opened_at, r.closed_at, r.closed_as,
                    r.rest_not_found
             FROM check_rounds r
             LEFT JOIN people o ON o.id = r.officer_id
             LEFT JOIN users cu ON cu.id = r.created_by
             WHERE r.id = ?1",
            [id],
            |r| {
                let kind: RoundKind = r.get(2)?;
                let year: i32 = r.get(4)?;
                let annual = kind == RoundKind::Annual;
                let order_date: Option<chrono::NaiveDate> = r.get(10)?;
                let fiscal = FiscalYear(year);
                Ok(CheckRound {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    kind,
                    status: r.get(3)?,
                    fiscal_year: year,
                    as_of: r.get(5)?,
                    starts_on: r.get(6)?,
                    ends_on: r.get(7)?,
                    report_due_on: r.get(8)?,
                    period_from: annual.then(|| fiscal.start()),
                    period_to: annual.then(|| fiscal.end()),
                    order_no: r.get(9)?,
                    // ข้อ ๒๑๓: appointed within the last month of the fiscal year.
                    order_out_of_time: annual
                        && order_date.is_some_and(|d| {
                            let september = fiscal.end().with_day(1).unwrap_or(fiscal.end());
                            d < september || d > fiscal.end()
                        }),
                    order_date,
                    order_signer: r.get(11)?,
                    officer_id: r.get(12)?,
                    officer_name: r.get(13)?,
                    notes: r.get(14)?,
                    scope: Vec::new(),
                    members: Vec::new(),
                    progress: Progress::default(),
                    created_at: r.get(15)?,
                    created_by_name: r.get(16)?,
                    opened_at: r.get(17)?,
                    closed_at: r.get(18)?,
                    closed_as: r.get(19)?,
                    rest_not_found: r.get(20)?,
                    my_role: None,
                    can_count: false,
                    can_close: false,
                    scope_input: RoundScope::default(),
                })
            },
        )
        .optional()?;
    let mut round = round.ok_or_else(|| Error::not_found("check_round", id))?;
    let (scope, scope_input) = scope_of(conn, id)?;
    round.scope = scope;
    round.scope_input = scope_input;
    round.members = members_of(conn, id)?;
    let me = person_of(conn, actor.user_id)?;
    round.my_role = round
        .members
        .iter()
        .find(|m| Some(m.person_id) == me)
        .map(|m| m.role);
    let system = actor.user_id.is_none();
    let open = round.status == RoundStatus::Open;
    round.can_count = open && (system || round.my_role.is_some());
    round.can_close = open
        && (system
            || match round.kind {
                RoundKind::Annual => round.my_role == Some(MemberRole::Chair),
                RoundKind::Periodic => round.my_role.is_some(),
            });
    Ok(round)
}

/// The round a count goes into, refused unless it is open and `actor` is one of its
/// members (the command line, acting for whoever holds the file, may).
pub(crate) fn load_round_for_counting(
    conn: &Connection,
    id: RoundId,
    actor: &ActorInfo,
) -> Result<CheckRound> {
    let round = load_round(conn, id, actor)?;
    require_status(&round, RoundStatus::Open)?;
    if round.can_count {
        Ok(round)
    } else {
        Err(Error::NotARoundMember { who: "checker" })
    }
}
