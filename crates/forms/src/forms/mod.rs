//! The printed forms of forms.md, each a function from core's read models to PDF bytes.
//! They share a [`Letterhead`]: who the organisation is, who signs, which digits.

pub mod acknowledgement_sheet;
pub mod borrow_slip;
pub mod check_order;
pub mod check_report;
pub mod check_sheet;
pub mod disposal;
pub mod evidence;
pub mod follow_up;
pub mod labels;
pub mod lists;
pub mod manual;
pub mod material_balances;
pub mod material_count_sheet;
pub mod material_movements;
mod memo;
pub mod public_notice;
pub mod register_sheet;
pub mod requisition_slip;
pub mod stock_card;

use chrono::NaiveDate;
use phatsadu_core::calendar::{DateStyle, Digits, format_date};
use phatsadu_core::money::Satang;
use phatsadu_core::org::Organisation;
use phatsadu_core::print_settings::{PrintSettings, Signer};

use std::sync::Arc;

use crate::pdf::{Align, Flow, Image, MM, Orientation, Style};

/// What every form prints about the organisation, and how.
#[derive(Debug, Clone)]
pub struct Letterhead {
    /// The organisation (its name heads every form).
    pub organisation: Organisation,
    /// Signers, memo header, digits, label stock.
    pub settings: PrintSettings,
    /// The day the form is printed.
    pub today: NaiveDate,
    /// The organisation's emblem, printed above the title when there is one.
    pub logo: Option<Arc<Image>>,
}

/// How tall the logo prints above a form's title: about the 3 cm Garuda of a letter,
/// a little smaller, since these are forms.
const LOGO_HEIGHT_MM: f32 = 18.0;

impl Letterhead {
    /// Digits as the office prints them.
    pub fn digits(&self) -> Digits {
        if self.settings.thai_digits {
            Digits::Thai
        } else {
            Digits::Arabic
        }
    }

    /// The organisation's name, or a line for ink when it was never entered.
    pub fn name(&self) -> &str {
        let name = self.organisation.name.trim();
        if name.is_empty() {
            "................................................"
        } else {
            name
        }
    }

    /// A fresh A4 flow in this letterhead's digits.
    pub fn flow(&self, orientation: Orientation) -> Flow {
        let org = &self.organisation;
        // The office's own place names, words of the forms the dictionary cuts ("ลงวัน|ที่",
        // "ขายทอด|ตลาด", "ณ วัน|ที่", or "ณ" left at a line's end), and the civil-service
        // levels that end a post's name ("นายช่างโยธาชำนาญ|งาน" under a signature) are never
        // split across lines.
        Flow::new(orientation, self.digits()).keeping_whole(&[
            &org.subdistrict,
            &org.district,
            &org.province,
            "ลงวันที่",
            "ณ วันที่",
            "วันที่",
            "ขายทอดตลาด",
            "ปฏิบัติการ",
            "ปฏิบัติงาน",
            "ชำนาญการพิเศษ",
            "ชำนาญการ",
            "ชำนาญงาน",
        ])
    }

    /// The title block: the logo if there is one, the form's title, the organisation's
    /// name (and a subtitle).
    pub fn title(&self, flow: &mut Flow, title: &str, subtitle: &str) {
        if let Some(logo) = &self.logo {
            flow.image_centred(logo, LOGO_HEIGHT_MM * MM);
            flow.gap(4.0);
        }
        flow.paragraph(title, Style::TITLE);
        flow.paragraph(self.name(), Style::BODY.bold().aligned(Align::Center));
        if !subtitle.is_empty() {
            flow.paragraph(subtitle, Style::BODY.aligned(Align::Center));
        }
        flow.gap(6.0);
    }
}

/// A date as forms print it: "15 มีนาคม 2565" (digits converted by the flow).
pub fn long_date(date: NaiveDate) -> String {
    format_date(date, DateStyle::Long, Digits::Arabic)
}

/// A date in short form: "15 มี.ค. 2565".
pub fn short_date(date: NaiveDate) -> String {
    format_date(date, DateStyle::Short, Digits::Arabic)
}

/// A timestamp (RFC 3339, UTC) as a Thai calendar date written in full ("2 ธันวาคม
/// 2569"), as forms date what was signed; `None` without one.
pub fn stamp_date(stamp: Option<&str>) -> Option<String> {
    stamp_day(stamp).map(long_date)
}

/// A timestamp as a short date ("2 ธ.ค. 2569"), for a table's narrow column.
pub fn stamp_short(stamp: Option<&str>) -> Option<String> {
    stamp_day(stamp).map(short_date)
}

/// The Thai calendar day of a timestamp (RFC 3339, UTC).
fn stamp_day(stamp: Option<&str>) -> Option<NaiveDate> {
    let parsed = chrono::DateTime::parse_from_rfc3339(stamp?).ok()?;
    // Offices work in Thai time (UTC+7).
    Some((parsed.naive_utc() + chrono::Duration::hours(7)).date())
}

/// Baht with satang and thousands separators: "25,000.00".
pub fn baht(amount: Satang) -> String {
    amount.to_string()
}

/// A signer's name, or `None` (a dotted line) when blank.
pub(crate) fn name_of(signer: &Signer) -> Option<String> {
    Some(signer.name.trim().to_owned()).filter(|s| !s.is_empty())
}

/// A signer's position, or `None`.
pub(crate) fn position_of(signer: &Signer) -> Option<String> {
    Some(signer.position.trim().to_owned()).filter(|s| !s.is_empty())
}

/// A file name safe on every system: the title, the document's number and the date,
/// with characters Windows refuses replaced.
pub fn file_name(title: &str, number: &str, date: NaiveDate) -> String {
    let number = number.replace(['/', '\\', ':', '*', '?', '"', '<', '>', '|'], "-");
    use chrono::Datelike;
    let day = format!(
        "{}-{:02}-{:02}",
        phatsadu_core::calendar::be_year(date.year()),
        date.month(),
        date.day()
    );
    if number.is_empty() {
        format!("{title}-{day}.pdf")
    } else {
        format!("{title}-{number}-{day}.pdf")
    }
}

/// Every member of a check round's signature block, three to a row, as each check
/// sheet, count sheet and report page is signed.
pub(crate) fn members_sign(
    flow: &mut Flow,
    round: &phatsadu_core::checks::CheckRound,
    style: Style,
) {
    let blocks: Vec<crate::pdf::Signature> = round
        .members
        .iter()
        .map(|m| crate::pdf::Signature {
            role: m.role.thai().to_owned(),
            name: Some(m.name.clone()),
            position: Some(m.position.clone()).filter(|p| !p.trim().is_empty()),
            date: None,
            above: Vec::new(),
        })
        .collect();
    flow.signatures(&blocks, 3, style);
}
