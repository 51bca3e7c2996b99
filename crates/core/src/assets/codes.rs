//! Asset codes (หมายเลขครุภัณฑ์): the numbering scheme and how codes compare.
//!
//! Offices write codes like `416-68-0001`: a type code (from the category), the last two
//! digits of the B.E. fiscal year of acquisition, and a running number within that type
//! and year. Bodies differ, so the scheme is a template an administrator can change:
//!
//! | token      | becomes                                         | example |
//! |------------|-------------------------------------------------|---------|
//! | `{type}`   | the category's type code                        | `416`   |
//! | `{yy}`     | fiscal year of acquisition, 2 digits (B.E.)     | `68`    |
//! | `{yyyy}`   | fiscal year of acquisition, 4 digits (B.E.)     | `2568`  |
//! | `{div}`    | the holding division's code prefix              | `กค`    |
//! | `{seq:N}`  | running number, at least N digits (N = 1–8)     | `0001`  |
//!
//! Everything else is copied as written. The default is `{type}-{yy}-{seq:4}`. The running
//! number counts within everything else the template produces (the *group*), so
//! `{div}-{type}-{yy}-{seq:4}` numbers each division separately.
//!
//! Two codes are the same code when their [`code_key`]s are equal: case, spacing,
//! separators and Thai digits do not matter (`416-68-0001`, `416 68 0001` and
//! `๔๑๖/๖๘/๐๐๐๑` are one code). That keeps codes unique and lets search find any variant.

use crate::calendar::{FiscalYear, to_arabic_digits};
use crate::error::{Error, Result};

/// The scheme offices use when nothing else is configured.
pub const DEFAULT_TEMPLATE: &str = "{type}-{yy}-{seq:4}";

/// The comparison key of a code: letters and digits only, upper case, Thai digits as 0–9.
pub fn code_key(code: &str) -> String {
    to_arabic_digits(code)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    TypeCode,
    YearShort,
    YearLong,
    DivisionPrefix,
    Seq(usize),
}

/// What a code is made from, besides its running number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeContext<'a> {
    /// The category's type code, e.g. `416`.
    pub type_code: &'a str,
    /// The fiscal year of acquisition.
    pub fiscal_year: FiscalYear,
    /// The holding division's code prefix (may be empty).
    pub division_prefix: &'a str,
}

/// A parsed code template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeScheme {
    template: String,
    parts: Vec<Part>,
}

impl Default for CodeScheme {
    fn default() -> Self {
        // The default template is known to be valid.
        Self::parse(DEFAULT_TEMPLATE).unwrap_or(Self {
            template: DEFAULT_TEMPLATE.to_owned(),
            parts: vec![Part::TypeCode, Part::Seq(4)],
        })
    }
}

