//! Fact-finding (ข้อ ๒๑๔): when items are found damaged, deteriorated, lost or no longer
//! needed, the agency head appoints a committee to find out why and whether someone is
//! liable — unless it is plainly normal wear, when the agency head may waive the committee.
//!
//! A case covers one item or a group; it is opened from the annual report's list, a check
//! round, or a loan's compensation case. A finding of liability names who and how much; a
//! case opened from a compensation case settles it at that amount (paying), so the two
//! records agree.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Finding, store};
use crate::assets::AssetStatus;
use crate::audit::Event;
use crate::auth::Permission;
use crate::error::{Error, Result};
use crate::ids::{AssetId, CompensationId, FactFindingId, RoundId};
use crate::loans::DelegationWording;
use crate::money::Satang;
use crate::register::{Actor, Change, Register};
use crate::text;

/// Most items one case covers.
const MAX_ITEMS: usize = 500;

/// Opening a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FactFindingInput {
    /// The items (one, or a group found together).
    pub asset_ids: Vec<AssetId>,
    /// What was found and how (as the report or the return said it).
    pub subject: String,
    /// The day the case opens.
    pub opened_on: NaiveDate,
    /// The check round that found them, if one did.
    pub round_id: Option<RoundId>,
    /// The loan's compensation case it follows, if it does.
    pub compensation_id: Option<CompensationId>,
}

/// A member of the fact-finding committee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CommitteeMember {
    /// Name.
    pub name: String,
    /// Position.
    pub position: String,
    /// ประธานกรรมการ, กรรมการ, กรรมการและเลขานุการ.
    pub role: String,
}

/// The committee appointed for a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FactFindingCommittee {
    /// The case.
    pub case_id: FactFindingId,
    /// The appointment order's number.
    pub order_no: String,
    /// Its date.
    pub order_on: NaiveDate,
    /// The members.
    pub members: Vec<CommitteeMember>,
}

/// The agency head waives the committee: plainly normal wear.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FactFindingWaiver {
    /// The case.
    pub case_id: FactFindingId,
    /// Why no committee is needed.
    pub reason: String,
    /// The day of the waiver (the agency head's signed order, if it came on paper first).
    pub waived_on: NaiveDate,
}

/// What the committee found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FactFindingConclusion {
    /// The case.
    pub case_id: FactFindingId,
    /// Normal wear, or someone liable.
    pub finding: Finding,
    /// Who is liable (for a liability).
    pub liable_name: String,
    /// For how much (for a liability).
    pub liable_amount: Option<Satang>,
    /// The committee's conclusion in words.
    pub conclusion: String,
    /// The day of the committee's report.
    pub concluded_on: NaiveDate,
}

/// An item of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseItem {
    /// The item.
    pub asset_id: AssetId,
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its status now.
    pub status: AssetStatus,
}

/// A fact-finding case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FactFinding {
    /// Id.
    pub id: FactFindingId,
    /// Its number (สข.1/2569).
    pub case_no: String,
    /// What was found.
    pub subject: String,
    /// The round that found it.
    pub round_id: Option<RoundId>,
    /// The round's name.
    pub round_name: Option<String>,
    /// The compensation case it follows.
    pub compensation_id: Option<CompensationId>,
    /// Open or concluded.
    pub concluded: bool,
    /// The day it opened.
    pub opened_on: NaiveDate,
    /// The items.
    pub items: Vec<CaseItem>,
    /// The committee's appointment order.
    pub order_no: String,
    /// Its date.
    pub order_on: Option<NaiveDate>,
    /// The committee.
    pub members: Vec<CommitteeMember>,
    /// Who waived the committee, if it was.
    pub waived_by_name: Option<String>,
    /// The principal a stand-in waived for.
    pub waived_for_name: Option<String>,
    /// How the stand-in signed.
    pub waived_wording: Option<DelegationWording>,
    /// The finding.
    pub finding: Option<Finding>,
    /// Who is liable.
    pub liable_name: String,
    /// For how much.
    pub liable_amount: Option<Satang>,
    /// The conclusion in words.
    pub conclusion: String,
    /// The day concluded.
    pub concluded_on: Option<NaiveDate>,
}

