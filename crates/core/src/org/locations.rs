//! Locations within a division: rooms, buildings, outlying sites.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::divisions;
use crate::audit::Event;
use crate::auth::Permission;
use crate::error::{Error, Result};
use crate::ids::{DivisionId, LocationId};
use crate::register::{Actor, Change, Register};
use crate::text;

/// Longest location name accepted.
const MAX_NAME: usize = 200;

/// A location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    /// Id.
    pub id: LocationId,
    /// The division it belongs to.
    pub division_id: DivisionId,
    /// That division's name.
    pub division_name: String,
    /// e.g. ห้องการเงิน ชั้น 1.
    pub name: String,
    /// Whether it is in use.
    pub active: bool,
}

/// Which locations to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LocationQuery {
    /// Only this division's (all divisions when `None`).
    pub division_id: Option<DivisionId>,
    /// Include switched-off locations.
    pub include_inactive: bool,
}

/// A new location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LocationInput {
    /// The division it belongs to.
    pub division_id: DivisionId,
    /// Name, unique within the division.
    pub name: String,
}

/// Changes to a location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LocationUpdate {
    /// Which location.
    pub id: LocationId,
    /// The division it belongs to (a location may move to another division).
    pub division_id: DivisionId,
    /// Name.
    pub name: String,
    /// Whether it is in use.
    pub active: bool,
}

impl Register {
    /// Locations, by division then name.
    pub fn list_locations(&self, actor: &Actor, query: &LocationQuery) -> Result<Vec<Location>> {
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            let mut stmt = conn.prepare(&format!(
                "{SELECT_LOCATION}
                 WHERE (?1 IS NULL OR l.division_id = ?1) AND (?2 OR l.active = 1)
                 ORDER BY l.division_id, l.name"
            ))?;
            let rows = stmt.query_map(
                params![query.division_id, query.include_inactive],
                location_from_row,
            )?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Adds a location to an active division.
    pub fn create_location(&self, actor: &Actor, input: &LocationInput) -> Result<Location> {
        self.change(actor, Some(Permission::ManageDivisions), |change| {
            create(change, input)
        })
    }

    /// Renames, moves or switches a location on or off.
    pub fn update_location(&self, actor: &Actor, input: &LocationUpdate) -> Result<Location> {
        self.change(actor, Some(Permission::ManageDivisions), |change| {
            let before = load(change, input.id)?;
            let name = text::required("name", &input.name, MAX_NAME)?;
            if input.division_id != before.division_id {
                ensure_active_division(change, input.division_id)?;
            }
            ensure_unique(change, input.division_id, &name, Some(input.id))?;
            change.execute(
                "UPDATE locations SET division_id = ?1, name = ?2, name_key = ?3, active = ?4
                 WHERE id = ?5",
                params![
                    input.division_id,
                    name,
                    text::name_key(&name),
                    input.active,
                    input.id
                ],
            )?;
            let after = load(change, input.id)?;
            change.record_edit(
                Event::new("location.update", "location", input.id)
                    .before(&before)
                    .after(&after),
            )?;
            Ok(after)
        })
    }
}

/// Validates, inserts and records a new location (used by sample data too).
pub(crate) fn create(change: &Change<'_>, input: &LocationInput) -> Result<Location> {
    let name = text::required("name", &input.name, MAX_NAME)?;
    ensure_active_division(change, input.division_id)?;
    ensure_unique(change, input.division_id, &name, None)?;
    change.execute(
        "INSERT INTO locations (division_id, name, name_key, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![
            input.division_id,
            name,
            text::name_key(&name),
            change.stamp()
        ],
    )?;
    let location = load(change, LocationId(change.last_insert_rowid()))?;
    change.record(Event::new("location.create", "location", location.id).after(&location))?;
    Ok(location)
}

fn ensure_active_division(conn: &Connection, id: DivisionId) -> Result<()> {
    let division = divisions::load(conn, id).map_err(|e| match e {
        Error::NotFound { .. } => {
            Error::invalid("divisionId", format!("division {id} does not exist"))
        }
        other => other,
    })?;
    if !division.active {
        return Err(Error::invalid(
            "divisionId",
            format!("division {} is switched off", division.name),
        ));
    }
    Ok(())
}

fn ensure_unique(
    conn: &Connection,
    division: DivisionId,
    name: &str,
    except: Option<LocationId>,
) -> Result<()> {
    let clash: Option<LocationId> = conn
        .query_row(
            "SELECT id FROM locations WHERE division_id = ?1 AND name_key = ?2",
            params![division, text::name_key(name)],
            |row| row.get(0),
        )
        .optional()?;
    match clash {
        Some(id) if Some(id) != except => Err(Error::duplicate("name", name)),
        _ => Ok(()),
    }
}

const SELECT_LOCATION: &str = "SELECT l.id, l.division_id, d.name, l.name, l.active
    FROM locations l JOIN divisions d ON d.id = l.division_id";

fn location_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Location> {
    Ok(Location {
        id: row.get(0)?,
        division_id: row.get(1)?,
        division_name: row.get(2)?,
        name: row.get(3)?,
        active: row.get(4)?,
    })
}

fn load(conn: &Connection, id: LocationId) -> Result<Location> {
    conn.query_row(
        &format!("{SELECT_LOCATION} WHERE l.id = ?1"),
        [id],
        location_from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("location", id))
}
