//! หนังสือติดตามทวงพัสดุ: the overdue follow-up memo (บันทึกข้อความ) of forms.md §3.
//! From the second round on it says how many letters went before and copies the
//! borrower's division head (ข้อ ๒๑๑).

use phatsadu_core::loans::{ItemState, Loan, LoanKind};

use super::{Letterhead, long_date, name_of, position_of};
use crate::pdf::layout::Signature;
use crate::pdf::{
    Align, Cell, Column, FormError, Metadata, Orientation, Row, Style, Table, to_pdf,
};

/// Which letter to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpLetter {
    /// 1 for the first chase; 2 and later escalate.
    pub round: u32,
    /// Who is copied from round 2 on (the borrower's division head), if known.
    pub copy_to: Option<String>,
    /// The letter's number, if already booked.
    pub letter_no: String,
}

/// The follow-up memo for `loan`.
pub fn follow_up_letter(
    head: &Letterhead,
    loan: &Loan,
    letter: &FollowUpLetter,
) -> Result<Vec<u8>, FormError> {
    let mut flow = head.flow(Orientation::Portrait);
    let body = Style::BODY;
    let subject = if letter.round > 1 {
        format!("ขอให้ส่งคืนพัสดุที่ยืม (ติดตามครั้งที่ {})", letter.round)
    } else {
        "ขอให้ส่งคืนพัสดุที่ยืม".to_owned()
    };
    super::memo::memo_head(head, &mut flow, &letter.letter_no, &subject);
    let to = match loan.kind {
        LoanKind::Agency => loan.agency_name.clone(),
        _ => loan.borrower_name.clone(),
    };
    flow.paragraph(&format!("เรียน {to}"), body);
    flow.gap(4.0);
    let overdue = loan
        .overdue_days
        .unwrap_or_else(|| (head.today - loan.due_on).num_days().max(0));
    flow.paragraph(
        &format!(
            "        ตามที่ท่านได้ยืมพัสดุของ{} ตามใบยืมพัสดุเลขที่ {} เพื่อใช้ในราชการ {} ตั้งแต่วันที่ {} กำหนดส่งคืนภายในวันที่ {} นั้น บัดนี้ได้เลยกำหนดส่งคืนมาแล้ว {overdue} วัน และยังไม่ได้ส่งคืนพัสดุดังรายการต่อไปนี้",
            head.name(),
            loan.loan_no,
            loan.purpose,
            long_date(loan.starts_on),
            long_date(loan.due_on),
        ),
        body,
    );
    let mut table = Table::new(vec![
        Column::new("ลำดับ", 0.7).aligned(Align::Center),
        Column::new("รายการ", 4.0),
        Column::new("หมายเลขครุภัณฑ์", 2.0),
    ]);
    let mut n = 0;
    for item in loan.items.iter().filter(|i| i.state == ItemState::Out) {
        n += 1;
        table.rows.push(Row::new(vec![
            Cell::text(n.to_string()),
            Cell::text(item.name.clone()),
            Cell::text(item.code.clone()),
        ]));
    }
    flow.gap(4.0);
    flow.table(&table)?;
    flow.gap(6.0);
    if letter.round > 1 {
        flow.paragraph(
            &format!(
                "        ทั้งนี้ ได้มีหนังสือติดตามทวงคืนพัสดุดังกล่าวไปแล้ว {} ครั้ง แต่ยังไม่ได้รับคืน",
                letter.round - 1
            ),
            body,
        );
    }
    flow.paragraph(
        &format!(
            "        จึงเรียนมาเพื่อโปรดส่งคืนพัสดุดังกล่าวภายใน {} วันนับแต่วันที่ได้รับหนังสือนี้ หากพัสดุชำรุดเสียหายหรือสูญหาย ขอให้ดำเนินการซ่อมแซม ชดใช้เป็นพัสดุอย่างเดียวกัน หรือชดใช้เป็นเงิน ตามระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560 ข้อ 210 และ ข้อ 211",
            head.settings.return_within_days
        ),
        body,
    );
    flow.gap(18.0);
    // The officer chases first; from the second round the head of supplies signs.
    let signer = if letter.round > 1 && name_of(&head.settings.head_of_supplies).is_some() {
        &head.settings.head_of_supplies
    } else {
        &head.settings.supplies_officer
    };
    let signature = Signature {
        role: String::new(),
        name: name_of(signer),
        position: position_of(signer).or_else(|| Some("เจ้าหน้าที่พัสดุ".into())),
        date: Some(long_date(head.today)),
        above: Vec::new(),
    };
    flow.signature_right(&signature, body);
    if letter.round > 1 {
        flow.gap(8.0);
        let copy = letter
            .copy_to
            .clone()
            .filter(|c| !c.trim().is_empty())
            .or_else(|| loan.borrower_division.as_ref().map(|d| format!("หัวหน้า{d}")))
            .unwrap_or_else(|| "หัวหน้าส่วนราชการของผู้ยืม".into());
        flow.paragraph(&format!("สำเนาเรียน {copy} เพื่อโปรดทราบและกำกับติดตาม"), body);
    }
    let pages = flow.finish(&format!("ติดตามพัสดุ ใบยืมเลขที่ {}", loan.loan_no));
    to_pdf(
        &pages,
        &Metadata {
            title: format!("หนังสือติดตามพัสดุ {}", loan.loan_no),
        },
    )
}
