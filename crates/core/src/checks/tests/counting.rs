//! The expected list, and counting it: scans, sheets, a scanner's memory.

use base64::Engine;

use super::*;
use crate::assets::Transfer;
use crate::testing::audit_count;

#[test]
fn opening_fixes_the_list_and_later_changes_show_as_differences() {
    let w = world();
    let round = w.open_periodic();
    let opened = w.register.check_round(&w.officer, round).unwrap();
    // 4 in the office, 2 in the shed and the one out on loan; not the disposed mower, not
    // สำนักปลัด's desk.
    assert_eq!(opened.progress.expected, 7);
    assert_eq!(opened.status, RoundStatus::Open);
    let loaned = w.line(round, w.on_loan);
    assert_eq!(loaned.loan_no.as_deref(), Some("1/2568"));
    assert_eq!(loaned.loan_borrower.as_deref(), Some("นายเอกชัย มณีวรรณ"));
    assert_eq!(loaned.loan_due_on, Some(d(2024, 10, 8)));
    // Sheet order: by place, then code.
    let page = w
        .register
        .round_lines(
            &w.officer,
            &LineQuery {
                round_id: round,
                division_id: None,
                location_id: Some(w.shed),
                filter: LineFilter::All,
                text: None,
                offset: 0,
                limit: 100,
            },
        )
        .unwrap();
    let codes: Vec<_> = page.rows.iter().map(|l| l.code.as_str()).collect();
    assert_eq!(codes, ["407-66-0001", "407-66-0002", "407-66-0003"]);
    // The register moves on: the list does not.
    w.register
        .transfer_assets(
            &w.officer,
            &Transfer {
                asset_ids: vec![w.in_office[0]],
                division_id: Some(w.palad),
                location_id: Some(w.palad_room),
                custodian_id: None,
                on_date: d(2024, 10, 1),
                document_no: "กช 12".into(),
                reason: "ย้ายไปสำนักปลัด".into(),
            },
        )
        .unwrap();
    let moved = w.line(round, w.in_office[0]);
    assert_eq!(moved.location_name.as_deref(), Some("ห้องกองช่าง ชั้น 2"));
    assert_eq!(moved.now_location_name.as_deref(), Some("ห้องปลัด อบต."));
    assert_eq!(moved.now_division_name.as_deref(), Some("สำนักปลัด"));
    assert_eq!(w.line(round, w.in_office[1]).now_location_name, None);
    let changed = w
        .register
        .round_lines(
            &w.officer,
            &LineQuery {
                round_id: round,
                division_id: None,
                location_id: None,
                filter: LineFilter::Changed,
                text: None,
                offset: 0,
                limit: 100,
            },
        )
        .unwrap();
    assert_eq!(changed.total, 1);
    assert_eq!(
        w.register
            .check_round(&w.officer, round)
            .unwrap()
            .progress
            .expected,
        7
    );
}

#[test]
fn an_item_acquired_after_the_as_of_day_is_not_expected() {
    let w = world();
    let mut input = w.periodic_input();
    input.as_of = d(2023, 5, 9);
    let round = w.register.create_round(&w.officer, &input).unwrap();
    let err = w.register.open_round(&w.officer, round.id).unwrap_err();
    assert_eq!(
        err.details()["field"],
        "scope",
        "every item came on 10 May 2023"
    );
}

