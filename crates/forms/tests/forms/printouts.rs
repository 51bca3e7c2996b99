//! Every form printed from the sample อบต. and read back as a person would: the text
//! copies out with the names, numbers and decisions in it, long lists continue on the
//! next page, and a label's QR code scans back to its asset code.

use crate::common;
use chrono::NaiveDate;
use phatsadu_core::assets::AssetQuery;
use phatsadu_core::loans::{LoanQuery, LoanStatus};
use phatsadu_core::print_settings::LabelStock;
use phatsadu_core::{Actor, Register};
use phatsadu_forms::printing;

/// The sample organisation (assets and loans in every state) on 20 Nov 2026.
fn sample() -> (Register, Actor) {
    let register = common::sample_register();
    let officer = common::log_in(&register, "officer");
    (register, officer)
}

fn text(name: &str, bytes: &[u8]) -> (std::path::PathBuf, String) {
    let path = common::save(name, bytes);
    let text = common::text_of(&path);
    (path, common::squash(&text))
}

#[test]
fn borrow_slips_carry_every_name_date_and_decision_known() {
    let (register, officer) = sample();
    let loans = register
        .list_loans(&officer, &LoanQuery::default())
        .unwrap();
    let mut delegated = false;
    for row in &loans {
        let loan = register.loan_detail(&officer, row.id).unwrap();
        let printout = printing::loan_slip(&register, &officer, row.id).unwrap();
        assert!(printout.file_name.starts_with("ใบยืมพัสดุ-") && printout.file_name.ends_with(".pdf"));
        let (_, t) = text(&format!("slip-{}", row.id.0), &printout.bytes);
        assert!(t.contains("ใบยืมพัสดุ"), "{t}");
        assert!(t.contains("องค์การบริหารส่วนตำบลแม่กรณ์"));
        assert!(
            t.contains(&common::squash(&loan.loan_no)),
            "slip number {}",
            loan.loan_no
        );
        assert!(
            t.contains(&common::squash(&loan.borrower_name)),
            "{}",
            loan.borrower_name
        );
        for item in &loan.items {
            assert!(
                t.contains(&item.code),
                "{} on slip {}",
                item.code,
                loan.loan_no
            );
        }
        if let Some(by) = &loan.decided_by_name {
            assert!(
                t.contains(&common::squash(by)),
                "approver {by} on {}",
                loan.loan_no
            );
        }
        if loan.decided_for_name.is_some() {
            delegated = true;
            assert!(
                t.contains("ปฏิบัติราชการแทน") || t.contains("รักษาราชการแทน"),
                "{t}"
            );
        }
        if loan.status == LoanStatus::Rejected {
            assert!(t.contains(&common::squash(&loan.decision_reason)));
        }
        assert!(t.contains("ข้อ208") && t.contains("ข้อ211"), "footnotes");
    }
    assert!(delegated, "the sample has a loan decided by a stand-in");
    // A slip of one or two items is one A4 sheet, its dates written in full, the year of
    // the regulation never apart from its พ.ศ., and the approver's post under their name.
    let mut two_items = 0;
    for row in loans.iter().filter(|l| l.items <= 2) {
        let slip = printing::loan_slip(&register, &officer, row.id).unwrap();
        let path = common::save(&format!("slip-short-{}", row.id.0), &slip.bytes);
        assert_eq!(
            common::page_count(&path),
            1,
            "slip {} of {} items",
            row.loan_no,
            row.items
        );
        two_items += usize::from(row.items == 2);
        let raw = common::text_of(&path);
        assert!(
            raw.contains("พ.ศ. 2560"),
            "พ.ศ. 2560 kept together on slip {}",
            row.loan_no
        );
        let loan = register.loan_detail(&officer, row.id).unwrap();
        let squashed = common::squash(&raw);
        assert!(
            squashed.contains(&common::squash(&phatsadu_core::calendar::format_date(
                loan.starts_on,
                phatsadu_core::calendar::DateStyle::Long,
                phatsadu_core::calendar::Digits::Arabic
            ))),
            "the first day in full on slip {}",
            row.loan_no
        );
        if loan.decided_for_name.is_none()
            && let Some(position) = &loan.decided_by_position
        {
            assert!(
                squashed.contains(&common::squash(position)),
                "{position} on slip {}",
                row.loan_no
            );
        }
    }
    assert!(two_items > 0, "the sample has a two-item slip");
    // One slip looked at: page 1 of the overdue loan's slip.
    let overdue = loans.iter().find(|l| l.overdue_days.is_some()).unwrap();
    let slip = printing::loan_slip(&register, &officer, overdue.id).unwrap();
    let path = common::save("slip-overdue", &slip.bytes);
    common::render(&path, 1, 80);
}

