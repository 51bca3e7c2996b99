//! A check round's printouts from the sample อบต., read back as a committee would: the
//! sheets carry every line, the loan slips of items out, the round and each checker on every
//! page, QR codes that scan to their codes; the report, the order and form 7 say what the
//! round found; the workbook opens with its three sheets.

use crate::common;
use chrono::NaiveDate;
use phatsadu_core::checks::{
    CloseRound, LineFilter, LineQuery, MemberInput, MemberRole, RoundInput, RoundKind, RoundScope,
    ScanInput,
};
use phatsadu_core::ids::{PersonId, RoundId};
use phatsadu_core::loans::{LoanQuery, LoanStatus};
use phatsadu_core::{Actor, FixedClock, Register};
use phatsadu_forms::checks;
use phatsadu_forms::forms::check_sheet::SheetOptions;

fn log_in(register: &Register, username: &str) -> Actor {
    common::log_in(register, username)
}

fn person(register: &Register, actor: &Actor, first: &str) -> PersonId {
    register
        .list_staff(actor, &Default::default())
        .unwrap()
        .into_iter()
        .find(|p| p.first_name == first)
        .unwrap()
        .id
}

/// The sample organisation on 20 Nov 2026, and a periodic round of the division holding an
/// item that is out on a loan, opened, counted by committee1 and committee2.
fn round() -> (Register, Actor, RoundId) {
    let clock = std::sync::Arc::new(FixedClock::on_date(
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
    ));
    let register = Register::open_in_memory_with_clock(clock).unwrap();
    register
        .load_sample_data(&Actor::System("test".into()))
        .unwrap();
    let officer = log_in(&register, "officer");
    let out = register
        .list_loans(&officer, &LoanQuery::default())
        .unwrap()
        .into_iter()
        .find(|l| l.status == LoanStatus::Out)
        .unwrap();
    let loan = register.loan_detail(&officer, out.id).unwrap();
    let lent = register
        .asset_detail(&officer, loan.items[0].asset_id)
        .unwrap()
        .asset;
    let division = lent.division_id.unwrap();
    let round = register
        .create_round(
            &officer,
            &RoundInput {
                kind: RoundKind::Periodic,
                name: "ตรวจนับประจำไตรมาส 1/2570".into(),
                fiscal_year: None,
                as_of: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
                starts_on: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
                ends_on: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
                scope: RoundScope {
                    division_ids: vec![division],
                    ..Default::default()
                },
                members: ["ธนากร", "ณัฐพล"]
                    .iter()
                    .map(|f| MemberInput {
                        person_id: person(&register, &officer, f),
                        role: MemberRole::Checker,
                    })
                    .collect(),
                order_no: String::new(),
                order_date: None,
                order_signer: String::new(),
                officer_id: None,
                notes: String::new(),
            },
        )
        .unwrap();
    register.open_round(&officer, round.id).unwrap();
    (register, officer, round.id)
}

fn lines(
    register: &Register,
    officer: &Actor,
    round: RoundId,
) -> Vec<phatsadu_core::checks::CheckLine> {
    register
        .round_lines(
            officer,
            &LineQuery {
                round_id: round,
                division_id: None,
                location_id: None,
                filter: LineFilter::All,
                text: None,
                offset: 0,
                limit: 1000,
            },
        )
        .unwrap()
        .rows
}