#[test]
fn each_scan_says_what_it_found() {
    let w = world();
    let round = w.open_periodic();
    let here = w
        .scan(&w.checker1, round, &w.code(w.in_office[0]), Some(w.office))
        .unwrap();
    assert_eq!(here.outcome, ScanOutcome::Here);
    assert_eq!(here.line.as_ref().unwrap().result, Some(LineResult::Found));
    assert_eq!(
        here.line.as_ref().unwrap().condition,
        Some(Condition::InUse)
    );
    assert_eq!(
        here.line.as_ref().unwrap().counted_by_name.as_deref(),
        Some("นายธนากร ปัญญาดี")
    );
    // Any digit script and spacing.
    let thai = w
        .scan(&w.checker1, round, " ๔๐๕ ๖๖ ๐๐๐๒ ", Some(w.office))
        .unwrap();
    assert_eq!(
        (thai.outcome, thai.code.as_str()),
        (ScanOutcome::Here, "405-66-0002")
    );
    // An office item found in the shed.
    let elsewhere = w
        .scan(&w.checker2, round, &w.code(w.in_office[2]), Some(w.shed))
        .unwrap();
    assert_eq!(elsewhere.outcome, ScanOutcome::Elsewhere);
    let line = elsewhere.line.unwrap();
    assert_eq!(line.result, Some(LineResult::FoundElsewhere));
    assert_eq!(
        line.found_location_name.as_deref(),
        Some("โรงเก็บเครื่องมือช่าง")
    );
    // Twice: nothing changes, and who counted it first is told.
    let again = w
        .scan(&w.checker2, round, &w.code(w.in_office[0]), Some(w.office))
        .unwrap();
    assert_eq!(again.outcome, ScanOutcome::AlreadyCounted);
    assert_eq!(again.counted_by.as_deref(), Some("นายธนากร ปัญญาดี"));
    // Out on a loan but here all the same.
    let lent = w
        .scan(&w.checker2, round, "407-66-0003", Some(w.shed))
        .unwrap();
    assert_eq!(lent.outcome, ScanOutcome::OnLoan);
    assert_eq!(lent.line.unwrap().loan_no.as_deref(), Some("1/2568"));
    // สำนักปลัด's desk: whose it is, kept as unexpected.
    let outside = w
        .scan(&w.checker1, round, &w.code(w.elsewhere), Some(w.office))
        .unwrap();
    assert_eq!(outside.outcome, ScanOutcome::OutOfScope);
    assert_eq!(outside.belongs_to.as_deref(), Some("สำนักปลัด ห้องปลัด อบต."));
    assert_eq!(outside.unexpected.unwrap().asset_id, Some(w.elsewhere));
    let mower = w
        .scan(&w.checker1, round, &w.code(w.disposed), Some(w.shed))
        .unwrap();
    assert_eq!(mower.outcome, ScanOutcome::Disposed);
    // Not in the register at all: kept with the code as scanned.
    let unknown = w
        .scan(&w.checker1, round, "999-99-0001", Some(w.shed))
        .unwrap();
    assert_eq!(unknown.outcome, ScanOutcome::Unknown);
    assert_eq!(unknown.unexpected.as_ref().unwrap().code, "999-99-0001");
    let twice = w
        .scan(&w.checker2, round, "999 99 0001", Some(w.shed))
        .unwrap();
    assert_eq!(twice.outcome, ScanOutcome::AlreadyCounted);
    let summary = w.register.round_summary(&w.officer, round).unwrap();
    assert_eq!(summary.total.counted, 4);
    assert_eq!((summary.total.found, summary.total.found_elsewhere), (3, 1));
    assert_eq!(summary.unexpected.len(), 3);
    let office = summary
        .places
        .iter()
        .find(|p| p.location_id == Some(w.office))
        .unwrap();
    assert_eq!((office.progress.expected, office.progress.counted), (4, 3));
    let scans = w
        .register
        .recent_scans(
            &w.officer,
            &ScanListQuery {
                round_id: round,
                limit: 50,
            },
        )
        .unwrap();
    assert_eq!(scans.len(), 9, "every scan is logged");
}

#[test]
fn a_scan_is_refused_by_name_and_changes_nothing() {
    let w = world();
    let draft = w
        .register
        .create_round(&w.officer, &w.periodic_input())
        .unwrap();
    let err = w
        .scan(&w.checker1, draft.id, "405-66-0001", None)
        .unwrap_err();
    assert_eq!(
        (err.code(), err.details()["status"].as_str()),
        ("round_state", Some("draft"))
    );
    w.register.open_round(&w.officer, draft.id).unwrap();
    let round = draft.id;
    let before = audit_count(&w.register);
    for (who, code, at, expected) in [
        (&w.checker3, "405-66-0001", None, "not_a_round_member"),
        (&w.officer, "405-66-0001", None, "not_a_round_member"),
        (&w.checker1, "  ", None, "required"),
        (
            &w.checker1,
            "405-66-0001",
            Some(w.palad_room),
            "invalid_value",
        ),
    ] {
        let err = w.scan(who, round, code, at).unwrap_err();
        assert_eq!(err.code(), expected, "{code}");
    }
    assert_eq!(audit_count(&w.register), before);
    assert_eq!(
        w.register
            .check_round(&w.officer, round)
            .unwrap()
            .progress
            .counted,
        0
    );
}

