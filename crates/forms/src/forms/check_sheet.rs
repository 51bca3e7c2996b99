//! ใบตรวจนับพัสดุ: the check sheet of forms.md §4. One sheet per location (each from a new
//! page), its lines in code order with a QR code each, columns of boxes to tick for found /
//! not found and the five conditions, items on loan marked with their slip and due date,
//! numbered blank rows for items found that are not on the sheet, a signature block for
//! every checker at its end, and on every page the round, the place and each checker's
//! initials line.

use phatsadu_core::checks::{CheckLine, CheckRound, Condition, LineResult, RoundKind};

use super::{Letterhead, long_date, members_sign, short_date};
use crate::pdf::{
    Align, Cell, Column, Flow, FormError, MM, Metadata, Orientation, Row, Style, Table, to_pdf,
};

/// Blank rows at the end of each sheet for items found that are not on it.
pub const BLANK_ROWS: usize = 5;

/// Side of the QR code printed with each line.
const QR_MM: f32 = 10.0;

/// What to print on the sheets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SheetOptions {
    /// Tick the boxes from the counts recorded so far (a record of the count), instead of
    /// leaving them empty for ink.
    pub with_results: bool,
}

/// The sheets of `lines` (a round's, in sheet order), a new page for each location.
pub fn check_sheets(
    head: &Letterhead,
    round: &CheckRound,
    lines: &[CheckLine],
    options: SheetOptions,
) -> Result<Vec<u8>, FormError> {
    if lines.is_empty() {
        return Err(FormError::Empty);
    }
    let mut flow = head
        .flow(Orientation::Landscape)
        .with_margins_mm([12.0, 10.0, 22.0, 12.0]);
    let mut start = 0;
    while start < lines.len() {
        let place = |l: &CheckLine| (l.division_name.clone(), l.location_id);
        let end = lines[start..]
            .iter()
            .position(|l| place(l) != place(&lines[start]))
            .map_or(lines.len(), |n| start + n);
        if start > 0 {
            flow.new_page();
        }
        let first = &lines[start];
        let section = [
            first.division_name.as_deref(),
            first.location_name.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" / ");
        flow.set_section(&section);
        sheet(head, &mut flow, round, &lines[start..end], options)?;
        start = end;
    }
    let footer = format!("ใบตรวจนับ {}", round.name);
    // Every page is initialled by each checker, as returned sheets are.
    let signers: Vec<String> = round.members.iter().map(|m| m.name.clone()).collect();
    let pages = flow.finish_signed(&footer, &signers);
    to_pdf(&pages, &Metadata { title: footer })
}