#[test]
fn a_check_sheet_carries_every_line_and_is_signed_on_every_page() {
    let (register, officer, round) = round();
    let all = lines(&register, &officer, round);
    assert!(all.len() > 10, "{} lines", all.len());
    let printout =
        checks::check_sheets(&register, &officer, round, None, SheetOptions::default()).unwrap();
    assert!(printout.file_name.starts_with("ใบตรวจนับ-"));
    let path = common::save("check-sheet", &printout.bytes);
    let text = common::squash(&common::text_of(&path));
    assert!(text.contains("ใบตรวจนับพัสดุ"));
    for line in &all {
        assert!(text.contains(&line.code), "{}", line.code);
    }
    let lent = all
        .iter()
        .find(|l| l.loan_no.is_some())
        .expect("an item out on loan");
    assert!(
        text.contains(&common::squash(&format!(
            "ยืมตามใบยืม {}",
            lent.loan_no.as_deref().unwrap()
        ))),
        "the loan slip is marked"
    );
    assert!(text.contains("รายการที่ตรวจพบแต่ไม่มีในใบตรวจนับ"));
    let pages = common::pages_text(&path);
    assert!(pages.len() >= 2);
    for (i, page) in pages.iter().enumerate() {
        let page = common::squash(page);
        assert!(
            page.contains("ตรวจนับประจำไตรมาส1/2570"),
            "page {} names the round",
            i + 1
        );
        for name in ["นายธนากรปัญญาดี", "นายณัฐพลเรือนคำ"]
        {
            assert!(
                page.contains(name),
                "page {} is initialled by {name}",
                i + 1
            );
        }
        assert!(page.contains(&format!("หน้า{}/{}", i + 1, pages.len())));
    }
    // Every QR code on the first page scans to a code printed on it.
    let png = common::render(&path, 1, 200);
    let image = image::open(&png).unwrap().to_luma8();
    let mut prepared = rqrr::PreparedImage::prepare(image);
    let scanned: Vec<String> = prepared
        .detect_grids()
        .into_iter()
        .filter_map(|g| g.decode().ok().map(|(_, content)| content))
        .collect();
    let first = common::squash(&pages[0]);
    assert!(scanned.len() >= 3, "{scanned:?}");
    for code in &scanned {
        assert!(
            all.iter().any(|l| &l.code == code),
            "{code} is a line of the round"
        );
        assert!(first.contains(code.as_str()), "{code} is printed on page 1");
    }
    common::render(&path, 1, 80);
}

#[test]
fn sheets_print_one_file_per_division_and_with_the_counts_ticked() {
    let (register, officer, round) = round();
    let files =
        checks::check_sheets_per_division(&register, &officer, round, SheetOptions::default())
            .unwrap();
    assert_eq!(files.len(), 1, "the round covers one division");
    let committee = log_in(&register, "committee1");
    let all = lines(&register, &officer, round);
    register
        .scan(
            &committee,
            &ScanInput {
                round_id: round,
                code: all[0].code.clone(),
                location_id: all[1].location_id,
                condition: None,
            },
        )
        .unwrap();
    let ticked = checks::check_sheets(
        &register,
        &officer,
        round,
        None,
        SheetOptions { with_results: true },
    )
    .unwrap();
    let path = common::save("check-sheet-counted", &ticked.bytes);
    let text = common::squash(&common::text_of(&path));
    if all[0].location_id != all[1].location_id {
        assert!(text.contains("พบที่"), "where it was found is noted");
    }
    // A viewer prints the sheets too.
    let viewer = log_in(&register, "staff");
    assert!(checks::check_sheets(&register, &viewer, round, None, SheetOptions::default()).is_ok());
}

