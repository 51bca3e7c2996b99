//! Shaped Thai text and line breaking.
//!
//! Text is shaped once with rustybuzz (OpenType GSUB/GPOS: tone marks and vowels sit on,
//! above and below their consonant and move out of the way of tall ones), then broken
//! into lines at the word boundaries ICU's Thai dictionary finds. A line only ever ends
//! between shaper clusters, so a mark never leaves its consonant and SARA AM stays whole.

use std::ops::Range;

use rustybuzz::UnicodeBuffer;

use super::breaks::break_opportunities;
use super::fonts::{Weight, font};

/// One glyph as the shaper placed it, in ems (multiply by the font size for points).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Glyph {
    pub gid: u16,
    pub advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
    /// Byte offset in the text of the cluster this glyph belongs to.
    pub cluster: usize,
}

/// A string shaped in one weight.
#[derive(Debug, Clone)]
pub(crate) struct Shaped {
    pub text: String,
    pub weight: Weight,
    pub glyphs: Vec<Glyph>,
}

/// One line of a wrapped string: which glyphs and which bytes of the text it holds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LineSpan {
    pub glyphs: Range<usize>,
    pub text: Range<usize>,
    /// Width in ems, trailing spaces excluded.
    pub width: f32,
}

/// Replaces what should not reach the page: tabs and odd spaces become plain spaces,
/// zero-width characters and other controls go (they shape as nothing, or as boxes).
pub(crate) fn clean(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' | '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\r' => Some(' '),
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{00AD}' => None,
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Shapes `text` (already [`clean`]ed) in `weight`.
pub(crate) fn shape(text: &str, weight: Weight) -> Shaped {
    let font = font(weight);
    if is_plain_figures(text) {
        return shape_figures(text, weight);
    }
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.set_direction(rustybuzz::Direction::LeftToRight);
    buffer.set_script(rustybuzz::script::THAI);
    let output = rustybuzz::shape_with_plan(&font.face, &font.plan, buffer);
    let scale = 1.0 / font.units_per_em;
    let glyphs = output
        .glyph_infos()
        .iter()
        .zip(output.glyph_positions())
        .map(|(info, pos)| Glyph {
            gid: info.glyph_id as u16,
            advance: pos.x_advance as f32 * scale,
            x_offset: pos.x_offset as f32 * scale,
            y_offset: pos.y_offset as f32 * scale,
            cluster: info.cluster as usize,
        })
        .collect();
    Shaped {
        text: text.to_owned(),
        weight,
        glyphs,
    }
}

/// Numbers, codes, amounts and numeric dates: ASCII digits and the punctuation around
/// them, which need no shaping (no marks, no ligatures, tabular digits).
fn is_plain_figures(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || b" .,:/()-+%#".contains(&b))
}

/// Glyphs straight from the font's character map: the fast path for [`is_plain_figures`].
fn shape_figures(text: &str, weight: Weight) -> Shaped {
    let font = font(weight);
    let scale = 1.0 / font.units_per_em;
    let glyphs = text
        .char_indices()
        .map(|(i, c)| {
            let gid = font.face.glyph_index(c).unwrap_or_default();
            Glyph {
                gid: gid.0,
                advance: f32::from(font.face.glyph_hor_advance(gid).unwrap_or(0)) * scale,
                x_offset: 0.0,
                y_offset: 0.0,
                cluster: i,
            }
        })
        .collect();
    Shaped {
        text: text.to_owned(),
        weight,
        glyphs,
    }
}

impl Shaped {
    /// The whole string's width in ems.
    pub fn width(&self) -> f32 {
        self.glyphs.iter().map(|g| g.advance).sum()
    }

    /// The whole string as one line (no wrapping).
    pub fn single_line(&self) -> LineSpan {
        LineSpan {
            glyphs: 0..self.glyphs.len(),
            text: 0..self.text.len(),
            width: self.width(),
        }
    }

