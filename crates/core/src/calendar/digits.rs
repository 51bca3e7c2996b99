//! Thai digits (๐–๙), which some offices print instead of 0–9.

use serde::{Deserialize, Serialize};

/// Which digits to print.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Digits {
    /// 0–9.
    #[default]
    Arabic,
    /// ๐–๙.
    Thai,
}

impl Digits {
    /// `s` written with these digits.
    pub fn apply(self, s: &str) -> String {
        match self {
            Digits::Arabic => s.to_owned(),
            Digits::Thai => to_thai_digits(s),
        }
    }
}

fn shift(c: char, from: char, to: char) -> char {
    char::from_u32(c as u32 - from as u32 + to as u32).unwrap_or(c)
}

/// Replaces 0–9 with ๐–๙; everything else stays.
pub fn to_thai_digits(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                shift(c, '0', '๐')
            } else {
                c
            }
        })
        .collect()
}

/// Replaces ๐–๙ with 0–9; everything else stays.
pub fn to_arabic_digits(s: &str) -> String {
    s.chars()
        .map(|c| {
            if ('๐'..='๙').contains(&c) {
                shift(c, '๐', '0')
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_ways() {
        assert_eq!(to_thai_digits("01/10/2567"), "๐๑/๑๐/๒๕๖๗");
        assert_eq!(to_arabic_digits("๐๑/๑๐/๒๕๖๗"), "01/10/2567");
        assert_eq!(to_thai_digits("abc ก"), "abc ก");
        assert_eq!(to_arabic_digits("๙๘๗-x"), "987-x");
        assert_eq!(Digits::Arabic.apply("12"), "12");
        assert_eq!(Digits::Thai.apply("12"), "๑๒");
        assert_eq!(Digits::default(), Digits::Arabic);
    }
}
