//! A requisition's life against an in-memory register on a fixed clock: asked, signed,
//! approved with a cut, issued in two parts across two cost lots; separation of duties;
//! states; bad input naming its field; stand-ins; what waits for whom.

use chrono::NaiveDate;

use super::*;
use crate::auth::{Role, RoleGrant};
use crate::error::Error;
use crate::ids::{MaterialId, UserId};
use crate::loans::{DelegationInput, DelegationWording};
use crate::materials::{MaterialInput, Quantity, ReceiptInput, ReceiptLine};
use crate::money::Satang;
use crate::org::PersonInput;
use crate::register::{Actor, Register};
use crate::testing::{self, audit_count};

struct World {
    register: Register,
    staff: Actor,
    staff_person: PersonId,
    head: Actor,
    supply_head: Actor,
    officer: Actor,
    officer2: Actor,
    agency_head: Actor,
    works: DivisionId,
    paper: MaterialId,
    fuel: MaterialId,
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn id_of(actor: &Actor) -> UserId {
    match actor {
        Actor::User(id) => *id,
        Actor::System(_) => unreachable!(),
    }
}

fn world() -> World {
    let (register, clock, admin) = testing::set_up();
    let works = testing::division(&register, &admin, "กองช่าง");
    let finance = testing::division(&register, &admin, "กองคลัง");
    let linked = |username: &str, first: &str, division, roles: &[RoleGrant]| {
        let person = register
            .create_person(
                &admin,
                &PersonInput {
                    title: "นาย".into(),
                    first_name: first.into(),
                    last_name: "ใจดี".into(),
                    position: "ตำแหน่ง".into(),
                    division_id: Some(division),
                    ..Default::default()
                },
            )
            .unwrap()
            .id;
        let actor = testing::user(&register, &admin, username, roles);
        register
            .raw_connection_for_tests()
            .execute(
                "UPDATE users SET person_id = ?1 WHERE id = ?2",
                rusqlite::params![person, id_of(&actor)],
            )
            .unwrap();
        (actor, person)
    };
    let (staff, staff_person) = linked("staff", "สมชาย", works, &[RoleGrant::plain(Role::Viewer)]);
    let (head, _) = linked("head", "วิชัย", works, &[RoleGrant::division_head(works)]);
    let (supply_head, _) = linked(
        "supplyhead",
        "สุดา",
        finance,
        &[RoleGrant::plain(Role::HeadOfSupplies)],
    );
    let (officer, _) = linked(
        "officer",
        "ธนากร",
        finance,
        &[RoleGrant::plain(Role::SuppliesOfficer)],
    );
    let (officer2, _) = linked(
        "officer2",
        "มานพ",
        finance,
        &[RoleGrant::plain(Role::SuppliesOfficer)],
    );
    let agency_head = testing::user_with(&register, &admin, "mayor", Role::AgencyHead);
    clock.set(d(2025, 3, 3).and_hms_opt(3, 0, 0).unwrap().and_utc());
    let office = register.list_material_types(&officer).unwrap()[0].id;
    let material = |code: &str, unit: &str, divisible: bool| {
        register
            .create_material(
                &officer,
                &MaterialInput {
                    code: code.into(),
                    name: format!("วัสดุ {code}"),
                    unit: unit.into(),
                    divisible,
                    type_id: Some(office),
                    ..MaterialInput::default()
                },
            )
            .unwrap()
            .id
    };
    let paper = material("ว-001", "รีม", false);
    let fuel = material("ช-001", "ลิตร", true);
    for (on, material, quantity, price) in [
        (d(2024, 11, 1), paper, 10, 11_000),
        (d(2024, 12, 1), paper, 20, 11_550),
        (d(2024, 12, 1), fuel, 100, 3_500),
    ] {
        register
            .receive_materials(
                &officer,
                &ReceiptInput {
                    received_on: on,
                    document_no: format!("ตร.{on}"),
                    vendor: "หจก.เชียงรายเครื่องเขียน".into(),
                    notes: String::new(),
                    lines: vec![ReceiptLine {
                        material_id: material,
                        quantity: Quantity::units(quantity),
                        unit_price: Satang(price),
                    }],
                },
            )
            .unwrap();
    }
    World {
        register,
        staff,
        staff_person,
        head,
        supply_head,
        officer,
        officer2,
        agency_head,
        works,
        paper,
        fuel,
    }
}

impl World {
    fn ask(
        &self,
        actor: &Actor,
        lines: &[(MaterialId, Quantity)],
    ) -> crate::error::Result<Requisition> {
        self.register.create_requisition(
            actor,
            &RequisitionInput {
                requester_id: None,
                division_id: None,
                purpose: "ใช้ในงานสำนักงานกองช่าง".into(),
                lines: lines
                    .iter()
                    .map(|(material_id, quantity)| RequisitionLineInput {
                        material_id: *material_id,
                        quantity: *quantity,
                        note: String::new(),
                    })
                    .collect(),
            },
        )
    }

