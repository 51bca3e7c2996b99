//! The search box as people type into it: spelling variants, the office's synonyms, the
//! division's name, words run together, and an edit of nothing.

use chrono::NaiveDate;

use super::*;
use crate::auth::Role;
use crate::error::Error;
use crate::ids::{CategoryId, DivisionId};
use crate::money::Satang;
use crate::org::DivisionUpdate;
use crate::register::{Actor, Register};
use crate::testing::{self, audit_count};

struct World {
    register: Register,
    admin: Actor,
    officer: Actor,
    works: DivisionId,
}

fn world() -> World {
    let (register, _clock, admin) = testing::set_up();
    let officer = testing::user_with(&register, &admin, "officer", Role::SuppliesOfficer);
    let finance = testing::division(&register, &admin, "กองคลัง");
    let works = testing::division(&register, &admin, "กองช่าง");
    let w = World {
        register,
        admin,
        officer,
        works,
    };
    for (code, name, brand, division) in [
        ("416-68-0001", "เครื่องคอมพิวเตอร์โน้ตบุ๊ก", "Acer", finance),
        ("416-68-0002", "เครื่องพิมพ์เลเซอร์", "HP", finance),
        ("420-68-0001", "เครื่องปรับอากาศแบบแยกส่วน", "Daikin", works),
        ("401-68-0001", "โต๊ะ ทำงาน เหล็ก", "Lucky", works),
        ("401-68-0002", "เก้าอี้สำนักงาน", "", finance),
    ] {
        w.create(code, name, brand, division);
    }
    w
}

impl World {
    fn category(&self, type_code: &str) -> CategoryId {
        self.register
            .list_categories(&self.officer)
            .unwrap()
            .into_iter()
            .find(|c| c.type_code == type_code)
            .map(|c| c.id)
            .unwrap_or_else(|| self.category("416"))
    }

    fn create(&self, code: &str, name: &str, brand: &str, division: DivisionId) {
        let asset = AssetInput {
            code: code.into(),
            name: name.into(),
            brand: brand.into(),
            category_id: Some(self.category(&code[..3])),
            unit: "เครื่อง".into(),
            acquired_on: NaiveDate::from_ymd_opt(2024, 10, 1),
            unit_price: Satang::baht(10_000),
            division_id: Some(division),
            keep_code_as_written: true,
            ..Default::default()
        };
        self.register
            .create_assets(&self.officer, &NewAssets { asset, count: 1 })
            .unwrap();
    }

    fn page(&self, text: &str) -> AssetPage {
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
    }

    fn search(&self, text: &str) -> Vec<String> {
        let mut codes: Vec<String> = self.page(text).rows.into_iter().map(|r| r.code).collect();
        codes.sort();
        codes
    }
}

#[test]
fn loanwords_are_found_however_they_are_spelled() {
    let w = world();
    for typed in ["โน้ตบุ๊ก", "โน๊ตบุ๊ค", "โนตบุค", "โน้ตบุ้ค"]
    {
        assert_eq!(w.search(typed), ["416-68-0001"], "{typed}");
    }
    assert_eq!(w.search("เลเซอ"), ["416-68-0002"], "the silent ร์ left out");
    assert_eq!(w.search("เกาอี"), ["401-68-0002"], "no tone marks at all");
    assert!(
        w.search("โน้ตบุ๊กดำ").is_empty(),
        "every letter typed still counts"
    );
}

#[test]
fn the_offices_synonyms_are_read_both_ways() {
    let w = world();
    assert_eq!(w.search("แอร์"), ["420-68-0001"]);
    assert_eq!(w.search("แอร์ daikin"), ["420-68-0001"]);
    assert_eq!(w.search("ปริ้นเตอร์"), ["416-68-0002"]);
    assert_eq!(w.search("Printer"), ["416-68-0002"], "English, any case");
    assert_eq!(w.search("notebook"), ["416-68-0001"]);
    // An office adds its own word; typing the register's word finds the office's too.
    w.register
        .update_search_synonyms(
            &w.officer,
            &[SearchSynonym {
                word: "โต๊ะคอม".into(),
                means: "โต๊ะทำงาน".into(),
            }],
        )
        .unwrap();
    assert_eq!(w.search("โต๊ะคอม"), ["401-68-0001"]);
    assert!(w.search("แอร์").is_empty(), "the list was replaced");
}

