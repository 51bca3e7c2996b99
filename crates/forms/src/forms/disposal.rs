//! Disposal (forms.md §9): the request to dispose (รายงานขอจำหน่ายพัสดุ) with the list, cost,
//! net book value and proposed method and the agency head's decision block; the result
//! report (method used, buyer or receiving body, proceeds); and the notice to the State
//! Audit Office (สตง.) listing what was written off with the approval's reference. All three
//! are memos (บันทึกข้อความ) sharing one head.

use phatsadu_core::disposal::{Disposal, DisposalStatus};
use phatsadu_core::money::Satang;

use super::{Letterhead, baht, long_date, name_of, position_of, short_date};
use crate::pdf::{
    Align, Cell, Column, Flow, FormError, Metadata, Orientation, Row, Signature, Style, Table,
    to_pdf,
};

/// To whom the memos go: the agency head's post, or the plain title.
fn agency_head(head: &Letterhead) -> String {
    position_of(&head.settings.agency_head).unwrap_or_else(|| "หัวหน้าหน่วยงานของรัฐ".into())
}

/// The supplies officer's and the head of supplies' signatures, side by side.
fn staff_sign(head: &Letterhead, flow: &mut Flow) {
    let officer = &head.settings.supplies_officer;
    let supervisor = &head.settings.head_of_supplies;
    flow.signatures(
        &[
            Signature {
                above: Vec::new(),
                role: "เจ้าหน้าที่พัสดุ".into(),
                name: name_of(officer),
                position: position_of(officer),
                date: None,
            },
            Signature {
                above: Vec::new(),
                role: "หัวหน้าเจ้าหน้าที่".into(),
                name: name_of(supervisor),
                position: position_of(supervisor),
                date: None,
            },
        ],
        2,
        Style::BODY,
    );
}

/// รายงานขอจำหน่ายพัสดุ: the proposal, its list, and the decision block (filled once decided).
pub fn disposal_request(head: &Letterhead, d: &Disposal) -> Result<Vec<u8>, FormError> {
    let mut flow = head.flow(Orientation::Portrait);
    let body = Style::BODY;
    super::memo::memo_head(head, &mut flow, "", "รายงานขอจำหน่ายพัสดุ");
    flow.paragraph(&format!("เรียน {}", agency_head(head)), body);
    flow.gap(4.0);
    let found = d
        .round_name
        .as_ref()
        .map(|r| format!(" ตามรายงานผล{r}"))
        .unwrap_or_default();
    flow.paragraph(
        &format!(
            "        ด้วย{}{found} งานพัสดุจึงขอรายงานขอจำหน่ายพัสดุ เรื่องที่ {} จำนวน {} รายการ ราคาทุนรวม {} บาท มูลค่าสุทธิรวม {} บาท (ณ วันที่ {}) ดังรายการต่อไปนี้",
            d.reason.trim_end_matches('.'),
            d.disposal_no,
            d.items.len(),
            baht(d.total_cost),
            baht(d.total_net_book_value),
            long_date(d.proposed_on),
        ),
        body,
    );
    flow.gap(4.0);
    // Seven columns keep amounts on one line in a portrait memo: the day acquired sits
    // under the item's name, and the note and the fact-finding under the method.
    let mut table = Table::new(vec![
        Column::new("ลำดับ", 0.5).aligned(Align::Center),
        Column::new("รหัส", 1.5),
        Column::new("รายการ / วันที่ได้มา", 2.9),
        Column::new("ราคาทุน", 1.3).aligned(Align::Right),
        Column::new("มูลค่าสุทธิ", 1.25).aligned(Align::Right),
        Column::new("สภาพ", 0.95),
        Column::new("วิธีจำหน่ายที่เสนอ / หมายเหตุ", 1.6),
    ]);
    table.size = 11.0;
    for (n, item) in d.items.iter().enumerate() {
        let mut method = item.method.thai().to_owned();
        if !item.note.trim().is_empty() {
            method.push_str(&format!(" ({})", item.note.trim()));
        }
        if let Some(case) = &item.fact_finding_no {
            method.push_str(&format!(" สอบข้อเท็จจริง {case}"));
        }
        table.rows.push(Row::new(vec![
            Cell::text((n + 1).to_string()),
            Cell::text(item.code.clone()),
            Cell::text(format!(
                "{} (ได้มา {})",
                item.name,
                short_date(item.acquired_on)
            )),
            Cell::text(baht(item.cost)),
            Cell::text(baht(item.net_book_value)),
            Cell::text(item.condition.thai()),
            Cell::text(method),
        ]));
    }
    table.rows.push(Row::total(
        "รวม",
        3,
        vec![
            Cell::text(baht(d.total_cost)),
            Cell::text(baht(d.total_net_book_value)),
            Cell::text(""),
            Cell::text(""),
        ],
    ));
    flow.table(&table)?;
    flow.gap(6.0);
    flow.paragraph(
        "        จึงเรียนมาเพื่อโปรดพิจารณาอนุมัติให้จำหน่ายพัสดุตามวิธีที่เสนอ ตามระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560 ข้อ 215 และดำเนินการให้แล้วเสร็จภายใน 60 วันนับแต่วันที่ได้รับอนุมัติ",
        body,
    );
    flow.gap(14.0);
    staff_sign(head, &mut flow);
    flow.gap(10.0);
    decision_block(head, &mut flow, d);
    let title = format!("รายงานขอจำหน่ายพัสดุ {}", d.disposal_no);
    let pages = flow.finish(&title);
    to_pdf(&pages, &Metadata { title })
}