#[test]
fn the_report_order_and_summary_say_what_was_found() {
    let (register, officer, round) = round();
    let checker = log_in(&register, "committee2");
    let all = lines(&register, &officer, round);
    for line in all.iter().take(3) {
        register
            .scan(
                &checker,
                &ScanInput {
                    round_id: round,
                    code: line.code.clone(),
                    location_id: None,
                    condition: None,
                },
            )
            .unwrap();
    }
    register
        .close_round(
            &checker,
            &CloseRound {
                round_id: round,
                rest_not_found: true,
            },
        )
        .unwrap();
    let report = checks::report(&register, &officer, round).unwrap();
    let path = common::save("check-report", &report.bytes);
    let text = common::squash(&common::text_of(&path));
    for words in [
        "บันทึกข้อความ",
        "รายงานผลการตรวจนับพัสดุ",
        "บัญชีครุภัณฑ์คงเหลือ",
        "บัญชีพัสดุชำรุดเสื่อมสภาพสูญไปหรือไม่จำเป็นต้องใช้",
        "รวมทั้งสิ้น",
        "สอบหาข้อเท็จจริง",
        "นายธนากรปัญญาดี",
        "ความเห็นของหัวหน้าหน่วยงานของรัฐ",
    ] {
        assert!(text.contains(words), "{words}");
    }
    assert!(text.contains(&format!("ครุภัณฑ์ตามทะเบียน{}รายการ", all.len())));
    // Lines break between words a reader keeps together only where they must: never
    // "ณ วัน|ที่" or "ณ | วันที่", nor a post's level ("นายช่างโยธาชำนาญ|งาน" under a signature).
    for pair in common::printed_lines(&path).windows(2) {
        assert!(
            !(pair[0].ends_with("วัน") && pair[1].starts_with("ที่")),
            "{pair:?}"
        );
        assert!(!pair[0].ends_with("ชำนาญ"), "{pair:?}");
        assert!(!pair[0].ends_with(" ณ"), "{pair:?}");
    }
    common::render(&path, 1, 80);
    common::render(&path, 2, 80);
    // The workbook of the report.
    let (bytes, name) = checks::report_workbook(&register, &officer, round).unwrap();
    assert!(name.ends_with(".xlsx"));
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["บัญชีครุภัณฑ์คงเหลือ", "บัญชีพัสดุชำรุด", "รายการตรวจนับ"]
    );
    let counted = book.worksheet_range("รายการตรวจนับ").unwrap();
    assert_eq!(
        counted.height(),
        all.len() + 5,
        "three title lines, a blank, the header and the lines"
    );
    // Form 7 for the fiscal year, and the order of an annual round.
    let summary = checks::periodic_summary(&register, &officer, 2570).unwrap();
    let path = common::save("check-periodic-summary", &summary.bytes);
    let text = common::squash(&common::text_of(&path));
    assert!(text.contains("สรุปผลการตรวจนับพัสดุประจำงวด") && text.contains("ตรวจนับประจำไตรมาส1/2570"));
    assert!(
        checks::appointment_order(&register, &officer, round).is_err(),
        "a periodic round has no order"
    );
}

#[test]
fn the_appointment_order_names_the_committee_and_the_deadline() {
    let (register, officer, _) = round();
    let p = register.propose_annual_round(&officer, 2568).unwrap();
    let annual = register
        .create_round(
            &officer,
            &RoundInput {
                kind: RoundKind::Annual,
                name: p.name.clone(),
                fiscal_year: Some(2568),
                as_of: p.as_of,
                starts_on: p.starts_on,
                ends_on: p.starts_on,
                scope: RoundScope::default(),
                members: [
                    ("ธนากร", MemberRole::Chair),
                    ("ณัฐพล", MemberRole::Member),
                    ("ปวีณา", MemberRole::Secretary),
                ]
                .iter()
                .map(|(f, role)| MemberInput {
                    person_id: person(&register, &officer, f),
                    role: *role,
                })
                .collect(),
                order_no: "245/2568".into(),
                order_date: Some(p.order_date),
                order_signer: "นายประเสริฐ ใจมั่น".into(),
                officer_id: p.officer_id,
                notes: String::new(),
            },
        )
        .unwrap();
    let order = checks::appointment_order(&register, &officer, annual.id).unwrap();
    let path = common::save("check-order", &order.bytes);
    let text = common::squash(&common::text_of(&path));
    for words in [
        "คำสั่งองค์การบริหารส่วนตำบลแม่กรณ์",
        "ที่245/2568",
        "แต่งตั้งคณะกรรมการตรวจสอบพัสดุประจำปีงบประมาณ2568",
        "นายธนากรปัญญาดี",
        "ประธานกรรมการ",
        "กรรมการและเลขานุการ",
        "30วันทำการ",
        "นายประเสริฐใจมั่น",
    ] {
        assert!(text.contains(words), "{words}");
    }
    common::render(&path, 1, 80);
}

