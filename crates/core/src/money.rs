//! Money in whole satang (1 baht = 100 satang). Never floating point.

use std::fmt;

use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An amount in satang. `Satang(2_500_000)` is 25,000.00 baht.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS,
)]
#[serde(transparent)]
pub struct Satang(pub i64);

impl Satang {
    /// One baht: the residual value below which nothing is depreciated.
    pub const ONE_BAHT: Satang = Satang(100);

    /// Whole baht.
    pub fn baht(baht: i64) -> Self {
        Satang(baht * 100)
    }

    /// Reads an amount as people write it: `25000`, `25,000.50`, `๒๕,๐๐๐`, `25,000 บาท`,
    /// `฿1,200`. At most two decimals; no negative amounts. `None` if it is not a number.
    pub fn parse(text: &str) -> Option<Satang> {
        let cleaned: String = crate::text::clean(text)
            .chars()
            .map(|c| match c {
                '๐'..='๙' => char::from_u32(c as u32 - '๐' as u32 + '0' as u32).unwrap_or(c),
                _ => c,
            })
            .filter(|c| !matches!(c, ',' | ' ' | '฿'))
            .collect();
        let number = cleaned
            .strip_suffix("บาท")
            .unwrap_or(&cleaned)
            .trim_end_matches('.')
            .trim();
        let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
        if whole.is_empty() && fraction.is_empty()
            || !whole.chars().all(|c| c.is_ascii_digit())
            || !fraction.chars().all(|c| c.is_ascii_digit())
            || fraction.len() > 2
        {
            return None;
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().ok()?
        };
        let cents: i64 = format!("{fraction:0<2}").parse().ok()?;
        whole.checked_mul(100)?.checked_add(cents).map(Satang)
    }
}

impl fmt::Display for Satang {
    /// `25,000.00` (thousands separators, two decimals), as forms print baht.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let baht = (abs / 100).to_string();
        let mut grouped = String::with_capacity(baht.len() + baht.len() / 3);
        for (i, digit) in baht.chars().enumerate() {
            if i > 0 && (baht.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        write!(f, "{sign}{grouped}.{:02}", abs % 100)
    }
}

impl ToSql for Satang {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        self.0.to_sql()
    }
}

impl FromSql for Satang {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        i64::column_result(value).map(Satang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_as_baht_with_separators() {
        assert_eq!(Satang(2_500_000).to_string(), "25,000.00");
        assert_eq!(Satang(4_499_900).to_string(), "44,999.00");
        assert_eq!(Satang(100).to_string(), "1.00");
        assert_eq!(Satang(5).to_string(), "0.05");
        assert_eq!(Satang(123_456_789).to_string(), "1,234,567.89");
        assert_eq!(Satang(-150).to_string(), "-1.50");
    }

    #[test]
    fn parses_what_offices_write() {
        assert_eq!(Satang::parse("25000"), Some(Satang(2_500_000)));
        assert_eq!(Satang::parse("25,000.50"), Some(Satang(2_500_050)));
        assert_eq!(Satang::parse(" ๒๕,๐๐๐ บาท "), Some(Satang(2_500_000)));
        assert_eq!(Satang::parse("฿1,200"), Some(Satang(120_000)));
        assert_eq!(Satang::parse("1,200.5"), Some(Satang(120_050)));
        assert_eq!(Satang::parse("1200."), Some(Satang(120_000)));
        assert_eq!(Satang::parse(".5"), Some(Satang(50)));
        assert_eq!(Satang::parse("0"), Some(Satang(0)));
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        for bad in [
            "",
            "บาท",
            "-100",
            "12a",
            "1.234",
            "1..2",
            "สองพัน",
            "99999999999999999999",
        ] {
            assert_eq!(Satang::parse(bad), None, "{bad:?}");
        }
    }
}
