//! Finding what a command names — a round, division, location, category, person, loan or
//! asset — by the name or number people use, refused by field when nothing or more than one
//! thing answers to it.

use phatsadu_core::assets::AssetQuery;
use phatsadu_core::assets::codes::code_key;
use phatsadu_core::checks::RoundListQuery;
use phatsadu_core::ids::{AssetId, CategoryId, DivisionId, LoanId, LocationId, PersonId, RoundId};
use phatsadu_core::loans::LoanQuery;
use phatsadu_core::org::{LocationQuery, StaffQuery};
use phatsadu_core::text::name_key;
use phatsadu_core::{Actor, Error, Register};

/// A round by its id or its exact name.
pub(crate) fn round_by(register: &Register, actor: &Actor, text: &str) -> Result<RoundId, Error> {
    let rounds = register.list_rounds(actor, &RoundListQuery { fiscal_year: None })?;
    let key = name_key(text);
    rounds
        .iter()
        .find(|r| r.id.to_string() == text.trim() || name_key(&r.name) == key)
        .map(|r| r.id)
        .ok_or_else(|| Error::invalid("roundId", format!("no round {text}; see `check list`")))
}

/// A division by its name or short name.
pub(crate) fn division_by(
    register: &Register,
    actor: &Actor,
    text: &str,
) -> Result<DivisionId, Error> {
    let key = name_key(text);
    register
        .list_divisions(actor)?
        .into_iter()
        .find(|d| {
            name_key(&d.name) == key || (!d.short_name.is_empty() && name_key(&d.short_name) == key)
        })
        .map(|d| d.id)
        .ok_or_else(|| Error::invalid("divisionId", format!("no division {text}")))
}

/// A location by its name; "division/location" when two divisions have one so named.
pub(crate) fn location_by(
    register: &Register,
    actor: &Actor,
    text: &str,
) -> Result<LocationId, Error> {
    let (division, name) = match text.split_once('/') {
        Some((d, l)) => (Some(division_by(register, actor, d)?), l),
        None => (None, text),
    };
    let key = name_key(name);
    let query = LocationQuery {
        division_id: division,
        ..LocationQuery::default()
    };
    let found: Vec<_> = register
        .list_locations(actor, &query)?
        .into_iter()
        .filter(|l| name_key(&l.name) == key)
        .collect();
    match found.as_slice() {
        [one] => Ok(one.id),
        [] => Err(Error::invalid("locationId", format!("no location {text}"))),
        _ => Err(Error::invalid(
            "locationId",
            format!("{text} is in several divisions; write division/location"),
        )),
    }
}

/// A category by its name or type code.
pub(crate) fn category_by(
    register: &Register,
    actor: &Actor,
    text: &str,
) -> Result<CategoryId, Error> {
    let key = name_key(text);
    register
        .list_categories(actor)?
        .into_iter()
        .find(|c| name_key(&c.name) == key || c.type_code == text.trim())
        .map(|c| c.id)
        .ok_or_else(|| Error::invalid("categoryIds", format!("no category {text}")))
}

/// A person in the staff directory by full name (with or without the title).
pub(crate) fn person_by(register: &Register, actor: &Actor, text: &str) -> Result<PersonId, Error> {
    let key = name_key(text);
    let query = StaffQuery {
        text: Some(text.trim().to_owned()),
        ..StaffQuery::default()
    };
    let found: Vec<_> = register
        .list_staff(actor, &query)?
        .into_iter()
        .filter(|p| {
            name_key(&p.full_name) == key
                || name_key(&format!("{} {}", p.first_name, p.last_name)) == key
        })
        .collect();
    match found.as_slice() {
        [one] => Ok(one.id),
        [] => Err(Error::invalid(
            "members",
            format!("no one named {text} in the staff directory"),
        )),
        _ => Err(Error::invalid(
            "members",
            format!("several people are named {text}"),
        )),
    }
}

/// A loan by its slip number (12/2568).
pub(crate) fn loan_by_no(
    register: &Register,
    actor: &Actor,
    loan_no: &str,
) -> Result<LoanId, Error> {
    let wanted = loan_no.trim();
    register
        .list_loans(actor, &LoanQuery::default())?
        .into_iter()
        .find(|l| l.loan_no == wanted)
        .map(|l| l.id)
        .ok_or_else(|| Error::invalid("loanNo", format!("no loan with slip number {wanted}")))
}

/// An asset by its code, however it is spelled.
pub(crate) fn asset_by_code(
    register: &Register,
    actor: &Actor,
    code: &str,
) -> Result<AssetId, Error> {
    // Any spelling of a code finds it: spaces for dashes, Thai digits, lower case.
    let key = code_key(code);
    let query = AssetQuery {
        text: Some(code.to_owned()),
        ..AssetQuery::default()
    };
    register
        .assets_for_export(actor, &query)?
        .into_iter()
        .find(|a| code_key(&a.code) == key)
        .map(|a| a.id)
        .ok_or_else(|| Error::invalid("code", format!("no asset with code {code}")))
}
