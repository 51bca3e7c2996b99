//! รายงานผลการตรวจสอบพัสดุประจำปี (forms.md §5): (a) the committee's memo to the agency
//! head — period, appointment, committee, method, counts, findings, proposals — signed by
//! every member, with room for the agency head's decision; (b) บัญชีครุภัณฑ์คงเหลือ, the
//! balances by category against the register; (c) บัญชีพัสดุชำรุด เสื่อมสภาพ สูญไป หรือไม่จำเป็นต้องใช้,
//! with totals per category and in all, in baht.

use phatsadu_core::checks::{AnnualReport, CheckRound, FindingLine, RoundKind};
use phatsadu_core::money::Satang;

use super::{Letterhead, baht, long_date, members_sign, name_of, position_of, short_date};
use crate::pdf::layout::Signature;
use crate::pdf::{
    Align, Cell, Column, Flow, FormError, Metadata, Orientation, Row, Style, Table, to_pdf,
};

/// The report as one PDF: the memo, then each annex from a new page.
pub fn check_report(head: &Letterhead, report: &AnnualReport) -> Result<Vec<u8>, FormError> {
    // The annexes' tables need the width: margins a little narrower than a letter's.
    let mut flow = head
        .flow(Orientation::Portrait)
        .with_margins_mm([20.0, 15.0, 18.0, 20.0]);
    memo(head, &mut flow, report);
    flow.new_page();
    balances(head, &mut flow, report)?;
    if report.materials.is_some() {
        flow.new_page();
        material_balances(head, &mut flow, report)?;
    }
    flow.new_page();
    findings(head, &mut flow, report)?;
    let footer = format!("รายงานผลการตรวจสอบพัสดุ {}", report.round.name);
    let pages = flow.finish(&footer);
    to_pdf(&pages, &Metadata { title: footer })
}

/// "ประจำปีงบประมาณ 2567" or the periodic round's own name.
fn subject_of(round: &CheckRound) -> String {
    match round.kind {
        RoundKind::Annual => format!("รายงานผลการตรวจสอบพัสดุประจำปีงบประมาณ {}", round.fiscal_year),
        RoundKind::Periodic => format!("รายงานผลการตรวจนับพัสดุ {}", round.name),
    }
}

