//! Which automatic copies to keep: the newest of each of the last 7 days that have one,
//! of each of the last 4 weeks, of each of the last 12 months, and every copy made today.
//!
//! "Days that have one" rather than "the last 7 calendar days": an office closed for
//! Songkran or a PC switched off for two weeks must not come back to find its dailies
//! gone. Weeks are ISO weeks (Monday to Sunday, so 31 December can belong to week 1 of
//! the next year); months are calendar months. Every copy made today is kept because the
//! copies taken before an import or a restore are what a person reaches for the same
//! afternoon. The rule is the same one restic's `forget --keep-daily 7 --keep-weekly 4
//! --keep-monthly 12` applies, written out so it can be tested on fixed dates.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, NaiveDateTime};

/// How many of each period the rule keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// Newest copy of each of this many days (days with a copy).
    pub daily: usize,
    /// Newest copy of each of this many ISO weeks.
    pub weekly: usize,
    /// Newest copy of each of this many calendar months.
    pub monthly: usize,
}

impl Default for Retention {
    fn default() -> Self {
        Self {
            daily: 7,
            weekly: 4,
            monthly: 12,
        }
    }
}

impl Retention {
    /// The indexes of `made` (when each copy was made, office time, in any order) to keep
    /// on `today`. Nothing is dropped while fewer copies exist than the rule would keep.
    pub fn keep(&self, made: &[NaiveDateTime], today: NaiveDate) -> BTreeSet<usize> {
        let mut newest_first: Vec<usize> = (0..made.len()).collect();
        newest_first.sort_by(|a, b| made[*b].cmp(&made[*a]));
        let mut keep: BTreeSet<usize> = newest_first
            .iter()
            .copied()
            .filter(|i| made[*i].date() >= today)
            .collect();
        let mut by = |periods: usize, period: &dyn Fn(NaiveDate) -> (i32, u32)| {
            let mut seen = Vec::new();
            for &i in &newest_first {
                let p = period(made[i].date());
                if seen.len() == periods {
                    break;
                }
                if !seen.contains(&p) {
                    seen.push(p);
                    keep.insert(i);
                }
            }
        };
        by(self.daily, &|d| (d.year(), d.ordinal()));
        by(self.weekly, &|d| (d.iso_week().year(), d.iso_week().week()));
        by(self.monthly, &|d| (d.year(), d.month()));
        keep
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(date: &str, time: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(&format!("{date} {time}"), "%Y-%m-%d %H:%M").unwrap()
    }

    fn day(date: &str) -> NaiveDate {
        date.parse().unwrap()
    }

    /// One copy at 08:30 every day from `first` to `last`.
    fn daily(first: &str, last: &str) -> Vec<NaiveDateTime> {
        day(first)
            .iter_days()
            .take_while(|d| *d <= day(last))
            .map(|d| d.and_hms_opt(8, 30, 0).unwrap())
            .collect()
    }

    fn kept(made: &[NaiveDateTime], today: &str) -> Vec<String> {
        Retention::default()
            .keep(made, day(today))
            .into_iter()
            .map(|i| made[i].format("%Y-%m-%d %H:%M").to_string())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    }

    #[test]
    fn a_year_of_dailies_keeps_seven_days_four_weeks_twelve_months() {
        // 2026-01-01 .. 2026-12-06 every morning; today is Sunday 6 December 2026.
        let made = daily("2026-01-01", "2026-12-06");
        let year = kept(&made, "2026-12-06");
        let expected: Vec<&str> = vec![
            // months (newest of each): January..November, and December's is today's.
            "2026-01-31 08:30",
            "2026-02-28 08:30",
            "2026-03-31 08:30",
            "2026-04-30 08:30",
            "2026-05-31 08:30",
            "2026-06-30 08:30",
            "2026-07-31 08:30",
            "2026-08-31 08:30",
            "2026-09-30 08:30",
            "2026-10-31 08:30",
            // weeks end on Sundays: 15, 22 and 29 November; the 4th is this week (today).
            "2026-11-15 08:30",
            "2026-11-22 08:30",
            "2026-11-29 08:30",
            "2026-11-30 08:30",
            // days: 30 November .. 6 December.
            "2026-12-01 08:30",
            "2026-12-02 08:30",
            "2026-12-03 08:30",
            "2026-12-04 08:30",
            "2026-12-05 08:30",
            "2026-12-06 08:30",
        ];
        assert_eq!(year, expected);
    }

    #[test]
    fn february_of_a_leap_year_ends_on_the_29th() {
        let made = daily("2028-02-20", "2028-03-31");
        let leap = kept(&made, "2028-03-31");
        assert!(leap.contains(&"2028-02-29 08:30".to_owned()), "{leap:?}");
        assert!(!leap.contains(&"2028-02-28 08:30".to_owned()), "{leap:?}");
        // and in a common year the 28th is February's last.
        let made = daily("2027-02-20", "2027-03-31");
        let common = kept(&made, "2027-03-31");
        assert!(
            common.contains(&"2027-02-28 08:30".to_owned()),
            "{common:?}"
        );
    }

    #[test]
    fn the_last_days_of_december_can_belong_to_next_years_first_week() {
        // 2024-12-30 (Monday) .. 2025-01-05 (Sunday) is ISO week 1 of 2025: one week.
        let made = daily("2024-12-16", "2025-01-05");
        let weekly = Retention {
            daily: 0,
            weekly: 2,
            monthly: 0,
        };
        let keep = weekly.keep(&made, day("2025-01-06"));
        let kept: Vec<String> = keep
            .into_iter()
            .map(|i| made[i].date().to_string())
            .collect();
        assert_eq!(kept, ["2024-12-29", "2025-01-05"]);
    }

    #[test]
    fn days_without_a_copy_do_not_use_up_the_dailies() {
        // Switched off over Songkran: copies on 1-10 April, then none until 25 April.
        let mut made = daily("2026-04-01", "2026-04-10");
        made.push(at("2026-04-25", "09:00"));
        let songkran = kept(&made, "2026-04-25");
        for d in [
            "04-05", "04-06", "04-07", "04-08", "04-09", "04-10", "04-25",
        ] {
            let stamp = if d == "04-25" { "09:00" } else { "08:30" };
            assert!(
                songkran.contains(&format!("2026-{d} {stamp}")),
                "2026-{d} is one of the seven days: {songkran:?}"
            );
        }
        // 1-4 April are older than the seven days with copies; the 4th and 5th are
        // Saturday and Sunday, so the 5th is also its week's newest.
        assert!(
            !songkran.contains(&"2026-04-01 08:30".to_owned()),
            "{songkran:?}"
        );
        assert!(
            !songkran.contains(&"2026-04-03 08:30".to_owned()),
            "{songkran:?}"
        );
    }

    #[test]
    fn every_copy_of_today_is_kept_and_only_the_newest_of_an_older_day() {
        let made = vec![
            at("2026-12-05", "08:00"),
            at("2026-12-05", "10:15"), // before an import
            at("2026-12-05", "14:40"), // before another import
            at("2026-12-06", "08:00"),
            at("2026-12-06", "10:15"),
        ];
        assert_eq!(
            kept(&made, "2026-12-06"),
            ["2026-12-05 14:40", "2026-12-06 08:00", "2026-12-06 10:15"]
        );
    }

    #[test]
    fn fewer_copies_than_the_rule_keeps_are_all_kept() {
        let made = daily("2026-12-01", "2026-12-03");
        assert_eq!(kept(&made, "2026-12-06").len(), 3);
        assert!(kept(&[], "2026-12-06").is_empty());
    }

    #[test]
    fn order_of_the_list_does_not_matter() {
        let mut made = daily("2026-01-01", "2026-03-31");
        let forward = kept(&made, "2026-03-31");
        made.reverse();
        assert_eq!(kept(&made, "2026-03-31"), forward);
    }
}
