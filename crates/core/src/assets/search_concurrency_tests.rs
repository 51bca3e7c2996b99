//! Searches side by side with changes, on a register in a file (reads through the
//! reading connections, changes through the writing one, as on an office host).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;

use super::*;
use crate::auth::Role;
use crate::money::Satang;
use crate::register::Register;
use crate::testing;

#[test]
fn searches_beside_changes_never_go_back_and_see_every_item_at_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let (register, _clock, admin) = testing::set_up_on_file(dir.path());
    let officer = testing::user_with(&register, &admin, "officer", Role::SuppliesOfficer);
    let register = Arc::new(register);
    let category = register
        .list_categories(&admin)
        .unwrap()
        .into_iter()
        .find(|c| c.type_code == "416")
        .unwrap()
        .id;
    let lamp = AssetInput {
        name: "โคมไฟตั้งโต๊ะ".into(),
        category_id: Some(category),
        unit: "ชุด".into(),
        acquired_on: NaiveDate::from_ymd_opt(2024, 10, 1),
        unit_price: Satang::baht(900),
        ..AssetInput::default()
    };
    let found = |register: &Register| {
        register
            .list_assets(
                &admin,
                &AssetQuery {
                    text: Some("โคมไฟ".into()),
                    limit: 5,
                    ..AssetQuery::default()
                },
            )
            .unwrap()
            .total
    };
    let done = Arc::new(AtomicBool::new(false));
    let searchers: Vec<_> = (0..3)
        .map(|_| {
            let (register, done, admin) = (register.clone(), done.clone(), admin.clone());
            std::thread::spawn(move || {
                let mut seen = Vec::new();
                while !done.load(Ordering::Relaxed) {
                    let total = register
                        .list_assets(
                            &admin,
                            &AssetQuery {
                                text: Some("โคมไฟ".into()),
                                limit: 5,
                                ..AssetQuery::default()
                            },
                        )
                        .unwrap()
                        .total;
                    seen.push(total);
                }
                seen
            })
        })
        .collect();
    for _ in 0..25 {
        register
            .create_assets(
                &officer,
                &NewAssets {
                    asset: lamp.clone(),
                    count: 1,
                },
            )
            .unwrap();
    }
    done.store(true, Ordering::Relaxed);
    for searcher in searchers {
        let seen = searcher.join().unwrap();
        // Each search reads a snapshot no older than the one before it.
        assert!(
            seen.windows(2).all(|w| w[0] <= w[1]),
            "a later search found fewer: {seen:?}"
        );
    }
    assert_eq!(found(&register), 25);
}
