//! Divisions (ส่วนราชการ / กอง): สำนักปลัด, กองคลัง, กองช่าง, ...

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::Event;
use crate::auth::Permission;
use crate::error::{Error, Result};
use crate::ids::DivisionId;
use crate::register::{Actor, Change, Register};
use crate::text;

/// Longest division name accepted.
const MAX_NAME: usize = 200;

/// A division with how much hangs off it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Division {
    /// Id.
    pub id: DivisionId,
    /// Full name, e.g. กองการศึกษา ศาสนาและวัฒนธรรม.
    pub name: String,
    /// Short name for narrow columns, e.g. กศ. (may be empty).
    pub short_name: String,
    /// Switched-off divisions stay for history but are not offered for new records.
    pub active: bool,
    /// Locations in it.
    pub location_count: u32,
    /// People in the staff directory who belong to it.
    pub staff_count: u32,
}

/// A new division.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DivisionInput {
    /// Full name (required, unique ignoring case and spacing).
    pub name: String,
    /// Short name (optional).
    pub short_name: String,
}

/// Changes to a division.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DivisionUpdate {
    /// Which division.
    pub id: DivisionId,
    /// Full name.
    pub name: String,
    /// Short name.
    pub short_name: String,
    /// Whether it is in use.
    pub active: bool,
}

impl Register {
    /// All divisions in the order they were created (which follows the organisation chart).
    pub fn list_divisions(&self, actor: &Actor) -> Result<Vec<Division>> {
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            let mut stmt = conn.prepare(&format!("{SELECT_DIVISION} ORDER BY d.id"))?;
            let rows = stmt.query_map([], division_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Adds a division.
    pub fn create_division(&self, actor: &Actor, input: &DivisionInput) -> Result<Division> {
        self.change(actor, Some(Permission::ManageDivisions), |change| {
            create(change, input)
        })
    }

    /// Renames a division or switches it on or off.
    pub fn update_division(&self, actor: &Actor, input: &DivisionUpdate) -> Result<Division> {
        self.change(actor, Some(Permission::ManageDivisions), |change| {
            let before = load(change, input.id)?;
            let name = text::required("name", &input.name, MAX_NAME)?;
            let short_name = text::optional("shortName", &input.short_name, 50)?;
            ensure_unique(change, &name, Some(input.id))?;
            change.execute(
                "UPDATE divisions SET name = ?1, name_key = ?2, short_name = ?3, active = ?4
                 WHERE id = ?5",
                params![
                    name,
                    text::name_key(&name),
                    short_name,
                    input.active,
                    input.id
                ],
            )?;
            let after = load(change, input.id)?;
            change.record_edit(
                Event::new("division.update", "division", input.id)
                    .before(&before)
                    .after(&after),
            )?;
            Ok(after)
        })
    }
}

/// Validates, inserts and records a new division (used by sample data too).
pub(crate) fn create(change: &Change<'_>, input: &DivisionInput) -> Result<Division> {
    let name = text::required("name", &input.name, MAX_NAME)?;
    let short_name = text::optional("shortName", &input.short_name, 50)?;
    ensure_unique(change, &name, None)?;
    change.execute(
        "INSERT INTO divisions (name, name_key, short_name, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![name, text::name_key(&name), short_name, change.stamp()],
    )?;
    let division = load(change, DivisionId(change.last_insert_rowid()))?;
    change.record(Event::new("division.create", "division", division.id).after(&division))?;
    Ok(division)
}

fn ensure_unique(conn: &Connection, name: &str, except: Option<DivisionId>) -> Result<()> {
    let clash: Option<DivisionId> = conn
        .query_row(
            "SELECT id FROM divisions WHERE name_key = ?1",
            [text::name_key(name)],
            |row| row.get(0),
        )
        .optional()?;
    match clash {
        Some(id) if Some(id) != except => Err(Error::duplicate("name", name)),
        _ => Ok(()),
    }
}

const SELECT_DIVISION: &str = "SELECT d.id, d.name, d.short_name, d.active,
        (SELECT count(*) FROM locations l WHERE l.division_id = d.id),
        (SELECT count(*) FROM people p WHERE p.division_id = d.id AND p.active = 1)
    FROM divisions d";

fn division_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Division> {
    Ok(Division {
        id: row.get(0)?,
        name: row.get(1)?,
        short_name: row.get(2)?,
        active: row.get(3)?,
        location_count: row.get(4)?,
        staff_count: row.get(5)?,
    })
}

/// One division, or `not_found`.
pub(crate) fn load(conn: &Connection, id: DivisionId) -> Result<Division> {
    conn.query_row(
        &format!("{SELECT_DIVISION} WHERE d.id = ?1"),
        [id],
        division_from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("division", id))
}
