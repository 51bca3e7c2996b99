use std::sync::Arc;

use chrono::{Duration, NaiveDate};

use super::approvers::DelegationWording;
use super::handover::Remedy;
use super::overdue::FollowUpMethod;
use super::*;
use crate::assets::records::NewAssets;
use crate::assets::{AssetInput, AssetStatus, StatusChange};
use crate::auth::{NewUserInput, Role, RoleGrant};
use crate::clock::{Clock, FixedClock};
use crate::error::Error;
use crate::ids::{AssetId, DivisionId, LoanId, PersonId};
use crate::money::Satang;
use crate::org::PersonInput;
use crate::register::{Actor, Register};
use crate::testing::{self, PASSWORD};

mod steps;
mod undertaking;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// อบต. with กองช่าง and กองคลัง on 1 Oct 2024 (FY2568): a borrower with a login in
/// กองช่าง, its head, the agency head, two officers, a stand-in, and items held by each
/// division.
struct World {
    register: Register,
    clock: Arc<FixedClock>,
    admin: Actor,
    /// สมชาย, กองช่าง, may log in as `somchai`.
    borrower: PersonId,
    somchai: Actor,
    /// Another member of staff without a login.
    other_person: PersonId,
    head_works: Actor,
    head_finance: Actor,
    mayor: Actor,
    officer: Actor,
    officer2: Actor,
    /// A viewer who stands in for the head of กองช่าง when a delegation says so.
    deputy: Actor,
    /// Items held by กองช่าง.
    drills: Vec<AssetId>,
    /// An item held by กองคลัง.
    laptop: AssetId,
}

impl World {
    fn user_id(actor: &Actor) -> crate::ids::UserId {
        match actor {
            Actor::User(id) => *id,
            Actor::System(_) => panic!("not a user"),
        }
    }
}

fn person(register: &Register, admin: &Actor, first: &str, division: DivisionId) -> PersonId {
    register
        .create_person(
            admin,
            &PersonInput {
                title: "นาย".into(),
                first_name: first.into(),
                last_name: "ใจดี".into(),
                position: "นายช่างโยธา".into(),
                division_id: Some(division),
                phone: "053-000000".into(),
            },
        )
        .unwrap()
        .id
}

fn account(
    register: &Register,
    admin: &Actor,
    username: &str,
    person_id: Option<PersonId>,
    roles: &[RoleGrant],
) -> Actor {
    let user = register
        .create_user(
            admin,
            &NewUserInput {
                username: username.into(),
                full_name: format!("คุณ {username}"),
                password: PASSWORD.into(),
                person_id,
                roles: roles.to_vec(),
            },
        )
        .unwrap();
    Actor::User(user.id)
}

fn world() -> World {
    let (register, clock, admin) = testing::set_up();
    let works = testing::division(&register, &admin, "กองช่าง");
    let finance = testing::division(&register, &admin, "กองคลัง");
    let borrower = person(&register, &admin, "สมชาย", works);
    let other_person = person(&register, &admin, "สมศักดิ์", works);
    let head_person = person(&register, &admin, "หัวหน้าช่าง", works);
    let officer_person = person(&register, &admin, "พัสดุ", finance);
    let somchai = account(
        &register,
        &admin,
        "somchai",
        Some(borrower),
        &[RoleGrant::plain(Role::Viewer)],
    );
    let head_works = account(
        &register,
        &admin,
        "head.works",
        Some(head_person),
        &[RoleGrant::division_head(works)],
    );
    let head_finance = account(
        &register,
        &admin,
        "head.finance",
        None,
        &[RoleGrant::division_head(finance)],
    );
    let mayor = account(
        &register,
        &admin,
        "mayor",
        None,
        &[RoleGrant::plain(Role::AgencyHead)],
    );
    let officer = account(
        &register,
        &admin,
        "officer",
        Some(officer_person),
        &[RoleGrant::plain(Role::SuppliesOfficer)],
    );
    let officer2 = account(
        &register,
        &admin,
        "officer2",
        None,
        &[RoleGrant::plain(Role::SuppliesOfficer)],
    );
    let deputy = account(
        &register,
        &admin,
        "deputy",
        None,
        &[RoleGrant::plain(Role::Viewer)],
    );
    let category = register
        .list_categories(&officer)
        .unwrap()
        .into_iter()
        .find(|c| c.type_code == "407")
        .unwrap()
        .id;
    let item = |name: &str, division: DivisionId, count: u32, price: i64| {
        register
            .create_assets(
                &officer,
                &NewAssets {
                    asset: AssetInput {
                        name: name.into(),
                        category_id: Some(category),
                        acquired_on: Some(d(2022, 10, 1)),
                        unit_price: Satang::baht(price),
                        useful_life_years: Some(5),
                        division_id: Some(division),
                        ..Default::default()
                    },
                    count,
                },
            )
            .unwrap()
            .into_iter()
            .map(|a| a.id)
            .collect::<Vec<_>>()
    };
    let drills = item("สว่านไฟฟ้า", works, 3, 5_000);
    let laptop = item("โน้ตบุ๊ก", finance, 1, 20_000)[0];
    World {
        register,
        clock,
        admin,
        borrower,
        somchai,
        other_person,
        head_works,
        head_finance,
        mayor,
        officer,
        officer2,
        deputy,
        drills,
        laptop,
    }
}

impl World {
    fn request(&self, assets: &[AssetId], starts_on: NaiveDate, due_on: NaiveDate) -> LoanRequest {
        LoanRequest {
            kind: LoanKind::Inside,
            borrower_id: Some(self.borrower),
            agency_name: String::new(),
            agency_letter_no: String::new(),
            purpose: "ซ่อมรางระบายน้ำหน้าที่ทำการ".into(),
            place_of_use: "ที่ทำการ อบต.".into(),
            starts_on,
            due_on,
            long_loan_reason: String::new(),
            notes: String::new(),
            asset_ids: assets.to_vec(),
            paper_no: String::new(),
            submit: true,
            undertaking: true,
        }
    }

    /// A submitted request for the first drill, 1–10 Oct 2024, entered by the officer.
    fn submitted(&self) -> Loan {
        self.register
            .create_loan(
                &self.officer,
                &self.request(&self.drills[..1], d(2024, 10, 1), d(2024, 10, 10)),
            )
            .unwrap()
    }