    /// Breaks the string into lines no wider than `max_width` ems where it can: at Thai
    /// word boundaries, spaces and explicit newlines, but never inside one of `whole` where
    /// the text holds it (place names the dictionary does not know, which it cuts as
    /// "แม่|กรณ์") unless the name alone is wider than the line. A word wider than a whole
    /// line is cut between clusters. Every line holds at least one cluster, so this always
    /// ends.
    pub fn wrap(&self, max_width: f32, whole: &[String]) -> Vec<LineSpan> {
        let clusters = self.clusters();
        if clusters.is_empty() {
            return vec![LineSpan {
                glyphs: 0..0,
                text: 0..0,
                width: 0.0,
            }];
        }
        let breaks = break_opportunities(&self.text, whole);
        let mut lines = Vec::new();
        let mut start = 0; // first cluster of the current line
        let mut width = 0.0; // width of clusters start..i, trailing spaces included
        let mut last_break: Option<usize> = None; // a cluster index a line may start at
        let mut i = 0;
        while i < clusters.len() {
            let c = &clusters[i];
            if i > start && breaks.allows(c.bytes.start) {
                if breaks.mandatory(c.bytes.start) {
                    lines.push(self.line(&clusters, start, i));
                    start = i;
                    width = 0.0;
                    last_break = None;
                    continue;
                }
                last_break = Some(i);
            }
            let is_space = self.is_space(c);
            if i > start && !is_space && width + c.advance > max_width {
                let cut = match last_break {
                    Some(b) if b > start => b,
                    _ => self.forced_cut(&clusters, start, i),
                };
                lines.push(self.line(&clusters, start, cut));
                start = cut;
                // Spaces and newlines where a line was cut belong to neither line.
                while start < clusters.len() - 1 && self.is_space(&clusters[start]) {
                    start += 1;
                }
                if start > i {
                    i = start;
                }
                width = clusters[start..i].iter().map(|c| c.advance).sum();
                // Break opportunities between the new start and here still count.
                last_break = (start + 1..i)
                    .rev()
                    .find(|&k| breaks.allows(clusters[k].bytes.start));
                continue;
            }
            width += c.advance;
            i += 1;
        }
        // (A syllable that overflowed the line may have ended the text already.)
        if start < clusters.len() || lines.is_empty() {
            lines.push(self.line(&clusters, start, clusters.len()));
        }
        lines
    }

    /// The widest run between two break opportunities, in ems, spaces left out: the
    /// narrowest a line can be without cutting a word ("ลำดับ" whole), with `whole` as in
    /// [`Shaped::wrap`].
    pub fn widest_word(&self, whole: &[String]) -> f32 {
        let breaks = break_opportunities(&self.text, whole);
        let (mut widest, mut run) = (0.0_f32, 0.0_f32);
        for cluster in self.clusters() {
            if breaks.allows(cluster.bytes.start) {
                widest = widest.max(run);
                run = 0.0;
            }
            if !self.is_space(&cluster) {
                run += cluster.advance;
            }
        }
        widest.max(run)
    }

    /// Where to cut a run that has no break opportunity on the line: the latest cluster
    /// boundary, `i` or up to three before it (or, on a line narrower than a syllable, up to
    /// three after it), that does not split a Thai syllable's spelling:
    /// never right after a leading vowel (เ แ โ ใ ไ, written before the consonant it is read
    /// after: "แ|ละ" reads as nonsense), nor right before a vowel or sign that ends its
    /// syllable (ะ า ๅ ๆ). `i` itself when there is no such boundary.
    fn forced_cut(&self, clusters: &[Cluster], start: usize, i: usize) -> usize {
        let ends_with_leading_vowel = |c: &Cluster| {
            self.text[c.bytes.clone()]
                .chars()
                .last()
                .is_some_and(|ch| ('\u{0E40}'..='\u{0E44}').contains(&ch))
        };
        let starts_with_final_sign = |c: &Cluster| {
            self.text[c.bytes.clone()]
                .chars()
                .next()
                .is_some_and(|ch| matches!(ch, 'ะ' | 'า' | 'ๅ' | 'ๆ'))
        };
        let whole = |k: usize| {
            !ends_with_leading_vowel(&clusters[k - 1])
                && clusters.get(k).is_none_or(|c| !starts_with_final_sign(c))
        };
        // Back first; when the line holds less than a syllable, the syllable overflows it.
        (start.max(i.saturating_sub(3)) + 1..=i)
            .rev()
            .chain(i + 1..=clusters.len().min(i + 3))
            .find(|&k| whole(k))
            .unwrap_or(i)
    }

    fn is_space(&self, cluster: &Cluster) -> bool {
        self.text[cluster.bytes.clone()]
            .chars()
            .all(char::is_whitespace)
    }

