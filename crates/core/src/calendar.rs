//! Temporary stand-in while the real module is written.
#![allow(missing_docs)]
use chrono::NaiveDate;
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot read {input}")]
pub struct DateParseError {
    pub input: String,
    pub part: DatePart,
    pub reason: String,
}
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum DatePart {
    Day,
    Month,
    Year,
    Format,
}
#[derive(Debug, Clone, Default)]
pub struct WorkCalendar {
    pub holidays: Vec<NaiveDate>,
}
impl WorkCalendar {
    pub fn new(h: impl IntoIterator<Item = NaiveDate>) -> Self {
        Self {
            holidays: h.into_iter().collect(),
        }
    }
}
impl WorkCalendar {
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        use chrono::Datelike;
        d.weekday().number_from_monday() < 6 && !self.holidays.contains(&d)
    }
}
