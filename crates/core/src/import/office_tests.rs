//! Registers as offices really keep them (`assets/sample/import/register-by-division.xlsx`,
//! made by the `make_import_fixtures` example): a sheet per division named the office's
//! way, a title row naming the division, ranges of codes on one line, states written in the
//! remarks, custodians the staff directory lacks, and an older program's export without a
//! category or division column. Every row a person can read without doubt comes in, every
//! doubtful one is named, and no value the file had is lost.

use super::tests::{asset_count, plan_for, sample};
use super::*;
use crate::assets::{AssetQuery, AssetRow, AssetStatus};
use crate::ids::DivisionId;
use crate::org::{DivisionInput, LocationInput};
use crate::register::{Actor, Register};
use crate::testing::audit_count;

const OFFICES: &[u8] = include_bytes!("../../../../assets/sample/import/register-by-division.xlsx");

fn offices() -> ImportSource {
    ImportSource::from_bytes("register-by-division.xlsx", OFFICES)
}

fn plan(register: &Register, officer: &Actor, create_missing: bool) -> ImportPlan {
    ImportPlan {
        create_missing,
        ..plan_for(register, officer, &offices())
    }
}

fn verdict<'a>(dry: &'a DryRun, sheet: &str, row: u32) -> &'a RowVerdict {
    dry.rows
        .iter()
        .find(|v| v.sheet == sheet && v.row == row)
        .unwrap_or_else(|| panic!("no row {sheet}!{row}"))
}

fn codes(dry: &DryRun, sheet: &str, row: u32) -> Vec<String> {
    verdict(dry, sheet, row)
        .issues
        .iter()
        .map(|i| i.code.clone())
        .collect()
}

fn issue<'a>(dry: &'a DryRun, sheet: &str, row: u32, code: &str) -> &'a RowIssue {
    verdict(dry, sheet, row)
        .issues
        .iter()
        .find(|i| i.code == code)
        .unwrap_or_else(|| panic!("{sheet}!{row} has no {code}"))
}

fn find(register: &Register, officer: &Actor, text: &str) -> Vec<AssetRow> {
    register
        .list_assets(
            officer,
            &AssetQuery {
                text: Some(text.into()),
                limit: 50,
                sort: crate::assets::AssetSort::Code,
                ..Default::default()
            },
        )
        .unwrap()
        .rows
}

fn division_named(register: &Register, officer: &Actor, name: &str) -> DivisionId {
    register
        .list_divisions(officer)
        .unwrap()
        .into_iter()
        .find(|d| d.name == name)
        .unwrap()
        .id
}

const EDUCATION: &str = "กองการศึกษา ศาสนาและวัฒนธรรม";
const CENTRE: &str = "ศูนย์พัฒนาเด็กเล็กบ้านแม่กรณ์";