fn memo(head: &Letterhead, flow: &mut Flow, report: &AnnualReport) {
    let round = &report.round;
    let body = Style::BODY;
    super::memo::memo_head(head, flow, "", &subject_of(round));
    let agency =
        position_of(&head.settings.agency_head).unwrap_or_else(|| "หัวหน้าหน่วยงานของรัฐ".to_owned());
    flow.paragraph(&format!("เรียน {agency}"), body);
    flow.gap(4.0);
    let opening = match (round.kind, round.order_no.is_empty()) {
        (RoundKind::Annual, _) => {
            let order = if round.order_no.is_empty() {
                String::new()
            } else {
                let date = round.order_date.map(long_date).unwrap_or_default();
                format!("ตามคำสั่ง{} ที่ {} ลงวันที่ {date} ", head.name(), round.order_no)
            };
            let period = match (round.period_from, round.period_to) {
                (Some(from), Some(to)) => {
                    format!("ตั้งแต่วันที่ {} ถึงวันที่ {}", long_date(from), long_date(to))
                }
                _ => String::new(),
            };
            format!(
                "{order}ได้แต่งตั้งคณะกรรมการตรวจสอบพัสดุประจำปี เพื่อตรวจสอบการรับจ่ายพัสดุในรอบปีที่ผ่านมา {period} และตรวจนับพัสดุที่คงเหลือ ณ วันที่ {} ตามระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560 ข้อ 213 นั้น",
                long_date(round.as_of)
            )
        }
        (RoundKind::Periodic, _) => format!(
            "ตามที่{}ได้กำหนดให้ตรวจนับพัสดุประจำงวดในแต่ละส่วนราชการ เพื่อให้การควบคุมดูแลพัสดุเป็นไปตามระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560 โดยตรวจนับครุภัณฑ์ตามทะเบียน ณ วันที่ {} ({}) นั้น",
            head.name(),
            long_date(round.as_of),
            round.name
        ),
    };
    flow.paragraph(&format!("        {opening}"), body);
    let committee: Vec<String> = round
        .members
        .iter()
        .map(|m| format!("{} {}", m.name, m.role.thai()))
        .collect();
    flow.paragraph(
        &format!(
            "        คณะกรรมการ ได้แก่ {} ได้ดำเนินการตรวจสอบตั้งแต่วันที่ {} ถึงวันที่ {} โดยตรวจนับครุภัณฑ์ทุกรายการตามทะเบียนคุมทรัพย์สินด้วยการสแกนป้ายรหัสครุภัณฑ์และใบตรวจนับ ผลการตรวจสอบปรากฏดังนี้",
            committee.join(" "),
            long_date(round.starts_on),
            long_date(round.ends_on)
        ),
        body,
    );
    let p = round.progress;
    let mut results = vec![
        format!(
            "1. ครุภัณฑ์ตามทะเบียน {} รายการ ตรวจนับพบ {} รายการ (ในจำนวนนี้พบผิดที่ {} รายการ) อยู่ระหว่างการยืมตามหลักฐาน {} รายการ ไม่พบ {} รายการ และพบครุภัณฑ์นอกบัญชี {} รายการ รายละเอียดตามบัญชีครุภัณฑ์คงเหลือแนบท้าย",
            p.expected,
            p.found + p.found_elsewhere,
            p.found_elsewhere,
            p.on_loan,
            p.not_found,
            p.unexpected
        ),
        format!(
            "2. ยอดครุภัณฑ์คงเหลือ{}ทะเบียนคุมทรัพย์สิน",
            if report.balances_match {
                "ถูกต้องตรงตาม"
            } else {
                "ไม่ตรงกับ"
            }
        ),
        format!(
            "3. ครุภัณฑ์ชำรุด {} รายการ เสื่อมสภาพ {} รายการ สูญไปหรือตรวจไม่พบ {} รายการ และไม่จำเป็นต้องใช้ {} รายการ รายละเอียดตามบัญชีพัสดุชำรุด เสื่อมสภาพ สูญไป หรือไม่จำเป็นต้องใช้แนบท้าย",
            report.damaged, report.deteriorated, report.lost, report.not_needed
        ),
    ];
    if !round.notes.trim().is_empty() {
        results.push(format!("4. {}", round.notes.trim()));
    }
    for line in &results {
        flow.paragraph(&format!("        {line}"), body);
    }
    let mut proposals = Vec::new();
    if report.damaged > 0 {
        proposals.push("ครุภัณฑ์ที่ชำรุดให้ซ่อมแซมให้ใช้งานได้");
    }
    if report.deteriorated + report.not_needed > 0 {
        proposals.push("ครุภัณฑ์ที่เสื่อมสภาพหรือไม่จำเป็นต้องใช้ให้ดำเนินการจำหน่ายตามข้อ 215");
    }
    if report.lost > 0 {
        proposals.push("ครุภัณฑ์ที่สูญไปหรือตรวจไม่พบให้แต่งตั้งคณะกรรมการสอบหาข้อเท็จจริงตามข้อ 214");
    }
    if !proposals.is_empty() {
        flow.paragraph(
            &format!("        คณะกรรมการจึงเห็นควร {}", proposals.join(" ")),
            body,
        );
    }
    flow.paragraph("        จึงเรียนมาเพื่อโปรดทราบและพิจารณา", body);
    flow.gap(12.0);
    members_sign(flow, round, body);
    flow.gap(6.0);
    let signer = &head.settings.agency_head;
    flow.options(
        "ความเห็นของหัวหน้าหน่วยงานของรัฐ",
        &[("ทราบ", false), ("เห็นชอบตามที่คณะกรรมการเสนอ", false)],
        body,
    );
    flow.signature_right(
        &Signature {
            above: Vec::new(),
            role: String::new(),
            name: name_of(signer)
                .or_else(|| Some(round.order_signer.clone()).filter(|s| !s.is_empty())),
            position: position_of(signer),
            date: None,
        },
        body,
    );
    flow.gap(4.0);
    flow.paragraph(
        "สำเนาส่ง สำนักงานการตรวจเงินแผ่นดิน และหน่วยงานต้นสังกัด (ข้อ 213 วรรคสาม)",
        body.sized(13.0),
    );
}