    /// The line of clusters `from..to`, without trailing spaces and newlines.
    fn line(&self, clusters: &[Cluster], from: usize, to: usize) -> LineSpan {
        let mut end = to;
        while end > from && self.is_space(&clusters[end - 1]) {
            end -= 1;
        }
        if end == from {
            let at = clusters
                .get(from)
                .map_or(self.glyphs.len(), |c| c.glyphs.start);
            let byte = clusters
                .get(from)
                .map_or(self.text.len(), |c| c.bytes.start);
            return LineSpan {
                glyphs: at..at,
                text: byte..byte,
                width: 0.0,
            };
        }
        LineSpan {
            glyphs: clusters[from].glyphs.start..clusters[end - 1].glyphs.end,
            text: clusters[from].bytes.start..clusters[end - 1].bytes.end,
            width: clusters[from..end].iter().map(|c| c.advance).sum(),
        }
    }

    /// Groups glyphs by shaper cluster (left to right, so clusters only grow).
    fn clusters(&self) -> Vec<Cluster> {
        let mut out: Vec<Cluster> = Vec::new();
        for (i, g) in self.glyphs.iter().enumerate() {
            match out.last_mut() {
                Some(last) if last.bytes.start == g.cluster => {
                    last.glyphs.end = i + 1;
                    last.advance += g.advance;
                }
                _ => out.push(Cluster {
                    glyphs: i..i + 1,
                    bytes: g.cluster..g.cluster,
                    advance: g.advance,
                }),
            }
        }
        let mut next_start = self.text.len();
        for c in out.iter_mut().rev() {
            c.bytes.end = next_start;
            next_start = c.bytes.start;
        }
        out
    }
}

