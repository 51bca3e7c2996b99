//! Matching what a spreadsheet says (codes, category names and type codes, division names,
//! places, people) with the register, once per import: everything is loaded into maps up
//! front so 100,000 rows do not mean 100,000 lookups.
//!
//! Where the file leaves a value to be worked out, the order is fixed and the row says
//! which was used (`Sources`): the category from its column, the sub-heading above, or the
//! type part of the code; the division from its column, a title row, the sheet's name (or
//! the division chosen for the sheet), and only then from the location.

mod places;

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use rusqlite::Connection;

use super::columns::Field;
use super::division_names::{DivisionNames, NameMatch, compact, title_row_division};
use super::values::{ImportedAsset, RowIssue, Severity, Source};
use super::workbook::Sheet;
use super::{AliasKind, ImportPlan, SheetDivision};
use crate::assets::codes::{CodeScheme, code_key};
use crate::error::{Error, Result};
use crate::ids::{CategoryId, DivisionId, LocationId, PersonId};
use crate::text::name_key;

pub(crate) use places::person_key;

/// A category as the import knows it: existing, or to be created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CategoryRef {
    Existing {
        id: CategoryId,
        type_code: String,
        name: String,
    },
    New {
        name: String,
        type_code: String,
    },
}

impl From<&CategoryInfo> for CategoryRef {
    fn from(info: &CategoryInfo) -> Self {
        CategoryRef::Existing {
            id: info.id,
            type_code: info.type_code.clone(),
            name: info.name.clone(),
        }
    }
}

impl CategoryRef {
    fn name(&self) -> &str {
        match self {
            CategoryRef::Existing { name, .. } | CategoryRef::New { name, .. } => name,
        }
    }
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

/// Who holds an item: a person in the directory, one the import adds to it, or a name
/// kept on the item as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CustodianRef {
    Existing(PersonId),
    New {
        written: String,
        division: Option<DivisionRef>,
    },
    AsWritten(String),
}

/// A data row after matching.
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    pub category: Option<CategoryRef>,
    pub division: Option<DivisionRef>,
    pub location: Option<LocationRef>,
    pub custodian: Option<CustodianRef>,
}

/// What a sheet says about the division of the rows that do not name one.
#[derive(Debug, Clone)]
pub(crate) struct SheetClue {
    /// The sheet's name.
    pub sheet: String,
    /// The text after "ส่วนราชการ" on a title row above the header, if any.
    title: Option<String>,
    /// What the sheet's name means (or what the user chose for the sheet).
    by_name: SheetMatch,
}

#[derive(Debug, Clone)]
enum SheetMatch {
    None,
    One(DivisionId, Source),
    Several(Vec<DivisionId>),
}

/// A division name's meaning, remembered per text (the issues are still raised per row).
#[derive(Debug, Clone)]
enum DivisionAnswer {
    Found(DivisionRef),
    Several(Vec<DivisionId>),
    Unknown,
}

/// A category type code's meaning.
#[derive(Debug, Clone)]
struct CategoryInfo {
    id: CategoryId,
    type_code: String,
    name: String,
}

/// What the register holds, keyed for matching.
pub(crate) struct Resolver {
    /// By name key, and by `#` + type-code key.
    categories: HashMap<String, CategoryInfo>,
    /// Type codes the user matched to a category or named a new category for.
    type_codes: HashMap<String, CategoryRef>,
    divisions: DivisionNames,
    /// Each division's short name, which a code scheme may start with.
    division_prefixes: HashMap<DivisionId, String>,
    /// Divisions chosen for sheets by compact sheet name (now, or remembered).
    sheet_choices: HashMap<String, DivisionId>,
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
    pub new_people: Vec<String>,
}

/// Answers by the text exactly as the file writes it. A register repeats a few dozen
/// category, division, place and people names across 100,000 rows, and building each
/// comparison key allocates; with these, each distinct text is keyed once.
#[derive(Default)]
struct Memo {
    categories: HashMap<String, Option<CategoryRef>>,
    type_parts: HashMap<String, Option<String>>,
    divisions: HashMap<String, DivisionAnswer>,
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

/// The setting a sheet's chosen division is remembered under.
pub(crate) fn sheet_choice_key(sheet: &str) -> String {
    format!("import.sheetDivision.{}", compact(sheet))
}

fn push<'a>(
    issues: &'a mut Vec<RowIssue>,
    severity: Severity,
    code: &str,
    field: Field,
    value: &str,
    message: String,
) -> &'a mut RowIssue {
    issues.push(RowIssue::new(severity, code, Some(field), value, message));
    let last = issues.len() - 1;
    &mut issues[last]
}

