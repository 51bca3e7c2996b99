//! The printouts of what follows the check, read back from the sample อบต.: the manual
//! with its flowchart (drawn from the rule table the loans obey), the acknowledgement
//! sheet, the disposal request and result, the notice to สตง., the public notice.

use crate::common;
use phatsadu_core::{Actor, Register};

fn sample() -> Register {
    common::sample_register()
}

fn login(register: &Register, username: &str) -> Actor {
    common::log_in(register, username)
}

/// The table's headings read "ลำดับ รหัส" on one line: the order column is wide enough for
/// its heading (too narrow, it printed "ลำ" over "ดับ", or "ลำดั" over "บ").
fn assert_order_heading_whole(path: &std::path::Path) {
    let lines = common::printed_lines(path);
    assert!(lines.iter().any(|l| l.starts_with("ลำดับ รหัส")), "{lines:?}");
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

#[test]
fn a_disposal_prints_its_request_result_and_notice_to_the_audit_office() {
    use phatsadu_core::disposal::{DisposalQuery, DisposalStatus};
    use phatsadu_forms::disposal::{DisposalDocument, disposal_document};
    let register = sample();
    let officer = login(&register, "officer");
    let rows = register
        .list_disposals(&officer, &DisposalQuery::default())
        .unwrap();
    let done = rows
        .iter()
        .find(|r| r.status == DisposalStatus::WrittenOff)
        .expect("the sample wrote one off");
    let waiting = rows
        .iter()
        .find(|r| r.status == DisposalStatus::Proposed)
        .expect("the sample has one waiting for the mayor");
    let d = register.disposal(&officer, done.id).unwrap();
    // The request: the list with cost and net book value, the method, the decision ticked.
    let request =
        disposal_document(&register, &officer, done.id, DisposalDocument::Request).unwrap();
    assert!(request.file_name.starts_with("รายงานขอจำหน่ายพัสดุ-"));
    let path = common::save("disposal-request", &request.bytes);
    let text = common::squash(&common::text_of(&path));
    for expected in [
        "บันทึกข้อความ",
        "รายงานขอจำหน่ายพัสดุ",
        "ราคาทุน",
        "มูลค่าสุทธิ",
        "วิธีจำหน่ายที่เสนอ",
        "ขายทอดตลาด",
        "อนุมัติตาม",
        &d.approval_no,
        &d.items[0].code,
        &d.total_cost.to_string(),
    ] {
        assert!(
            text.contains(&common::squash(expected)),
            "{expected}: {text}"
        );
    }
    assert_order_heading_whole(&path);
    common::render(&path, 1, 80);
    // The result: buyers, receipts, the proceeds' total, the write-off.
    let result = disposal_document(&register, &officer, done.id, DisposalDocument::Result).unwrap();
    let path = common::save("disposal-result", &result.bytes);
    let text = common::squash(&common::text_of(&path));
    for expected in [
        "รายงานผลการจำหน่ายพัสดุ",
        "ร้านเชียงรายรับซื้อของเก่า",
        "ใบเสร็จรับเงิน",
        &d.total_proceeds.to_string(),
        "ลงจ่ายพัสดุดังกล่าวออกจากบัญชี",
    ] {
        assert!(
            text.contains(&common::squash(expected)),
            "{expected}: {text}"
        );
    }
    assert_order_heading_whole(&path);
    common::render(&path, 1, 80);
    // The notice to สตง., to the office of the organisation's province.
    let notice = disposal_document(&register, &officer, done.id, DisposalDocument::Notice).unwrap();
    let path = common::save("disposal-notice", &notice.bytes);
    let text = common::squash(&common::text_of(&path));
    for expected in [
        "แจ้งการจำหน่ายพัสดุออกจากบัญชีหรือทะเบียน",
        "สำนักงานการตรวจเงินแผ่นดินจังหวัดเชียงราย",
        "ข้อ 218",
        &d.approval_no,
    ] {
        assert!(
            text.contains(&common::squash(expected)),
            "{expected}: {text}"
        );
    }
    assert_order_heading_whole(&path);
    common::render(&path, 1, 80);
    // A proposal not yet decided has a request with the boxes blank, no result, no notice.
    let blank =
        disposal_document(&register, &officer, waiting.id, DisposalDocument::Request).unwrap();
    let text = common::squash(&common::text_of(&common::save(
        "disposal-request-blank",
        &blank.bytes,
    )));
    assert!(!text.contains(&common::squash("อนุมัติตาม")));
    assert!(disposal_document(&register, &officer, waiting.id, DisposalDocument::Result).is_err());
    assert!(disposal_document(&register, &officer, waiting.id, DisposalDocument::Notice).is_err());
}

#[test]
fn the_public_notice_announces_the_annual_result() {
    use phatsadu_core::checks::RoundKind;
    let register = sample();
    let officer = login(&register, "officer");
    let annual = register
        .list_rounds(&officer, &Default::default())
        .unwrap()
        .into_iter()
        .find(|r| r.kind == RoundKind::Annual)
        .unwrap();
    let report = register.check_report(&officer, annual.id).unwrap();
    let notice =
        phatsadu_forms::disposal::public_notice_pdf(&register, &officer, annual.id).unwrap();
    let path = common::save("public-notice", &notice.bytes);
    let text = common::squash(&common::text_of(&path));
    for expected in [
        &format!("ประกาศ{}", "องค์การบริหารส่วนตำบลแม่กรณ์"),
        &format!(
            "ผลการตรวจสอบพัสดุประจำปีงบประมาณ พ.ศ. {}",
            report.round.fiscal_year
        ),
        &format!("ชำรุด {} รายการ", report.damaged),
        "จึงประกาศให้ทราบโดยทั่วกัน",
    ] {
        assert!(
            text.contains(&common::squash(expected)),
            "{expected}: {text}"
        );
    }
    common::render(&path, 1, 80);
    let periodic = register
        .list_rounds(&officer, &Default::default())
        .unwrap()
        .into_iter()
        .find(|r| r.kind == RoundKind::Periodic)
        .unwrap();
    assert!(phatsadu_forms::disposal::public_notice_pdf(&register, &officer, periodic.id).is_err());
}

#[test]
fn the_ita_cover_keeps_its_statement_with_its_signature_however_many_files() {
    use phatsadu_forms::forms::evidence::{CoverLine, pack_cover};
    let register = sample();
    let officer = login(&register, "officer");
    let head = phatsadu_forms::printing::letterhead(&register, &officer).unwrap();
    let mut page_counts = Vec::new();
    // From a cover on one page to one whose table runs onto a second, two files at a time:
    // somewhere in between the table ends near the foot of the first page.
    for files in (8..=44).step_by(2) {
        let lines: Vec<CoverLine> = (1..=files)
            .map(|n| CoverLine {
                name: format!("{n:02}-รายงานผลการตรวจสอบพัสดุ-กองช่าง.pdf"),
                title: "รายงานผลการตรวจสอบพัสดุประจำปี".into(),
                bytes: 123_456,
                sha256: format!("{n:064x}"),
            })
            .collect();
        let pdf = pack_cover(&head, 2569, &lines, &"ab".repeat(32), 1408, "6 ธันวาคม 2569").unwrap();
        let path = common::save("ita-cover-many-files", &pdf);
        let pages = common::pages_text(&path);
        let signed = pages
            .iter()
            .position(|p| p.contains("ผู้จัดทำ"))
            .unwrap_or_else(|| panic!("{files} files: no signature"));
        let page = common::squash(&pages[signed]);
        for said in [
            "บันทึกการใช้งาน(auditlog)",
            "วิธีตรวจสอบ",
            "หน้าตรวจสอบความถูกต้องของบันทึกการใช้งาน",
        ] {
            assert!(
                page.contains(said),
                "{files} files: the signature is on page {} without {said:?}",
                signed + 1
            );
        }
        page_counts.push(pages.len());
    }
    assert!(
        page_counts.contains(&1) && page_counts.iter().any(|&n| n > 1),
        "the range spans one page and more: {page_counts:?}"
    );
}
