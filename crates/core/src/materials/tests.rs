//! The stock card's rules against an in-memory register on a fixed clock: FIFO with
//! hand-checked cards, balances at a date, closed periods, separation of duties, and bad
//! input naming its field.

use super::test_world::{d, world};
use super::*;
use crate::auth::Role;
use crate::error::Error;
use crate::ids::{MaterialId, PersonId};
use crate::testing::{self, audit_count};

use crate::money::Satang;

#[test]
fn an_issue_across_two_lots_takes_the_oldest_first_at_their_prices() {
    let w = world();
    let paper = w.material("ว-001", "รีม", false);
    w.receive(d(2024, 11, 1), paper, Quantity::units(10), 11_000);
    w.receive(d(2024, 12, 1), paper, Quantity::units(20), 11_550);
    let issued = w.issue(d(2025, 1, 10), paper, Quantity::units(15)).unwrap();
    // 10 × 110.00 + 5 × 115.50 = 1,100.00 + 577.50.
    assert_eq!(
        issued[0].portions,
        [
            LotPortion {
                quantity: Quantity::units(10),
                unit_price: Satang(11_000),
                value: Satang(110_000)
            },
            LotPortion {
                quantity: Quantity::units(5),
                unit_price: Satang(11_550),
                value: Satang(57_750)
            },
        ]
    );
    let card = w.card(paper);
    let lines: Vec<(i64, i64, i64, i64)> = card
        .entries
        .iter()
        .map(|e| {
            (
                e.quantity.0 / 1000,
                e.value.0,
                e.balance.0 / 1000,
                e.balance_value.0,
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            (10, 110_000, 10, 110_000),
            (20, 231_000, 30, 341_000),
            (-15, -167_750, 15, 173_250),
        ]
    );
    // The card shows both prices on the issue, and the division it went to.
    assert_eq!(card.entries[2].portions.len(), 2);
    assert_eq!(card.entries[2].portions[1].unit_price, Satang(11_550));
    assert_eq!(card.entries[2].party, "กองช่าง");
    assert_eq!(card.entries[2].kind, EntryKind::Issue);
    // Next issue takes from the second lot only: 15 × 115.50 empties it exactly.
    let issued = w.issue(d(2025, 2, 1), paper, Quantity::units(15)).unwrap();
    assert_eq!(issued[0].portions[0].value, Satang(173_250));
    let now = w.register.material(&w.officer, paper).unwrap();
    assert_eq!((now.balance, now.balance_value), (Quantity(0), Satang(0)));
}

#[test]
fn fractions_round_half_up_and_an_emptied_lot_leaves_no_satang_behind() {
    let w = world();
    let fuel = w.material("ช-001", "ลิตร", true);
    // 3 litres at 32.45 (97.35) in one lot; taken as 1 + 1 + 1, the last takes what is left.
    w.receive(d(2024, 11, 1), fuel, Quantity::units(3), 3_245);
    // 0.333 of a litre: 10.806 baht rounds to 10.81.
    let first = w.issue(d(2024, 11, 2), fuel, Quantity(333)).unwrap();
    assert_eq!(first[0].portions[0].value, Satang(1_081));
    let second = w.issue(d(2024, 11, 3), fuel, Quantity(1_333)).unwrap();
    assert_eq!(second[0].portions[0].value, Satang(4_326)); // 43.2559 → 43.26
    let last = w.issue(d(2024, 11, 4), fuel, Quantity(1_334)).unwrap();
    // 97.35 − 10.81 − 43.26 = 43.28 (not 43.29 from 1.334 × 32.45 = 43.2883): the lot
    // comes out at zero.
    assert_eq!(last[0].portions[0].value, Satang(4_328));
    let now = w.register.material(&w.officer, fuel).unwrap();
    assert_eq!((now.balance, now.balance_value), (Quantity(0), Satang(0)));
}

#[test]
fn a_balance_at_any_date_is_the_card_replayed_to_that_date() {
    let w = world();
    let toner = w.material("ค-010", "กล่อง", false);
    let pens = w.material("ว-020", "ด้าม", false);
    w.receive(d(2024, 10, 5), toner, Quantity::units(4), 250_000);
    w.receive(d(2024, 10, 6), pens, Quantity::units(100), 500);
    w.issue(d(2024, 12, 1), toner, Quantity::units(1)).unwrap();
    w.receive(d(2025, 1, 15), toner, Quantity::units(2), 260_000);
    w.issue(d(2025, 3, 1), toner, Quantity::units(4)).unwrap();
    w.issue(d(2025, 3, 1), pens, Quantity::units(30)).unwrap();
    for day in [
        d(2024, 10, 1),
        d(2024, 10, 5),
        d(2024, 12, 1),
        d(2025, 2, 1),
        d(2025, 9, 30),
    ] {
        let balances = w.register.material_balances(&w.officer, day).unwrap();
        for b in balances {
            let card = w.card(b.material_id);
            let (mut quantity, mut value) = (0, 0);
            for e in card.entries.iter().filter(|e| e.on_date <= day) {
                quantity += e.quantity.0;
                value += e.value.0;
            }
            assert_eq!(
                (b.balance.0, b.value.0),
                (quantity, value),
                "{} on {day}",
                b.code
            );
        }
    }
    let end = w
        .register
        .material_balances(&w.officer, d(2025, 9, 30))
        .unwrap();
    let toner_end = end.iter().find(|b| b.material_id == toner).unwrap();
    // Left: 1 box of the January lot at 2,600.00.
    assert_eq!(
        (toner_end.balance, toner_end.value),
        (Quantity::units(1), Satang(260_000))
    );
}

#[test]
fn entries_go_in_date_order_never_in_the_future_or_a_closed_period() {
    let w = world();
    let paper = w.material("ว-001", "รีม", false);
    w.receive(d(2025, 3, 1), paper, Quantity::units(10), 11_000);
    let before = audit_count(&w.register);
    let err = w
        .issue(d(2025, 2, 28), paper, Quantity::units(1))
        .unwrap_err();
    assert_eq!(err.details()["field"], "onDate", "{err:?}");
    let err = w
        .issue(d(2025, 10, 1), paper, Quantity::units(1))
        .unwrap_err();
    assert_eq!(err.details()["field"], "onDate");
    w.register
        .close_materials_period(&w.officer, d(2025, 3, 31))
        .unwrap();
    let err = w
        .issue(d(2025, 3, 31), paper, Quantity::units(1))
        .unwrap_err();
    assert_eq!(err.code(), "period_closed");
    assert_eq!(err.details()["closedThrough"], "2025-03-31");
    // A period closes only forwards, and not past today.
    assert!(
        w.register
            .close_materials_period(&w.officer, d(2025, 3, 1))
            .is_err()
    );
    assert!(
        w.register
            .close_materials_period(&w.officer, d(2025, 10, 1))
            .is_err()
    );
    assert_eq!(
        audit_count(&w.register),
        before + 1,
        "only the close was recorded"
    );
    w.issue(d(2025, 4, 1), paper, Quantity::units(1)).unwrap();
    let _ = &w.clock;
}

#[test]
fn an_issue_beyond_the_balance_names_the_item_and_what_it_holds_and_changes_nothing() {
    let w = world();
    let paper = w.material("ว-001", "รีม", false);
    let pens = w.material("ว-002", "ด้าม", false);
    w.receive(d(2024, 11, 1), paper, Quantity::units(10), 11_000);
    w.receive(d(2024, 11, 1), pens, Quantity::units(3), 500);
    let before = audit_count(&w.register);
    let err = w
        .register
        .issue_paper_requisition(
            &w.officer,
            &PaperIssue {
                requisition_no: "บ.1/2568".into(),
                division_id: w.works,
                requester_id: w.requester,
                on_date: d(2024, 11, 5),
                lines: vec![
                    IssueLine {
                        material_id: paper,
                        quantity: Quantity::units(2),
                    },
                    IssueLine {
                        material_id: pens,
                        quantity: Quantity::units(4),
                    },
                ],
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), "not_enough_stock");
    assert_eq!(err.details()["materialCode"], "ว-002");
    assert_eq!(err.details()["available"], "3");
    assert_eq!(err.details()["unit"], "ด้าม");
    // The paper line before it was not issued either.
    assert_eq!(
        w.register.material(&w.officer, paper).unwrap().balance,
        Quantity::units(10)
    );
    assert_eq!(w.card(paper).entries.len(), 1);
    assert_eq!(audit_count(&w.register), before);
}

#[test]
fn the_officer_does_not_issue_to_themselves() {
    let w = world();
    let paper = w.material("ว-001", "รีม", false);
    w.receive(d(2024, 11, 1), paper, Quantity::units(10), 11_000);
    let err = w
        .register
        .issue_paper_requisition(
            &w.officer,
            &PaperIssue {
                requisition_no: "บ.2/2568".into(),
                division_id: w.works,
                requester_id: w.officer_person,
                on_date: d(2024, 11, 5),
                lines: vec![IssueLine {
                    material_id: paper,
                    quantity: Quantity::units(1),
                }],
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), "separation_of_duties");
    assert_eq!(err.details()["rule"], "issuer_is_requester");
}

#[test]
fn bad_receipts_are_refused_by_line_and_field() {
    let w = world();
    let paper = w.material("ว-001", "รีม", false);
    let receipt = |lines: Vec<ReceiptLine>| {
        w.register.receive_materials(
            &w.officer,
            &ReceiptInput {
                received_on: d(2024, 11, 1),
                document_no: "ตร.5/2568".into(),
                vendor: String::new(),
                notes: String::new(),
                lines,
            },
        )
    };
    let line = |quantity: Quantity, price: i64| ReceiptLine {
        material_id: paper,
        quantity,
        unit_price: Satang(price),
    };
    let before = audit_count(&w.register);
    let field = |e: Error| e.details()["field"].as_str().unwrap_or_default().to_owned();
    assert_eq!(
        field(receipt(vec![line(Quantity(0), 100)]).unwrap_err()),
        "lines[0].quantity"
    );
    assert_eq!(
        field(
            receipt(vec![
                line(Quantity::units(1), 100),
                line(Quantity::units(-2), 100)
            ])
            .unwrap_err()
        ),
        "lines[1].quantity"
    );
    assert_eq!(
        field(receipt(vec![line(Quantity(1_500), 100)]).unwrap_err()),
        "lines[0].quantity",
        "a fraction of a ream"
    );
    assert_eq!(
        field(receipt(vec![line(Quantity::units(1), -1)]).unwrap_err()),
        "lines[0].unitPrice"
    );
    let unknown = ReceiptLine {
        material_id: MaterialId(999),
        quantity: Quantity::units(1),
        unit_price: Satang(100),
    };
    assert_eq!(
        field(receipt(vec![unknown]).unwrap_err()),
        "lines[0].materialId"
    );
    assert_eq!(receipt(vec![]).unwrap_err().code(), "required");
    assert_eq!(audit_count(&w.register), before, "nothing was written");
    assert_eq!(w.card(paper).entries.len(), 0);
}

#[test]
fn the_catalogue_lists_by_text_in_any_digit_script_and_what_is_below_its_level() {
    let w = world();
    let paper = w.material("ว-001", "รีม", false);
    let toner = w.material("ค-010", "กล่อง", false);
    w.receive(d(2024, 11, 1), paper, Quantity::units(50), 11_000);
    w.receive(d(2024, 11, 1), toner, Quantity::units(2), 250_000);
    let codes = |query: MaterialQuery| -> Vec<String> {
        w.register
            .list_materials(&w.officer, &query)
            .unwrap()
            .into_iter()
            .map(|m| m.code)
            .collect()
    };
    assert_eq!(codes(MaterialQuery::default()), ["ค-010", "ว-001"]);
    let text = |t: &str| MaterialQuery {
        text: Some(t.into()),
        ..MaterialQuery::default()
    };
    assert_eq!(codes(text("ว ๐๐๑")), ["ว-001"]);
    assert_eq!(codes(text("วัสดุ ค-010")), ["ค-010"]);
    // The minimum is 5: two boxes of toner are below it, fifty reams are not.
    let low = MaterialQuery {
        below_minimum: true,
        ..MaterialQuery::default()
    };
    assert_eq!(codes(low), ["ค-010"]);
}

#[test]
fn a_code_is_unique_in_any_spelling_or_digit_script() {
    let w = world();
    w.material("ว-001", "รีม", false);
    let err = w
        .register
        .create_material(
            &w.officer,
            &MaterialInput {
                code: "ว ๐๐๑".into(),
                name: "กระดาษ".into(),
                unit: "รีม".into(),
                type_id: Some(w.office),
                ..MaterialInput::default()
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), "duplicate");
    assert_eq!(err.details()["field"], "code");
}

#[test]
fn adjustments_need_a_reference_and_a_reason_and_a_surplus_is_a_lot_of_its_own() {
    let w = world();
    let paper = w.material("ว-001", "รีม", false);
    w.receive(d(2024, 11, 1), paper, Quantity::units(10), 11_000);
    let adjust = |increase: bool, document_no: &str, quantity: i64| {
        w.register.adjust_material(
            &w.officer,
            &Adjustment {
                material_id: paper,
                on_date: d(2025, 9, 30),
                increase,
                quantity: Quantity::units(quantity),
                unit_price: Satang(11_000),
                reason: AdjustmentReason::CountDifference,
                document_no: document_no.into(),
                explanation: "ตรวจนับประจำปีพบต่างจากบัญชี".into(),
            },
        )
    };
    assert_eq!(
        adjust(false, "", 2).unwrap_err().details()["field"],
        "documentNo"
    );
    let down = adjust(false, "รายงานตรวจนับ 2568", 2).unwrap();
    assert_eq!(down.portions[0].value, Satang(22_000));
    adjust(true, "รายงานตรวจนับ 2568", 1).unwrap();
    let card = w.card(paper);
    assert_eq!(card.entries.last().unwrap().kind, EntryKind::AdjustIn);
    assert!(card.entries[1].reason.starts_with("count_difference: "));
    assert_eq!(card.entries.last().unwrap().balance, Quantity::units(9));
}

#[test]
fn only_the_supplies_staff_keep_the_materials() {
    let (register, _clock, admin) = testing::set_up();
    let viewer = testing::user_with(&register, &admin, "viewer", Role::Viewer);
    let err = register
        .create_material(&viewer, &MaterialInput::default())
        .unwrap_err();
    assert_eq!(err.code(), "permission_denied");
    assert!(
        register.list_material_types(&viewer).is_ok(),
        "anyone may look"
    );
}

mod property {
    use proptest::prelude::*;

    use super::*;

    /// One step of a random history of an item.
    #[derive(Debug, Clone)]
    enum Step {
        Receive { thousandths: i64, price: i64 },
        Issue { thousandths: i64 },
        Decrease { thousandths: i64 },
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            (1..20_000i64, 0..50_000i64)
                .prop_map(|(thousandths, price)| Step::Receive { thousandths, price }),
            (1..25_000i64).prop_map(|thousandths| Step::Issue { thousandths }),
            (1..5_000i64).prop_map(|thousandths| Step::Decrease { thousandths }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        /// Whatever happens, nothing goes negative, and the card reconciles: its entries
        /// add up to the balance, and the balance's value is what the open lots hold.
        #[test]
        fn quantity_and_value_never_go_negative_and_the_card_reconciles(
            steps in proptest::collection::vec(step(), 1..40)
        ) {
            let w = world();
            let fuel = w.material("ช-100", "ลิตร", true);
            let mut day = d(2024, 10, 1);
            for step in steps {
                day = day.succ_opt().unwrap();
                let outcome = match step {
                    Step::Receive { thousandths, price } => w.register.receive_materials(
                        &w.officer,
                        &ReceiptInput {
                            received_on: day,
                            document_no: "ตร.".into(),
                            vendor: String::new(),
                            notes: String::new(),
                            lines: vec![ReceiptLine {
                                material_id: fuel,
                                quantity: Quantity(thousandths),
                                unit_price: Satang(price),
                            }],
                        },
                    ).map(|_| ()),
                    Step::Issue { thousandths } => {
                        w.issue(day, fuel, Quantity(thousandths)).map(|_| ())
                    }
                    Step::Decrease { thousandths } => w.register.adjust_material(
                        &w.officer,
                        &Adjustment {
                            material_id: fuel,
                            on_date: day,
                            increase: false,
                            quantity: Quantity(thousandths),
                            unit_price: Satang(0),
                            reason: AdjustmentReason::Damaged,
                            document_no: "บันทึก 1".into(),
                            explanation: "รั่ว".into(),
                        },
                    ).map(|_| ()),
                };
                if let Err(e) = outcome {
                    prop_assert_eq!(e.code(), "not_enough_stock");
                }
                let now = w.register.material(&w.officer, fuel).unwrap();
                prop_assert!(now.balance.0 >= 0 && now.balance_value.0 >= 0);
                let card = w.card(fuel);
                let quantity: i64 = card.entries.iter().map(|e| e.quantity.0).sum();
                let value: i64 = card.entries.iter().map(|e| e.value.0).sum();
                prop_assert_eq!((quantity, value), (now.balance.0, now.balance_value.0));
                let (lots, lots_value): (i64, i64) = w.register.raw_connection_for_tests().query_row(
                    "SELECT coalesce(sum(remaining), 0), coalesce(sum(remaining_value), 0)
                     FROM material_lots WHERE material_id = ?1",
                    [fuel],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                ).unwrap();
                prop_assert_eq!((lots, lots_value), (now.balance.0, now.balance_value.0));
                for e in &card.entries {
                    let parts: i64 = e.portions.iter().map(|p| p.value.0).sum();
                    prop_assert_eq!(parts, e.value.0, "an entry's lots add up to it");
                }
            }
        }
    }
}

#[test]
fn materials_are_lent_only_to_another_agency_and_come_back_in_kind_at_their_prices() {
    use super::lending::{MaterialLoanInput, MaterialLoanReturn};
    let w = world();
    let paper = w.material("ว-001", "รีม", false);
    w.receive(d(2024, 11, 1), paper, Quantity::units(10), 11_000);
    w.receive(d(2024, 12, 1), paper, Quantity::units(20), 11_550);
    let lend = |borrower: Option<PersonId>| MaterialLoanInput {
        agency_name: "อบต.ดอยฮาง".into(),
        letter_no: "ชร 12/2568".into(),
        borrower_id: borrower,
        material_id: paper,
        quantity: Quantity::units(12),
        lent_on: d(2025, 1, 5),
        due_on: d(2025, 2, 5),
    };
    // Never to a person: refused, naming the field, nothing written.
    let before = audit_count(&w.register);
    let err = w
        .register
        .lend_materials(&w.officer, &lend(Some(w.requester)))
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidValue { field, .. } if field == "borrowerId"),
        "{err:?}"
    );
    assert_eq!(audit_count(&w.register), before);
    let loan = w.register.lend_materials(&w.officer, &lend(None)).unwrap();
    assert_eq!(loan.loan_no, "ยว.1/2568");
    assert_eq!((loan.code.as_str(), loan.unit.as_str()), ("ว-001", "รีม"));
    let open = w.register.list_material_loans(&w.officer, true).unwrap();
    assert_eq!(open, std::slice::from_ref(&loan));
    // Out: 10 × 110.00 + 2 × 115.50, like an issue.
    let now = w.register.material(&w.officer, paper).unwrap();
    assert_eq!(
        (now.balance, now.balance_value),
        (Quantity::units(18), Satang(341_000 - 110_000 - 23_100))
    );
    // Back in two parts, in kind, at the prices it left at.
    let back = |n: i64| MaterialLoanReturn {
        loan_id: loan.id,
        quantity: Quantity::units(n),
        on_date: d(2025, 2, 1),
    };
    w.register
        .return_lent_materials(&w.officer, &back(5))
        .unwrap();
    let returned = w
        .register
        .return_lent_materials(&w.officer, &back(7))
        .unwrap();
    assert_eq!(returned.returned, Quantity::units(12));
    // Back in full: no longer open, still listed among all loans.
    assert!(
        w.register
            .list_material_loans(&w.officer, true)
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        w.register.list_material_loans(&w.officer, false).unwrap(),
        std::slice::from_ref(&returned)
    );
    let now = w.register.material(&w.officer, paper).unwrap();
    assert_eq!(
        (now.balance, now.balance_value),
        (Quantity::units(30), Satang(341_000))
    );
    assert!(
        w.register
            .return_lent_materials(&w.officer, &back(1))
            .is_err(),
        "nothing left out"
    );
    let card = w.card(paper);
    let prices: Vec<i64> = card.entries[3..]
        .iter()
        .map(|e| e.portions[0].unit_price.0)
        .collect();
    assert_eq!(
        prices,
        [11_000, 11_000, 11_550],
        "5 at 110.00, then 5 at 110.00 and 2 at 115.50"
    );
    assert_eq!(card.entries[2].party, "อบต.ดอยฮาง");
}