impl Resolver {
    /// Loads the register's names, and the user's choices for `plan`: names taken to mean
    /// an existing category or division, type codes, new categories' names, and each
    /// sheet's division (chosen now, or remembered from an earlier import of that sheet).
    pub fn for_plan(conn: &Connection, plan: &ImportPlan) -> Result<Self> {
        let mut resolver = Self::load(conn, plan.create_missing)?;
        for sheet in &plan.sheets {
            let key = compact(&sheet.name);
            if let Some(id) =
                crate::settings::get::<DivisionId>(conn, &sheet_choice_key(&sheet.name))?
                && resolver.divisions.has(id)
            {
                resolver.sheet_choices.insert(key, id);
            }
        }
        resolver.add_choices(plan)?;
        Ok(resolver)
    }

    fn load(conn: &Connection, create_missing: bool) -> Result<Self> {
        let mut categories = HashMap::new();
        let mut stmt =
            conn.prepare("SELECT id, name, name_key, type_code, type_code_key FROM categories")?;
        for row in stmt.query_map([], |r| {
            Ok((
                CategoryInfo {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    type_code: r.get(3)?,
                },
                r.get::<_, String>(2)?,
                r.get::<_, String>(4)?,
            ))
        })? {
            let (info, key, type_key) = row?;
            categories
                .entry(format!("#{type_key}"))
                .or_insert_with(|| info.clone());
            categories.insert(key, info);
        }
        let mut division_prefixes = HashMap::new();
        let mut stmt = conn.prepare("SELECT id, short_name FROM divisions")?;
        for row in stmt.query_map([], |r| {
            Ok((r.get::<_, DivisionId>(0)?, r.get::<_, String>(1)?))
        })? {
            let (id, short) = row?;
            division_prefixes.insert(id, short);
        }
        let mut locations = HashMap::new();
        let mut locations_by_name: HashMap<String, Vec<(DivisionId, LocationId)>> = HashMap::new();
        let mut stmt =
            conn.prepare("SELECT id, division_id, name_key FROM locations ORDER BY id")?;
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
            type_codes: HashMap::new(),
            divisions: DivisionNames::load(conn)?,
            division_prefixes,
            sheet_choices: HashMap::new(),
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
            new_people: Vec::new(),
        })
    }

    /// Applies the user's choices; an id that is not in the register is refused under
    /// `aliases`, a new category without a name or type code under `newCategories`.
    fn add_choices(&mut self, plan: &ImportPlan) -> Result<()> {
        let no = |what: &str, alias: &super::NameAlias| {
            Error::invalid(
                "aliases",
                format!("no {what} {} for {}", alias.id, alias.name),
            )
        };
        for alias in &plan.aliases {
            match alias.kind {
                AliasKind::Category | AliasKind::TypeCode => {
                    let info = self
                        .categories
                        .values()
                        .find(|c| c.id.0 == alias.id)
                        .cloned()
                        .ok_or_else(|| no("category", alias))?;
                    if alias.kind == AliasKind::TypeCode {
                        self.type_codes
                            .insert(code_key(&alias.name), CategoryRef::from(&info));
                    } else {
                        self.categories.insert(name_key(&alias.name), info);
                    }
                }
                AliasKind::Division | AliasKind::Sheet => {
                    let id = DivisionId(alias.id);
                    if !self.divisions.has(id) {
                        return Err(no("division", alias));
                    }
                    if alias.kind == AliasKind::Sheet {
                        self.sheet_choices.insert(compact(&alias.name), id);
                    } else {
                        self.divisions.choose(&alias.name, id);
                    }
                }
            }
        }
        for new in &plan.new_categories {
            let name = crate::text::clean(&new.name);
            let type_code = crate::text::clean(&new.type_code);
            if name.is_empty() || code_key(&type_code).is_empty() {
                return Err(Error::invalid(
                    "newCategories",
                    format!("a new category for type code {type_code} needs a name"),
                ));
            }
            self.type_codes
                .entry(code_key(&type_code))
                .or_insert(CategoryRef::New { name, type_code });
        }
        Ok(())
    }

    /// What `sheet` (whose header is row `header_index`) says about its rows' division.
    pub fn sheet_clue(&mut self, sheet: &Sheet, header_index: usize) -> SheetClue {
        let title = title_row_division(sheet, header_index, &self.divisions);
        let by_name = match self.sheet_choices.get(&compact(&sheet.name)) {
            Some(id) => SheetMatch::One(*id, Source::SheetChoice),
            None => match self.divisions.lookup(&sheet.name) {
                NameMatch::One(id) => SheetMatch::One(id, Source::SheetName),
                NameMatch::Several(ids) => SheetMatch::Several(ids),
                NameMatch::None => SheetMatch::None,
            },
        };
        SheetClue {
            sheet: sheet.name.clone(),
            title,
            by_name,
        }
    }

    /// The division a sheet's rows take when they do not name one, as the dry run shows it.
    pub fn sheet_division(&mut self, clue: &SheetClue) -> SheetDivision {
        let option = |resolver: &Self, id: DivisionId| super::DivisionOption {
            id,
            name: resolver.divisions.name_of(id).to_owned(),
        };
        let mut shown = SheetDivision {
            sheet: clue.sheet.clone(),
            division: None,
            from: None,
            candidates: Vec::new(),
        };
        if let Some(title) = &clue.title {
            shown.from = Some(Source::TitleRow);
            match self.division_answer(title) {
                DivisionAnswer::Found(found) => shown.division = Some(self.division_name(&found)),
                DivisionAnswer::Several(ids) => {
                    shown.candidates = ids.into_iter().map(|id| option(self, id)).collect();
                }
                DivisionAnswer::Unknown => shown.division = Some(title.clone()),
            }
            return shown;
        }
        match &clue.by_name {
            SheetMatch::None => {}
            SheetMatch::One(id, from) => {
                shown.division = Some(self.divisions.name_of(*id).to_owned());
                shown.from = Some(*from);
            }
            SheetMatch::Several(ids) => {
                shown.from = Some(Source::SheetName);
                shown.candidates = ids.iter().map(|id| option(self, *id)).collect();
            }
        }
        shown
    }

    /// Matches one data row and fills in the names it resolved to and where each came
    /// from. `heading` is the category sub-heading above it. Problems go to `issues`.
    pub fn resolve(
        &mut self,
        asset: &mut ImportedAsset,
        heading: Option<&str>,
        sheet: &SheetClue,
        row: u32,
        issues: &mut Vec<RowIssue>,
    ) -> Resolved {
        self.check_codes(asset, row, issues);
        let (category, category_source) = self.category_for(asset, heading, issues);
        let (mut division, mut division_source, decided) = self.division_for(asset, sheet, issues);
        let location =
            self.location_for(asset, &mut division, &mut division_source, decided, issues);
        let (custodian, custodian_source) = self.custodian_for(asset, division.as_ref(), issues);
        if let Some(found) = &category {
            asset.category = found.name().to_owned();
        }
        asset.division = division
            .as_ref()
            .map(|d| self.division_name(d))
            .unwrap_or_default();
        asset.sources.category = category_source;
        asset.sources.division = division_source;
        asset.sources.custodian = custodian_source;
        Resolved {
            category,
            division,
            location,
            custodian,
        }
    }

    /// Every code the row brings: readable, unused in the register and earlier in the file.
    fn check_codes(&mut self, asset: &ImportedAsset, row: u32, issues: &mut Vec<RowIssue>) {
        if asset.code.is_empty() {
            return;
        }
        let codes = if asset.last_code.is_empty() {
            vec![asset.code.clone()]
        } else {
            asset.codes()
        };
        for code in codes {
            let key = code_key(&code);
            if key.is_empty() {
                push(
                    issues,
                    Severity::Error,
                    "bad_code",
                    Field::Code,
                    &code,
                    "a code needs letters or digits".into(),
                );
            } else if let Some(existing) = self.existing_codes.get(&key) {
                push(
                    issues,
                    Severity::Error,
                    "duplicate_code",
                    Field::Code,
                    &code,
                    format!("{existing} is already in the register"),
                );
            } else {
                match self.seen_codes.entry(key) {
                    Entry::Occupied(first) => {
                        let (first, first_row) = first.get();
                        push(
                            issues,
                            Severity::Error,
                            "duplicate_in_file",
                            Field::Code,
                            &code,
                            format!("the same code as {first} in row {first_row}"),
                        )
                        .detail = first_row.to_string();
                    }
                    Entry::Vacant(slot) => {
                        slot.insert((code, row));
                    }
                }
            }
        }
    }

    /// The category: its column, else the sub-heading above, else the type part of the code.
    fn category_for(
        &mut self,
        asset: &ImportedAsset,
        heading: Option<&str>,
        issues: &mut Vec<RowIssue>,
    ) -> (Option<CategoryRef>, Option<Source>) {
        let (written, source) = match (asset.category.is_empty(), heading) {
            (false, _) => (asset.category.as_str(), Source::Column),
            (true, Some(heading)) => (heading, Source::Heading),
            (true, None) => return self.category_from_code(asset, issues),
        };
        if let Some(found) = self.category_named(written) {
            return (Some(found), Some(source));
        }
        if !self.create_missing {
            push(
                issues,
                Severity::Error,
                "unknown_category",
                Field::Category,
                written,
                format!("{written} is not a category"),
            );
            return (None, None);
        }
        // A new category needs a type code: take the first part of the item's code.
        let type_code = self.scheme.type_part(&asset.code).unwrap_or_else(|| {
            asset
                .code
                .split(['-', '/', '.', ' '])
                .next()
                .unwrap_or("")
                .trim()
                .to_owned()
        });
        if code_key(&type_code).is_empty() {
            push(
                issues,
                Severity::Error,
                "unknown_category",
                Field::Category,
                written,
                format!(
                    "{written} is not a category, and there is no code to take its type code from"
                ),
            );
            return (None, None);
        }
        if !self
            .new_categories
            .iter()
            .any(|n| name_key(n) == name_key(written))
        {
            self.new_categories.push(written.to_owned());
        }
        push(
            issues,
            Severity::Warning,
            "new_category",
            Field::Category,
            written,
            format!("category {written} (type {type_code}) will be created"),
        )
        .detail = type_code.clone();
        (
            Some(CategoryRef::New {
                name: written.to_owned(),
                type_code,
            }),
            Some(source),
        )
    }

    /// A row with no category column and no sub-heading: the category whose type code
    /// the item's code begins with (`416`-68-0001), or one the user chose for that type code.
    fn category_from_code(
        &mut self,
        asset: &ImportedAsset,
        issues: &mut Vec<RowIssue>,
    ) -> (Option<CategoryRef>, Option<Source>) {
        let scheme = &self.scheme;
        let type_part = memoized(&mut self.memo.type_parts, &asset.code, |code| {
            scheme.type_part(code)
        });
        let Some(type_part) = type_part else {
            push(
                issues,
                Severity::Error,
                "required",
                Field::Category,
                "",
                "no category, no category sub-heading above, and no type code in the code".into(),
            );
            return (None, None);
        };
        let key = code_key(&type_part);
        let found = self.type_codes.get(&key).cloned().or_else(|| {
            self.categories
                .get(&format!("#{key}"))
                .map(CategoryRef::from)
        });
        match found {
            Some(category) => {
                if let CategoryRef::New { name, .. } = &category
                    && !self
                        .new_categories
                        .iter()
                        .any(|n| name_key(n) == name_key(name))
                {
                    self.new_categories.push(name.clone());
                }
                (Some(category), Some(Source::CodeType))
            }
            None => {
                push(
                    issues,
                    Severity::Error,
                    "unknown_type_code",
                    Field::Category,
                    &type_part,
                    format!("no category has type code {type_part}; choose one or name a new one"),
                );
                (None, None)
            }
        }
    }

    /// The category a name (or type code) means.
    fn category_named(&mut self, name: &str) -> Option<CategoryRef> {
        let categories = &self.categories;
        memoized(&mut self.memo.categories, name, |name| {
            categories
                .get(&name_key(name))
                .or_else(|| categories.get(&format!("#{}", code_key(name))))
                .map(CategoryRef::from)
        })
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
