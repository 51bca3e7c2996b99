//! The steps a loan's page offers, and the items a borrow form may hold, against the same
//! world and fixed clock as the steps themselves (see the parent module).

use super::*;
use crate::loans::item_check::{ItemCheck, ItemProblem, ItemVerdict};
use crate::loans::steps::{Blocker, LoanAction, LoanStep};

fn steps(w: &World, who: &Actor, loan: LoanId) -> Vec<LoanStep> {
    w.register.loan_steps(who, loan).unwrap()
}

fn step(w: &World, who: &Actor, loan: LoanId, action: LoanAction) -> Option<LoanStep> {
    steps(w, who, loan).into_iter().find(|s| s.action == action)
}

fn blocked(w: &World, who: &Actor, loan: LoanId, action: LoanAction) -> Option<Blocker> {
    step(w, who, loan, action)
        .unwrap_or_else(|| panic!("{action:?} is offered"))
        .blocked
}

#[test]
fn handing_out_before_the_first_day_is_offered_disabled_with_the_day() {
    let w = world();
    // Asked on 1 Oct for 2–5 Oct, approved at once.
    let loan = w
        .register
        .create_loan(
            &w.officer,
            &w.request(&w.drills[..1], d(2024, 10, 2), d(2024, 10, 5)),
        )
        .unwrap();
    w.approve(&w.head_works, loan.id).unwrap();
    assert_eq!(
        blocked(&w, &w.officer, loan.id, LoanAction::HandOut),
        Some(Blocker::StartsOn { on: d(2024, 10, 2) })
    );
    assert_eq!(
        blocked(&w, &w.officer, loan.id, LoanAction::Return),
        Some(Blocker::NothingOut)
    );
    assert_eq!(blocked(&w, &w.officer, loan.id, LoanAction::Cancel), None);
    // The core refuses the step the page shows disabled.
    assert!(w.hand_out(&w.officer, &w.detail(loan.id)).is_err());
    // On the first day it is open, and the hand-out goes through.
    w.on(d(2024, 10, 2));
    assert_eq!(blocked(&w, &w.officer, loan.id, LoanAction::HandOut), None);
    w.hand_out(&w.officer, &w.detail(loan.id)).unwrap();
    // Once out: taken back, not cancelled; nothing is left to hand out.
    assert_eq!(blocked(&w, &w.officer, loan.id, LoanAction::Return), None);
    assert_eq!(
        blocked(&w, &w.officer, loan.id, LoanAction::Cancel),
        Some(Blocker::HandedOut)
    );
    assert!(step(&w, &w.officer, loan.id, LoanAction::HandOut).is_none());
}

#[test]
fn a_waiting_request_offers_the_decision_to_its_approver_and_says_who_else_decides() {
    let w = world();
    let loan = w.submitted();
    // The head of กองช่าง decides it.
    assert_eq!(
        blocked(&w, &w.head_works, loan.id, LoanAction::Approve),
        None
    );
    assert_eq!(
        blocked(&w, &w.head_works, loan.id, LoanAction::Reject),
        None
    );
    // The head of กองคลัง approves loans, but not this one: the page names who does.
    match blocked(&w, &w.head_finance, loan.id, LoanAction::Approve) {
        Some(Blocker::NotTheApprover { approvers }) => {
            assert!(
                approvers.contains(&"คุณ head.works".to_string()),
                "{approvers:?}"
            )
        }
        other => panic!("{other:?}"),
    }
    assert!(w.approve(&w.head_finance, loan.id).is_err());
    // The borrower edits or withdraws their request, and is offered no decision.
    let own: Vec<LoanAction> = steps(&w, &w.somchai, loan.id)
        .into_iter()
        .map(|s| s.action)
        .collect();
    assert_eq!(own, vec![LoanAction::Edit, LoanAction::Cancel]);
    // The officer sees hand-out waiting for the approval.
    assert_eq!(
        blocked(&w, &w.officer, loan.id, LoanAction::HandOut),
        Some(Blocker::NotApprovedYet)
    );
    // After the decision there is nothing left to decide.
    w.approve(&w.head_works, loan.id).unwrap();
    assert!(step(&w, &w.head_works, loan.id, LoanAction::Approve).is_none());
}