fn not_open(status: &str, action: &'static str) -> Error {
    Error::DisposalState {
        status: if status == "open" {
            "open"
        } else {
            "concluded"
        },
        action,
    }
}

/// One case, read inside the caller's transaction.
pub(crate) fn load(conn: &rusqlite::Connection, id: FactFindingId) -> Result<FactFinding> {
    let mut case = conn
        .query_row(
            "SELECT f.id, f.case_no, f.subject, f.round_id, r.name, f.compensation_id, f.status,
                    f.opened_on, f.order_no, f.order_on, f.members, w.full_name, p.full_name,
                    f.waived_wording, f.finding, f.liable_name, f.liable_amount, f.conclusion,
                    f.concluded_on
             FROM fact_findings f LEFT JOIN check_rounds r ON r.id = f.round_id
             LEFT JOIN users w ON w.id = f.waived_by LEFT JOIN users p ON p.id = f.waived_for
             WHERE f.id = ?1",
            [id],
            |r| {
                let members: String = r.get(10)?;
                Ok(FactFinding {
                    id: r.get(0)?,
                    case_no: r.get(1)?,
                    subject: r.get(2)?,
                    round_id: r.get(3)?,
                    round_name: r.get(4)?,
                    compensation_id: r.get(5)?,
                    concluded: r.get::<_, String>(6)? == "concluded",
                    opened_on: r.get(7)?,
                    items: Vec::new(),
                    order_no: r.get(8)?,
                    order_on: r.get(9)?,
                    members: serde_json::from_str(&members).unwrap_or_default(),
                    waived_by_name: r.get(11)?,
                    waived_for_name: r.get(12)?,
                    waived_wording: r.get(13)?,
                    finding: r.get(14)?,
                    liable_name: r.get(15)?,
                    liable_amount: r.get(16)?,
                    conclusion: r.get(17)?,
                    concluded_on: r.get(18)?,
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::not_found("fact_finding", id.0))?;
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.code, a.name, a.status FROM fact_finding_items i
         JOIN assets a ON a.id = i.asset_id WHERE i.case_id = ?1 ORDER BY a.code",
    )?;
    case.items = stmt
        .query_map([id], |r| {
            Ok(CaseItem {
                asset_id: r.get(0)?,
                code: r.get(1)?,
                name: r.get(2)?,
                status: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(case)
}

fn status_of(change: &Change<'_>, id: FactFindingId) -> Result<String> {
    change
        .query_row(
            "SELECT status FROM fact_findings WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("fact_finding", id.0))
}

/// A day of a case: not in the future, not before `earliest`.
fn check_day(field: &str, day: NaiveDate, earliest: NaiveDate, today: NaiveDate) -> Result<()> {
    if day > today {
        return Err(Error::invalid(field, "is in the future"));
    }
    if day < earliest {
        return Err(Error::invalid(field, "is before the case opened"));
    }
    Ok(())
}

impl Register {
    /// Opens a fact-finding case for items found damaged, deteriorated, lost or not needed.
    pub fn open_fact_finding(
        &self,
        actor: &Actor,
        input: &FactFindingInput,
    ) -> Result<FactFinding> {
        self.change(actor, Some(Permission::ManageDisposals), |change| {
            let subject = text::required("subject", &input.subject, 1000)?;
            if input.asset_ids.is_empty() {
                return Err(Error::required("assetIds"));
            }
            if input.asset_ids.len() > MAX_ITEMS {
                return Err(Error::invalid(
                    "assetIds",
                    format!("at most {MAX_ITEMS} items in one case"),
                ));
            }
            let today = change.today();
            if input.opened_on > today {
                return Err(Error::invalid("openedOn", "is in the future"));
            }
            for (n, &asset) in input.asset_ids.iter().enumerate() {
                let item = store::item(change, asset)?;
                if input.asset_ids[..n].contains(&asset) {
                    return Err(Error::not_eligible(
                        "assetIds",
                        &item.code,
                        "listed_twice",
                        None,
                    ));
                }
                if item.status == AssetStatus::Disposed {
                    return Err(Error::not_eligible(
                        "assetIds", &item.code, "disposed", None,
                    ));
                }
                if let Some(case_no) = store::open_case_of(change, asset)? {
                    return Err(Error::not_eligible(
                        "assetIds",
                        &item.code,
                        "open_case",
                        Some(case_no),
                    ));
                }
            }
            if let Some(round) = input.round_id {
                let status: Option<String> = change
                    .query_row(
                        "SELECT status FROM check_rounds WHERE id = ?1",
                        [round],
                        |r| r.get(0),
                    )
                    .optional()?;
                if status.is_none() {
                    return Err(Error::not_found("check_round", round.0));
                }
            }
            if let Some(compensation) = input.compensation_id {
                let asset: Option<AssetId> = change
                    .query_row(
                        "SELECT asset_id FROM compensation_cases WHERE id = ?1",
                        [compensation],
                        |r| r.get(0),
                    )
                    .optional()?;
                match asset {
                    None => return Err(Error::not_found("compensation_case", compensation.0)),
                    Some(a) if !input.asset_ids.contains(&a) => {
                        return Err(Error::invalid(
                            "compensationId",
                            "its item is not among the case's items",
                        ));
                    }
                    Some(_) => {}
                }
            }
            let case_no = store::next_no(change, "fact_finding_counters", "สข.", input.opened_on)?;
            change.execute(
                "INSERT INTO fact_findings (case_no, subject, round_id, compensation_id, status,
                     opened_on, created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, 'open', ?5, ?6, ?7)",
                params![
                    case_no,
                    subject,
                    input.round_id,
                    input.compensation_id,
                    input.opened_on,
                    change.stamp(),
                    change.actor.user_id
                ],
            )?;
            let id = FactFindingId(change.last_insert_rowid());
            for asset in &input.asset_ids {
                change.execute(
                    "INSERT INTO fact_finding_items (case_id, asset_id) VALUES (?1, ?2)",
                    params![id, asset],
                )?;
            }
            let case = load(change, id)?;
            change.record(Event::new("fact_finding.open", "fact_finding", id.0).after(&case))?;
            Ok(case)
        })
    }

    /// Records the committee the agency head appointed for a case.
    pub fn appoint_fact_finding_committee(
        &self,
        actor: &Actor,
        input: &FactFindingCommittee,
    ) -> Result<FactFinding> {
        self.change(actor, Some(Permission::ManageDisposals), |change| {
            let status = status_of(change, input.case_id)?;
            if status != "open" {
                return Err(not_open(&status, "changed"));
            }
            let before = load(change, input.case_id)?;
            let order_no = text::required("orderNo", &input.order_no, 100)?;
            check_day("orderOn", input.order_on, before.opened_on, change.today())?;
            if input.members.is_empty() {
                return Err(Error::required("members"));
            }
            let mut members = Vec::with_capacity(input.members.len());
            for (n, m) in input.members.iter().enumerate() {
                members.push(CommitteeMember {
                    name: text::required(&format!("members[{n}].name"), &m.name, 200)?,
                    position: text::optional(&format!("members[{n}].position"), &m.position, 200)?,
                    role: text::required(&format!("members[{n}].role"), &m.role, 100)?,
                });
            }
            change.execute(
                "UPDATE fact_findings SET order_no = ?2, order_on = ?3, members = ?4 WHERE id = ?1",
                params![
                    input.case_id,
                    order_no,
                    input.order_on,
                    serde_json::to_string(&members).map_err(|e| Error::Internal(e.to_string()))?
                ],
            )?;
            let after = load(change, input.case_id)?;
            change.record(
                Event::new("fact_finding.committee", "fact_finding", input.case_id.0)
                    .before(&before)
                    .after(&after),
            )?;
            Ok(after)
        })
    }

    /// The agency head (or a stand-in) waives the committee: plainly normal wear. The case
    /// is concluded with nobody liable.
    pub fn waive_fact_finding(
        &self,
        actor: &Actor,
        input: &FactFindingWaiver,
    ) -> Result<FactFinding> {
        self.change(actor, Some(Permission::ViewRegister), |change| {
            let today = change.today();
            let Some(standing) = change
                .actor
                .user_id
                .map(|u| store::agency_standing(change, u, today))
                .transpose()?
                .flatten()
            else {
                return Err(Error::NotTheApprover {
                    approvers: store::agency_names(change, today)?,
                });
            };
            let status = status_of(change, input.case_id)?;
            if status != "open" {
                return Err(not_open(&status, "waived"));
            }
            let before = load(change, input.case_id)?;
            if !before.order_no.is_empty() {
                return Err(Error::invalid(
                    "caseId",
                    "a committee was appointed: record its finding",
                ));
            }
            let reason = text::required("reason", &input.reason, 1000)?;
            check_day("waivedOn", input.waived_on, before.opened_on, today)?;
            let (waived_for, wording) = store::standing_columns(&standing);
            change.execute(
                "UPDATE fact_findings SET status = 'concluded', finding = 'normal_wear',
                     conclusion = ?2, concluded_on = ?3, waived_by = ?4, waived_for = ?5,
                     waived_wording = ?6
                 WHERE id = ?1",
                params![
                    input.case_id,
                    reason,
                    today,
                    change.actor.user_id,
                    waived_for,
                    wording
                ],
            )?;
            let after = load(change, input.case_id)?;
            change.record(
                Event::new("fact_finding.waive", "fact_finding", input.case_id.0)
                    .before(&before)
                    .after(&after),
            )?;
            Ok(after)
        })
    }

    /// Records the committee's finding; a liability on a case from a loan settles its
    /// compensation case at that amount.
    pub fn conclude_fact_finding(
        &self,
        actor: &Actor,
        input: &FactFindingConclusion,
    ) -> Result<FactFinding> {
        self.change(actor, Some(Permission::ManageDisposals), |change| {
            let status = status_of(change, input.case_id)?;
            if status != "open" {
                return Err(not_open(&status, "concluded"));
            }
            let before = load(change, input.case_id)?;
            if before.order_no.is_empty() {
                return Err(Error::invalid(
                    "caseId",
                    "no committee was appointed: appoint one, or have the agency head waive it",
                ));
            }
            check_day(
                "concludedOn",
                input.concluded_on,
                before.opened_on,
                change.today(),
            )?;
            let conclusion = text::required("conclusion", &input.conclusion, 2000)?;
            let (liable_name, amount) = match input.finding {
                Finding::NormalWear => (String::new(), None),
                Finding::Liable => {
                    let name = text::required("liableName", &input.liable_name, 200)?;
                    match input.liable_amount {
                        Some(a) if a.0 > 0 => (name, Some(a)),
                        Some(_) => {
                            return Err(Error::invalid("liableAmount", "must be more than zero"));
                        }
                        None => return Err(Error::required("liableAmount")),
                    }
                }
            };
            change.execute(
                "UPDATE fact_findings SET status = 'concluded', finding = ?2, liable_name = ?3,
                     liable_amount = ?4, conclusion = ?5, concluded_on = ?6
                 WHERE id = ?1",
                params![
                    input.case_id,
                    input.finding,
                    liable_name,
                    amount,
                    conclusion,
                    input.concluded_on
                ],
            )?;
            if let (Some(compensation), Some(amount)) = (before.compensation_id, amount) {
                // The loan's case is settled by the same finding: paying that amount.
                change.execute(
                    "UPDATE compensation_cases SET remedy = 'pay', agreed_value = ?2,
                         document_no = CASE WHEN document_no = '' THEN ?3 ELSE document_no END
                     WHERE id = ?1 AND status = 'open'",
                    params![compensation, amount, before.case_no],
                )?;
            }
            let after = load(change, input.case_id)?;
            change.record(
                Event::new("fact_finding.conclude", "fact_finding", input.case_id.0)
                    .before(&before)
                    .after(&after),
            )?;
            Ok(after)
        })
    }

    /// One case.
    pub fn fact_finding(&self, actor: &Actor, id: FactFindingId) -> Result<FactFinding> {
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            load(conn, id)
        })
    }

    /// Cases, newest first; only the open ones when `open_only`.
    pub fn list_fact_findings(&self, actor: &Actor, open_only: bool) -> Result<Vec<FactFinding>> {
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            let mut stmt = conn.prepare_cached(
                "SELECT id FROM fact_findings WHERE (?1 = 0 OR status = 'open')
                 ORDER BY opened_on DESC, id DESC",
            )?;
            let ids = stmt
                .query_map([open_only], |r| r.get::<_, FactFindingId>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            ids.into_iter().map(|id| load(conn, id)).collect()
        })
    }
}