    fn approve(&self, who: &Actor, loan: LoanId) -> crate::error::Result<Loan> {
        self.register.decide_loan(
            who,
            &Decision {
                loan_id: loan,
                approve: true,
                reason: String::new(),
            },
        )
    }

    fn hand_out(&self, who: &Actor, loan: &Loan) -> crate::error::Result<Loan> {
        self.register.hand_out(
            who,
            &HandOut {
                loan_id: loan.id,
                items: loan
                    .items
                    .iter()
                    .map(|i| ItemHandOut {
                        asset_id: i.asset_id,
                        condition: ItemCondition::Good,
                    })
                    .collect(),
                received_by_name: "นายสมชาย ใจดี".into(),
            },
        )
    }

    fn give_back(
        &self,
        loan: LoanId,
        asset: AssetId,
        condition: ItemCondition,
    ) -> crate::error::Result<Loan> {
        self.register.return_items(
            &self.officer,
            &Return {
                loan_id: loan,
                items: vec![ItemReturn {
                    asset_id: asset,
                    condition,
                    notes: if condition == ItemCondition::Good {
                        String::new()
                    } else {
                        "ดอกสว่านหัก".into()
                    },
                }],
                returned_by_name: "นายสมชาย ใจดี".into(),
            },
        )
    }

    /// Moves the clock to 09:00 on `date`.
    fn on(&self, date: NaiveDate) {
        self.clock.set(FixedClock::on_date(date).now());
    }

    fn detail(&self, loan: LoanId) -> Loan {
        self.register.loan_detail(&self.admin, loan).unwrap()
    }
}

/// Runs `refused`, checks it fails with `code`, and that the loan and the audit log are
/// exactly as they were.
fn refused_unchanged(
    w: &World,
    loan: LoanId,
    code: &str,
    refused: impl FnOnce() -> crate::error::Result<Loan>,
) -> Error {
    let before = w.detail(loan);
    let entries = testing::audit_count(&w.register);
    let error = refused().expect_err("the step is refused");
    assert_eq!(error.code(), code, "{error}");
    assert_eq!(
        w.detail(loan),
        before,
        "a refused step leaves the loan as it was"
    );
    assert_eq!(
        testing::audit_count(&w.register),
        entries,
        "and writes no audit entry"
    );
    error
}