    fn endorse(
        &self,
        actor: &Actor,
        id: MaterialRequisitionId,
    ) -> crate::error::Result<Requisition> {
        self.register.endorse_requisition(
            actor,
            &RequisitionSignature {
                requisition_id: id,
                approve: true,
                reason: String::new(),
            },
        )
    }

    fn approve(
        &self,
        actor: &Actor,
        id: MaterialRequisitionId,
        cuts: &[(u32, i64)],
        reason: &str,
    ) -> crate::error::Result<Requisition> {
        self.register.approve_requisition(
            actor,
            &RequisitionApproval {
                requisition_id: id,
                approve: true,
                cuts: cuts
                    .iter()
                    .map(|(line_no, units)| ApprovalLine {
                        line_no: *line_no,
                        quantity: Quantity::units(*units),
                    })
                    .collect(),
                reason: reason.into(),
            },
        )
    }

    fn issue(
        &self,
        actor: &Actor,
        id: MaterialRequisitionId,
        lines: &[(u32, Quantity)],
    ) -> crate::error::Result<Requisition> {
        self.register.issue_requisition(
            actor,
            &RequisitionIssue {
                requisition_id: id,
                on_date: d(2025, 3, 3),
                received_by: None,
                lines: lines
                    .iter()
                    .map(|(line_no, quantity)| ApprovalLine {
                        line_no: *line_no,
                        quantity: *quantity,
                    })
                    .collect(),
            },
        )
    }