#[test]
fn two_scans_of_one_item_at_once_count_it_once() {
    let w = world();
    let round = w.open_periodic();
    let code = w.code(w.in_shed[0]);
    let outcomes: Vec<ScanOutcome> = std::thread::scope(|s| {
        let a = s.spawn(|| {
            w.scan(&w.checker1, round, &code, Some(w.shed))
                .unwrap()
                .outcome
        });
        let b = s.spawn(|| {
            w.scan(&w.checker2, round, &code, Some(w.shed))
                .unwrap()
                .outcome
        });
        vec![a.join().unwrap(), b.join().unwrap()]
    });
    assert!(outcomes.contains(&ScanOutcome::Here), "{outcomes:?}");
    assert!(
        outcomes.contains(&ScanOutcome::AlreadyCounted),
        "{outcomes:?}"
    );
    assert_eq!(
        w.register
            .check_round(&w.officer, round)
            .unwrap()
            .progress
            .counted,
        1
    );
    assert_eq!(
        w.register
            .recent_scans(
                &w.officer,
                &ScanListQuery {
                    round_id: round,
                    limit: 10
                }
            )
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn a_scan_can_be_undone_until_the_line_is_keyed_again() {
    let w = world();
    let round = w.open_periodic();
    let first = w
        .scan(&w.checker1, round, &w.code(w.in_office[0]), Some(w.office))
        .unwrap();
    w.register
        .undo_scan(
            &w.checker1,
            &ScanRef {
                round_id: round,
                scan_id: first.scan_id,
            },
        )
        .unwrap();
    assert_eq!(w.line(round, w.in_office[0]).result, None);
    assert!(
        w.register
            .undo_scan(
                &w.checker1,
                &ScanRef {
                    round_id: round,
                    scan_id: first.scan_id
                }
            )
            .is_err(),
        "not twice"
    );
    // A scan whose line was keyed from the sheet afterwards leaves the sheet's count.
    let second = w
        .scan(&w.checker1, round, &w.code(w.in_office[1]), Some(w.office))
        .unwrap();
    let line = w.line(round, w.in_office[1]);
    w.register
        .record_count(
            &w.checker2,
            &LineCount {
                round_id: round,
                line_id: line.id,
                result: Some(LineResult::Found),
                condition: Some(Condition::Damaged),
                found_location_id: None,
                note: "ขาหัก".into(),
            },
        )
        .unwrap();
    w.register
        .undo_scan(
            &w.checker1,
            &ScanRef {
                round_id: round,
                scan_id: second.scan_id,
            },
        )
        .unwrap();
    let kept = w.line(round, w.in_office[1]);
    assert_eq!(
        (kept.result, kept.condition),
        (Some(LineResult::Found), Some(Condition::Damaged))
    );
    assert_eq!(kept.method, Some(CountMethod::Sheet));
    // An unexpected item's scan undone removes it.
    let unknown = w
        .scan(&w.checker1, round, "999-99-0009", Some(w.shed))
        .unwrap();
    w.register
        .undo_scan(
            &w.checker1,
            &ScanRef {
                round_id: round,
                scan_id: unknown.scan_id,
            },
        )
        .unwrap();
    assert!(
        w.register
            .round_summary(&w.officer, round)
            .unwrap()
            .unexpected
            .is_empty()
    );
}

#[test]
fn a_returned_sheet_is_keyed_line_by_line() {
    let w = world();
    let round = w.open_periodic();
    let line = |a| w.line(round, a).id;
    let key = |line_id, result, condition, found| {
        w.register.record_count(
            &w.checker2,
            &LineCount {
                round_id: round,
                line_id,
                result,
                condition,
                found_location_id: found,
                note: String::new(),
            },
        )
    };
    let found = key(line(w.in_office[0]), Some(LineResult::Found), None, None).unwrap();
    assert_eq!(
        (found.condition, found.method),
        (Some(Condition::InUse), Some(CountMethod::Sheet))
    );
    let missing = key(
        line(w.in_office[1]),
        Some(LineResult::NotFound),
        Some(Condition::Damaged),
        None,
    )
    .unwrap();
    assert_eq!(
        missing.condition, None,
        "an item not found has no condition"
    );
    let err = key(
        line(w.in_office[2]),
        Some(LineResult::FoundElsewhere),
        None,
        None,
    )
    .unwrap_err();
    assert_eq!(err.details()["field"], "foundLocationId");
    let err = key(line(w.in_office[2]), Some(LineResult::OnLoan), None, None).unwrap_err();
    assert_eq!(err.details()["field"], "result");
    let moved = key(
        line(w.in_office[2]),
        Some(LineResult::FoundElsewhere),
        None,
        Some(w.shed),
    )
    .unwrap();
    assert_eq!(
        moved.found_location_name.as_deref(),
        Some("โรงเก็บเครื่องมือช่าง")
    );
    let cleared = key(line(w.in_office[0]), None, None, None).unwrap();
    assert_eq!((cleared.result, cleared.counted_by_name), (None, None));
    // Items found on the sheet's blank rows.
    let table = w
        .register
        .add_unexpected(
            &w.checker2,
            &UnexpectedInput {
                round_id: round,
                code: String::new(),
                description: "โต๊ะพับ ไม่มีป้ายรหัส".into(),
                location_id: Some(w.shed),
                condition: Some(Condition::InUse),
                note: String::new(),
            },
        )
        .unwrap();
    assert_eq!(table.location_name.as_deref(), Some("โรงเก็บเครื่องมือช่าง"));
    let listed = w
        .register
        .add_unexpected(
            &w.checker2,
            &UnexpectedInput {
                round_id: round,
                code: w.code(w.in_shed[0]),
                description: String::new(),
                location_id: Some(w.shed),
                condition: None,
                note: String::new(),
            },
        )
        .unwrap_err();
    assert!(
        listed.to_string().contains("on this round's list"),
        "{listed}"
    );
}

fn list(round: RoundId, text: &[u8], dry_run: bool, at: Option<LocationId>) -> CodeListInput {
    CodeListInput {
        round_id: round,
        file_name: "scanner.txt".into(),
        data_base64: base64::engine::general_purpose::STANDARD.encode(text),
        location_id: at,
        dry_run,
    }
}

#[test]
fn a_scanners_memory_is_shown_first_and_then_counted() {
    let w = world();
    let round = w.open_periodic();
    let text = "barcode,time\n405-66-0001,2024-10-01 10:15:03\n405-66-0001,2024-10-01 10:15:09\n\n\
                407-66-0001\n999-99-0001\n";
    let before = audit_count(&w.register);
    let dry = w
        .register
        .load_code_list(
            &w.checker1,
            &list(round, text.as_bytes(), true, Some(w.office)),
        )
        .unwrap();
    let outcomes: Vec<_> = dry.lines.iter().map(|l| (l.line_no, l.outcome)).collect();
    assert_eq!(
        outcomes,
        [
            (2, Some(ScanOutcome::Here)),
            (3, Some(ScanOutcome::AlreadyCounted)),
            (5, Some(ScanOutcome::Elsewhere)),
            (6, Some(ScanOutcome::Unknown)),
        ]
    );
    assert!(!dry.applied);
    assert_eq!(audit_count(&w.register), before, "a dry run writes nothing");
    assert_eq!(
        w.register
            .check_round(&w.officer, round)
            .unwrap()
            .progress
            .counted,
        0
    );
    let done = w
        .register
        .load_code_list(
            &w.checker1,
            &list(round, text.as_bytes(), false, Some(w.office)),
        )
        .unwrap();
    assert_eq!(
        (done.counted, done.already_counted, done.unexpected),
        (2, 1, 1)
    );
    let line = w.line(round, w.in_office[0]);
    assert_eq!(line.method, Some(CountMethod::File));
    assert_eq!(
        line.counted_at.as_deref(),
        Some("2024-10-01T03:15:03.000Z"),
        "when it was scanned"
    );
}

#[test]
fn a_list_in_utf16_is_read_and_one_with_garbage_is_refused_by_line() {
    let w = world();
    let round = w.open_periodic();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        "405-66-0001\r\n405-66-0002\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let read = w
        .register
        .load_code_list(&w.checker1, &list(round, &utf16, false, None))
        .unwrap();
    assert_eq!((read.encoding.as_str(), read.counted), ("UTF-16", 2));
    let before = audit_count(&w.register);
    let garbage = "405-66-0003\n\u{7}\u{8}\u{1b}[0m\n405-66-0004\n-----\n";
    let dry = w
        .register
        .load_code_list(&w.checker1, &list(round, garbage.as_bytes(), true, None))
        .unwrap();
    assert_eq!(dry.problems, 2);
    let err = w
        .register
        .load_code_list(&w.checker1, &list(round, garbage.as_bytes(), false, None))
        .unwrap_err();
    assert_eq!(err.details()["field"], "file.lines");
    assert_eq!(err.details()["reason"], "2, 4");
    assert_eq!(audit_count(&w.register), before);
    assert_eq!(
        w.line(round, w.in_office[2]).result,
        None,
        "nothing was counted"
    );
    for (bytes, field) in [(&b""[..], "file.empty"), (&b"\n\n  \n"[..], "file.noRows")] {
        let err = w
            .register
            .load_code_list(&w.checker1, &list(round, bytes, true, None))
            .unwrap_err();
        assert_eq!(err.details()["field"], field);
    }
}
