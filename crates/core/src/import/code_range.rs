//! A register line that stands for several identical items with consecutive codes, as
//! officers write it: "401-65-0012 ถึง 0016", "401-65-0012 – 401-65-0016",
//! "401-65-0012 to 16", "๔๐๑-๖๕-๐๐๑๒ - ๐๐๑๖" — and, when the quantity says so,
//! "401-65-0012-0016".
//!
//! The range works on the code's last run of digits: everything before it is kept as
//! written, and every code of the range has that run at its width, so the items get the
//! codes the officer would have written one by one.

use crate::assets::codes::code_key;
use crate::assets::records::MAX_BATCH;

/// What a code cell holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CodeCell {
    /// One code (or nothing).
    Single(String),
    /// Consecutive codes from `first` to `last`.
    Range {
        first: String,
        last: String,
        count: u32,
    },
    /// Written as a range, but not one that can be read; the reason in English.
    BadRange(String),
}

/// Words and marks that join the two ends of a range. A word says "range" for certain,
/// so a range it joins that cannot be read is an error; a dash may also separate the
/// parts of one code ("416 - 68 - 0001", "416–68–0001"), so when what it joins is not a
/// range of one group the text is taken as one code.
const JOINERS: [(&str, bool); 7] = [
    (" ถึง ", true),
    ("ถึง", true),
    (" to ", true),
    ("~", true),
    (" - ", false),
    ("–", false),
    ("—", false),
];

/// Reads a code cell (already cleaned, Thai digits already Arabic). `quantity` is the
/// row's quantity when its column holds one: "401-65-0012-0016" is a range only when the
/// quantity says five, since a code may well end in two groups of digits.
pub(crate) fn read_code(written: &str, quantity: Option<u32>) -> CodeCell {
    // ASCII-only lower case keeps every byte where it was, so `at` indexes `written`.
    let lower = written.to_ascii_lowercase();
    for (joiner, certain) in JOINERS {
        if let Some(at) = lower.find(joiner) {
            let (first, last) = (written[..at].trim(), written[at + joiner.len()..].trim());
            match range_of(first, last) {
                Ok(range) => return range,
                Err(why) if certain => return CodeCell::BadRange(why),
                Err(_) => break,
            }
        }
    }
    if let Some(quantity) = quantity.filter(|q| *q > 1)
        && let Some((first, last)) = written.rsplit_once('-')
        && !last.is_empty()
        && last.chars().all(|c| c.is_ascii_digit())
        && let Ok(range @ CodeCell::Range { count, .. }) = range_of(first, last)
        && count == quantity
    {
        return range;
    }
    CodeCell::Single(written.to_owned())
}

/// The range from the code `first` to `last` (a whole code, or only the last digits).
fn range_of(first: &str, last: &str) -> Result<CodeCell, String> {
    let (prefix, start_digits) = split_number(first)
        .filter(|(prefix, _)| !prefix.is_empty())
        .ok_or_else(|| format!("{first} is not a code ending in a running number"))?;
    let (last_prefix, end_digits) =
        split_number(last).ok_or_else(|| format!("{last} does not end in a running number"))?;
    if !last_prefix.is_empty() && code_key(last_prefix) != code_key(prefix) {
        return Err(format!("{first} and {last} are not codes of one group"));
    }
    let width = start_digits.len();
    // "0112 ถึง 16" means 0116: a shorter end replaces the last digits only.
    let end_digits = if end_digits.len() < width {
        format!("{}{end_digits}", &start_digits[..width - end_digits.len()])
    } else {
        end_digits.to_owned()
    };
    let start: u64 = start_digits
        .parse()
        .map_err(|_| format!("{first} is too long"))?;
    let end: u64 = end_digits
        .parse()
        .map_err(|_| format!("{last} is too long"))?;
    if end <= start {
        return Err(format!(
            "the range ends at or before it starts ({first} to {last})"
        ));
    }
    let count = end - start + 1;
    if count > u64::from(MAX_BATCH) {
        return Err(format!("{count} codes; at most {MAX_BATCH} on one line"));
    }
    Ok(CodeCell::Range {
        first: first.to_owned(),
        last: format!("{prefix}{end:0width$}"),
        count: count as u32,
    })
}