    fn signed_and_approved(&self, lines: &[(MaterialId, Quantity)]) -> Requisition {
        let asked = self.ask(&self.staff, lines).unwrap();
        self.endorse(&self.head, asked.id).unwrap();
        self.approve(&self.supply_head, asked.id, &[], "").unwrap()
    }
}

fn field_of(err: &Error) -> String {
    match err {
        Error::InvalidValue { field, .. } | Error::Required { field } => field.clone(),
        other => panic!("expected an error naming a field, got {other:?}"),
    }
}

#[test]
fn asked_signed_cut_and_issued_in_two_parts_across_two_lots() {
    let w = world();
    let asked = w.ask(&w.staff, &[(w.paper, Quantity::units(15))]).unwrap();
    assert_eq!(asked.status, RequisitionStatus::Submitted);
    assert_eq!(asked.requisition_no, "บ.1/2568");
    assert_eq!(asked.division_id, w.works);
    assert_eq!(asked.requester_id, w.staff_person);
    // Only the head of กองช่าง (or the agency head, or a stand-in) signs; the page says who.
    let err = w.endorse(&w.officer, asked.id).unwrap_err();
    assert!(
        matches!(&err, Error::NotTheApprover { approvers } if approvers.contains("คุณ head")),
        "{err:?}"
    );
    let endorsed = w.endorse(&w.head, asked.id).unwrap();
    assert_eq!(endorsed.status, RequisitionStatus::Endorsed);
    assert_eq!(endorsed.endorsed.as_ref().unwrap().name, "คุณ head");
    // The division head cannot approve for supplies.
    assert!(matches!(
        w.approve(&w.head, asked.id, &[], "").unwrap_err(),
        Error::NotTheApprover { .. }
    ));
    let approved = w
        .approve(&w.supply_head, asked.id, &[(1, 12)], "แบ่งให้กองอื่นด้วย")
        .unwrap();
    assert_eq!(approved.status, RequisitionStatus::Approved);
    assert_eq!(approved.lines[0].approved, Some(Quantity::units(12)));
    assert_eq!(approved.approval_note, "แบ่งให้กองอื่นด้วย");
    // Part now: 8 reams from the first lot at 110.00.
    let part = w
        .issue(&w.officer, asked.id, &[(1, Quantity::units(8))])
        .unwrap();
    assert_eq!(part.status, RequisitionStatus::PartlyIssued);
    assert_eq!(part.lines[0].issued, Quantity::units(8));
    assert_eq!(part.issued_value, Satang(88_000));
    // More than is left of what was approved names the line.
    let err = w
        .issue(&w.officer, asked.id, &[(1, Quantity::units(5))])
        .unwrap_err();
    assert_eq!(field_of(&err), "lines[0].quantity");
    // The rest: 2 × 110.00 + 2 × 115.50 = 451.00, both lots on the card.
    let done = w
        .issue(&w.officer, asked.id, &[(1, Quantity::units(4))])
        .unwrap();
    assert_eq!(done.status, RequisitionStatus::Issued);
    assert_eq!(done.issued_value, Satang(88_000 + 45_100));
    assert_eq!(done.issues.len(), 2);
    assert_eq!(done.issues[1].received_by, "นายสมชาย ใจดี");
    let card = w
        .register
        .stock_card(&w.officer, w.paper, d(2024, 10, 1), d(2025, 9, 30))
        .unwrap();
    let last = card.entries.last().unwrap();
    assert_eq!(last.document_no, "บ.1/2568");
    assert_eq!(last.portions.len(), 2);
    assert_eq!(last.balance, Quantity::units(18));
    assert_eq!(last.balance_value.0, 18 * 11_550);
    // Finished: nothing more can be issued or cancelled.
    assert!(matches!(
        w.issue(&w.officer, asked.id, &[(1, Quantity::units(1))])
            .unwrap_err(),
        Error::RequisitionState {
            status: "issued",
            action: "issued"
        }
    ));
}

#[test]
fn nobody_signs_approves_or_issues_their_own_requisition() {
    let w = world();
    // The division head asks for their own division: they cannot sign it themselves.
    let own = w.ask(&w.head, &[(w.paper, Quantity::units(1))]).unwrap();
    assert!(matches!(
        w.endorse(&w.head, own.id).unwrap_err(),
        Error::SeparationOfDuties {
            rule: "approver_is_requester"
        }
    ));
    // The head of supplies asks: another signs, but they cannot approve their own.
    let theirs = w
        .ask(&w.supply_head, &[(w.paper, Quantity::units(1))])
        .unwrap();
    let register = &w.register;
    let agency_head = &w.agency_head;
    w.endorse(agency_head, theirs.id).unwrap();
    let before = audit_count(register);
    assert!(matches!(
        w.approve(&w.supply_head, theirs.id, &[], "").unwrap_err(),
        Error::SeparationOfDuties {
            rule: "approver_is_requester"
        }
    ));
    assert_eq!(
        audit_count(register),
        before,
        "a refused step changes nothing"
    );
    // An officer asks: they cannot issue it to themselves; the other officer can.
    let officers = w.ask(&w.officer, &[(w.paper, Quantity::units(2))]).unwrap();
    w.endorse(agency_head, officers.id).unwrap();
    w.approve(&w.supply_head, officers.id, &[], "").unwrap();
    assert!(matches!(
        w.issue(&w.officer, officers.id, &[(1, Quantity::units(2))])
            .unwrap_err(),
        Error::SeparationOfDuties {
            rule: "issuer_is_requester"
        }
    ));
    let view = register.requisition(&w.officer, officers.id).unwrap();
    assert!(
        !view.steps.issue,
        "the page offers no issue button to the requester"
    );
    w.issue(&w.officer2, officers.id, &[(1, Quantity::units(2))])
        .unwrap();
}

#[test]
fn asking_beyond_the_balance_names_the_item_and_what_is_there_and_changes_nothing() {
    let w = world();
    let before = audit_count(&w.register);
    let err = w
        .ask(&w.staff, &[(w.paper, Quantity::units(31))])
        .unwrap_err();
    assert!(
        matches!(&err, Error::NotEnoughStock { material_code, available, unit }
            if material_code == "ว-001" && available == "30" && unit == "รีม"),
        "{err:?}"
    );
    assert_eq!(audit_count(&w.register), before);
    let listed = w
        .register
        .list_requisitions(&w.officer, &RequisitionQuery::default())
        .unwrap();
    assert!(listed.is_empty());
    // Another requisition issued meanwhile: the approval re-checks the balance.
    let asked = w.ask(&w.staff, &[(w.paper, Quantity::units(20))]).unwrap();
    w.endorse(&w.head, asked.id).unwrap();
    let first = w.signed_and_approved(&[(w.paper, Quantity::units(15))]);
    w.issue(&w.officer, first.id, &[(1, Quantity::units(15))])
        .unwrap();
    assert!(matches!(
        w.approve(&w.supply_head, asked.id, &[], "").unwrap_err(),
        Error::NotEnoughStock { .. }
    ));
}

#[test]
fn bad_lines_are_refused_naming_their_field() {
    let w = world();
    let cases: [(&[(MaterialId, Quantity)], &str); 4] = [
        (&[(w.paper, Quantity(0))], "lines[0].quantity"),
        (&[(w.paper, Quantity(-1000))], "lines[0].quantity"),
        (&[(w.paper, Quantity(1500))], "lines[0].quantity"),
        (
            &[(w.fuel, Quantity(2500)), (w.fuel, Quantity(1000))],
            "lines[1].materialId",
        ),
    ];
    for (lines, field) in cases {
        let err = w.ask(&w.staff, lines).unwrap_err();
        assert_eq!(field_of(&err), field, "{lines:?}");
    }
    // Fractions of a divisible unit are fine (12.5 ลิตร).
    w.ask(&w.staff, &[(w.fuel, Quantity(12_500))]).unwrap();
    assert_eq!(field_of(&w.ask(&w.staff, &[]).unwrap_err()), "lines");
    // Staff ask only for themselves.
    let err = w
        .register
        .create_requisition(
            &w.staff,
            &RequisitionInput {
                requester_id: Some(PersonId(9_999)),
                division_id: None,
                purpose: "x".into(),
                lines: vec![RequisitionLineInput {
                    material_id: w.paper,
                    quantity: Quantity::units(1),
                    note: String::new(),
                }],
            },
        )
        .unwrap_err();
    assert_eq!(field_of(&err), "requesterId");
    // The approval: a cut above what was asked, approving nothing, cutting without a reason.
    let asked = w.ask(&w.staff, &[(w.paper, Quantity::units(5))]).unwrap();
    w.endorse(&w.head, asked.id).unwrap();
    type Cut<'a> = (&'a [(u32, i64)], &'a str, &'a str);
    let cases: [Cut<'_>; 4] = [
        (&[(1, 6)], "เหตุผล", "cuts[0].quantity"),
        (&[(2, 1)], "เหตุผล", "cuts[0].lineNo"),
        (&[(1, 0)], "เหตุผล", "cuts"),
        (&[(1, 3)], "", "reason"),
    ];
    for (cuts, reason, field) in cases {
        let err = w
            .approve(&w.supply_head, asked.id, cuts, reason)
            .unwrap_err();
        assert_eq!(field_of(&err), field, "{cuts:?}");
    }
    assert_eq!(
        w.register
            .requisition(&w.officer, asked.id)
            .unwrap()
            .requisition
            .status,
        RequisitionStatus::Endorsed
    );
}

