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
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct FiscalYear(pub i32);
impl FiscalYear {
    pub fn of(date: NaiveDate) -> Self {
        use chrono::Datelike;
        FiscalYear(
            if date.month() >= 10 {
                date.year() + 1
            } else {
                date.year()
            } + 543,
        )
    }
    pub fn start(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0 - 544, 10, 1).unwrap_or_default()
    }
    pub fn end(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0 - 543, 9, 30).unwrap_or_default()
    }
    pub fn next(self) -> Self {
        FiscalYear(self.0 + 1)
    }
}
