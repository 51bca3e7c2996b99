use super::*;
use crate::assets::records;
use crate::assets::{AssetInput, AssetQuery, AssetStatus, AssetUpdate};
use crate::auth::Role;
use crate::register::{Actor, Register};
use crate::testing::{self, audit_count};
use chrono::NaiveDate;

const MESSY: &[u8] = include_bytes!("../../../../assets/sample/import/register-messy.xlsx");
const WINDOWS_874: &[u8] =
    include_bytes!("../../../../assets/sample/import/register-windows874.csv");
const UTF8_SEMICOLON: &[u8] =
    include_bytes!("../../../../assets/sample/import/register-utf8-semicolon.csv");

/// The sample organisation (its divisions, locations and staff, without its assets) and
/// its officer, on 1 Oct 2024.
pub(super) fn sample() -> (Register, Actor) {
    sample_in(testing::register().0)
}

/// [`sample`] in the register given (one on disk, say).
fn sample_in(register: Register) -> (Register, Actor) {
    register.complete_setup(&testing::setup_input()).unwrap();
    register
        .load_sample_data_with(
            &Actor::System("test".into()),
            crate::sample::SampleOptions { assets: false },
        )
        .unwrap();
    let officer = register
        .login(&crate::auth::LoginInput {
            username: "officer".into(),
            password: "demo1234".into(),
        })
        .unwrap()
        .actor();
    (register, officer)
}

fn messy() -> ImportSource {
    ImportSource::from_bytes("register-messy.xlsx", MESSY)
}

pub(super) fn plan_of(
    inspection: &Inspection,
    sheets: &[&str],
    create_missing: bool,
) -> ImportPlan {
    ImportPlan {
        sheets: inspection
            .sheets
            .iter()
            .filter(|s| sheets.contains(&s.name.as_str()))
            .map(|s| SheetPlan {
                name: s.name.clone(),
                header_row: s.header_row.unwrap(),
                mapping: s.mapping.clone(),
            })
            .collect(),
        create_missing,
        ..Default::default()
    }
}

fn messy_plan(register: &Register, officer: &Actor, create_missing: bool) -> ImportPlan {
    let inspection = register.inspect_import(officer, &messy()).unwrap();
    plan_of(&inspection, &["สำนักปลัด", "กองช่าง"], create_missing)
}

pub(super) fn asset_count(register: &Register, officer: &Actor) -> u32 {
    register
        .list_assets(
            officer,
            &AssetQuery {
                limit: 1,
                ..Default::default()
            },
        )
        .unwrap()
        .total
}

#[test]
fn inspection_finds_headers_under_title_rows_and_suggests_a_mapping() {
    let (register, officer) = sample();
    let inspection = register.inspect_import(&officer, &messy()).unwrap();
    assert_eq!(inspection.format, "xlsx");
    let names: Vec<_> = inspection
        .sheets
        .iter()
        .map(|s| (s.name.as_str(), s.header_row))
        .collect();
    assert_eq!(
        names,
        [("สำนักปลัด", Some(4)), ("กองช่าง", Some(1)), ("หมายเหตุ", None)]
    );
    let first = &inspection.sheets[0];
    assert_eq!(first.headers[1], "หมายเลขครุภัณฑ์");
    assert_eq!(
        first.mapping,
        [
            None,
            Some(Field::Code),
            Some(Field::Name),
            Some(Field::BrandModel),
            Some(Field::SerialNo),
            Some(Field::Unit),
            Some(Field::AcquiredOn),
            Some(Field::UnitPrice),
            Some(Field::Location),
            Some(Field::Custodian),
            Some(Field::Status),
            Some(Field::Notes)
        ]
    );
    assert!(!first.remembered);
    assert!(first.preview[0].contains(&"ครุภัณฑ์สำนักงาน".to_owned()));
}