/// A code split before its last run of digits: ("401-65-", "0012").
fn split_number(code: &str) -> Option<(&str, &str)> {
    let digits = code.len() - code.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    (digits > 0).then(|| code.split_at(code.len() - digits))
}

/// Every code from `first` to `last` in order (as [`read_code`] returned them); `first`
/// alone when `last` is empty.
pub(crate) fn codes_between(first: &str, last: &str) -> Vec<String> {
    let (Some((prefix, start)), Some((_, end))) = (split_number(first), split_number(last)) else {
        return vec![first.to_owned()];
    };
    let width = start.len();
    match (start.parse::<u64>(), end.parse::<u64>()) {
        (Ok(start), Ok(end)) if end >= start => (start..=end)
            .map(|n| format!("{prefix}{n:0width$}"))
            .collect(),
        _ => vec![first.to_owned()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(first: &str, last: &str, count: u32) -> CodeCell {
        CodeCell::Range {
            first: first.into(),
            last: last.into(),
            count,
        }
    }

    #[test]
    fn the_ways_offices_write_a_range() {
        for written in [
            "401-65-0012 ถึง 0016",
            "401-65-0012ถึง0016",
            "401-65-0012 - 0016",
            "401-65-0012–0016",
            "401-65-0012 — 401-65-0016",
            "401-65-0012 TO 16",
            "401-65-0012 ~ 16",
        ] {
            assert_eq!(
                read_code(written, None),
                range("401-65-0012", "401-65-0016", 5),
                "{written}"
            );
        }
        assert_eq!(
            read_code("401-65-0112 ถึง 16", Some(5)),
            range("401-65-0112", "401-65-0116", 5),
            "a short end replaces the last digits"
        );
    }

    #[test]
    fn an_unspaced_hyphen_is_a_range_only_when_the_quantity_says_so() {
        assert_eq!(
            read_code("401-65-0012-0016", Some(5)),
            range("401-65-0012", "401-65-0016", 5)
        );
        for quantity in [None, Some(1), Some(4)] {
            assert_eq!(
                read_code("401-65-0012-0016", quantity),
                CodeCell::Single("401-65-0012-0016".into()),
                "{quantity:?}"
            );
        }
        assert_eq!(
            read_code("401-65-0012", Some(5)),
            CodeCell::Single("401-65-0012".into())
        );
    }

    #[test]
    fn dashes_inside_one_code_are_not_a_range() {
        for code in ["416 - 68 - 0001", "416–68–0001", "416—68—0001"] {
            assert_eq!(
                read_code(code, None),
                CodeCell::Single(code.into()),
                "{code}"
            );
        }
    }

    #[test]
    fn ranges_that_cannot_be_read_say_why() {
        for (written, words) in [
            ("401-65-0016 ถึง 0012", "ends at or before"),
            ("401-65-0012 ถึง 401-66-0016", "not codes of one group"),
            ("401-65-0012 ถึง ก", "does not end in a running number"),
            ("12 ถึง 16", "not a code ending in a running number"),
            ("401-65-0001 ถึง 0999", "at most 500"),
        ] {
            match read_code(written, None) {
                CodeCell::BadRange(why) => assert!(why.contains(words), "{written}: {why}"),
                other => panic!("{written}: {other:?}"),
            }
        }
    }

    #[test]
    fn every_code_of_a_range_keeps_the_written_width() {
        assert_eq!(
            codes_between("401-65-0098", "401-65-0101"),
            ["401-65-0098", "401-65-0099", "401-65-0100", "401-65-0101"]
        );
        assert_eq!(codes_between("416-68-0001", ""), ["416-68-0001"]);
    }
}
