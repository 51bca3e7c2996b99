//! Where a line of Thai may break: ICU4X's line segmenter with its Thai dictionary, checked
//! against its LSTM model where the dictionary visibly derails, then mended where Thai
//! spelling or a reader's habit forbids a break (a syllable's spelling, a number and its
//! word, an abbreviation, the names a form keeps whole). `text::Shaped::wrap` lays lines
//! on these opportunities.

use std::sync::OnceLock;

use icu_segmenter::options::LineBreakOptions;
use icu_segmenter::{LineSegmenter, LineSegmenterBorrowed};

/// Where a line may break in a text (byte offsets, ascending, with 0 and the text's end), as
/// [`break_opportunities`] finds them.
pub(super) struct Breaks<'t> {
    text: &'t str,
    pub(super) at: Vec<usize>,
}

impl Breaks<'_> {
    /// Whether a line may start at `byte`.
    pub(super) fn allows(&self, byte: usize) -> bool {
        self.at.binary_search(&byte).is_ok()
    }

    /// A break that must happen: right after a newline.
    pub(super) fn mandatory(&self, byte: usize) -> bool {
        self.text[..byte].ends_with('\n')
    }
}

/// Where lines may break in `text`: ICU4X's dictionary, checked and mended as below, never
/// inside a number's phrase ([`glued`]) nor inside one of `whole`.
pub(super) fn break_opportunities<'t>(text: &'t str, whole: &[String]) -> Breaks<'t> {
    static SEGMENTER: OnceLock<LineSegmenterBorrowed<'static>> = OnceLock::new();
    let segmenter =
        SEGMENTER.get_or_init(|| LineSegmenter::new_dictionary(LineBreakOptions::default()));
    let at = if text.is_ascii() && !text.contains(' ') && !text.contains('-') {
        // Codes, numbers, dates: nothing to break at; skip the segmenter on the hot path.
        vec![0, text.len()]
    } else {
        let mut at = syllables_whole(text, dictionary_breaks(segmenter, text));
        at.retain(|&b| b == 0 || b == text.len() || !glued(text, b));
        for name in whole.iter().filter(|n| !n.is_empty()) {
            for (start, found) in text.match_indices(name.as_str()) {
                at.retain(|&b| b <= start || b >= start + found.len());
            }
        }
        at
    };
    Breaks { text, at }
}

/// The dictionary's break opportunities in `text`, checked where they look wrong.
///
/// ICU4X's dictionary takes the longest word it knows at each point and never looks back,
/// so a rare word that is the start of a common phrase derails everything after it:
/// "ผลการตรวจสอบ" comes out as "ผลก|า|รตร|วจส|อบ", "ทุกรายการ" as "ทุกร|า|ยก|า|ร",
/// "ผู้อำนวยการกองช่าง" as "…|การก|อง|ช่าง" — on the annual report's title, the check
/// sheets and every signature of a division head. Where the result shows it (a piece that
/// starts with a vowel or mark that cannot begin a syllable, a consonant on its own, or one
/// of the greedy words), the text is segmented again by ICU4X's LSTM model (which gets
/// these right but errs elsewhere, "นาย|ก", "ตำบ|ล", and costs about 100 µs a string
/// against 1) and only the breaks both agree on are kept: fewer places to break, each of
/// them right ("ผลการตรวจสอบ|พัสดุ|ประจำ|ปีงบประมาณ").
fn dictionary_breaks(segmenter: &LineSegmenterBorrowed<'static>, text: &str) -> Vec<usize> {
    static LSTM: OnceLock<LineSegmenterBorrowed<'static>> = OnceLock::new();
    let mut at: Vec<usize> = segmenter.segment_str(text).collect();
    if looks_derailed(text, &at) {
        let lstm = LSTM.get_or_init(|| LineSegmenter::new_lstm(LineBreakOptions::default()));
        let agreed: Vec<usize> = lstm.segment_str(text).collect();
        at.retain(|b| agreed.binary_search(b).is_ok());
    }
    at
}

