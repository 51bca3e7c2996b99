//! คำสั่งแต่งตั้งคณะกรรมการตรวจสอบพัสดุประจำปี: the draft of the agency head's order
//! appointing the annual check committee (ข้อ ๒๑๓), with its members and their places, the
//! period and the day the balance is counted, the start and the report's deadline; and
//! form 7's per-division summary of a fiscal year's periodic checks.

use phatsadu_core::checks::{CheckRound, PeriodicSummary, RoundStatus};

use super::{Letterhead, long_date, name_of, position_of, short_date};
use crate::pdf::layout::Signature;
use crate::pdf::{
    Align, Cell, Column, FormError, Metadata, Orientation, Row, Style, Table, to_pdf,
};

/// The appointment order of an annual round.
pub fn appointment_order(head: &Letterhead, round: &CheckRound) -> Result<Vec<u8>, FormError> {
    let mut flow = head.flow(Orientation::Portrait);
    let body = Style::BODY;
    let centred = body.aligned(Align::Center);
    if let Some(logo) = &head.logo {
        flow.image_centred(logo, 30.0 * crate::pdf::MM);
        flow.gap(4.0);
    }
    flow.paragraph(
        &format!("คำสั่ง{}", head.name()),
        body.bold().aligned(Align::Center),
    );
    let number = if round.order_no.trim().is_empty() {
        "........../..........".to_owned()
    } else {
        round.order_no.clone()
    };
    flow.paragraph(&format!("ที่ {number}"), centred);
    flow.paragraph(
        &format!(
            "เรื่อง แต่งตั้งคณะกรรมการตรวจสอบพัสดุประจำปีงบประมาณ {}",
            round.fiscal_year
        ),
        centred,
    );
    flow.paragraph("-----------------------------------", centred);
    flow.gap(4.0);
    flow.paragraph(
        "        ตามระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560 ข้อ 213 กำหนดให้ภายในเดือนสุดท้ายของปีงบประมาณ หัวหน้าหน่วยงานของรัฐแต่งตั้งผู้ซึ่งมิใช่เจ้าหน้าที่คนหนึ่งหรือหลายคนตามความจำเป็น เพื่อตรวจสอบการรับจ่ายพัสดุในงวด 1 ปีที่ผ่านมา และตรวจนับพัสดุประเภทที่คงเหลืออยู่เพียงวันสิ้นงวดนั้น",
        body,
    );
    flow.paragraph(
        &format!(
            "        เพื่อให้การตรวจสอบพัสดุประจำปีงบประมาณ {} เป็นไปตามระเบียบดังกล่าว จึงแต่งตั้งคณะกรรมการตรวจสอบพัสดุประจำปี ประกอบด้วย",
            round.fiscal_year
        ),
        body,
    );
    let mut table = Table::new(vec![
        Column::new("ที่", 0.4).aligned(Align::Center),
        Column::new("ชื่อ - สกุล", 2.2),
        Column::new("ตำแหน่ง", 2.4),
        Column::new("หน้าที่", 1.6),
    ]);
    for (i, m) in round.members.iter().enumerate() {
        table.rows.push(Row::new(vec![
            Cell::text((i + 1).to_string()),
            Cell::text(m.name.clone()),
            Cell::text(m.position.clone()),
            Cell::text(m.role.thai()),
        ]));
    }
    flow.gap(2.0);
    flow.table(&table)?;
    flow.gap(4.0);
    let period = match (round.period_from, round.period_to) {
        (Some(from), Some(to)) => format!("ตั้งแต่วันที่ {} ถึงวันที่ {}", long_date(from), long_date(to)),
        _ => String::new(),
    };
    let due = round
        .report_due_on
        .map(|d| format!(" (ภายในวันที่ {})", long_date(d)))
        .unwrap_or_default();
    let to = position_of(&head.settings.agency_head).unwrap_or_else(|| "หัวหน้าหน่วยงานของรัฐ".into());
    flow.paragraph(
        &format!(
            "        ให้คณะกรรมการมีหน้าที่ตรวจสอบการรับจ่ายพัสดุ{period} ว่าถูกต้องหรือไม่ และตรวจนับพัสดุที่คงเหลือ ณ วันที่ {} ว่าคงเหลือตรงตามบัญชีหรือทะเบียนหรือไม่ มีพัสดุใดชำรุด เสื่อมสภาพ สูญไป หรือไม่จำเป็นต้องใช้ในราชการต่อไป โดยเริ่มดำเนินการตรวจสอบในวันเปิดทำการวันแรกของปีงบประมาณถัดไป คือวันที่ {} แล้วรายงานผลการตรวจสอบต่อ{to} ภายใน 30 วันทำการนับแต่วันเริ่มดำเนินการตรวจสอบ{due}",
            long_date(round.as_of),
            long_date(round.starts_on),
        ),
        body,
    );
    flow.paragraph("        ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป", body);
    flow.gap(6.0);
    let dated = round
        .order_date
        .map(long_date)
        .unwrap_or_else(|| "...........................".into());
    flow.paragraph(&format!("สั่ง ณ วันที่ {dated}"), centred);
    flow.gap(14.0);
    let signer = &head.settings.agency_head;
    flow.signature_right(
        &Signature {
            above: Vec::new(),
            role: String::new(),
            name: Some(round.order_signer.clone())
                .filter(|s| !s.trim().is_empty())
                .or_else(|| name_of(signer)),
            position: position_of(signer),
            date: None,
        },
        body,
    );
    let pages = flow.finish("");
    to_pdf(
        &pages,
        &Metadata {
            title: format!("คำสั่งแต่งตั้งคณะกรรมการตรวจสอบพัสดุประจำปี {}", round.fiscal_year),
        },
    )
}

