//! Who decides a borrow request (ข้อ ๒๐๘), and approvers standing in for each other.
//!
//! The rule itself is a table ([`super::rules`]), read here and by the manual:
//! - used inside the premises: the head of the division holding the items, or the agency
//!   head, as every division head's superior (e.g. when the division head is the borrower);
//! - taken outside the premises, or lent to another agency: the agency head.
//!
//! Several users may hold a role (a นายก and a ปลัด both set up as agency head): any one
//! of them decides.
//!
//! A delegation lets a named stand-in decide what the principal could, from one date to
//! another inclusive, until revoked; the decision records both names and the wording the
//! slip prints ("ปฏิบัติราชการแทน" or "รักษาราชการแทน").

use chrono::NaiveDate;
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{LoanKind, code_enum};
use crate::audit::Event;
use crate::auth::{Permission, Role};
use crate::error::{Error, Result};
use crate::ids::{DelegationId, DivisionId, UserId};
use crate::register::{Actor, Register};
use crate::text;

/// How a stand-in signs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DelegationWording {
    /// ปฏิบัติราชการแทน: acting for a principal who delegated the matter.
    ActingFor,
    /// รักษาราชการแทน: standing in for a principal who is away.
    ActingInPlace,
}
code_enum!(DelegationWording {
    ActingFor => "acting_for",
    ActingInPlace => "acting_in_place",
});

impl DelegationWording {
    /// The words printed under the signature.
    pub fn thai(self) -> &'static str {
        match self {
            DelegationWording::ActingFor => "ปฏิบัติราชการแทน",
            DelegationWording::ActingInPlace => "รักษาราชการแทน",
        }
    }
}

/// A delegation to record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DelegationInput {
    /// The approver who delegates (a division head or agency head).
    pub principal_id: UserId,
    /// The stand-in.
    pub delegate_id: UserId,
    /// How the stand-in signs.
    pub wording: DelegationWording,
    /// First day.
    pub starts_on: NaiveDate,
    /// Last day (inclusive).
    pub ends_on: NaiveDate,
    /// The written order's number (คำสั่ง ที่ …).
    pub document_no: String,
}

/// A recorded delegation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Delegation {
    /// Id.
    pub id: DelegationId,
    /// The principal.
    pub principal_id: UserId,
    /// Their name.
    pub principal_name: String,
    /// The stand-in.
    pub delegate_id: UserId,
    /// Their name.
    pub delegate_name: String,
    /// How the stand-in signs.
    pub wording: DelegationWording,
    /// First day.
    pub starts_on: NaiveDate,
    /// Last day.
    pub ends_on: NaiveDate,
    /// The order's number.
    pub document_no: String,
    /// When it was revoked, if it was.
    pub revoked_at: Option<String>,
}

/// A user someone may name in a delegation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UserChoice {
    /// The account.
    pub id: UserId,
    /// Their name.
    pub full_name: String,
    /// Whether their own role signs for others (a division head or the agency head
    /// decides loans; the head of supplies approves requisitions): only they may delegate.
    pub approver: bool,
}

/// On what footing a user decides a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum Standing {
    /// As the approver the rule names.
    Own,
    /// Standing in for `principal`.
    Delegate {
        /// The principal's user id.
        principal_id: UserId,
        /// Their name.
        principal_name: String,
        /// How the stand-in signs.
        wording: DelegationWording,
    },
}

/// The users whose own role makes them the approver of a loan of this kind and division,
/// as the rule table of ข้อ ๒๐๘ ([`super::rules`]) names them.
pub(crate) fn principals(
    conn: &Connection,
    kind: LoanKind,
    division: Option<DivisionId>,
) -> Result<Vec<UserId>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT u.id FROM users u JOIN user_roles r ON r.user_id = u.id
         JOIN loan_approval_rules a ON a.kind = ?1
         WHERE u.active = 1
           AND ((a.approver = 'agency_head' AND r.role = ?2)
             OR (a.approver = 'division_head' AND r.role = ?3 AND ?4 IS NOT NULL AND r.division_id = ?4))
         ORDER BY u.id",
    )?;
    let ids = stmt
        .query_map(
            params![
                kind,
                Role::AgencyHead.as_str(),
                Role::DivisionHead.as_str(),
                division
            ],
            |r| r.get(0),
        )?
        .collect::<rusqlite::Result<Vec<UserId>>>()?;
    Ok(ids)
}