fn balances(head: &Letterhead, flow: &mut Flow, report: &AnnualReport) -> Result<(), FormError> {
    let body = Style::BODY.sized(13.0);
    head.title(
        flow,
        "บัญชีครุภัณฑ์คงเหลือ",
        &format!(
            "{} ณ วันที่ {}",
            report.round.name,
            long_date(report.valued_on)
        ),
    );
    let mut table = Table::new(vec![
        Column::new("ที่", 0.45).aligned(Align::Center),
        Column::new("รหัส", 0.6).aligned(Align::Center),
        Column::new("ประเภท", 2.4),
        Column::new("ตามทะเบียน", 0.95).aligned(Align::Right),
        Column::new("ตรวจนับได้", 0.95).aligned(Align::Right),
        Column::new("ขาด", 0.6).aligned(Align::Right),
        Column::new("เกิน", 0.6).aligned(Align::Right),
        Column::new("สภาพไม่ใช้งานได้", 0.95).aligned(Align::Right),
        Column::new("ราคาทุนตามทะเบียน (บาท)", 1.55).aligned(Align::Right),
    ]);
    table.size = 12.0;
    let (rows, total) = report
        .balances
        .split_at(report.balances.len().saturating_sub(1));
    for (i, b) in rows.iter().enumerate() {
        table.rows.push(Row::new(vec![
            Cell::text((i + 1).to_string()),
            Cell::text(b.type_code.clone()),
            Cell::text(b.category_name.clone()),
            Cell::text(b.register.to_string()),
            Cell::text(b.counted.to_string()),
            Cell::text(b.short.to_string()),
            Cell::text(b.over.to_string()),
            Cell::text(b.not_in_use.to_string()),
            Cell::text(baht(b.register_value)),
        ]));
    }
    if let Some(t) = total.first() {
        table.rows.push(Row::total(
            &t.category_name,
            3,
            vec![
                Cell::text(t.register.to_string()),
                Cell::text(t.counted.to_string()),
                Cell::text(t.short.to_string()),
                Cell::text(t.over.to_string()),
                Cell::text(t.not_in_use.to_string()),
                Cell::text(baht(t.register_value)),
            ],
        ));
    }
    flow.table(&table)?;
    flow.gap(12.0);
    members_sign(flow, &report.round, body);
    Ok(())
}

/// บัญชีวัสดุคงเหลือ: each item's book balance and what was counted, at its average price,
/// with totals; then what was received and issued over the year.
fn material_balances(
    head: &Letterhead,
    flow: &mut Flow,
    report: &AnnualReport,
) -> Result<(), FormError> {
    let Some(count) = &report.materials else {
        return Ok(());
    };
    let body = Style::BODY.sized(13.0);
    head.title(
        flow,
        "บัญชีวัสดุคงเหลือ",
        &format!(
            "{} ณ วันที่ {}",
            report.round.name,
            long_date(report.round.as_of)
        ),
    );
    let mut table = Table::new(vec![
        Column::new("ที่", 0.45).aligned(Align::Center),
        Column::new("รายการ", 2.35),
        Column::new("หน่วยนับ", 1.05),
        Column::new("จำนวนตามบัญชี", 0.95).aligned(Align::Right),
        Column::new("จำนวนที่ตรวจนับได้", 0.95).aligned(Align::Right),
        Column::new("ราคาต่อหน่วย", 0.95).aligned(Align::Right),
        Column::new("มูลค่า (บาท)", 1.2).aligned(Align::Right),
    ]);
    table.size = 11.0;
    let mut total = Satang(0);
    for (i, line) in count.lines.iter().enumerate() {
        let value = line.value();
        total = Satang(total.0 + value.0);
        table.rows.push(Row::new(vec![
            Cell::text((i + 1).to_string()),
            Cell::text(format!("{} ({})", line.name, line.code)),
            Cell::text(line.unit.clone()),
            Cell::text(line.book.map(|b| b.to_string()).unwrap_or_default()),
            Cell::text(line.counted.map(|c| c.to_string()).unwrap_or_default()),
            Cell::text(baht(line.unit_price)),
            Cell::text(baht(value)),
        ]));
    }
    table
        .rows
        .push(Row::total("รวมทั้งสิ้น", 6, vec![Cell::text(baht(total))]));
    flow.table(&table)?;
    flow.gap(4.0);
    let y = &report.materials_year;
    flow.paragraph(
        &format!(
            "        ระหว่างวันที่ {} ถึงวันที่ {} รับวัสดุ {} รายการ มูลค่า {} บาท จ่ายวัสดุ {} รายการ มูลค่า {} บาท ตรวจสอบแล้วถูกต้องตามบัญชีวัสดุ",
            long_date(report.round.period_from.unwrap_or(report.round.as_of)),
            long_date(report.round.period_to.unwrap_or(report.round.as_of)),
            y.receipts,
            baht(y.received),
            y.issues,
            baht(y.issued)
        ),
        body,
    );
    flow.gap(12.0);
    members_sign(flow, &report.round, body);
    Ok(())
}

