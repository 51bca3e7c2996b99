//! Which division a file means, written the office's way: a division column ("กองการศึกษาฯ"),
//! a title row above the header ("ส่วนราชการ กองการศึกษา ศาสนาและวัฒนธรรม"), or the sheet's
//! name ("กองการศึกษา", "ศพด", "ช่าง").
//!
//! A name means a division when it is the division's name or short name, or — for a name
//! shortened by hand — when it begins exactly one division's name (or that name without its
//! leading "กอง"/"สำนัก"…). A name that begins several is *ambiguous*: the user is asked once,
//! and the choice is remembered for the sheet.

use std::collections::HashMap;

use rusqlite::Connection;

use super::workbook::{Cell, Sheet};
use crate::error::Result;
use crate::ids::DivisionId;

/// What a name turned out to mean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NameMatch {
    /// No division.
    None,
    /// This one.
    One(DivisionId),
    /// Any of these (in the register's order).
    Several(Vec<DivisionId>),
}

/// One division as names are matched with it.
#[derive(Debug, Clone)]
struct Entry {
    id: DivisionId,
    name: String,
    /// The name, [`compact`].
    full: String,
    /// The short name, compact.
    short: String,
    /// The compact name without its leading word ("การศึกษาศาสนาและวัฒนธรรม").
    core: String,
}

impl Entry {
    fn new(id: DivisionId, name: &str, short_name: &str) -> Self {
        let full = compact(name);
        Self {
            id,
            name: name.to_owned(),
            core: without_leading_word(&full).to_owned(),
            full,
            short: compact(short_name),
        }
    }
}

/// The register's divisions, keyed for matching names.
#[derive(Debug, Clone, Default)]
pub(crate) struct DivisionNames {
    divisions: Vec<Entry>,
    /// Names the user matched to a division (aliases), by compact key.
    chosen: HashMap<String, DivisionId>,
}

/// Words a division's name starts with that a sheet named by hand may leave out.
const LEADING_WORDS: [&str; 5] = ["สำนัก", "กอง", "ส่วน", "ฝ่าย", "งาน"];

/// Words a sheet's name or a title may carry before the division's name.
const LABELS: [&str; 6] = [
    "ทะเบียนครุภัณฑ์",
    "ทะเบียนทรัพย์สิน",
    "ทะเบียน",
    "ครุภัณฑ์",
    "ส่วนราชการ",
    "หน่วยงาน",
];

/// Shortest shortened name taken as a prefix (in characters), so that "ก" or "กอง"
/// alone never picks a division.
const MIN_PREFIX: usize = 4;

/// A name as compared here: lower case, without spaces, dots, the abbreviation mark ฯ,
/// brackets or dashes, Thai digits as Arabic.
pub(crate) fn compact(name: &str) -> String {
    crate::text::name_key(name)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '.' | 'ฯ' | '(' | ')' | '-' | '_' | ':'))
        .collect()
}

fn without_leading_word(compact_name: &str) -> &str {
    LEADING_WORDS
        .iter()
        .find_map(|w| compact_name.strip_prefix(w))
        .unwrap_or(compact_name)
}

fn without_labels(compact_name: &str) -> &str {
    let mut rest = compact_name;
    while let Some(stripped) = LABELS.iter().find_map(|l| rest.strip_prefix(l)) {
        rest = stripped;
    }
    rest
}

