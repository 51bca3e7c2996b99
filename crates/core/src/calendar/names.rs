//! Thai month names.

/// Full month names, January first.
pub const MONTHS_FULL: [&str; 12] = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
];

/// Abbreviated month names as offices write them, January first.
pub const MONTHS_SHORT: [&str; 12] = [
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
];

/// The full name of month 1–12.
pub fn month_name_full(month: u32) -> Option<&'static str> {
    MONTHS_FULL
        .get(usize::try_from(month).ok()?.checked_sub(1)?)
        .copied()
}

/// The abbreviated name of month 1–12.
pub fn month_name_short(month: u32) -> Option<&'static str> {
    MONTHS_SHORT
        .get(usize::try_from(month).ok()?.checked_sub(1)?)
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_month() {
        assert_eq!(month_name_full(1), Some("มกราคม"));
        assert_eq!(month_name_full(10), Some("ตุลาคม"));
        assert_eq!(month_name_full(12), Some("ธันวาคม"));
        assert_eq!(month_name_short(2), Some("ก.พ."));
        assert_eq!(month_name_short(11), Some("พ.ย."));
        assert_eq!(month_name_full(0), None);
        assert_eq!(month_name_full(13), None);
        assert_eq!(month_name_short(0), None);
        let all: Vec<_> = (1..=12).filter_map(month_name_full).collect();
        assert_eq!(all, MONTHS_FULL);
    }
}
