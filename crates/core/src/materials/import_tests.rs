//! Importing the office's materials Excel: a dry run writes nothing, a good file adds the
//! catalogue and opening balances, a file with any bad row writes nothing and names each
//! row's field; values in columns the import does not read are said on their row.

use chrono::NaiveDate;

use super::import::RowOutcome;
use super::{MaterialInput, MaterialQuery, Quantity};
use crate::auth::Role;
use crate::money::Satang;
use crate::register::Actor;
use crate::testing::{self, audit_count};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn officer() -> (crate::register::Register, Actor) {
    let (register, clock, admin) = testing::set_up();
    let officer = testing::user_with(&register, &admin, "officer", Role::SuppliesOfficer);
    clock.set(d(2025, 10, 2).and_hms_opt(3, 0, 0).unwrap().and_utc());
    (register, officer)
}

const GOOD: &str = "\
รหัสวัสดุ,รายการ,หน่วยนับ,ประเภท,จำนวนต่ำสุด,คงเหลือยกมา,ราคาต่อหน่วย,วันที่,ผู้ขาย
วส.001,กระดาษ A4 80 แกรม,รีม,วัสดุสำนักงาน,20,10,110.00,30/09/2568,หจก.เครื่องเขียน
ชพ.001,น้ำมันดีเซล,ลิตร,วัสดุเชื้อเพลิงและหล่อลื่น,0,12.5,32.50,30/09/2568,
วส.๐๐๒,ปากกา,ด้าม,วัสดุสำนักงาน,10,,,,
";

#[test]
fn a_dry_run_writes_nothing_and_a_good_file_adds_the_catalogue_with_its_balances() {
    let (register, officer) = officer();
    let before = audit_count(&register);
    let dry = register
        .import_materials(&officer, "วัสดุ.csv", GOOD.as_bytes(), d(2025, 9, 30), true)
        .unwrap();
    assert!(!dry.written);
    assert_eq!((dry.created, dry.openings, dry.refused), (3, 0, 0));
    assert_eq!(audit_count(&register), before, "a dry run leaves no trace");
    let all = |r: &crate::register::Register| {
        r.list_materials(&officer, &MaterialQuery::default())
            .unwrap()
    };
    assert!(all(&register).is_empty());
    // The vendor column is not read: its value is said on its row.
    assert_eq!(dry.rows[0].ignored, ["ผู้ขาย: หจก.เครื่องเขียน"]);

    let done = register
        .import_materials(&officer, "วัสดุ.csv", GOOD.as_bytes(), d(2025, 9, 30), false)
        .unwrap();
    assert!(done.written);
    let items = all(&register);
    assert_eq!(items.len(), 3);
    let paper = items.iter().find(|m| m.code == "วส.001").unwrap();
    assert_eq!(
        (paper.balance, paper.balance_value),
        (Quantity::units(10), Satang(110_000))
    );
    let fuel = items.iter().find(|m| m.code == "ชพ.001").unwrap();
    assert!(
        fuel.divisible,
        "a fraction in the file makes the item divisible"
    );
    assert_eq!(fuel.balance_value, Satang(40_625));
    // The pen came without a balance: an opening row for it later gives one.
    let later = "รหัส,หน่วยนับ,คงเหลือ,ราคาต่อหน่วย\nวส.002,ด้าม,24,5.00\n";
    let report = register
        .import_materials(
            &officer,
            "ยอดยกมา.csv",
            later.as_bytes(),
            d(2025, 9, 30),
            false,
        )
        .unwrap();
    assert_eq!(report.rows[0].outcome, RowOutcome::Opening);
    let pen = all(&register)
        .into_iter()
        .find(|m| m.code == "วส.๐๐๒")
        .unwrap();
    assert_eq!(pen.balance, Quantity::units(24));
}

#[test]
fn any_bad_row_writes_nothing_and_each_names_its_field() {
    let (register, officer) = officer();
    register
        .create_material(
            &officer,
            &MaterialInput {
                code: "วส.010".into(),
                name: "แฟ้ม".into(),
                unit: "แฟ้ม".into(),
                type_id: Some(register.list_material_types(&officer).unwrap()[0].id),
                ..MaterialInput::default()
            },
        )
        .unwrap();
    let bad = "\
รหัส,รายการ,หน่วยนับ,ประเภท,คงเหลือ,ราคาต่อหน่วย
วส.010,แฟ้ม,กล่อง,,5,95.00
วส.011,ซองจดหมาย,ซอง,วัสดุสำนักงาน,100,1.505
วส.012,ถ่าน,ก้อน,วัสดุที่ไม่มี,10,18.00
วส.013,ยางลบ,ก้อน,วัสดุสำนักงาน,สิบ,5.00
วส.014,ดินสอ,แท่ง,วัสดุสำนักงาน,1.5,6.00
วส.015,คลิป,กล่อง,วัสดุสำนักงาน,10,25.00
วส.๐๑๕,คลิปซ้ำ,กล่อง,วัสดุสำนักงาน,10,25.00
วส.016,เทปใส,ม้วน,วัสดุสำนักงาน,10,
";
    let before = audit_count(&register);
    let report = register
        .import_materials(&officer, "วัสดุ.csv", bad.as_bytes(), d(2025, 9, 30), false)
        .unwrap();
    assert!(!report.written);
    let fields: Vec<(u32, &str)> = report
        .rows
        .iter()
        .filter(|r| r.outcome == RowOutcome::Refused)
        .map(|r| (r.row, r.problems[0].field.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            (2, "unit"),      // the catalogue counts วส.010 in แฟ้ม
            (3, "unitPrice"), // three decimals
            (4, "type"),      // no such type
            (5, "quantity"),  // in words
            (8, "code"),      // วส.015 again, in Thai digits
            (9, "unitPrice"), // a balance without its price
        ]
    );
    // ดินสอ 1.5 แท่ง makes a divisible item (a judgement the officer sees as created).
    assert_eq!(report.rows[4].outcome, RowOutcome::Created);
    assert_eq!(report.rows[6].problems[0].code, "duplicate");
    assert_eq!(audit_count(&register), before, "nothing written");
    assert_eq!(
        register
            .list_materials(&officer, &MaterialQuery::default())
            .unwrap()
            .len(),
        1
    );
}