#[test]
fn steps_follow_the_status_and_the_rest_is_closed_or_cancelled_with_a_reason() {
    let w = world();
    let asked = w.ask(&w.staff, &[(w.paper, Quantity::units(4))]).unwrap();
    assert!(matches!(
        w.issue(&w.officer, asked.id, &[(1, Quantity::units(1))])
            .unwrap_err(),
        Error::RequisitionState {
            status: "submitted",
            action: "issued"
        }
    ));
    w.endorse(&w.head, asked.id).unwrap();
    assert!(matches!(
        w.endorse(&w.head, asked.id).unwrap_err(),
        Error::RequisitionState {
            status: "endorsed",
            action: "endorsed"
        }
    ));
    w.approve(&w.supply_head, asked.id, &[], "").unwrap();
    w.issue(&w.officer, asked.id, &[(1, Quantity::units(1))])
        .unwrap();
    // Part issued: it can no longer be cancelled, only its rest closed, with a reason.
    let cancel = RequisitionCancel {
        requisition_id: asked.id,
        reason: "ไม่ต้องการแล้ว".into(),
    };
    assert!(matches!(
        w.register
            .cancel_requisition(&w.staff, &cancel)
            .unwrap_err(),
        Error::RequisitionState {
            status: "partly_issued",
            action: "cancelled"
        }
    ));
    let close = |reason: &str| RequisitionClose {
        requisition_id: asked.id,
        reason: reason.into(),
    };
    assert_eq!(
        field_of(
            &w.register
                .close_requisition(&w.officer, &close(""))
                .unwrap_err()
        ),
        "reason"
    );
    let closed = w
        .register
        .close_requisition(&w.officer, &close("กองช่างได้รับจากงบโครงการแล้ว"))
        .unwrap();
    assert_eq!(closed.status, RequisitionStatus::Closed);
    assert_eq!(closed.lines[0].issued, Quantity::units(1));
    // The requester withdraws one not yet issued; a refusal needs its reason.
    let other = w.ask(&w.staff, &[(w.paper, Quantity::units(1))]).unwrap();
    let refusal = RequisitionSignature {
        requisition_id: other.id,
        approve: false,
        reason: String::new(),
    };
    assert_eq!(
        field_of(
            &w.register
                .endorse_requisition(&w.head, &refusal)
                .unwrap_err()
        ),
        "reason"
    );
    let cancelled = w
        .register
        .cancel_requisition(
            &w.staff,
            &RequisitionCancel {
                requisition_id: other.id,
                reason: "สั่งผิดรายการ".into(),
            },
        )
        .unwrap();
    assert_eq!(cancelled.status, RequisitionStatus::Cancelled);
    assert_eq!(cancelled.end_reason, "สั่งผิดรายการ");
}

