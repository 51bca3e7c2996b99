//! From a closed round to disposal: what the round found is what a disposal naming it
//! records, whether or not the round's proposals have reached the register yet.

use super::*;
use crate::clock::Clock;
use crate::disposal::{DisposalDecision, DisposalInput, DisposalItemInput, DisposalMethod};
use crate::error::Error;

/// The periodic round with office item 1 found damaged and the rest marked not found, closed.
fn closed_with_a_damaged_item(w: &World) -> RoundId {
    let round = w.open_periodic();
    w.register
        .scan(
            &w.checker1,
            &ScanInput {
                round_id: round,
                code: w.code(w.in_office[0]),
                location_id: Some(w.office),
                condition: Some(Condition::Damaged),
            },
        )
        .unwrap();
    w.register
        .close_round(
            &w.checker1,
            &CloseRound {
                round_id: round,
                rest_not_found: true,
            },
        )
        .unwrap();
    round
}

fn proposal(w: &World, round: RoundId, asset: AssetId, method: DisposalMethod) -> DisposalInput {
    DisposalInput {
        reason: "ชำรุดตามผลการตรวจสอบ".into(),
        proposed_on: w.clock.today(),
        round_id: Some(round),
        items: vec![DisposalItemInput {
            asset_id: asset,
            method,
            note: String::new(),
        }],
    }
}

#[test]
fn an_item_found_damaged_goes_to_disposal_as_damaged_and_the_round_applied_later_leaves_it_awaiting_disposal()
 {
    let w = world();
    let round = closed_with_a_damaged_item(&w);
    let item = w.in_office[0];
    let status = |a| w.register.asset_detail(&w.officer, a).unwrap().asset.status;
    assert_eq!(
        status(item),
        AssetStatus::InUse,
        "the proposals are not applied yet"
    );

    let disposal = w
        .register
        .propose_disposal(
            &w.officer,
            &proposal(&w, round, item, DisposalMethod::SaleAuction),
        )
        .unwrap();
    assert_eq!(disposal.items[0].condition, AssetStatus::Damaged);
    assert_eq!(
        status(item),
        AssetStatus::InUse,
        "proposing changes no status"
    );

    // Without the round named, the register's status is all there is to go on.
    let other = w.in_shed[0];
    let plain = DisposalInput {
        round_id: None,
        ..proposal(&w, round, other, DisposalMethod::SaleAuction)
    };
    let plain = w.register.propose_disposal(&w.officer, &plain).unwrap();
    assert_eq!(plain.items[0].condition, AssetStatus::InUse);

    let mayor = log_in(&w.register, "mayor");
    w.register
        .decide_disposal(
            &mayor,
            &DisposalDecision {
                disposal_id: disposal.id,
                approve: true,
                approval_no: "คำสั่ง 9/2568".into(),
                approved_on: w.clock.today(),
                reason: String::new(),
            },
        )
        .unwrap();
    assert_eq!(status(item), AssetStatus::AwaitingDisposal);

    let pending = w.register.round_proposals(&w.officer, round).unwrap();
    let to_apply = pending
        .iter()
        .filter(|p| p.kind != ProposalKind::Register)
        .count() as u32;
    let applied = w.apply_all(&w.officer, round).unwrap();
    assert_eq!(applied, to_apply - 1, "all but the damaged item's status");
    assert_eq!(status(item), AssetStatus::AwaitingDisposal);
    let settled = w
        .register
        .round_proposals(&w.officer, round)
        .unwrap()
        .into_iter()
        .find(|p| p.asset_id == Some(item) && p.kind == ProposalKind::Status)
        .unwrap();
    assert_eq!(settled.state, ProposalState::Dismissed);
    assert!(
        settled.decision_note.contains("ส่งจำหน่ายแล้ว"),
        "{}",
        settled.decision_note
    );
}

#[test]
fn an_item_the_round_did_not_find_is_written_off_as_lost_not_sold() {
    let w = world();
    let round = closed_with_a_damaged_item(&w);
    let missing = w.in_office[3];
    let err = w
        .register
        .propose_disposal(
            &w.officer,
            &proposal(&w, round, missing, DisposalMethod::SaleAuction),
        )
        .unwrap_err();
    match err {
        Error::ItemNotEligible { reason, field, .. } => {
            assert_eq!(
                (reason, field.as_str()),
                ("lost_needs_write_off", "items[0].method")
            );
        }
        other => panic!("expected lost_needs_write_off, got {other:?}"),
    }
    // A write-off still needs the fact-finding that says why it was lost (ข้อ ๒๑๔).
    let err = w
        .register
        .propose_disposal(
            &w.officer,
            &proposal(&w, round, missing, DisposalMethod::WriteOffLost),
        )
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::ItemNotEligible {
                reason: "lost_needs_case",
                ..
            }
        ),
        "{err:?}"
    );
}
