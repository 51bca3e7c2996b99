//! The staff directory: people who may borrow or sign, with or without a login.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::divisions;
use crate::audit::Event;
use crate::auth::Permission;
use crate::error::{Error, Result};
use crate::ids::{DivisionId, PersonId};
use crate::register::{Actor, Change, Register};
use crate::text;

/// A person in the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    /// Id.
    pub id: PersonId,
    /// คำนำหน้า: นาย, นาง, นางสาว, ว่าที่ร้อยตรี, ...
    pub title: String,
    /// ชื่อ.
    pub first_name: String,
    /// นามสกุล.
    pub last_name: String,
    /// Title, first and last name as written on forms: "นายสมชาย ใจดี".
    pub full_name: String,
    /// ตำแหน่ง, e.g. นักวิชาการพัสดุชำนาญการ.
    pub position: String,
    /// The division they work in.
    pub division_id: Option<DivisionId>,
    /// That division's name.
    pub division_name: Option<String>,
    /// Telephone.
    pub phone: String,
    /// People who left stay for history but are not offered for new loans.
    pub active: bool,
    /// Whether an account is linked to this person.
    pub has_login: bool,
}

/// A person's details as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonInput {
    /// คำนำหน้า.
    pub title: String,
    /// ชื่อ (required).
    pub first_name: String,
    /// นามสกุล.
    pub last_name: String,
    /// ตำแหน่ง.
    pub position: String,
    /// Division.
    pub division_id: Option<DivisionId>,
    /// Telephone.
    pub phone: String,
}

/// Changes to a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonUpdate {
    /// Who.
    pub id: PersonId,
    /// New details.
    pub person: PersonInput,
    /// Whether they are still with the organisation.
    pub active: bool,
}

/// Which people to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StaffQuery {
    /// Part of a name, position or phone.
    pub text: Option<String>,
    /// Only this division.
    pub division_id: Option<DivisionId>,
    /// Include people who left.
    pub include_inactive: bool,
}

/// Titles a name may be written with, longest first (so "นางสาว" is not read as "นาง").
pub const TITLES: [&str; 14] = [
    "ว่าที่ร้อยตรีหญิง",
    "ว่าที่ร้อยตรี",
    "ว่าที่ร.ต.หญิง",
    "ว่าที่ร.ต.",
    "นางสาว",
    "น.ส.",
    "นาย",
    "นาง",
    "ดร.",
    "จ.ส.อ.",
    "พ.จ.อ.",
    "ส.อ.",
    "ด.ต.",
    "ร.ต.อ.",
];

/// Splits a name as written on a register ("นางสาวพิมพ์ชนก  แก้วมูล") into the directory's
/// title, first name and last name ("นางสาว", "พิมพ์ชนก", "แก้วมูล"). The last name is
/// everything after the first word; a name of one word has none.
pub fn split_name(written: &str) -> (String, String, String) {
    let clean = text::clean(written);
    let (title, rest) = TITLES
        .iter()
        .find_map(|t| clean.strip_prefix(t).map(|rest| (*t, rest.trim_start())))
        .filter(|(_, rest)| !rest.is_empty())
        .unwrap_or(("", clean.as_str()));
    let (first, last) = rest.split_once(' ').unwrap_or((rest, ""));
    (title.to_owned(), first.to_owned(), last.trim().to_owned())
}

/// Writes a full name the way Thai forms do: the title joined to the first name.
pub fn full_name(title: &str, first_name: &str, last_name: &str) -> String {
    let given = format!("{title}{first_name}");
    if last_name.is_empty() {
        given
    } else {
        format!("{given} {last_name}")
    }
}