impl CodeScheme {
    /// Reads a template; it must hold exactly one `{seq:N}` and only known tokens.
    pub fn parse(template: &str) -> Result<Self> {
        let bad = |reason: String| Error::invalid("codeTemplate", reason);
        let mut parts = Vec::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                parts.push(Part::Text(rest[..open].to_owned()));
            }
            let close = rest[open..]
                .find('}')
                .map(|i| open + i)
                .ok_or_else(|| bad(format!("unclosed {{ in {template}")))?;
            let token = &rest[open + 1..close];
            parts.push(match token {
                "type" => Part::TypeCode,
                "yy" => Part::YearShort,
                "yyyy" => Part::YearLong,
                "div" => Part::DivisionPrefix,
                _ => {
                    let digits = token
                        .strip_prefix("seq:")
                        .and_then(|n| n.parse::<usize>().ok())
                        .filter(|n| (1..=8).contains(n))
                        .ok_or_else(|| bad(format!("unknown token {{{token}}}")))?;
                    Part::Seq(digits)
                }
            });
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_owned()));
        }
        match parts.iter().filter(|p| matches!(p, Part::Seq(_))).count() {
            1 => Ok(Self {
                template: template.to_owned(),
                parts,
            }),
            0 => Err(bad("the template needs a running number {seq:N}".into())),
            _ => Err(bad("the template may hold only one {seq:N}".into())),
        }
    }

    /// The template as written.
    pub fn template(&self) -> &str {
        &self.template
    }

    /// The text before and after the running number for `ctx`.
    pub fn affixes(&self, ctx: &CodeContext<'_>) -> (String, String) {
        let mut before = String::new();
        let mut after = String::new();
        let mut seen_seq = false;
        for part in &self.parts {
            let text = match part {
                Part::Seq(_) => {
                    seen_seq = true;
                    continue;
                }
                Part::Text(t) => t.clone(),
                Part::TypeCode => ctx.type_code.to_owned(),
                Part::YearShort => format!("{:02}", ctx.fiscal_year.short()),
                Part::YearLong => ctx.fiscal_year.be_year().to_string(),
                Part::DivisionPrefix => ctx.division_prefix.to_owned(),
            };
            if seen_seq {
                after.push_str(&text);
            } else {
                before.push_str(&text);
            }
        }
        (before, after)
    }

    fn seq_width(&self) -> usize {
        self.parts
            .iter()
            .find_map(|p| match p {
                Part::Seq(n) => Some(*n),
                _ => None,
            })
            .unwrap_or(1)
    }

    /// The code with running number `seq`.
    pub fn render(&self, ctx: &CodeContext<'_>, seq: u32) -> String {
        let (before, after) = self.affixes(ctx);
        format!("{before}{seq:0width$}{after}", width = self.seq_width())
    }

    /// The key identifying the running-number group of `ctx` (what codes in it share).
    pub fn group_key(&self, ctx: &CodeContext<'_>) -> String {
        let (before, after) = self.affixes(ctx);
        format!("{}#{}", code_key(&before), code_key(&after))
    }

    /// The type code a code carries, read by the template's shape: the code's parts
    /// between separators, taken in the template's order ("416-68-0001" → "416" for
    /// `{type}-{yy}-{seq:4}`). `None` when the template has no `{type}`, or the code
    /// does not have as many parts as the template.
    pub fn type_part(&self, code: &str) -> Option<String> {
        let tokens: Vec<&Part> = self
            .parts
            .iter()
            .filter(|p| !matches!(p, Part::Text(_)))
            .collect();
        let position = tokens.iter().position(|p| **p == Part::TypeCode)?;
        // Parts are told apart by the separators between them: two tokens side by side,
        // or words in the template, leave nothing to split on.
        let separated = self
            .parts
            .windows(2)
            .all(|w| matches!(w[0], Part::Text(_)) || matches!(w[1], Part::Text(_)));
        let is_separator =
            |c: char| c.is_whitespace() || c.is_ascii_punctuation() || matches!(c, '–' | '—');
        let has_words = self
            .parts
            .iter()
            .any(|p| matches!(p, Part::Text(t) if t.chars().any(|c| !is_separator(c))));
        if !separated || has_words {
            return None;
        }
        let code = to_arabic_digits(code);
        let groups: Vec<&str> = code.split(is_separator).filter(|g| !g.is_empty()).collect();
        (groups.len() == tokens.len()).then(|| groups[position].to_owned())
    }

    /// The running number of an existing code if it belongs to `ctx`'s group.
    pub fn seq_of(&self, ctx: &CodeContext<'_>, code: &str) -> Option<u32> {
        let (before, after) = self.affixes(ctx);
        let key = code_key(code);
        let middle = key
            .strip_prefix(&code_key(&before))?
            .strip_suffix(&code_key(&after))?;
        if middle.is_empty() || !middle.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        middle.parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(type_code: &str, fy: i32) -> CodeContext<'_> {
        CodeContext {
            type_code,
            fiscal_year: FiscalYear(fy),
            division_prefix: "กค",
        }
    }

    #[test]
    fn the_default_scheme() {
        let scheme = CodeScheme::default();
        assert_eq!(scheme.template(), "{type}-{yy}-{seq:4}");
        assert_eq!(scheme.render(&ctx("416", 2568), 1), "416-68-0001");
        assert_eq!(scheme.render(&ctx("416", 2568), 12345), "416-68-12345");
        assert_eq!(scheme.render(&ctx("401", 2600), 7), "401-00-0007");
    }

    #[test]
    fn other_schemes() {
        let scheme = CodeScheme::parse("{div}.{type}/{yyyy}/{seq:3}").unwrap();
        assert_eq!(scheme.render(&ctx("416", 2568), 5), "กค.416/2568/005");
        let suffix = CodeScheme::parse("ครุภัณฑ์ {seq:2}-{yy}").unwrap();
        assert_eq!(suffix.render(&ctx("416", 2568), 3), "ครุภัณฑ์ 03-68");
        assert_eq!(suffix.seq_of(&ctx("416", 2568), "ครุภัณฑ์ 03-68"), Some(3));
    }

    #[test]
    fn bad_templates_are_refused_by_field() {
        for bad in [
            "{type}-{yy}",
            "{seq:4}-{seq:2}",
            "{type}-{colour}-{seq:4}",
            "{seq:0}",
            "{seq:9}",
            "{type-{seq:4}",
            "{seq:4",
        ] {
            let err = CodeScheme::parse(bad).unwrap_err();
            assert_eq!(err.details()["field"], "codeTemplate", "{bad}");
        }
    }

    #[test]
    fn variants_of_one_code_share_a_key() {
        let key = code_key("416-68-0001");
        assert_eq!(key, "416680001");
        for variant in [
            "416 68 0001",
            " 416-68-0001 ",
            "๔๑๖-๖๘-๐๐๐๑",
            "416/68/0001",
            "416\u{00A0}-\u{200B}68-0001",
        ] {
            assert_eq!(code_key(variant), key, "{variant:?}");
        }
        assert_eq!(code_key("ab-1"), code_key("AB1"));
        assert_ne!(code_key("416-68-0001"), code_key("416-68-0002"));
    }

    #[test]
    fn the_type_part_of_a_code() {
        let scheme = CodeScheme::default();
        assert_eq!(scheme.type_part("416-68-0001").as_deref(), Some("416"));
        assert_eq!(scheme.type_part("๔๑๖ ๖๘ ๐๐๐๑").as_deref(), Some("416"));
        assert_eq!(scheme.type_part("4166800001"), None, "no separators");
        assert_eq!(scheme.type_part("416-68"), None);
        let with_division = CodeScheme::parse("{div}.{type}/{yyyy}/{seq:3}").unwrap();
        assert_eq!(
            with_division.type_part("กค.416/2568/005").as_deref(),
            Some("416")
        );
        let without_type = CodeScheme::parse("{yy}-{seq:5}").unwrap();
        assert_eq!(without_type.type_part("68-00001"), None);
        let worded = CodeScheme::parse("ครุภัณฑ์ {type}-{seq:2}").unwrap();
        assert_eq!(
            worded.type_part("ครุภัณฑ์ 416-03"),
            None,
            "words in the template"
        );
    }

    #[test]
    fn running_numbers_are_read_back_within_their_group_only() {
        let scheme = CodeScheme::default();
        let c = ctx("416", 2568);
        assert_eq!(scheme.seq_of(&c, "416-68-0042"), Some(42));
        assert_eq!(scheme.seq_of(&c, "๔๑๖ ๖๘ ๐๐๔๒"), Some(42));
        assert_eq!(scheme.seq_of(&c, "416-67-0042"), None, "another year");
        assert_eq!(scheme.seq_of(&c, "401-68-0042"), None, "another type");
        assert_eq!(scheme.seq_of(&c, "416-68-00A2"), None);
        assert_eq!(scheme.group_key(&c), "41668#");
    }
}
