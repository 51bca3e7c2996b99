//! Closing a round and what follows: every line decided (items out on a loan explained by
//! it; the rest not found only by the chair's or a checker's named choice), the round made
//! read-only, and proposals to bring the register in line with what was found — move an
//! item to where it was found, record its condition, register an item it lacked. The
//! supplies officer applies them, one or all at once, each change in the audit log with
//! the round as its reference; nothing touches the register before that.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use super::counting::counter_name;
use super::{CheckRound, Condition, LineResult, RoundKind, RoundStatus, store};
use crate::assets::AssetStatus;
use crate::assets::lifecycle::{relocate_because, set_status_because};
use crate::assets::records::{AssetInput, NewAssets};
use crate::audit::Event;
use crate::auth::Permission;
use crate::error::{Error, Result};
use crate::ids::{AssetId, LineId, LocationId, ProposalId, RoundId, UnexpectedId};
use crate::loans::code_enum;
use crate::register::{Actor, Change, Register};
use crate::text;

/// Closing a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CloseRound {
    /// The round.
    pub round_id: RoundId,
    /// Mark every line still uncounted (and not out on a loan) as not found. Without it a
    /// round with such lines does not close.
    pub rest_not_found: bool,
}

/// What a proposal would change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProposalKind {
    /// Move the item to where it was found.
    Move,
    /// Record the status the check found.
    Status,
    /// Register an item that was found but is not in the register.
    Register,
}
code_enum!(ProposalKind {
    Move => "move",
    Status => "status",
    Register => "register",
});

/// Where a proposal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProposalState {
    /// Waiting for the supplies officer.
    Pending,
    /// Done in the register.
    Applied,
    /// Not done, with a note why.
    Dismissed,
}
code_enum!(ProposalState {
    Pending => "pending",
    Applied => "applied",
    Dismissed => "dismissed",
});

/// One register change a closed round proposes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Proposal {
    /// Id.
    pub id: ProposalId,
    /// Its round.
    pub round_id: RoundId,
    /// What it changes.
    pub kind: ProposalKind,
    /// The item (not for registering a new one).
    pub asset_id: Option<AssetId>,
    /// The item's code (or the code found on an item not in the register).
    pub code: String,
    /// What it is.
    pub name: String,
    /// Where it is in the register now.
    pub from_place: Option<String>,
    /// The location to move it to.
    pub to_location_id: Option<LocationId>,
    /// Its name, with its division.
    pub to_place: Option<String>,
    /// Its status in the register now.
    pub from_status: Option<AssetStatus>,
    /// The status to record.
    pub to_status: Option<AssetStatus>,
    /// Why (what the check found).
    pub reason: String,
    /// Where it stands.
    pub state: ProposalState,
    /// When it was applied or dismissed (UTC).
    pub decided_at: Option<String>,
    /// By whom.
    pub decided_by_name: Option<String>,
    /// Why it was dismissed.
    pub decision_note: String,
    /// The unexpected item it is about, for registering.
    pub unexpected_id: Option<UnexpectedId>,
    /// Where that item was found.
    pub found_location_id: Option<LocationId>,
}

/// Applying proposals: the ones named, or every pending one that needs no more details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ApplyProposals {
    /// The round.
    pub round_id: RoundId,
    /// Which proposals (empty: every pending move and status change).
    pub proposal_ids: Vec<ProposalId>,
}

/// Leaving a proposal undone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Dismissal {
    /// The proposal.
    pub proposal_id: ProposalId,
    /// Why it is not done (required).
    pub note: String,
}

/// Registering an item the round found that the register lacked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RegisterFound {
    /// The proposal.
    pub proposal_id: ProposalId,
    /// The item's details (its code, and where it was found, are filled in as proposed).
    pub asset: AssetInput,
}

const SELECT_PROPOSAL: &str = "SELECT p.id, p.round_id, p.kind, p.asset_id,
        coalesce(a.code, u.code, ''), coalesce(a.name, u.description, ''),
        CASE WHEN a.id IS NOT NULL THEN trim(coalesce(ad.name, '') || ' ' || coalesce(al.name, '')) END,
        p.to_location_id,
        CASE WHEN tl.id IS NOT NULL THEN tl.name || ' (' || td.name || ')' END,
        a.status, p.to_status, p.reason, p.state, p.decided_at, du.full_name, p.decision_note,
        p.unexpected_id, u.location_id
    FROM check_proposals p
    LEFT JOIN assets a ON a.id = p.asset_id
    LEFT JOIN divisions ad ON ad.id = a.division_id
    LEFT JOIN locations al ON al.id = a.location_id
    LEFT JOIN check_unexpected u ON u.id = p.unexpected_id
    LEFT JOIN locations tl ON tl.id = p.to_location_id
    LEFT JOIN divisions td ON td.id = tl.division_id
    LEFT JOIN users du ON du.id = p.decided_by";

