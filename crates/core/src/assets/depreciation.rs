//! Straight-line depreciation by Thai fiscal year, in whole satang.
//!
//! The rules, as register sheets (ทะเบียนคุมทรัพย์สิน) apply them:
//! - The annual charge is the cost divided by the useful life in years (cost × rate).
//! - Years close on 30 September. The first year is charged pro rata, either by the
//!   **days** held (from the acquisition date through 30 Sep, both included, over the days
//!   in that fiscal year) or by the **whole months** held (a part month does not count),
//!   as the organisation chooses.
//! - In the fiscal year in which the useful life ends (the anniversary of acquisition),
//!   whatever is left is charged, down to the residual value.
//! - The net book value never falls below 1.00 baht: that baht stays on the register
//!   until the item is disposed of.
//! - **Rounding:** each year's charge is computed exactly and rounded half up to the
//!   satang; the last year takes whatever is left, so the charges always sum to exactly
//!   cost − 1.00 baht and rounding never accumulates.
//!
//! Between fiscal-year ends (e.g. the value at a loan date, for compensation) the year's
//! charge accrues evenly by day.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::calendar::FiscalYear;
use crate::money::Satang;

/// How the first (partial) fiscal year is charged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProrationBasis {
    /// By days held over the days in the fiscal year.
    #[default]
    Days,
    /// By whole months held over twelve.
    Months,
}

/// What depreciation needs to know about an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Depreciable {
    /// Unit price (cost).
    pub cost: Satang,
    /// When it was acquired.
    pub acquired_on: NaiveDate,
    /// Useful life in whole years (at least 1).
    pub useful_life_years: u32,
}

/// One fiscal year of the schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleRow {
    /// The fiscal year (B.E.).
    pub fiscal_year: i32,
    /// First day charged in this year.
    pub from: NaiveDate,
    /// Last day charged: 30 Sep, or the end of the useful life in the final year.
    pub to: NaiveDate,
    /// This year's charge (ค่าเสื่อมราคาประจำปี).
    pub charge: Satang,
    /// Charged so far (ค่าเสื่อมราคาสะสม).
    pub accumulated: Satang,
    /// Cost less accumulated depreciation (มูลค่าสุทธิ).
    pub net_book_value: Satang,
}

/// `numerator / denominator` rounded half up (both positive).
fn div_round(numerator: i128, denominator: i128) -> i64 {
    i64::try_from((2 * numerator + denominator) / (2 * denominator)).unwrap_or(i64::MAX)
}

/// Days from `from` to `to`, both included.
fn days_inclusive(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days() + 1
}

/// Whole months from `from` up to the day after `to` (a part month does not count).
fn whole_months(from: NaiveDate, to: NaiveDate) -> i64 {
    let Some(end) = to.succ_opt() else { return 0 };
    let mut months = 0;
    while from
        .checked_add_months(Months::new(months + 1))
        .is_some_and(|d| d <= end)
    {
        months += 1;
    }
    i64::from(months)
}

impl Depreciable {
    /// The day the useful life ends (the anniversary of acquisition; 28 Feb for a 29 Feb).
    pub fn life_ends_on(&self) -> NaiveDate {
        self.acquired_on
            .checked_add_months(Months::new(self.useful_life_years.saturating_mul(12)))
            .unwrap_or(NaiveDate::MAX)
    }

    /// The full schedule, one row per fiscal year, until the value reaches 1.00 baht.
    /// Empty when there is nothing to depreciate (cost of 1.00 baht or less, or no life).
    pub fn schedule(&self, basis: ProrationBasis) -> Vec<ScheduleRow> {
        let mut rows = Vec::new();
        let depreciable = (self.cost.0 - Satang::ONE_BAHT.0).max(0);
        if depreciable == 0 || self.useful_life_years == 0 {
            return rows;
        }
        let life = i128::from(self.useful_life_years);
        let cost = i128::from(self.cost.0);
        let life_end = self.life_ends_on();
        let mut year = FiscalYear::of(self.acquired_on);
        let mut accumulated: i64 = 0;
        while accumulated < depreciable {
            let from = self.acquired_on.max(year.start());
            let remaining = depreciable - accumulated;
            let (to, charge) = if life_end <= year.end() {
                (life_end.max(from), remaining)
            } else if from > year.start() {
                let share = match basis {
                    ProrationBasis::Days => div_round(
                        cost * i128::from(days_inclusive(from, year.end())),
                        life * i128::from(days_inclusive(year.start(), year.end())),
                    ),
                    ProrationBasis::Months => {
                        div_round(cost * i128::from(whole_months(from, year.end())), life * 12)
                    }
                };
                (year.end(), share.min(remaining))
            } else {
                (year.end(), div_round(cost, life).min(remaining))
            };
            accumulated += charge;
            rows.push(ScheduleRow {
                fiscal_year: year.0,
                from,
                to,
                charge: Satang(charge),
                accumulated: Satang(accumulated),
                net_book_value: Satang(self.cost.0 - accumulated),
            });
            year = year.next();
        }
        rows
    }

