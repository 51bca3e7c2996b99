//! Reading requisitions: one with the steps the acting user may take on it, the list, and
//! what waits for the acting user (to sign, approve or issue) for the inbox and dashboard.

use rusqlite::params_from_iter;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::store;
use super::{Requisition, RequisitionStatus};
use crate::auth::Permission;
use crate::error::Result;
use crate::ids::{DivisionId, MaterialRequisitionId};
use crate::register::{Actor, Register};

/// Which steps the acting user may take on a requisition now.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RequisitionSteps {
    /// Sign as the division head (or refuse).
    pub endorse: bool,
    /// Approve for the head of supplies, with cuts (or refuse).
    pub approve: bool,
    /// Issue what is waiting.
    pub issue: bool,
    /// Close what is left.
    pub close: bool,
    /// Withdraw it.
    pub cancel: bool,
}

/// A requisition and what the acting user may do with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RequisitionView {
    /// The requisition.
    pub requisition: Requisition,
    /// The steps open to the acting user.
    pub steps: RequisitionSteps,
}

/// Which requisitions to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RequisitionQuery {
    /// Only these statuses (none: all).
    pub statuses: Vec<RequisitionStatus>,
    /// Only this division.
    pub division_id: Option<DivisionId>,
    /// Only what waits for the acting user's signature, approval or issue.
    pub waiting_for_me: bool,
    /// Only the acting user's own requests.
    pub mine: bool,
}

/// A requisition in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RequisitionRow {
    /// Id.
    pub id: MaterialRequisitionId,
    /// Its number.
    pub requisition_no: String,
    /// Its status.
    pub status: RequisitionStatus,
    /// The division's name.
    pub division_name: String,
    /// The requester's name.
    pub requester_name: String,
    /// What for.
    pub purpose: String,
    /// The day asked.
    pub asked_on: chrono::NaiveDate,
    /// How many lines.
    pub lines: u32,
    /// The steps open to the acting user.
    pub steps: RequisitionSteps,
}

fn steps_for(
    conn: &rusqlite::Connection,
    user: Option<crate::ids::UserId>,
    head: &store::Head,
    today: chrono::NaiveDate,
) -> Result<RequisitionSteps> {
    let Some(user) = user else {
        return Ok(RequisitionSteps::default());
    };
    let own = store::is_requester(conn, user, head.requester_id)?;
    let officer = crate::auth::users::roles_of(conn, user)?
        .iter()
        .any(|g| g.role.grants(Permission::ManageMaterials));
    use RequisitionStatus as S;
    Ok(RequisitionSteps {
        endorse: head.status == S::Submitted
            && !own
            && store::head_standing(conn, user, head.division_id, today)?.is_some(),
        approve: head.status == S::Endorsed
            && !own
            && store::supplies_standing(conn, user, today)?.is_some(),
        issue: matches!(head.status, S::Approved | S::PartlyIssued) && officer && !own,
        close: head.status == S::PartlyIssued && officer,
        cancel: matches!(head.status, S::Submitted | S::Endorsed | S::Approved) && (own || officer),
    })
}

impl Register {
    /// One requisition, with the steps the acting user may take.
    pub fn requisition(&self, actor: &Actor, id: MaterialRequisitionId) -> Result<RequisitionView> {
        let today = self.today();
        self.read(actor, Some(Permission::ViewRegister), |conn, info| {
            let head = store::head(conn, id)?;
            Ok(RequisitionView {
                requisition: store::load(conn, id)?,
                steps: steps_for(conn, info.user_id, &head, today)?,
            })
        })
    }

    /// Requisitions, newest first.
    pub fn list_requisitions(
        &self,
        actor: &Actor,
        query: &RequisitionQuery,
    ) -> Result<Vec<RequisitionRow>> {
        let today = self.today();
        self.read(actor, Some(Permission::ViewRegister), |conn, info| {
            let mut sql = String::from(
                "SELECT q.id, q.requisition_no, q.status, d.name,
                        trim(p.title || p.first_name || ' ' || p.last_name), q.purpose, q.asked_on,
                        (SELECT count(*) FROM material_requisition_lines l WHERE l.requisition_id = q.id),
                        q.division_id, q.requester_id
                 FROM material_requisitions q
                 JOIN divisions d ON d.id = q.division_id
                 JOIN people p ON p.id = q.requester_id WHERE 1",
            );
            let mut args: Vec<rusqlite::types::Value> = Vec::new();
            if !query.statuses.is_empty() {
                sql.push_str(" AND q.status IN (");
                for (n, status) in query.statuses.iter().enumerate() {
                    sql.push_str(if n == 0 { "?" } else { ", ?" });
                    args.push(status.as_str().to_owned().into());
                }
                sql.push(')');
            }
            if let Some(division) = query.division_id {
                sql.push_str(" AND q.division_id = ?");
                args.push(division.0.into());
            }
            if query.waiting_for_me {
                sql.push_str(" AND q.status IN ('submitted', 'endorsed', 'approved', 'partly_issued')");
            }
            if query.mine {
                let person = match info.user_id {
                    Some(user) => crate::loans::store::person_of_user(conn, user)?,
                    None => None,
                };
                sql.push_str(" AND q.requester_id = ?");
                args.push(person.map_or(-1, |p| p.0).into());
            }
            sql.push_str(" ORDER BY q.asked_on DESC, q.id DESC");
            let mut stmt = conn.prepare(&sql)?;
            let rows = stmt
                .query_map(params_from_iter(args), |r| {
                    Ok((
                        RequisitionRow {
                            id: r.get(0)?,
                            requisition_no: r.get(1)?,
                            status: r.get(2)?,
                            division_name: r.get(3)?,
                            requester_name: r.get(4)?,
                            purpose: r.get(5)?,
                            asked_on: r.get(6)?,
                            lines: r.get(7)?,
                            steps: RequisitionSteps::default(),
                        },
                        r.get::<_, DivisionId>(8)?,
                        r.get(9)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut out = Vec::with_capacity(rows.len());
            for (mut row, division_id, requester_id) in rows {
                let head = store::Head {
                    status: row.status,
                    division_id,
                    requester_id,
                    requisition_no: String::new(),
                };
                row.steps = steps_for(conn, info.user_id, &head, today)?;
                let s = row.steps;
                if query.waiting_for_me && !(s.endorse || s.approve || s.issue) {
                    continue;
                }
                out.push(row);
            }
            Ok(out)
        })
    }
}
