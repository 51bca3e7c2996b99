use chrono::{Duration, NaiveDate};

use super::*;
use crate::auth::Role;
use crate::clock::Clock;
use crate::error::Error;
use crate::ids::{AssetId, CategoryId, DivisionId, LocationId};
use crate::money::Satang;
use crate::org::{LocationInput, PersonInput};
use crate::register::{Actor, Register};
use crate::testing::{self, audit_count};

/// A register on 1 Oct 2024 (FY2568) with an officer, two divisions, a location each and
/// a custodian.
struct World {
    register: Register,
    clock: std::sync::Arc<crate::clock::FixedClock>,
    officer: Actor,
    finance: DivisionId,
    works: DivisionId,
    store: LocationId,
    yard: LocationId,
    custodian: crate::ids::PersonId,
}

fn world() -> World {
    world_from(testing::set_up())
}

/// A world in a file: searches read through the register's reading connections while
/// changes go through its writing one.
fn world_on_file(dir: &std::path::Path) -> World {
    world_from(testing::set_up_on_file(dir))
}

fn world_from(
    (register, clock, admin): (Register, std::sync::Arc<crate::clock::FixedClock>, Actor),
) -> World {
    let officer = testing::user_with(&register, &admin, "officer", Role::SuppliesOfficer);
    let finance = testing::division(&register, &admin, "กองคลัง");
    let works = testing::division(&register, &admin, "กองช่าง");
    let location = |division, name: &str| {
        register
            .create_location(
                &admin,
                &LocationInput {
                    division_id: division,
                    name: name.into(),
                },
            )
            .unwrap()
            .id
    };
    let store = location(finance, "ห้องพัสดุ");
    let yard = location(works, "โรงเก็บเครื่องมือช่าง");
    let custodian = register
        .create_person(
            &admin,
            &PersonInput {
                title: "นางสาว".into(),
                first_name: "พิมพ์ชนก".into(),
                last_name: "แก้วมูล".into(),
                division_id: Some(finance),
                ..Default::default()
            },
        )
        .unwrap()
        .id;
    World {
        register,
        clock,
        officer,
        finance,
        works,
        store,
        yard,
        custodian,
    }
}

fn category(register: &Register, actor: &Actor, type_code: &str) -> CategoryId {
    register
        .list_categories(actor)
        .unwrap()
        .into_iter()
        .find(|c| c.type_code == type_code)
        .unwrap()
        .id
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

impl World {
    fn computer(&self, name: &str) -> AssetInput {
        AssetInput {
            name: name.into(),
            brand: "Dell".into(),
            model: "OptiPlex 3000".into(),
            category_id: Some(category(&self.register, &self.officer, "416")),
            unit: "เครื่อง".into(),
            acquired_on: Some(d(2024, 10, 1)),
            unit_price: Satang::baht(25_000),
            division_id: Some(self.finance),
            location_id: Some(self.store),
            custodian_id: Some(self.custodian),
            ..Default::default()
        }
    }

    fn create(&self, asset: AssetInput, count: u32) -> crate::Result<Vec<Asset>> {
        self.register
            .create_assets(&self.officer, &NewAssets { asset, count })
    }

    fn search(&self, text: &str) -> Vec<String> {
        self.register
            .list_assets(
                &self.officer,
                &AssetQuery {
                    text: Some(text.into()),
                    limit: 100,
                    ..Default::default()
                },
            )
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.code)
            .collect()
    }
}

#[test]
fn categories_are_seeded_and_editable() {
    let w = world();
    let all = w.register.list_categories(&w.officer).unwrap();
    assert_eq!(all.len(), 17);
    let computers = all.iter().find(|c| c.type_code == "416").unwrap();
    assert_eq!(
        (computers.name.as_str(), computers.useful_life_years),
        ("ครุภัณฑ์คอมพิวเตอร์", 5)
    );
    let dup = w
        .register
        .create_category(
            &w.officer,
            &CategoryInput {
                name: "ครุภัณฑ์คอมพิวเตอร์ ".into(),
                type_code: "499".into(),
                useful_life_years: 5,
            },
        )
        .unwrap_err();
    assert_eq!(dup.details()["field"], "name");
    let dup = w
        .register
        .create_category(
            &w.officer,
            &CategoryInput {
                name: "ครุภัณฑ์ใหม่".into(),
                type_code: "๔๑๖".into(),
                useful_life_years: 5,
            },
        )
        .unwrap_err();
    assert_eq!(
        dup.details()["field"],
        "typeCode",
        "Thai digits are the same code"
    );
    let bad = w
        .register
        .create_category(
            &w.officer,
            &CategoryInput {
                name: "ครุภัณฑ์ใหม่".into(),
                type_code: "499".into(),
                useful_life_years: 0,
            },
        )
        .unwrap_err();
    assert_eq!(bad.details()["field"], "usefulLifeYears");
}