#[test]
fn a_loan_from_request_to_return_records_who_did_what() {
    let w = world();
    // สมชาย asks for two drills himself.
    let loan = w
        .register
        .create_loan(
            &w.somchai,
            &w.request(&w.drills[..2], d(2024, 10, 1), d(2024, 10, 10)),
        )
        .unwrap();
    assert_eq!(loan.status, LoanStatus::Submitted);
    assert_eq!(loan.loan_no, "1/2568", "slips run per fiscal year");
    assert_eq!(loan.division_name.as_deref(), Some("กองช่าง"));
    assert_eq!(loan.borrower_name, "นายสมชาย ใจดี");
    assert_eq!(loan.approvers, ["คุณ head.works", "คุณ mayor"]);
    // The head of กองช่าง finds it in the inbox with สมชาย's record, and approves.
    let inbox = w.register.approval_inbox(&w.head_works).unwrap();
    assert_eq!(inbox.len(), 1);
    assert_eq!(inbox[0].standing, Standing::Own);
    assert_eq!(inbox[0].borrower_open_loans, 0);
    assert!(
        w.register
            .approval_inbox(&w.head_finance)
            .unwrap()
            .is_empty()
    );
    let approved = w.approve(&w.head_works, loan.id).unwrap();
    assert_eq!(approved.status, LoanStatus::Approved);
    assert_eq!(approved.decided_by_name.as_deref(), Some("คุณ head.works"));
    assert!(
        approved.items.iter().all(|i| i.state == ItemState::Pending),
        "approving hands nothing out"
    );
    // The officer hands both out; the dashboard counts them.
    let out = w.hand_out(&w.officer, &approved).unwrap();
    assert_eq!(out.status, LoanStatus::Out);
    assert_eq!(
        out.items[0].handed_out_by_name.as_deref(),
        Some("คุณ officer")
    );
    assert_eq!(out.items[0].condition_out, Some(ItemCondition::Good));
    let board = w.register.dashboard(&w.officer).unwrap();
    assert_eq!(
        (board.items_on_loan, board.due_this_week, board.overdue),
        (2, 0, 0)
    );
    // One comes back on the 5th, the other on the 9th: then the loan closes.
    w.on(d(2024, 10, 5));
    let partly = w
        .give_back(loan.id, w.drills[0], ItemCondition::Good)
        .unwrap();
    assert_eq!(partly.status, LoanStatus::Out);
    assert_eq!(w.register.dashboard(&w.officer).unwrap().due_this_week, 1);
    w.on(d(2024, 10, 9));
    let closed = w
        .give_back(loan.id, w.drills[1], ItemCondition::Good)
        .unwrap();
    assert_eq!(closed.status, LoanStatus::Closed);
    assert!(closed.closed_at.is_some());
    assert_eq!(
        closed.items[1].received_back_by_name.as_deref(),
        Some("คุณ officer")
    );
    // Each step is in the audit log under the loan.
    let history: Vec<String> = w
        .register
        .list_audit(
            &w.admin,
            &crate::audit::AuditQuery {
                entity: Some("loan".into()),
                limit: 100,
                ..Default::default()
            },
        )
        .unwrap()
        .entries
        .into_iter()
        .map(|e| e.action)
        .collect();
    for action in [
        "loan.create",
        "loan.approve",
        "loan.hand_out",
        "loan.return",
    ] {
        assert!(
            history.iter().any(|a| a == action),
            "{action} in {history:?}"
        );
    }
    // The item's history lists the loan.
    let of_drill = w
        .register
        .list_loans(
            &w.somchai,
            &LoanQuery {
                asset_id: Some(w.drills[1]),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(of_drill.len(), 1);
    assert_eq!(of_drill[0].loan_no, "1/2568");
}

#[test]
fn the_approver_follows_the_rule_of_208() {
    let w = world();
    let inside = w.submitted();
    let e = refused_unchanged(&w, inside.id, "not_the_approver", || {
        w.approve(&w.head_finance, inside.id)
    });
    assert!(e.to_string().contains("head.works"), "{e}");
    refused_unchanged(&w, inside.id, "not_the_approver", || {
        w.approve(&w.officer, inside.id)
    });
    refused_unchanged(&w, inside.id, "not_the_approver", || {
        w.approve(&w.admin, inside.id)
    });
    // The agency head, everyone's superior, may decide an inside loan too.
    assert_eq!(
        w.approve(&w.mayor, inside.id).unwrap().status,
        LoanStatus::Approved
    );

    let mut outside = w.request(&w.drills[1..2], d(2024, 10, 1), d(2024, 10, 3));
    outside.kind = LoanKind::Outside;
    let outside = w.register.create_loan(&w.officer, &outside).unwrap();
    assert_eq!(outside.approvers, ["คุณ mayor"]);
    refused_unchanged(&w, outside.id, "not_the_approver", || {
        w.approve(&w.head_works, outside.id)
    });
    assert_eq!(
        w.approve(&w.mayor, outside.id).unwrap().status,
        LoanStatus::Approved
    );

    let agency = LoanRequest {
        kind: LoanKind::Agency,
        borrower_id: None,
        agency_name: "โรงเรียนบ้านแม่กรณ์".into(),
        agency_letter_no: "ชร ๑๒๓๔/๒๕๖๗".into(),
        ..w.request(&[w.laptop], d(2024, 10, 2), d(2024, 10, 4))
    };
    let agency = w.register.create_loan(&w.officer, &agency).unwrap();
    assert_eq!(agency.borrower_name, "โรงเรียนบ้านแม่กรณ์");
    refused_unchanged(&w, agency.id, "not_the_approver", || {
        w.approve(&w.head_finance, agency.id)
    });
    assert!(w.approve(&w.mayor, agency.id).is_ok());
}

#[test]
fn nobody_approves_or_hands_out_their_own_loan() {
    let w = world();
    // The head of กองช่าง borrows a drill of his own division.
    let head_person = w
        .register
        .list_staff(&w.admin, &Default::default())
        .unwrap()
        .into_iter()
        .find(|p| p.first_name == "หัวหน้าช่าง")
        .unwrap()
        .id;
    let mine = w
        .register
        .create_loan(
            &w.officer,
            &LoanRequest {
                borrower_id: Some(head_person),
                ..w.request(&w.drills[..1], d(2024, 10, 1), d(2024, 10, 2))
            },
        )
        .unwrap();
    let e = refused_unchanged(&w, mine.id, "separation_of_duties", || {
        w.approve(&w.head_works, mine.id)
    });
    assert_eq!(e.details()["rule"], "approver_is_borrower");
    assert!(
        w.register.approval_inbox(&w.head_works).unwrap().is_empty(),
        "his own request is not in his inbox"
    );
    w.approve(&w.mayor, mine.id).unwrap();

    // The officer borrows a drill: a second officer must hand it out.
    let officer_person = w
        .register
        .list_staff(&w.admin, &Default::default())
        .unwrap()
        .into_iter()
        .find(|p| p.first_name == "พัสดุ")
        .unwrap()
        .id;
    let officers = w
        .register
        .create_loan(
            &w.officer,
            &LoanRequest {
                borrower_id: Some(officer_person),
                ..w.request(&w.drills[1..2], d(2024, 10, 1), d(2024, 10, 2))
            },
        )
        .unwrap();
    let approved = w.approve(&w.head_works, officers.id).unwrap();
    let e = refused_unchanged(&w, officers.id, "separation_of_duties", || {
        w.hand_out(&w.officer, &approved)
    });
    assert_eq!(e.details()["rule"], "officer_is_borrower");
    assert_eq!(
        w.hand_out(&w.officer2, &approved).unwrap().status,
        LoanStatus::Out
    );
}

#[test]
fn an_approver_account_linked_to_nobody_is_still_known_by_its_name() {
    let w = world();
    let works = w
        .register
        .list_divisions(&w.admin)
        .unwrap()
        .into_iter()
        .find(|d| d.name == "กองช่าง")
        .unwrap()
        .id;
    // The new head of กองช่าง is in the directory, but the administrator made his account
    // without linking it; it carries his name (with title and a double space).
    let head = person(&w.register, &w.admin, "ช่างเอก", works);
    let unlinked = w
        .register
        .create_user(
            &w.admin,
            &NewUserInput {
                username: "new.head".into(),
                full_name: "นาย ช่างเอก  ใจดี".into(),
                password: PASSWORD.into(),
                person_id: None,
                roles: vec![RoleGrant::division_head(works)],
            },
        )
        .unwrap();
    let unlinked = Actor::User(unlinked.id);
    let his = w
        .register
        .create_loan(
            &w.officer,
            &LoanRequest {
                borrower_id: Some(head),
                ..w.request(&w.drills[..1], d(2024, 10, 1), d(2024, 10, 2))
            },
        )
        .unwrap();
    let e = refused_unchanged(&w, his.id, "separation_of_duties", || {
        w.approve(&unlinked, his.id)
    });
    assert_eq!(e.details()["rule"], "approver_is_borrower");
    assert!(
        w.register.approval_inbox(&unlinked).unwrap().is_empty(),
        "nor is it in his inbox"
    );
    // Someone else's request he approves as usual.
    let other = w
        .register
        .create_loan(
            &w.officer,
            &w.request(&w.drills[1..2], d(2024, 10, 1), d(2024, 10, 2)),
        )
        .unwrap();
    assert_eq!(
        w.approve(&unlinked, other.id).unwrap().status,
        LoanStatus::Approved
    );
}

#[test]
fn a_stand_in_decides_only_within_the_delegation_dates() {
    let w = world();
    let delegation = w
        .register
        .create_delegation(
            &w.head_works,
            &DelegationInput {
                principal_id: World::user_id(&w.head_works),
                delegate_id: World::user_id(&w.deputy),
                wording: DelegationWording::ActingInPlace,
                starts_on: d(2024, 10, 5),
                ends_on: d(2024, 10, 10),
                document_no: "คำสั่ง อบต. ที่ 15/2567".into(),
            },
        )
        .unwrap();
    let a = w
        .register
        .create_loan(
            &w.officer,
            &w.request(&w.drills[..1], d(2024, 10, 12), d(2024, 10, 13)),
        )
        .unwrap();
    // 4 Oct: not yet.
    w.on(d(2024, 10, 4));
    refused_unchanged(&w, a.id, "not_the_approver", || w.approve(&w.deputy, a.id));
    // 5 Oct: the first day, shown in the inbox with the principal's name.
    w.on(d(2024, 10, 5));
    let inbox = w.register.approval_inbox(&w.deputy).unwrap();
    assert_eq!(inbox.len(), 1);
    assert!(
        matches!(&inbox[0].standing, Standing::Delegate { principal_name, wording: DelegationWording::ActingInPlace, .. } if principal_name == "คุณ head.works")
    );
    assert!(
        w.detail(a.id)
            .approvers
            .contains(&"คุณ deputy (รักษาราชการแทน)".to_owned())
    );
    let decided = w.approve(&w.deputy, a.id).unwrap();
    assert_eq!(decided.decided_by_name.as_deref(), Some("คุณ deputy"));
    assert_eq!(decided.decided_for_name.as_deref(), Some("คุณ head.works"));
    assert_eq!(
        decided.decided_wording,
        Some(DelegationWording::ActingInPlace)
    );
    // 11 Oct: over.
    let b = w
        .register
        .create_loan(
            &w.officer,
            &w.request(&w.drills[1..2], d(2024, 10, 12), d(2024, 10, 13)),
        )
        .unwrap();
    w.on(d(2024, 10, 11));
    refused_unchanged(&w, b.id, "not_the_approver", || w.approve(&w.deputy, b.id));
    // Revoked on the 8th: refused although within the dates.
    w.on(d(2024, 10, 8));
    w.register
        .revoke_delegation(&w.head_works, delegation.id)
        .unwrap();
    refused_unchanged(&w, b.id, "not_the_approver", || w.approve(&w.deputy, b.id));
    // A division head cannot record someone else's delegation; the agency head can.
    let other = DelegationInput {
        principal_id: World::user_id(&w.head_finance),
        delegate_id: World::user_id(&w.deputy),
        wording: DelegationWording::ActingFor,
        starts_on: d(2024, 10, 1),
        ends_on: d(2024, 10, 31),
        document_no: String::new(),
    };
    assert_eq!(
        w.register
            .create_delegation(&w.head_works, &other)
            .unwrap_err()
            .code(),
        "permission_denied"
    );
    assert!(w.register.create_delegation(&w.mayor, &other).is_ok());
    let to_self = DelegationInput {
        delegate_id: World::user_id(&w.head_finance),
        ..other.clone()
    };
    assert_eq!(
        w.register
            .create_delegation(&w.mayor, &to_self)
            .unwrap_err()
            .code(),
        "invalid_value"
    );
    let backwards = DelegationInput {
        ends_on: d(2024, 9, 30),
        ..other
    };
    assert_eq!(
        w.register
            .create_delegation(&w.mayor, &backwards)
            .unwrap_err()
            .code(),
        "invalid_value"
    );
}

#[test]
fn steps_out_of_order_are_refused_and_change_nothing() {
    let w = world();
    let loan = w.submitted();
    // Handing out before approval, returning what was not handed out.
    refused_unchanged(&w, loan.id, "invalid_transition", || {
        w.hand_out(&w.officer, &loan)
    });
    refused_unchanged(&w, loan.id, "invalid_transition", || {
        w.give_back(loan.id, w.drills[0], ItemCondition::Good)
    });
    // Rejecting needs a reason.
    let e = refused_unchanged(&w, loan.id, "required", || {
        w.register.decide_loan(
            &w.head_works,
            &Decision {
                loan_id: loan.id,
                approve: false,
                reason: " ".into(),
            },
        )
    });
    assert_eq!(e.details()["field"], "reason");
    let rejected = w
        .register
        .decide_loan(
            &w.head_works,
            &Decision {
                loan_id: loan.id,
                approve: false,
                reason: "ใช้งานในกองช่างอยู่".into(),
            },
        )
        .unwrap();
    assert_eq!(rejected.status, LoanStatus::Rejected);
    // Deciding twice, handing out a rejected request, cancelling it.
    let e = refused_unchanged(&w, loan.id, "invalid_transition", || {
        w.approve(&w.head_works, loan.id)
    });
    assert_eq!(e.details()["status"], "rejected");
    refused_unchanged(&w, loan.id, "invalid_transition", || {
        w.hand_out(&w.officer, &rejected)
    });
    refused_unchanged(&w, loan.id, "invalid_transition", || {
        w.register.cancel_loan(
            &w.officer,
            &Cancellation {
                loan_id: loan.id,
                reason: "x".into(),
            },
        )
    });

    let second = w.submitted();
    let approved = w.approve(&w.head_works, second.id).unwrap();
    refused_unchanged(&w, second.id, "invalid_transition", || {
        w.approve(&w.head_works, second.id)
    });
    w.hand_out(&w.officer, &approved).unwrap();
    // A second hand-out of the same item; returning an item that is not on the loan.
    let e = refused_unchanged(&w, second.id, "invalid_value", || {
        w.hand_out(&w.officer, &approved)
    });
    assert_eq!(e.details()["field"], "items[0].assetId");
    let e = refused_unchanged(&w, second.id, "invalid_value", || {
        w.give_back(second.id, w.laptop, ItemCondition::Good)
    });
    assert_eq!(e.details()["field"], "assetIds");
    // Returned damaged without saying what is wrong.
    let damaged = |notes: &str| Return {
        loan_id: second.id,
        items: vec![ItemReturn {
            asset_id: w.drills[0],
            condition: ItemCondition::Damaged,
            notes: notes.into(),
        }],
        returned_by_name: "สมชาย".into(),
    };
    let e = refused_unchanged(&w, second.id, "required", || {
        w.register.return_items(&w.officer, &damaged(""))
    });
    assert_eq!(e.details()["field"], "items[0].notes");
    // Only officers take items back.
    refused_unchanged(&w, second.id, "permission_denied", || {
        w.register.return_items(&w.somchai, &damaged("หัก"))
    });
}

#[test]
fn cancelling_withdrawing_and_the_end_states_follow_the_life_of_a_loan() {
    let w = world();
    let cancel = |loan: LoanId| {
        w.register.cancel_loan(
            &w.officer,
            &Cancellation {
                loan_id: loan,
                reason: "งานเลื่อนออกไป".into(),
            },
        )
    };
    // Approved but not handed out: it can still be cancelled, and frees its items.
    let first = w.submitted();
    w.approve(&w.head_works, first.id).unwrap();
    let cancelled = cancel(first.id).unwrap();
    assert_eq!(cancelled.status, LoanStatus::Cancelled);
    assert_eq!(cancelled.cancel_reason, "งานเลื่อนออกไป");
    let again = w.submitted();
    w.approve(&w.head_works, again.id)
        .expect("the cancelled loan no longer holds the drill");
    // A cancelled loan takes no further step.
    for step in [
        Box::new(|| w.approve(&w.head_works, first.id)) as Box<dyn Fn() -> _>,
        Box::new(|| w.hand_out(&w.officer, &cancelled)),
        Box::new(|| cancel(first.id)),
    ] {
        refused_unchanged(&w, first.id, "invalid_transition", step);
    }

    // Two drills approved; one is never taken: withdrawn, the other goes out.
    let both = w
        .register
        .create_loan(
            &w.officer,
            &w.request(&w.drills[1..3], d(2024, 10, 1), d(2024, 10, 10)),
        )
        .unwrap();
    let approved = w.approve(&w.head_works, both.id).unwrap();
    let withdraw = |assets: &[AssetId]| {
        w.register.withdraw_items(
            &w.officer,
            &Withdrawal {
                loan_id: both.id,
                asset_ids: assets.to_vec(),
                reason: "ผู้ยืมใช้เพียงเครื่องเดียว".into(),
            },
        )
    };
    let e = refused_unchanged(&w, both.id, "required", || {
        w.register.withdraw_items(
            &w.officer,
            &Withdrawal {
                loan_id: both.id,
                asset_ids: vec![w.drills[1]],
                reason: " ".into(),
            },
        )
    });
    assert_eq!(e.details()["field"], "reason");
    let one_left = withdraw(&[w.drills[2]]).unwrap();
    assert_eq!(one_left.status, LoanStatus::Approved);
    let states: Vec<ItemState> = one_left.items.iter().map(|i| i.state).collect();
    assert_eq!(states, [ItemState::Pending, ItemState::Withdrawn]);
    let out = w
        .register
        .hand_out(
            &w.officer,
            &HandOut {
                loan_id: both.id,
                items: vec![ItemHandOut {
                    asset_id: w.drills[1],
                    condition: ItemCondition::Good,
                }],
                received_by_name: "นายสมชาย ใจดี".into(),
            },
        )
        .unwrap();
    assert_eq!(out.status, LoanStatus::Out);
    // Out on loan: neither cancelled nor withdrawn; it must come back.
    refused_unchanged(&w, both.id, "invalid_transition", || cancel(both.id));
    let e = refused_unchanged(&w, both.id, "invalid_value", || withdraw(&[w.drills[1]]));
    assert_eq!(e.details()["field"], "assetIds");
    let closed = w
        .give_back(both.id, w.drills[1], ItemCondition::Good)
        .unwrap();
    assert_eq!(
        closed.status,
        LoanStatus::Closed,
        "the withdrawn item does not hold it open"
    );
    // A closed loan takes no further step either.
    refused_unchanged(&w, both.id, "invalid_transition", || cancel(both.id));
    refused_unchanged(&w, both.id, "invalid_transition", || {
        w.approve(&w.head_works, both.id)
    });
    refused_unchanged(&w, both.id, "invalid_transition", || {
        withdraw(&[w.drills[2]])
    });
    refused_unchanged(&w, both.id, "invalid_transition", || {
        w.hand_out(&w.officer, &approved)
    });

    // Withdrawing every item of an approved loan means it never happened: cancelled.
    let lone = w
        .register
        .create_loan(
            &w.officer,
            &w.request(&w.drills[2..3], d(2024, 10, 1), d(2024, 10, 10)),
        )
        .unwrap();
    w.approve(&w.head_works, lone.id).unwrap();
    let gone = w
        .register
        .withdraw_items(
            &w.officer,
            &Withdrawal {
                loan_id: lone.id,
                asset_ids: vec![w.drills[2]],
                reason: "ไม่ได้มารับ".into(),
            },
        )
        .unwrap();
    assert_eq!(gone.status, LoanStatus::Cancelled);
}

#[test]
fn bad_requests_name_the_problem_and_write_nothing() {
    let w = world();
    let entries = testing::audit_count(&w.register);
    let create = |r: LoanRequest| w.register.create_loan(&w.officer, &r).unwrap_err();
    let field = |e: &Error| e.details()["field"].as_str().unwrap_or_default().to_owned();

    let e = create(w.request(&w.drills[..1], d(2024, 10, 10), d(2024, 10, 9)));
    assert_eq!((e.code(), field(&e).as_str()), ("invalid_value", "dueOn"));
    let e = create(w.request(&[], d(2024, 10, 1), d(2024, 10, 2)));
    assert_eq!((e.code(), field(&e).as_str()), ("required", "assetIds"));
    let e = create(w.request(&w.drills[..1], d(2024, 10, 1), d(2024, 12, 31)));
    assert_eq!(
        (e.code(), field(&e).as_str()),
        ("invalid_value", "longLoanReason"),
        "92 days > 30 without a reason"
    );
    let e = create(LoanRequest {
        purpose: "  ".into(),
        ..w.request(&w.drills[..1], d(2024, 10, 1), d(2024, 10, 2))
    });
    assert_eq!((e.code(), field(&e).as_str()), ("required", "purpose"));
    let e = create(w.request(&[w.drills[0], w.laptop], d(2024, 10, 1), d(2024, 10, 2)));
    assert_eq!(field(&e), "assetIds");
    assert!(e.to_string().contains("several divisions"), "{e}");
    let e = create(w.request(&[w.drills[0], w.drills[0]], d(2024, 10, 1), d(2024, 10, 2)));
    assert_eq!(field(&e), "assetIds");
    let e = create(LoanRequest {
        kind: LoanKind::Agency,
        ..w.request(&w.drills[..1], d(2024, 10, 1), d(2024, 10, 2))
    });
    assert_eq!(field(&e), "borrowerId");
    // A staff member asks only for themselves, from today on.
    let e = w
        .register
        .create_loan(
            &w.somchai,
            &LoanRequest {
                borrower_id: Some(w.other_person),
                ..w.request(&w.drills[..1], d(2024, 10, 1), d(2024, 10, 2))
            },
        )
        .unwrap_err();
    assert_eq!(e.code(), "permission_denied");
    let e = w
        .register
        .create_loan(
            &w.somchai,
            &w.request(&w.drills[..1], d(2024, 9, 30), d(2024, 10, 2)),
        )
        .unwrap_err();
    assert_eq!(field(&e), "startsOn");
    assert_eq!(
        testing::audit_count(&w.register),
        entries,
        "nothing was written"
    );
    assert!(
        w.register
            .list_loans(&w.admin, &LoanQuery::default())
            .unwrap()
            .is_empty()
    );
    // With the reason, a long loan is accepted.
    let long = LoanRequest {
        long_loan_reason: "โครงการซ่อมถนนทั้งไตรมาส".into(),
        ..w.request(&w.drills[..1], d(2024, 10, 1), d(2024, 12, 31))
    };
    assert!(w.register.create_loan(&w.officer, &long).is_ok());
}

#[test]
fn an_item_on_loan_reserved_or_out_of_service_cannot_be_requested() {
    let w = world();
    // Drill 0 out 1–10 Oct; drill 1 reserved (approved) for 20–25 Oct.
    let first = w.submitted();
    let first = w.approve(&w.head_works, first.id).unwrap();
    w.hand_out(&w.officer, &first).unwrap();
    let reserved = w
        .register
        .create_loan(
            &w.officer,
            &w.request(&w.drills[1..2], d(2024, 10, 20), d(2024, 10, 25)),
        )
        .unwrap();
    w.approve(&w.head_works, reserved.id).unwrap();

    let e = w
        .register
        .create_loan(
            &w.officer,
            &w.request(&w.drills[..1], d(2024, 10, 5), d(2024, 10, 6)),
        )
        .unwrap_err();
    assert_eq!(e.code(), "asset_not_available");
    assert_eq!(e.details()["reason"], "on_loan");
    assert_eq!(e.details()["loanNo"], "1/2568");
    let e = w
        .register
        .create_loan(
            &w.officer,
            &w.request(&w.drills[1..2], d(2024, 10, 25), d(2024, 10, 28)),
        )
        .unwrap_err();
    assert_eq!(e.details()["reason"], "reserved");
    // Before the reservation is fine (a reservation for future dates is allowed).
    assert!(
        w.register
            .create_loan(
                &w.officer,
                &w.request(&w.drills[1..2], d(2024, 10, 2), d(2024, 10, 19))
            )
            .is_ok()
    );
    // Drill 0 back later than due: blocked until it is actually back.
    w.on(d(2024, 10, 15));
    let e = w
        .register
        .create_loan(
            &w.officer,
            &w.request(&w.drills[..1], d(2024, 10, 15), d(2024, 10, 16)),
        )
        .unwrap_err();
    assert_eq!(e.details()["reason"], "on_loan", "overdue and still out");
    w.give_back(first.id, w.drills[0], ItemCondition::Good)
        .unwrap();
    assert!(
        w.register
            .create_loan(
                &w.officer,
                &w.request(&w.drills[..1], d(2024, 10, 15), d(2024, 10, 16))
            )
            .is_ok()
    );
    // Under repair.
    w.register
        .change_asset_status(
            &w.officer,
            &StatusChange {
                asset_id: w.drills[2],
                status: AssetStatus::UnderRepair,
                on_date: d(2024, 10, 15),
                document_no: String::new(),
                reason: "มอเตอร์ไหม้".into(),
            },
        )
        .unwrap();
    let e = w
        .register
        .create_loan(
            &w.officer,
            &w.request(&w.drills[2..3], d(2024, 10, 15), d(2024, 10, 16)),
        )
        .unwrap_err();
    assert_eq!(e.details()["reason"], "under_repair");
    assert_eq!(
        e.details()["assetCode"],
        w.register
            .asset_detail(&w.officer, w.drills[2])
            .unwrap()
            .asset
            .code
    );
}

#[test]
fn two_requests_for_one_item_cannot_both_be_approved() {
    let w = world();
    let a = w
        .register
        .create_loan(
            &w.officer,
            &w.request(&w.drills[..1], d(2024, 10, 3), d(2024, 10, 8)),
        )
        .unwrap();
    let b = w
        .register
        .create_loan(
            &w.officer,
            &w.request(&w.drills[..1], d(2024, 10, 6), d(2024, 10, 9)),
        )
        .unwrap();
    w.approve(&w.head_works, a.id).unwrap();
    let e = refused_unchanged(&w, b.id, "asset_not_available", || {
        w.approve(&w.head_works, b.id)
    });
    assert_eq!(e.details()["loanNo"], a.loan_no);
}

#[test]
fn overdue_loans_must_be_chased_within_seven_days_then_escalate() {
    let w = world();
    let loan = w.submitted(); // due 10 Oct 2024
    let loan = w.approve(&w.head_works, loan.id).unwrap();
    w.hand_out(&w.officer, &loan).unwrap();
    w.on(d(2024, 10, 10));
    assert!(
        w.register.overdue_loans(&w.officer).unwrap().is_empty(),
        "due today is not overdue"
    );
    w.on(d(2024, 10, 17));
    let overdue = w.register.overdue_loans(&w.officer).unwrap();
    assert_eq!(overdue[0].days_overdue, 7);
    assert_eq!(overdue[0].follow_up_due_on, d(2024, 10, 17));
    assert!(!overdue[0].follow_up_late, "the 7th day is still in time");
    assert_eq!(w.detail(loan.id).overdue_days, Some(7));
    w.on(d(2024, 10, 18));
    let board = w.register.dashboard(&w.officer).unwrap();
    assert_eq!((board.overdue, board.follow_ups_late), (1, 1));
    // A follow-up cannot be dated in the future or before the due date; a letter needs its number.
    let chase = |on: NaiveDate, letter: &str| FollowUpInput {
        loan_id: loan.id,
        on_date: on,
        letter_no: letter.into(),
        method: FollowUpMethod::Letter,
        notes: String::new(),
    };
    refused_unchanged(&w, loan.id, "invalid_value", || {
        w.register
            .record_follow_up(&w.officer, &chase(d(2024, 10, 19), "ชร 1/1"))
    });
    refused_unchanged(&w, loan.id, "invalid_value", || {
        w.register
            .record_follow_up(&w.officer, &chase(d(2024, 10, 10), "ชร 1/1"))
    });
    refused_unchanged(&w, loan.id, "required", || {
        w.register
            .record_follow_up(&w.officer, &chase(d(2024, 10, 18), ""))
    });
    refused_unchanged(&w, loan.id, "permission_denied", || {
        w.register
            .record_follow_up(&w.head_works, &chase(d(2024, 10, 18), "ชร 1/1"))
    });
    let first = w
        .register
        .record_follow_up(&w.officer, &chase(d(2024, 10, 18), "ชร 0023/ว 101"))
        .unwrap();
    assert_eq!(first.follow_ups[0].round, 1);
    assert_eq!(first.follow_ups[0].escalated_to, "");
    assert_eq!(w.register.dashboard(&w.officer).unwrap().follow_ups_late, 0);
    w.on(d(2024, 10, 25));
    let second = w
        .register
        .record_follow_up(&w.officer, &chase(d(2024, 10, 25), "ชร 0023/ว 115"))
        .unwrap();
    assert_eq!(second.follow_ups[1].round, 2);
    assert_eq!(
        second.follow_ups[1].escalated_to, "คุณ head.works",
        "the borrower's division head"
    );
}

#[test]
fn the_follow_up_deadline_crosses_month_and_fiscal_year_ends() {
    assert_eq!(overdue::follow_up_deadline(d(2024, 10, 28)), d(2024, 11, 4));
    assert_eq!(
        overdue::follow_up_deadline(d(2025, 9, 28)),
        d(2025, 10, 5),
        "into FY2569"
    );
    assert_eq!(
        overdue::follow_up_deadline(d(2024, 2, 25)),
        d(2024, 3, 3),
        "leap February"
    );
    assert_eq!(
        overdue::follow_up_deadline(d(2024, 12, 28)),
        d(2025, 1, 4),
        "into the new B.E. year"
    );
    // Slip numbers start again in a new fiscal year.
    let w = world();
    w.submitted();
    w.on(d(2025, 10, 1));
    let next = w
        .register
        .create_loan(
            &w.officer,
            &w.request(&w.drills[1..2], d(2025, 10, 1), d(2025, 10, 2)),
        )
        .unwrap();
    assert_eq!(next.loan_no, "1/2569");
}

#[test]
fn items_returned_damaged_or_lost_open_compensation_at_their_value_on_the_loan_date() {
    let w = world();
    let loan = w
        .register
        .create_loan(
            &w.officer,
            &w.request(&w.drills[..2], d(2024, 10, 1), d(2024, 10, 10)),
        )
        .unwrap();
    let loan = w.approve(&w.head_works, loan.id).unwrap();
    w.hand_out(&w.officer, &loan).unwrap();
    w.on(d(2024, 10, 9));
    w.give_back(loan.id, w.drills[0], ItemCondition::Damaged)
        .unwrap();
    let closed = w
        .give_back(loan.id, w.drills[1], ItemCondition::Lost)
        .unwrap();
    assert_eq!(closed.status, LoanStatus::Closed);
    assert_eq!(closed.compensation.len(), 2);
    // 5,000 baht bought 1 Oct 2022, 5 years (1,000 a year): FY2566 and FY2567 charged in
    // full, and 1 Oct 2024 is day 1 of FY2568, which accrues 1/365 of 1,000 = 2.74.
    let expected = Satang(500_000 - 100_000 - 100_000 - 274);
    assert_eq!(closed.compensation[0].suggested_value, expected);
    assert_eq!(closed.compensation[0].cause, ItemCondition::Damaged);
    assert_eq!(closed.compensation[1].cause, ItemCondition::Lost);
    let status = |a: AssetId| w.register.asset_detail(&w.officer, a).unwrap().asset.status;
    assert_eq!(status(w.drills[0]), AssetStatus::Damaged);
    assert_eq!(status(w.drills[1]), AssetStatus::Lost);
    assert_eq!(
        w.register.dashboard(&w.officer).unwrap().open_compensation,
        2
    );
    // Paying needs the amount; then the case closes.
    let case = closed.compensation[1].id;
    let pay = CompensationDecision {
        id: case,
        remedy: Remedy::Pay,
        agreed_value: None,
        resolution: "ชดใช้ตามราคาที่ประเมิน".into(),
        document_no: "ใบเสร็จ 12/2568".into(),
        closed_on: Some(d(2024, 10, 9)),
    };
    assert_eq!(
        w.register
            .decide_compensation(&w.officer, &pay)
            .unwrap_err()
            .code(),
        "required"
    );
    let settled = w
        .register
        .decide_compensation(
            &w.officer,
            &CompensationDecision {
                agreed_value: Some(expected),
                ..pay.clone()
            },
        )
        .unwrap();
    assert!(settled.closed);
    assert!(
        w.register
            .decide_compensation(
                &w.officer,
                &CompensationDecision {
                    agreed_value: Some(expected),
                    ..pay
                }
            )
            .is_err(),
        "settled once"
    );
    assert_eq!(
        w.register
            .open_compensation_cases(&w.officer)
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn drafts_are_edited_submitted_or_cancelled_by_their_owner() {
    let w = world();
    let draft = w
        .register
        .create_loan(
            &w.somchai,
            &LoanRequest {
                submit: false,
                undertaking: true,
                ..w.request(&w.drills[..1], d(2024, 10, 2), d(2024, 10, 3))
            },
        )
        .unwrap();
    assert_eq!(draft.status, LoanStatus::Draft);
    assert!(
        w.register.approval_inbox(&w.head_works).unwrap().is_empty(),
        "drafts wait for their owner"
    );
    let edited = w
        .register
        .update_loan(
            &w.somchai,
            &LoanUpdate {
                loan_id: draft.id,
                request: LoanRequest {
                    submit: false,
                    undertaking: true,
                    ..w.request(&w.drills[..2], d(2024, 10, 2), d(2024, 10, 4))
                },
            },
        )
        .unwrap();
    assert_eq!(edited.items.len(), 2);
    assert_eq!(edited.loan_no, draft.loan_no);
    // Another viewer may not touch it.
    refused_unchanged(&w, draft.id, "permission_denied", || {
        w.register.submit_loan(&w.deputy, draft.id)
    });
    let sent = w.register.submit_loan(&w.somchai, draft.id).unwrap();
    assert_eq!(sent.status, LoanStatus::Submitted);
    refused_unchanged(&w, draft.id, "invalid_transition", || {
        w.register.submit_loan(&w.somchai, draft.id)
    });
    let cancelled = w
        .register
        .cancel_loan(
            &w.somchai,
            &Cancellation {
                loan_id: draft.id,
                reason: "เลื่อนงาน".into(),
            },
        )
        .unwrap();
    assert_eq!(cancelled.status, LoanStatus::Cancelled);
    assert!(
        cancelled
            .items
            .iter()
            .all(|i| i.state == ItemState::Withdrawn)
    );
}

mod overlap {
    //! Whatever order requests and decisions come in, no two loans that hold or reserve
    //! one item ever overlap.
    use proptest::prelude::*;

    use super::*;

    #[derive(Debug, Clone)]
    struct Ask {
        items: Vec<usize>,
        start: u32,
        days: u32,
        approve: bool,
        hand_out: bool,
    }

    fn ask() -> impl Strategy<Value = Ask> {
        (
            proptest::sample::subsequence(vec![0usize, 1, 2], 1..=2),
            0u32..20,
            0u32..8,
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(items, start, days, approve, hand_out)| Ask {
                items,
                start,
                days,
                approve,
                hand_out,
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
        #[test]
        fn approved_and_out_loans_of_an_item_never_overlap(asks in proptest::collection::vec(ask(), 1..10)) {
            let w = world();
            for a in &asks {
                let assets: Vec<AssetId> = a.items.iter().map(|i| w.drills[*i]).collect();
                let starts = d(2024, 10, 1) + Duration::days(i64::from(a.start));
                let request = w.request(&assets, starts, starts + Duration::days(i64::from(a.days)));
                let Ok(loan) = w.register.create_loan(&w.officer, &request) else { continue };
                if a.approve && let Ok(approved) = w.approve(&w.head_works, loan.id)
                    && a.hand_out && approved.starts_on == d(2024, 10, 1)
                {
                    let _ = w.hand_out(&w.officer, &approved);
                }
            }
            let loans = w.register.list_loans(&w.admin, &LoanQuery::default()).unwrap();
            let holding: Vec<Loan> = loans
                .iter()
                .filter(|l| matches!(l.status, LoanStatus::Approved | LoanStatus::Out))
                .map(|l| w.detail(l.id))
                .collect();
            for (i, x) in holding.iter().enumerate() {
                for y in &holding[i + 1..] {
                    let shared = x.items.iter().any(|a| y.items.iter().any(|b| a.asset_id == b.asset_id));
                    let overlap = x.starts_on <= y.due_on && y.starts_on <= x.due_on;
                    prop_assert!(!(shared && overlap), "{} and {} share an item on overlapping dates", x.loan_no, y.loan_no);
                }
            }
        }
    }
}

#[test]
fn the_sample_has_loans_in_every_state() {
    let (register, _clock) = testing::register();
    let system = Actor::System("test".into());
    let report = register.load_sample_data(&system).unwrap();
    assert_eq!(report.loans, 12);
    let officer = register
        .login(&crate::auth::LoginInput {
            username: "officer".into(),
            password: "demo1234".into(),
        })
        .unwrap()
        .actor();
    let loans = register
        .list_loans(&officer, &LoanQuery::default())
        .unwrap();
    for status in LoanStatus::ALL.iter().filter(|s| **s != LoanStatus::Draft) {
        assert!(
            loans.iter().any(|l| l.status == *status),
            "a sample loan is {status:?}"
        );
    }
    // One draft, not yet in any approver's inbox.
    let drafts: Vec<_> = loans
        .iter()
        .filter(|l| l.status == LoanStatus::Draft)
        .collect();
    assert_eq!(drafts.len(), 1);
    let board = register.dashboard(&officer).unwrap();
    assert_eq!(board.overdue, 2);
    assert_eq!(board.follow_ups_late, 1);
    assert_eq!(board.open_compensation, 1);
    // Each count opens as a list of the same loans.
    let listed = |query: LoanQuery| register.list_loans(&officer, &query).unwrap();
    let due = listed(LoanQuery {
        due_within_days: Some(6),
        ..Default::default()
    });
    assert!(
        board.due_this_week > 0,
        "the sample has a loan due this week"
    );
    assert_eq!(due.len() as u32, board.due_this_week);
    assert!(due.iter().all(|l| l.status == LoanStatus::Out));
    let compensating = listed(LoanQuery {
        open_compensation: true,
        ..Default::default()
    });
    assert_eq!(compensating.len(), 1);
    assert_eq!(
        listed(LoanQuery {
            status: Some(LoanStatus::Submitted),
            ..Default::default()
        })
        .len() as u32,
        board.awaiting_decision
    );
    assert_eq!(board.awaiting_decision, 2);
    let head_palad = register
        .login(&crate::auth::LoginInput {
            username: "head.palad".into(),
            password: "demo1234".into(),
        })
        .unwrap()
        .actor();
    assert_eq!(register.approval_inbox(&head_palad).unwrap().len(), 1);
    let by_stand_in = loans
        .iter()
        .find(|l| l.status == LoanStatus::Approved)
        .unwrap();
    let detail = register.loan_detail(&officer, by_stand_in.id).unwrap();
    assert_eq!(
        detail.decided_wording,
        Some(DelegationWording::ActingInPlace)
    );
    assert!(register.verify_audit(&system).is_ok());
}