/// Words the dictionary prefers to the phrase they start ("การก" before "การ|กอง",
/// "ทุกร" before "ทุก|ราย|การ", "ผลก" before "ผล|การ"), which leave no other trace.
const GREEDY_WORDS: [&str; 3] = ["การก", "ทุกร", "ผลก"];

/// Whether the dictionary's pieces of `text` (between the breaks `at`) show it lost its way.
fn looks_derailed(text: &str, at: &[usize]) -> bool {
    let cannot_start = |c: char| {
        matches!(
            c,
            'ะ' | 'ั' | 'า' | 'ำ' | 'ิ' | 'ี' | 'ึ' | 'ื' | 'ุ' | 'ู' | 'ฺ' | 'ๅ'
        ) || ('\u{0E47}'..='\u{0E4E}').contains(&c)
    };
    let consonant = |c: char| ('\u{0E01}'..='\u{0E2E}').contains(&c) && c != 'ณ';
    at.windows(2).enumerate().any(|(n, w)| {
        let piece = &text[w[0]..w[1]];
        let mut chars = piece.chars();
        let (first, second) = (chars.next(), chars.next());
        (n > 0 && first.is_some_and(cannot_start))
            || (n > 0 && first.is_some_and(consonant) && second.is_none())
            || GREEDY_WORDS.contains(&piece)
    })
}

/// Mends the dictionary's breaks where they cannot be right, because Thai spelling does not
/// allow a syllable to end there. ICU cuts "จัดจ้างและ" as "จัดจ้า|งแ|ละ", which printed
/// "จัดจ้างแ" at the end of a line. A break right after a leading vowel (เ แ โ ใ ไ, written
/// before the consonant it is read after) moves to before it; a consonant then left alone
/// with no vowel is the end of the word before it ("จัดจ้า|ง" becomes "จัดจ้าง"; ณ, a word
/// of its own, stays); and no break comes before a vowel or sign that ends a syllable
/// (ะ า ๅ ๆ).
fn syllables_whole(text: &str, dictionary: Vec<usize>) -> Vec<usize> {
    let leading_vowel = |c: char| ('\u{0E40}'..='\u{0E44}').contains(&c);
    let consonant = |c: char| ('\u{0E01}'..='\u{0E2E}').contains(&c);
    let mut at: Vec<usize> = dictionary
        .into_iter()
        .map(|b| match text[..b].chars().next_back() {
            Some(c) if b < text.len() && leading_vowel(c) => b - c.len_utf8(),
            _ => b,
        })
        .collect();
    at.dedup();
    let mut mended: Vec<usize> = Vec::with_capacity(at.len());
    for (n, &b) in at.iter().enumerate() {
        let segment = &text[b..at.get(n + 1).copied().unwrap_or(b)];
        let mut chars = segment.chars();
        let lone_consonant =
            matches!((chars.next(), chars.next()), (Some(c), None) if consonant(c) && c != 'ณ');
        let after_thai = text[..b]
            .chars()
            .next_back()
            .is_some_and(consonant_or_vowel);
        let before_final_sign = text[b..]
            .chars()
            .next()
            .is_some_and(|c| matches!(c, 'ะ' | 'า' | 'ๅ' | 'ๆ'));
        if b != 0 && b != text.len() && ((lone_consonant && after_thai) || before_final_sign) {
            continue;
        }
        mended.push(b);
    }
    mended
}

/// A Thai letter or vowel sign (not a digit, a space or punctuation).
fn consonant_or_vowel(c: char) -> bool {
    ('\u{0E01}'..='\u{0E4E}').contains(&c)
}

