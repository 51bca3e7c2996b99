//! บัญชีวัสดุคงเหลือ ณ วันที่: every item's balance at the end of a day, by type, with the
//! value of each (FIFO) and the totals — what the annual report attaches and what the
//! committee counts against.

use std::collections::BTreeMap;

use phatsadu_core::materials::{Material, MaterialBalance};
use phatsadu_core::money::Satang;

use super::{Letterhead, baht, long_date};
use crate::pdf::{
    Align, Cell, Column, FormError, Metadata, Orientation, Row, Style, Table, to_pdf,
};

/// The balances at `on`; `catalogue` gives each item its type's name.
pub fn material_balances(
    head: &Letterhead,
    on: chrono::NaiveDate,
    balances: &[MaterialBalance],
    catalogue: &[Material],
) -> Result<Vec<u8>, FormError> {
    let mut flow = head.flow(Orientation::Portrait);
    head.title(
        &mut flow,
        "บัญชีวัสดุคงเหลือ",
        &format!("ณ วันที่ {}", long_date(on)),
    );
    let type_of = |b: &MaterialBalance| {
        catalogue
            .iter()
            .find(|m| m.id == b.material_id)
            .map_or_else(String::new, |m| m.type_name.clone())
    };
    let mut by_type: BTreeMap<String, Vec<&MaterialBalance>> = BTreeMap::new();
    for b in balances {
        by_type.entry(type_of(b)).or_default().push(b);
    }
    let mut table = Table::new(vec![
        Column::new("ที่", 0.5).aligned(Align::Center),
        Column::new("รหัส", 1.0),
        Column::new("รายการ", 2.9),
        Column::new("หน่วยนับ", 1.2),
        Column::new("จำนวนคงเหลือ", 1.1).aligned(Align::Right),
        Column::new("ราคาต่อหน่วย", 1.1).aligned(Align::Right),
        Column::new("มูลค่า", 1.3).aligned(Align::Right),
    ]);
    table.size = 11.5;
    let mut n = 0;
    let mut total = Satang(0);
    for (type_name, items) in &by_type {
        let mut subtotal = Satang(0);
        table.rows.push(Row::heading(type_name, 7));
        for b in items {
            n += 1;
            subtotal = Satang(subtotal.0 + b.value.0);
            // The value is the open lots' at their own prices; the unit price their average.
            let price = if b.balance.0 > 0 {
                baht(Satang((b.value.0 * 1000 + b.balance.0 / 2) / b.balance.0))
            } else {
                String::new()
            };
            table.rows.push(Row::new(vec![
                Cell::text(n.to_string()),
                Cell::text(b.code.clone()),
                Cell::text(b.name.clone()),
                Cell::text(b.unit.clone()),
                Cell::text(b.balance.to_string()),
                Cell::text(price),
                Cell::text(baht(b.value)),
            ]));
        }
        total = Satang(total.0 + subtotal.0);
        table.rows.push(Row::total(
            &format!("รวม{type_name}"),
            6,
            vec![Cell::text(baht(subtotal))],
        ));
    }
    table
        .rows
        .push(Row::total("รวมทั้งสิ้น", 6, vec![Cell::text(baht(total))]));
    flow.table(&table)?;
    flow.gap(4.0);
    flow.paragraph(
        "หมายเหตุ มูลค่าคิดตามราคาของแต่ละครั้งที่รับเข้าที่ยังเหลืออยู่ (เข้าก่อนจ่ายก่อน) ราคาต่อหน่วยเป็นราคาเฉลี่ยของที่คงเหลือ",
        Style::BODY.sized(10.5),
    );
    let title = format!("บัญชีวัสดุคงเหลือ ณ วันที่ {}", long_date(on));
    let pages = flow.finish(&title);
    to_pdf(&pages, &Metadata { title })
}