#[test]
fn follow_up_letters_escalate_from_the_second_round() {
    let (register, officer) = sample();
    let loans = register
        .list_loans(
            &officer,
            &LoanQuery {
                overdue: true,
                ..LoanQuery::default()
            },
        )
        .unwrap();
    assert!(!loans.is_empty());
    let loan = register.loan_detail(&officer, loans[0].id).unwrap();
    let first = printing::follow_up_letter(&register, &officer, loan.id, Some(1)).unwrap();
    let (path, t) = text("follow-up-1", &first.bytes);
    common::render(&path, 1, 80);
    assert!(
        t.contains("บันทึกข้อความ") && t.contains("ขอให้ส่งคืนพัสดุที่ยืม"),
        "{t}"
    );
    assert!(t.contains(&common::squash(&loan.loan_no)));
    assert!(
        t.contains(&format!(
            "เลยกำหนดส่งคืนมาแล้ว{}วัน",
            loan.overdue_days.unwrap()
        )),
        "{t}"
    );
    assert!(!t.contains("สำเนาเรียน"));
    // The sample's print settings: the officer signs, under the memo's own number.
    assert!(
        t.contains("นางสาวพิมพ์ชนกแก้วมูล") && t.contains("ชร73901/"),
        "{t}"
    );
    let second = printing::follow_up_letter(&register, &officer, loan.id, Some(2)).unwrap();
    let (path, t) = text("follow-up-2", &second.bytes);
    common::render(&path, 1, 80);
    assert!(t.contains("ติดตามครั้งที่2") && t.contains("สำเนาเรียน"), "{t}");
    // A loan that is not overdue has nothing to chase.
    let fine = register
        .list_loans(&officer, &LoanQuery::default())
        .unwrap()
        .into_iter()
        .find(|l| l.overdue_days.is_none())
        .unwrap();
    let err = printing::follow_up_letter(&register, &officer, fine.id, None).unwrap_err();
    assert_eq!(err.code(), "invalid_value");
}

#[test]
fn register_sheets_show_the_depreciation_schedule_by_fiscal_year() {
    let (register, officer) = sample();
    let assets = register
        .assets_for_export(&officer, &AssetQuery::default())
        .unwrap();
    let asset = assets
        .iter()
        .find(|a| a.useful_life_years >= 3 && a.unit_price.0 > 1_000_000)
        .unwrap();
    let detail = register.asset_detail(&officer, asset.id).unwrap();
    let sheet = printing::asset_register_sheet(&register, &officer, asset.id).unwrap();
    let (path, t) = text("register-sheet", &sheet.bytes);
    common::render(&path, 1, 80);
    assert!(t.contains("ทะเบียนคุมทรัพย์สิน") && t.contains(&asset.code));
    for year in &detail.schedule {
        assert!(
            t.contains(&format!("ค่าเสื่อมราคาปีงบประมาณ{}", year.fiscal_year)),
            "{}",
            year.fiscal_year
        );
        assert!(
            t.contains(&year.accumulated.to_string()),
            "{}",
            year.accumulated
        );
    }
    // A whole category: one sheet per asset, every code present.
    let category = asset.category_id;
    let in_category: Vec<_> = assets
        .iter()
        .filter(|a| a.category_id == category)
        .collect();
    let sheets = printing::category_register_sheets(&register, &officer, category).unwrap();
    let path = common::save("register-sheets-category", &sheets.bytes);
    assert!(common::page_count(&path) >= in_category.len());
    let all = common::squash(&common::text_of(&path));
    for a in &in_category {
        assert!(all.contains(&a.code), "{}", a.code);
    }
}

