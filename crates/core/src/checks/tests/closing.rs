//! Closing: every line decided, the proposals, applying them, the report and the history.

use super::*;
use crate::error::Error;
use crate::testing::audit_count;

/// The periodic round counted as a returned sheet would have it: office items 1–2 found
/// (2 damaged), 3 found in the shed, the shed's first drill found, an unknown item and
/// สำนักปลัด's desk found in the office; office item 4, the second drill and the loaned
/// drill not seen.
fn counted(w: &World) -> RoundId {
    let round = w.open_periodic();
    w.scan(&w.checker1, round, &w.code(w.in_office[0]), Some(w.office))
        .unwrap();
    w.register
        .scan(
            &w.checker1,
            &ScanInput {
                round_id: round,
                code: w.code(w.in_office[1]),
                location_id: Some(w.office),
                condition: Some(Condition::Damaged),
            },
        )
        .unwrap();
    w.scan(&w.checker2, round, &w.code(w.in_office[2]), Some(w.shed))
        .unwrap();
    w.scan(&w.checker2, round, &w.code(w.in_shed[0]), Some(w.shed))
        .unwrap();
    w.scan(&w.checker1, round, "999-99-0001", Some(w.office))
        .unwrap();
    w.scan(&w.checker1, round, &w.code(w.elsewhere), Some(w.office))
        .unwrap();
    round
}

#[test]
fn a_round_closes_only_with_every_line_decided_by_a_named_choice() {
    let w = world();
    let round = counted(&w);
    let before = audit_count(&w.register);
    let err = w
        .register
        .close_round(
            &w.checker1,
            &CloseRound {
                round_id: round,
                rest_not_found: false,
            },
        )
        .unwrap_err();
    // The loaned drill is explained by its loan; office item 4 and drill 2 are not.
    assert!(matches!(err, Error::LinesUndecided { lines: 2 }), "{err}");
    assert_eq!(audit_count(&w.register), before, "nothing changed");
    assert_eq!(w.line(round, w.on_loan).result, None);
    for who in [&w.officer, &w.checker3] {
        let err = w
            .register
            .close_round(
                who,
                &CloseRound {
                    round_id: round,
                    rest_not_found: true,
                },
            )
            .unwrap_err();
        assert_eq!(err.code(), "not_a_round_member");
    }
    let closed = w
        .register
        .close_round(
            &w.checker2,
            &CloseRound {
                round_id: round,
                rest_not_found: true,
            },
        )
        .unwrap();
    assert_eq!(closed.status, RoundStatus::Closed);
    assert!(closed.rest_not_found);
    assert_eq!(closed.closed_as, "นายณัฐพล เรือนคำ (ผู้ตรวจนับ)");
    let p = closed.progress;
    assert_eq!(
        (
            p.found,
            p.found_elsewhere,
            p.on_loan,
            p.not_found,
            p.unexpected
        ),
        (3, 1, 1, 2, 2)
    );
    let missing = w.line(round, w.in_office[3]);
    assert_eq!(
        (missing.result, missing.method),
        (Some(LineResult::NotFound), Some(CountMethod::Closing))
    );
    // Read-only now.
    let err = w.scan(&w.checker1, round, "405-66-0004", None).unwrap_err();
    assert_eq!(err.details()["status"], "closed");
}

