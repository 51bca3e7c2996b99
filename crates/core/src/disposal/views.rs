//! Reading disposals: one with its items, results and the steps the acting user may take;
//! the list; and the deadlines the home screen shows (60 days from approval to carry a
//! disposal out, 30 days from the write-off to tell the State Audit Office).

use chrono::{Days, NaiveDate};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{DAYS_TO_DISPOSE, DAYS_TO_NOTIFY, DisposalMethod, DisposalStatus, store};
use crate::assets::AssetStatus;
use crate::auth::Permission;
use crate::error::{Error, Result};
use crate::ids::{AssetId, DisposalId, FactFindingId, RoundId, UserId};
use crate::loans::DelegationWording;
use crate::money::Satang;
use crate::register::{Actor, Register};

/// One item of a disposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DisposalItem {
    /// The item.
    pub asset_id: AssetId,
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// The day it was acquired.
    pub acquired_on: NaiveDate,
    /// Its condition when proposed: what the named check round found of it, else its
    /// register status.
    pub condition: AssetStatus,
    /// Its status now.
    pub status: AssetStatus,
    /// Cost.
    pub cost: Satang,
    /// Net book value on the day proposed.
    pub net_book_value: Satang,
    /// How it is (or was) disposed of.
    pub method: DisposalMethod,
    /// The fact-finding that concluded on it.
    pub fact_finding_id: Option<FactFindingId>,
    /// Its number.
    pub fact_finding_no: Option<String>,
    /// A note.
    pub note: String,
    /// The day it was disposed of.
    pub done_on: Option<NaiveDate>,
    /// The buyer or receiving body.
    pub counterparty: String,
    /// The receipt, hand-over or witness record.
    pub document_no: String,
    /// What it brought in.
    pub proceeds: Option<Satang>,
}

/// What the acting user may do with a disposal now.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DisposalSteps {
    /// Approve or refuse (the agency head or a stand-in, not the proposer).
    pub decide: bool,
    /// Record items' results.
    pub record: bool,
    /// Write it off (every item done).
    pub write_off: bool,
    /// Record the notice to the State Audit Office.
    pub notice: bool,
}

/// A disposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Disposal {
    /// Id.
    pub id: DisposalId,
    /// Its number (จน.1/2569).
    pub disposal_no: String,
    /// Why.
    pub reason: String,
    /// The round that found the items.
    pub round_id: Option<RoundId>,
    /// Its name.
    pub round_name: Option<String>,
    /// Where it stands.
    pub status: DisposalStatus,
    /// The day proposed.
    pub proposed_on: NaiveDate,
    /// Who proposed it.
    pub proposed_by: Option<UserId>,
    /// Their name.
    pub proposed_by_name: Option<String>,
    /// Who decided.
    pub decided_by_name: Option<String>,
    /// For whom, standing in.
    pub decided_for_name: Option<String>,
    /// How the stand-in signed.
    pub decided_wording: Option<DelegationWording>,
    /// The approval's reference.
    pub approval_no: String,
    /// The day approved.
    pub approved_on: Option<NaiveDate>,
    /// Why refused.
    pub reject_reason: String,
    /// 60 days after approval.
    pub target_on: Option<NaiveDate>,
    /// The day written off.
    pub written_off_on: Option<NaiveDate>,
    /// 30 days after the write-off.
    pub notice_due_on: Option<NaiveDate>,
    /// The letter to the State Audit Office.
    pub notice_no: String,
    /// The day it was sent.
    pub notice_sent_on: Option<NaiveDate>,
    /// The items.
    pub items: Vec<DisposalItem>,
    /// Cost of every item.
    pub total_cost: Satang,
    /// Their net book value.
    pub total_net_book_value: Satang,
    /// What they brought in.
    pub total_proceeds: Satang,
    /// What the acting user may do now.
    pub steps: DisposalSteps,
}

/// Which disposals to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct DisposalQuery {
    /// Only these statuses (none: all).
    pub statuses: Vec<DisposalStatus>,
    /// Only those proposed in this fiscal year (B.E.).
    pub fiscal_year: Option<i32>,
}

