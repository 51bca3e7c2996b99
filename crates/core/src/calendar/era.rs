//! Buddhist Era ↔ Anno Domini.

/// Years between the eras: B.E. = A.D. + 543.
pub(crate) const BE_OFFSET: i32 = 543;

/// The B.E. year of an A.D. year (2024 → 2567).
pub fn be_year(ad_year: i32) -> i32 {
    ad_year + BE_OFFSET
}

/// The A.D. year of a B.E. year (2567 → 2024).
pub fn ad_year(be_year: i32) -> i32 {
    be_year - BE_OFFSET
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_ways() {
        assert_eq!(be_year(2024), 2567);
        assert_eq!(ad_year(2567), 2024);
        assert_eq!(be_year(1996), 2539);
        for year in 1900..2200 {
            assert_eq!(ad_year(be_year(year)), year);
        }
    }
}