#[test]
fn closing_proposes_and_the_officer_applies_them_all_at_once() {
    let w = world();
    let round = counted(&w);
    w.register
        .close_round(
            &w.checker1,
            &CloseRound {
                round_id: round,
                rest_not_found: true,
            },
        )
        .unwrap();
    let proposals = w.register.round_proposals(&w.officer, round).unwrap();
    let summary: Vec<(ProposalKind, String, Option<AssetStatus>)> = proposals
        .iter()
        .map(|p| (p.kind, p.code.clone(), p.to_status))
        .collect();
    assert_eq!(
        summary,
        [
            (
                ProposalKind::Status,
                "405-66-0002".into(),
                Some(AssetStatus::Damaged)
            ),
            (ProposalKind::Move, "405-66-0003".into(), None),
            (
                ProposalKind::Status,
                "405-66-0004".into(),
                Some(AssetStatus::Lost)
            ),
            (
                ProposalKind::Status,
                "407-66-0002".into(),
                Some(AssetStatus::Lost)
            ),
            (ProposalKind::Register, "999-99-0001".into(), None),
            (ProposalKind::Move, "401-66-0001".into(), None),
        ]
    );
    assert_eq!(
        proposals[1].to_place.as_deref(),
        Some("โรงเก็บเครื่องมือช่าง (กองช่าง)")
    );
    // Nothing has touched the register yet.
    let drill = w
        .register
        .asset_detail(&w.officer, w.in_office[2])
        .unwrap()
        .asset;
    assert_eq!(drill.location_id, Some(w.office));
    // Only the officer applies; a committee member or viewer may not.
    for who in [&w.checker1, &w.viewer] {
        let err = w.apply_all(who, round).unwrap_err();
        assert_eq!(err.code(), "permission_denied");
    }
    let applied = w.apply_all(&w.officer, round).unwrap();
    assert_eq!(applied, 5, "all but registering the unknown item");
    let detail = w.register.asset_detail(&w.officer, w.in_office[2]).unwrap();
    assert_eq!(detail.asset.location_id, Some(w.shed));
    let event = detail.events.last().unwrap();
    assert_eq!(event.document_no, "ผลการตรวจนับ: ตรวจนับกองช่าง ไตรมาส 1/2568");
    assert!(
        event.reason.contains("พบที่ โรงเก็บเครื่องมือช่าง"),
        "{}",
        event.reason
    );
    assert_eq!(
        w.register
            .asset_detail(&w.officer, w.in_office[1])
            .unwrap()
            .asset
            .status,
        AssetStatus::Damaged
    );
    let desk = w
        .register
        .asset_detail(&w.officer, w.elsewhere)
        .unwrap()
        .asset;
    assert_eq!(
        (desk.division_id, desk.location_id),
        (Some(w.works), Some(w.office))
    );
    // The unknown item is registered from the details the officer completes.
    let register_it = proposals
        .iter()
        .find(|p| p.kind == ProposalKind::Register)
        .unwrap();
    let category = w.register.list_categories(&w.officer).unwrap()[0].id;
    let created = w
        .register
        .register_found(
            &w.officer,
            &RegisterFound {
                proposal_id: register_it.id,
                asset: AssetInput {
                    name: "พัดลมตั้งพื้น".into(),
                    category_id: Some(category),
                    acquired_on: Some(d(2022, 1, 10)),
                    unit_price: Satang(120_000),
                    ..Default::default()
                },
            },
        )
        .unwrap();
    assert_eq!(
        (created.code.as_str(), created.location_id),
        ("999-99-0001", Some(w.office))
    );
    let states: Vec<ProposalState> = w
        .register
        .round_proposals(&w.officer, round)
        .unwrap()
        .iter()
        .map(|p| p.state)
        .collect();
    assert!(
        states.iter().all(|s| *s == ProposalState::Applied),
        "{states:?}"
    );
}

#[test]
fn proposals_apply_all_or_none() {
    let w = world();
    let round = counted(&w);
    w.register
        .close_round(
            &w.checker1,
            &CloseRound {
                round_id: round,
                rest_not_found: true,
            },
        )
        .unwrap();
    // Since the count, office item 3 was disposed of: moving it is refused, and so nothing
    // of the batch is applied.
    crate::testing::dispose(&w.register, w.in_office[2], d(2024, 10, 1));
    let before = audit_count(&w.register);
    let err = w.apply_all(&w.officer, round).unwrap_err();
    assert!(err.to_string().contains("disposed"), "{err}");
    assert_eq!(audit_count(&w.register), before);
    assert_eq!(
        w.register
            .asset_detail(&w.officer, w.in_office[1])
            .unwrap()
            .asset
            .status,
        AssetStatus::InUse,
        "the damaged item's proposal was rolled back with the rest"
    );
    let moving = w
        .register
        .round_proposals(&w.officer, round)
        .unwrap()
        .into_iter()
        .find(|p| p.asset_id == Some(w.in_office[2]))
        .unwrap();
    let dismissed = w
        .register
        .dismiss_proposal(
            &w.officer,
            &Dismissal {
                proposal_id: moving.id,
                note: "จำหน่ายแล้ว".into(),
            },
        )
        .unwrap();
    assert_eq!(dismissed.state, ProposalState::Dismissed);
    assert_eq!(w.apply_all(&w.officer, round).unwrap(), 4);
}