impl Register {
    /// People matching the query, by first then last name (Thai order).
    pub fn list_staff(&self, actor: &Actor, query: &StaffQuery) -> Result<Vec<Person>> {
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            let needle = query
                .text
                .as_deref()
                .map(text::clean)
                .filter(|t| !t.is_empty())
                .map(|t| text::like_pattern(&t));
            let mut stmt = conn.prepare(&format!(
                "{SELECT_PERSON}
                 WHERE (?1 IS NULL OR p.division_id = ?1) AND (?2 OR p.active = 1)
                   AND (?3 IS NULL OR (p.title || p.first_name || ' ' || p.last_name || ' ' ||
                                       p.position || ' ' || p.phone) LIKE ?3 ESCAPE '\\')
                 ORDER BY p.first_name, p.last_name"
            ))?;
            let rows = stmt.query_map(
                params![query.division_id, query.include_inactive, needle],
                person_from_row,
            )?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Adds a person to the directory.
    pub fn create_person(&self, actor: &Actor, input: &PersonInput) -> Result<Person> {
        self.change(actor, Some(Permission::ManageStaff), |change| {
            create(change, input)
        })
    }

    /// Changes a person's details, or marks them as having left.
    pub fn update_person(&self, actor: &Actor, input: &PersonUpdate) -> Result<Person> {
        self.change(actor, Some(Permission::ManageStaff), |change| {
            let before = load(change, input.id)?;
            let clean = validate(change, &input.person, Some(input.id))?;
            change.execute(
                "UPDATE people SET title = ?1, first_name = ?2, last_name = ?3, position = ?4,
                                   division_id = ?5, phone = ?6, active = ?7
                 WHERE id = ?8",
                params![
                    clean.title,
                    clean.first_name,
                    clean.last_name,
                    clean.position,
                    clean.division_id,
                    clean.phone,
                    input.active,
                    input.id
                ],
            )?;
            let after = load(change, input.id)?;
            change.record_edit(
                Event::new("person.update", "person", input.id)
                    .before(&before)
                    .after(&after),
            )?;
            Ok(after)
        })
    }
}

/// Validates, inserts and records a new person (used by sample data too).
pub(crate) fn create(change: &Change<'_>, input: &PersonInput) -> Result<Person> {
    let clean = validate(change, input, None)?;
    change.execute(
        "INSERT INTO people (title, first_name, last_name, position, division_id, phone, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            clean.title,
            clean.first_name,
            clean.last_name,
            clean.position,
            clean.division_id,
            clean.phone,
            change.stamp()
        ],
    )?;
    let person = load(change, PersonId(change.last_insert_rowid()))?;
    change.record(Event::new("person.create", "person", person.id).after(&person))?;
    Ok(person)
}

/// Cleans the fields and refuses a second active person with the same name (almost
/// always the same person typed twice).
fn validate(
    conn: &Connection,
    input: &PersonInput,
    except: Option<PersonId>,
) -> Result<PersonInput> {
    let clean = PersonInput {
        title: text::optional("title", &input.title, 50)?,
        first_name: text::required("firstName", &input.first_name, 100)?,
        last_name: text::optional("lastName", &input.last_name, 100)?,
        position: text::optional("position", &input.position, 200)?,
        division_id: input.division_id,
        phone: text::optional("phone", &input.phone, 50)?,
    };
    if let Some(division) = clean.division_id {
        divisions::load(conn, division).map_err(|e| match e {
            Error::NotFound { .. } => {
                Error::invalid("divisionId", format!("division {division} does not exist"))
            }
            other => other,
        })?;
    }
    let clash: Option<PersonId> = conn
        .query_row(
            "SELECT id FROM people WHERE active = 1 AND first_name = ?1 AND last_name = ?2
               AND (?3 IS NULL OR id <> ?3)",
            params![clean.first_name, clean.last_name, except],
            |row| row.get(0),
        )
        .optional()?;
    if clash.is_some() {
        return Err(Error::duplicate(
            "firstName",
            full_name(&clean.title, &clean.first_name, &clean.last_name),
        ));
    }
    Ok(clean)
}

const SELECT_PERSON: &str = "SELECT p.id, p.title, p.first_name, p.last_name, p.position,
        p.division_id, d.name, p.phone, p.active,
        EXISTS (SELECT 1 FROM users u WHERE u.person_id = p.id)
    FROM people p LEFT JOIN divisions d ON d.id = p.division_id";

fn person_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Person> {
    let title: String = row.get(1)?;
    let first_name: String = row.get(2)?;
    let last_name: String = row.get(3)?;
    Ok(Person {
        id: row.get(0)?,
        full_name: full_name(&title, &first_name, &last_name),
        title,
        first_name,
        last_name,
        position: row.get(4)?,
        division_id: row.get(5)?,
        division_name: row.get(6)?,
        phone: row.get(7)?,
        active: row.get(8)?,
        has_login: row.get(9)?,
    })
}

/// One person, or `not_found`.
pub(crate) fn load(conn: &Connection, id: PersonId) -> Result<Person> {
    conn.query_row(
        &format!("{SELECT_PERSON} WHERE p.id = ?1"),
        [id],
        person_from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("person", id))
}
