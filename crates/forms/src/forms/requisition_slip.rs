//! ใบเบิกพัสดุ: the requisition slip of forms.md §8, filled with everything the requisition
//! knows; signatures not given yet keep their dotted lines for ink.

use phatsadu_core::materials::requisitions::{Requisition, RequisitionStatus, Signature as Signed};
use phatsadu_core::money::Satang;

use super::{Letterhead, baht, long_date, name_of, position_of, stamp_date};
use crate::pdf::layout::Signature;
use crate::pdf::{
    Align, Cell, Column, FormError, Metadata, Orientation, Row, Style, Table, to_pdf,
};

/// A signature block from a recorded signature: a stand-in signs "ปฏิบัติราชการแทน …"
/// under their name.
fn block(role: &str, signed: Option<&Signed>, above: Vec<String>) -> Signature {
    let Some(s) = signed else {
        return Signature {
            role: role.into(),
            above,
            ..Signature::default()
        };
    };
    let position = match (&s.for_name, s.wording) {
        (Some(principal), Some(w)) => Some(format!("{} {principal}", w.thai())),
        _ => Some(s.position.clone()).filter(|p| !p.trim().is_empty()),
    };
    Signature {
        role: role.into(),
        above,
        name: Some(s.name.clone()),
        position,
        date: stamp_date(Some(&s.at)),
    }
}