#[test]
fn a_stand_in_approves_for_the_head_of_supplies_and_the_slip_says_for_whom() {
    let w = world();
    w.register
        .create_delegation(
            &w.supply_head,
            &DelegationInput {
                principal_id: id_of(&w.supply_head),
                delegate_id: id_of(&w.officer2),
                wording: DelegationWording::ActingFor,
                starts_on: d(2025, 3, 1),
                ends_on: d(2025, 3, 31),
                document_no: "คำสั่ง อบต. ที่ 45/2568".into(),
            },
        )
        .unwrap();
    let asked = w.ask(&w.staff, &[(w.paper, Quantity::units(2))]).unwrap();
    w.endorse(&w.head, asked.id).unwrap();
    let approved = w.approve(&w.officer2, asked.id, &[], "").unwrap();
    let signature = approved.approved.unwrap();
    assert_eq!(signature.name, "คุณ officer2");
    assert_eq!(signature.for_name.as_deref(), Some("คุณ supplyhead"));
    assert_eq!(signature.wording, Some(DelegationWording::ActingFor));
}

#[test]
fn each_signer_sees_what_waits_for_them() {
    let w = world();
    let a = w.ask(&w.staff, &[(w.paper, Quantity::units(1))]).unwrap();
    let b = w.ask(&w.staff, &[(w.paper, Quantity::units(1))]).unwrap();
    w.endorse(&w.head, b.id).unwrap();
    let c = w.signed_and_approved(&[(w.paper, Quantity::units(1))]);
    let waiting = |actor: &Actor| -> Vec<MaterialRequisitionId> {
        w.register
            .list_requisitions(
                actor,
                &RequisitionQuery {
                    waiting_for_me: true,
                    ..RequisitionQuery::default()
                },
            )
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect()
    };
    assert_eq!(waiting(&w.head), [a.id]);
    // The head of supplies approves b, and (keeping the materials too) may issue c.
    assert_eq!(waiting(&w.supply_head), [c.id, b.id]);
    assert_eq!(waiting(&w.officer), [c.id]);
    assert!(waiting(&w.staff).is_empty());
    let mine = w
        .register
        .list_requisitions(
            &w.staff,
            &RequisitionQuery {
                mine: true,
                ..RequisitionQuery::default()
            },
        )
        .unwrap();
    assert_eq!(mine.len(), 3);
    assert!(mine.iter().all(|r| r.steps.cancel));
}