/// Whether a break the dictionary allows at byte `b` would split what a Thai reader keeps
/// on one line: a number from the word before it ("พ.ศ. 2560", "ข้อ 210", "ธันวาคม 2569"),
/// a day or count from its month or unit ("3 ธันวาคม", "8 วัน"), or an abbreviation inside
/// ("พ.|ศ.").
fn glued(text: &str, b: usize) -> bool {
    let is_digit = |c: char| c.is_ascii_digit() || ('๐'..='๙').contains(&c);
    let is_thai = |c: char| ('\u{0E01}'..='\u{0E2E}').contains(&c);
    let (before, after) = text.split_at(b);
    let Some(next) = after.chars().next() else {
        return false;
    };
    if is_digit(next) {
        // Not inside a run of figures and spaces (a phone number may break between groups).
        return !before.trim_end().ends_with(is_digit);
    }
    let mut back = before.chars().rev();
    let last = back.next();
    let last_but_space = match last {
        Some(' ') => back.next(),
        other => other,
    };
    if is_thai(next) && last_but_space.is_some_and(is_digit) {
        // A day or a count (one or two figures) keeps its month or unit; a year or a
        // clause number ends its phrase and the next word may start a line.
        let figures = before
            .trim_end()
            .chars()
            .rev()
            .take_while(|&c| is_digit(c))
            .count();
        return figures <= 2;
    }
    // "พ." + "ศ.": a letter and a full stop on each side.
    let mut ahead = after.chars();
    let (first, second) = (ahead.next(), ahead.next());
    last == Some('.')
        && before.chars().rev().nth(1).is_some_and(is_thai)
        && first.is_some_and(is_thai)
        && second == Some('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dictionarys_impossible_breaks_are_mended() {
        let text = "ตามระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ";
        let breaks = break_opportunities(text, &[]);
        let pieces: Vec<&str> = breaks.at.windows(2).map(|w| &text[w[0]..w[1]]).collect();
        assert_eq!(pieces.concat(), text);
        assert!(
            pieces.contains(&"จัดจ้าง") && pieces.contains(&"และ"),
            "{pieces:?}"
        );
        for piece in &pieces {
            assert!(
                !piece.ends_with(['เ', 'แ', 'โ', 'ใ', 'ไ']),
                "a piece ends with a leading vowel: {pieces:?}"
            );
        }
        // ณ is a word of its own and keeps its break.
        let text = "ตรวจนับณวันที่";
        let breaks = break_opportunities(text, &[]);
        assert!(
            breaks.allows(text.find('ณ').unwrap())
                || breaks.allows(text.find('ณ').unwrap() + 'ณ'.len_utf8())
        );
    }

    #[test]
    fn phrases_the_dictionary_derails_on_break_only_between_their_words() {
        // Each phrase with its words marked: every break must fall between words, and the
        // phrase must still have somewhere to break.
        for marked in [
            "รายงาน|ผล|การ|ตรวจ|สอบ|พัสดุ|ประจำ|ปี|งบ|ประมาณ",
            "ครุภัณฑ์|ทุก|ราย|การ|ตาม|ทะเบียน|คุม|ทรัพย์|สิน",
            "ผู้|อำนวย|การ|กอง|ช่าง",
            "ตาม|ผล|การ|สอบ|หา|ข้อ|เท็จ|จริง",
            "สรุป|ผล|การ|ตรวจ|นับ|ประจำ|งวด",
        ] {
            let text = marked.replace('|', "");
            let mut between = vec![0];
            for word in marked.split('|') {
                between.push(between.last().unwrap() + word.len());
            }
            let breaks = break_opportunities(&text, &[]);
            let pieces: Vec<&str> = breaks.at.windows(2).map(|w| &text[w[0]..w[1]]).collect();
            assert!(
                breaks.at.iter().all(|b| between.contains(b)),
                "a break inside a word: {pieces:?}"
            );
            assert!(breaks.at.len() > 2, "nowhere to break: {pieces:?}");
        }
        // Where the dictionary is right, its breaks stand.
        let text = "เจ้าหน้าที่พัสดุ";
        let pieces: Vec<&str> = {
            let breaks = break_opportunities(text, &[]);
            breaks.at.windows(2).map(|w| &text[w[0]..w[1]]).collect()
        };
        assert_eq!(pieces, ["เจ้า", "หน้าที่", "พัสดุ"]);
    }
}