#[test]
fn the_report_balances_by_category_and_lists_the_findings() {
    let w = world();
    let round = counted(&w);
    w.register
        .close_round(
            &w.checker1,
            &CloseRound {
                round_id: round,
                rest_not_found: true,
            },
        )
        .unwrap();
    let report = w.register.check_report(&w.officer, round).unwrap();
    let rows: Vec<(&str, u32, u32, u32, u32)> = report
        .balances
        .iter()
        .map(|b| (b.type_code.as_str(), b.register, b.counted, b.short, b.over))
        .collect();
    // 405: four listed, three counted; 407: three listed, two counted (one on loan); the
    // desk of สำนักปลัด (401) and an item the register lacks turned up beyond the list.
    assert_eq!(
        rows,
        [
            ("401", 0, 1, 0, 1),
            ("405", 4, 3, 1, 0),
            ("407", 3, 2, 1, 0),
            ("", 0, 1, 0, 1),
            ("", 7, 7, 2, 2)
        ]
    );
    assert_eq!(report.balances[3].category_name, "ไม่มีในทะเบียน");
    assert_eq!(report.balances[4].register_value, Satang(7 * 1_250_000));
    assert!(!report.balances_match);
    let findings: Vec<(&str, Condition, &str)> = report
        .findings
        .iter()
        .map(|f| (f.code.as_str(), f.condition, f.proposal.as_str()))
        .collect();
    assert_eq!(
        findings,
        [
            ("405-66-0002", Condition::Damaged, "ซ่อมแซม"),
            ("405-66-0004", Condition::Lost, "สอบหาข้อเท็จจริง (ข้อ 214)"),
            ("407-66-0002", Condition::Lost, "สอบหาข้อเท็จจริง (ข้อ 214)"),
        ]
    );
    assert_eq!((report.damaged, report.lost), (1, 2));
    // 12,500 baht bought 10 May 2023, 10 years: at the as-of day 1 Oct 2024 part of it is
    // written off, none below one baht.
    let nbv = report.findings[0].net_book_value;
    assert!(nbv < Satang(1_250_000) && nbv > Satang(100), "{nbv:?}");
    // Form 7 and the items' history.
    let summary = w.register.periodic_summary(&w.officer, 2568).unwrap();
    assert_eq!(summary.rows.len(), 1);
    assert_eq!(summary.rows[0].division_name, "กองช่าง");
    assert_eq!(summary.rows[0].checkers, "นายธนากร ปัญญาดี, นายณัฐพล เรือนคำ");
    let history = w.register.asset_checks(&w.officer, w.in_office[2]).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].result, Some(LineResult::FoundElsewhere));
    assert_eq!(
        history[0].counted_by_name.as_deref(),
        Some("นายณัฐพล เรือนคำ")
    );
    let desk = w.register.asset_checks(&w.officer, w.elsewhere).unwrap();
    assert!(desk[0].unexpected);
}

#[test]
fn the_dashboard_and_schedule_say_what_is_due() {
    let w = world();
    let before = w.register.check_dashboard(&w.officer).unwrap();
    assert!(before.open_rounds.is_empty());
    assert_eq!(
        (before.period_from, before.period_to),
        (d(2024, 10, 1), d(2024, 12, 31))
    );
    assert_eq!(before.unchecked_divisions.len(), 6);
    // 1 Oct 2024: the FY2567 annual report is being prepared, due 14 Nov 2024.
    let annual = before.annual.unwrap();
    assert_eq!(
        (annual.fiscal_year, annual.due_on, annual.round_id),
        (2567, d(2024, 11, 14), None)
    );
    assert_eq!(annual.working_days_left, 30);
    let round = w.open_periodic();
    let after = w.register.check_dashboard(&w.officer).unwrap();
    assert_eq!(after.open_rounds[0].id, round);
    assert!(!after.unchecked_divisions.contains(&"กองช่าง".to_owned()));
    let schedule = w.register.check_schedule(&w.officer, 2568).unwrap();
    let works = schedule.iter().find(|r| r.division_id == w.works).unwrap();
    let states: Vec<PeriodState> = works.periods.iter().map(|p| p.state).collect();
    assert_eq!(
        states,
        [
            PeriodState::Done,
            PeriodState::Later,
            PeriodState::Later,
            PeriodState::Later
        ]
    );
    let palad = schedule.iter().find(|r| r.division_id == w.palad).unwrap();
    assert_eq!(palad.periods[0].state, PeriodState::Due);
    // Later, the first quarter passed unchecked is overdue.
    w.clock.set(
        NaiveDate::from_ymd_opt(2025, 1, 6)
            .unwrap()
            .and_hms_opt(2, 0, 0)
            .unwrap()
            .and_utc(),
    );
    let later = w.register.check_schedule(&w.officer, 2568).unwrap();
    let palad = later.iter().find(|r| r.division_id == w.palad).unwrap();
    assert_eq!(
        (palad.periods[0].state, palad.periods[1].state),
        (PeriodState::Overdue, PeriodState::Due)
    );
}