/// The agency head's decision: ticked and signed as recorded, or blank for ink.
fn decision_block(head: &Letterhead, flow: &mut Flow, d: &Disposal) {
    let body = Style::BODY;
    flow.keep(body.line_height() * 8.0);
    flow.paragraph("ความเห็น/คำสั่งของหัวหน้าหน่วยงานของรัฐ", body.bold());
    let (approved, refused) = match d.status {
        DisposalStatus::Proposed => (false, false),
        DisposalStatus::Rejected => (false, true),
        DisposalStatus::Approved | DisposalStatus::WrittenOff => (true, false),
    };
    flow.options("", &[("อนุมัติ", approved), ("ไม่อนุมัติ", refused)], body);
    if approved {
        flow.paragraph(
            &format!(
                "        อนุมัติตาม {} ลงวันที่ {}",
                d.approval_no,
                d.approved_on.map(long_date).unwrap_or_default()
            ),
            body,
        );
    } else if refused {
        flow.paragraph(&format!("        เหตุผล {}", d.reject_reason), body);
    }
    flow.gap(10.0);
    // A stand-in signs "ปฏิบัติราชการแทน …" under the name, as the borrow slip does.
    let signer = &head.settings.agency_head;
    let position = match (&d.decided_for_name, d.decided_wording) {
        (Some(principal), Some(wording)) => Some(format!("{} {principal}", wording.thai())),
        _ => position_of(signer).or_else(|| Some("หัวหน้าหน่วยงานของรัฐ".into())),
    };
    flow.signature_right(
        &Signature {
            above: Vec::new(),
            role: String::new(),
            name: d.decided_by_name.clone().or_else(|| name_of(signer)),
            position,
            date: d.approved_on.map(long_date),
        },
        body,
    );
}

/// The items' results as a table with the proceeds' total.
fn results_table(d: &Disposal) -> Table {
    let mut table = Table::new(vec![
        Column::new("ลำดับ", 0.5).aligned(Align::Center),
        Column::new("รหัส", 1.5),
        Column::new("รายการ", 2.1),
        Column::new("วิธีจำหน่าย / วันที่", 1.5),
        Column::new("ผู้ซื้อ / ผู้รับ / หลักฐาน", 2.3),
        Column::new("จำนวนเงิน", 1.3).aligned(Align::Right),
    ]);
    table.size = 11.0;
    for (n, item) in d.items.iter().enumerate() {
        let when = item.done_on.map(short_date).unwrap_or_default();
        let party = match (item.counterparty.trim(), item.document_no.trim()) {
            ("", doc) => doc.to_owned(),
            (who, "") => who.to_owned(),
            (who, doc) => format!("{who} ({doc})"),
        };
        table.rows.push(Row::new(vec![
            Cell::text((n + 1).to_string()),
            Cell::text(item.code.clone()),
            Cell::text(item.name.clone()),
            Cell::text(format!("{} {when}", item.method.thai())),
            Cell::text(party),
            Cell::text(item.proceeds.map(baht).unwrap_or_default()),
        ]));
    }
    table.rows.push(Row::total(
        "รวมเงินที่ได้จากการจำหน่าย",
        5,
        vec![Cell::text(baht(d.total_proceeds))],
    ));
    table
}

