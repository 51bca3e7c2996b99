//! ทะเบียนคุมทรัพย์สิน: the register sheet of forms.md §1, one per asset (a category
//! prints one after another, each from a new page), with the depreciation schedule by
//! fiscal year and the transfers and status changes in date order.

use chrono::NaiveDate;
use phatsadu_core::assets::{AssetDetail, AssetStatus};

use super::{Letterhead, baht, short_date};
use crate::pdf::{
    Align, Cell, Column, Flow, FormError, Metadata, Orientation, Row, Style, Table, to_pdf,
};

/// Register sheets for `assets` (at least one), each from a new page.
pub fn register_sheets(head: &Letterhead, assets: &[AssetDetail]) -> Result<Vec<u8>, FormError> {
    if assets.is_empty() {
        return Err(FormError::Empty);
    }
    let mut flow = head
        .flow(Orientation::Landscape)
        .with_margins_mm([15.0, 12.0, 15.0, 15.0]);
    for (i, detail) in assets.iter().enumerate() {
        if i > 0 {
            flow.new_page();
        }
        sheet(head, &mut flow, detail)?;
    }
    let footer = if assets.len() == 1 {
        format!("ทะเบียนคุมทรัพย์สิน {}", assets[0].asset.code)
    } else {
        format!("ทะเบียนคุมทรัพย์สิน ประเภท{}", assets[0].asset.category_name)
    };
    let pages = flow.finish(&footer);
    to_pdf(&pages, &Metadata { title: footer })
}

fn sheet(head: &Letterhead, flow: &mut Flow, detail: &AssetDetail) -> Result<(), FormError> {
    let a = &detail.asset;
    let body = Style::BODY.sized(14.0);
    head.title(flow, "ทะเบียนคุมทรัพย์สิน", "");
    let life = a.useful_life_years.max(1);
    let rate = format!("{:.2}", 100.0 / f64::from(life));
    flow.fields(
        &[
            ("ประเภท", a.category_name.clone()),
            ("รหัส", a.code.clone()),
            ("ชื่อ/ลักษณะ", a.name.clone()),
            ("ยี่ห้อ/รุ่น", join(&[&a.brand, &a.model])),
            ("หมายเลขเครื่อง", a.serial_no.clone()),
            (
                "ส่วนราชการ/สถานที่",
                join(&[
                    a.division_name.as_deref().unwrap_or(""),
                    a.location_name.as_deref().unwrap_or(""),
                ]),
            ),
            ("ผู้รับผิดชอบ", a.custodian_name.clone().unwrap_or_default()),
            (
                "วิธีการได้มา",
                join(&[&a.acquisition_method, &a.funding_source]),
            ),
            ("ผู้ขาย", a.vendor.clone()),
            (
                "อายุการใช้งาน",
                format!("{life} ปี  อัตราค่าเสื่อมราคา ร้อยละ {rate} ต่อปี"),
            ),
        ],
        2,
        body,
    );
    flow.gap(4.0);
    let mut table = Table::new(vec![
        Column::new("วัน เดือน ปี", 1.25),
        Column::new("ที่เอกสาร", 1.2),
        Column::new("รายการ", 3.0),
        Column::new("จำนวนหน่วย", 0.85).aligned(Align::Center),
        Column::new("ราคาต่อหน่วย", 1.2).aligned(Align::Right),
        Column::new("มูลค่ารวม", 1.2).aligned(Align::Right),
        Column::new("อายุการใช้งาน", 0.8).aligned(Align::Center),
        Column::new("อัตราค่าเสื่อมราคา", 0.9).aligned(Align::Center),
        Column::new("ค่าเสื่อมราคาประจำปี", 1.2).aligned(Align::Right),
        Column::new("ค่าเสื่อมราคาสะสม", 1.2).aligned(Align::Right),
        Column::new("มูลค่าสุทธิ", 1.2).aligned(Align::Right),
        Column::new("หมายเหตุ", 1.4),
    ]);
    table.size = 10.5;
    // (date, order within the day, row): acquisition first, then events and years.
    let mut rows: Vec<(NaiveDate, u8, Row)> = Vec::new();
    let price = baht(a.unit_price);
    rows.push((
        a.acquired_on,
        0,
        Row::new(vec![
            Cell::text(short_date(a.acquired_on)),
            Cell::text(a.document_no.clone()),
            Cell::text(format!("ได้มา: {}", a.name)),
            Cell::text("1"),
            Cell::text(price.clone()),
            Cell::text(price),
            Cell::text(format!("{life} ปี")),
            Cell::text(format!("{rate}%")),
            Cell::text(""),
            Cell::text(""),
            Cell::text(baht(a.unit_price)),
            Cell::text(a.unit.clone()),
        ]),
    ));
    for year in &detail.schedule {
        rows.push((
            year.to,
            2,
            Row::new(vec![
                Cell::text(short_date(year.to)),
                Cell::text(""),
                Cell::text(format!("ค่าเสื่อมราคาปีงบประมาณ {}", year.fiscal_year)),
                Cell::text(""),
                Cell::text(""),
                Cell::text(""),
                Cell::text(""),
                Cell::text(""),
                Cell::text(baht(year.charge)),
                Cell::text(baht(year.accumulated)),
                Cell::text(baht(year.net_book_value)),
                Cell::text(""),
            ]),
        ));
    }
    for event in &detail.events {
        let what = match event.kind.as_str() {
            "transfer" => "โอน/ย้าย",
            "status" => "เปลี่ยนสถานะ",
            other => other,
        };
        let change = describe(&event.after);
        rows.push((
            event.happened_on,
            1,
            Row::new(vec![
                Cell::text(short_date(event.happened_on)),
                Cell::text(event.document_no.clone()),
                Cell::text(format!("{what} {change}").trim().to_owned()),
                Cell::text(""),
                Cell::text(""),
                Cell::text(""),
                Cell::text(""),
                Cell::text(""),
                Cell::text(""),
                Cell::text(""),
                Cell::text(""),
                Cell::text(event.reason.clone()),
            ]),
        ));
    }
    rows.sort_by_key(|(date, order, _)| (*date, *order));
    table.rows = rows.into_iter().map(|(_, _, row)| row).collect();
    flow.table(&table)
}

/// The "after" side of an event in words: the new status, or where the item went and to
/// whom.
fn describe(after: &serde_json::Value) -> String {
    let Some(map) = after.as_object() else {
        return String::new();
    };
    let text = |k: &str| {
        map.get(k)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .trim()
            .to_owned()
    };
    if let Some(status) = AssetStatus::from_code(&text("status")) {
        return status.thai().to_owned();
    }
    join(&[&text("division"), &text("location"), &text("custodian")])
}

fn join(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" / ")
}
