//! How the search box forgives the ways people spell what they type.
//!
//! Thai words about office equipment are mostly loanwords, and each is written several
//! ways: โน้ตบุ๊ก, โน๊ตบุ๊ค, โนตบุค; ปริ้นเตอร์, ปริ้นท์เตอร์. Both the register's text and what was
//! typed are *folded* the same way before they are compared, so any of those spellings
//! finds the others:
//! - tone marks (่ ้ ๊ ๋) and ็ are dropped: which one is "right" on a loanword is exactly
//!   what people disagree about, and they never tell two items apart;
//! - a silent letter (one carrying ์, the การันต์) is dropped with its mark: ปริ้นท์ = ปริ้น;
//! - ข ค ฆ are read as ก (บุ๊ค = บุ๊ก), ใ as ไ, and ํา (nikhahit + sara aa, left by old
//!   fonts and PDF copies) as ำ;
//! - letters are lower-case, Thai digits Arabic, and spaces and punctuation are dropped,
//!   so two words typed without a space ("โต๊ะทำงาน") find "โต๊ะ ทำงาน" and "lj1020" finds
//!   "LJ-1020".
//!
//! Folding only ever merges spellings; the register keeps what was written. The office's
//! own synonyms (แอร์ = เครื่องปรับอากาศ) are in `search_synonyms`.

/// The field separator of the search copy's entries, kept through folding.
pub(crate) const SEP: char = '\u{1}';

/// Thai tone marks and mai taikhu: dropped.
fn is_tone_mark(c: char) -> bool {
    matches!(c, '\u{0E47}'..='\u{0E4B}')
}

/// The thanthakhat (การันต์), which silences the letter before it.
const THANTHAKHAT: char = '\u{0E4C}';

/// Text as the search compares it (see the module's list of what is forgiven).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// [`fold`], appending to `out` (the search copy folds 100,000 entries into one buffer).
pub(crate) fn fold_into(text: &str, out: &mut String) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // A letter made silent: drop it and its mark (a lone mark is dropped too).
        if chars.peek() == Some(&THANTHAKHAT) {
            chars.next();
            continue;
        }
        match c {
            // Thai consonants and vowels, the bulk of the text, go through as they are.
            '\u{0E01}'..='\u{0E46}' if !matches!(c, 'ข' | 'ค' | 'ฆ' | 'ใ') => out.push(c),
            THANTHAKHAT => {}
            c if is_tone_mark(c) => {}
            'ข' | 'ค' | 'ฆ' => out.push('ก'),
            'ใ' => out.push('ไ'),
            // Nikhahit followed by sara aa is how some fonts write sara am.
            '\u{0E4D}' if chars.peek() == Some(&'\u{0E32}') => {
                chars.next();
                out.push('\u{0E33}');
            }
            '๐'..='๙' => out.push(char::from(b'0' + (c as u32 - '๐' as u32) as u8)),
            SEP | '\n' => out.push(c),
            c if c.is_ascii() => {
                if c.is_ascii_alphanumeric() {
                    out.push(c.to_ascii_lowercase());
                }
            }
            c if c.is_whitespace() || c.is_control() => {}
            c if is_punctuation(c) => {}
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// Marks that separate or decorate words rather than spell them (non-ASCII ones; ASCII
/// is handled by keeping only letters and digits). ๆ (repeat) and ฯ (abbreviation) are
/// kept: they are part of how a word is written.
fn is_punctuation(c: char) -> bool {
    matches!(
        c,
        '\u{2010}'..='\u{2027}' | '\u{00A0}'..='\u{00BF}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn loanwords_spelled_any_way_fold_alike() {
        let notebook = fold("โน้ตบุ๊ก");
        for typed in ["โน๊ตบุ๊ค", "โนตบุค", "โน้ตบุ้ค", "โน๊ตบุ๊ก"]
        {
            assert_eq!(fold(typed), notebook, "{typed}");
        }
        assert_eq!(fold("ปริ้นท์เตอร์"), fold("ปริ้นเตอ"));
        assert_eq!(fold("ใส่"), fold("ไส"));
        assert_eq!(
            fold("น\u{0E4D}\u{0E32}"),
            fold("นำ"),
            "nikhahit + sara aa is sara am"
        );
    }

    #[test]
    fn spaces_case_digits_and_punctuation_do_not_matter() {
        assert_eq!(fold("โต๊ะ ทำงาน"), fold("โต๊ะทำงาน"));
        assert_eq!(fold("HP LaserJet LJ-1020"), "hplaserjetlj1020");
        assert_eq!(fold("๔๑๖-๖๘"), "41668");
        assert_eq!(fold("“เครื่อง”\u{00A0}พิมพ์"), fold("เครื่องพิมพ์"));
    }

    #[test]
    fn different_words_stay_different() {
        assert_ne!(fold("เก้าอี้"), fold("โต๊ะ"));
        assert_ne!(fold("ตู้"), fold("ตา"));
        assert_eq!(fold("ๆ"), "ๆ", "the repeat mark is part of the word");
    }
}
