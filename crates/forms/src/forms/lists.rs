//! Lists for the ITA evidence (forms.md §7) as PDF: the asset list with the filters in
//! force, and the loan register of a fiscal year.

use phatsadu_core::assets::Asset;
use phatsadu_core::loans::Loan;
use phatsadu_core::money::Satang;

use super::{Letterhead, baht, short_date, stamp_short};
use crate::pdf::{Align, Cell, Column, FormError, Metadata, Orientation, Row, Table, to_pdf};
use crate::tables::loan_status_thai;

/// The asset list: one row per item, a total of the unit prices at the end.
pub fn asset_list(
    head: &Letterhead,
    filters: &str,
    assets: &[Asset],
) -> Result<Vec<u8>, FormError> {
    let mut flow = head
        .flow(Orientation::Landscape)
        .with_margins_mm([15.0, 12.0, 15.0, 15.0]);
    let subtitle = format!(
        "{}ข้อมูล ณ วันที่ {}",
        if filters.trim().is_empty() {
            String::new()
        } else {
            format!("{} — ", filters.trim())
        },
        super::long_date(head.today)
    );
    head.title(&mut flow, "ทะเบียนครุภัณฑ์", &subtitle);
    let mut table = Table::new(vec![
        Column::new("ลำดับ", 0.6).aligned(Align::Center),
        Column::new("รหัสครุภัณฑ์", 1.4),
        Column::new("รายการ", 2.8),
        Column::new("ยี่ห้อ/รุ่น", 1.6),
        Column::new("ประเภท", 1.5),
        Column::new("ส่วนราชการ/สถานที่", 2.0),
        Column::new("วันที่ได้มา", 1.1),
        Column::new("ราคาต่อหน่วย", 1.2).aligned(Align::Right),
        Column::new("สถานะ", 1.2),
    ]);
    table.size = 10.5;
    let mut total = Satang(0);
    for (i, a) in assets.iter().enumerate() {
        total = Satang(total.0 + a.unit_price.0);
        let place = [a.division_name.as_deref(), a.location_name.as_deref()]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" / ");
        let brand = [a.brand.as_str(), a.model.as_str()]
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        table.rows.push(Row::new(vec![
            Cell::text((i + 1).to_string()),
            Cell::text(a.code.clone()),
            Cell::text(a.name.clone()),
            Cell::text(brand),
            Cell::text(a.category_name.clone()),
            Cell::text(place),
            Cell::text(short_date(a.acquired_on)),
            Cell::text(baht(a.unit_price)),
            Cell::text(a.status.thai()),
        ]));
    }
    table.rows.push(Row::total(
        &format!("รวม {} รายการ", assets.len()),
        7,
        vec![Cell::text(baht(total)), Cell::text("")],
    ));
    flow.table(&table)?;
    let pages = flow.finish(&format!("ทะเบียนครุภัณฑ์ {}", head.name()));
    to_pdf(
        &pages,
        &Metadata {
            title: "ทะเบียนครุภัณฑ์".into(),
        },
    )
}

/// The loan register of fiscal year `fiscal_year` (B.E.): slip, borrower, items,
/// approver, dates, return and every overdue follow-up.
pub fn loan_register(
    head: &Letterhead,
    fiscal_year: i32,
    loans: &[Loan],
) -> Result<Vec<u8>, FormError> {
    let mut flow = head
        .flow(Orientation::Landscape)
        .with_margins_mm([15.0, 12.0, 15.0, 15.0]);
    head.title(
        &mut flow,
        &format!("ทะเบียนคุมการยืมพัสดุ ปีงบประมาณ พ.ศ. {fiscal_year}"),
        &format!("ข้อมูล ณ วันที่ {}", super::long_date(head.today)),
    );
    let mut table = Table::new(vec![
        Column::new("เลขที่ใบยืม", 0.9),
        Column::new("ผู้ยืม", 1.7),
        Column::new("รายการพัสดุ", 2.8),
        Column::new("ผู้อนุมัติ", 1.6),
        Column::new("วันที่ยืม", 0.9),
        Column::new("กำหนดคืน", 0.9),
        Column::new("วันที่คืน", 0.9),
        Column::new("สถานะ", 0.9),
        Column::new("การติดตาม", 1.8),
    ]);
    table.size = 10.5;
    for loan in loans {
        let items = loan
            .items
            .iter()
            .map(|i| format!("{} {}", i.code, i.name))
            .collect::<Vec<_>>()
            .join("\n");
        let approver = match (&loan.decided_by_name, &loan.decided_for_name) {
            (Some(by), Some(principal)) => format!("{by} (แทน {principal})"),
            (Some(by), None) => by.clone(),
            _ => String::new(),
        };
        let follow_ups = loan
            .follow_ups
            .iter()
            .map(|f| {
                format!("ครั้งที่ {} {} {}", f.round, short_date(f.on_date), f.letter_no)
                    .trim()
                    .to_owned()
            })
            .collect::<Vec<_>>()
            .join("\n");
        let mut state = loan_status_thai(loan.status).to_owned();
        if let Some(days) = loan.overdue_days {
            state = format!("{state} เกินกำหนด {days} วัน");
        }
        table.rows.push(Row::new(vec![
            Cell::text(loan.loan_no.clone()),
            Cell::text(loan.borrower_name.clone()),
            Cell::text(items),
            Cell::text(approver),
            Cell::text(short_date(loan.starts_on)),
            Cell::text(short_date(loan.due_on)),
            Cell::text(stamp_short(loan.closed_at.as_deref()).unwrap_or_default()),
            Cell::text(state),
            Cell::text(follow_ups),
        ]));
    }
    table.rows.push(Row::total(
        &format!("รวม {} รายการ", loans.len()),
        9,
        Vec::new(),
    ));
    flow.table(&table)?;
    let pages = flow.finish(&format!("ทะเบียนคุมการยืมพัสดุ ปีงบประมาณ {fiscal_year}"));
    to_pdf(
        &pages,
        &Metadata {
            title: format!("ทะเบียนคุมการยืมพัสดุ {fiscal_year}"),
        },
    )
}
