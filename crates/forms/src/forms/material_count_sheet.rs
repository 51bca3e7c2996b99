//! ใบตรวจนับวัสดุ: the annual count's sheet, one page (or more) per store, as the committee
//! takes it round: code, name, unit, the book balance (left blank for a blind count), a
//! column for what is counted, the difference and remarks, signed by every member.

use std::collections::BTreeMap;

use phatsadu_core::checks::CheckRound;
use phatsadu_core::materials::count::MaterialCount;

use super::{Letterhead, long_date, members_sign};
use crate::pdf::{
    Align, Cell, Column, FormError, Metadata, Orientation, Row, Style, Table, to_pdf,
};

/// The count sheets of `round`, a store to a section.
pub fn material_count_sheets(
    head: &Letterhead,
    round: &CheckRound,
    count: &MaterialCount,
) -> Result<Vec<u8>, FormError> {
    let mut by_store: BTreeMap<String, Vec<_>> = BTreeMap::new();
    for line in &count.lines {
        by_store
            .entry(line.store.clone().unwrap_or_else(|| "ไม่ระบุที่เก็บ".into()))
            .or_default()
            .push(line);
    }
    let mut flow = head.flow(Orientation::Portrait);
    let body = Style::BODY.sized(13.0);
    for (n, (store, lines)) in by_store.iter().enumerate() {
        if n > 0 {
            flow.new_page();
        }
        flow.set_section(store);
        head.title(
            &mut flow,
            "ใบตรวจนับวัสดุ",
            &format!(
                "{} · {store} · ตามบัญชี ณ วันที่ {}",
                round.name,
                long_date(round.as_of)
            ),
        );
        let mut table = Table::new(vec![
            Column::new("ที่", 0.45).aligned(Align::Center),
            Column::new("รหัส", 0.9),
            Column::new("รายการ", 2.35),
            Column::new("หน่วยนับ", 1.05),
            Column::new("จำนวนตามบัญชี", 0.95).aligned(Align::Right),
            Column::new("ตรวจนับได้", 0.95).aligned(Align::Right),
            Column::new("ผลต่าง", 0.75).aligned(Align::Right),
            Column::new("หมายเหตุ", 1.1),
        ]);
        table.size = 11.5;
        for (i, line) in lines.iter().enumerate() {
            // A blind sheet leaves the book blank; counts already keyed are printed.
            table.rows.push(Row::new(vec![
                Cell::text((i + 1).to_string()),
                Cell::text(line.code.clone()),
                Cell::text(line.name.clone()),
                Cell::text(line.unit.clone()),
                Cell::text(line.book.map(|b| b.to_string()).unwrap_or_default()),
                Cell::text(line.counted.map(|c| c.to_string()).unwrap_or_default()),
                Cell::text(line.difference.map(|d| d.to_string()).unwrap_or_default()),
                Cell::text(""),
            ]));
        }
        flow.table(&table)?;
        flow.gap(10.0);
        members_sign(&mut flow, round, body);
    }
    let title = format!("ใบตรวจนับวัสดุ {}", round.name);
    let pages = flow.finish(&title);
    to_pdf(&pages, &Metadata { title })
}