#[test]
fn a_new_computer_gets_the_next_code_of_its_type_and_fiscal_year() {
    let w = world();
    let request = CodeRequest {
        category_id: category(&w.register, &w.officer, "416"),
        acquired_on: d(2024, 10, 1),
        division_id: None,
    };
    assert_eq!(
        w.register.next_asset_code(&w.officer, &request).unwrap(),
        "416-68-0001"
    );
    let created = w.create(w.computer("เครื่องคอมพิวเตอร์ตั้งโต๊ะ"), 1).unwrap();
    assert_eq!(created[0].code, "416-68-0001");
    assert_eq!(created[0].fiscal_year, 2568);
    assert_eq!(created[0].useful_life_years, 5, "from the category");
    assert_eq!(
        w.register.next_asset_code(&w.officer, &request).unwrap(),
        "416-68-0002"
    );
    // Acquired on 30 Sep 2024: fiscal year 2567.
    let last_year = CodeRequest {
        acquired_on: d(2024, 9, 30),
        ..request
    };
    assert_eq!(
        w.register.next_asset_code(&w.officer, &last_year).unwrap(),
        "416-67-0001"
    );
}

#[test]
fn twenty_chairs_get_consecutive_codes_in_one_transaction() {
    let w = world();
    let chair = AssetInput {
        name: "เก้าอี้สำนักงาน".into(),
        category_id: Some(category(&w.register, &w.officer, "401")),
        unit: "ตัว".into(),
        acquired_on: Some(d(2024, 10, 1)),
        unit_price: Satang::baht(2_500),
        ..Default::default()
    };
    let chairs = w.create(chair.clone(), 20).unwrap();
    let codes: Vec<_> = chairs.iter().map(|c| c.code.clone()).collect();
    assert_eq!(codes.first().unwrap(), "401-68-0001");
    assert_eq!(codes.last().unwrap(), "401-68-0020");
    assert!(codes.windows(2).all(|w| w[0] < w[1]));
    // One bad field refuses the whole batch: nothing is half made.
    let before = audit_count(&w.register);
    let bad = AssetInput {
        name: "".into(),
        ..chair.clone()
    };
    assert!(w.create(bad, 5).is_err());
    assert_eq!(audit_count(&w.register), before);
    let err = w
        .create(
            AssetInput {
                code: "401-68-0100".into(),
                ..chair.clone()
            },
            2,
        )
        .unwrap_err();
    assert_eq!(err.details()["field"], "code");
    assert_eq!(
        w.create(chair, 501).unwrap_err().details()["field"],
        "count"
    );
}

#[test]
fn a_typed_code_outside_the_scheme_is_refused_unless_kept_as_written() {
    let w = world();
    let before = audit_count(&w.register);
    // A computer bought on 1 Oct 2024 is FY2568, type 416: 416-68-NNNN.
    for wrong in ["416-67-0001", "401-68-0001", "ABC-1", "41668"] {
        let err = w
            .create(
                AssetInput {
                    code: wrong.into(),
                    ..w.computer("โน้ตบุ๊ก")
                },
                1,
            )
            .unwrap_err();
        assert_eq!(err.details()["field"], "code.format", "{wrong}");
        assert!(err.to_string().contains("416-68-0001"), "{wrong}: {err}");
    }
    assert_eq!(audit_count(&w.register), before, "nothing written");
    // Any spelling of a code that fits is fine (and stored in the scheme's spelling); so
    // is an older code when asked.
    let fits = w
        .create(
            AssetInput {
                code: "๔๑๖ ๖๘ ๐๐๔๒".into(),
                ..w.computer("โน้ตบุ๊ก")
            },
            1,
        )
        .unwrap();
    let legacy = w
        .create(
            AssetInput {
                code: "ครุภัณฑ์ 12/2550".into(),
                keep_code_as_written: true,
                ..w.computer("โน้ตบุ๊กเครื่องเก่า")
            },
            1,
        )
        .unwrap();
    // Editing an item that carries an older code does not ask again.
    let mut input = w.computer("โน้ตบุ๊กเครื่องเก่า (จอแตก)");
    input.code = legacy[0].code.clone();
    w.register
        .update_asset(
            &w.officer,
            &AssetUpdate {
                id: legacy[0].id,
                asset: input,
            },
        )
        .unwrap();
    assert_eq!(
        fits[0].code, "416-68-0042",
        "stored as the scheme writes it"
    );
}

