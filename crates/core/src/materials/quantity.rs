//! Quantities of materials: whole thousandths of the item's unit, never floating point.
//!
//! Reams, boxes and pens are counted whole; fuel, cloth or cement may be measured
//! (12.5 ลิตร). Each material says which ([`super::Material::divisible`]); a fraction of an
//! indivisible unit is refused.

use std::fmt;

use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::money::Satang;

/// A quantity in thousandths of a unit: `Quantity(12_500)` is 12.5 units.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS,
)]
#[serde(transparent)]
pub struct Quantity(pub i64);

/// Thousandths in one unit.
pub const PER_UNIT: i64 = 1000;

impl Quantity {
    /// Whole units.
    pub fn units(units: i64) -> Self {
        Quantity(units * PER_UNIT)
    }

    /// Whether it is a whole number of units.
    pub fn is_whole(self) -> bool {
        self.0 % PER_UNIT == 0
    }

    /// Reads a quantity as people write it: `15`, `1,200`, `12.5`, `๑๕`. At most three
    /// decimals, not negative; `None` if it is not a number.
    pub fn parse(text: &str) -> Option<Quantity> {
        let cleaned: String = crate::text::clean(&crate::calendar::to_arabic_digits(text))
            .chars()
            .filter(|c| *c != ',' && !c.is_whitespace())
            .collect();
        let (whole, fraction) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
        if whole.is_empty() && fraction.is_empty()
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !fraction.bytes().all(|b| b.is_ascii_digit())
            || fraction.len() > 3
        {
            return None;
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().ok()?
        };
        let fraction: i64 = format!("{fraction:0<3}").parse().ok()?;
        whole
            .checked_mul(PER_UNIT)?
            .checked_add(fraction)
            .map(Quantity)
    }

    /// Checks a quantity given for `field`: more than zero, and whole unless the item
    /// may be measured in fractions.
    pub(crate) fn check(self, field: &str, divisible: bool) -> Result<Quantity> {
        if self.0 <= 0 {
            return Err(Error::invalid(field, "must be more than zero"));
        }
        if !divisible && !self.is_whole() {
            return Err(Error::invalid(field, "this item is counted in whole units"));
        }
        Ok(self)
    }

    /// The value of this quantity at `unit_price` a unit, rounded half up to the satang
    /// (a whole quantity is exact).
    pub fn value_at(self, unit_price: Satang) -> Satang {
        let thousandths = i128::from(self.0) * i128::from(unit_price.0);
        let half = i128::from(PER_UNIT / 2);
        let rounded = (thousandths + half).div_euclid(i128::from(PER_UNIT));
        Satang(i64::try_from(rounded).unwrap_or(i64::MAX))
    }
}

impl fmt::Display for Quantity {
    /// `15`, `12.5`, `0.125`: whole units without decimals, fractions without trailing
    /// zeros.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let (whole, part) = (self.0.abs() / PER_UNIT, self.0.abs() % PER_UNIT);
        if part == 0 {
            write!(f, "{sign}{whole}")
        } else {
            let digits = format!("{part:03}");
            write!(f, "{sign}{whole}.{}", digits.trim_end_matches('0'))
        }
    }
}

impl ToSql for Quantity {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        self.0.to_sql()
    }
}

impl FromSql for Quantity {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        i64::column_result(value).map(Quantity)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_are_read_as_written_and_shown_without_trailing_zeros() {
        assert_eq!(Quantity::parse("15"), Some(Quantity::units(15)));
        assert_eq!(Quantity::parse("1,200"), Some(Quantity::units(1200)));
        assert_eq!(Quantity::parse("12.5"), Some(Quantity(12_500)));
        assert_eq!(Quantity::parse("๑๕"), Some(Quantity::units(15)));
        assert_eq!(Quantity::parse("0.125"), Some(Quantity(125)));
        for bad in ["", "-3", "1.2345", "สิบ", "1.2.3", "."] {
            assert_eq!(Quantity::parse(bad), None, "{bad:?}");
        }
        assert_eq!(Quantity(12_500).to_string(), "12.5");
        assert_eq!(Quantity::units(15).to_string(), "15");
        assert_eq!(Quantity(125).to_string(), "0.125");
    }

    #[test]
    fn zero_negative_and_fractions_of_whole_units_are_refused_by_field() {
        assert!(
            Quantity::units(0)
                .check("lines[0].quantity", false)
                .is_err()
        );
        assert!(Quantity::units(-2).check("quantity", true).is_err());
        let err = Quantity(1_500)
            .check("lines[1].quantity", false)
            .unwrap_err();
        assert_eq!(err.code(), "invalid_value");
        assert_eq!(err.details()["field"], "lines[1].quantity");
        assert_eq!(Quantity(1_500).check("q", true).unwrap(), Quantity(1_500));
    }

    #[test]
    fn values_are_exact_for_whole_units_and_rounded_half_up_for_fractions() {
        // 15 reams at 115.50 baht.
        assert_eq!(
            Quantity::units(15).value_at(Satang(11_550)),
            Satang(173_250)
        );
        // 12.5 litres at 32.45: 405.625 baht → 405.63.
        assert_eq!(Quantity(12_500).value_at(Satang(3_245)), Satang(40_563));
        // 0.333 units at 1.00: 0.333 baht → 0.33.
        assert_eq!(Quantity(333).value_at(Satang(100)), Satang(33));
    }
}
