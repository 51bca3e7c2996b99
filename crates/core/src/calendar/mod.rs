//! Thai dates: the Buddhist Era, the government fiscal year, Thai month names, Thai
//! digits, formatting and parsing, and working days.
//!
//! The register stores ISO dates (A.D.); people see and type B.E. dates. The B.E. year
//! is the A.D. year + 543 (1 Oct 2024 is 1 ตุลาคม 2567). The government fiscal year
//! (ปีงบประมาณ) runs 1 October – 30 September and is named by the B.E. year in which it
//! ends: 1 Oct 2024 – 30 Sep 2025 is FY2568.

mod digits;
mod era;
mod fiscal;
mod format;
mod names;
mod parse;
mod workdays;

pub use digits::{Digits, to_arabic_digits, to_thai_digits};
pub use era::{ad_year, be_year};
pub use fiscal::FiscalYear;
pub use format::{DateStyle, format_date, format_date_long_with_era, format_month_year};
pub use names::{MONTHS_FULL, MONTHS_SHORT, month_name_full, month_name_short};
pub use parse::{DateParseError, DatePart, parse_date};
pub use workdays::WorkCalendar;