fn who_checks(round: &CheckRound) -> String {
    round
        .members
        .iter()
        .map(|m| format!("{} ({})", m.name, m.role.thai()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn sheet(
    head: &Letterhead,
    flow: &mut Flow,
    round: &CheckRound,
    lines: &[CheckLine],
    options: SheetOptions,
) -> Result<(), FormError> {
    let body = Style::BODY.sized(13.0);
    let first = &lines[0];
    let title = match round.kind {
        RoundKind::Annual => "ใบตรวจนับพัสดุประจำปี",
        RoundKind::Periodic => "ใบตรวจนับพัสดุ",
    };
    head.title(flow, title, &round.name);
    // The sheet's heading dates in full; its table's columns keep the short form.
    let dates = if round.starts_on == round.ends_on {
        long_date(round.starts_on)
    } else {
        format!(
            "{} – {}",
            long_date(round.starts_on),
            long_date(round.ends_on)
        )
    };
    flow.fields(
        &[
            (
                "ส่วนราชการ",
                first
                    .division_name
                    .clone()
                    .unwrap_or_else(|| "ไม่ระบุ".into()),
            ),
            (
                "สถานที่ตั้ง",
                first
                    .location_name
                    .clone()
                    .unwrap_or_else(|| "ไม่ระบุ".into()),
            ),
            ("วันที่ตรวจนับ", dates),
            ("ข้อมูล ณ วันที่", long_date(round.as_of)),
        ],
        2,
        body,
    );
    let label = if round.kind == RoundKind::Annual {
        "คณะกรรมการ"
    } else {
        "ผู้ตรวจนับ"
    };
    flow.fields(&[(label, who_checks(round))], 1, body);
    flow.gap(3.0);
    let mut table = Table::new(vec![
        Column::new("ลำดับ", 0.55).aligned(Align::Center),
        Column::new("รหัสครุภัณฑ์", 1.3),
        Column::new("QR", 0.9).aligned(Align::Center),
        Column::new("รายการ / ยี่ห้อ / รุ่น", 2.5),
        Column::new("จำนวน / หน่วย", 0.75).aligned(Align::Center),
        Column::new("ผู้ใช้/ผู้รับผิดชอบ", 1.8),
        Column::new("พบ", 0.5).aligned(Align::Center),
        Column::new("ไม่พบ", 0.5).aligned(Align::Center),
        Column::new("ใช้งานได้", 0.55).aligned(Align::Center),
        Column::new("ชำรุด", 0.55).aligned(Align::Center),
        Column::new("เสื่อมสภาพ", 0.6).aligned(Align::Center),
        Column::new("สูญไป", 0.5).aligned(Align::Center),
        Column::new("ไม่จำเป็นต้องใช้", 0.7).aligned(Align::Center),
        Column::new("หมายเหตุ", 1.6),
    ]);
    table.size = 11.0;
    table.qr_size = QR_MM * MM;
    for line in lines {
        let mark = |result: &[LineResult]| {
            options.with_results && line.result.is_some_and(|r| result.contains(&r))
        };
        let condition = |c: Condition| options.with_results && line.condition == Some(c);
        let item = if line.brand_model.is_empty() {
            line.name.clone()
        } else {
            format!("{} / {}", line.name, line.brand_model)
        };
        let unit = if line.unit.is_empty() {
            "1".to_owned()
        } else {
            format!("1 {}", line.unit)
        };
        let mut note = Vec::new();
        if let Some(slip) = &line.loan_no {
            let due = line.loan_due_on.map(short_date).unwrap_or_default();
            note.push(format!("ยืมตามใบยืม {slip} กำหนดคืน {due}"));
        }
        if options.with_results {
            if let Some(found) = &line.found_location_name {
                note.push(format!("พบที่ {found}"));
            }
            if !line.note.is_empty() {
                note.push(line.note.clone());
            }
        }
        table.rows.push(Row::new(vec![
            Cell::text(line.seq.to_string()),
            Cell::text(line.code.clone()),
            Cell::Qr(line.code.clone()),
            Cell::text(item),
            Cell::text(unit),
            Cell::text(line.custodian_name.clone().unwrap_or_default()),
            Cell::Check(mark(&[LineResult::Found, LineResult::FoundElsewhere])),
            Cell::Check(mark(&[LineResult::NotFound])),
            Cell::Check(condition(Condition::InUse)),
            Cell::Check(condition(Condition::Damaged)),
            Cell::Check(condition(Condition::Deteriorated)),
            Cell::Check(condition(Condition::Lost)),
            Cell::Check(condition(Condition::NotNeeded)),
            Cell::text(note.join(" ")),
        ]));
    }
    flow.table(&table)?;
    flow.gap(6.0);
    flow.paragraph("รายการที่ตรวจพบแต่ไม่มีในใบตรวจนับ", body.bold());
    let mut extra = Table::new(vec![
        Column::new("ลำดับ", 0.5).aligned(Align::Center),
        Column::new("รหัส (ถ้ามี)", 1.6),
        Column::new("รายการ / ยี่ห้อ / รุ่น", 3.4),
        Column::new("สถานที่ที่พบ", 1.8),
        Column::new("สภาพ", 1.2),
        Column::new("หมายเหตุ", 2.0),
    ]);
    extra.size = 11.0;
    for n in 1..=BLANK_ROWS {
        extra.rows.push(Row::new(vec![
            Cell::text(n.to_string()),
            Cell::text(""),
            Cell::text(""),
            Cell::text(""),
            Cell::text(""),
            Cell::text(""),
        ]));
    }
    flow.table(&extra)?;
    flow.gap(10.0);
    members_sign(flow, round, body);
    Ok(())
}
