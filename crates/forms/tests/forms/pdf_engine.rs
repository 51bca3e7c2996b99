//! The PDF engine read back as a person would: the text copies out as typed, marks and
//! page breaks look right (rendered for a look), fonts are embedded and subset.

use crate::common;
use phatsadu_core::calendar::Digits;
use phatsadu_forms::pdf::{
    Align, Cell, Column, Flow, Metadata, Orientation, Row, Signature, Style, Table, to_pdf,
};

const TEST_WORDS: &str = "ที่ น้ำ ปู่ ญี่ปุ่น ฝั่ง ฟ้า ป่า ป่ำ องค์ ภัณฑ์";

fn sample_document(rows: usize) -> Vec<u8> {
    let mut flow = Flow::new(Orientation::Portrait, Digits::Arabic);
    flow.paragraph("องค์การบริหารส่วนตำบลแม่กรณ์", Style::TITLE);
    flow.paragraph(TEST_WORDS, Style::BODY.sized(24.0));
    flow.paragraph(
        "ผู้ยืมจะใช้พัสดุเพื่อประโยชน์ของทางราชการเท่านั้น และจะส่งคืนในสภาพที่ใช้การได้เรียบร้อยภายในกำหนด หากเกิดชำรุดเสียหายหรือสูญหาย ผู้ยืมจะซ่อมแซมให้คงสภาพเดิม หรือชดใช้เป็นพัสดุประเภท ชนิด ขนาด ลักษณะและคุณภาพอย่างเดียวกัน หรือชดใช้เป็นเงินตามราคาที่เป็นอยู่ในขณะยืม",
        Style::BODY,
    );
    flow.options(
        "สถานที่ใช้",
        &[("ภายในสถานที่", true), ("นอกสถานที่", false)],
        Style::BODY,
    );
    let mut table = Table::new(vec![
        Column::new("ลำดับ", 1.0).aligned(Align::Center),
        Column::new("รหัสครุภัณฑ์", 2.2),
        Column::new("QR", 1.4),
        Column::new("รายการ", 4.0),
        Column::new("ราคา (บาท)", 1.8).aligned(Align::Right),
    ]);
    for i in 0..rows {
        table.rows.push(Row::new(vec![
            Cell::text((i + 1).to_string()),
            Cell::text(format!("416-68-{:04}", i + 1)),
            Cell::Qr(format!("416-68-{:04}", i + 1)),
            Cell::text(if i % 3 == 0 {
                "เครื่องคอมพิวเตอร์โน้ตบุ๊ก สำหรับงานประมวลผล แบบที่ ๒ ของกองคลัง ยี่ห้อเดลล์ รุ่นแลติจูด"
            } else {
                "เก้าอี้สำนักงาน"
            }),
            Cell::text("25,000.00"),
        ]));
    }
    table
        .rows
        .push(Row::total("รวม", 4, vec![Cell::text("999,999.00")]));
    flow.table(&table).unwrap();
    flow.signatures(
        &[
            Signature {
                role: "ผู้ยืม".into(),
                name: Some("นายณัฐพล เรือนคำ".into()),
                position: Some("นายช่างโยธาชำนาญงาน".into()),
                date: None,
                above: vec![],
            },
            Signature {
                role: "ผู้อนุมัติ".into(),
                name: None,
                position: None,
                date: None,
                above: vec!["( ) อนุมัติ ( ) ไม่อนุมัติ".into()],
            },
        ],
        2,
        Style::BODY,
    );
    let pages = flow.finish("ใบทดสอบ");
    to_pdf(
        &pages,
        &Metadata {
            title: "ทดสอบ".into(),
        },
    )
    .unwrap()
}

#[test]
fn thai_text_copies_out_exactly_as_typed() {
    let pdf = common::save("engine-sample", &sample_document(40));
    let text = common::text_of(&pdf);
    let squashed = common::squash(&text);
    for word in TEST_WORDS.split(' ') {
        assert!(squashed.contains(word), "{word:?} missing from:\n{text}");
    }
    // No character doubled or dropped around SARA AM or tone marks.
    assert!(
        !squashed.contains("น้ำำ") && !squashed.contains("ปูญี"),
        "{text}"
    );
    assert!(squashed.contains("องค์การบริหารส่วนตำบลแม่กรณ์"));
    assert!(
        squashed.contains("หรือชดใช้เป็นเงินตามราคาที่เป็นอยู่ในขณะยืม"),
        "wrapped paragraph reads on"
    );
    assert!(squashed.contains("นายณัฐพลเรือนคำ"));
}