fn proposal_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Proposal> {
    Ok(Proposal {
        id: r.get(0)?,
        round_id: r.get(1)?,
        kind: r.get(2)?,
        asset_id: r.get(3)?,
        code: r.get(4)?,
        name: r.get(5)?,
        from_place: r.get(6)?,
        to_location_id: r.get(7)?,
        to_place: r.get(8)?,
        from_status: r.get(9)?,
        to_status: r.get(10)?,
        reason: r.get(11)?,
        state: r.get(12)?,
        decided_at: r.get(13)?,
        decided_by_name: r.get(14)?,
        decision_note: r.get(15)?,
        unexpected_id: r.get(16)?,
        found_location_id: r.get(17)?,
    })
}

fn load_proposal(conn: &Connection, id: ProposalId) -> Result<Proposal> {
    conn.query_row(
        &format!("{SELECT_PROPOSAL} WHERE p.id = ?1"),
        [id],
        proposal_from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("proposal", id))
}

/// A counted line, as closing reads it to make proposals.
struct CountedLine {
    line: LineId,
    asset: AssetId,
    result: LineResult,
    condition: Option<Condition>,
    found_at: Option<LocationId>,
    status: AssetStatus,
    found_name: String,
}

/// What closing proposes, written as pending proposals.
fn propose(change: &Change<'_>, round: RoundId) -> Result<u32> {
    let mut made = 0;
    let mut insert = change.prepare_cached(
        "INSERT INTO check_proposals (round_id, kind, asset_id, line_id, unexpected_id,
             to_location_id, to_status, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let lines: Vec<CountedLine> = change
        .prepare(
            "SELECT id, asset_id, result, condition, found_location_id, status,
                    coalesce(found_location_name, '')
             FROM check_lines WHERE round_id = ?1 AND result IN ('found', 'found_elsewhere', 'not_found')
             ORDER BY seq",
        )?
        .query_map([round], |r| {
            Ok(CountedLine {
                line: r.get(0)?,
                asset: r.get(1)?,
                result: r.get(2)?,
                condition: r.get(3)?,
                found_at: r.get(4)?,
                status: r.get(5)?,
                found_name: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    for l in lines {
        if l.result == LineResult::FoundElsewhere
            && let Some(location) = l.found_at
        {
            insert.execute(params![
                round,
                ProposalKind::Move,
                l.asset,
                l.line,
                None::<i64>,
                location,
                None::<String>,
                format!("พบที่ {}", l.found_name)
            ])?;
            made += 1;
        }
        let found_status = l.result.status_found(l.condition);
        // An item awaiting disposal stays so; otherwise what the check found is proposed.
        if let Some(to) = found_status
            && to != l.status
            && l.status != AssetStatus::AwaitingDisposal
        {
            let reason = match l.result {
                LineResult::NotFound => "ไม่พบในการตรวจนับ".to_owned(),
                _ => format!("สภาพที่ตรวจพบ: {}", to.thai()),
            };
            insert.execute(params![
                round,
                ProposalKind::Status,
                l.asset,
                l.line,
                None::<i64>,
                None::<i64>,
                to,
                reason
            ])?;
            made += 1;
        }
    }
    let found: Vec<(UnexpectedId, Option<AssetId>, Option<LocationId>, String)> = change
        .prepare(
            "SELECT u.id, u.asset_id, u.location_id, coalesce(u.location_name, '')
             FROM check_unexpected u LEFT JOIN assets a ON a.id = u.asset_id
             WHERE u.round_id = ?1 AND (a.id IS NULL OR a.status <> 'disposed') ORDER BY u.id",
        )?
        .query_map([round], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (unexpected, asset, location, place) in found {
        match (asset, location) {
            (Some(asset), Some(location)) => {
                insert.execute(params![
                    round,
                    ProposalKind::Move,
                    asset,
                    None::<i64>,
                    unexpected,
                    location,
                    None::<String>,
                    format!("พบที่ {place} นอกรายการของรอบ")
                ])?;
                made += 1;
            }
            (None, _) => {
                insert.execute(params![
                    round,
                    ProposalKind::Register,
                    None::<i64>,
                    None::<i64>,
                    unexpected,
                    location,
                    None::<String>,
                    "พบแต่ไม่มีในทะเบียน"
                ])?;
                made += 1;
            }
            (Some(_), None) => {}
        }
    }
    Ok(made)
}

/// The reference a register change made from a round carries.
fn reference(round: &CheckRound) -> String {
    format!("ผลการตรวจนับ: {}", round.name)
}

/// The day a round's changes are dated: the last day of counting, or today if earlier.
fn dated(round: &CheckRound, today: NaiveDate) -> NaiveDate {
    round.ends_on.min(today)
}

/// Applies one pending move or status change inside the caller's transaction. False when
/// it is a status change for an item gone to disposal since, settled as dismissed instead.
fn apply_one(change: &Change<'_>, round: &CheckRound, proposal: &Proposal) -> Result<bool> {
    if proposal.state != ProposalState::Pending {
        // The field's last part picks the sentence the UI shows ("decided", "register").
        return Err(Error::invalid(
            "proposalIds.decided",
            format!(
                "proposal {} is already {}",
                proposal.id,
                proposal.state.as_str()
            ),
        ));
    }
    let asset = proposal.asset_id.ok_or_else(|| {
        Error::invalid(
            "proposalIds.register",
            "registering an item needs its details",
        )
    })?;
    let on = dated(round, change.today());
    let reason = format!("{} ({})", proposal.reason, reference(round));
    match proposal.kind {
        ProposalKind::Move => {
            let location = proposal
                .to_location_id
                .ok_or_else(|| Error::Internal("a move without a location".into()))?;
            relocate_because(change, asset, location, on, &reference(round), &reason)?;
        }
        ProposalKind::Status => {
            let status = proposal
                .to_status
                .ok_or_else(|| Error::Internal("a status change without a status".into()))?;
            // Proposed for disposal and approved since the round closed: the disposal has
            // taken what the round found, and "รอจำหน่าย" must not go back to "ชำรุด".
            let now: AssetStatus =
                change.query_row("SELECT status FROM assets WHERE id = ?1", [asset], |r| {
                    r.get(0)
                })?;
            if matches!(now, AssetStatus::AwaitingDisposal | AssetStatus::Disposed) {
                let note = format!("ไม่ปรับสถานะ: ส่งจำหน่ายแล้ว (สถานะ{})", now.thai());
                decide(change, proposal.id, ProposalState::Dismissed, &note)?;
                return Ok(false);
            }
            set_status_because(change, asset, status, on, &reference(round), &reason)?;
        }
        ProposalKind::Register => {
            return Err(Error::invalid(
                "proposalIds.register",
                "registering an item needs its details",
            ));
        }
    }
    decide(change, proposal.id, ProposalState::Applied, "")?;
    Ok(true)
}

fn decide(change: &Change<'_>, id: ProposalId, state: ProposalState, note: &str) -> Result<()> {
    change.execute(
        "UPDATE check_proposals SET state = ?1, decided_at = ?2, decided_by = ?3, decision_note = ?4
         WHERE id = ?5",
        params![state, change.stamp(), change.actor.user_id, note, id],
    )?;
    Ok(())
}

/// A closed round's proposal, refused for another round's id.
fn closed_round_of(change: &Change<'_>, round: RoundId) -> Result<CheckRound> {
    let round = store::load_round(change, round, &change.actor)?;
    store::require_status(&round, RoundStatus::Closed)?;
    Ok(round)
}

impl Register {
    /// Closes an open round: the chair (annual) or a checker (periodic) decides it is done.
    /// Items out on a loan and not seen are explained by the loan; the rest still uncounted
    /// are marked not found only when `rest_not_found` says so. Writes the proposals.
    pub fn close_round(&self, actor: &Actor, input: &CloseRound) -> Result<CheckRound> {
        self.change(actor, None, |change| {
            let round = store::load_round(change, input.round_id, &change.actor)?;
            store::require_status(&round, RoundStatus::Open)?;
            if !round.can_close {
                return Err(Error::NotARoundMember {
                    who: if round.kind == RoundKind::Annual {
                        "chair"
                    } else {
                        "checker"
                    },
                });
            }
            let who = counter_name(change)?;
            let stamp = change.stamp();
            let on_loan = change.execute(
                "UPDATE check_lines SET result = 'on_loan', counted_by = ?2, counted_by_name = ?3,
                     counted_at = ?4, method = 'closing'
                 WHERE round_id = ?1 AND result IS NULL AND loan_id IS NOT NULL",
                params![round.id, change.actor.user_id, who, stamp],
            )?;
            let left: u32 = change.query_row(
                "SELECT count(*) FROM check_lines WHERE round_id = ?1 AND result IS NULL",
                [round.id],
                |r| r.get(0),
            )?;
            if left > 0 && !input.rest_not_found {
                return Err(Error::LinesUndecided { lines: left });
            }
            change.execute(
                "UPDATE check_lines SET result = 'not_found', counted_by = ?2, counted_by_name = ?3,
                     counted_at = ?4, method = 'closing'
                 WHERE round_id = ?1 AND result IS NULL",
                params![round.id, change.actor.user_id, who, stamp],
            )?;
            let proposals = propose(change, round.id)?;
            let closed_as = round
                .members
                .iter()
                .find(|m| Some(m.role) == round.my_role && m.user_id == change.actor.user_id)
                .map_or(who.clone(), |m| format!("{} ({})", m.name, m.role.thai()));
            change.execute(
                "UPDATE check_rounds SET status = 'closed', closed_at = ?1, closed_by = ?2,
                     closed_as = ?3, rest_not_found = ?4
                 WHERE id = ?5",
                params![stamp, change.actor.user_id, closed_as, left > 0, round.id],
            )?;
            change.record(
                Event::new("check.close", "check_round", round.id).after(&json!({
                    "name": round.name,
                    "onLoan": on_loan,
                    "markedNotFound": left,
                    "proposals": proposals,
                    "closedAs": closed_as,
                })),
            )?;
            let mut after = store::load_round(change, round.id, &change.actor)?;
            after.progress = super::views::progress_of(change, round.id)?;
            Ok(after)
        })
    }

    /// A round's proposals, in the order they were made.
    pub fn round_proposals(&self, actor: &Actor, round: RoundId) -> Result<Vec<Proposal>> {
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            let mut stmt = conn.prepare(&format!(
                "{SELECT_PROPOSAL} WHERE p.round_id = ?1 ORDER BY p.id"
            ))?;
            let rows = stmt.query_map([round], proposal_from_row)?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// Applies proposals in one transaction: all of them or none. With no ids, every
    /// pending move and status change (registering an item needs its details). Returns
    /// how many were applied (a status change for an item gone to disposal since is
    /// dismissed with a note instead).
    pub fn apply_proposals(&self, actor: &Actor, input: &ApplyProposals) -> Result<u32> {
        self.change(actor, Some(Permission::ManageRegister), |change| {
            let round = closed_round_of(change, input.round_id)?;
            let ids: Vec<ProposalId> = if input.proposal_ids.is_empty() {
                change
                    .prepare(
                        "SELECT id FROM check_proposals WHERE round_id = ?1 AND state = 'pending'
                         AND kind IN ('move', 'status') ORDER BY id",
                    )?
                    .query_map([round.id], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?
            } else {
                input.proposal_ids.clone()
            };
            let mut applied = 0;
            for id in &ids {
                let proposal = load_proposal(change, *id)?;
                if proposal.round_id != round.id {
                    return Err(Error::not_found("proposal", id));
                }
                applied += u32::from(apply_one(change, &round, &proposal)?);
            }
            change.record(
                Event::new("check.apply", "check_round", round.id)
                    .after(&json!({ "proposals": ids, "reference": reference(&round) })),
            )?;
            Ok(applied)
        })
    }

    /// Leaves a proposal undone, with a note why.
    pub fn dismiss_proposal(&self, actor: &Actor, input: &Dismissal) -> Result<Proposal> {
        let (id, note) = (input.proposal_id, input.note.as_str());
        self.change(actor, Some(Permission::ManageRegister), |change| {
            let proposal = load_proposal(change, id)?;
            closed_round_of(change, proposal.round_id)?;
            if proposal.state != ProposalState::Pending {
                return Err(Error::invalid(
                    "proposalId",
                    format!("proposal {id} is already {}", proposal.state.as_str()),
                ));
            }
            let note = text::required("note", note, 500)?;
            decide(change, id, ProposalState::Dismissed, &note)?;
            let after = load_proposal(change, id)?;
            change.record(
                Event::new("check.dismiss", "check_round", proposal.round_id)
                    .before(&proposal)
                    .after(&after),
            )?;
            Ok(after)
        })
    }

    /// Registers an item the round found but the register lacked, from the details the
    /// officer completed; the proposal is then applied.
    pub fn register_found(
        &self,
        actor: &Actor,
        input: &RegisterFound,
    ) -> Result<crate::assets::Asset> {
        self.change(actor, Some(Permission::ManageRegister), |change| {
            let proposal = load_proposal(change, input.proposal_id)?;
            closed_round_of(change, proposal.round_id)?;
            if proposal.kind != ProposalKind::Register || proposal.state != ProposalState::Pending {
                return Err(Error::invalid(
                    "proposalId",
                    "not a pending proposal to register an item",
                ));
            }
            let mut asset = input.asset.clone();
            if asset.code.trim().is_empty() {
                asset.code = proposal.code.clone();
                asset.keep_code_as_written = true;
            }
            if asset.location_id.is_none() {
                asset.location_id = proposal.found_location_id;
            }
            let created =
                crate::assets::records::create_in(change, &NewAssets { asset, count: 1 })?;
            decide(change, proposal.id, ProposalState::Applied, "")?;
            created
                .into_iter()
                .next()
                .ok_or_else(|| Error::Internal("no item registered".into()))
        })
    }
}