    /// The net book value on `date` (the cost before acquisition; 1.00 baht after the end
    /// of the useful life). Within a fiscal year the year's charge accrues by day.
    pub fn net_book_value_on(&self, date: NaiveDate, basis: ProrationBasis) -> Satang {
        let mut before = 0;
        for row in self.schedule(basis) {
            if date > row.to {
                before = row.accumulated.0;
                continue;
            }
            if date < row.from {
                break;
            }
            let elapsed = i128::from(days_inclusive(row.from, date));
            let length = i128::from(days_inclusive(row.from, row.to));
            let accrued = div_round(i128::from(row.charge.0) * elapsed, length);
            return Satang(self.cost.0 - before - accrued);
        }
        Satang(self.cost.0 - before)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(be_year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(be_year - 543, month, day).unwrap()
    }

    fn amounts(rows: &[ScheduleRow]) -> Vec<(i32, i64, i64, i64)> {
        rows.iter()
            .map(|r| {
                (
                    r.fiscal_year,
                    r.charge.0,
                    r.accumulated.0,
                    r.net_book_value.0,
                )
            })
            .collect()
    }

    /// regulation.md: a 45,000-baht motorcycle, 5 years (9,000 a year), acquired
    /// 9 Oct 2539, prorated by months: 8,250.00 accumulated at 30 Sep 2540 (11 months),
    /// and on 9 Oct 2544 accumulated 44,999.00, net 1.00.
    #[test]
    fn the_motorcycle_by_months() {
        let bike = Depreciable {
            cost: Satang::baht(45_000),
            acquired_on: date(2539, 10, 9),
            useful_life_years: 5,
        };
        let rows = bike.schedule(ProrationBasis::Months);
        assert_eq!(
            amounts(&rows),
            vec![
                (2540, 825_000, 825_000, 3_675_000),
                (2541, 900_000, 1_725_000, 2_775_000),
                (2542, 900_000, 2_625_000, 1_875_000),
                (2543, 900_000, 3_525_000, 975_000),
                (2544, 900_000, 4_425_000, 75_000),
                (2545, 74_900, 4_499_900, 100),
            ]
        );
        assert_eq!(rows[0].from, date(2539, 10, 9));
        assert_eq!(rows[0].to, date(2540, 9, 30));
        assert_eq!(
            rows[5].to,
            date(2544, 10, 9),
            "the last row ends with the useful life"
        );
    }

    /// By hand: 25,000 baht, 5 years (5,000 a year), bought 15 Mar 2565, by days.
    /// FY2565 = 1 Oct 2564 – 30 Sep 2565 has 365 days; 15 Mar – 30 Sep is 200 days:
    /// 5,000 × 200 / 365 = 2,739.726… → 2,739.73. Four full years of 5,000.00 bring the
    /// total to 22,739.73 at 30 Sep 2569; FY2570 (the life ends 15 Mar 2570) takes the
    /// rest down to 1.00: 25,000 − 1 − 22,739.73 = 2,259.27.
    #[test]
    fn twenty_five_thousand_baht_by_days() {
        let item = Depreciable {
            cost: Satang::baht(25_000),
            acquired_on: date(2565, 3, 15),
            useful_life_years: 5,
        };
        let rows = item.schedule(ProrationBasis::Days);
        assert_eq!(
            amounts(&rows),
            vec![
                (2565, 273_973, 273_973, 2_226_027),
                (2566, 500_000, 773_973, 1_726_027),
                (2567, 500_000, 1_273_973, 1_226_027),
                (2568, 500_000, 1_773_973, 726_027),
                (2569, 500_000, 2_273_973, 226_027),
                (2570, 225_927, 2_499_900, 100),
            ]
        );
        assert_eq!(rows[5].to, date(2570, 3, 15));
    }

    /// The same item by months: 15 Mar – 30 Sep holds 6 whole months (15 Mar – 14 Sep),
    /// 5,000 × 6 / 12 = 2,500.00.
    #[test]
    fn twenty_five_thousand_baht_by_months() {
        let item = Depreciable {
            cost: Satang::baht(25_000),
            acquired_on: date(2565, 3, 15),
            useful_life_years: 5,
        };
        let rows = item.schedule(ProrationBasis::Months);
        assert_eq!(rows[0].charge, Satang(250_000));
        assert_eq!(rows.last().unwrap().charge, Satang(250_000 - 100));
        assert_eq!(rows.last().unwrap().net_book_value, Satang::ONE_BAHT);
    }

    #[test]
    fn a_leap_fiscal_year_has_366_days() {
        // FY2567 (1 Oct 2566 – 30 Sep 2567) holds 29 Feb 2567 (A.D. 2024).
        let item = Depreciable {
            cost: Satang::baht(36_600),
            acquired_on: date(2567, 9, 30),
            useful_life_years: 1,
        };
        // One day of 366: 36,600 × 1 / 366 = 100.00.
        assert_eq!(
            item.schedule(ProrationBasis::Days)[0].charge,
            Satang(10_000)
        );
    }

    #[test]
    fn bought_on_the_first_day_of_the_fiscal_year_is_whole_years() {
        let item = Depreciable {
            cost: Satang::baht(10_000),
            acquired_on: date(2567, 10, 1),
            useful_life_years: 2,
        };
        let rows = item.schedule(ProrationBasis::Days);
        assert_eq!(
            amounts(&rows),
            vec![
                (2568, 500_000, 500_000, 500_000),
                (2569, 499_900, 999_900, 100)
            ]
        );
    }

    #[test]
    fn rounding_never_accumulates_and_one_baht_always_remains() {
        // A price that does not divide evenly: 1,000.01 baht over 3 years.
        for basis in [ProrationBasis::Days, ProrationBasis::Months] {
            for day in [1, 2, 15, 28] {
                let item = Depreciable {
                    cost: Satang(100_001),
                    acquired_on: date(2566, 2, day),
                    useful_life_years: 3,
                };
                let rows = item.schedule(basis);
                let total: i64 = rows.iter().map(|r| r.charge.0).sum();
                assert_eq!(total, 100_001 - 100, "{basis:?} day {day}");
                assert_eq!(rows.last().unwrap().net_book_value, Satang::ONE_BAHT);
                assert!(rows.iter().all(|r| r.charge.0 >= 0));
            }
        }
    }

    #[test]
    fn nothing_to_depreciate_at_one_baht_or_less() {
        for cost in [0, 50, 100] {
            let item = Depreciable {
                cost: Satang(cost),
                acquired_on: date(2567, 1, 1),
                useful_life_years: 5,
            };
            assert!(item.schedule(ProrationBasis::Days).is_empty());
            assert_eq!(
                item.net_book_value_on(date(2570, 1, 1), ProrationBasis::Days),
                Satang(cost)
            );
        }
    }

    #[test]
    fn net_book_value_between_year_ends_accrues_by_day() {
        let item = Depreciable {
            cost: Satang::baht(25_000),
            acquired_on: date(2565, 3, 15),
            useful_life_years: 5,
        };
        let basis = ProrationBasis::Days;
        assert_eq!(
            item.net_book_value_on(date(2565, 3, 1), basis),
            Satang::baht(25_000),
            "before acquisition"
        );
        assert_eq!(
            item.net_book_value_on(date(2565, 9, 30), basis),
            Satang(2_226_027),
            "a year end"
        );
        // FY2566 has 365 days; 1 Oct 2565 – 31 Dec 2565 is 92 of them:
        // 500,000 × 92 / 365 = 126,027.397… → 126,027; 2,226,027 − 126,027 = 2,100,000.
        assert_eq!(
            item.net_book_value_on(date(2565, 12, 31), basis),
            Satang(2_100_000)
        );
        assert_eq!(
            item.net_book_value_on(date(2580, 1, 1), basis),
            Satang::ONE_BAHT,
            "after the life"
        );
    }

    #[test]
    fn whole_months_ignore_part_months() {
        assert_eq!(whole_months(date(2539, 10, 9), date(2540, 9, 30)), 11);
        assert_eq!(whole_months(date(2565, 3, 1), date(2565, 9, 30)), 7);
        assert_eq!(whole_months(date(2565, 9, 30), date(2565, 9, 30)), 0);
        assert_eq!(whole_months(date(2564, 10, 1), date(2565, 9, 30)), 12);
    }
}