fn finding_row(n: usize, f: &FindingLine) -> Row {
    Row::new(vec![
        Cell::text(n.to_string()),
        Cell::text(f.code.clone()),
        Cell::text(f.name.clone()),
        Cell::text(short_date(f.acquired_on)),
        Cell::text(baht(f.cost)),
        Cell::text(baht(f.net_book_value)),
        Cell::text(if f.not_found {
            "ไม่พบ".to_owned()
        } else {
            f.condition.thai().to_owned()
        }),
        Cell::text(f.cause.clone()),
        Cell::text(f.proposal.clone()),
    ])
}

fn findings(head: &Letterhead, flow: &mut Flow, report: &AnnualReport) -> Result<(), FormError> {
    let body = Style::BODY.sized(13.0);
    head.title(
        flow,
        "บัญชีพัสดุชำรุด เสื่อมสภาพ สูญไป หรือไม่จำเป็นต้องใช้",
        &format!(
            "{} มูลค่าสุทธิ ณ วันที่ {}",
            report.round.name,
            long_date(report.valued_on)
        ),
    );
    if report.findings.is_empty() {
        flow.paragraph("— ไม่มี —", body.aligned(Align::Center));
    } else {
        let mut table = Table::new(vec![
            Column::new("ที่", 0.42).aligned(Align::Center),
            Column::new("รหัส", 1.25),
            Column::new("รายการ", 1.9),
            Column::new("วันที่ได้มา", 1.0),
            Column::new("ราคาทุน", 1.1).aligned(Align::Right),
            Column::new("มูลค่าสุทธิ", 1.1).aligned(Align::Right),
            Column::new("สภาพ", 0.85),
            Column::new("สาเหตุ", 1.0),
            Column::new("ข้อเสนอ", 1.2),
        ]);
        table.size = 10.0;
        let mut categories: Vec<&str> = Vec::new();
        for f in &report.findings {
            if !categories.contains(&f.category_name.as_str()) {
                categories.push(&f.category_name);
            }
        }
        let (mut cost, mut net, mut n) = (Satang(0), Satang(0), 0);
        for category in categories {
            let mut sub = (Satang(0), Satang(0));
            table.rows.push(Row::heading(category, 9));
            for f in report
                .findings
                .iter()
                .filter(|f| f.category_name == category)
            {
                n += 1;
                table.rows.push(finding_row(n, f));
                sub = (
                    Satang(sub.0.0 + f.cost.0),
                    Satang(sub.1.0 + f.net_book_value.0),
                );
            }
            table.rows.push(Row::total(
                &format!("รวม{category}"),
                4,
                vec![
                    Cell::text(baht(sub.0)),
                    Cell::text(baht(sub.1)),
                    Cell::text(""),
                    Cell::text(""),
                    Cell::text(""),
                ],
            ));
            cost = Satang(cost.0 + sub.0.0);
            net = Satang(net.0 + sub.1.0);
        }
        table.rows.push(Row::total(
            &format!("รวมทั้งสิ้น {n} รายการ"),
            4,
            vec![
                Cell::text(baht(cost)),
                Cell::text(baht(net)),
                Cell::text(""),
                Cell::text(""),
                Cell::text(""),
            ],
        ));
        flow.table(&table)?;
    }
    flow.gap(12.0);
    members_sign(flow, &report.round, body);
    Ok(())
}
