//! Where a row's item goes and who holds it: its division (from the row, the sheet, or
//! only then its location), its location *within* that division, and its custodian.
//!
//! A location's name alone never moves an item into another division: many divisions
//! have a meeting hall. When the file names the division, the location is looked up (or
//! created) in it; when the location is the only clue, the row says so.

use super::{
    CustodianRef, DivisionAnswer, DivisionRef, LocationRef, Resolver, SheetClue, SheetMatch,
    memoized, push,
};
use crate::ids::{DivisionId, PersonId};
use crate::import::columns::Field;
use crate::import::division_names::NameMatch;
use crate::import::values::{ImportedAsset, RowIssue, Severity, Source};
use crate::org::staff::TITLES;
use crate::text::name_key;

/// A person's name without title or spaces, for matching "นายสมชาย ใจดี" and "สมชาย  ใจดี".
pub(crate) fn person_key(name: &str) -> String {
    let clean = crate::text::clean(name);
    let bare = TITLES
        .iter()
        .find_map(|t| clean.strip_prefix(t))
        .filter(|rest| !rest.trim().is_empty())
        .unwrap_or(&clean);
    name_key(bare).replace(' ', "")
}

/// Longest name taken into the staff directory (the directory's own limit).
const MAX_PERSON_NAME: usize = 100;

impl Resolver {
    /// The register's name for a division, or the name a new one will get.
    pub(super) fn division_name(&self, division: &DivisionRef) -> String {
        match division {
            DivisionRef::Existing(id) => self.divisions.name_of(*id).to_owned(),
            DivisionRef::New(name) => name.clone(),
        }
    }

    /// What a division name as written means (remembered per text).
    pub(super) fn division_answer(&mut self, written: &str) -> DivisionAnswer {
        let divisions = &self.divisions;
        let create_missing = self.create_missing;
        memoized(
            &mut self.memo.divisions,
            written,
            |written| match divisions.lookup(written) {
                NameMatch::One(id) => DivisionAnswer::Found(DivisionRef::Existing(id)),
                NameMatch::Several(ids) => DivisionAnswer::Several(ids),
                NameMatch::None if create_missing => {
                    DivisionAnswer::Found(DivisionRef::New(written.to_owned()))
                }
                NameMatch::None => DivisionAnswer::Unknown,
            },
        )
    }