/// The slip of `requisition`.
pub fn requisition_slip(head: &Letterhead, r: &Requisition) -> Result<Vec<u8>, FormError> {
    let mut flow = head.flow(Orientation::Portrait);
    let body = Style::BODY;
    head.title(&mut flow, "ใบเบิกพัสดุ", "");
    flow.fields(
        &[
            ("เลขที่", r.requisition_no.clone()),
            ("วันที่", long_date(r.asked_on)),
        ],
        2,
        body,
    );
    flow.paragraph(
        &format!(
            "        ข้าพเจ้า {} ตำแหน่ง {} {} ขอเบิกพัสดุตามรายการข้างล่างนี้ เพื่อใช้ในงาน {}",
            r.requester_name,
            if r.requester_position.trim().is_empty() {
                "................"
            } else {
                r.requester_position.trim()
            },
            r.division_name,
            r.purpose
        ),
        body,
    );
    let mut table = Table::new(vec![
        Column::new("ลำดับ", 0.6).aligned(Align::Center),
        Column::new("รายการ", 3.0),
        Column::new("หน่วยนับ", 0.9),
        Column::new("จำนวนที่ขอเบิก", 1.0).aligned(Align::Right),
        Column::new("จำนวนที่จ่าย", 1.0).aligned(Align::Right),
        Column::new("ราคาต่อหน่วย", 1.1).aligned(Align::Right),
        Column::new("จำนวนเงิน", 1.2).aligned(Align::Right),
        Column::new("หมายเหตุ", 1.6),
    ]);
    table.size = 12.0;
    let mut total = Satang(0);
    for line in &r.lines {
        total = Satang(total.0 + line.issued_value.0);
        // An issue across lots is priced lot by lot; the slip shows the price it averages.
        let price = if line.issued.0 > 0 {
            baht(Satang(
                (line.issued_value.0 * 1000 + line.issued.0 / 2) / line.issued.0,
            ))
        } else {
            String::new()
        };
        let mut note = line.note.clone();
        if let Some(approved) = line.approved
            && approved < line.requested
        {
            let cut = format!("อนุมัติ {approved}");
            note = if note.is_empty() {
                cut
            } else {
                format!("{note}; {cut}")
            };
        }
        table.rows.push(Row::new(vec![
            Cell::text(line.line_no.to_string()),
            Cell::text(format!("{} ({})", line.name, line.code)),
            Cell::text(line.unit.clone()),
            Cell::text(line.requested.to_string()),
            Cell::text(if line.issued.0 > 0 {
                line.issued.to_string()
            } else {
                String::new()
            }),
            Cell::text(price),
            Cell::text(if line.issued.0 > 0 {
                baht(line.issued_value)
            } else {
                String::new()
            }),
            Cell::text(note),
        ]));
    }
    table.rows.push(Row::total(
        "รวมเป็นเงิน",
        6,
        vec![Cell::text(baht(total)), Cell::text("")],
    ));
    flow.gap(2.0);
    flow.table(&table)?;
    if !r.approval_note.trim().is_empty() {
        flow.paragraph(&format!("หมายเหตุการอนุมัติ {}", r.approval_note.trim()), body);
    }
    if matches!(
        r.status,
        RequisitionStatus::Rejected | RequisitionStatus::Cancelled | RequisitionStatus::Closed
    ) {
        let what = match r.status {
            RequisitionStatus::Rejected => "ไม่อนุมัติ",
            RequisitionStatus::Cancelled => "ยกเลิก",
            _ => "ปิดใบเบิก (ไม่จ่ายส่วนที่เหลือ)",
        };
        flow.paragraph(
            &format!("{what} เหตุผล {}", r.end_reason.trim()),
            body.bold(),
        );
    }
    flow.gap(4.0);
    let requester = Signature {
        role: "ผู้เบิก".into(),
        name: Some(r.requester_name.clone()),
        position: Some(r.requester_position.clone()).filter(|p| !p.trim().is_empty()),
        date: Some(long_date(r.asked_on)),
        above: Vec::new(),
    };
    let division_head = block(
        "หัวหน้าหน่วยงานผู้เบิก",
        r.endorsed.as_ref(),
        vec!["เห็นควรให้เบิกได้".into()],
    );
    flow.signatures(&[requester, division_head], 2, body);
    flow.keep(body.line_height() * 7.0);
    flow.rule();
    flow.gap(2.0);
    let mut approver = block("ผู้อนุมัติ", r.approved.as_ref(), vec!["อนุมัติให้จ่ายได้".into()]);
    if approver.name.is_none() {
        approver.position =
            position_of(&head.settings.head_of_supplies).or_else(|| Some("หัวหน้าเจ้าหน้าที่".into()));
        approver.name = name_of(&head.settings.head_of_supplies);
    }
    flow.signature_right(&approver, body);
    flow.keep(body.line_height() * 7.0);
    flow.rule();
    flow.gap(2.0);
    // The last issuing: who gave and who received (earlier ones are in the audit log).
    let last = r.issues.last();
    let on = last.map(|i| long_date(i.issued_on));
    flow.signatures(
        &[
            Signature {
                role: "ผู้จ่าย".into(),
                above: vec!["ได้จ่ายพัสดุตามรายการข้างต้นแล้ว".into()],
                name: last.map(|i| i.issued_by.clone()).filter(|n| !n.is_empty()),
                position: position_of(&head.settings.supplies_officer)
                    .or_else(|| Some("เจ้าหน้าที่พัสดุ".into())),
                date: on.clone(),
            },
            Signature {
                role: "ผู้รับ".into(),
                above: vec!["ได้รับพัสดุตามรายการข้างต้นถูกต้องแล้ว".into()],
                name: last.map(|i| i.received_by.clone()),
                position: None,
                date: on,
            },
        ],
        2,
        body,
    );
    let note = Style::BODY.sized(10.5);
    flow.keep(note.line_height() * 2.0);
    flow.paragraph(
        "หมายเหตุ ราคาต่อหน่วยคิดตามลำดับการรับเข้าก่อน-หลัง (เข้าก่อนจ่ายก่อน) เมื่อจ่ายจากหลายครั้งที่รับเข้าแสดงราคาเฉลี่ยของที่จ่าย · ผู้ขอเบิกลงนามอนุมัติหรือจ่ายพัสดุให้ตนเองไม่ได้",
        note,
    );
    let pages = flow.finish(&format!("ใบเบิกพัสดุ เลขที่ {}", r.requisition_no));
    to_pdf(
        &pages,
        &Metadata {
            title: format!("ใบเบิกพัสดุ {}", r.requisition_no),
        },
    )
}
