//! Working days: Monday to Friday, except listed holidays.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};

/// Weekends plus a holiday list (public holidays and the organisation's own).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkCalendar {
    holidays: BTreeSet<NaiveDate>,
}

impl WorkCalendar {
    /// A calendar with these holidays.
    pub fn new(holidays: impl IntoIterator<Item = NaiveDate>) -> Self {
        Self {
            holidays: holidays.into_iter().collect(),
        }
    }

    /// Monday–Friday and not a holiday.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !self.holidays.contains(&date)
    }

    /// The `n`-th working day after `start` (not counting `start`); `n = 0` gives `start`.
    /// "Within 30 working days of 1 Oct" ends on `add_working_days(1 Oct, 30)`.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        let mut date = start;
        let mut left = n;
        while left > 0 {
            let Some(next) = date.succ_opt() else {
                return date;
            };
            date = next;
            if self.is_working_day(date) {
                left -= 1;
            }
        }
        date
    }

    /// Working days `d` with `from < d <= to`; negative when `to` is before `from`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let (low, high, sign) = if from <= to {
            (from, to, 1)
        } else {
            (to, from, -1)
        };
        let count = low
            .iter_days()
            .skip(1)
            .take_while(|d| *d <= high)
            .filter(|d| self.is_working_day(*d))
            .count();
        sign * i64::try_from(count).unwrap_or(i64::MAX)
    }

    /// `date` if it is a working day, else the next one.
    pub fn next_working_day_on_or_after(&self, date: NaiveDate) -> NaiveDate {
        date.iter_days()
            .find(|d| self.is_working_day(*d))
            .unwrap_or(date)
    }

    /// `date` if it is a working day, else the last one before it.
    pub fn last_working_day_on_or_before(&self, date: NaiveDate) -> NaiveDate {
        let mut day = date;
        while !self.is_working_day(day) {
            match day.pred_opt() {
                Some(before) => day = before,
                None => return date,
            }
        }
        day
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// FY2568's official holidays in October–November 2024: 14 Oct (for 13 Oct, a
    /// Sunday) and 23 Oct.
    fn fy2568() -> WorkCalendar {
        WorkCalendar::new([
            d(2024, 10, 14),
            d(2024, 10, 23),
            d(2024, 12, 5),
            d(2024, 12, 10),
        ])
    }

    #[test]
    fn weekends_and_holidays_are_off() {
        let cal = fy2568();
        assert!(cal.is_working_day(d(2024, 10, 1)), "Tuesday");
        assert!(!cal.is_working_day(d(2024, 10, 5)), "Saturday");
        assert!(!cal.is_working_day(d(2024, 10, 6)), "Sunday");
        assert!(!cal.is_working_day(d(2024, 10, 23)), "วันปิยมหาราช");
        assert!(WorkCalendar::default().is_working_day(d(2024, 10, 23)));
    }

    /// The annual check starts on the first working day of October 2567 (Tue 1 Oct) and
    /// reports within 30 working days. October 2024 has 23 weekdays, two of them holidays:
    /// 2–31 Oct hold 20 working days (22 weekdays − 14 and 23 Oct); 1–8 Nov hold 6 more
    /// (Fri 1, Mon 4 – Fri 8), reaching 26; 11–14 Nov bring 30: Thursday 14 Nov 2024.
    #[test]
    fn the_annual_report_deadline() {
        let cal = fy2568();
        let start = cal.next_working_day_on_or_after(d(2024, 10, 1));
        assert_eq!(start, d(2024, 10, 1));
        let due = cal.add_working_days(start, 30);
        assert_eq!(due, d(2024, 11, 14));
        assert_eq!(cal.working_days_between(start, due), 30);
        assert_eq!(cal.working_days_between(due, start), -30);
        assert_eq!(cal.add_working_days(start, 0), start);
    }

    #[test]
    fn the_balance_date_is_the_last_working_day_of_september() {
        let cal = WorkCalendar::default();
        assert_eq!(
            cal.last_working_day_on_or_before(d(2025, 9, 30)),
            d(2025, 9, 30),
            "a Tuesday"
        );
        // 30 Sep 2023 was a Saturday: the balance is taken on Friday 29 Sep.
        assert_eq!(
            cal.last_working_day_on_or_before(d(2023, 9, 30)),
            d(2023, 9, 29)
        );
        assert_eq!(
            cal.next_working_day_on_or_after(d(2023, 9, 30)),
            d(2023, 10, 2)
        );
    }

    #[test]
    fn across_month_and_year_ends() {
        let cal = WorkCalendar::new([d(2024, 12, 31), d(2025, 1, 1)]);
        // Mon 30 Dec 2024 + 1 working day skips the two holidays: Thu 2 Jan 2025.
        assert_eq!(cal.add_working_days(d(2024, 12, 30), 1), d(2025, 1, 2));
        assert_eq!(cal.working_days_between(d(2024, 12, 27), d(2025, 1, 3)), 3);
    }
}