#[test]
fn the_sample_has_materials_with_a_year_of_cards_and_requisitions_in_every_state() {
    let (register, _clock) = testing::register();
    let report = register
        .load_sample_data(&Actor::System("test".into()))
        .unwrap();
    assert_eq!(report.materials, 80);
    assert_eq!(report.requisitions, 9);
    let officer = register
        .login(&crate::auth::LoginInput {
            username: "officer".into(),
            password: "demo1234".into(),
        })
        .unwrap()
        .actor();
    let all = register
        .list_requisitions(&officer, &RequisitionQuery::default())
        .unwrap();
    for status in [
        RequisitionStatus::Submitted,
        RequisitionStatus::Endorsed,
        RequisitionStatus::Approved,
        RequisitionStatus::PartlyIssued,
        RequisitionStatus::Issued,
        RequisitionStatus::Closed,
        RequisitionStatus::Rejected,
        RequisitionStatus::Cancelled,
    ] {
        assert!(
            all.iter().any(|r| r.status == status),
            "a sample requisition is {status:?}"
        );
    }
    // Some items end the year under their level (never restocked), and every card
    // reconciles: its balance is the sum of its entries and of its open lots.
    let low = register
        .list_materials(
            &officer,
            &crate::materials::MaterialQuery {
                below_minimum: true,
                ..Default::default()
            },
        )
        .unwrap();
    assert!(!low.is_empty());
    let conn = register.raw_connection_for_tests();
    let unreconciled: i64 = conn
        .query_row(
            "SELECT count(*) FROM materials m WHERE m.balance !=
                 (SELECT ifnull(sum(quantity), 0) FROM material_entries e WHERE e.material_id = m.id)
              OR m.balance_value !=
                 (SELECT ifnull(sum(remaining_value), 0) FROM material_lots l WHERE l.material_id = m.id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(unreconciled, 0);
    let entries: i64 = conn
        .query_row("SELECT count(*) FROM material_entries", [], |r| r.get(0))
        .unwrap();
    assert!(entries > 400, "a year of cards: {entries} entries");
    crate::audit::verify_chain(&conn).unwrap();
}