#[derive(Debug)]
struct Cluster {
    glyphs: Range<usize>,
    bytes: Range<usize>,
    advance: f32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, width: f32) -> Vec<String> {
        let shaped = shape(&clean(text), Weight::Regular);
        shaped
            .wrap(width, &[])
            .into_iter()
            .map(|l| shaped.text[l.text].to_owned())
            .collect()
    }

    #[test]
    fn a_place_name_kept_whole_moves_to_the_next_line_in_one_piece() {
        let text = "สำนักงานองค์การบริหารส่วนตำบลแม่กรณ์ อำเภอเมืองเชียงราย";
        let shaped = shape(&clean(text), Weight::Regular);
        let as_text = |lines: Vec<LineSpan>| -> Vec<String> {
            lines
                .into_iter()
                .map(|l| shaped.text[l.text].to_owned())
                .collect()
        };
        // The dictionary does not know แม่กรณ์: somewhere between these widths it splits it.
        let split = (40..160)
            .map(|w| w as f32 / 10.0)
            .find(|&w| {
                as_text(shaped.wrap(w, &[]))
                    .iter()
                    .any(|l| l.ends_with("แม่"))
            })
            .expect("a width where the dictionary splits แม่|กรณ์");
        let kept = as_text(shaped.wrap(split, &["แม่กรณ์".to_owned()]));
        assert!(kept.iter().any(|l| l.contains("แม่กรณ์")), "{kept:?}");
        assert!(kept.iter().all(|l| !l.ends_with("แม่")), "{kept:?}");
        // A name wider than the whole line is still cut rather than overflowing.
        let narrow = as_text(shaped.wrap(1.5, &["แม่กรณ์".to_owned()]));
        assert!(narrow.len() > 10, "{narrow:?}");
    }

    #[test]
    fn thai_breaks_between_words_not_inside_them() {
        let text = "ครุภัณฑ์คอมพิวเตอร์สำหรับงานประมวลผลของสำนักปลัด";
        let got = lines(text, 6.0);
        assert!(got.len() > 2, "{got:?}");
        assert_eq!(got.concat(), text, "nothing lost or repeated");
        // Every line is a run of dictionary words: no line starts with a combining mark.
        for line in &got {
            let first = line.chars().next().unwrap_or(' ');
            assert!(
                !('\u{0E31}'..='\u{0E3A}').contains(&first)
                    && !('\u{0E47}'..='\u{0E4E}').contains(&first),
                "line starts with a mark: {line:?} in {got:?}"
            );
        }
        assert!(
            got.iter().any(|l| l == "คอมพิวเตอร์"
                || l.starts_with("คอมพิวเตอร์")
                || l.ends_with("คอมพิวเตอร์")),
            "{got:?}"
        );
    }

    #[test]
    fn spaces_and_newlines_end_lines_and_vanish() {
        assert_eq!(lines("ก ข\nค", 100.0), vec!["ก ข", "ค"]);
        let got = lines("aaaa bbbb cccc", 3.0);
        assert_eq!(got, vec!["aaaa", "bbbb", "cccc"]);
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut_between_clusters() {
        let got = lines("416680001416680001416680001", 2.0);
        assert!(got.len() > 3, "{got:?}");
        assert_eq!(got.concat(), "416680001416680001416680001");
        let got = lines("น้ำน้ำน้ำน้ำน้ำน้ำ", 0.5);
        for line in &got {
            assert!(
                line.starts_with('น'),
                "SARA AM and tone marks stay with their consonant: {got:?}"
            );
        }
    }

    #[test]
    fn a_forced_cut_keeps_a_leading_vowel_with_its_consonant() {
        // "และ" repeated: at widths narrower than the word, lines are cut inside it, but
        // never as "แ|ละ" or "แล|ะ" (the issue-16 notice to สตง. had "แ" end a line).
        let text = "และและและและและและ";
        let mut forced = 0;
        for quarter in 2..24 {
            let got = lines(text, quarter as f32 / 4.0);
            assert_eq!(got.concat(), text, "nothing lost or repeated");
            for line in &got {
                assert!(!line.ends_with('แ'), "a leading vowel ends a line: {got:?}");
                assert!(
                    !line.starts_with('ะ'),
                    "a final vowel starts a line: {got:?}"
                );
                forced += usize::from(line != "และ" && !line.is_empty());
            }
        }
        assert!(forced > 0, "some widths forced cuts inside the word");
        // A line narrower than the syllable holds the syllable whole, and no empty line
        // follows it.
        assert_eq!(lines("แล", 0.1), vec!["แล"]);
        assert_eq!(lines("ก แล", 0.1), vec!["ก", "แล"]);
    }

    #[test]
    fn marks_are_positioned_by_the_font() {
        // ป่า: the tone mark sits over the tall ป and is drawn with zero advance.
        let shaped = shape("ป่า", Weight::Regular);
        assert_eq!(shaped.glyphs.len(), 3);
        assert_eq!(shaped.glyphs[1].advance, 0.0, "{:?}", shaped.glyphs);
        let empty = shape("", Weight::Regular);
        assert_eq!(empty.wrap(10.0, &[]).len(), 1);
    }

    #[test]
    fn figures_take_the_fast_path_with_the_shapers_result() {
        for text in ["416-68-0001", "25,000.00", "15/03/2565", "(12)"] {
            assert!(is_plain_figures(text));
            let font = font(Weight::Regular);
            let mut buffer = UnicodeBuffer::new();
            buffer.push_str(text);
            buffer.set_script(rustybuzz::script::THAI);
            let full = rustybuzz::shape_with_plan(&font.face, &font.plan, buffer);
            let fast = shape(text, Weight::Regular);
            let gids: Vec<u16> = full
                .glyph_infos()
                .iter()
                .map(|g| g.glyph_id as u16)
                .collect();
            assert_eq!(
                fast.glyphs.iter().map(|g| g.gid).collect::<Vec<_>>(),
                gids,
                "{text}"
            );
            assert!(
                (fast.width() * font.units_per_em
                    - full
                        .glyph_positions()
                        .iter()
                        .map(|p| p.x_advance as f32)
                        .sum::<f32>())
                .abs()
                    < 0.5,
                "{text}"
            );
        }
        assert!(!is_plain_figures("ก1"));
    }

    #[test]
    fn a_year_a_clause_a_date_and_a_count_stay_with_their_words() {
        let text = "ตามระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560 ข้อ 210 ตั้งแต่วันที่ 3 ธันวาคม 2569 รวม 8 วัน";
        // Every width from narrow to wide: no line may end or start inside those.
        for width in (16..60).map(|w| w as f32) {
            for line in lines(text, width) {
                let line = line.trim();
                for (end, start) in [
                    ("พ.ศ.", "2560"),
                    ("ข้อ", "210"),
                    ("ธันวาคม", "2569"),
                    ("3", "ธันวาคม"),
                    ("8", "วัน"),
                ] {
                    assert!(
                        !line.ends_with(end) && !line.starts_with(start)
                            || line.contains(&format!("{end} {start}")),
                        "width {width}: {line:?} splits {end} {start}"
                    );
                }
                assert!(!line.ends_with("พ."), "width {width}: {line:?}");
            }
        }
    }

    #[test]
    fn clean_drops_invisible_characters() {
        assert_eq!(clean("a\u{200B}b\u{00A0}c\td"), "ab c d");
    }
}