#[test]
fn approving_is_disabled_while_an_item_is_reserved_for_the_same_days() {
    let w = world();
    let first = w.submitted();
    let second = w.submitted();
    w.approve(&w.head_works, first.id).unwrap();
    match blocked(&w, &w.head_works, second.id, LoanAction::Approve) {
        Some(Blocker::ItemTaken {
            reason, loan_no, ..
        }) => {
            assert_eq!(reason, "reserved");
            assert_eq!(loan_no, Some(first.loan_no.clone()));
        }
        other => panic!("{other:?}"),
    }
    // Rejecting it is still open.
    assert_eq!(
        blocked(&w, &w.head_works, second.id, LoanAction::Reject),
        None
    );
    assert!(w.approve(&w.head_works, second.id).is_err());
}

#[test]
fn an_officer_who_borrows_is_offered_no_hand_out_to_themselves() {
    let w = world();
    let officer_person = w
        .register
        .list_staff(
            &w.admin,
            &crate::org::StaffQuery {
                text: Some("พัสดุ".into()),
                division_id: None,
                include_inactive: false,
            },
        )
        .unwrap()[0]
        .id;
    let mut request = w.request(&w.drills[..1], d(2024, 10, 1), d(2024, 10, 3));
    request.borrower_id = Some(officer_person);
    let loan = w.register.create_loan(&w.officer2, &request).unwrap();
    w.approve(&w.head_works, loan.id).unwrap();
    assert_eq!(
        blocked(&w, &w.officer, loan.id, LoanAction::HandOut),
        Some(Blocker::OfficerIsBorrower)
    );
    assert_eq!(blocked(&w, &w.officer2, loan.id, LoanAction::HandOut), None);
}

#[test]
fn each_item_of_a_borrow_form_is_answered_on_its_own_line() {
    let w = world();
    // drills[0] is out on another loan; drills[2] is under repair.
    let loan = w.submitted();
    w.approve(&w.head_works, loan.id).unwrap();
    w.hand_out(&w.officer, &w.detail(loan.id)).unwrap();
    w.register
        .change_asset_status(
            &w.officer,
            &StatusChange {
                asset_id: w.drills[2],
                status: AssetStatus::UnderRepair,
                on_date: d(2024, 10, 1),
                document_no: String::new(),
                reason: "มอเตอร์ไหม้".into(),
            },
        )
        .unwrap();
    let check = |assets: &[AssetId]| {
        w.register
            .check_loan_items(
                &w.somchai,
                &ItemCheck {
                    kind: LoanKind::Inside,
                    starts_on: d(2024, 10, 2),
                    due_on: d(2024, 10, 4),
                    loan_id: None,
                    asset_ids: assets.to_vec(),
                },
            )
            .unwrap()
    };
    let verdicts = check(&[w.drills[1], w.drills[0], w.drills[2], w.laptop]);
    let problems: Vec<Option<ItemProblem>> = verdicts
        .iter()
        .map(|v: &ItemVerdict| v.problem.clone())
        .collect();
    assert_eq!(
        problems,
        vec![
            None,
            Some(ItemProblem::OnLoan {
                loan_no: loan.loan_no.clone()
            }),
            Some(ItemProblem::Status {
                status: "under_repair".into()
            }),
            Some(ItemProblem::OtherDivision {
                division: Some("กองคลัง".into()),
                slip_division: Some("กองช่าง".into()),
            }),
        ]
    );
    // The loan holding the item does not count against itself when it is edited.
    let own = w
        .register
        .check_loan_items(
            &w.officer,
            &ItemCheck {
                kind: LoanKind::Outside,
                starts_on: d(2024, 10, 1),
                due_on: d(2024, 10, 10),
                loan_id: Some(loan.id),
                asset_ids: vec![w.drills[0], w.laptop],
            },
        )
        .unwrap();
    assert!(own.iter().all(|v| v.problem.is_none()), "{own:?}");
}