#[test]
fn long_tables_repeat_their_header_and_number_every_page() {
    let pdf = common::save("engine-long-table", &sample_document(120));
    let pages = common::pages_text(&pdf);
    let count = common::page_count(&pdf);
    assert!(count >= 4, "{count} pages");
    assert_eq!(pages.len(), count);
    for (i, page) in pages.iter().enumerate() {
        let squashed = common::squash(page);
        assert!(squashed.contains("รหัสครุภัณฑ์"), "header on page {}", i + 1);
        assert!(
            squashed.contains(&format!("หน้า{}/{count}", i + 1)),
            "page number on {}:\n{page}",
            i + 1
        );
    }
    // Every row exactly once, none split or lost between pages.
    let all = common::squash(&pages.concat());
    for i in 1..=120 {
        let code = format!("416-68-{i:04}");
        assert_eq!(all.matches(&code).count(), 1, "{code}");
    }
}

#[test]
fn fonts_are_embedded_and_subset() {
    let bytes = sample_document(5);
    let pdf = common::save("engine-fonts", &bytes);
    let fonts = common::fonts(&pdf);
    assert_eq!(fonts.len(), 2, "{fonts:?}");
    assert!(fonts.iter().all(|(_, emb, sub)| *emb && *sub), "{fonts:?}");
    assert!(
        fonts
            .iter()
            .any(|(name, _, _)| name.ends_with("+Sarabun-Bold")),
        "{fonts:?}"
    );
    // A subset of two weights is far smaller than the two whole fonts (~170 KB).
    assert!(bytes.len() < 80_000, "{} bytes", bytes.len());
}

#[test]
fn a_cell_taller_than_a_page_continues_overleaf_without_losing_text() {
    let long: String = (1..=400).map(|i| format!("ครุภัณฑ์ลำดับที่{i}จบ ")).collect();
    let mut flow = Flow::new(Orientation::Portrait, Digits::Arabic);
    let mut table = Table::new(vec![Column::new("รหัส", 1.0), Column::new("รายการ", 4.0)]);
    table.rows.push(Row::new(vec![
        Cell::text("416-68-0001"),
        Cell::text(long.clone()),
    ]));
    table.rows.push(Row::new(vec![
        Cell::text("416-68-0002"),
        Cell::text("เก้าอี้"),
    ]));
    flow.table(&table).unwrap();
    let pages = flow.finish("");
    assert!(pages.len() >= 3, "{} pages", pages.len());
    let pdf = common::save(
        "engine-tall-cell",
        &to_pdf(&pages, &Metadata::default()).unwrap(),
    );
    let text = common::squash(&common::text_of(&pdf));
    // Page footers and repeated headers come between the pieces: every word once.
    for i in 1..=400 {
        let word = format!("ลำดับที่{i}จบ");
        assert_eq!(text.matches(&word).count(), 1, "{word}");
    }
    assert!(text.contains("416-68-0002"));
    for page in common::pages_text(&pdf) {
        assert!(
            common::squash(&page).contains("รายการ"),
            "header on every page"
        );
    }
}

#[test]
fn a_column_is_never_narrower_than_its_headings_widest_word() {
    // "ลำดับ" in a column given a sliver of the width: the column takes the room its
    // heading needs from the wide one. Sixteen such headings cannot all have that room on a
    // portrait page; then the shares stand (each heading is cut) and every column prints.
    let table_of = |headings: &[(&str, f32)]| {
        let mut table = Table::new(
            headings
                .iter()
                .map(|(title, share)| Column::new(title, *share))
                .collect(),
        );
        table.size = 11.0;
        table
            .rows
            .push(Row::new(headings.iter().map(|_| Cell::text("1")).collect()));
        table
    };
    let mut flow = Flow::new(Orientation::Portrait, Digits::Arabic);
    flow.table(&table_of(&[("ลำดับ", 0.2), ("รายการ", 9.0)]))
        .unwrap();
    let crowded: Vec<(&str, f32)> = (0..16).map(|_| ("ลำดับ", 1.0)).collect();
    flow.table(&table_of(&crowded)).unwrap();
    let pages = flow.finish("");
    let pdf = common::save(
        "engine-narrow-heading",
        &to_pdf(&pages, &Metadata::default()).unwrap(),
    );
    let lines = common::printed_lines(&pdf);
    assert!(
        lines.iter().any(|l| l.starts_with("ลำดับ รายการ")),
        "{lines:?}"
    );
    assert_eq!(
        lines.iter().filter(|l| *l == "ลำดั").count(),
        16,
        "{lines:?}"
    );
    assert!(lines.contains(&vec!["1"; 16].join(" ")), "{lines:?}");
}

#[test]
fn thai_digits_print_as_thai_but_codes_still_scan() {
    let mut flow = Flow::new(Orientation::Portrait, Digits::Thai);
    flow.paragraph("ราคา 25,000.00 บาท ปี 2568", Style::BODY);
    let pages = flow.finish("");
    let pdf = common::save(
        "engine-thai-digits",
        &to_pdf(&pages, &Metadata::default()).unwrap(),
    );
    let text = common::squash(&common::text_of(&pdf));
    assert!(
        text.contains("ราคา๒๕,๐๐๐.๐๐บาทปี๒๕๖๘") && text.contains("หน้า๑/๑"),
        "{text}"
    );
}
