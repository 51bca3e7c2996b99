//! Matching what a spreadsheet says (category names, division names, people) with the
//! register, once per import: everything is loaded into maps up front so 100,000 rows do
//! not mean 100,000 lookups.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use rusqlite::Connection;

use super::columns::Field;
use super::rows::{ImportedAsset, RowIssue, Severity};
use crate::assets::codes::{CodeScheme, code_key};
use crate::error::Result;
use crate::ids::{CategoryId, DivisionId, LocationId, PersonId};
use crate::text::name_key;

/// A category as the import knows it: existing, or to be created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CategoryRef {
    Existing {
        id: CategoryId,
        type_code: String,
        life: u32,
    },
    New {
        name: String,
        type_code: String,
    },
}

/// A division: existing, or to be created.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum DivisionRef {
    Existing(DivisionId),
    New(String),
}

/// A location: existing, or to be created in a division.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum LocationRef {
    Existing(LocationId),
    New(DivisionRef, String),
}

/// A data row after matching.
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    pub category: Option<CategoryRef>,
    pub division: Option<DivisionRef>,
    pub location: Option<LocationRef>,
    pub custodian: Option<PersonId>,
}

/// What the register holds, keyed for matching.
pub(crate) struct Resolver {
    categories: HashMap<String, (CategoryId, String, u32)>,
    divisions: HashMap<String, DivisionId>,
    /// Each division's short name, which a code scheme may start with.
    division_prefixes: HashMap<DivisionId, String>,
    locations: HashMap<(DivisionId, String), LocationId>,
    locations_by_name: HashMap<String, Vec<(DivisionId, LocationId)>>,
    people: HashMap<String, PersonId>,
    existing_codes: HashMap<String, String>,
    seen_codes: HashMap<String, (String, u32)>,
    memo: Memo,
    scheme: CodeScheme,
    create_missing: bool,
    /// Names of things the import would create, in first-seen order.
    pub new_categories: Vec<String>,
    pub new_divisions: Vec<String>,
    pub new_locations: Vec<String>,
}

/// Answers by the text exactly as the file writes it. A register repeats a few dozen
/// category, division, place and people names across 100,000 rows, and building each
/// comparison key allocates; with these, each distinct text is keyed once.
#[derive(Default)]
struct Memo {
    categories: HashMap<String, Option<CategoryRef>>,
    divisions: HashMap<String, Option<DivisionId>>,
    people: HashMap<String, Option<PersonId>>,
    location_keys: HashMap<String, String>,
}

/// `map[text]`, computed by `compute` and remembered the first time.
fn memoized<T: Clone>(
    map: &mut HashMap<String, T>,
    text: &str,
    compute: impl FnOnce(&str) -> T,
) -> T {
    if let Some(found) = map.get(text) {
        return found.clone();
    }
    let value = compute(text);
    map.insert(text.to_owned(), value.clone());
    value
}

/// A person's name without title or spaces, for matching "นายสมชาย ใจดี" and "สมชาย  ใจดี".
pub(crate) fn person_key(name: &str) -> String {
    const TITLES: [&str; 9] = [
        "ว่าที่ร้อยตรีหญิง",
        "ว่าที่ร้อยตรี",
        "นางสาว",
        "น.ส.",
        "นาย",
        "นาง",
        "ดร.",
        "ว่าที่ร.ต.",
        "จ.ส.อ.",
    ];
    let clean = crate::text::clean(name);
    let bare = TITLES
        .iter()
        .find_map(|t| clean.strip_prefix(t))
        .unwrap_or(&clean);
    name_key(bare).replace(' ', "")
}