#[test]
fn codes_are_unique_in_every_spelling_and_never_reused() {
    let w = world();
    let first = w
        .create(
            AssetInput {
                code: "416-59-0007".into(),
                // An older code (FY2559) for an item the test dates in FY2568.
                keep_code_as_written: true,
                ..w.computer("โน้ตบุ๊ก")
            },
            1,
        )
        .unwrap();
    assert_eq!(first[0].code, "416-59-0007");
    for variant in ["416 59 0007", "๔๑๖-๕๙-๐๐๐๗", " 416/59/0007 "] {
        let err = w
            .create(
                AssetInput {
                    code: variant.into(),
                    ..w.computer("โน้ตบุ๊ก")
                },
                1,
            )
            .unwrap_err();
        assert!(
            matches!(&err, Error::Duplicate { field, value } if field == "code" && value == "416-59-0007"),
            "{variant}: {err:?}"
        );
    }
    let err = w
        .create(
            AssetInput {
                code: "---".into(),
                ..w.computer("x")
            },
            1,
        )
        .unwrap_err();
    assert_eq!(err.details()["field"], "code");
    // Numbers handed out stay handed out, even if the record disappears.
    let made = w.create(w.computer("A"), 3).unwrap();
    assert_eq!(made[2].code, "416-68-0003");
    w.register
        .raw_connection_for_tests()
        .execute("DELETE FROM assets WHERE id = ?1", [made[2].id])
        .unwrap();
    assert_eq!(w.create(w.computer("B"), 1).unwrap()[0].code, "416-68-0004");
}

#[test]
fn bad_details_are_refused_by_field_and_change_nothing() {
    let w = world();
    let before = audit_count(&w.register);
    let cases: Vec<(AssetInput, &str)> = vec![
        (
            AssetInput {
                name: "  ".into(),
                ..w.computer("x")
            },
            "name",
        ),
        (
            AssetInput {
                category_id: None,
                ..w.computer("x")
            },
            "categoryId",
        ),
        (
            AssetInput {
                category_id: Some(CategoryId(999)),
                ..w.computer("x")
            },
            "categoryId",
        ),
        (
            AssetInput {
                acquired_on: None,
                ..w.computer("x")
            },
            "acquiredOn",
        ),
        (
            AssetInput {
                acquired_on: Some(d(2024, 10, 2)),
                ..w.computer("x")
            },
            "acquiredOn",
        ),
        (
            AssetInput {
                unit_price: Satang(-1),
                ..w.computer("x")
            },
            "unitPrice",
        ),
        (
            AssetInput {
                useful_life_years: Some(0),
                ..w.computer("x")
            },
            "usefulLifeYears",
        ),
        (
            AssetInput {
                division_id: Some(w.works),
                ..w.computer("x")
            },
            "locationId",
        ),
        (
            AssetInput {
                custodian_id: Some(crate::ids::PersonId(999)),
                ..w.computer("x")
            },
            "custodianId",
        ),
    ];
    for (input, field) in cases {
        let err = w.create(input, 1).unwrap_err();
        assert_eq!(err.details()["field"], field, "{err:?}");
    }
    assert_eq!(audit_count(&w.register), before);
    assert_eq!(
        w.register
            .list_assets(
                &w.officer,
                &AssetQuery {
                    limit: 10,
                    ..Default::default()
                }
            )
            .unwrap()
            .total,
        0
    );
}

