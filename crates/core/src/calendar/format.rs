//! Writing dates the Thai way.

use chrono::{Datelike, NaiveDate};

use super::digits::Digits;
use super::era::be_year;
use super::names::{MONTHS_FULL, MONTHS_SHORT};

/// How to write a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// "1 ตุลาคม 2567" — letters and forms.
    Long,
    /// "1 ต.ค. 67" — tables and narrow columns.
    Short,
    /// "01/10/2567" — registers and spreadsheets.
    Numeric,
}

fn month_index(date: NaiveDate) -> usize {
    date.month0() as usize
}

/// A date in B.E. in the given style and digits.
pub fn format_date(date: NaiveDate, style: DateStyle, digits: Digits) -> String {
    let year = be_year(date.year());
    let text = match style {
        DateStyle::Long => format!("{} {} {year}", date.day(), MONTHS_FULL[month_index(date)]),
        DateStyle::Short => format!(
            "{} {} {:02}",
            date.day(),
            MONTHS_SHORT[month_index(date)],
            year.rem_euclid(100)
        ),
        DateStyle::Numeric => format!("{:02}/{:02}/{year}", date.day(), date.month()),
    };
    digits.apply(&text)
}

/// "1 ตุลาคม พ.ศ. 2567", as official letters write the date.
pub fn format_date_long_with_era(date: NaiveDate, digits: Digits) -> String {
    let text = format!(
        "{} {} พ.ศ. {}",
        date.day(),
        MONTHS_FULL[month_index(date)],
        be_year(date.year())
    );
    digits.apply(&text)
}

/// "ตุลาคม 2567" for a B.E. year and a month 1–12 (empty for a month out of range).
pub fn format_month_year(year_be: i32, month: u32, digits: Digits) -> String {
    super::names::month_name_full(month)
        .map(|name| digits.apply(&format!("{name} {year_be}")))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn three_styles_with_both_digits() {
        let date = d(2024, 10, 1);
        assert_eq!(
            format_date(date, DateStyle::Long, Digits::Arabic),
            "1 ตุลาคม 2567"
        );
        assert_eq!(
            format_date(date, DateStyle::Short, Digits::Arabic),
            "1 ต.ค. 67"
        );
        assert_eq!(
            format_date(date, DateStyle::Numeric, Digits::Arabic),
            "01/10/2567"
        );
        assert_eq!(
            format_date(date, DateStyle::Long, Digits::Thai),
            "๑ ตุลาคม ๒๕๖๗"
        );
        assert_eq!(
            format_date(date, DateStyle::Short, Digits::Thai),
            "๑ ต.ค. ๖๗"
        );
        assert_eq!(
            format_date(date, DateStyle::Numeric, Digits::Thai),
            "๐๑/๑๐/๒๕๖๗"
        );
        assert_eq!(
            format_date(d(2043, 1, 5), DateStyle::Short, Digits::Arabic),
            "5 ม.ค. 86"
        );
        assert_eq!(
            format_date(d(2057, 1, 5), DateStyle::Short, Digits::Arabic),
            "5 ม.ค. 00"
        );
    }

    #[test]
    fn with_era_and_month_year() {
        assert_eq!(
            format_date_long_with_era(d(2026, 11, 25), Digits::Arabic),
            "25 พฤศจิกายน พ.ศ. 2569"
        );
        assert_eq!(format_month_year(2567, 10, Digits::Arabic), "ตุลาคม 2567");
        assert_eq!(format_month_year(2567, 10, Digits::Thai), "ตุลาคม ๒๕๖๗");
        assert_eq!(format_month_year(2567, 13, Digits::Arabic), "");
    }
}
