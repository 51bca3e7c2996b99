//! ใบยืมพัสดุ: the borrow slip of forms.md §2, filled with everything the loan knows;
//! steps not done yet keep their dotted lines for ink.

use phatsadu_core::loans::{ItemCondition, ItemState, Loan, LoanKind, LoanStatus};

use super::{Letterhead, long_date, name_of, position_of, stamp_date, stamp_short};
use crate::pdf::layout::Signature;
use crate::pdf::{
    Align, Cell, Column, FormError, Metadata, Orientation, Page, Row, Style, Table, to_pdf,
};

/// Body sizes tried in turn until a slip fits one A4 sheet (13 pt is the forms' size; a
/// slip of one or two items fits at one of these, and a longer one prints at 13 pt on as
/// many pages as it needs).
const FITTING_SIZES: [f32; 5] = [13.0, 12.5, 12.0, 11.5, 11.0];

/// The condition words of the slip.
pub fn condition(c: ItemCondition) -> &'static str {
    match c {
        ItemCondition::Good => "ใช้งานได้",
        ItemCondition::Damaged => "ชำรุด",
        ItemCondition::Lost => "สูญไป",
    }
}

/// What the หมายเหตุ column says of one item: hand-out and return with conditions.
fn item_note(item: &phatsadu_core::loans::LoanItem) -> String {
    let mut parts = Vec::new();
    // A table column: dates in short.
    if let Some(out) = stamp_short(item.handed_out_at.as_deref()) {
        let c = item.condition_out.map(condition).unwrap_or("");
        parts.push(format!("จ่าย {out} {c}").trim_end().to_owned());
    }
    match item.state {
        ItemState::Returned => {
            let back = stamp_short(item.returned_at.as_deref()).unwrap_or_default();
            let c = item.condition_back.map(condition).unwrap_or("");
            let mut note = format!("คืน {back} สภาพ{c}");
            if !item.return_notes.trim().is_empty() {
                note.push_str(&format!(" ({})", item.return_notes.trim()));
            }
            parts.push(note);
        }
        ItemState::Withdrawn => parts.push("ถอนออกจากคำขอ".to_owned()),
        ItemState::Out | ItemState::Pending => {}
    }
    parts.join("; ")
}

/// The borrow slip of `loan`: on one A4 sheet when it fits at any of [`FITTING_SIZES`].
pub fn borrow_slip(head: &Letterhead, loan: &Loan) -> Result<Vec<u8>, FormError> {
    let mut pages = lay_out(head, loan, FITTING_SIZES[0])?;
    for size in &FITTING_SIZES[1..] {
        if pages.len() == 1 {
            break;
        }
        let smaller = lay_out(head, loan, *size)?;
        if smaller.len() == 1 {
            pages = smaller;
        }
    }
    to_pdf(
        &pages,
        &Metadata {
            title: format!("ใบยืมพัสดุ {}", loan.loan_no),
        },
    )
}

