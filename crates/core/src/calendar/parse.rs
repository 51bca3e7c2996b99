//! Reading dates as Thai offices write them.
//!
//! Accepted, after invisible characters and extra spaces are removed and Thai digits are
//! read as 0–9:
//! - "1 ตุลาคม 2567", "1 ต.ค. 67", "1 ตค 67", "1ต.ค.67", "1 ตุลาคม พ.ศ. 2567";
//! - colloquial month names without their ending: "1 ตุลา 2567", "5 มกรา 68";
//! - "01/10/2567", "1-10-67", "1.10.2567";
//! - ISO "2024-10-01" (four digits first: this form alone is A.D.).
//!
//! A two-digit year is B.E. 25YY. A four-digit year in a day-month-year form must be
//! B.E. (2400 or later): "01/10/2024" is refused rather than silently read 543 years off.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::digits::to_arabic_digits;
use super::era::ad_year;
use super::names::{MONTHS_FULL, MONTHS_SHORT};

/// Which part of a date could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePart {
    /// The day of the month.
    Day,
    /// The month.
    Month,
    /// The year.
    Year,
    /// The overall shape.
    Format,
}

impl DatePart {
    fn describe(self) -> &'static str {
        match self {
            DatePart::Day => "day",
            DatePart::Month => "month",
            DatePart::Year => "year",
            DatePart::Format => "date",
        }
    }
}

/// A date that could not be read, naming the part and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot read the {} in \"{input}\": {reason}", part.describe())]
pub struct DateParseError {
    /// The text as given.
    pub input: String,
    /// The part at fault.
    pub part: DatePart,
    /// Why, in English.
    pub reason: String,
}

/// Reads a date in any of the forms in the module documentation.
pub fn parse_date(input: &str) -> Result<NaiveDate, DateParseError> {
    let fail = |part: DatePart, reason: String| DateParseError {
        input: input.to_owned(),
        part,
        reason,
    };
    let text = crate::text::clean(&to_arabic_digits(input));
    if text.is_empty() {
        return Err(fail(DatePart::Format, "empty".into()));
    }
    if let Some(date) = parse_iso(&text) {
        return date.ok_or_else(|| fail(DatePart::Day, "no such day".into()));
    }
    let (day, month, year) = if text
        .chars()
        .all(|c| c.is_ascii_digit() || "/-. ".contains(c))
    {
        numeric_parts(&text).ok_or_else(|| {
            fail(
                DatePart::Format,
                "expected day/month/year, e.g. 01/10/2567".into(),
            )
        })?
    } else {
        let (day, name, year) = text_parts(&text).ok_or_else(|| {
            fail(
                DatePart::Format,
                "expected day, month and year, e.g. 1 ตุลาคม 2567".into(),
            )
        })?;
        let month = month_number(name)
            .ok_or_else(|| fail(DatePart::Month, format!("unknown month name \"{name}\"")))?;
        (day, month.to_string(), year)
    };
    let day: u32 = day
        .parse()
        .map_err(|_| fail(DatePart::Day, format!("\"{day}\" is not a day")))?;
    let month: u32 = month
        .parse()
        .map_err(|_| fail(DatePart::Month, format!("\"{month}\" is not a month")))?;
    if !(1..=12).contains(&month) {
        return Err(fail(DatePart::Month, format!("there is no month {month}")));
    }
    let year = be_year_of(year).map_err(|reason| fail(DatePart::Year, reason))?;
    NaiveDate::from_ymd_opt(ad_year(year), month, day).ok_or_else(|| {
        fail(
            DatePart::Day,
            format!("there is no day {day} in month {month} of {year}"),
        )
    })
}

/// `Some(..)` when the text is shaped like ISO `YYYY-MM-DD` (A.D.).
fn parse_iso(text: &str) -> Option<Option<NaiveDate>> {
    let mut parts = text.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || y.len() != 4
        || !(1..=2).contains(&m.len())
        || !(1..=2).contains(&d.len())
    {
        return None;
    }
    let numbers = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>());
    match numbers {
        (Ok(y), Ok(m), Ok(d)) => Some(NaiveDate::from_ymd_opt(y, m, d)),
        _ => None,
    }
}

/// "01/10/2567" → ("01", "10", "2567"); any one of / - . as separator.
fn numeric_parts(text: &str) -> Option<(&str, String, &str)> {
    let separator = ['/', '-', '.'].into_iter().find(|s| text.contains(*s))?;
    let parts: Vec<&str> = text.split(separator).map(str::trim).collect();
    match parts.as_slice() {
        [day, month, year] if !day.is_empty() && !month.is_empty() && !year.is_empty() => {
            Some((day, (*month).to_owned(), year))
        }
        _ => None,
    }
}

/// "1 ต.ค. 67" → ("1", "ต.ค.", "67"): leading digits, the words, trailing digits.
fn text_parts(text: &str) -> Option<(&str, &str, &str)> {
    let day_end = text.find(|c: char| !c.is_ascii_digit())?;
    // Just after the last non-digit character (which may be several bytes long in Thai).
    let year_start = text
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_ascii_digit())
        .map(|(i, c)| i + c.len_utf8())?;
    if day_end == 0 || year_start >= text.len() || year_start <= day_end {
        return None;
    }
    let middle = text[day_end..year_start].trim();
    // "พ.ศ." may stand before the year.
    let middle = middle
        .strip_suffix("พ.ศ.")
        .or_else(|| middle.strip_suffix("พ.ศ"))
        .unwrap_or(middle)
        .trim();
    Some((&text[..day_end], middle, &text[year_start..]))
}