#[test]
fn the_dry_run_names_every_problem_by_sheet_and_row_and_writes_nothing() {
    let (register, officer) = sample();
    let before = audit_count(&register);
    let dry = register
        .dry_run_import(&officer, &messy(), &messy_plan(&register, &officer, false))
        .unwrap();
    assert_eq!(
        (dry.ready, dry.warnings, dry.errors, dry.skipped),
        (5, 2, 5, 5)
    );
    assert_eq!(dry.items, 16, "5 ready + 1 numbered + 10 traffic cones");
    let verdict = |sheet: &str, row: u32| {
        dry.rows
            .iter()
            .find(|v| v.sheet == sheet && v.row == row)
            .unwrap()
    };
    let codes = |sheet: &str, row: u32| {
        verdict(sheet, row)
            .issues
            .iter()
            .map(|i| i.code.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(codes("สำนักปลัด", 5), ["heading"]);
    assert_eq!(codes("สำนักปลัด", 9), ["subtotal"]);
    assert_eq!(codes("สำนักปลัด", 10), ["blank"]);
    assert_eq!(codes("สำนักปลัด", 13), ["bad_date"]);
    assert_eq!(codes("สำนักปลัด", 14), ["duplicate_in_file"]);
    assert_eq!(codes("สำนักปลัด", 15)[0], "negative_price");
    assert_eq!(codes("สำนักปลัด", 16)[0], "future_date");
    assert_eq!(codes("สำนักปลัด", 17), ["will_number"]);
    assert_eq!(codes("กองช่าง", 3), ["many_items"]);
    assert_eq!(codes("กองช่าง", 4), ["unknown_category"]);
    assert_eq!(
        verdict("สำนักปลัด", 14).issues[0].message,
        "the same code as 416-67-0501 in row 12"
    );
    // Values as they will be stored.
    let chair = verdict("สำนักปลัด", 7).asset.clone().unwrap();
    assert_eq!(chair.code, "401-67-0502");
    assert_eq!(chair.name, "เก้าอี้สำนักงาน");
    assert_eq!(chair.category, "ครุภัณฑ์สำนักงาน");
    assert_eq!(
        chair.sources.category,
        Some(Source::Heading),
        "its category comes from the sub-heading"
    );
    assert_eq!(chair.acquired_on, NaiveDate::from_ymd_opt(2024, 3, 15));
    assert_eq!(chair.unit_price, Some(crate::money::Satang(250_000)));
    let laptop = verdict("สำนักปลัด", 12).asset.clone().unwrap();
    assert_eq!(
        laptop.acquired_on,
        NaiveDate::from_ymd_opt(2024, 6, 10),
        "B.E. year in a date cell corrected"
    );
    assert_eq!(
        (laptop.brand.as_str(), laptop.model.as_str()),
        ("Acer", "Aspire 5")
    );
    assert_eq!(audit_count(&register), before);
    assert_eq!(asset_count(&register, &officer), 0);
}

#[test]
fn one_bad_row_stops_the_import_until_the_user_decides() {
    let (register, officer) = sample();
    let before = audit_count(&register);
    let request = ImportRequest {
        source: messy(),
        plan: messy_plan(&register, &officer, false),
        only_valid_rows: false,
    };
    let err = register.import(&officer, &request).unwrap_err();
    assert_eq!(err.code(), "import_has_errors");
    assert_eq!(err.details()["rows"], 5);
    assert_eq!(asset_count(&register, &officer), 0);
    assert_eq!(audit_count(&register), before);
}

#[test]
fn importing_the_valid_rows_makes_one_batch_with_numbered_codes() {
    let (register, officer) = sample();
    let request = ImportRequest {
        source: messy(),
        plan: messy_plan(&register, &officer, false),
        only_valid_rows: true,
    };
    let before = audit_count(&register);
    let report = register.import(&officer, &request).unwrap();
    assert_eq!(
        (report.items, report.rows, report.rows_left_out),
        (16, 7, 5)
    );
    assert_eq!(asset_count(&register, &officer), 16);
    assert_eq!(
        audit_count(&register),
        before + 1,
        "one audit entry for the whole batch"
    );
    let find = |text: &str| {
        register
            .list_assets(
                &officer,
                &AssetQuery {
                    text: Some(text.into()),
                    limit: 50,
                    sort: crate::assets::AssetSort::Code,
                    ..Default::default()
                },
            )
            .unwrap()
            .rows
    };
    assert_eq!(find("401-67-0502")[0].name, "เก้าอี้สำนักงาน");
    assert_eq!(
        find("เครื่องสำรองไฟฟ้า")[0].code,
        "416-67-0502",
        "numbered after the file's own 416-67-0501"
    );
    let cones = find("กรวยจราจร");
    assert_eq!(cones.len(), 10);
    assert_eq!(cones[0].code, "407-66-0502");
    assert_eq!(cones[9].code, "407-66-0511");
    assert_eq!(
        cones[0].division_name.as_deref(),
        Some("กองช่าง"),
        "the sheet's division"
    );
    assert_eq!(
        find("คำแก้ว").len(),
        find("นายสุรชัย").len(),
        "custodians are in the bulk-built index"
    );
    assert!(!find("คำแก้ว").is_empty());
    let desk = &find("โต๊ะทำงานเหล็ก")[0];
    assert_eq!(desk.custodian_name.as_deref(), Some("นายสุรชัย คำแก้ว"));
    assert_eq!(desk.location_name.as_deref(), Some("ห้องปลัด อบต."));
    assert_eq!(desk.division_name.as_deref(), Some("สำนักปลัด"));
    let batches = register.import_batches(&officer).unwrap();
    assert_eq!(batches[0].items, 16);
    assert_eq!(batches[0].sheets, ["สำนักปลัด", "กองช่าง"]);
    // Importing the same file again: every code is now taken.
    let again = register
        .dry_run_import(&officer, &messy(), &request.plan)
        .unwrap();
    let dups = again
        .rows
        .iter()
        .filter(|v| v.issues.iter().any(|i| i.code == "duplicate_code"))
        .count();
    // The 6 codes imported from the file, and 416-67-0502, which the numbered UPS took.
    assert_eq!(dups, 7);
}

#[test]
fn missing_categories_can_be_created() {
    let (register, officer) = sample();
    let plan = messy_plan(&register, &officer, true);
    let dry = register.dry_run_import(&officer, &messy(), &plan).unwrap();
    assert_eq!(dry.new_categories, ["ครุภัณฑ์งานสวน"]);
    assert_eq!(dry.errors, 4);
    let report = register
        .import(
            &officer,
            &ImportRequest {
                source: messy(),
                plan,
                only_valid_rows: true,
            },
        )
        .unwrap();
    assert_eq!(report.created, ["ครุภัณฑ์งานสวน"]);
    let garden = register
        .list_categories(&officer)
        .unwrap()
        .into_iter()
        .find(|c| c.name == "ครุภัณฑ์งานสวน")
        .unwrap();
    assert_eq!(garden.type_code, "420", "from the item's code");
}

#[test]
fn a_name_the_register_lacks_can_mean_an_existing_category() {
    let (register, officer) = sample();
    let mut plan = messy_plan(&register, &officer, false);
    let before = register.dry_run_import(&officer, &messy(), &plan).unwrap();
    let unknown = |dry: &DryRun| {
        dry.rows
            .iter()
            .filter(|r| r.issues.iter().any(|i| i.code == "unknown_category"))
            .count()
    };
    assert!(
        unknown(&before) > 0,
        "the garden tools' category is not in the register"
    );
    let tools = register
        .list_categories(&officer)
        .unwrap()
        .into_iter()
        .find(|c| c.type_code == "407")
        .unwrap();
    plan.aliases = vec![NameAlias {
        kind: AliasKind::Category,
        name: " ครุภัณฑ์งานสวน ".into(),
        id: tools.id.0,
    }];
    let after = register.dry_run_import(&officer, &messy(), &plan).unwrap();
    assert_eq!(unknown(&after), 0);
    assert!(after.new_categories.is_empty());
    assert_eq!(after.errors, before.errors - unknown(&before) as u32);
    // An alias to nothing is refused by name.
    plan.aliases[0].id = 999_999;
    let err = register
        .dry_run_import(&officer, &messy(), &plan)
        .unwrap_err();
    assert_eq!(err.details()["field"], "aliases");
}

#[test]
fn a_batch_is_undone_whole_and_only_while_untouched() {
    let (register, officer) = sample();
    let plan = messy_plan(&register, &officer, false);
    let first = register
        .import(
            &officer,
            &ImportRequest {
                source: messy(),
                plan: plan.clone(),
                only_valid_rows: true,
            },
        )
        .unwrap();
    assert_eq!(register.undo_import(&officer, first.batch_id).unwrap(), 16);
    assert_eq!(asset_count(&register, &officer), 0);
    assert!(
        register.undo_import(&officer, first.batch_id).is_err(),
        "not twice"
    );
    let second = register
        .import(
            &officer,
            &ImportRequest {
                source: messy(),
                plan,
                only_valid_rows: true,
            },
        )
        .unwrap();
    let desk = register
        .list_assets(
            &officer,
            &AssetQuery {
                text: Some("401-67-0501".into()),
                limit: 1,
                ..Default::default()
            },
        )
        .unwrap()
        .rows
        .remove(0);
    let detail = register.asset_detail(&officer, desk.id).unwrap();
    let mut input = AssetInput {
        code: detail.asset.code.clone(),
        name: "โต๊ะทำงานเหล็ก (แก้ไข)".into(),
        category_id: Some(detail.asset.category_id),
        acquired_on: Some(detail.asset.acquired_on),
        unit_price: detail.asset.unit_price,
        ..Default::default()
    };
    input.division_id = detail.asset.division_id;
    register
        .update_asset(
            &officer,
            &AssetUpdate {
                id: desk.id,
                asset: input,
            },
        )
        .unwrap();
    // An item created after an import is indexed as it is inserted again.
    let mut after = AssetInput {
        name: "เครื่องทำลายเอกสาร".into(),
        category_id: Some(detail.asset.category_id),
        acquired_on: Some(detail.asset.acquired_on),
        unit_price: detail.asset.unit_price,
        ..Default::default()
    };
    after.division_id = detail.asset.division_id;
    let made = register
        .create_assets(
            &officer,
            &records::NewAssets {
                asset: after,
                count: 1,
            },
        )
        .unwrap();
    let found = register
        .list_assets(
            &officer,
            &AssetQuery {
                text: Some("ทำลายเอกสาร".into()),
                limit: 5,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(found.rows[0].id, made[0].id);
    let err = register.undo_import(&officer, second.batch_id).unwrap_err();
    assert!(
        err.to_string().contains("1 imported items were changed"),
        "{err}"
    );
    assert_eq!(asset_count(&register, &officer), 17);
    assert!(
        register.verify_audit(&officer).is_err(),
        "officers do not read the audit log"
    );
}

#[test]
fn the_mapping_is_remembered_for_the_same_layout() {
    let (register, officer) = sample();
    let mut plan = messy_plan(&register, &officer, false);
    plan.sheets[0].mapping[11] = None; // the user chose not to import หมายเหตุ
    register
        .import(
            &officer,
            &ImportRequest {
                source: messy(),
                plan,
                only_valid_rows: true,
            },
        )
        .unwrap();
    let again = register.inspect_import(&officer, &messy()).unwrap();
    assert!(again.sheets[0].remembered);
    assert_eq!(again.sheets[0].mapping[11], None);
}

#[test]
fn legacy_csv_in_windows_874() {
    let (register, officer) = sample();
    let source = ImportSource::from_bytes("export.csv", WINDOWS_874);
    let inspection = register.inspect_import(&officer, &source).unwrap();
    assert_eq!(inspection.format, "csv (Windows-874)");
    assert_eq!(inspection.sheets[0].header_row, Some(2));
    let dry = register
        .dry_run_import(&officer, &source, &plan_of(&inspection, &["export"], false))
        .unwrap();
    assert_eq!(
        (dry.ready, dry.errors, dry.skipped),
        (3, 0, 1),
        "{:?}",
        dry.rows
    );
    let printer = dry
        .rows
        .iter()
        .find(|v| v.row == 4)
        .unwrap()
        .asset
        .clone()
        .unwrap();
    assert_eq!(
        printer.acquired_on,
        NaiveDate::from_ymd_opt(2022, 1, 15),
        "Thai-digit B.E. date"
    );
    assert_eq!(printer.unit_price, Some(crate::money::Satang(429_000)));
    assert_eq!(printer.division, "กองคลัง");
}

#[test]
fn utf8_csv_with_semicolons_and_spaced_thousands() {
    let (register, officer) = sample();
    let source = ImportSource::from_bytes("medical.csv", UTF8_SEMICOLON);
    let inspection = register.inspect_import(&officer, &source).unwrap();
    let dry = register
        .dry_run_import(
            &officer,
            &source,
            &plan_of(&inspection, &["medical"], false),
        )
        .unwrap();
    let row = dry.rows[0].asset.clone().unwrap();
    assert_eq!(
        dry.rows[0].status,
        RowStatus::Ready,
        "{:?}",
        dry.rows[0].issues
    );
    assert_eq!(row.unit_price, Some(crate::money::Satang(290_000)));
    assert_eq!(row.acquired_on, NaiveDate::from_ymd_opt(2023, 6, 12));
}

#[test]
fn files_that_cannot_be_imported_are_refused_by_name() {
    let (register, officer) = sample();
    for (name, bytes) in [
        ("empty.csv", &b""[..]),
        ("photo.xlsx", &b"\x89PNG\r\n\x1a\n...."[..]),
    ] {
        let err = register
            .inspect_import(&officer, &ImportSource::from_bytes(name, bytes))
            .unwrap_err();
        let field = err.details()["field"].as_str().unwrap().to_owned();
        assert!(field.starts_with("file."), "{name}: {field}");
    }
    let inspection = register.inspect_import(&officer, &messy()).unwrap();
    let mut plan = plan_of(&inspection, &["สำนักปลัด"], false);
    plan.sheets[0].mapping[2] = None;
    let err = register
        .dry_run_import(&officer, &messy(), &plan)
        .unwrap_err();
    assert_eq!(
        err.details()["field"],
        "mapping",
        "the name column is required"
    );
}

#[test]
fn only_register_keepers_may_import() {
    let (register, _officer) = sample();
    let viewer = register
        .login(&crate::auth::LoginInput {
            username: "staff".into(),
            password: "demo1234".into(),
        })
        .unwrap()
        .actor();
    let err = register.inspect_import(&viewer, &messy()).unwrap_err();
    assert_eq!(err.code(), "permission_denied");
    let _ = Role::Viewer;
    let _ = AssetStatus::InUse;
}

#[test]
fn a_batch_with_an_item_on_a_loan_slip_is_not_undone() {
    let (register, officer) = sample();
    let plan = messy_plan(&register, &officer, false);
    let first = register
        .import(
            &officer,
            &ImportRequest {
                source: messy(),
                plan,
                only_valid_rows: true,
            },
        )
        .unwrap();
    // While one of its items is on a loan slip, the batch stays whole.
    let lent = register
        .list_assets(
            &officer,
            &AssetQuery {
                limit: 1,
                ..Default::default()
            },
        )
        .unwrap()
        .rows
        .remove(0);
    let borrower = register
        .list_staff(&officer, &Default::default())
        .unwrap()
        .remove(0);
    let today = register.clock().today();
    register
        .create_loan(
            &officer,
            &crate::loans::LoanRequest {
                kind: crate::loans::LoanKind::Inside,
                borrower_id: Some(borrower.id),
                agency_name: String::new(),
                agency_letter_no: String::new(),
                purpose: "ประชุมประชาคมหมู่บ้าน".into(),
                place_of_use: "ศาลาประชาคม".into(),
                starts_on: today,
                due_on: today,
                long_loan_reason: String::new(),
                notes: String::new(),
                asset_ids: vec![lent.id],
                paper_no: String::new(),
                submit: false,
                undertaking: true,
            },
        )
        .unwrap();
    let err = register.undo_import(&officer, first.batch_id).unwrap_err();
    assert!(
        matches!(&err, Error::InvalidValue { field, .. } if field == "batchId.loans"),
        "{err:?}"
    );
    assert_eq!(asset_count(&register, &officer), 16);
    // Cancelling the request does not change that: the slip is a record.
    let loan = register
        .list_loans(&officer, &Default::default())
        .unwrap()
        .remove(0);
    register
        .cancel_loan(
            &officer,
            &crate::loans::Cancellation {
                loan_id: loan.id,
                reason: "เลื่อนการประชุม".into(),
            },
        )
        .unwrap();
    let err = register.undo_import(&officer, first.batch_id).unwrap_err();
    assert!(err.to_string().contains("on loan slips"), "{err}");
    assert_eq!(asset_count(&register, &officer), 16);
}

/// A CSV of `rows` chairs (with codes) and, if `bad_row` is given, a negative price there.
fn chairs_csv(rows: usize, bad_row: Option<usize>) -> ImportSource {
    let mut text = String::from("รหัสครุภัณฑ์,รายการ,ประเภท,วันที่ได้มา,ราคาต่อหน่วย\n");
    for i in 1..=rows {
        let price = if Some(i) == bad_row { "-1" } else { "2500" };
        text.push_str(&format!(
            "401-67-{i:04},เก้าอี้สำนักงาน,ครุภัณฑ์สำนักงาน,15/03/2567,{price}\n"
        ));
    }
    ImportSource::from_bytes("chairs.csv", text.as_bytes())
}

pub(super) fn plan_for(register: &Register, officer: &Actor, source: &ImportSource) -> ImportPlan {
    let inspection = register.inspect_import(officer, source).unwrap();
    let names: Vec<&str> = inspection.sheets.iter().map(|s| s.name.as_str()).collect();
    plan_of(&inspection, &names, false)
}

#[test]
fn rows_judged_while_earlier_ones_are_written_still_import_all_or_nothing() {
    // More rows than one hand-over between the judging and the writing thread, with the
    // only bad row last: by then the writer has staged everything before it.
    let (register, officer) = sample();
    let before = audit_count(&register);
    let source = chairs_csv(2_000, Some(2_000));
    let plan = plan_for(&register, &officer, &source);
    let refused = register
        .import(
            &officer,
            &ImportRequest {
                source: source.clone(),
                plan: plan.clone(),
                only_valid_rows: false,
            },
        )
        .unwrap_err();
    assert_eq!(refused.details()["rows"], 1);
    assert_eq!(asset_count(&register, &officer), 0);
    assert!(register.import_batches(&officer).unwrap().is_empty());
    assert_eq!(audit_count(&register), before);
    // Asked for the valid rows only, every one of them is there, in file order.
    let report = register
        .import(
            &officer,
            &ImportRequest {
                source,
                plan,
                only_valid_rows: true,
            },
        )
        .unwrap();
    assert_eq!((report.items, report.rows_left_out), (1_999, 1));
    assert_eq!(asset_count(&register, &officer), 1_999);
    let last = register
        .list_assets(
            &officer,
            &AssetQuery {
                text: Some("401-67-1999".into()),
                limit: 1,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(last.rows[0].code, "401-67-1999");
    assert_eq!(register.import_batches(&officer).unwrap()[0].items, 1_999);
}

#[test]
fn codes_outside_the_scheme_are_kept_with_a_warning_on_their_row() {
    let (register, officer) = sample();
    let issues_of = |register: &Register, text: &str| -> Vec<Vec<String>> {
        let source = ImportSource::from_bytes("codes.csv", text.as_bytes());
        let plan = plan_for(register, &officer, &source);
        register
            .dry_run_import(&officer, &source, &plan)
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.issues.into_iter().map(|i| i.code).collect())
            .collect()
    };
    let header = "รหัสครุภัณฑ์,รายการ,ประเภท,วันที่ได้มา,ราคาต่อหน่วย,ส่วนราชการ\n";
    // Bought in FY2567: 401-67-NNNN fits; the FY2560 one and the old style are kept,
    // each with a warning.
    let rows = issues_of(
        &register,
        &format!(
            "{header}401-67-0001,โต๊ะ,401,15/03/2567,2500,กองคลัง\n\
             401-60-0002,โต๊ะ,401,15/03/2567,2500,กองคลัง\n\
             ครุภัณฑ์ 3/2550,โต๊ะ,401,15/03/2567,2500,กองคลัง\n"
        ),
    );
    assert_eq!(rows[0], Vec::<String>::new());
    assert_eq!(rows[1], ["code_format"]);
    assert_eq!(rows[2], ["code_format"]);
    // With a division prefix in the scheme, the row's division decides what fits.
    register
        .update_register_settings(
            &officer,
            &crate::assets::RegisterSettings {
                code_template: "{div}{type}-{yy}-{seq:4}".into(),
                ..register.register_settings(&officer).unwrap()
            },
        )
        .unwrap();
    let rows = issues_of(
        &register,
        &format!(
            "{header}กค.401-67-0001,โต๊ะ,401,15/03/2567,2500,กองคลัง\n\
             กช.401-67-0002,โต๊ะ,401,15/03/2567,2500,กองคลัง\n"
        ),
    );
    assert_eq!(rows[0], Vec::<String>::new(), "กค. is กองคลัง's prefix");
    assert_eq!(rows[1], ["code_format"], "กช. is กองช่าง's");
}

#[test]
fn an_import_into_a_register_on_disk_keeps_a_checked_copy_first() {
    let dir = tempfile::tempdir().unwrap();
    let (register, officer) = sample_in(testing::register_on_file(dir.path()).0);
    let source = chairs_csv(3, None);
    let plan = plan_for(&register, &officer, &source);
    register
        .import(
            &officer,
            &ImportRequest {
                source,
                plan,
                only_valid_rows: false,
            },
        )
        .unwrap();
    let copies = crate::backup::copies::list(
        &crate::DataDir::at(dir.path()).backups_dir(),
        crate::backup::BackupPlace::Local,
    )
    .unwrap();
    assert_eq!(copies.len(), 1);
    assert_eq!(copies[0].reason, crate::backup::BackupReason::Import);
    // The copy is of the register before the import: none of the chairs.
    let copy = Register::open(
        crate::DataDir::at(dir.path())
            .backups_dir()
            .join(&copies[0].file_name),
    )
    .unwrap();
    assert_eq!(asset_count(&copy, &officer), 0);
    assert_eq!(asset_count(&register, &officer), 3);
}
