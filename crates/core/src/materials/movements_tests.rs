//! The receipts and issues summary against hand-checked cards: carried forward + received −
//! issued ± adjusted = what remains, in quantity and value, for a month and for the year;
//! a span the wrong way round, too long or in the future is refused by its field.

use super::movements::{Amount, MovementQuery};
use super::test_world::{d, world};
use super::{Adjustment, AdjustmentReason, OpeningBalance, Quantity};
use crate::error::Error;
use crate::money::Satang;

fn amount(units: i64, satang: i64) -> Amount {
    Amount {
        quantity: Quantity::units(units),
        value: Satang(satang),
    }
}

#[test]
fn a_month_reads_carried_forward_plus_received_less_issued_and_adjusted_as_what_remains() {
    let w = world();
    let paper = w.material("ว-001", "รีม", false);
    let toner = w.material("ว-002", "กล่อง", false);
    let idle = w.material("ว-003", "ด้าม", false);
    // Before November: 10 reams at 110.00 in, 4 out.
    w.receive(d(2024, 10, 5), paper, Quantity::units(10), 11_000);
    w.issue(d(2024, 10, 20), paper, Quantity::units(4)).unwrap();
    // November: 20 at 115.50 in; 15 out (6 × 110.00 + 9 × 115.50); one damaged.
    w.receive(d(2024, 11, 3), paper, Quantity::units(20), 11_550);
    w.issue(d(2024, 11, 10), paper, Quantity::units(15))
        .unwrap();
    w.register
        .adjust_material(
            &w.officer,
            &Adjustment {
                material_id: paper,
                on_date: d(2024, 11, 25),
                increase: false,
                quantity: Quantity::units(1),
                unit_price: Satang(0),
                reason: AdjustmentReason::Damaged,
                document_no: "บันทึก 1/2568".into(),
                explanation: "น้ำรั่ว".into(),
            },
        )
        .unwrap();
    // The toner's card begins in November with an opening balance: carried, not received.
    w.register
        .record_opening_balance(
            &w.officer,
            &OpeningBalance {
                material_id: toner,
                on_date: d(2024, 11, 1),
                quantity: Quantity::units(3),
                unit_price: Satang(250_000),
                document_no: "บัญชีวัสดุเดิม".into(),
            },
        )
        .unwrap();
    // December moves nothing of November's summary.
    w.receive(d(2024, 12, 2), paper, Quantity::units(5), 12_000);

    let november = w
        .register
        .material_movements(
            &w.officer,
            &MovementQuery {
                from: d(2024, 11, 1),
                to: d(2024, 11, 30),
                type_id: None,
            },
        )
        .unwrap();
    // The pen has neither stock nor movement: no line.
    assert!(november.lines.iter().all(|l| l.material_id != idle));
    let line = november
        .lines
        .iter()
        .find(|l| l.material_id == paper)
        .unwrap();
    assert_eq!(line.carried, amount(6, 66_000));
    assert_eq!(line.received, amount(20, 231_000));
    assert_eq!(line.issued, amount(15, 6 * 11_000 + 9 * 11_550));
    // The damaged ream is the oldest left: 115.50.
    assert_eq!(line.adjusted, amount(-1, -11_550));
    assert_eq!(line.remaining, amount(10, 115_500));
    assert_eq!(line.entries, 3);
    let toner_line = november
        .lines
        .iter()
        .find(|l| l.material_id == toner)
        .unwrap();
    assert_eq!(toner_line.carried, amount(3, 750_000));
    assert_eq!(toner_line.received, Amount::default());
    // Every line balances, and the totals are the lines'.
    for l in &november.lines {
        assert_eq!(
            l.carried.value.0 + l.received.value.0 - l.issued.value.0 + l.adjusted.value.0,
            l.remaining.value.0,
            "{}",
            l.code
        );
        assert_eq!(
            l.carried.quantity.0 + l.received.quantity.0 - l.issued.quantity.0
                + l.adjusted.quantity.0,
            l.remaining.quantity.0,
            "{}",
            l.code
        );
    }
    assert_eq!(november.totals.carried, Satang(66_000 + 750_000));
    assert_eq!(november.totals.remaining, Satang(115_500 + 750_000));

    // The year's summary starts from nothing and ends where the card ends.
    let year = w
        .register
        .material_movements(
            &w.officer,
            &MovementQuery {
                from: d(2024, 10, 1),
                to: d(2025, 9, 30),
                type_id: Some(w.office),
            },
        )
        .unwrap();
    let line = year.lines.iter().find(|l| l.material_id == paper).unwrap();
    assert_eq!(line.carried, Amount::default());
    assert_eq!(line.received.quantity, Quantity::units(35));
    assert_eq!(line.remaining.quantity, Quantity::units(15));
    assert_eq!(
        line.remaining.value,
        w.register
            .material(&w.officer, paper)
            .unwrap()
            .balance_value
    );
}

#[test]
fn a_span_backwards_too_long_or_in_the_future_is_refused_by_its_field() {
    let w = world();
    let ask = |from, to| {
        w.register.material_movements(
            &w.officer,
            &MovementQuery {
                from,
                to,
                type_id: None,
            },
        )
    };
    for (from, to) in [
        (d(2024, 11, 30), d(2024, 11, 1)),
        (d(2023, 1, 1), d(2025, 1, 1)),
        (d(2025, 9, 1), d(2025, 10, 31)),
    ] {
        match ask(from, to) {
            Err(Error::InvalidValue { field, .. }) => assert_eq!(field, "to"),
            other => panic!("{from}–{to}: {other:?}"),
        }
    }
    assert!(ask(d(2025, 9, 1), d(2025, 9, 30)).is_ok());
}
