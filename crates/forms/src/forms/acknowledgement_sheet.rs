//! The acknowledgement sheet of the manual (forms.md §10): ลำดับ | ชื่อ-สกุล | ตำแหน่ง |
//! ส่วนราชการ | วันที่ | ลายมือชื่อ, one line per person of the staff directory. Those who
//! acknowledged already are shown with the day and how; the rest sign on their line.

use phatsadu_core::manual::Acknowledgements;

use super::{Letterhead, long_date, short_date};
use crate::pdf::{
    Align, Cell, Column, FormError, Metadata, Orientation, Row, Style, Table, to_pdf,
};

/// The sheet; `pending_only` leaves out those who have acknowledged.
pub fn acknowledgement_sheet(
    head: &Letterhead,
    list: &Acknowledgements,
    pending_only: bool,
) -> Result<Vec<u8>, FormError> {
    let mut flow = head.flow(Orientation::Portrait);
    let subtitle = match &list.version {
        Some(v) => format!(
            "คู่มือการใช้และการยืมทรัพย์สินของราชการ ฉบับที่ {} ลงวันที่ {}",
            v.version,
            long_date(v.issued_on)
        ),
        None => "คู่มือการใช้และการยืมทรัพย์สินของราชการ (ฉบับร่าง)".to_owned(),
    };
    head.title(&mut flow, "บัญชีลงนามรับทราบ", &subtitle);
    flow.paragraph(
        "        ข้าพเจ้าได้รับทราบและเข้าใจคู่มือการใช้และการยืมทรัพย์สินของราชการแล้ว และจะถือปฏิบัติโดยเคร่งครัด",
        Style::BODY,
    );
    flow.gap(4.0);
    let mut table = Table::new(vec![
        Column::new("ลำดับ", 0.6).aligned(Align::Center),
        Column::new("ชื่อ-สกุล", 2.2),
        Column::new("ตำแหน่ง", 2.0),
        Column::new("ส่วนราชการ", 1.6),
        Column::new("วันที่", 1.0),
        Column::new("ลายมือชื่อ", 1.6),
    ]);
    table.size = 11.5;
    let mut n = 0;
    for person in &list.people {
        if pending_only && person.acknowledged_on.is_some() {
            continue;
        }
        n += 1;
        let (date, sign) = match (person.acknowledged_on, person.how.as_deref()) {
            (Some(on), Some("login")) => (short_date(on), "รับทราบในโปรแกรม".to_owned()),
            (Some(on), _) => (short_date(on), format!("ลงนามแล้ว ({})", person.document_no)),
            (None, _) => (String::new(), String::new()),
        };
        table.rows.push(Row::new(vec![
            Cell::text(n.to_string()),
            Cell::text(person.name.clone()),
            Cell::text(person.position.clone()),
            Cell::text(person.division_name.clone().unwrap_or_default()),
            Cell::text(date),
            Cell::text(sign),
        ]));
    }
    if n == 0 {
        return Err(FormError::Empty);
    }
    flow.table(&table)?;
    flow.gap(4.0);
    flow.paragraph(
        &format!(
            "รับทราบแล้ว {} คน จากทั้งหมด {} คน",
            list.acknowledged,
            list.people.len()
        ),
        Style::BODY.sized(12.0),
    );
    let title = format!("บัญชีลงนามรับทราบคู่มือ {subtitle}");
    let pages = flow.finish(&title);
    to_pdf(&pages, &Metadata { title })
}