/// Whether `user` may decide a loan of this kind and division on `date`, and on what footing.
pub(crate) fn standing(
    conn: &Connection,
    user: UserId,
    kind: LoanKind,
    division: Option<DivisionId>,
    date: NaiveDate,
) -> Result<Option<Standing>> {
    let principals = principals(conn, kind, division)?;
    if principals.contains(&user) {
        return Ok(Some(Standing::Own));
    }
    delegated_by(conn, user, &principals, date)
}

/// Whether `user` stands in on `date` for one of `principals` (the first delegation
/// recorded wins), and for whom.
pub(crate) fn delegated_by(
    conn: &Connection,
    user: UserId,
    principals: &[UserId],
    date: NaiveDate,
) -> Result<Option<Standing>> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.principal_id, u.full_name, d.wording FROM delegations d
         JOIN users u ON u.id = d.principal_id
         WHERE d.delegate_id = ?1 AND d.revoked_at IS NULL AND d.starts_on <= ?2 AND d.ends_on >= ?2
         ORDER BY d.id",
    )?;
    let delegations = stmt
        .query_map(params![user, date], |r| {
            Ok((r.get::<_, UserId>(0)?, r.get::<_, String>(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(delegations
        .into_iter()
        .find(|(principal, _, _)| principals.contains(principal))
        .map(
            |(principal_id, principal_name, wording)| Standing::Delegate {
                principal_id,
                principal_name,
                wording,
            },
        ))
}

/// The names of everyone who may decide such a loan on `date`, stand-ins marked, for
/// the slip and for the "only … may decide" message.
pub(crate) fn approver_names(
    conn: &Connection,
    kind: LoanKind,
    division: Option<DivisionId>,
    date: NaiveDate,
) -> Result<Vec<String>> {
    let principals = principals(conn, kind, division)?;
    let mut names = Vec::new();
    for id in &principals {
        names.push(user_name(conn, *id)?);
        names.extend(stand_in_names(conn, *id, date)?);
    }
    Ok(names)
}

/// The active stand-ins of `principal` on `date`, each with the words they sign with.
pub(crate) fn stand_in_names(
    conn: &Connection,
    principal: UserId,
    date: NaiveDate,
) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT u.full_name, d.wording FROM delegations d JOIN users u ON u.id = d.delegate_id
         WHERE d.principal_id = ?1 AND d.revoked_at IS NULL AND d.starts_on <= ?2 AND d.ends_on >= ?2
           AND u.active = 1",
    )?;
    let stand_ins = stmt
        .query_map(params![principal, date], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, DelegationWording>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(stand_ins
        .into_iter()
        .map(|(name, wording)| format!("{name} ({})", wording.thai()))
        .collect())
}

/// A user's display name.
pub(crate) fn user_name(conn: &Connection, user: UserId) -> Result<String> {
    conn.query_row("SELECT full_name FROM users WHERE id = ?1", [user], |r| {
        r.get(0)
    })
    .map_err(|_| Error::not_found("user", user))
}

const SELECT_DELEGATION: &str =
    "SELECT d.id, d.principal_id, p.full_name, d.delegate_id, s.full_name,
        d.wording, d.starts_on, d.ends_on, d.document_no, d.revoked_at
    FROM delegations d JOIN users p ON p.id = d.principal_id JOIN users s ON s.id = d.delegate_id";

fn delegation_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Delegation> {
    Ok(Delegation {
        id: r.get(0)?,
        principal_id: r.get(1)?,
        principal_name: r.get(2)?,
        delegate_id: r.get(3)?,
        delegate_name: r.get(4)?,
        wording: r.get(5)?,
        starts_on: r.get(6)?,
        ends_on: r.get(7)?,
        document_no: r.get(8)?,
        revoked_at: r.get(9)?,
    })
}

fn load_delegation(conn: &Connection, id: DelegationId) -> Result<Delegation> {
    conn.query_row(
        &format!("{SELECT_DELEGATION} WHERE d.id = ?1"),
        [id],
        delegation_from_row,
    )
    .map_err(|_| Error::not_found("delegation", id))
}

/// Whether the actor manages delegations, or is the principal recording their own.
fn may_manage(conn: &Connection, actor: Option<UserId>, principal: UserId) -> Result<bool> {
    let Some(user) = actor else {
        return Ok(true); // the command line acts for whoever holds the file
    };
    if user == principal {
        return Ok(true);
    }
    let roles = crate::auth::users::roles_of(conn, user)?;
    Ok(roles
        .iter()
        .any(|g| g.role.grants(Permission::ManageDelegations)))
}

impl Register {
    /// Records that `delegate` may decide what `principal` may, between two dates.
    /// An approver records their own; administrators, the head of supplies and the agency
    /// head record anyone's.
    pub fn create_delegation(&self, actor: &Actor, input: &DelegationInput) -> Result<Delegation> {
        self.change(actor, Some(Permission::RequestLoan), |change| {
            if !may_manage(change, change.actor.user_id, input.principal_id)? {
                return Err(Error::PermissionDenied {
                    permission: Permission::ManageDelegations.as_str(),
                });
            }
            if input.principal_id == input.delegate_id {
                return Err(Error::invalid(
                    "delegateId",
                    "a principal cannot stand in for themselves",
                ));
            }
            if input.ends_on < input.starts_on {
                return Err(Error::invalid("endsOn", "ends before it starts"));
            }
            let principal_roles = crate::auth::users::roles_of(change, input.principal_id)?;
            if !principal_roles.iter().any(|g| {
                matches!(
                    g.role,
                    Role::DivisionHead | Role::AgencyHead | Role::HeadOfSupplies
                )
            }) {
                return Err(Error::invalid(
                    "principalId",
                    "only a division head, the agency head or the head of supplies signs",
                ));
            }
            let active: bool = change
                .query_row(
                    "SELECT active FROM users WHERE id = ?1",
                    [input.delegate_id],
                    |r| r.get(0),
                )
                .map_err(|_| Error::not_found("user", input.delegate_id))?;
            if !active {
                return Err(Error::invalid("delegateId", "the account is disabled"));
            }
            let document_no = text::optional("documentNo", &input.document_no, 200)?;
            change.execute(
                "INSERT INTO delegations (principal_id, delegate_id, wording, starts_on, ends_on,
                     document_no, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    input.principal_id,
                    input.delegate_id,
                    input.wording,
                    input.starts_on,
                    input.ends_on,
                    document_no,
                    change.stamp()
                ],
            )?;
            let id = DelegationId(change.last_insert_rowid());
            let delegation = load_delegation(change, id)?;
            change.record(Event::new("delegation.create", "delegation", id).after(&delegation))?;
            Ok(delegation)
        })
    }

    /// Ends a delegation now (its record stays).
    pub fn revoke_delegation(&self, actor: &Actor, id: DelegationId) -> Result<Delegation> {
        self.change(actor, Some(Permission::RequestLoan), |change| {
            let before = load_delegation(change, id)?;
            if !may_manage(change, change.actor.user_id, before.principal_id)? {
                return Err(Error::PermissionDenied {
                    permission: Permission::ManageDelegations.as_str(),
                });
            }
            if before.revoked_at.is_some() {
                return Err(Error::invalid("id", "already revoked"));
            }
            change.execute(
                "UPDATE delegations SET revoked_at = ?1 WHERE id = ?2",
                params![change.stamp(), id],
            )?;
            let after = load_delegation(change, id)?;
            change.record(
                Event::new("delegation.revoke", "delegation", id)
                    .before(&before)
                    .after(&after),
            )?;
            Ok(after)
        })
    }

    /// Active users, by name, for choosing a principal and a stand-in.
    pub fn delegation_candidates(&self, actor: &Actor) -> Result<Vec<UserChoice>> {
        self.read(actor, Some(Permission::RequestLoan), |conn, _| {
            let mut stmt = conn.prepare(
                "SELECT u.id, u.full_name, EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id
                     AND r.role IN ('division_head', 'agency_head', 'head_of_supplies'))
                 FROM users u WHERE u.active = 1 ORDER BY u.full_name",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(UserChoice {
                    id: r.get(0)?,
                    full_name: r.get(1)?,
                    approver: r.get(2)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Every delegation, newest first.
    pub fn list_delegations(&self, actor: &Actor) -> Result<Vec<Delegation>> {
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            let mut stmt = conn.prepare(&format!("{SELECT_DELEGATION} ORDER BY d.id DESC"))?;
            let rows = stmt.query_map([], delegation_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }
}
