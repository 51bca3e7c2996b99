//! The printouts of what follows the check, read back from the sample อบต.: the manual
//! with its flowchart (drawn from the rule table the loans obey), the acknowledgement
//! sheet, the disposal request and result, the notice to สตง., the public notice.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::NaiveDate;
use phatsadu_core::{Actor, FixedClock, Register};

/// The sample organisation on 20 Nov 2026.
fn sample() -> Register {
    let clock = std::sync::Arc::new(FixedClock::on_date(
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
    ));
    let register = Register::open_in_memory_with_clock(clock).unwrap();
    register
        .load_sample_data(&Actor::System("test".into()))
        .unwrap();
    register
}

fn login(register: &Register, username: &str) -> Actor {
    register
        .login(&phatsadu_core::auth::LoginInput {
            username: username.into(),
            password: "demo1234".into(),
        })
        .unwrap()
        .actor()
}

#[test]
fn the_manual_prints_its_rules_and_a_flowchart_drawn_from_the_same_table() {
    let register = sample();
    let officer = login(&register, "officer");
    let started = std::time::Instant::now();
    let printout = phatsadu_forms::manual::manual_pdf(&register, &officer, false).unwrap();
    let took = started.elapsed();
    assert!(
        printout.file_name.contains("ฉบับที่1"),
        "{}",
        printout.file_name
    );
    let path = common::save("manual", &printout.bytes);
    let pages = common::pages_text(&path);
    let all = common::squash(&pages.join("\n"));
    for expected in [
        "คู่มือการใช้และการยืมทรัพย์สินของราชการ",
        "ฉบับที่ 1",
        "ข้อ ๒๐๗",
        "หัวหน้าหน่วยงานที่รับผิดชอบพัสดุนั้น",
        "ติดตามทวงคืนภายใน 7 วัน",
    ] {
        assert!(all.contains(&common::squash(expected)), "{expected}: {all}");
    }
    // The last page is the flowchart: its branches are the rule table's.
    let chart = common::squash(pages.last().unwrap());
    assert!(
        chart.contains(&common::squash("แผนผังขั้นตอนการยืมพัสดุ")),
        "{chart}"
    );
    assert!(chart.contains(&common::squash("เป็นกรณีใด")));
    assert!(chart.contains(&common::squash(
        "บุคคลยืมไปใช้นอกสถานที่ของหน่วยงาน / หน่วยงานของรัฐอื่นยืม"
    )));
    common::render(&path, pages.len(), 80);
    common::render(&path, 1, 80);
    println!("manual with its flowchart: {took:?}");

    // The rule changes: the draft's flowchart has one branch, every case to the agency head.
    {
        let conn = register.raw_connection_for_tests();
        conn.execute(
            "DELETE FROM loan_approval_rules WHERE kind = 'inside' AND approver = 'division_head'",
            [],
        )
        .unwrap();
    }
    let draft = phatsadu_forms::manual::manual_pdf(&register, &officer, true).unwrap();
    assert!(draft.file_name.contains("ร่าง"));
    let path = common::save("manual-draft", &draft.bytes);
    let pages = common::pages_text(&path);
    let chart = common::squash(pages.last().unwrap());
    assert!(
        chart.contains(&common::squash(
            "บุคคลยืมไปใช้ภายในสถานที่ของหน่วยงาน / บุคคลยืมไปใช้นอกสถานที่ของหน่วยงาน / หน่วยงานของรัฐอื่นยืม"
        )),
        "{chart}"
    );
    assert!(!common::squash(&pages.join("\n")).contains("หัวหน้าหน่วยงานที่รับผิดชอบพัสดุนั้น"));
    common::render(&path, pages.len(), 80);
}

#[test]
fn the_acknowledgement_sheet_lists_everyone_with_a_line_to_sign() {
    let register = sample();
    let officer = login(&register, "officer");
    let list = register.manual_acknowledgements(&officer).unwrap();
    let printout =
        phatsadu_forms::manual::acknowledgement_sheet_pdf(&register, &officer, false).unwrap();
    let path = common::save("acknowledgement-sheet", &printout.bytes);
    let text = common::squash(&common::text_of(&path));
    for expected in ["บัญชีลงนามรับทราบ", "ลายมือชื่อ", "รับทราบในโปรแกรม", "ลงนามแล้ว"]
    {
        assert!(text.contains(&common::squash(expected)), "{expected}");
    }
    for person in &list.people {
        assert!(
            text.contains(&common::squash(&person.name)),
            "{}",
            person.name
        );
    }
    common::render(&path, 1, 80);
    // Only those still to sign.
    let pending =
        phatsadu_forms::manual::acknowledgement_sheet_pdf(&register, &officer, true).unwrap();
    let text = common::squash(&common::text_of(&common::save(
        "acknowledgement-pending",
        &pending.bytes,
    )));
    assert!(!text.contains(&common::squash("รับทราบในโปรแกรม")));
}