#[test]
fn a_location_brings_its_division() {
    let w = world();
    let made = w
        .create(
            AssetInput {
                division_id: None,
                location_id: Some(w.yard),
                ..w.computer("สว่านไฟฟ้า")
            },
            1,
        )
        .unwrap();
    assert_eq!(made[0].division_id, Some(w.works));
    assert_eq!(made[0].location_name.as_deref(), Some("โรงเก็บเครื่องมือช่าง"));
}

#[test]
fn who_may_keep_the_register() {
    let w = world();
    let (register, admin) = (&w.register, Actor::System("test".into()));
    let viewer = testing::user_with(register, &admin, "viewer", Role::Viewer);
    let head = testing::user(
        register,
        &admin,
        "head",
        &[crate::auth::RoleGrant::division_head(w.finance)],
    );
    let administrator = testing::user_with(register, &admin, "admin2", Role::Administrator);
    for actor in [&viewer, &head, &administrator] {
        let err = register
            .create_assets(
                actor,
                &NewAssets {
                    asset: w.computer("x"),
                    count: 1,
                },
            )
            .unwrap_err();
        assert!(
            matches!(
                err,
                Error::PermissionDenied {
                    permission: "manage_register"
                }
            ),
            "{err:?}"
        );
        assert!(
            register
                .list_assets(
                    actor,
                    &AssetQuery {
                        limit: 1,
                        ..Default::default()
                    }
                )
                .is_ok(),
            "everyone may look"
        );
    }
}

#[test]
fn editing_is_recorded_and_a_disposed_asset_is_read_only() {
    let w = world();
    let asset = w.create(w.computer("คอมพิวเตอร์"), 1).unwrap().remove(0);
    let mut input = w.computer("คอมพิวเตอร์ตั้งโต๊ะ สำหรับงานพัสดุ");
    input.serial_no = "SN-001".into();
    let edited = w
        .register
        .update_asset(
            &w.officer,
            &AssetUpdate {
                id: asset.id,
                asset: input.clone(),
            },
        )
        .unwrap();
    assert_eq!(edited.code, asset.code, "an empty code keeps the code");
    assert_eq!(edited.serial_no, "SN-001");

    let status = |status, document: &str, reason: &str| {
        w.register.change_asset_status(
            &w.officer,
            &StatusChange {
                asset_id: asset.id,
                status,
                on_date: d(2024, 10, 1),
                document_no: document.into(),
                reason: reason.into(),
            },
        )
    };
    assert_eq!(
        status(AssetStatus::Damaged, "", " ").unwrap_err().details()["field"],
        "reason"
    );
    status(AssetStatus::Damaged, "", "จอเสีย").unwrap();
    // "Disposed" comes only from a disposal's write-off (tested in `disposal`), never
    // from a status change, whatever paper is quoted.
    assert_eq!(
        status(AssetStatus::Disposed, "กค 0808/123", "ขายทอดตลาด")
            .unwrap_err()
            .details()["field"],
        "status"
    );
    status(AssetStatus::AwaitingDisposal, "กค 0808/123", "เสนอจำหน่าย").unwrap();
    w.register
        .raw_connection_for_tests()
        .execute(
            "UPDATE assets SET status = 'disposed' WHERE id = ?1",
            [asset.id],
        )
        .unwrap();
    assert!(
        w.register
            .update_asset(
                &w.officer,
                &AssetUpdate {
                    id: asset.id,
                    asset: input
                }
            )
            .is_err()
    );
    assert!(status(AssetStatus::InUse, "x", "กลับมาใช้").is_err());

    let detail = w.register.asset_detail(&w.officer, asset.id).unwrap();
    assert_eq!(
        detail.asset.status,
        AssetStatus::Disposed,
        "it stays in the register"
    );
    let actions: Vec<_> = detail.history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "asset.status",
            "asset.status",
            "asset.update",
            "asset.create"
        ]
    );
    let update = &detail.history[2];
    assert_eq!(update.before.as_ref().unwrap()["serialNo"], "");
    assert_eq!(update.after.as_ref().unwrap()["serialNo"], "SN-001");
    assert_eq!(detail.events.len(), 2);
    assert_eq!(detail.events[1].document_no, "กค 0808/123");
}

