//! บัญชีวัสดุ: an item's stock card for a span (a fiscal year), forms.md §8 — the item's
//! header, the balance carried forward, then one row per movement with the balance after
//! it; an issue across two cost lots prints on two rows, one per price.

use phatsadu_core::materials::{CardEntry, EntryKind, StockCard};

use super::{Letterhead, baht, short_date};
use crate::pdf::{Align, Cell, Column, Flow, FormError, Metadata, Orientation, Row, Style, Table};

fn kind_words(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Opening => "ยอดยกมา",
        EntryKind::Receipt => "รับเข้า",
        EntryKind::Issue => "จ่าย",
        EntryKind::AdjustIn => "ปรับปรุงเพิ่ม",
        EntryKind::AdjustOut => "ปรับปรุงลด",
    }
}

/// An adjustment's reason as the card prints it: the core records "count_difference:
/// what happened"; the code becomes its words.
fn reason_words(reason: &str) -> String {
    let (code, explanation) = reason.split_once(": ").unwrap_or((reason, ""));
    let words = match code {
        "count_difference" => "ผลต่างจากการตรวจนับ",
        "damaged" => "ชำรุดใช้การไม่ได้",
        "expired" => "หมดอายุ",
        _ => return reason.to_owned(),
    };
    if explanation.trim().is_empty() {
        words.to_owned()
    } else {
        format!("{words}: {}", explanation.trim())
    }
}

/// The rows of one entry: one per lot price.
fn rows_of(entry: &CardEntry) -> Vec<Row> {
    let party = if entry.party.trim().is_empty() {
        kind_words(entry.kind).to_owned()
    } else {
        entry.party.clone()
    };
    let remark = match entry.kind {
        EntryKind::Receipt | EntryKind::Issue => String::new(),
        kind if entry.reason.is_empty() => kind_words(kind).to_owned(),
        _ => reason_words(&entry.reason),
    };
    let portions: Vec<(Option<String>, String)> = if entry.portions.len() > 1 {
        entry
            .portions
            .iter()
            .map(|p| {
                (
                    Some(baht(p.unit_price)),
                    p.quantity.to_string().trim_start_matches('-').to_owned(),
                )
            })
            .collect()
    } else {
        vec![(
            entry.portions.first().map(|p| baht(p.unit_price)),
            entry
                .quantity
                .to_string()
                .trim_start_matches('-')
                .to_owned(),
        )]
    };
    let last = portions.len() - 1;
    portions
        .into_iter()
        .enumerate()
        .map(|(n, (price, quantity))| {
            let first = n == 0;
            let (into, out) = if entry.quantity.0 > 0 {
                (quantity, String::new())
            } else {
                (String::new(), quantity)
            };
            Row::new(vec![
                Cell::text(if first {
                    short_date(entry.on_date)
                } else {
                    String::new()
                }),
                Cell::text(if first { party.clone() } else { String::new() }),
                Cell::text(if first {
                    entry.document_no.clone()
                } else {
                    String::new()
                }),
                Cell::text(price.unwrap_or_default()),
                Cell::text(into),
                Cell::text(out),
                Cell::text(if n == last {
                    entry.balance.to_string()
                } else {
                    String::new()
                }),
                Cell::text(if n == last {
                    baht(entry.balance_value)
                } else {
                    String::new()
                }),
                Cell::text(if first { remark.clone() } else { String::new() }),
            ])
        })
        .collect()
}

/// Lays out one card (a card of a type starts each item on a new page).
pub fn lay_out_card(
    head: &Letterhead,
    flow: &mut Flow,
    card: &StockCard,
    span: &str,
) -> Result<(), FormError> {
    let m = &card.material;
    head.title(flow, "บัญชีวัสดุ", span);
    flow.fields(
        &[
            ("ชื่อหรือชนิดวัสดุ", m.name.clone()),
            ("รหัส", m.code.clone()),
            ("ประเภท", m.type_name.clone()),
            ("หน่วยนับ", m.unit.clone()),
            ("ที่เก็บ", m.location_name.clone().unwrap_or_default()),
            ("จำนวนอย่างต่ำ", format!("{} {}", m.minimum, m.unit)),
        ],
        2,
        Style::BODY,
    );
    flow.gap(2.0);
    let mut table = Table::new(vec![
        Column::new("วัน เดือน ปี", 1.1),
        Column::new("รับจาก / จ่ายให้", 2.2),
        Column::new("เลขที่เอกสาร", 1.5),
        Column::new("ราคาต่อหน่วย", 1.1).aligned(Align::Right),
        Column::new("รับ", 0.8).aligned(Align::Right),
        Column::new("จ่าย", 0.8).aligned(Align::Right),
        Column::new("คงเหลือ", 0.9).aligned(Align::Right),
        Column::new("มูลค่าคงเหลือ", 1.3).aligned(Align::Right),
        Column::new("หมายเหตุ", 1.8),
    ]);
    table.size = 11.0;
    table.rows.push(Row::new(vec![
        Cell::text(""),
        Cell::text("ยอดยกมา"),
        Cell::text(""),
        Cell::text(""),
        Cell::text(""),
        Cell::text(""),
        Cell::text(card.opening.to_string()),
        Cell::text(baht(card.opening_value)),
        Cell::text(""),
    ]));
    for entry in &card.entries {
        table.rows.extend(rows_of(entry));
    }
    flow.table(&table)
}

/// The stock card of one item, or of several (each from a new page), over `span`.
pub fn stock_cards(
    head: &Letterhead,
    cards: &[StockCard],
    span: &str,
) -> Result<Vec<u8>, FormError> {
    if cards.is_empty() {
        return Err(FormError::Empty);
    }
    let mut flow = head
        .flow(Orientation::Landscape)
        .with_margins_mm([15.0, 12.0, 15.0, 15.0]);
    for (n, card) in cards.iter().enumerate() {
        if n > 0 {
            flow.new_page();
        }
        lay_out_card(head, &mut flow, card, span)?;
    }
    let title = match cards {
        [one] => format!("บัญชีวัสดุ {} {}", one.material.code, one.material.name),
        _ => format!("บัญชีวัสดุ {} รายการ", cards.len()),
    };
    let pages = flow.finish(&title);
    crate::pdf::to_pdf(&pages, &Metadata { title })
}