impl DivisionNames {
    /// Loads the register's active divisions.
    pub fn load(conn: &Connection) -> Result<Self> {
        let mut stmt = conn.prepare("SELECT id, name, short_name FROM divisions ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, DivisionId>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut divisions = Vec::new();
        for row in rows {
            let (id, name, short) = row?;
            divisions.push(Entry::new(id, &name, &short));
        }
        Ok(Self {
            divisions,
            chosen: HashMap::new(),
        })
    }

    /// Takes `name` to mean `id` from now on (the user's choice in the mapping box).
    pub fn choose(&mut self, name: &str, id: DivisionId) {
        self.chosen.insert(compact(name), id);
    }

    /// Whether a division with this id exists.
    pub fn has(&self, id: DivisionId) -> bool {
        self.divisions.iter().any(|d| d.id == id)
    }

    /// A division's name.
    pub fn name_of(&self, id: DivisionId) -> &str {
        self.divisions
            .iter()
            .find(|d| d.id == id)
            .map_or("", |d| d.name.as_str())
    }

    /// What `name` means: a choice made for it, the name or short name of one division,
    /// else the one division (or several) whose name it begins.
    pub fn lookup(&self, name: &str) -> NameMatch {
        let key = compact(name);
        if key.is_empty() {
            return NameMatch::None;
        }
        if let Some(id) = self.chosen.get(&key) {
            return NameMatch::One(*id);
        }
        let exact: Vec<DivisionId> = self
            .divisions
            .iter()
            .filter(|d| d.full == key || d.short == key)
            .map(|d| d.id)
            .collect();
        if let [id] = exact.as_slice() {
            return NameMatch::One(*id);
        }
        let key = without_labels(&key);
        if key.chars().count() < MIN_PREFIX {
            return NameMatch::None;
        }
        // The whole name first ("กองการศึกษา"), then without its leading word ("การศึกษา").
        let parts: [fn(&Entry) -> &str; 2] = [|d| &d.full, |d| &d.core];
        for part in parts {
            let found: Vec<DivisionId> = self
                .divisions
                .iter()
                .filter(|d| {
                    let name = part(d);
                    name.chars().count() >= MIN_PREFIX
                        && (name.starts_with(key) || key.starts_with(name))
                })
                .map(|d| d.id)
                .collect();
            match found.as_slice() {
                [] => continue,
                [id] => return NameMatch::One(*id),
                _ => return NameMatch::Several(found),
            }
        }
        NameMatch::None
    }
}

/// The division a title row above the header names: the text after "ส่วนราชการ" or
/// "หน่วยงาน" (as written), or else the one division whose full name a title row holds.
pub(crate) fn title_row_division(
    sheet: &Sheet,
    header_index: usize,
    names: &DivisionNames,
) -> Option<String> {
    let titles: Vec<String> = sheet
        .rows
        .iter()
        .take(header_index)
        .flat_map(|row| row.iter())
        .filter_map(|cell| match cell {
            Cell::Text(t) => Some(crate::text::clean(t)),
            _ => None,
        })
        .filter(|t| !t.is_empty())
        .collect();
    for title in &titles {
        for label in ["ส่วนราชการ", "หน่วยงาน"] {
            if let Some(rest) = title.strip_prefix(label) {
                let rest = rest.trim_start_matches([':', ' ']).trim();
                if !rest.is_empty() {
                    return Some(rest.to_owned());
                }
            }
        }
    }
    let mut named: Vec<&str> = titles
        .iter()
        .flat_map(|t| {
            let key = compact(t);
            names
                .divisions
                .iter()
                .filter(move |d| d.full.chars().count() >= MIN_PREFIX && key.contains(&d.full))
                .map(|d| d.name.as_str())
        })
        .collect();
    named.dedup();
    match named.as_slice() {
        [one] => Some((*one).to_owned()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> DivisionNames {
        let divisions = [
            (1, "สำนักปลัด", "สป."),
            (2, "กองคลัง", "กค."),
            (3, "กองช่าง", "กช."),
            (4, "กองการศึกษา ศาสนาและวัฒนธรรม", "กศ."),
            (5, "กองสาธารณสุขและสิ่งแวดล้อม", "กส."),
            (6, "ศูนย์พัฒนาเด็กเล็กบ้านแม่กรณ์", "ศพด."),
        ];
        DivisionNames {
            divisions: divisions
                .iter()
                .map(|(id, name, short)| Entry::new(DivisionId(*id), name, short))
                .collect(),
            chosen: HashMap::new(),
        }
    }

    #[test]
    fn names_as_offices_write_them() {
        let names = names();
        for (written, id) in [
            ("กองการศึกษา ศาสนาและวัฒนธรรม", 4),
            ("กองการศึกษา", 4),
            ("กองการศึกษาฯ", 4),
            ("การศึกษา", 4),
            ("ศพด", 6),
            ("ศพด.", 6),
            ("สป", 1),
            ("สำนักปลัด อบต.", 1),
            ("ทะเบียนครุภัณฑ์ กองช่าง", 3),
            ("สาธารณสุข", 5),
            ("ศูนย์พัฒนาเด็กเล็ก", 6),
        ] {
            assert_eq!(
                names.lookup(written),
                NameMatch::One(DivisionId(id)),
                "{written}"
            );
        }
        for written in ["", "Sheet1", "กอง", "ก", "ทะเบียน", "กองสวัสดิการสังคม"]
        {
            assert_eq!(names.lookup(written), NameMatch::None, "{written}");
        }
    }

    #[test]
    fn a_name_several_divisions_begin_with_is_ambiguous_until_chosen() {
        let mut names = names();
        names.divisions.push(Entry::new(
            DivisionId(7),
            "ศูนย์พัฒนาเด็กเล็กบ้านสันต้นเปา",
            "ศพด.สันต้นเปา",
        ));
        assert_eq!(
            names.lookup("ศูนย์พัฒนาเด็กเล็ก"),
            NameMatch::Several(vec![DivisionId(6), DivisionId(7)])
        );
        assert_eq!(
            names.lookup("ศพด"),
            NameMatch::One(DivisionId(6)),
            "a short name"
        );
        names.choose("ศูนย์พัฒนาเด็กเล็ก ", DivisionId(7));
        assert_eq!(names.lookup("ศูนย์พัฒนาเด็กเล็ก"), NameMatch::One(DivisionId(7)));
    }

    #[test]
    fn a_title_row_naming_the_division() {
        let names = names();
        let text = |t: &str| Cell::Text(t.into());
        let sheet = |rows: Vec<Vec<Cell>>| Sheet {
            name: "x".into(),
            rows,
        };
        let labelled = sheet(vec![
            vec![text("ทะเบียนครุภัณฑ์ องค์การบริหารส่วนตำบลแม่กรณ์")],
            vec![text("ส่วนราชการ  กองการศึกษา ศาสนาและวัฒนธรรม")],
            vec![text("รหัส"), text("รายการ")],
        ]);
        assert_eq!(
            title_row_division(&labelled, 2, &names).as_deref(),
            Some("กองการศึกษา ศาสนาและวัฒนธรรม")
        );
        let unlabelled = sheet(vec![
            vec![text("ทะเบียนครุภัณฑ์ กองช่าง อบต.แม่กรณ์")],
            vec![text("รหัส"), text("รายการ")],
        ]);
        assert_eq!(
            title_row_division(&unlabelled, 1, &names).as_deref(),
            Some("กองช่าง")
        );
        let none = sheet(vec![
            vec![text("ทะเบียนครุภัณฑ์ องค์การบริหารส่วนตำบลแม่กรณ์")],
            vec![text("รหัส"), text("รายการ")],
        ]);
        assert_eq!(title_row_division(&none, 1, &names), None);
        assert_eq!(
            title_row_division(&labelled, 0, &names),
            None,
            "rows below the header are not titles"
        );
    }
}