#[test]
fn a_synonym_list_is_checked_line_by_line() {
    let w = world();
    let before = w.register.search_synonyms(&w.officer).unwrap();
    let pair = |word: &str, means: &str| SearchSynonym {
        word: word.into(),
        means: means.into(),
    };
    let refused = |list: &[SearchSynonym]| {
        let error = w
            .register
            .update_search_synonyms(&w.officer, list)
            .unwrap_err();
        error.details()["field"].as_str().unwrap_or("").to_owned()
    };
    assert_eq!(refused(&[pair("แอร์", "")]), "synonyms.1.means");
    assert_eq!(
        refused(&[pair("a", "b"), pair("โน๊ตบุ๊ค", "โน้ตบุ๊ก")]),
        "synonyms.2.means",
        "a spelling of itself"
    );
    assert_eq!(
        refused(&[pair("แอร์", "เครื่องปรับอากาศ"), pair("เครื่องปรับอากาศ", "แอร์")]),
        "synonyms.2.word",
        "the same pair the other way round"
    );
    assert_eq!(w.register.search_synonyms(&w.officer).unwrap(), before);
    // Saving the list as it is changes nothing and writes no entry.
    let entries = audit_count(&w.register);
    let error = w
        .register
        .update_search_synonyms(&w.officer, &before)
        .unwrap_err();
    assert!(matches!(error, Error::NothingChanged { .. }), "{error:?}");
    assert_eq!(audit_count(&w.register), entries);
}

#[test]
fn the_division_is_searched_and_follows_a_rename() {
    let w = world();
    assert_eq!(w.search("กองช่าง"), ["401-68-0001", "420-68-0001"]);
    assert_eq!(w.search("กองช่าง แอร์"), ["420-68-0001"]);
    w.register
        .update_division(
            &w.admin,
            &DivisionUpdate {
                id: w.works,
                name: "กองโยธา".into(),
                short_name: "กย.".into(),
                active: true,
            },
        )
        .unwrap();
    assert!(w.search("กองช่าง").is_empty());
    assert_eq!(w.search("กองโยธา"), ["401-68-0001", "420-68-0001"]);
    assert_eq!(
        w.search("กย"),
        ["401-68-0001", "420-68-0001"],
        "its short name"
    );
}

#[test]
fn words_typed_together_or_apart_find_the_same_item() {
    let w = world();
    assert_eq!(w.search("โต๊ะทำงาน"), ["401-68-0001"]);
    assert_eq!(w.search("โต๊ะ ทำงาน"), ["401-68-0001"]);
    assert_eq!(w.search("เหล็ก โต๊ะ"), ["401-68-0001"], "in any order");
}

#[test]
fn an_exact_code_names_the_item_to_open() {
    let w = world();
    let page = w.page("416 68 0001");
    let first = &page.rows[0];
    assert_eq!(first.code, "416-68-0001");
    assert_eq!(page.exact, Some(first.id));
    assert_eq!(
        w.page("416-68").exact,
        None,
        "a group of codes opens nothing"
    );
    assert_eq!(w.page("โน้ตบุ๊ก").exact, None);
}

#[test]
fn saving_an_item_unchanged_writes_nothing() {
    let w = world();
    let row = w.page("416-68-0001").rows.remove(0);
    let asset = w.register.asset_detail(&w.officer, row.id).unwrap().asset;
    let entries = audit_count(&w.register);
    let error = w
        .register
        .update_asset(
            &w.officer,
            &AssetUpdate {
                id: asset.id,
                asset: as_entered(&asset),
            },
        )
        .unwrap_err();
    assert_eq!(error.code(), "nothing_changed");
    assert_eq!(audit_count(&w.register), entries);
    let again = w.register.asset_detail(&w.officer, row.id).unwrap().asset;
    assert_eq!(
        again.updated_at, asset.updated_at,
        "not even the stamp moved"
    );
}

/// The asset's details as its form holds them.
fn as_entered(asset: &Asset) -> AssetInput {
    AssetInput {
        code: asset.code.clone(),
        name: asset.name.clone(),
        brand: asset.brand.clone(),
        model: asset.model.clone(),
        serial_no: asset.serial_no.clone(),
        category_id: Some(asset.category_id),
        unit: asset.unit.clone(),
        acquired_on: Some(asset.acquired_on),
        document_no: asset.document_no.clone(),
        acquisition_method: asset.acquisition_method.clone(),
        funding_source: asset.funding_source.clone(),
        vendor: asset.vendor.clone(),
        unit_price: asset.unit_price,
        useful_life_years: Some(asset.useful_life_years),
        division_id: asset.division_id,
        location_id: asset.location_id,
        custodian_id: asset.custodian_id,
        custodian_as_written: asset.custodian_as_written.clone(),
        notes: asset.notes.clone(),
        ..Default::default()
    }
}