/// The month (1–12) a Thai name means: full, abbreviated (with or without dots) or
/// colloquial (without its ending, e.g. ตุลา, กุมภา).
fn month_number(name: &str) -> Option<usize> {
    let bare: String = name.chars().filter(|c| *c != '.' && *c != ' ').collect();
    if bare.is_empty() {
        return None;
    }
    let found = MONTHS_FULL
        .iter()
        .position(|full| *full == bare)
        .or_else(|| {
            MONTHS_SHORT
                .iter()
                .position(|short| short.replace('.', "") == bare)
        });
    found
        .or_else(|| {
            MONTHS_FULL.iter().position(|full| {
                ["คม", "ยน", "พันธ์"]
                    .iter()
                    .any(|ending| full.strip_suffix(ending) == Some(bare.as_str()))
            })
        })
        .map(|index| index + 1)
}

/// The B.E. year a written year means.
fn be_year_of(year: &str) -> Result<i32, String> {
    let value: i32 = year
        .parse()
        .map_err(|_| format!("\"{year}\" is not a year"))?;
    match year.len() {
        2 => Ok(2500 + value),
        4 if value >= 2400 => Ok(value),
        4 => Err(format!(
            "{value} looks like an A.D. year; write the B.E. year ({})",
            value + 543
        )),
        _ => Err(format!("\"{year}\" should have 2 or 4 digits")),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{DateStyle, Digits, format_date};
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn part_of(input: &str) -> DatePart {
        parse_date(input).unwrap_err().part
    }

    #[test]
    fn every_form_we_print_reads_back() {
        let mut date = d(2023, 1, 1);
        while date <= d(2024, 12, 31) {
            for style in [DateStyle::Long, DateStyle::Short, DateStyle::Numeric] {
                for digits in [Digits::Arabic, Digits::Thai] {
                    let text = format_date(date, style, digits);
                    assert_eq!(parse_date(&text), Ok(date), "{text}");
                }
            }
            date = date.succ_opt().unwrap();
        }
    }

    #[test]
    fn the_variants_people_type() {
        let oct1 = d(2024, 10, 1);
        for text in [
            "1 ตุลาคม 2567",
            "1 ตุลาคม พ.ศ. 2567",
            "1 ตุลาคม พ.ศ.2567",
            "1 ต.ค. 67",
            "1 ต.ค.67",
            "1ต.ค.67",
            "1 ตค 67",
            "1 ตุลา 2567",
            "01/10/2567",
            "1/10/67",
            "01-10-2567",
            "1.10.2567",
            "๐๑/๑๐/๒๕๖๗",
            "๑ ต.ค. ๖๗",
            "2024-10-01",
            "  1\u{00A0}ตุลาคม\u{200B} 2567 ",
        ] {
            assert_eq!(parse_date(text), Ok(oct1), "{text:?}");
        }
        assert_eq!(parse_date("5 มกรา 68"), Ok(d(2025, 1, 5)));
        assert_eq!(parse_date("28 กุมภา 2568"), Ok(d(2025, 2, 28)));
        assert_eq!(
            parse_date("29 ก.พ. 2567"),
            Ok(d(2024, 2, 29)),
            "2567 = 2024 is a leap year"
        );
    }

    #[test]
    fn errors_name_the_part() {
        assert_eq!(part_of(""), DatePart::Format);
        assert_eq!(part_of("   "), DatePart::Format);
        assert_eq!(part_of("abc"), DatePart::Format);
        assert_eq!(part_of("1 ตุลาคม"), DatePart::Format, "no year");
        assert_eq!(part_of("1 ตุลี 2567"), DatePart::Month);
        assert_eq!(part_of("32 ตุลาคม 2567"), DatePart::Day);
        assert_eq!(part_of("31/02/2567"), DatePart::Day);
        assert_eq!(
            part_of("29 ก.พ. 2568"),
            DatePart::Day,
            "2568 = 2025 is not leap"
        );
        assert_eq!(part_of("01/13/2567"), DatePart::Month);
        assert_eq!(part_of("01/10/2024"), DatePart::Year);
        assert_eq!(part_of("01/10/567"), DatePart::Year);
        assert_eq!(part_of("2024-02-30"), DatePart::Day);
        assert_eq!(part_of("1/10"), DatePart::Format);
    }

    proptest::proptest! {
        /// Whatever is typed or pasted, reading it returns a date or an error, never a panic.
        #[test]
        fn never_panics(text in "[0-9๐-๙ก-ฮะ-ูเ-์ ./\\-พศ]{0,24}|\\PC{0,24}") {
            let _ = parse_date(&text);
        }

        /// Any real date written numerically in B.E. reads back as itself.
        #[test]
        fn numeric_round_trip(days in 0i64..60_000) {
            let date = d(1950, 1, 1) + chrono::Duration::days(days);
            let text = format_date(date, DateStyle::Numeric, Digits::Arabic);
            proptest::prop_assert_eq!(parse_date(&text), Ok(date));
        }
    }

    #[test]
    fn messages_say_what_was_wrong() {
        let err = parse_date("1 ตุลี 2567").unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot read the month in \"1 ตุลี 2567\": unknown month name \"ตุลี\""
        );
        let err = parse_date("01/10/2024").unwrap_err();
        assert!(err.reason.contains("A.D."), "{}", err.reason);
        assert!(
            err.reason.contains("2567"),
            "suggests the B.E. year: {}",
            err.reason
        );
        assert_eq!(err.input, "01/10/2024");
    }
}