#[test]
fn labels_scan_back_to_their_codes_and_offsets_off_the_sheet_are_refused() {
    let (register, officer) = sample();
    let assets = register
        .assets_for_export(&officer, &AssetQuery::default())
        .unwrap();
    let chosen: Vec<_> = assets.iter().take(30).collect();
    let ids: Vec<_> = chosen.iter().map(|a| a.id).collect();
    let printout = printing::asset_labels(&register, &officer, &ids, None, 0).unwrap();
    let path = common::save("labels", &printout.bytes);
    assert_eq!(common::page_count(&path), 2, "30 labels on 3×8 stock");
    let t = common::squash(&common::text_of(&path));
    for a in &chosen {
        assert!(t.contains(&a.code), "{}", a.code);
    }
    // Render the first sheet and scan each label's QR code, as a phone would one label.
    let png = common::render(&path, 1, 200);
    let image = image::open(&png).unwrap().to_luma8();
    let stock = LabelStock::a4_3x8();
    let px = |mm: f64| (mm / 25.4 * 200.0).round() as u32;
    let mut found = Vec::new();
    for index in 0..24u32 {
        let (col, row) = (index % stock.columns, index / stock.columns);
        let x = px(stock.margin_left_mm + f64::from(col) * stock.label_width_mm);
        let y = px(stock.margin_top_mm + f64::from(row) * stock.label_height_mm);
        let cell = image::imageops::crop_imm(
            &image,
            x,
            y,
            px(stock.label_width_mm),
            px(stock.label_height_mm),
        )
        .to_image();
        let mut prepared = rqrr::PreparedImage::prepare(cell);
        let codes: Vec<String> = prepared
            .detect_grids()
            .into_iter()
            .filter_map(|g| g.decode().ok().map(|(_, content)| content))
            .collect();
        assert_eq!(
            codes.len(),
            1,
            "label {} holds one readable code: {codes:?}",
            index + 1
        );
        found.extend(codes);
    }
    found.sort();
    let mut expected: Vec<String> = chosen.iter().take(24).map(|a| a.code.clone()).collect();
    expected.sort();
    assert_eq!(
        found, expected,
        "every label on the first sheet scans to its code"
    );

    let mut stock = LabelStock::a4_2x7();
    stock.offset_x_mm = 8.0;
    let err = printing::asset_labels(&register, &officer, &ids, Some(&stock), 0).unwrap_err();
    assert_eq!(err.code(), "invalid_value");
    assert!(
        format!("{:?}", err.details()).contains("labelStock.offsetXMm"),
        "{err:?}"
    );
    let calibration =
        printing::label_calibration(&register, &officer, Some(&LabelStock::a4_2x7())).unwrap();
    let path = common::save("labels-calibration", &calibration.bytes);
    common::render(&path, 1, 80);
    assert!(common::squash(&common::text_of(&path)).contains("หน้าทดสอบตำแหน่งป้าย"));
}

#[test]
fn lists_print_the_whole_register_and_the_loan_register_of_a_year() {
    let (register, officer) = sample();
    let all = register
        .assets_for_export(&officer, &AssetQuery::default())
        .unwrap();
    let list =
        printing::asset_list(&register, &officer, &AssetQuery::default(), "ทุกรายการ").unwrap();
    let path = common::save("asset-list", &list.bytes);
    let pages = common::pages_text(&path);
    assert!(
        pages.len() > 10,
        "{} pages for {} assets",
        pages.len(),
        all.len()
    );
    for page in &pages {
        assert!(common::squash(page).contains("รหัสครุภัณฑ์"), "header repeated");
    }
    let whole = common::squash(&pages.concat());
    assert!(whole.contains(&format!("รวม{}รายการ", all.len())));
    common::render(&path, 1, 80);

    let register_pdf = printing::loan_register(&register, &officer, None).unwrap();
    let (path, t) = text("loan-register", &register_pdf.bytes);
    common::render(&path, 1, 80);
    assert!(t.contains("ทะเบียนคุมการยืมพัสดุปีงบประมาณพ.ศ.2570"), "{t}");
    for row in register
        .list_loans(
            &officer,
            &LoanQuery {
                fiscal_year: Some(2570),
                ..LoanQuery::default()
            },
        )
        .unwrap()
    {
        assert!(t.contains(&common::squash(&row.loan_no)), "{}", row.loan_no);
    }
}