#[test]
fn transfers_build_a_chain_of_custody() {
    let w = world();
    let asset = w.create(w.computer("โปรเจคเตอร์"), 1).unwrap().remove(0);
    w.clock.advance(Duration::days(30));
    let moved = w
        .register
        .transfer_assets(
            &w.officer,
            &Transfer {
                asset_ids: vec![asset.id],
                division_id: Some(w.works),
                location_id: Some(w.yard),
                custodian_id: None,
                on_date: d(2024, 10, 20),
                document_no: "กช 001/2568".into(),
                reason: "ใช้ในงานประชุมประชาคม".into(),
            },
        )
        .unwrap();
    assert_eq!(moved[0].division_name.as_deref(), Some("กองช่าง"));
    let back = Transfer {
        asset_ids: vec![asset.id],
        division_id: Some(w.finance),
        location_id: Some(w.store),
        custodian_id: Some(w.custodian),
        on_date: d(2024, 10, 25),
        document_no: "กค 010/2568".into(),
        reason: "ส่งคืน".into(),
    };
    w.register.transfer_assets(&w.officer, &back).unwrap();
    let wrong = Transfer {
        location_id: Some(w.yard),
        ..back.clone()
    };
    assert_eq!(
        w.register
            .transfer_assets(&w.officer, &wrong)
            .unwrap_err()
            .details()["field"],
        "locationId"
    );
    let future = Transfer {
        on_date: w.clock.today() + Duration::days(1),
        ..back.clone()
    };
    assert_eq!(
        w.register
            .transfer_assets(&w.officer, &future)
            .unwrap_err()
            .details()["field"],
        "onDate"
    );
    let events = w
        .register
        .asset_detail(&w.officer, asset.id)
        .unwrap()
        .events;
    let chain: Vec<_> = events
        .iter()
        .map(|e| {
            (
                e.before["division"].as_str().unwrap().to_owned(),
                e.after["division"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        chain,
        [
            ("กองคลัง".to_owned(), "กองช่าง".to_owned()),
            ("กองช่าง".to_owned(), "กองคลัง".to_owned())
        ]
    );
}

#[test]
fn the_detail_carries_the_depreciation_schedule_and_todays_value() {
    let w = world();
    let mut input = w.computer("เครื่องพิมพ์");
    input.acquired_on = Some(d(2022, 3, 15));
    input.category_id = Some(category(&w.register, &w.officer, "416"));
    let asset = w.create(input, 1).unwrap().remove(0);
    let detail = w.register.asset_detail(&w.officer, asset.id).unwrap();
    assert_eq!(detail.schedule.len(), 6);
    assert_eq!(detail.schedule[0].charge, Satang(273_973));
    // 1 Oct 2024 is day 1 of FY2568: 3 full years and the first part-year are charged.
    assert_eq!(
        detail.net_book_value,
        Satang(2_500_000 - 273_973 - 500_000 - 500_000 - 1_370)
    );
}

#[test]
fn search_finds_codes_in_any_spelling_first_then_thai_text_anywhere() {
    let w = world();
    w.create(
        AssetInput {
            code: "416-68-0001".into(),
            ..w.computer("เครื่องคอมพิวเตอร์โน้ตบุ๊ก")
        },
        1,
    )
    .unwrap();
    w.create(
        AssetInput {
            code: "416-68-0010".into(),
            ..w.computer("จอภาพคอมพิวเตอร์")
        },
        1,
    )
    .unwrap();
    let desk = AssetInput {
        code: "401-68-0001".into(),
        name: "โต๊ะทำงานเหล็ก".into(),
        brand: "Lucky".into(),
        category_id: Some(category(&w.register, &w.officer, "401")),
        location_id: Some(w.yard),
        division_id: None,
        custodian_id: None,
        ..w.computer("x")
    };
    w.create(desk, 1).unwrap();
    assert_eq!(
        w.search("416-68-0001"),
        ["416-68-0001"],
        "the exact code, not its prefix neighbours"
    );
    assert_eq!(w.search("416 68 0001")[0], "416-68-0001");
    assert_eq!(w.search("๔๑๖๖๘๐๐๐๑")[0], "416-68-0001");
    assert_eq!(w.search("416-68"), ["416-68-0001", "416-68-0010"]);
    assert_eq!(
        w.search("คอมพิวเตอร์").len(),
        2,
        "Thai inside words, no spaces"
    );
    assert_eq!(w.search("โน้ตบุ๊ก"), ["416-68-0001"]);
    assert_eq!(w.search("เหล็ก"), ["401-68-0001"]);
    assert_eq!(w.search("lucky"), ["401-68-0001"], "brand, any case");
    assert_eq!(w.search("เครื่องมือช่าง"), ["401-68-0001"], "location");
    assert_eq!(w.search("แก้วมูล").len(), 2, "custodian");
    assert_eq!(
        w.search("จอ"),
        ["416-68-0010"],
        "two letters: substring fallback"
    );
    assert_eq!(
        w.search("จอภาพ คอม"),
        ["416-68-0010"],
        "every word must match"
    );
    assert!(w.search("เก้าอี้").is_empty());
    assert!(w.search("\"").is_empty(), "quotes do not break the query");
    // What an item is ranks above where it is or who holds it, whatever the codes.
    w.create(
        AssetInput {
            code: "416-68-0020".into(),
            ..w.computer("เครื่องพิมพ์เลเซอร์")
        },
        1,
    )
    .unwrap();
    assert_eq!(
        w.search("พิมพ์"),
        ["416-68-0020", "416-68-0001", "416-68-0010"],
        "the printer before the items its custodian พิมพ์ชนก holds"
    );
}

#[test]
fn search_sees_every_change_at_once() {
    search_sees_every_change_at_once_in(world());
    let dir = tempfile::tempdir().unwrap();
    search_sees_every_change_at_once_in(world_on_file(dir.path()));
}

fn search_sees_every_change_at_once_in(w: World) {
    let asset = w.create(w.computer("คอมพิวเตอร์"), 1).unwrap().remove(0);
    assert_eq!(w.search("คอมพิวเตอร์"), [asset.code.as_str()]);
    // An edit: the old name is gone, the new one found, and so is the new serial.
    let mut input = w.computer("เครื่องสำรองไฟ");
    input.serial_no = "UPS-77".into();
    w.register
        .update_asset(
            &w.officer,
            &AssetUpdate {
                id: asset.id,
                asset: input,
            },
        )
        .unwrap();
    assert!(w.search("คอมพิวเตอร์").is_empty());
    assert_eq!(w.search("สำรองไฟ"), [asset.code.as_str()]);
    assert_eq!(w.search("ups-77"), [asset.code.as_str()], "any case");
    // A status change shows in a filtered search.
    let damaged = |w: &World| {
        w.register
            .list_assets(
                &w.officer,
                &AssetQuery {
                    text: Some("สำรองไฟ".into()),
                    status: Some(AssetStatus::Damaged),
                    ..Default::default()
                },
            )
            .unwrap()
            .total
    };
    assert_eq!(damaged(&w), 0);
    w.register
        .change_asset_status(
            &w.officer,
            &StatusChange {
                asset_id: asset.id,
                status: AssetStatus::Damaged,
                on_date: w.register.clock().today(),
                document_no: String::new(),
                reason: "แบตเตอรี่เสื่อม".into(),
            },
        )
        .unwrap();
    assert_eq!(damaged(&w), 1);
    // A new item is found at once too.
    let more = w.create(w.computer("เครื่องสำรองไฟ"), 2).unwrap();
    assert_eq!(w.search("สำรองไฟ").len(), 3);
    assert!(w.search("สำรองไฟ").contains(&more[1].code));
}

#[test]
fn a_search_sorted_by_name_or_price_and_its_export_hold_the_same_items() {
    let w = world();
    let mut cheap = w.computer("เครื่องพิมพ์เลเซอร์");
    cheap.unit_price = Satang::baht(3_000);
    w.create(cheap, 2).unwrap();
    w.create(w.computer("เครื่องพิมพ์อิงค์เจ็ท"), 1).unwrap();
    w.create(w.computer("โต๊ะทำงาน"), 1).unwrap();
    let query = |sort, descending| AssetQuery {
        text: Some("เครื่องพิมพ์".into()),
        sort,
        descending,
        limit: 100,
        ..Default::default()
    };
    let by_relevance = w
        .register
        .list_assets(&w.officer, &query(AssetSort::Relevance, false))
        .unwrap();
    let by_price = w
        .register
        .list_assets(&w.officer, &query(AssetSort::UnitPrice, true))
        .unwrap();
    assert_eq!(by_relevance.total, 3);
    assert_eq!(by_price.total, 3);
    assert_eq!(by_price.rows[0].name, "เครื่องพิมพ์อิงค์เจ็ท", "dearest first");
    let exported = w
        .register
        .assets_for_export(&w.officer, &query(AssetSort::Name, false))
        .unwrap();
    let names: Vec<&str> = exported.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        ["เครื่องพิมพ์อิงค์เจ็ท", "เครื่องพิมพ์เลเซอร์", "เครื่องพิมพ์เลเซอร์"]
    );
}

#[test]
fn renaming_a_location_or_person_updates_search() {
    let w = world();
    w.create(w.computer("คอมพิวเตอร์"), 1).unwrap();
    let admin = Actor::System("test".into());
    w.register
        .update_location(
            &admin,
            &crate::org::LocationUpdate {
                id: w.store,
                division_id: w.finance,
                name: "ห้องเก็บครุภัณฑ์ชั้นสอง".into(),
                active: true,
            },
        )
        .unwrap();
    assert_eq!(w.search("ชั้นสอง").len(), 1);
    assert!(w.search("ห้องพัสดุ").is_empty());
}

#[test]
fn filters_sorting_and_paging() {
    let w = world();
    let mut cheap = w.computer("เมาส์");
    cheap.unit_price = Satang::baht(300);
    w.create(cheap, 3).unwrap();
    let mut old = w.computer("เครื่องพิมพ์เก่า");
    old.acquired_on = Some(d(2023, 5, 1));
    old.division_id = Some(w.works);
    old.location_id = Some(w.yard);
    w.create(old, 2).unwrap();
    let list = |q: AssetQuery| {
        w.register
            .list_assets(&w.officer, &AssetQuery { limit: 50, ..q })
            .unwrap()
    };
    assert_eq!(
        list(AssetQuery {
            division_id: Some(w.works),
            ..Default::default()
        })
        .total,
        2
    );
    assert_eq!(
        list(AssetQuery {
            fiscal_year: Some(2566),
            ..Default::default()
        })
        .total,
        2
    );
    assert_eq!(
        list(AssetQuery {
            fiscal_year: Some(2568),
            ..Default::default()
        })
        .total,
        3
    );
    assert_eq!(
        list(AssetQuery {
            price_max: Some(Satang::baht(500)),
            ..Default::default()
        })
        .total,
        3
    );
    assert_eq!(
        list(AssetQuery {
            price_min: Some(Satang::baht(500)),
            ..Default::default()
        })
        .total,
        2
    );
    assert_eq!(
        list(AssetQuery {
            status: Some(AssetStatus::Damaged),
            ..Default::default()
        })
        .total,
        0
    );
    assert_eq!(
        list(AssetQuery {
            location_id: Some(w.store),
            ..Default::default()
        })
        .total,
        3
    );
    let by_date = list(AssetQuery {
        sort: AssetSort::AcquiredOn,
        ..Default::default()
    });
    assert_eq!(by_date.rows[0].acquired_on, d(2023, 5, 1));
    let by_price_desc = list(AssetQuery {
        sort: AssetSort::UnitPrice,
        descending: true,
        ..Default::default()
    });
    assert_eq!(by_price_desc.rows[0].unit_price, Satang::baht(25_000));
    let page = w
        .register
        .list_assets(
            &w.officer,
            &AssetQuery {
                limit: 2,
                offset: 4,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!((page.rows.len(), page.total, page.offset), (1, 5, 4));
    let searched = list(AssetQuery {
        text: Some("เมาส์".into()),
        division_id: Some(w.works),
        ..Default::default()
    });
    assert_eq!(searched.total, 0, "search and filters combine");
}

#[test]
fn the_code_template_is_a_setting() {
    let w = world();
    let settings = RegisterSettings {
        code_template: "{div}-{type}-{yyyy}-{seq:3}".into(),
        depreciation_basis: Default::default(),
    };
    let bad = RegisterSettings {
        code_template: "{type}".into(),
        ..settings.clone()
    };
    assert_eq!(
        w.register
            .update_register_settings(&w.officer, &bad)
            .unwrap_err()
            .details()["field"],
        "codeTemplate"
    );
    let admin = Actor::System("test".into());
    w.register
        .update_division(
            &admin,
            &crate::org::DivisionUpdate {
                id: w.finance,
                name: "กองคลัง".into(),
                short_name: "กค".into(),
                active: true,
            },
        )
        .unwrap();
    w.register
        .update_register_settings(&w.officer, &settings)
        .unwrap();
    assert_eq!(
        w.create(w.computer("x"), 1).unwrap()[0].code,
        "กค-416-2568-001"
    );
}

#[test]
fn an_asset_id_that_does_not_exist_is_named() {
    let w = world();
    let err = w
        .register
        .asset_detail(&w.officer, AssetId(77))
        .unwrap_err();
    assert_eq!(
        err.details(),
        serde_json::json!({"entity": "asset", "id": "77"})
    );
}

/// The in-memory search copy, laid out for comparison: ids in order and each column.
fn copy_of(cache: &search_cache::SearchCache) -> String {
    cache.describe_for_tests()
}

#[test]
fn the_search_copy_catches_up_on_a_few_edits_exactly_as_a_rebuild_would() {
    use search_cache::SearchCache;
    let w = world();
    let made = w.create(w.computer("คอมพิวเตอร์"), 5).unwrap();
    let mut cache = SearchCache::build(&w.register.raw_connection_for_tests()).unwrap();
    // A rename, a new code that moves the item to the end of code order, a status, a
    // new item and a custodian taken away.
    let update = |asset: &Asset, change: &dyn Fn(&mut AssetInput)| {
        let mut input = w.computer(&asset.name);
        input.code = asset.code.clone();
        change(&mut input);
        w.register
            .update_asset(
                &w.officer,
                &AssetUpdate {
                    id: asset.id,
                    asset: input,
                },
            )
            .unwrap();
    };
    update(&made[0], &|i| i.name = "เครื่องสำรองไฟ".into());
    update(&made[1], &|i| {
        i.code = "999-68-0001".into();
        i.keep_code_as_written = true;
    });
    update(&made[2], &|i| i.custodian_id = None);
    w.create(w.computer("โน้ตบุ๊ก"), 1).unwrap();
    w.register
        .change_asset_status(
            &w.officer,
            &StatusChange {
                asset_id: made[3].id,
                status: AssetStatus::Damaged,
                on_date: w.register.clock().today(),
                document_no: String::new(),
                reason: "จอแตก".into(),
            },
        )
        .unwrap();
    let conn = w.register.raw_connection_for_tests();
    assert!(!cache.is_current(&conn).unwrap());
    assert!(cache.catch_up(&conn).unwrap(), "a few edits are caught up");
    assert!(cache.is_current(&conn).unwrap());
    assert_eq!(
        copy_of(&cache),
        copy_of(&SearchCache::build(&conn).unwrap())
    );
    drop(conn);
    // Renaming a place changes many items' text at once: that is rebuilt, not caught up.
    w.register
        .update_location(
            &Actor::System("test".into()),
            &crate::org::LocationUpdate {
                id: w.store,
                division_id: w.finance,
                name: "ห้องเก็บครุภัณฑ์".into(),
                active: true,
            },
        )
        .unwrap();
    let conn = w.register.raw_connection_for_tests();
    let before = copy_of(&cache);
    assert!(!cache.catch_up(&conn).unwrap());
    assert_eq!(
        copy_of(&cache),
        before,
        "a refused catch-up leaves the copy alone"
    );
    drop(conn);
    // So is an import-sized change: more items than are worth catching up one by one.
    let mut cache = SearchCache::build(&w.register.raw_connection_for_tests()).unwrap();
    w.create(w.computer("เก้าอี้"), 201).unwrap();
    let conn = w.register.raw_connection_for_tests();
    assert!(!cache.catch_up(&conn).unwrap());
}
