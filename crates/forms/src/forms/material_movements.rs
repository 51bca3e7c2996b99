//! รายงานการรับ-จ่ายวัสดุ: what each item carried forward, received, issued and adjusted
//! over a month (or any span), and what remained, by type with the values' subtotals;
//! signed by the supplies officer who made it and the head of supplies who checked it.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use phatsadu_core::calendar::{be_year, month_name_full};
use phatsadu_core::materials::movements::{MovementLine, MovementSummary};
use phatsadu_core::money::Satang;

use super::{Letterhead, baht, long_date, name_of, position_of};
use crate::pdf::{
    Align, Cell, Column, FormError, Metadata, Orientation, Row, Signature, Style, Table, to_pdf,
};

/// "ประจำเดือนพฤศจิกายน พ.ศ. 2567" for a whole calendar month, else the two days.
pub fn span_words(from: NaiveDate, to: NaiveDate) -> String {
    let whole_month = from.day() == 1
        && from.year() == to.year()
        && from.month() == to.month()
        && to.succ_opt().is_none_or(|next| next.month() != to.month());
    match month_name_full(from.month()) {
        Some(month) if whole_month => {
            format!("ประจำเดือน{month} พ.ศ. {}", be_year(from.year()))
        }
        _ => format!("ระหว่างวันที่ {} ถึงวันที่ {}", long_date(from), long_date(to)),
    }
}

/// A quantity without its sign, blank when none moved.
fn quantity(q: phatsadu_core::materials::Quantity) -> String {
    if q.0 == 0 {
        String::new()
    } else {
        q.to_string().trim_start_matches('-').to_owned()
    }
}

/// A signed adjustment: "+2" or "−1", blank when none.
fn signed(q: phatsadu_core::materials::Quantity) -> String {
    match q.0 {
        0 => String::new(),
        n if n > 0 => format!("+{q}"),
        _ => format!("−{}", q.to_string().trim_start_matches('-')),
    }
}

/// An amount that moved, blank when nothing did.
fn money(amount: Satang) -> String {
    if amount.0 == 0 {
        String::new()
    } else {
        baht(amount)
    }
}

fn row_of(n: usize, l: &MovementLine) -> Row {
    Row::new(vec![
        Cell::text(n.to_string()),
        Cell::text(l.code.clone()),
        Cell::text(l.name.clone()),
        Cell::text(l.unit.clone()),
        Cell::text(l.carried.quantity.to_string()),
        Cell::text(quantity(l.received.quantity)),
        Cell::text(quantity(l.issued.quantity)),
        Cell::text(signed(l.adjusted.quantity)),
        Cell::text(l.remaining.quantity.to_string()),
        Cell::text(money(l.received.value)),
        Cell::text(money(l.issued.value)),
        Cell::text(baht(l.remaining.value)),
    ])
}

/// The values of several lines: received, issued, remaining.
fn sums(lines: &[&MovementLine]) -> [Satang; 3] {
    lines.iter().fold([Satang(0); 3], |[r, i, m], l| {
        [
            Satang(r.0 + l.received.value.0),
            Satang(i.0 + l.issued.value.0),
            Satang(m.0 + l.remaining.value.0),
        ]
    })
}

/// The summary as a PDF (A4 landscape).
pub fn material_movements(
    head: &Letterhead,
    summary: &MovementSummary,
) -> Result<Vec<u8>, FormError> {
    let mut flow = head
        .flow(Orientation::Landscape)
        .with_margins_mm([15.0, 12.0, 15.0, 15.0]);
    let span = span_words(summary.from, summary.to);
    head.title(&mut flow, "รายงานการรับ-จ่ายวัสดุ", &span);
    let mut table = Table::new(vec![
        Column::new("ที่", 0.45).aligned(Align::Center),
        Column::new("รหัส", 0.9),
        Column::new("รายการ", 2.25),
        Column::new("หน่วยนับ", 1.2),
        Column::new("ยกมา", 0.8).aligned(Align::Right),
        Column::new("รับ", 0.8).aligned(Align::Right),
        Column::new("จ่าย", 0.8).aligned(Align::Right),
        Column::new("ปรับปรุง", 0.8).aligned(Align::Right),
        Column::new("คงเหลือ", 0.8).aligned(Align::Right),
        Column::new("มูลค่ารับ", 1.15).aligned(Align::Right),
        Column::new("มูลค่าจ่าย", 1.15).aligned(Align::Right),
        Column::new("มูลค่าคงเหลือ", 1.25).aligned(Align::Right),
    ]);
    table.size = 11.0;
    let mut by_type: BTreeMap<&str, Vec<&MovementLine>> = BTreeMap::new();
    for line in &summary.lines {
        by_type.entry(&line.type_name).or_default().push(line);
    }
    let mut n = 0;
    for (type_name, lines) in &by_type {
        table.rows.push(Row::heading(type_name, 12));
        for line in lines {
            n += 1;
            table.rows.push(row_of(n, line));
        }
        let [received, issued, remaining] = sums(lines);
        table.rows.push(Row::total(
            &format!("รวม{type_name}"),
            9,
            vec![
                Cell::text(baht(received)),
                Cell::text(baht(issued)),
                Cell::text(baht(remaining)),
            ],
        ));
    }
    let t = &summary.totals;
    table.rows.push(Row::total(
        "รวมทั้งสิ้น",
        9,
        vec![
            Cell::text(baht(t.received)),
            Cell::text(baht(t.issued)),
            Cell::text(baht(t.remaining)),
        ],
    ));
    flow.table(&table)?;
    flow.gap(4.0);
    flow.paragraph(
        &format!(
            "ยอดยกมา {} บาท รับ {} บาท จ่าย {} บาท ปรับปรุง {} บาท คงเหลือ {} บาท \
             (มูลค่าคิดแบบเข้าก่อนจ่ายก่อน ยกมารวมยอดยกมาที่บันทึกในช่วงนี้)",
            baht(t.carried),
            baht(t.received),
            baht(t.issued),
            baht(t.adjusted),
            baht(t.remaining)
        ),
        Style::BODY.sized(11.0),
    );
    flow.gap(10.0);
    let officer = &head.settings.supplies_officer;
    let supervisor = &head.settings.head_of_supplies;
    flow.signatures(
        &[
            Signature {
                above: Vec::new(),
                role: "ผู้จัดทำ".into(),
                name: name_of(officer),
                position: position_of(officer).or(Some("เจ้าหน้าที่พัสดุ".into())),
                date: None,
            },
            Signature {
                above: Vec::new(),
                role: "ผู้ตรวจสอบ".into(),
                name: name_of(supervisor),
                position: position_of(supervisor).or(Some("หัวหน้าเจ้าหน้าที่".into())),
                date: None,
            },
        ],
        2,
        Style::BODY,
    );
    let title = format!("รายงานการรับ-จ่ายวัสดุ {span}");
    let pages = flow.finish(&title);
    to_pdf(&pages, &Metadata { title })
}
