//! Setting rounds up: the annual round's dates, the committee rule, what is refused.

use super::*;
use crate::error::Error;
use crate::settings::Holiday;
use crate::testing::audit_count;

#[test]
fn the_annual_round_takes_its_dates_from_the_regulation_and_the_holidays() {
    let w = world();
    // FY2566 ended on Saturday 30 Sep 2023, and 1 Oct 2023 was a Sunday.
    let p = w.register.propose_annual_round(&w.officer, 2566).unwrap();
    assert_eq!(
        (p.period_from, p.period_to),
        (d(2022, 10, 1), d(2023, 9, 30))
    );
    assert_eq!(p.as_of, d(2023, 9, 29), "the last working day of September");
    assert_eq!(p.order_window, (d(2023, 9, 1), d(2023, 9, 30)));
    assert_eq!(p.order_date, d(2023, 9, 15), "a working day in September");
    assert_eq!(
        p.starts_on,
        d(2023, 10, 2),
        "the first working day of October"
    );
    // 30 working days after Monday 2 Oct 2023, with no holiday in the sample's calendar:
    // 4 in the rest of that week, then 5 a week to Fri 3 Nov (24), 6–10 Nov (29), Mon 13 Nov.
    assert_eq!(p.report_due_on, d(2023, 11, 13));
    // วันปิยมหาราช added to the calendar moves it a day.
    let admin = log_in(&w.register, "itadmin");
    w.register
        .set_holiday(
            &admin,
            &Holiday {
                date: d(2023, 10, 23),
                name: "วันปิยมหาราช".into(),
            },
        )
        .unwrap();
    let p = w.register.propose_annual_round(&w.officer, 2566).unwrap();
    assert_eq!(p.report_due_on, d(2023, 11, 14));
    // FY2567 (the sample's calendar has 14 and 23 Oct 2024 off): start Tue 1 Oct 2024, due
    // Thu 14 Nov 2024 (Oct 2–4: 3, 7–11: 8, 15–18: 12, 21–22: 14, 24–25: 16, 28–31: 20,
    // 1 Nov: 21, 4–8: 26, 11–14: 30).
    let p = w.register.propose_annual_round(&w.officer, 2567).unwrap();
    assert_eq!((p.as_of, p.starts_on), (d(2024, 9, 30), d(2024, 10, 1)));
    assert_eq!(p.report_due_on, d(2024, 11, 14));
    assert_eq!(p.name, "ตรวจสอบพัสดุประจำปีงบประมาณ 2567");
    assert!(p.officer_id.is_some(), "a supplies officer is proposed");
    assert!(p.exists.is_none());
}

fn annual_input(w: &World, members: &[(&str, MemberRole)]) -> RoundInput {
    let p = w.register.propose_annual_round(&w.officer, 2567).unwrap();
    RoundInput {
        kind: RoundKind::Annual,
        name: p.name,
        fiscal_year: Some(2567),
        as_of: p.as_of,
        starts_on: p.starts_on,
        ends_on: d(2024, 10, 11),
        scope: RoundScope::default(),
        members: members
            .iter()
            .map(|(first, role)| MemberInput {
                person_id: person_named(&w.register, &w.officer, first),
                role: *role,
            })
            .collect(),
        order_no: "123/2567".into(),
        order_date: Some(p.order_date),
        order_signer: "นายประเสริฐ ใจมั่น".into(),
        officer_id: p.officer_id,
        notes: String::new(),
    }
}

const COMMITTEE: [(&str, MemberRole); 3] = [
    ("ธนากร", MemberRole::Chair),
    ("ณัฐพล", MemberRole::Member),
    ("ปวีณา", MemberRole::Secretary),
];

#[test]
fn an_annual_committee_never_includes_a_supplies_officer() {
    let w = world();
    let before = audit_count(&w.register);
    // พิมพ์ชนก holds the supplies-officer role.
    let with_officer = annual_input(
        &w,
        &[("ธนากร", MemberRole::Chair), ("พิมพ์ชนก", MemberRole::Member)],
    );
    let err = w
        .register
        .create_round(&w.officer, &with_officer)
        .unwrap_err();
    assert_eq!(err.code(), "committee_includes_officer");
    assert_eq!(err.details()["name"], "นางสาวพิมพ์ชนก แก้วมูล");
    // Nor the person named as the round's officer, whatever their role.
    let mut named = annual_input(&w, &COMMITTEE);
    named.officer_id = Some(person_named(&w.register, &w.officer, "ปวีณา"));
    let err = w.register.create_round(&w.officer, &named).unwrap_err();
    assert_eq!(err.details()["name"], "นางสาวปวีณา บุญมา");
    for (members, words) in [
        (
            vec![("ธนากร", MemberRole::Member), ("ณัฐพล", MemberRole::Member)],
            "exactly one chair",
        ),
        (vec![("ธนากร", MemberRole::Chair)], "at least two"),
        (
            vec![("ธนากร", MemberRole::Chair), ("ณัฐพล", MemberRole::Checker)],
            "chair, members and a secretary",
        ),
    ] {
        let err = w
            .register
            .create_round(&w.officer, &annual_input(&w, &members))
            .unwrap_err();
        assert_eq!(err.details()["field"], "members");
        assert!(err.to_string().contains(words), "{err}");
    }
    assert_eq!(audit_count(&w.register), before, "nothing was written");
    let round = w
        .register
        .create_round(&w.officer, &annual_input(&w, &COMMITTEE))
        .unwrap();
    assert_eq!(round.status, RoundStatus::Draft);
    assert_eq!(round.report_due_on, Some(d(2024, 11, 14)));
    assert_eq!(round.members[0].role, MemberRole::Chair);
    assert!(!round.order_out_of_time);
    // One annual round per fiscal year.
    let err = w
        .register
        .create_round(&w.officer, &annual_input(&w, &COMMITTEE))
        .unwrap_err();
    assert_eq!(
        (err.code(), err.details()["field"].as_str()),
        ("duplicate", Some("fiscalYear"))
    );
}