#[test]
fn the_division_is_read_from_a_title_row_or_the_sheet_name_and_shown() {
    let (register, officer) = sample();
    let inspection = register.inspect_import(&officer, &offices()).unwrap();
    let shown: Vec<_> = inspection
        .sheets
        .iter()
        .map(|s| {
            (
                s.name.as_str(),
                s.division.division.as_deref(),
                s.division.from,
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            ("กองการศึกษา", Some(EDUCATION), Some(Source::TitleRow)),
            ("ศพด", Some(CENTRE), Some(Source::SheetName)),
            ("ศูนย์พัฒนาเด็กเล็ก", Some(CENTRE), Some(Source::SheetName)),
            ("ส่งออกจากโปรแกรมเดิม", None, None),
        ]
    );
    let dry = register
        .dry_run_import(&officer, &offices(), &plan(&register, &officer, true))
        .unwrap();
    assert_eq!(dry.sheets.len(), 4);
    let chairs = verdict(&dry, "กองการศึกษา", 6).asset.clone().unwrap();
    assert_eq!(chairs.division, EDUCATION);
    assert_eq!(chairs.sources.division, Some(Source::TitleRow));
    let fridge = verdict(&dry, "ศพด", 3).asset.clone().unwrap();
    assert_eq!(fridge.division, CENTRE);
    assert_eq!(fridge.sources.division, Some(Source::SheetName));
    // Without a division anywhere on its sheet, a room only one division has says so.
    let desktop = verdict(&dry, "ส่งออกจากโปรแกรมเดิม", 3);
    assert_eq!(desktop.status, RowStatus::Warning);
    assert_eq!(
        issue(&dry, "ส่งออกจากโปรแกรมเดิม", 3, "division_from_location").detail,
        EDUCATION
    );
    assert_eq!(
        desktop.asset.as_ref().unwrap().sources.division,
        Some(Source::Location)
    );
}

#[test]
fn every_row_a_person_can_read_comes_in_with_what_the_file_said() {
    let (register, officer) = sample();
    let mut plan = plan(&register, &officer, true);
    let placards = register
        .list_categories(&officer)
        .unwrap()
        .into_iter()
        .find(|c| c.type_code == "404")
        .unwrap();
    plan.aliases.push(NameAlias {
        kind: AliasKind::TypeCode,
        name: "499".into(),
        id: placards.id.0,
    });
    let dry = register
        .dry_run_import(&officer, &offices(), &plan)
        .unwrap();
    // Left: a range whose quantity disagrees, and a room several divisions could mean
    // with nothing else to say which (here: none has it, so it is named the same way).
    let errors: Vec<_> = dry
        .rows
        .iter()
        .filter(|v| v.status == RowStatus::Error)
        .map(|v| (v.sheet.as_str(), v.row))
        .collect();
    assert_eq!(errors, [("กองการศึกษา", 7), ("ส่งออกจากโปรแกรมเดิม", 4)]);
    assert_eq!(
        dry.items, 17,
        "five chairs from one line, one item per other row"
    );
    assert_eq!(dry.new_people, ["นางสาวสุดา ใจงาม"]);
    let before = audit_count(&register);
    let report = register
        .import(
            &officer,
            &ImportRequest {
                source: offices(),
                plan,
                only_valid_rows: true,
            },
        )
        .unwrap();
    assert_eq!(
        (report.items, report.rows, report.rows_left_out),
        (17, 13, 2)
    );
    assert!(report.created.contains(&"นางสาวสุดา ใจงาม".to_owned()));
    assert!(
        audit_count(&register) > before,
        "the batch, and each person and place created"
    );

    // Five chairs with the codes written as a range, in the division of the title row,
    // in a meeting room created there, held by a person now in the directory.
    let chairs = find(&register, &officer, "เก้าอี้พลาสติก");
    let chair_codes: Vec<_> = chairs.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(
        chair_codes,
        [
            "401-65-0512",
            "401-65-0513",
            "401-65-0514",
            "401-65-0515",
            "401-65-0516"
        ]
    );
    for chair in &chairs {
        assert_eq!(chair.division_name.as_deref(), Some(EDUCATION));
        assert_eq!(chair.location_name.as_deref(), Some("ห้องประชุม"));
        assert_eq!(chair.custodian_name.as_deref(), Some("นางสาวสุดา ใจงาม"));
    }
    let suda = register
        .list_staff(
            &officer,
            &crate::org::StaffQuery {
                text: Some("สุดา".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        (
            suda[0].title.as_str(),
            suda[0].first_name.as_str(),
            suda[0].last_name.as_str()
        ),
        ("นางสาว", "สุดา", "ใจงาม")
    );
    assert_eq!(suda[0].division_name.as_deref(), Some(EDUCATION));
    // States written in the remarks, the remarks kept.
    let status_of = |code: &str| {
        let row = &find(&register, &officer, code)[0];
        let detail = register.asset_detail(&officer, row.id).unwrap();
        (detail.asset.status, detail.asset.notes)
    };
    assert_eq!(
        status_of("401-66-0501"),
        (AssetStatus::Damaged, "ชำรุด".into())
    );
    assert_eq!(
        status_of("416-60-0503"),
        (AssetStatus::Disposed, "จำหน่ายแล้ว 2566".into())
    );
    assert_eq!(
        status_of("416-64-0507"),
        (AssetStatus::UnderRepair, "ส่งซ่อม ร้านเชียงรายคอม".into())
    );
    assert_eq!(
        status_of("499-60-0501"),
        (AssetStatus::InUse, "สภาพตามไฟล์: ยืมไป".into()),
        "a status word the program does not know stays in the notes"
    );
    // The disposed printer is read-only, as any disposed item.
    let printer = &find(&register, &officer, "416-60-0503")[0];
    let detail = register.asset_detail(&officer, printer.id).unwrap();
    let edit = crate::assets::AssetUpdate {
        id: printer.id,
        asset: crate::assets::AssetInput {
            name: "เครื่องพิมพ์".into(),
            category_id: Some(detail.asset.category_id),
            acquired_on: Some(detail.asset.acquired_on),
            ..Default::default()
        },
    };
    assert!(register.update_asset(&officer, &edit).is_err());
    // Categories from the codes' type part, 499 as the user matched it.
    assert_eq!(
        find(&register, &officer, "416-62-0511")[0].category_name,
        "ครุภัณฑ์คอมพิวเตอร์"
    );
    assert_eq!(
        find(&register, &officer, "499-60-0502")[0].category_name,
        placards.name
    );
    // A room only สำนักปลัด had: the centre's fan stays in the centre, in a room of its own.
    let fan = &find(&register, &officer, "401-63-0603")[0];
    assert_eq!(fan.division_name.as_deref(), Some(CENTRE));
    assert_eq!(fan.location_name.as_deref(), Some("ห้องประชุมสภา"));
    let rooms = register
        .list_locations(
            &officer,
            &crate::org::LocationQuery {
                division_id: Some(division_named(&register, &officer, CENTRE)),
                ..Default::default()
            },
        )
        .unwrap();
    assert!(rooms.iter().any(|l| l.name == "ห้องประชุมสภา"));
}

#[test]
fn a_custodian_the_directory_lacks_is_kept_on_the_item_as_written() {
    let (register, officer) = sample();
    register
        .create_location(
            &officer,
            &LocationInput {
                division_id: division_named(&register, &officer, EDUCATION),
                name: "ห้องประชุม".into(),
            },
        )
        .unwrap();
    let dry = register
        .dry_run_import(&officer, &offices(), &plan(&register, &officer, false))
        .unwrap();
    let unknown = issue(&dry, "กองการศึกษา", 6, "unknown_custodian");
    assert_eq!(unknown.value, "นางสาวสุดา ใจงาม");
    assert!(dry.new_people.is_empty());
    register
        .import(
            &officer,
            &ImportRequest {
                source: offices(),
                plan: plan(&register, &officer, false),
                only_valid_rows: true,
            },
        )
        .unwrap();
    // Found by the name, shown as the custodian, and not in the directory.
    let chairs = find(&register, &officer, "ใจงาม");
    assert_eq!(chairs.len(), 5);
    assert_eq!(chairs[0].custodian_name.as_deref(), Some("นางสาวสุดา ใจงาม"));
    let detail = register.asset_detail(&officer, chairs[0].id).unwrap();
    assert_eq!(detail.asset.custodian_id, None);
    assert_eq!(detail.asset.custodian_as_written, "นางสาวสุดา ใจงาม");
    // Choosing the person (once added to the directory) replaces the written name.
    let person = register
        .create_person(
            &officer,
            &crate::org::PersonInput {
                title: "นางสาว".into(),
                first_name: "สุดา".into(),
                last_name: "ใจงาม".into(),
                division_id: detail.asset.division_id,
                ..Default::default()
            },
        )
        .unwrap();
    let a = &detail.asset;
    let updated = register
        .update_asset(
            &officer,
            &crate::assets::AssetUpdate {
                id: a.id,
                asset: crate::assets::AssetInput {
                    code: a.code.clone(),
                    name: a.name.clone(),
                    category_id: Some(a.category_id),
                    acquired_on: Some(a.acquired_on),
                    unit_price: a.unit_price,
                    division_id: a.division_id,
                    location_id: a.location_id,
                    custodian_id: Some(person.id),
                    custodian_as_written: a.custodian_as_written.clone(),
                    keep_code_as_written: true,
                    ..Default::default()
                },
            },
        )
        .unwrap();
    assert_eq!(updated.custodian_id, Some(person.id));
    assert_eq!(updated.custodian_as_written, "");
}

/// The sample organisation with a second child-development centre, as many อบต. have.
fn two_centres() -> (Register, Actor, DivisionId) {
    let (register, officer) = sample();
    let second = register
        .create_division(
            &officer,
            &DivisionInput {
                name: "ศูนย์พัฒนาเด็กเล็กบ้านสันต้นเปา".into(),
                short_name: "ศพด.สันต้นเปา".into(),
            },
        )
        .unwrap();
    (register, officer, second.id)
}

#[test]
fn a_sheet_name_two_divisions_fit_is_asked_once_and_remembered() {
    let (register, officer, second) = two_centres();
    let mut plan = plan(&register, &officer, true);
    let dry = register
        .dry_run_import(&officer, &offices(), &plan)
        .unwrap();
    let sheet = dry
        .sheets
        .iter()
        .find(|s| s.sheet == "ศูนย์พัฒนาเด็กเล็ก")
        .unwrap();
    assert_eq!(sheet.division, None);
    let offered: Vec<_> = sheet.candidates.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(offered, [CENTRE, "ศูนย์พัฒนาเด็กเล็กบ้านสันต้นเปา"]);
    for row in [2, 3] {
        assert_eq!(codes(&dry, "ศูนย์พัฒนาเด็กเล็ก", row), ["ambiguous_sheet"]);
    }
    // The short name still means one centre.
    assert_eq!(
        verdict(&dry, "ศพด", 2).asset.as_ref().unwrap().division,
        CENTRE
    );
    plan.aliases.push(NameAlias {
        kind: AliasKind::Sheet,
        name: "ศูนย์พัฒนาเด็กเล็ก".into(),
        id: second.0,
    });
    let chosen = register
        .dry_run_import(&officer, &offices(), &plan)
        .unwrap();
    let toys = verdict(&chosen, "ศูนย์พัฒนาเด็กเล็ก", 2);
    assert_eq!(toys.status, RowStatus::Ready);
    let toys = toys.asset.as_ref().unwrap();
    assert_eq!(toys.division, "ศูนย์พัฒนาเด็กเล็กบ้านสันต้นเปา");
    assert_eq!(toys.sources.division, Some(Source::SheetChoice));
    register
        .import(
            &officer,
            &ImportRequest {
                source: offices(),
                plan,
                only_valid_rows: true,
            },
        )
        .unwrap();
    // The next file with a sheet of that name is read the same way without asking.
    let again = register.inspect_import(&officer, &offices()).unwrap();
    let remembered = &again.sheets[2].division;
    assert_eq!(
        (remembered.division.as_deref(), remembered.from),
        (Some("ศูนย์พัฒนาเด็กเล็กบ้านสันต้นเปา"), Some(Source::SheetChoice))
    );
    // An alias to a division that does not exist is refused by name.
    let mut bad = plan_for(&register, &officer, &offices());
    bad.aliases.push(NameAlias {
        kind: AliasKind::Sheet,
        name: "ศพด".into(),
        id: 999,
    });
    let err = register
        .dry_run_import(&officer, &offices(), &bad)
        .unwrap_err();
    assert_eq!(err.details()["field"], "aliases");
}

#[test]
fn a_location_name_alone_never_moves_an_item_to_another_division() {
    let (register, officer) = sample();
    // Two divisions have a meeting room of the same name.
    for division in ["สำนักปลัด", "กองช่าง"] {
        register
            .create_location(
                &officer,
                &LocationInput {
                    division_id: division_named(&register, &officer, division),
                    name: "ห้องประชุม".into(),
                },
            )
            .unwrap();
    }
    let dry = register
        .dry_run_import(&officer, &offices(), &plan(&register, &officer, false))
        .unwrap();
    // Nothing but the room to go by: refused, naming both divisions.
    let ambiguous = issue(&dry, "ส่งออกจากโปรแกรมเดิม", 4, "ambiguous_location");
    assert_eq!(ambiguous.detail, "สำนักปลัด, กองช่าง");
    // The file says กองการศึกษา: its rooms are looked for there only.
    let chairs = issue(&dry, "กองการศึกษา", 6, "unknown_location");
    assert_eq!(chairs.detail, EDUCATION);
    assert!(
        chairs.message.contains("it is one of สำนักปลัด, กองช่าง"),
        "{}",
        chairs.message
    );
    let fan = issue(&dry, "ศพด", 4, "unknown_location");
    assert!(
        fan.message.contains("it is one of สำนักปลัด"),
        "{}",
        fan.message
    );
    // With "create what is missing", each division gets a room of its own.
    let created = register
        .dry_run_import(&officer, &offices(), &plan(&register, &officer, true))
        .unwrap();
    assert_eq!(
        created.new_locations,
        [
            format!("ห้องประชุม ({EDUCATION})"),
            format!("ห้องประชุมสภา ({CENTRE})")
        ]
    );
    assert_eq!(
        verdict(&created, "กองการศึกษา", 6)
            .asset
            .as_ref()
            .unwrap()
            .division,
        EDUCATION
    );
}

#[test]
fn codes_carry_the_category_when_no_column_does() {
    let (register, officer) = sample();
    let mut plan = plan(&register, &officer, false);
    let dry = register
        .dry_run_import(&officer, &offices(), &plan)
        .unwrap();
    let desktop = verdict(&dry, "ส่งออกจากโปรแกรมเดิม", 3)
        .asset
        .clone()
        .unwrap();
    assert_eq!(
        (desktop.category.as_str(), desktop.sources.category),
        ("ครุภัณฑ์คอมพิวเตอร์", Some(Source::CodeType))
    );
    for row in [5, 6] {
        let unknown = issue(&dry, "ส่งออกจากโปรแกรมเดิม", row, "unknown_type_code");
        assert_eq!(unknown.value, "499");
        assert_eq!(unknown.field, Some(Field::Category));
    }
    // One decision for every row of that type code: a new category with a name.
    plan.new_categories.push(NewCategory {
        type_code: "499".into(),
        name: "ครุภัณฑ์ป้าย".into(),
    });
    let named = register
        .dry_run_import(&officer, &offices(), &plan)
        .unwrap();
    assert_eq!(named.new_categories, ["ครุภัณฑ์ป้าย"]);
    for row in [5, 6] {
        assert!(
            !codes(&named, "ส่งออกจากโปรแกรมเดิม", row).contains(&"unknown_type_code".to_owned())
        );
    }
    register
        .import(
            &officer,
            &ImportRequest {
                source: offices(),
                plan: plan.clone(),
                only_valid_rows: true,
            },
        )
        .unwrap();
    let signs = register
        .list_categories(&officer)
        .unwrap()
        .into_iter()
        .find(|c| c.name == "ครุภัณฑ์ป้าย")
        .unwrap();
    assert_eq!(signs.type_code, "499");
    assert_eq!(
        find(&register, &officer, "499-60-0501")[0].category_name,
        "ครุภัณฑ์ป้าย"
    );
    // A new category needs its name.
    plan.new_categories[0].name = " ".into();
    let err = register
        .dry_run_import(&officer, &offices(), &plan)
        .unwrap_err();
    assert_eq!(err.details()["field"], "newCategories");
}

#[test]
fn a_range_is_refused_only_when_its_quantity_disagrees_and_each_code_is_checked() {
    let (register, officer) = sample();
    let dry = register
        .dry_run_import(&officer, &offices(), &plan(&register, &officer, true))
        .unwrap();
    let tables = issue(&dry, "กองการศึกษา", 7, "range_quantity");
    assert_eq!((tables.value.as_str(), tables.detail.as_str()), ("5", "4"));
    assert_eq!(tables.severity, Severity::Error);
    // A code inside a range written again on another line, and a range already taken.
    let text = "รหัสครุภัณฑ์,รายการ,ประเภท,วันที่ได้มา,ราคาต่อหน่วย,จำนวน\n\
                401-65-0012 ถึง 0016,เก้าอี้,ครุภัณฑ์สำนักงาน,15/03/2565,450,5\n\
                401-65-0014,เก้าอี้,ครุภัณฑ์สำนักงาน,15/03/2565,450,1\n\
                401-65-0020 to 22,เก้าอี้,ครุภัณฑ์สำนักงาน,15/03/2565,450,\n";
    let source = ImportSource::from_bytes("chairs.csv", text.as_bytes());
    let csv_plan = plan_for(&register, &officer, &source);
    let dry = register
        .dry_run_import(&officer, &source, &csv_plan)
        .unwrap();
    assert_eq!(codes(&dry, "chairs", 3), ["duplicate_in_file"]);
    assert_eq!(issue(&dry, "chairs", 3, "duplicate_in_file").detail, "2");
    let no_quantity = verdict(&dry, "chairs", 4).asset.clone().unwrap();
    assert_eq!(
        (no_quantity.quantity, no_quantity.last_code.as_str()),
        (3, "401-65-0022"),
        "without a quantity the range says how many"
    );
    register
        .import(
            &officer,
            &ImportRequest {
                source: source.clone(),
                plan: csv_plan.clone(),
                only_valid_rows: true,
            },
        )
        .unwrap();
    assert_eq!(asset_count(&register, &officer), 8);
    let again = register
        .dry_run_import(&officer, &source, &csv_plan)
        .unwrap();
    let taken = verdict(&again, "chairs", 2)
        .issues
        .iter()
        .filter(|i| i.code == "duplicate_code")
        .count();
    assert_eq!(taken, 5, "each code of the range is named");
}

#[test]
fn a_status_column_wins_over_a_remark_but_the_row_says_they_differ() {
    let (register, officer) = sample();
    let text = "รหัสครุภัณฑ์,รายการ,ประเภท,วันที่ได้มา,ราคาต่อหน่วย,สภาพ,หมายเหตุ\n\
                401-65-0001,โต๊ะ,ครุภัณฑ์สำนักงาน,15/03/2565,450,ใช้งานได้,จำหน่ายแล้ว 2566\n\
                401-65-0002,โต๊ะ,ครุภัณฑ์สำนักงาน,15/03/2565,450,-,เสื่อมสภาพ\n";
    let source = ImportSource::from_bytes("desks.csv", text.as_bytes());
    let dry = register
        .dry_run_import(&officer, &source, &plan_for(&register, &officer, &source))
        .unwrap();
    let differ = issue(&dry, "desks", 2, "status_notes_differ");
    assert_eq!(differ.detail, "จำหน่ายแล้ว");
    assert_eq!(
        verdict(&dry, "desks", 2).asset.as_ref().unwrap().status,
        AssetStatus::InUse
    );
    let worn = verdict(&dry, "desks", 3).asset.clone().unwrap();
    assert_eq!(
        (worn.status, worn.sources.status),
        (AssetStatus::Deteriorated, Some(Source::Notes)),
        "a dash in the status column says nothing"
    );
}

#[test]
fn a_column_the_register_has_no_field_for_is_kept_in_the_notes() {
    let (register, officer) = sample();
    let text = "รหัสครุภัณฑ์,รายการ,ประเภท,วันที่ได้มา,ราคาต่อหน่วย,เลขทะเบียนรถ,หมายเหตุ,ลำดับ\n\
                402-65-0001,รถจักรยานยนต์,ครุภัณฑ์ยานพาหนะและขนส่ง,15/03/2565,45000,กขค 123 เชียงราย,ใช้งานประจำ,1\n\
                402-65-0002,รถจักรยานยนต์,ครุภัณฑ์ยานพาหนะและขนส่ง,15/03/2565,45000,,,2\n";
    let source = ImportSource::from_bytes("vehicles.csv", text.as_bytes());
    let plan = plan_for(&register, &officer, &source);
    assert_eq!(plan.sheets[0].mapping[5], Some(Field::KeepInNotes));
    assert_eq!(plan.sheets[0].mapping[7], None, "a row number is left out");
    let dry = register.dry_run_import(&officer, &source, &plan).unwrap();
    assert_eq!(
        verdict(&dry, "vehicles", 2).asset.as_ref().unwrap().notes,
        "ใช้งานประจำ; เลขทะเบียนรถ: กขค 123 เชียงราย"
    );
    assert_eq!(
        verdict(&dry, "vehicles", 3).asset.as_ref().unwrap().notes,
        ""
    );
}
