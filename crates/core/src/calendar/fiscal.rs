//! The Thai government fiscal year (ปีงบประมาณ).

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::era::{BE_OFFSET, be_year};

/// A fiscal year, holding its B.E. name: `FiscalYear(2568)` runs 1 Oct 2567 – 30 Sep 2568
/// (1 Oct 2024 – 30 Sep 2025 A.D.).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FiscalYear(pub i32);

impl FiscalYear {
    /// The fiscal year a date falls in: October to December belong to the next year's name.
    pub fn of(date: NaiveDate) -> FiscalYear {
        let ending_ad = if date.month() >= 10 {
            date.year() + 1
        } else {
            date.year()
        };
        FiscalYear(be_year(ending_ad))
    }

    /// 1 October of the previous (A.D.) year.
    pub fn start(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0 - BE_OFFSET - 1, 10, 1).unwrap_or(NaiveDate::MIN)
    }

    /// 30 September, the day the books close.
    pub fn end(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0 - BE_OFFSET, 9, 30).unwrap_or(NaiveDate::MAX)
    }

    /// Whether `date` falls in this fiscal year.
    pub fn contains(self, date: NaiveDate) -> bool {
        self.start() <= date && date <= self.end()
    }

    /// The B.E. year that names it (2568).
    pub fn be_year(self) -> i32 {
        self.0
    }

    /// Its last two digits (68), as asset codes use them.
    pub fn short(self) -> i32 {
        self.0.rem_euclid(100)
    }

    /// The following fiscal year.
    pub fn next(self) -> FiscalYear {
        FiscalYear(self.0 + 1)
    }

    /// The fiscal year before.
    pub fn previous(self) -> FiscalYear {
        FiscalYear(self.0 - 1)
    }
}

impl fmt::Display for FiscalYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn october_starts_the_next_years_name() {
        assert_eq!(FiscalYear::of(d(2024, 10, 1)), FiscalYear(2568));
        assert_eq!(FiscalYear::of(d(2024, 9, 30)), FiscalYear(2567));
        assert_eq!(FiscalYear::of(d(2025, 9, 30)), FiscalYear(2568));
        assert_eq!(FiscalYear::of(d(2025, 10, 1)), FiscalYear(2569));
        assert_eq!(FiscalYear::of(d(2026, 11, 25)), FiscalYear(2570));
        assert_eq!(FiscalYear::of(d(2025, 1, 1)), FiscalYear(2568));
    }

    #[test]
    fn start_end_and_contains() {
        let fy = FiscalYear(2568);
        assert_eq!(fy.start(), d(2024, 10, 1));
        assert_eq!(fy.end(), d(2025, 9, 30));
        assert!(fy.contains(d(2024, 10, 1)));
        assert!(fy.contains(d(2025, 9, 30)));
        assert!(!fy.contains(d(2024, 9, 30)));
        assert!(!fy.contains(d(2025, 10, 1)));
        for year in 2540..2600 {
            let fy = FiscalYear(year);
            assert_eq!(FiscalYear::of(fy.start()), fy);
            assert_eq!(FiscalYear::of(fy.end()), fy);
            assert_eq!(fy.end().succ_opt().unwrap(), fy.next().start());
        }
    }

    #[test]
    fn names() {
        assert_eq!(FiscalYear(2568).short(), 68);
        assert_eq!(FiscalYear(2600).short(), 0);
        assert_eq!(FiscalYear(2568).to_string(), "2568");
        assert_eq!(FiscalYear(2568).previous(), FiscalYear(2567));
        assert_eq!(FiscalYear(2568).be_year(), 2568);
    }
}