/// Form 7: each division's periodic checks of a fiscal year, with their counts.
pub fn periodic_summary(
    head: &Letterhead,
    summary: &PeriodicSummary,
) -> Result<Vec<u8>, FormError> {
    let mut flow = head
        .flow(Orientation::Landscape)
        .with_margins_mm([15.0, 12.0, 15.0, 15.0]);
    head.title(
        &mut flow,
        "สรุปผลการตรวจนับพัสดุประจำงวด",
        &format!("ปีงบประมาณ พ.ศ. {}", summary.fiscal_year),
    );
    let mut table = Table::new(vec![
        Column::new("ลำดับ", 0.5).aligned(Align::Center),
        Column::new("ส่วนราชการ", 2.0),
        Column::new("รอบการตรวจนับ", 2.4),
        Column::new("วันที่ตรวจนับ", 1.5),
        Column::new("ผู้ตรวจนับ", 2.2),
        Column::new("ตามบัญชี", 0.75).aligned(Align::Right),
        Column::new("พบ", 0.6).aligned(Align::Right),
        Column::new("ไม่พบ", 0.6).aligned(Align::Right),
        Column::new("ถูกยืม", 0.6).aligned(Align::Right),
        Column::new("ตรวจแล้ว ร้อยละ", 0.8).aligned(Align::Right),
        Column::new("สถานะ", 0.8),
    ]);
    table.size = 11.5;
    for (i, row) in summary.rows.iter().enumerate() {
        let p = row.progress;
        let percent = if p.expected == 0 {
            "—".to_owned()
        } else {
            format!(
                "{:.1}",
                f64::from(p.counted) * 100.0 / f64::from(p.expected)
            )
        };
        let dates = if row.starts_on == row.ends_on {
            short_date(row.starts_on)
        } else {
            format!(
                "{} – {}",
                short_date(row.starts_on),
                short_date(row.ends_on)
            )
        };
        table.rows.push(Row::new(vec![
            Cell::text((i + 1).to_string()),
            Cell::text(row.division_name.clone()),
            Cell::text(row.round_name.clone()),
            Cell::text(dates),
            Cell::text(row.checkers.clone()),
            Cell::text(p.expected.to_string()),
            Cell::text((p.found + p.found_elsewhere).to_string()),
            Cell::text(p.not_found.to_string()),
            Cell::text(p.on_loan.to_string()),
            Cell::text(percent),
            Cell::text(match row.status {
                RoundStatus::Closed => "ปิดรอบแล้ว",
                RoundStatus::Open => "กำลังตรวจนับ",
                RoundStatus::Draft => "ร่าง",
            }),
        ]));
    }
    if summary.rows.is_empty() {
        table.rows.push(Row::total(
            "ยังไม่มีการตรวจนับประจำงวดในปีงบประมาณนี้",
            11,
            Vec::new(),
        ));
    }
    flow.table(&table)?;
    let footer = format!("สรุปผลการตรวจนับประจำงวด ปีงบประมาณ {}", summary.fiscal_year);
    let pages = flow.finish(&footer);
    to_pdf(&pages, &Metadata { title: footer })
}