/// The slip's pages with the body at `size` points.
fn lay_out(head: &Letterhead, loan: &Loan, size: f32) -> Result<Vec<Page>, FormError> {
    // A slip is a form, not a letter: narrower margins than a memo's leave it one sheet.
    let mut flow = head
        .flow(Orientation::Portrait)
        .with_margins_mm([15.0, 15.0, 15.0, 25.0]);
    let body = Style::BODY.sized(size);
    head.title(&mut flow, "ใบยืมพัสดุ", "");
    let made_on = stamp_date(loan.submitted_at.as_deref())
        .or_else(|| stamp_date(Some(&loan.created_at)))
        .unwrap_or_else(|| long_date(head.today));
    let mut numbers = vec![("เลขที่", loan.loan_no.clone()), ("วันที่", made_on)];
    if !loan.paper_no.trim().is_empty() {
        numbers.push(("ตามคำขอยืมเลขที่", loan.paper_no.clone()));
    }
    let count = numbers.len();
    flow.fields(&numbers, count, body);
    let to = match (loan.kind, &loan.division_name) {
        (LoanKind::Inside, Some(division)) => format!("หัวหน้า{division}"),
        _ => position_of(&head.settings.agency_head).unwrap_or_else(|| "หัวหน้าหน่วยงานของรัฐ".into()),
    };
    flow.paragraph(&format!("เรียน {to}"), body);
    match loan.kind {
        LoanKind::Agency => flow.paragraph(
            &format!(
                "ด้วย {} ตามหนังสือที่ {} มีความประสงค์จะขอยืมพัสดุของ{}",
                loan.agency_name,
                blank(&loan.agency_letter_no),
                head.name()
            ),
            body,
        ),
        _ => flow.paragraph(
            &format!(
                "ข้าพเจ้า {} ตำแหน่ง {} สังกัด {} โทรศัพท์ {} มีความประสงค์จะขอยืมพัสดุของ{}",
                loan.borrower_name,
                blank(&loan.borrower_position),
                loan.borrower_division
                    .as_deref()
                    .map_or("........................", |d| d),
                blank(&loan.borrower_phone),
                head.name()
            ),
            body,
        ),
    }
    flow.paragraph(&format!("เพื่อใช้ในราชการ {}", loan.purpose), body);
    flow.paragraph(&format!("สถานที่นำไปใช้ {}", blank(&loan.place_of_use)), body);
    let inside = loan.kind == LoanKind::Inside;
    flow.options(
        "",
        &[
            ("ใช้ภายในสถานที่ของหน่วยงาน", inside),
            ("นำออกไปใช้นอกสถานที่", !inside),
        ],
        body,
    );
    let days = (loan.due_on - loan.starts_on).num_days() + 1;
    flow.paragraph(
        &format!(
            "ตั้งแต่วันที่ {} ถึงวันที่ {} รวม {days} วัน โดยมีรายการดังนี้",
            long_date(loan.starts_on),
            long_date(loan.due_on)
        ),
        body,
    );
    let mut items = Table::new(vec![
        Column::new("ลำดับ", 0.7).aligned(Align::Center),
        Column::new("รายการ", 3.0),
        Column::new("จำนวน", 0.8).aligned(Align::Center),
        Column::new("หมายเลขครุภัณฑ์", 2.1),
        Column::new("หมายเหตุ", 2.6),
    ]);
    for item in &loan.items {
        items.rows.push(Row::new(vec![
            Cell::text(item.line.to_string()),
            Cell::text(item.name.clone()),
            Cell::text("1"),
            Cell::text(item.code.clone()),
            Cell::text(item_note(item)),
        ]));
    }
    let counted = loan
        .items
        .iter()
        .filter(|i| i.state != ItemState::Withdrawn)
        .count();
    items.rows.push(Row::total(
        "รวม",
        2,
        vec![
            Cell::text(counted.to_string()),
            Cell::text(""),
            Cell::text(""),
        ],
    ));
    flow.gap(2.0);
    flow.table(&items)?;
    flow.gap(3.0);
    flow.paragraph(
        "ข้าพเจ้าจะใช้พัสดุที่ยืมเพื่อประโยชน์ของทางราชการเท่านั้น และจะส่งคืนในสภาพที่ใช้การได้เรียบร้อยภายในกำหนด หากเกิดชำรุดเสียหายหรือใช้การไม่ได้หรือสูญหาย ข้าพเจ้ายินยอมจัดการแก้ไขซ่อมแซมให้คงสภาพเดิม หรือชดใช้เป็นพัสดุประเภท ชนิด ขนาด ลักษณะและคุณภาพอย่างเดียวกัน หรือชดใช้เป็นเงินตามราคาที่เป็นอยู่ในขณะยืม ตามระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560 ข้อ 210",
        body,
    );
    flow.gap(3.0);
    let borrower = Signature {
        role: "ผู้ยืม".into(),
        name: Some(if loan.kind == LoanKind::Agency {
            String::new()
        } else {
            loan.borrower_name.clone()
        })
        .filter(|n| !n.is_empty()),
        position: Some(loan.borrower_position.clone()).filter(|p| !p.trim().is_empty()),
        date: stamp_date(loan.submitted_at.as_deref()),
        above: Vec::new(),
    };
    let division_head = Signature {
        role: "หัวหน้าส่วนราชการของผู้ยืม".into(),
        above: vec!["ความเห็น ........................................".into()],
        ..Signature::default()
    };
    flow.signatures(&[borrower, division_head], 2, body);

    let approved = matches!(
        loan.status,
        LoanStatus::Approved | LoanStatus::Out | LoanStatus::Closed
    );
    let rejected = loan.status == LoanStatus::Rejected;
    flow.keep(body.line_height() * 8.0);
    flow.rule();
    flow.gap(2.0);
    flow.options(
        "ความเห็นของผู้มีอำนาจอนุมัติ (ระเบียบฯ ข้อ 208)",
        &[("อนุมัติ", approved), ("ไม่อนุมัติ", rejected)],
        body,
    );
    if !loan.decision_reason.trim().is_empty() {
        flow.paragraph(&format!("เหตุผล {}", loan.decision_reason.trim()), body);
    }
    // A delegate signs "ปฏิบัติราชการแทน …"; an approver in their own right, under their
    // post as their staff record holds it.
    let approver_position = match (&loan.decided_for_name, loan.decided_wording) {
        (Some(principal), Some(w)) => Some(format!("{} {principal}", w.thai())),
        _ => loan.decided_by_position.clone(),
    };
    let officer = Signature {
        role: "เจ้าหน้าที่พัสดุ".into(),
        above: vec!["ตรวจสอบแล้ว มีพัสดุพร้อมให้ยืม".into()],
        name: loan
            .entered_by_name
            .clone()
            .or_else(|| name_of(&head.settings.supplies_officer)),
        position: position_of(&head.settings.supplies_officer),
        date: stamp_date(loan.submitted_at.as_deref()),
    };
    let approver = Signature {
        role: "ผู้อนุมัติ".into(),
        name: loan.decided_by_name.clone(),
        position: approver_position,
        date: stamp_date(loan.decided_at.as_deref()),
        above: Vec::new(),
    };
    flow.signatures(&[officer, approver], 2, body);

    let first_out = loan.items.iter().find(|i| i.handed_out_at.is_some());
    let first_back = loan.items.iter().find(|i| i.returned_at.is_some());
    flow.keep(body.line_height() * 10.0);
    flow.rule();
    flow.gap(2.0);
    flow.paragraph("การจ่ายและการส่งคืนพัสดุ", body.bold());
    let out_condition = first_out.and_then(|i| i.condition_out).map_or_else(
        || "สภาพ ....................".to_owned(),
        |c| format!("สภาพ{}", condition(c)),
    );
    let back_condition = first_back.and_then(|i| i.condition_back).map_or_else(
        || "สภาพ ....................".to_owned(),
        |c| format!("สภาพ{}", condition(c)),
    );
    flow.signatures_without_position(
        &[
            Signature {
                role: "ผู้จ่าย".into(),
                above: vec![format!("จ่ายพัสดุแล้ว {out_condition}")],
                name: first_out.and_then(|i| i.handed_out_by_name.clone()),
                position: None,
                date: first_out.and_then(|i| stamp_date(i.handed_out_at.as_deref())),
            },
            Signature {
                role: "ผู้รับ".into(),
                above: vec!["ได้รับพัสดุครบถ้วนแล้ว".into()],
                name: first_out
                    .map(|i| i.received_by_name.clone())
                    .filter(|n| !n.trim().is_empty()),
                position: None,
                date: first_out.and_then(|i| stamp_date(i.handed_out_at.as_deref())),
            },
            Signature {
                role: "ผู้ส่งคืน".into(),
                above: vec![format!("ส่งคืนพัสดุ {back_condition}")],
                name: first_back
                    .map(|i| i.returned_by_name.clone())
                    .filter(|n| !n.trim().is_empty()),
                position: None,
                date: first_back.and_then(|i| stamp_date(i.returned_at.as_deref())),
            },
            Signature {
                role: "ผู้รับคืน".into(),
                above: vec!["รับคืนและตรวจสภาพแล้ว".into()],
                name: first_back.and_then(|i| i.received_back_by_name.clone()),
                position: None,
                date: first_back.and_then(|i| stamp_date(i.returned_at.as_deref())),
            },
        ],
        2,
        body,
    );
    let note = Style::BODY.sized(size - 2.5);
    flow.keep(note.line_height() * 2.0);
    flow.paragraph(
        "หมายเหตุ ผู้อนุมัติ (ข้อ 208): ใช้ภายในสถานที่ของหน่วยงาน — หัวหน้าหน่วยงานที่รับผิดชอบพัสดุนั้น; นำออกไปใช้นอกสถานที่ — หัวหน้าหน่วยงานของรัฐ; ส่วนราชการอื่นยืม — หัวหน้าหน่วยงานของรัฐผู้ให้ยืม · ครบกำหนดแล้วไม่ส่งคืน เจ้าหน้าที่พัสดุติดตามทวงคืนภายใน 7 วันนับแต่วันครบกำหนด (ข้อ 211)",
        note,
    );
    Ok(flow.finish(&format!("ใบยืมพัสดุ เลขที่ {}", loan.loan_no)))
}

fn blank(s: &str) -> &str {
    if s.trim().is_empty() {
        "........................"
    } else {
        s.trim()
    }
}