impl Resolver {
    /// Loads the register's names.
    pub fn load(conn: &Connection, create_missing: bool) -> Result<Self> {
        let mut categories = HashMap::new();
        let mut stmt = conn.prepare(
            "SELECT id, name_key, type_code, type_code_key, useful_life_years FROM categories",
        )?;
        for row in stmt.query_map([], |r| {
            Ok((
                r.get::<_, CategoryId>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, u32>(4)?,
            ))
        })? {
            let (id, name, type_code, type_key, life) = row?;
            categories.insert(name, (id, type_code.clone(), life));
            categories
                .entry(format!("#{type_key}"))
                .or_insert((id, type_code, life));
        }
        let mut divisions = HashMap::new();
        let mut division_prefixes = HashMap::new();
        let mut stmt = conn.prepare("SELECT id, name_key, short_name FROM divisions")?;
        for row in stmt.query_map([], |r| {
            Ok((
                r.get::<_, DivisionId>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })? {
            let (id, key, short) = row?;
            divisions.insert(key, id);
            division_prefixes.insert(id, short.clone());
            if !short.is_empty() {
                divisions.entry(name_key(&short)).or_insert(id);
            }
        }
        let mut locations = HashMap::new();
        let mut locations_by_name: HashMap<String, Vec<(DivisionId, LocationId)>> = HashMap::new();
        let mut stmt = conn.prepare("SELECT id, division_id, name_key FROM locations")?;
        for row in stmt.query_map([], |r| {
            Ok((
                r.get::<_, LocationId>(0)?,
                r.get::<_, DivisionId>(1)?,
                r.get::<_, String>(2)?,
            ))
        })? {
            let (id, division, key) = row?;
            locations.insert((division, key.clone()), id);
            locations_by_name
                .entry(key)
                .or_default()
                .push((division, id));
        }
        let mut people = HashMap::new();
        let mut stmt =
            conn.prepare("SELECT id, first_name || ' ' || last_name FROM people WHERE active = 1")?;
        for row in stmt.query_map([], |r| {
            Ok((r.get::<_, PersonId>(0)?, r.get::<_, String>(1)?))
        })? {
            let (id, name) = row?;
            people.insert(person_key(&name), id);
        }
        let mut existing_codes = HashMap::new();
        let mut stmt = conn.prepare("SELECT code_key, code FROM assets")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (key, code) = row?;
            existing_codes.insert(key, code);
        }
        Ok(Self {
            categories,
            divisions,
            division_prefixes,
            locations,
            locations_by_name,
            people,
            existing_codes,
            seen_codes: HashMap::new(),
            memo: Memo::default(),
            scheme: crate::assets::settings::scheme(conn)?,
            create_missing,
            new_categories: Vec::new(),
            new_divisions: Vec::new(),
            new_locations: Vec::new(),
        })
    }

    /// Takes each alias's name to mean its category or division; an id that is not in
    /// the register is refused under `aliases`.
    pub fn add_aliases(&mut self, aliases: &[super::NameAlias]) -> Result<()> {
        for alias in aliases {
            let key = name_key(&alias.name);
            match alias.kind {
                super::AliasKind::Category => {
                    let target = self
                        .categories
                        .values()
                        .find(|(id, _, _)| id.0 == alias.id)
                        .cloned()
                        .ok_or_else(|| {
                            crate::error::Error::invalid(
                                "aliases",
                                format!("no category {} for {}", alias.id, alias.name),
                            )
                        })?;
                    self.categories.insert(key, target);
                }
                super::AliasKind::Division => {
                    let target = self
                        .divisions
                        .values()
                        .find(|id| id.0 == alias.id)
                        .copied()
                        .ok_or_else(|| {
                            crate::error::Error::invalid(
                                "aliases",
                                format!("no division {} for {}", alias.id, alias.name),
                            )
                        })?;
                    self.divisions.insert(key, target);
                }
            }
        }
        Ok(())
    }

    /// The category a name (or type code) means.
    pub fn category_named(&mut self, name: &str) -> Option<CategoryRef> {
        let categories = &self.categories;
        memoized(&mut self.memo.categories, name, |name| {
            categories
                .get(&name_key(name))
                .or_else(|| categories.get(&format!("#{}", code_key(name))))
                .map(|(id, type_code, life)| CategoryRef::Existing {
                    id: *id,
                    type_code: type_code.clone(),
                    life: *life,
                })
        })
    }

    /// Whether a sheet's name is a division's (one sheet per division).
    pub fn division_named(&mut self, name: &str) -> Option<DivisionId> {
        let divisions = &self.divisions;
        memoized(&mut self.memo.divisions, name, |name| {
            divisions.get(&name_key(name)).copied()
        })
    }

    /// The active person a name means, with or without title.
    fn person_named(&mut self, name: &str) -> Option<PersonId> {
        let people = &self.people;
        memoized(&mut self.memo.people, name, |name| {
            people.get(&person_key(name)).copied()
        })
    }

    /// Matches one data row. `heading` is the category sub-heading above it; `sheet` the
    /// sheet's name. Problems are added to `issues`.
    pub fn resolve(
        &mut self,
        asset: &ImportedAsset,
        heading: Option<&str>,
        sheet: &str,
        row: u32,
        issues: &mut Vec<RowIssue>,
    ) -> Resolved {
        let mut push = |severity, code: &str, field, value: &str, message: String| {
            issues.push(RowIssue {
                severity,
                code: code.to_owned(),
                field: Some(field),
                value: value.to_owned(),
                message,
            });
        };
        // Code: readable, unused in the register and earlier in this file.
        if !asset.code.is_empty() {
            let key = code_key(&asset.code);
            if key.is_empty() {
                push(
                    Severity::Error,
                    "bad_code",
                    Field::Code,
                    &asset.code,
                    "a code needs letters or digits".into(),
                );
            } else if let Some(existing) = self.existing_codes.get(&key) {
                push(
                    Severity::Error,
                    "duplicate_code",
                    Field::Code,
                    &asset.code,
                    format!("{existing} is already in the register"),
                );
            } else {
                match self.seen_codes.entry(key) {
                    Entry::Occupied(first) => {
                        let (first, first_row) = first.get();
                        push(
                            Severity::Error,
                            "duplicate_in_file",
                            Field::Code,
                            &asset.code,
                            format!("the same code as {first} in row {first_row}"),
                        );
                    }
                    Entry::Vacant(slot) => {
                        slot.insert((asset.code.clone(), row));
                    }
                }
            }
        }
        // Category: its column, else the sub-heading above.
        let written = if asset.category.is_empty() {
            heading.unwrap_or("")
        } else {
            asset.category.as_str()
        };
        let category = if written.is_empty() {
            push(
                Severity::Error,
                "required",
                Field::Category,
                "",
                "no category, and no category sub-heading above".into(),
            );
            None
        } else if let Some(found) = self.category_named(written) {
            Some(found)
        } else if self.create_missing {
            // A new category needs a type code: take the first part of the item's code.
            let type_code: String = asset
                .code
                .split(['-', '/', '.', ' '])
                .next()
                .unwrap_or("")
                .trim()
                .to_owned();
            if code_key(&type_code).is_empty() {
                push(
                    Severity::Error,
                    "unknown_category",
                    Field::Category,
                    written,
                    format!(
                        "{written} is not a category, and there is no code to take its type code from"
                    ),
                );
                None
            } else {
                if !self
                    .new_categories
                    .iter()
                    .any(|n| name_key(n) == name_key(written))
                {
                    self.new_categories.push(written.to_owned());
                }
                push(
                    Severity::Warning,
                    "new_category",
                    Field::Category,
                    written,
                    format!("category {written} (type {type_code}) will be created"),
                );
                Some(CategoryRef::New {
                    name: written.to_owned(),
                    type_code,
                })
            }
        } else {
            push(
                Severity::Error,
                "unknown_category",
                Field::Category,
                written,
                format!("{written} is not a category"),
            );
            None
        };
        // Division: its column, else the sheet when the sheet is named after one.
        let division_written = if asset.division.is_empty() && self.division_named(sheet).is_some()
        {
            sheet
        } else {
            asset.division.as_str()
        };
        let mut division = if division_written.is_empty() {
            None
        } else if let Some(id) = self.division_named(division_written) {
            Some(DivisionRef::Existing(id))
        } else if self.create_missing {
            if !self
                .new_divisions
                .iter()
                .any(|n| name_key(n) == name_key(division_written))
            {
                self.new_divisions.push(division_written.to_owned());
            }
            push(
                Severity::Warning,
                "new_division",
                Field::Division,
                division_written,
                format!("division {division_written} will be created"),
            );
            Some(DivisionRef::New(division_written.to_owned()))
        } else {
            push(
                Severity::Error,
                "unknown_division",
                Field::Division,
                division_written,
                format!("{division_written} is not a division"),
            );
            None
        };
        // Location: within the division; alone, only if its name is unambiguous.
        let location = if asset.location.is_empty() {
            None
        } else {
            let key = memoized(&mut self.memo.location_keys, &asset.location, name_key);
            match &division {
                Some(DivisionRef::Existing(d))
                    if self.locations.contains_key(&(*d, key.clone())) =>
                {
                    self.locations
                        .get(&(*d, key))
                        .map(|l| LocationRef::Existing(*l))
                }
                None => match self.locations_by_name.get(&key).map(Vec::as_slice) {
                    Some([(d, l)]) => {
                        division = Some(DivisionRef::Existing(*d));
                        Some(LocationRef::Existing(*l))
                    }
                    _ => {
                        push(
                            Severity::Error,
                            "unknown_location",
                            Field::Location,
                            &asset.location,
                            format!(
                                "{} is not a location of a known division; give the division",
                                asset.location
                            ),
                        );
                        None
                    }
                },
                Some(d) if self.create_missing => {
                    if !self.new_locations.iter().any(|n| name_key(n) == key) {
                        self.new_locations.push(asset.location.clone());
                    }
                    push(
                        Severity::Warning,
                        "new_location",
                        Field::Location,
                        &asset.location,
                        format!("location {} will be created", asset.location),
                    );
                    Some(LocationRef::New(d.clone(), asset.location.clone()))
                }
                Some(_) => {
                    push(
                        Severity::Error,
                        "unknown_location",
                        Field::Location,
                        &asset.location,
                        format!("{} is not a location of that division", asset.location),
                    );
                    None
                }
            }
        };
        let custodian = if asset.custodian.is_empty() {
            None
        } else {
            let found = self.person_named(&asset.custodian);
            if found.is_none() {
                push(
                    Severity::Warning,
                    "unknown_custodian",
                    Field::Custodian,
                    &asset.custodian,
                    format!(
                        "{} is not in the staff directory; left empty",
                        asset.custodian
                    ),
                );
            }
            found
        };
        Resolved {
            category,
            division,
            location,
            custodian,
        }
    }

    /// Whether a code follows the register's scheme for its category, fiscal year and
    /// division (a warning only: a register brought in keeps its codes).
    pub fn fits_scheme(
        &self,
        code: &str,
        type_code: &str,
        fiscal_year: crate::calendar::FiscalYear,
        division: Option<&DivisionRef>,
    ) -> bool {
        // A division the import creates has no short name yet.
        let prefix = match division {
            Some(DivisionRef::Existing(id)) => self.division_prefixes.get(id),
            _ => None,
        };
        let ctx = crate::assets::codes::CodeContext {
            type_code,
            fiscal_year,
            division_prefix: prefix.map_or("", String::as_str),
        };
        self.scheme.seq_of(&ctx, code).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_match_with_or_without_title_and_spacing() {
        assert_eq!(
            person_key("นางสาวพิมพ์ชนก  แก้วมูล"),
            person_key("พิมพ์ชนก แก้วมูล")
        );
        assert_eq!(person_key("นายสมชาย ใจดี"), person_key("สมชาย ใจดี"));
        assert_ne!(person_key("สมชาย ใจดี"), person_key("สมศรี ใจดี"));
    }
}
