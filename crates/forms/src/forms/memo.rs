//! The head of a memo (บันทึกข้อความ) as ระเบียบงานสารบรรณ lays it out: the emblem at the top
//! left, the heading, ส่วนราชการ, ที่ and วันที่, เรื่อง, and a rule. The follow-up letter and
//! the annual check's report share it.

use super::{Letterhead, long_date};
use crate::pdf::{Flow, MM, Style};

/// The emblem of a memo is 1.5 cm tall (ระเบียบงานสารบรรณ).
const MEMO_LOGO_HEIGHT_MM: f32 = 15.0;

/// Writes the memo's head: `number` after the letter prefix (dots for ink when the registry
/// books it after signing), today's date, and `subject`.
pub(crate) fn memo_head(head: &Letterhead, flow: &mut Flow, number: &str, subject: &str) {
    let body = Style::BODY;
    // A memo's emblem stands at the top left, level with the heading (the Garuda of
    // the official memo form, here the organisation's own).
    if let Some(logo) = &head.logo {
        let (x, top) = (flow.left(), flow.y());
        flow.image_at(logo, x, top, MEMO_LOGO_HEIGHT_MM * MM);
    }
    flow.paragraph("บันทึกข้อความ", Style::TITLE.sized(29.0));
    flow.gap(4.0);
    let department = if head.settings.department.trim().is_empty() {
        head.name().to_owned()
    } else {
        head.settings.department.trim().to_owned()
    };
    flow.fields(&[("ส่วนราชการ", department)], 1, body);
    let prefix = head.settings.letter_prefix.trim();
    let number = match (prefix.is_empty(), number.trim()) {
        (_, no) if !no.is_empty() => format!("{prefix}{no}"),
        (false, _) => format!("{prefix}............"),
        (true, _) => String::new(),
    };
    flow.fields(&[("ที่", number), ("วันที่", long_date(head.today))], 2, body);
    flow.fields(&[("เรื่อง", subject.to_owned())], 1, body);
    flow.rule();
    flow.gap(4.0);
}