    fn names_of(&self, ids: &[DivisionId]) -> String {
        ids.iter()
            .map(|id| self.divisions.name_of(*id))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The division: its column, else a title row, else the sheet. The flag says whether
    /// the division was decided (or refused) here, so the location must not decide it.
    pub(super) fn division_for(
        &mut self,
        asset: &ImportedAsset,
        sheet: &SheetClue,
        issues: &mut Vec<RowIssue>,
    ) -> (Option<DivisionRef>, Option<Source>, bool) {
        let (written, source) = if !asset.division.is_empty() {
            (asset.division.clone(), Source::Column)
        } else if let Some(title) = &sheet.title {
            (title.clone(), Source::TitleRow)
        } else {
            return match &sheet.by_name {
                SheetMatch::One(id, from) => (Some(DivisionRef::Existing(*id)), Some(*from), true),
                SheetMatch::Several(ids) => {
                    let names = self.names_of(ids);
                    let message = format!(
                        "sheet {} could be any of {names}; choose its division",
                        sheet.sheet
                    );
                    push(
                        issues,
                        Severity::Error,
                        "ambiguous_sheet",
                        Field::Division,
                        &sheet.sheet,
                        message,
                    )
                    .detail = names;
                    (None, None, true)
                }
                SheetMatch::None => (None, None, false),
            };
        };
        match self.division_answer(&written) {
            DivisionAnswer::Found(found) => {
                if let DivisionRef::New(name) = &found {
                    if !self
                        .new_divisions
                        .iter()
                        .any(|n| name_key(n) == name_key(name))
                    {
                        self.new_divisions.push(name.clone());
                    }
                    push(
                        issues,
                        Severity::Warning,
                        "new_division",
                        Field::Division,
                        &written,
                        format!("division {written} will be created"),
                    );
                }
                (Some(found), Some(source), true)
            }
            DivisionAnswer::Several(ids) => {
                let names = self.names_of(&ids);
                let message = format!("{written} could be any of {names}; choose one");
                push(
                    issues,
                    Severity::Error,
                    "ambiguous_division",
                    Field::Division,
                    &written,
                    message,
                )
                .detail = names;
                (None, None, true)
            }
            DivisionAnswer::Unknown => {
                push(
                    issues,
                    Severity::Error,
                    "unknown_division",
                    Field::Division,
                    &written,
                    format!("{written} is not a division"),
                );
                (None, None, true)
            }
        }
    }

    /// The location within the row's division (created there if asked to); when nothing
    /// else gave the division and `decided` is false, the one division that has a
    /// location of that name, said on the row.
    pub(super) fn location_for(
        &mut self,
        asset: &ImportedAsset,
        division: &mut Option<DivisionRef>,
        source: &mut Option<Source>,
        decided: bool,
        issues: &mut Vec<RowIssue>,
    ) -> Option<LocationRef> {
        if asset.location.is_empty() {
            return None;
        }
        let key = memoized(&mut self.memo.location_keys, &asset.location, name_key);
        let holders: Vec<DivisionId> = self
            .locations_by_name
            .get(&key)
            .map(|found| found.iter().map(|(d, _)| *d).collect())
            .unwrap_or_default();
        match division.clone() {
            Some(DivisionRef::Existing(d)) => {
                if let Some(id) = self.locations.get(&(d, key.clone())) {
                    return Some(LocationRef::Existing(*id));
                }
                if self.create_missing {
                    return Some(self.new_location(DivisionRef::Existing(d), asset, issues));
                }
                let elsewhere = self.names_of(&holders);
                let message = if elsewhere.is_empty() {
                    format!(
                        "{} is not a location of {}",
                        asset.location,
                        self.divisions.name_of(d)
                    )
                } else {
                    format!(
                        "{} is not a location of {} (it is one of {elsewhere})",
                        asset.location,
                        self.divisions.name_of(d)
                    )
                };
                push(
                    issues,
                    Severity::Error,
                    "unknown_location",
                    Field::Location,
                    &asset.location,
                    message,
                )
                .detail = self.divisions.name_of(d).to_owned();
                None
            }
            Some(new @ DivisionRef::New(_)) => Some(self.new_location(new, asset, issues)),
            None if decided => None,
            None => match self.locations_by_name.get(&key).map(Vec::as_slice) {
                Some([(d, l)]) => {
                    let name = self.divisions.name_of(*d).to_owned();
                    let message = format!(
                        "no division given; {} is a location of {name} only",
                        asset.location
                    );
                    push(
                        issues,
                        Severity::Warning,
                        "division_from_location",
                        Field::Division,
                        &asset.location,
                        message,
                    )
                    .detail = name;
                    *division = Some(DivisionRef::Existing(*d));
                    *source = Some(Source::Location);
                    Some(LocationRef::Existing(*l))
                }
                Some([_, _, ..]) => {
                    let names = self.names_of(&holders);
                    let message = format!(
                        "{} is a location of {names}; give the division",
                        asset.location
                    );
                    push(
                        issues,
                        Severity::Error,
                        "ambiguous_location",
                        Field::Location,
                        &asset.location,
                        message,
                    )
                    .detail = names;
                    None
                }
                _ => {
                    push(
                        issues,
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
        }
    }

    fn new_location(
        &mut self,
        division: DivisionRef,
        asset: &ImportedAsset,
        issues: &mut Vec<RowIssue>,
    ) -> LocationRef {
        let shown = format!("{} ({})", asset.location, self.division_name(&division));
        if !self.new_locations.contains(&shown) {
            self.new_locations.push(shown);
        }
        push(
            issues,
            Severity::Warning,
            "new_location",
            Field::Location,
            &asset.location,
            format!("location {} will be created", asset.location),
        )
        .detail = self.division_name(&division);
        LocationRef::New(division, asset.location.clone())
    }

    /// The active person a name means, with or without title.
    fn person_named(&mut self, name: &str) -> Option<PersonId> {
        let people = &self.people;
        memoized(&mut self.memo.people, name, |name| {
            people.get(&person_key(name)).copied()
        })
    }

    /// The custodian: a person in the directory; one added to it with "create what is
    /// missing" (in the item's division); else the name kept on the item as written.
    pub(super) fn custodian_for(
        &mut self,
        asset: &ImportedAsset,
        division: Option<&DivisionRef>,
        issues: &mut Vec<RowIssue>,
    ) -> (Option<CustodianRef>, Option<Source>) {
        let written = &asset.custodian;
        if written.is_empty() {
            return (None, None);
        }
        if let Some(id) = self.person_named(written) {
            return (Some(CustodianRef::Existing(id)), Some(Source::Directory));
        }
        if self.create_missing && written.chars().count() <= MAX_PERSON_NAME {
            let key = person_key(written);
            if !self.new_people.iter().any(|n| person_key(n) == key) {
                self.new_people.push(written.clone());
            }
            push(
                issues,
                Severity::Warning,
                "new_person",
                Field::Custodian,
                written,
                format!("{written} will be added to the staff directory"),
            )
            .detail = division.map(|d| self.division_name(d)).unwrap_or_default();
            return (
                Some(CustodianRef::New {
                    written: written.clone(),
                    division: division.cloned(),
                }),
                Some(Source::NewPerson),
            );
        }
        push(
            issues,
            Severity::Warning,
            "unknown_custodian",
            Field::Custodian,
            written,
            format!("{written} is not in the staff directory; kept on the item as written"),
        );
        (
            Some(CustodianRef::AsWritten(written.clone())),
            Some(Source::AsWritten),
        )
    }
}