/// A disposal in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DisposalRow {
    /// Id.
    pub id: DisposalId,
    /// Its number.
    pub disposal_no: String,
    /// Where it stands.
    pub status: DisposalStatus,
    /// Why.
    pub reason: String,
    /// How many items.
    pub items: u32,
    /// The day proposed.
    pub proposed_on: NaiveDate,
    /// 60 days after approval, while it is being carried out.
    pub target_on: Option<NaiveDate>,
    /// 30 days after the write-off, until the notice is sent.
    pub notice_due_on: Option<NaiveDate>,
    /// What it brought in.
    pub total_proceeds: Satang,
    /// Whether the acting user has a step to take.
    pub waiting_for_me: bool,
}

fn plus(date: Option<NaiveDate>, days: u64) -> Option<NaiveDate> {
    date.and_then(|d| d.checked_add_days(Days::new(days)))
}

/// One disposal without its steps, read inside the caller's transaction.
pub(crate) fn load(conn: &Connection, id: DisposalId) -> Result<Disposal> {
    let mut d = conn
        .query_row(
            "SELECT d.id, d.disposal_no, d.reason, d.round_id, r.name, d.status, d.proposed_on,
                    d.proposed_by, pu.full_name, du.full_name, fu.full_name, d.decided_wording,
                    d.approval_no, d.approved_on, d.reject_reason, d.written_off_on, d.notice_no,
                    d.notice_sent_on
             FROM disposals d LEFT JOIN check_rounds r ON r.id = d.round_id
             LEFT JOIN users pu ON pu.id = d.proposed_by LEFT JOIN users du ON du.id = d.decided_by
             LEFT JOIN users fu ON fu.id = d.decided_for
             WHERE d.id = ?1",
            [id],
            |r| {
                let status: DisposalStatus = r.get(5)?;
                let approved_on: Option<NaiveDate> = r.get(13)?;
                let written_off_on: Option<NaiveDate> = r.get(15)?;
                let notice_sent_on: Option<NaiveDate> = r.get(17)?;
                Ok(Disposal {
                    id: r.get(0)?,
                    disposal_no: r.get(1)?,
                    reason: r.get(2)?,
                    round_id: r.get(3)?,
                    round_name: r.get(4)?,
                    status,
                    proposed_on: r.get(6)?,
                    proposed_by: r.get(7)?,
                    proposed_by_name: r.get(8)?,
                    decided_by_name: r.get(9)?,
                    decided_for_name: r.get(10)?,
                    decided_wording: r.get(11)?,
                    approval_no: r.get(12)?,
                    approved_on,
                    reject_reason: r.get(14)?,
                    target_on: plus(approved_on, DAYS_TO_DISPOSE),
                    written_off_on,
                    notice_due_on: plus(written_off_on, DAYS_TO_NOTIFY),
                    notice_no: r.get(16)?,
                    notice_sent_on,
                    items: Vec::new(),
                    total_cost: Satang(0),
                    total_net_book_value: Satang(0),
                    total_proceeds: Satang(0),
                    steps: DisposalSteps::default(),
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::not_found("disposal", id.0))?;
    let mut stmt = conn.prepare_cached(
        "SELECT i.asset_id, a.code, a.name, a.acquired_on, i.condition, a.status, i.cost,
                i.net_book_value, i.method, i.fact_finding_id, f.case_no, i.note, i.done_on,
                i.counterparty, i.document_no, i.proceeds
         FROM disposal_items i JOIN assets a ON a.id = i.asset_id
         LEFT JOIN fact_findings f ON f.id = i.fact_finding_id
         WHERE i.disposal_id = ?1 ORDER BY i.seq",
    )?;
    d.items = stmt
        .query_map([id], |r| {
            Ok(DisposalItem {
                asset_id: r.get(0)?,
                code: r.get(1)?,
                name: r.get(2)?,
                acquired_on: r.get(3)?,
                condition: r.get(4)?,
                status: r.get(5)?,
                cost: r.get(6)?,
                net_book_value: r.get(7)?,
                method: r.get(8)?,
                fact_finding_id: r.get(9)?,
                fact_finding_no: r.get(10)?,
                note: r.get(11)?,
                done_on: r.get(12)?,
                counterparty: r.get(13)?,
                document_no: r.get(14)?,
                proceeds: r.get(15)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let sum = |f: fn(&DisposalItem) -> i64| Satang(d.items.iter().map(f).sum());
    d.total_cost = sum(|i| i.cost.0);
    d.total_net_book_value = sum(|i| i.net_book_value.0);
    d.total_proceeds = sum(|i| i.proceeds.map_or(0, |p| p.0));
    Ok(d)
}

/// What `user` may do with `d` on `today`.
fn steps_for(
    conn: &Connection,
    user: Option<UserId>,
    keeper: bool,
    d: &Disposal,
    today: NaiveDate,
) -> Result<DisposalSteps> {
    let Some(user) = user else {
        return Ok(DisposalSteps::default());
    };
    let head = d.status == DisposalStatus::Proposed
        && d.proposed_by != Some(user)
        && store::agency_standing(conn, user, today)?.is_some();
    Ok(DisposalSteps {
        decide: head,
        record: keeper && d.status == DisposalStatus::Approved,
        write_off: keeper
            && d.status == DisposalStatus::Approved
            && d.items.iter().all(|i| i.done_on.is_some()),
        notice: keeper && d.status == DisposalStatus::WrittenOff && d.notice_sent_on.is_none(),
    })
}

fn keeps(conn: &Connection, user: Option<UserId>) -> Result<bool> {
    Ok(match user {
        Some(u) => crate::auth::users::roles_of(conn, u)?
            .iter()
            .any(|g| g.role.grants(Permission::ManageDisposals)),
        None => false,
    })
}

impl Register {
    /// One disposal, with the steps the acting user may take.
    pub fn disposal(&self, actor: &Actor, id: DisposalId) -> Result<Disposal> {
        let today = self.today();
        self.read(actor, Some(Permission::ViewRegister), |conn, info| {
            let mut d = load(conn, id)?;
            d.steps = steps_for(conn, info.user_id, keeps(conn, info.user_id)?, &d, today)?;
            Ok(d)
        })
    }

    /// Disposals, newest first.
    pub fn list_disposals(&self, actor: &Actor, query: &DisposalQuery) -> Result<Vec<DisposalRow>> {
        let today = self.today();
        self.read(actor, Some(Permission::ViewRegister), |conn, info| {
            let keeper = keeps(conn, info.user_id)?;
            let mut stmt = conn.prepare_cached(
                "SELECT id, proposed_on FROM disposals ORDER BY proposed_on DESC, id DESC",
            )?;
            let ids = stmt
                .query_map([], |r| {
                    Ok((r.get::<_, DisposalId>(0)?, r.get::<_, NaiveDate>(1)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut rows = Vec::new();
            for (id, proposed_on) in ids {
                if query
                    .fiscal_year
                    .is_some_and(|y| crate::calendar::FiscalYear::of(proposed_on).be_year() != y)
                {
                    continue;
                }
                let d = load(conn, id)?;
                if !query.statuses.is_empty() && !query.statuses.contains(&d.status) {
                    continue;
                }
                let s = steps_for(conn, info.user_id, keeper, &d, today)?;
                rows.push(DisposalRow {
                    id,
                    disposal_no: d.disposal_no,
                    status: d.status,
                    reason: d.reason,
                    items: d.items.len() as u32,
                    proposed_on: d.proposed_on,
                    target_on: d.target_on.filter(|_| d.status == DisposalStatus::Approved),
                    notice_due_on: d.notice_due_on.filter(|_| d.notice_sent_on.is_none()),
                    total_proceeds: d.total_proceeds,
                    waiting_for_me: s.decide || s.write_off || s.notice,
                });
            }
            Ok(rows)
        })
    }
}