#[test]
fn an_annual_round_covers_the_whole_register_and_notes_a_late_order() {
    let w = world();
    let mut input = annual_input(&w, &COMMITTEE);
    input.scope.division_ids = vec![w.works];
    let err = w.register.create_round(&w.officer, &input).unwrap_err();
    assert_eq!(err.details()["field"], "scope");
    input.scope = RoundScope::default();
    input.order_date = Some(d(2024, 10, 1));
    let round = w.register.create_round(&w.officer, &input).unwrap();
    assert!(round.order_out_of_time, "appointed after September");
}

#[test]
fn rounds_refuse_what_cannot_be_counted_and_change_nothing() {
    let w = world();
    let before = audit_count(&w.register);
    let mut input = w.periodic_input();
    input.members[0].role = MemberRole::Chair;
    assert_eq!(
        w.register
            .create_round(&w.officer, &input)
            .unwrap_err()
            .details()["field"],
        "members"
    );
    let mut input = w.periodic_input();
    input.ends_on = d(2024, 9, 30);
    assert_eq!(
        w.register
            .create_round(&w.officer, &input)
            .unwrap_err()
            .details()["field"],
        "endsOn"
    );
    let mut input = w.periodic_input();
    input.members.clear();
    assert_eq!(
        w.register
            .create_round(&w.officer, &input)
            .unwrap_err()
            .code(),
        "required"
    );
    let mut input = w.periodic_input();
    input.scope.division_ids = vec![DivisionId(999)];
    assert_eq!(
        w.register
            .create_round(&w.officer, &input)
            .unwrap_err()
            .details()["field"],
        "scope"
    );
    // A committee member cannot set rounds up; a viewer neither.
    for who in [&w.checker1, &w.viewer] {
        assert_eq!(
            w.register
                .create_round(who, &w.periodic_input())
                .unwrap_err()
                .code(),
            "permission_denied"
        );
    }
    assert_eq!(audit_count(&w.register), before);
    // As of tomorrow: set up, but not opened before the day.
    let mut input = w.periodic_input();
    input.as_of = d(2024, 10, 2);
    let round = w.register.create_round(&w.officer, &input).unwrap();
    let err = w.register.open_round(&w.officer, round.id).unwrap_err();
    assert_eq!(err.details()["field"], "asOf");
    assert_eq!(
        w.register.check_round(&w.officer, round.id).unwrap().status,
        RoundStatus::Draft
    );
}

#[test]
fn a_draft_can_be_changed_and_cancelled_an_open_round_cannot() {
    let w = world();
    let draft = w
        .register
        .create_round(&w.officer, &w.periodic_input())
        .unwrap();
    let mut input = w.periodic_input();
    input.name = "ตรวจนับโรงเก็บเครื่องมือ".into();
    input.scope = RoundScope {
        location_ids: vec![w.shed],
        ..Default::default()
    };
    let changed = w
        .register
        .update_round(
            &w.officer,
            &RoundUpdate {
                id: draft.id,
                round: input,
            },
        )
        .unwrap();
    assert_eq!(changed.scope.len(), 1);
    assert!(changed.scope[0].name.starts_with("โรงเก็บเครื่องมือช่าง"));
    w.register.cancel_round(&w.officer, draft.id).unwrap();
    assert!(w.register.check_round(&w.officer, draft.id).is_err());
    let open = w.open_periodic();
    let err = w
        .register
        .update_round(
            &w.officer,
            &RoundUpdate {
                id: open,
                round: w.periodic_input(),
            },
        )
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::RoundState {
                status: "open",
                needs: "draft"
            }
        ),
        "{err}"
    );
    assert!(w.register.cancel_round(&w.officer, open).is_err());
}
