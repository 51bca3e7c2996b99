//! The annual check counts the materials on the sample อบต.: a blind count hides the book
//! until the round closes, a member keys what is there, the officer applies the difference
//! once as a count adjustment; a periodic round does not count materials.

use super::count::{MaterialCountInput, MaterialCountStart};
use super::{EntryKind, MaterialQuery, Quantity};
use crate::checks::{CloseRound, RoundKind, RoundListQuery};
use crate::error::Error;
use crate::register::{Actor, Register};
use crate::testing;

fn login(register: &Register, username: &str) -> Actor {
    register
        .login(&crate::auth::LoginInput {
            username: username.into(),
            password: "demo1234".into(),
        })
        .unwrap()
        .actor()
}

#[test]
fn a_blind_count_hides_the_book_until_the_round_closes_and_its_difference_is_applied_once() {
    let (register, _clock) = testing::register();
    register
        .load_sample_data(&Actor::System("test".into()))
        .unwrap();
    let officer = login(&register, "officer");
    let chair = login(&register, "committee1");
    let rounds = register
        .list_rounds(&officer, &RoundListQuery::default())
        .unwrap();
    let annual = rounds.iter().find(|r| r.kind == RoundKind::Annual).unwrap();
    let periodic = rounds
        .iter()
        .find(|r| r.kind == RoundKind::Periodic)
        .unwrap();
    let refused = register
        .start_material_count(
            &officer,
            &MaterialCountStart {
                round_id: periodic.id,
                blind: false,
            },
        )
        .unwrap_err();
    assert!(
        matches!(&refused, Error::InvalidValue { field, .. } if field == "roundId"),
        "{refused:?}"
    );

    let count = register
        .start_material_count(
            &officer,
            &MaterialCountStart {
                round_id: annual.id,
                blind: true,
            },
        )
        .unwrap();
    assert_eq!(count.lines.len(), 80);
    assert!(
        count.hidden
            && count
                .lines
                .iter()
                .all(|l| l.book.is_none() && l.book_value.is_none())
    );
    // The book is taken at the end of the as-of day, from the card.
    let paper = register
        .list_materials(
            &officer,
            &MaterialQuery {
                text: Some("สน.002".into()),
                ..Default::default()
            },
        )
        .unwrap()[0]
        .clone();
    let book = register.material_balances(&officer, annual.as_of).unwrap();
    let book = book
        .iter()
        .find(|b| b.material_id == paper.id)
        .unwrap()
        .balance;
    // A member counts two reams short; someone outside the committee may not count.
    let short = Quantity(book.0 - 2_000);
    let line = register
        .count_material(
            &chair,
            &MaterialCountInput {
                round_id: annual.id,
                material_id: paper.id,
                counted: short,
            },
        )
        .unwrap();
    assert_eq!(
        (line.counted, line.book, line.difference),
        (Some(short), None, None)
    );
    let staff = login(&register, "staff");
    assert!(matches!(
        register.count_material(
            &staff,
            &MaterialCountInput {
                round_id: annual.id,
                material_id: paper.id,
                counted: book
            }
        ),
        Err(Error::NotARoundMember { .. })
    ));
    assert!(
        register
            .count_material(
                &chair,
                &MaterialCountInput {
                    round_id: annual.id,
                    material_id: paper.id,
                    counted: Quantity(1_500)
                }
            )
            .is_err(),
        "half a ream"
    );
    // Applying waits for the round to close.
    assert!(matches!(
        register.apply_material_count(&officer, annual.id),
        Err(Error::RoundState { .. })
    ));
    register
        .close_round(
            &chair,
            &CloseRound {
                round_id: annual.id,
                rest_not_found: true,
            },
        )
        .unwrap();
    let closed = register
        .material_count(&officer, annual.id)
        .unwrap()
        .unwrap();
    assert!(!closed.hidden);
    let line = closed
        .lines
        .iter()
        .find(|l| l.material_id == paper.id)
        .unwrap();
    assert_eq!(
        (line.book, line.difference),
        (Some(book), Some(Quantity(-2_000)))
    );
    // Applied once: the card goes down by two with the round as its reference.
    let before = register.material(&officer, paper.id).unwrap().balance;
    assert_eq!(
        register.apply_material_count(&officer, annual.id).unwrap(),
        1
    );
    assert_eq!(
        register.apply_material_count(&officer, annual.id).unwrap(),
        0
    );
    let now = register.material(&officer, paper.id).unwrap().balance;
    assert_eq!(now.0, before.0 - 2_000);
    let today = register.clock().today();
    let card = register
        .stock_card(&officer, paper.id, today, today)
        .unwrap();
    let last = card.entries.last().unwrap();
    assert_eq!(last.kind, EntryKind::AdjustOut);
    assert_eq!(
        last.document_no,
        annual.name.chars().take(60).collect::<String>()
    );
    assert!(last.reason.starts_with("count_difference"));
}
