//! ประกาศ ผลการตรวจสอบพัสดุประจำปี: the announcement many bodies post once the annual check
//! is done — who checked, over which period, what they found (the register against the
//! count, items damaged, deteriorated, lost or no longer needed, the materials on hand),
//! and what follows (fact-finding and disposal), signed by the agency head.

use phatsadu_core::checks::{AnnualReport, CategoryBalance};
use phatsadu_core::money::Satang;

use super::{Letterhead, baht, long_date, name_of, position_of};
use crate::pdf::{FormError, Metadata, Orientation, Signature, Style, to_pdf};

/// The totals row of the balances (the last), if any.
fn total(report: &AnnualReport) -> Option<&CategoryBalance> {
    report.balances.last()
}

/// The announcement of an annual round's result.
pub fn public_notice(head: &Letterhead, report: &AnnualReport) -> Result<Vec<u8>, FormError> {
    let round = &report.round;
    let mut flow = head.flow(Orientation::Portrait);
    let body = Style::BODY;
    if let Some(logo) = &head.logo {
        flow.image_centred(logo, 25.0 * crate::pdf::MM);
        flow.gap(4.0);
    }
    flow.paragraph(&format!("ประกาศ{}", head.name()), Style::TITLE);
    flow.paragraph(
        &format!(
            "เรื่อง ผลการตรวจสอบพัสดุประจำปีงบประมาณ พ.ศ. {}",
            round.fiscal_year
        ),
        Style::TITLE.sized(15.0),
    );
    flow.paragraph(
        "--------------------------------",
        body.aligned(crate::pdf::Align::Center),
    );
    flow.gap(4.0);
    let order = if round.order_no.is_empty() {
        String::new()
    } else {
        format!(
            " ตามคำสั่ง ที่ {} ลงวันที่ {}",
            round.order_no,
            round.order_date.map(long_date).unwrap_or_default()
        )
    };
    let period = match (round.period_from, round.period_to) {
        (Some(from), Some(to)) => format!("ระหว่างวันที่ {} ถึงวันที่ {}", long_date(from), long_date(to)),
        _ => String::new(),
    };
    flow.paragraph(
        &format!(
            "        ตามที่{}ได้แต่งตั้งคณะกรรมการตรวจสอบพัสดุประจำปี{order} เพื่อตรวจสอบการรับจ่ายพัสดุ{period} และตรวจนับพัสดุคงเหลือ ณ วันที่ {} ตามระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560 ข้อ 213 นั้น",
            head.name(),
            long_date(round.as_of)
        ),
        body,
    );
    flow.paragraph(
        "        บัดนี้ คณะกรรมการได้ดำเนินการตรวจสอบแล้วเสร็จ และรายงานผลต่อหัวหน้าหน่วยงานของรัฐแล้ว ผลการตรวจสอบสรุปได้ดังนี้",
        body,
    );
    let indent = 12.0 * crate::pdf::MM;
    let (x, width) = (flow.left() + indent, flow.content_width() - indent);
    let mut lines = Vec::new();
    if let Some(t) = total(report) {
        lines.push(format!(
            "1. ครุภัณฑ์ตามทะเบียน {} รายการ มูลค่า {} บาท ตรวจนับพบ {} รายการ ไม่พบ {} รายการ",
            t.register,
            baht(t.register_value),
            t.counted,
            t.short
        ));
    }
    lines.push(format!(
        "2. ครุภัณฑ์ชำรุด {} รายการ เสื่อมสภาพ {} รายการ สูญไป {} รายการ ไม่จำเป็นต้องใช้ {} รายการ",
        report.damaged, report.deteriorated, report.lost, report.not_needed
    ));
    if let Some(count) = &report.materials {
        let value = count
            .lines
            .iter()
            .fold(Satang(0), |sum, l| Satang(sum.0 + l.value().0));
        lines.push(format!(
            "3. วัสดุคงเหลือ {} รายการ มูลค่า {} บาท",
            count.lines.len(),
            baht(value)
        ));
    }
    let y = &report.materials_year;
    lines.push(format!(
        "{}. การรับวัสดุในรอบปี {} รายการ มูลค่า {} บาท การจ่ายวัสดุ {} รายการ มูลค่า {} บาท",
        lines.len() + 1,
        y.receipts,
        baht(y.received),
        y.issues,
        baht(y.issued)
    ));
    lines.push(format!(
        "{}. {}",
        lines.len() + 1,
        if report.balances_match {
            "บัญชีและทะเบียนถูกต้องตรงกับพัสดุคงเหลือ"
        } else {
            "พัสดุคงเหลือไม่ตรงกับทะเบียนบางรายการ ตามบัญชีแนบท้ายรายงาน"
        }
    ));
    for line in &lines {
        flow.paragraph_in(line, body, x, width);
    }
    flow.paragraph(
        "        สำหรับพัสดุที่ชำรุด เสื่อมสภาพ สูญไป หรือไม่จำเป็นต้องใช้ จะได้ดำเนินการสอบหาข้อเท็จจริงและจำหน่ายตามระเบียบฯ ข้อ 214 ถึงข้อ 218 ต่อไป",
        body,
    );
    flow.paragraph("        จึงประกาศให้ทราบโดยทั่วกัน", body);
    flow.gap(4.0);
    flow.paragraph(
        &format!("ประกาศ ณ วันที่ {}", long_date(head.today)),
        body.aligned(crate::pdf::Align::Center),
    );
    flow.gap(16.0);
    let signer = &head.settings.agency_head;
    flow.signature_right(
        &Signature {
            above: Vec::new(),
            role: String::new(),
            name: name_of(signer),
            position: position_of(signer).or_else(|| Some("หัวหน้าหน่วยงานของรัฐ".into())),
            date: None,
        },
        body,
    );
    let title = format!(
        "ประกาศผลการตรวจสอบพัสดุประจำปีงบประมาณ พ.ศ. {}",
        round.fiscal_year
    );
    let pages = flow.finish(&title);
    to_pdf(&pages, &Metadata { title })
}