#[test]
fn the_annual_report_carries_the_materials_counted_and_the_year_received_and_issued() {
    use phatsadu_core::materials::count::{MaterialCountInput, MaterialCountStart};
    let register = common::sample_register();
    let officer = log_in(&register, "officer");
    let chair = log_in(&register, "committee1");
    let annual = register
        .list_rounds(&officer, &Default::default())
        .unwrap()
        .into_iter()
        .find(|r| r.kind == RoundKind::Annual)
        .unwrap();
    let count = register
        .start_material_count(
            &officer,
            &MaterialCountStart {
                round_id: annual.id,
                blind: false,
            },
        )
        .unwrap();
    let first = &count.lines[0];
    register
        .count_material(
            &chair,
            &MaterialCountInput {
                round_id: annual.id,
                material_id: first.material_id,
                counted: first.book.unwrap(),
            },
        )
        .unwrap();
    // The count sheets: a store to a section, the book printed (not a blind count).
    let sheets = phatsadu_forms::materials::count_sheets(&register, &officer, annual.id).unwrap();
    let sheet_path = common::save("material-count-sheets", &sheets.bytes);
    let sheet_text = common::squash(&common::text_of(&sheet_path));
    for expected in [
        "ใบตรวจนับวัสดุ",
        "ห้องพัสดุ",
        "จำนวนตามบัญชี",
        "ตรวจนับได้",
        "ผลต่าง",
        "ประธานกรรมการ",
    ] {
        assert!(
            sheet_text.contains(&common::squash(expected)),
            "{expected}: {sheet_text}"
        );
    }
    common::render(&sheet_path, 1, 80);
    let printout = checks::report(&register, &officer, annual.id).unwrap();
    let path = common::save("annual-report-materials", &printout.bytes);
    let text = common::squash(&common::text_of(&path));
    for expected in [
        "บัญชีวัสดุคงเหลือ",
        "จำนวนตามบัญชี",
        "จำนวนที่ตรวจนับได้",
        "รับวัสดุ",
        "จ่ายวัสดุ",
    ] {
        assert!(text.contains(&common::squash(expected)), "{expected}");
    }
    assert!(
        text.contains(&common::squash(&first.name)),
        "{}",
        first.name
    );
    // The year's receipts and issues are the sample's: some of each.
    let report = register.check_report(&officer, annual.id).unwrap();
    assert!(report.materials_year.receipts > 0 && report.materials_year.issues > 0);
    let page = common::pages_text(&path)
        .iter()
        .position(|p| p.contains("บัญชีวัสดุคงเหลือ"))
        .unwrap();
    common::render(&path, page + 1, 80);
    // The report's workbook carries the materials too: the count, and the year's movements.
    use calamine::{Data, Reader};
    let (bytes, _) = checks::report_workbook(&register, &officer, annual.id).unwrap();
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "บัญชีครุภัณฑ์คงเหลือ",
            "บัญชีพัสดุชำรุด",
            "รายการตรวจนับ",
            "บัญชีวัสดุคงเหลือ",
            "รับ-จ่ายวัสดุ"
        ]
    );
    let balances = book.worksheet_range("บัญชีวัสดุคงเหลือ").unwrap();
    let rows: Vec<&[Data]> = balances.rows().collect();
    let header = rows.iter().position(|r| r[0] == "ที่").unwrap();
    assert_eq!(rows.len() - header - 1, count.lines.len());
    let first_row = rows[header + 1];
    assert_eq!(first_row[1].to_string(), first.code);
    // Counted as the book: no difference, and the book's own value.
    assert_eq!(first_row[6], Data::Float(0.0));
    assert_eq!(
        first_row[8],
        Data::Float(first.book_value.unwrap().0 as f64 / 100.0)
    );
    let year = book.worksheet_range("รับ-จ่ายวัสดุ").unwrap();
    assert!(
        year.rows()
            .any(|r| r[0].to_string() == first.code && r.len() == 14),
        "the first item's year"
    );
}