/// รายงานผลการจำหน่ายพัสดุ: what became of each item, and the proceeds.
pub fn disposal_result(head: &Letterhead, d: &Disposal) -> Result<Vec<u8>, FormError> {
    let mut flow = head.flow(Orientation::Portrait);
    let body = Style::BODY;
    super::memo::memo_head(head, &mut flow, "", "รายงานผลการจำหน่ายพัสดุ");
    flow.paragraph(&format!("เรียน {}", agency_head(head)), body);
    flow.gap(4.0);
    flow.paragraph(
        &format!(
            "        ตามที่ได้รับอนุมัติให้จำหน่ายพัสดุ เรื่องที่ {} ตาม {} ลงวันที่ {} จำนวน {} รายการ นั้น งานพัสดุได้ดำเนินการจำหน่ายแล้ว ดังนี้",
            d.disposal_no,
            d.approval_no,
            d.approved_on.map(long_date).unwrap_or_default(),
            d.items.len()
        ),
        body,
    );
    flow.gap(4.0);
    flow.table(&results_table(d))?;
    flow.gap(6.0);
    if d.total_proceeds.0 > 0 {
        flow.paragraph(
            &format!(
                "        เงินที่ได้จากการจำหน่ายจำนวน {} บาท ได้นำส่งเป็นรายได้ของหน่วยงานตามกฎหมายว่าด้วยวิธีการงบประมาณแล้ว (ข้อ 216)",
                baht(d.total_proceeds)
            ),
            body,
        );
    }
    let closing = match d.written_off_on {
        Some(on) => format!(
            "        และได้ลงจ่ายพัสดุดังกล่าวออกจากบัญชีหรือทะเบียนแล้ว เมื่อวันที่ {} (ข้อ 217) จึงเรียนมาเพื่อโปรดทราบ และจะได้แจ้งสำนักงานการตรวจเงินแผ่นดินภายใน 30 วัน (ข้อ 218)",
            long_date(on)
        ),
        None => {
            "        จึงเรียนมาเพื่อโปรดทราบ และอนุมัติให้ลงจ่ายพัสดุดังกล่าวออกจากบัญชีหรือทะเบียน (ข้อ 217)".into()
        }
    };
    flow.paragraph(&closing, body);
    flow.gap(14.0);
    staff_sign(head, &mut flow);
    let title = format!("รายงานผลการจำหน่ายพัสดุ {}", d.disposal_no);
    let pages = flow.finish(&title);
    to_pdf(&pages, &Metadata { title })
}

/// The notice to the State Audit Office of what was written off, signed by the agency head.
pub fn audit_office_notice(
    head: &Letterhead,
    d: &Disposal,
    province: &str,
) -> Result<Vec<u8>, FormError> {
    let mut flow = head.flow(Orientation::Portrait);
    let body = Style::BODY;
    super::memo::memo_head(
        head,
        &mut flow,
        &d.notice_no,
        "แจ้งการจำหน่ายพัสดุออกจากบัญชีหรือทะเบียน",
    );
    let office = if province.trim().is_empty() {
        "ผู้อำนวยการสำนักงานการตรวจเงินแผ่นดินจังหวัด..........".to_owned()
    } else {
        format!("ผู้อำนวยการสำนักงานการตรวจเงินแผ่นดินจังหวัด{}", province.trim())
    };
    flow.paragraph(&format!("เรียน {office}"), body);
    flow.gap(4.0);
    let cost: Satang = d.total_cost;
    flow.paragraph(
        &format!(
            "        ด้วย{} ได้จำหน่ายพัสดุออกจากบัญชีหรือทะเบียน ตามที่หัวหน้าหน่วยงานของรัฐอนุมัติ ตาม {} ลงวันที่ {} และลงจ่ายออกจากทะเบียนเมื่อวันที่ {} จำนวน {} รายการ ราคาทุนรวม {} บาท ได้รับเงินจากการจำหน่ายรวม {} บาท รายละเอียดดังนี้",
            head.name(),
            d.approval_no,
            d.approved_on.map(long_date).unwrap_or_default(),
            d.written_off_on.map(long_date).unwrap_or_default(),
            d.items.len(),
            baht(cost),
            baht(d.total_proceeds),
        ),
        body,
    );
    flow.gap(4.0);
    flow.table(&results_table(d))?;
    flow.gap(6.0);
    flow.paragraph(
        "        จึงเรียนมาเพื่อโปรดทราบ ตามระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560 ข้อ 218",
        body,
    );
    flow.gap(16.0);
    let signer = &head.settings.agency_head;
    flow.signature_right(
        &Signature {
            above: Vec::new(),
            role: String::new(),
            name: name_of(signer),
            position: position_of(signer).or_else(|| Some("หัวหน้าหน่วยงานของรัฐ".into())),
            date: d.notice_sent_on.map(long_date),
        },
        body,
    );
    let title = format!("แจ้งการจำหน่ายพัสดุ {}", d.disposal_no);
    let pages = flow.finish(&title);
    to_pdf(&pages, &Metadata { title })
}
