//! Cleaning text typed or pasted by people.
//!
//! Thai office data arrives with non-breaking spaces, zero-width spaces (which some Thai
//! word processors insert between words), doubled spaces and Thai digits. Names are
//! stored cleaned, and compared for duplicates by a key that ignores case, spacing and
//! the digit script, so "กองช่าง " and "กองช่าง" are one division.

use crate::error::{Error, Result};

/// Characters with no width that Thai text often carries invisibly.
const ZERO_WIDTH: [char; 5] = ['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}'];

/// Trims, removes zero-width characters, and turns every run of white space
/// (including non-breaking spaces and line breaks) into one ordinary space.
pub fn clean(input: &str) -> String {
    if is_clean(input) {
        return input.to_owned();
    }
    clean_chars(input)
}

/// [`clean`] character by character (the rule itself; `clean` skips it when the bytes
/// show there is nothing to do).
fn clean_chars(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut pending_space = false;
    for c in input.chars() {
        if ZERO_WIDTH.contains(&c) {
            continue;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// Whether `clean` would return `input` unchanged, decided on bytes: no leading,
/// trailing or doubled space, no other ASCII white space, and no lead byte of any
/// non-ASCII white space or zero-width character (all of those begin with C2, E1, E2, E3
/// or EF in UTF-8; Thai letters begin with E0, so Thai text takes this fast path).
fn is_clean(input: &str) -> bool {
    let bytes = input.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut previous_space = false;
    for &b in bytes {
        match b {
            b' ' if previous_space => return false,
            b' ' => previous_space = true,
            b'\t' | b'\n' | b'\r' | 0x0B | 0x0C | 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF => return false,
            _ => previous_space = false,
        }
    }
    true
}

/// The comparison key of a name: cleaned, lower-case, Thai digits as Arabic digits.
pub fn name_key(input: &str) -> String {
    clean(input)
        .chars()
        .map(|c| match c {
            '๐'..='๙' => char::from_u32(c as u32 - '๐' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// A required text field: cleaned, not empty, at most `max` characters.
pub fn required(field: &str, value: &str, max: usize) -> Result<String> {
    let value = optional(field, value, max)?;
    if value.is_empty() {
        return Err(Error::required(field));
    }
    Ok(value)
}

/// An optional text field: cleaned (may be empty), at most `max` characters.
pub fn optional(field: &str, value: &str, max: usize) -> Result<String> {
    let value = clean(value);
    if value.chars().count() > max {
        return Err(Error::TooLong {
            field: field.to_owned(),
            max,
        });
    }
    Ok(value)
}

/// A `LIKE ... ESCAPE '\\'` pattern that finds `needle` anywhere, with `%` and `_`
/// in the needle matched literally.
pub fn like_pattern(needle: &str) -> String {
    let mut pattern = String::with_capacity(needle.len() + 2);
    pattern.push('%');
    for c in needle.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_removes_invisible_and_collapses_spaces() {
        assert_eq!(clean("  กอง\u{200B}ช่าง \u{00A0}\t ใหม่  "), "กองช่าง ใหม่");
        assert_eq!(clean("\u{FEFF}"), "");
        assert_eq!(clean("a\n\nb"), "a b");
    }

    #[test]
    fn the_fast_path_agrees_with_the_character_by_character_cleaning() {
        // Every white space and zero-width character Rust knows, around Thai and Latin text.
        let odd: Vec<char> = (0..=0x3000_u32)
            .chain([0xFEFF])
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace() || ZERO_WIDTH.contains(c))
            .collect();
        assert!(odd.len() > 20);
        let mut samples = vec![
            "เครื่องพิมพ์เลเซอร์".to_owned(),
            "ตู้เหล็ก 2 บาน".to_owned(),
            "Dell Latitude 3440".to_owned(),
            "a  b".to_owned(),
            " lead".to_owned(),
            "trail ".to_owned(),
            String::new(),
        ];
        for c in &odd {
            samples.push(format!("ห้อง{c}พัสดุ"));
            samples.push(format!("{c}x"));
            samples.push(format!("x{c}"));
        }
        for sample in &samples {
            let slow = clean_chars(sample);
            assert_eq!(clean(sample), slow, "{sample:?}");
        }
    }

    #[test]
    fn name_key_ignores_case_spacing_and_digit_script() {
        assert_eq!(name_key(" ห้อง ๑๐๒ "), name_key("ห้อง 102"));
        assert_eq!(name_key("Store  A"), name_key("store a"));
        assert_ne!(name_key("ห้อง 101"), name_key("ห้อง 102"));
    }

    #[test]
    fn like_pattern_escapes_wildcards() {
        assert_eq!(like_pattern("50%_a"), "%50\\%\\_a%");
    }

    #[test]
    fn required_rejects_blank_and_too_long() {
        assert!(
            matches!(required("name", " \u{00A0}\u{200B} ", 10), Err(Error::Required { field }) if field == "name")
        );
        assert!(matches!(
            required("name", "กกกกกกกกกกก", 10),
            Err(Error::TooLong { max: 10, .. })
        ));
        assert_eq!(required("name", " กองคลัง ", 10).unwrap(), "กองคลัง");
    }
}