/// A round emblem on a transparent square, as an อบต.'s logo file usually is.
fn logo_png() -> String {
    use base64::Engine;
    let image = image::RgbaImage::from_fn(900, 900, |x, y| {
        let (dx, dy) = (x as f32 - 450.0, y as f32 - 450.0);
        let r = (dx * dx + dy * dy).sqrt();
        if r < 430.0 && (r > 380.0 || dx.abs() < 40.0 || dy.abs() < 40.0) {
            image::Rgba([20, 60, 160, 255])
        } else {
            image::Rgba([0, 0, 0, 0])
        }
    });
    let mut bytes = Vec::new();
    image
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .unwrap();
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[test]
fn the_organisations_logo_heads_each_form_once_with_its_transparency() {
    let (register, officer) = sample();
    let loans = register
        .list_loans(&officer, &LoanQuery::default())
        .unwrap();
    // Without a logo, no picture at all.
    let plain = printing::loan_slip(&register, &officer, loans[0].id).unwrap();
    let path = common::save("slip-no-logo", &plain.bytes);
    assert!(common::images(&path).is_empty());
    register
        .set_logo(
            &Actor::System("test".into()),
            &phatsadu_core::org::NewLogo {
                file_name: "logo.png".into(),
                data_base64: logo_png(),
            },
        )
        .unwrap();
    let slip = printing::loan_slip(&register, &officer, loans[0].id).unwrap();
    let (path, t) = text("slip-logo", &slip.bytes);
    common::render(&path, 1, 80);
    assert!(t.contains("ใบยืมพัสดุ"), "{t}");
    // Stored at 600 px, drawn once, its transparent corners kept as a soft mask.
    assert_eq!(
        common::images(&path),
        vec![
            (1, "image".to_owned(), 600, 600),
            (1, "smask".to_owned(), 600, 600)
        ]
    );
    // A list of many pages carries the picture once, on its first page.
    let list =
        printing::asset_list(&register, &officer, &AssetQuery::default(), "ทุกรายการ").unwrap();
    let path = common::save("asset-list-logo", &list.bytes);
    assert!(common::page_count(&path) > 1);
    let pictures: Vec<_> = common::images(&path)
        .into_iter()
        .filter(|i| i.1 == "image")
        .collect();
    assert_eq!(pictures.len(), 1, "{pictures:?}");
    assert_eq!(pictures[0].0, 1);
    // The memo puts it at the top left, level with its heading.
    let overdue = register
        .list_loans(
            &officer,
            &LoanQuery {
                overdue: true,
                ..LoanQuery::default()
            },
        )
        .unwrap();
    let letter = printing::follow_up_letter(&register, &officer, overdue[0].id, Some(1)).unwrap();
    let (path, t) = text("follow-up-logo", &letter.bytes);
    common::render(&path, 1, 80);
    assert!(t.contains("บันทึกข้อความ"), "{t}");
    assert_eq!(common::images(&path).len(), 2);
}

#[test]
fn a_slip_of_300_items_continues_page_after_page_with_its_header_and_every_item() {
    use phatsadu_core::assets::AssetStatus;
    use phatsadu_core::loans::{LoanKind, LoanRequest};
    let (register, officer) = sample();
    let promised: std::collections::HashSet<_> = register
        .list_loans(&officer, &LoanQuery::default())
        .unwrap()
        .iter()
        .flat_map(|row| register.loan_detail(&officer, row.id).unwrap().items)
        .map(|item| item.asset_id)
        .collect();
    let free: Vec<_> = register
        .list_assets(
            &officer,
            &AssetQuery {
                status: Some(AssetStatus::InUse),
                limit: 1000,
                ..AssetQuery::default()
            },
        )
        .unwrap()
        .rows
        .into_iter()
        .filter(|row| !promised.contains(&row.id))
        .take(300)
        .collect();
    assert_eq!(free.len(), 300, "the sample has 300 free items");
    let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let loan = register
        .create_loan(
            &officer,
            &LoanRequest {
                kind: LoanKind::Agency,
                borrower_id: None,
                agency_name: "โรงเรียนบ้านแม่กรณ์".into(),
                agency_letter_no: "ศธ 04076.123/90".into(),
                purpose: "จัดงานกีฬาสีประจำปีของโรงเรียน".into(),
                place_of_use: "สนามโรงเรียนบ้านแม่กรณ์".into(),
                starts_on: day,
                due_on: day + chrono::Days::new(2),
                long_loan_reason: String::new(),
                notes: String::new(),
                asset_ids: free.iter().map(|row| row.id).collect(),
                paper_no: String::new(),
                submit: true,
                undertaking: true,
            },
        )
        .unwrap();
    let slip = printing::loan_slip(&register, &officer, loan.id).unwrap();
    let path = common::save("slip-300-items", &slip.bytes);
    common::render(&path, 2, 80);
    let pages = common::pages_text(&path);
    assert!(
        pages.len() >= 8,
        "300 rows need many pages: {}",
        pages.len()
    );
    // Every page of the item table repeats its header; the last one has the signatures.
    let table_pages = pages
        .iter()
        .filter(|page| common::squash(page).contains(&free[150].code))
        .count();
    assert_eq!(table_pages, 1, "an item is printed once");
    for (n, page) in pages.iter().enumerate().take(pages.len() - 1).skip(1) {
        assert!(
            common::squash(page).contains("หมายเลขครุภัณฑ์"),
            "page {} lacks the table header",
            n + 1
        );
    }
    let all = common::squash(&pages.concat());
    for row in &free {
        assert!(all.contains(&row.code), "{} is missing", row.code);
    }
    assert!(all.contains("รวม300"), "the total counts 300 items");
    assert!(all.contains("ลงชื่อ"));
}

#[test]
fn requisition_slips_and_stock_cards_read_back_with_their_names_quantities_and_prices() {
    use phatsadu_core::materials::requisitions::{RequisitionQuery, RequisitionStatus};
    use phatsadu_forms::materials::{Cards, requisition_slip, stock_cards};
    let (register, officer) = sample();
    let rows = register
        .list_requisitions(&officer, &RequisitionQuery::default())
        .unwrap();
    assert_eq!(rows.len(), 9);
    for row in &rows {
        let r = register.requisition(&officer, row.id).unwrap().requisition;
        let slip = requisition_slip(&register, &officer, row.id).unwrap();
        assert!(
            slip.file_name.starts_with("ใบเบิกพัสดุ-"),
            "{}",
            slip.file_name
        );
        let (path, t) = text(&format!("requisition-{}", row.id.0), &slip.bytes);
        assert_eq!(
            common::page_count(&path),
            1,
            "slip {} on one sheet",
            r.requisition_no
        );
        for expected in [
            "ใบเบิกพัสดุ",
            "จำนวนที่ขอเบิก",
            "จำนวนที่จ่าย",
            "ราคาต่อหน่วย",
            "ผู้เบิก",
            "ผู้อนุมัติ",
            "ผู้จ่าย",
            "ผู้รับ",
        ] {
            assert!(
                t.contains(&common::squash(expected)),
                "{expected} on {}",
                r.requisition_no
            );
        }
        assert!(t.contains(&common::squash(&r.requisition_no)));
        assert!(t.contains(&common::squash(&r.requester_name)));
        assert!(t.contains(&common::squash(&r.purpose)));
        for line in &r.lines {
            assert!(
                t.contains(&common::squash(&line.name)),
                "{} on {}",
                line.name,
                r.requisition_no
            );
        }
        if let Some(endorsed) = &r.endorsed {
            assert!(t.contains(&common::squash(&endorsed.name)));
        }
        if let Some(approved) = &r.approved {
            assert!(t.contains(&common::squash(&approved.name)));
        }
        if r.status == RequisitionStatus::Rejected {
            assert!(t.contains(&common::squash(&r.end_reason)));
        }
        if r.status == RequisitionStatus::PartlyIssued {
            // The cut is noted, and the value issued totals.
            assert!(t.contains(&common::squash("อนุมัติ 2")), "{t}");
            assert!(
                t.contains(&common::squash(&r.issued_value.to_string())),
                "{t}"
            );
            common::render(&path, 1, 80);
        }
    }
    // The card of the paper the sample issues most: carried forward, receipts at their
    // prices, issues to divisions, the count shortfall with its reason.
    let paper = register
        .list_materials(
            &officer,
            &phatsadu_core::materials::MaterialQuery {
                text: Some("สน.001".into()),
                ..Default::default()
            },
        )
        .unwrap()[0]
        .id;
    let year = phatsadu_core::calendar::FiscalYear::of(register.clock().today()).be_year();
    let cards = stock_cards(&register, &officer, Cards::Material(paper), year).unwrap();
    let (path, t) = text("stock-card-paper", &cards.bytes);
    for expected in [
        "บัญชีวัสดุ",
        "สน.001",
        "ยอดยกมา",
        "รับจาก/จ่ายให้",
        "มูลค่าคงเหลือ",
        "ผลต่างจากการตรวจนับ",
    ] {
        assert!(t.contains(&common::squash(expected)), "{expected}: {t}");
    }
    assert!(!t.contains("count_difference"), "no code on the card");
    common::render(&path, 1, 80);
    // The year before: the receipts and the divisions' issues, an issue at two prices.
    let restocked = register
        .list_materials(
            &officer,
            &phatsadu_core::materials::MaterialQuery {
                text: Some("สน.002".into()),
                ..Default::default()
            },
        )
        .unwrap()[0]
        .id;
    let cards = stock_cards(&register, &officer, Cards::Material(restocked), year - 1).unwrap();
    let (path, t) = text("stock-card-paper-last-year", &cards.bytes);
    assert!(
        t.contains(&common::squash("บ.ก.")) && t.contains("ตร."),
        "{t}"
    );
    common::render(&path, 1, 80);
    // Every card of a type, each from its own page.
    let office = register
        .list_material_types(&officer)
        .unwrap()
        .into_iter()
        .find(|t| t.name == "วัสดุสำนักงาน")
        .unwrap()
        .id;
    let all = stock_cards(&register, &officer, Cards::Type(office), year).unwrap();
    let path = common::save("stock-cards-office", &all.bytes);
    assert!(
        common::page_count(&path) >= 22,
        "22 office materials, a page each at least"
    );
}
