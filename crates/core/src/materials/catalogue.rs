//! The catalogue of materials: code, name, unit, type, the store it is kept in and the
//! level below which it should be ordered again; and the editable list of types.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::quantity::Quantity;
use crate::assets::codes::code_key;
use crate::audit::Event;
use crate::auth::Permission;
use crate::error::{Error, Result};
use crate::ids::{LocationId, MaterialId, MaterialTypeId};
use crate::money::Satang;
use crate::register::{Actor, Change, Register};
use crate::text;

/// A type of material (วัสดุสำนักงาน …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MaterialType {
    /// Its id.
    pub id: MaterialTypeId,
    /// Its name.
    pub name: String,
    /// Offered for new items.
    pub active: bool,
}

/// A material's details as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct MaterialInput {
    /// The office's code (unique in any spelling or digit script).
    pub code: String,
    /// The name (กระดาษ A4 80 แกรม).
    pub name: String,
    /// The unit it is counted in (รีม, กล่อง, ลิตร …).
    pub unit: String,
    /// Whether it may be measured in fractions of the unit (fuel, cloth); otherwise only
    /// whole units go in or out.
    pub divisible: bool,
    /// Its type.
    pub type_id: Option<MaterialTypeId>,
    /// The store it is kept in.
    pub location_id: Option<LocationId>,
    /// The level below which it should be ordered again.
    pub minimum: Quantity,
    /// Notes.
    pub notes: String,
}

/// An edit of a material's details (its stock is changed only by entries on its card).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MaterialUpdate {
    /// Which.
    pub id: MaterialId,
    /// The new details.
    pub material: MaterialInput,
    /// Still in use (an item no longer bought is switched off, never deleted).
    pub active: bool,
}

/// A material with its balance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Material {
    /// Its id.
    pub id: MaterialId,
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// Measured in fractions of the unit.
    pub divisible: bool,
    /// Type.
    pub type_id: MaterialTypeId,
    /// The type's name.
    pub type_name: String,
    /// Store.
    pub location_id: Option<LocationId>,
    /// The store's name.
    pub location_name: Option<String>,
    /// Reorder level.
    pub minimum: Quantity,
    /// Notes.
    pub notes: String,
    /// In use.
    pub active: bool,
    /// On hand now (the card's last balance).
    pub balance: Quantity,
    /// Its value by FIFO.
    pub balance_value: Satang,
    /// The date of the card's last entry (no entry may be dated before it).
    pub last_entry_on: Option<NaiveDate>,
}

const MAX_CODE: usize = 40;
const MAX_NAME: usize = 200;
const MAX_UNIT: usize = 30;

pub(crate) const SELECT_MATERIAL: &str =
    "SELECT m.id, m.code, m.name, m.unit, m.divisible, m.type_id, t.name, m.location_id, l.name,
            m.minimum, m.notes, m.active, m.balance, m.balance_value, m.last_entry_on
     FROM materials m JOIN material_types t ON t.id = m.type_id
     LEFT JOIN locations l ON l.id = m.location_id";

pub(crate) fn material_from_row(r: &Row<'_>) -> rusqlite::Result<Material> {
    Ok(Material {
        id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        unit: r.get(3)?,
        divisible: r.get(4)?,
        type_id: r.get(5)?,
        type_name: r.get(6)?,
        location_id: r.get(7)?,
        location_name: r.get(8)?,
        minimum: r.get(9)?,
        notes: r.get(10)?,
        active: r.get(11)?,
        balance: r.get(12)?,
        balance_value: r.get(13)?,
        last_entry_on: r.get(14)?,
    })
}

/// One material, or `NotFound`.
pub(crate) fn load(conn: &rusqlite::Connection, id: MaterialId) -> Result<Material> {
    conn.query_row(
        &format!("{SELECT_MATERIAL} WHERE m.id = ?1"),
        [id],
        material_from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("material", id.0))
}

impl Register {
    /// The types of material, by name.
    pub fn list_material_types(&self, actor: &Actor) -> Result<Vec<MaterialType>> {
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            let mut stmt =
                conn.prepare("SELECT id, name, active FROM material_types ORDER BY name")?;
            let rows = stmt.query_map([], |r| {
                Ok(MaterialType {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    active: r.get(2)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Adds a type of material.
    pub fn create_material_type(&self, actor: &Actor, name: &str) -> Result<MaterialType> {
        self.change(actor, Some(Permission::ManageMaterials), |change| {
            let name = text::required("name", name, 100)?;
            let key = text::name_key(&name);
            let taken: bool = change.query_row(
                "SELECT EXISTS (SELECT 1 FROM material_types WHERE name_key = ?1)",
                [&key],
                |r| r.get(0),
            )?;
            if taken {
                return Err(Error::Duplicate {
                    field: "name".into(),
                    value: name,
                });
            }
            change.execute(
                "INSERT INTO material_types (name, name_key, created_at) VALUES (?1, ?2, ?3)",
                params![name, key, change.stamp()],
            )?;
            let made = MaterialType {
                id: MaterialTypeId(change.last_insert_rowid()),
                name,
                active: true,
            };
            change.record(
                Event::new("material_type.create", "material_type", made.id.0).after(&made),
            )?;
            Ok(made)
        })
    }

    /// Adds a material to the catalogue (with nothing in stock: stock comes in by a
    /// receipt or an opening balance).
    pub fn create_material(&self, actor: &Actor, input: &MaterialInput) -> Result<Material> {
        self.change(actor, Some(Permission::ManageMaterials), |change| {
            create(change, input)
        })
    }

    /// Edits a material's details. Its unit cannot become whole-only while its card holds
    /// a fraction.
    pub fn update_material(&self, actor: &Actor, input: &MaterialUpdate) -> Result<Material> {
        self.change(actor, Some(Permission::ManageMaterials), |change| {
            let before = load(change, input.id)?;
            let clean = validate(change, &input.material, Some(input.id))?;
            if !clean.divisible && !before.balance.is_whole() {
                return Err(Error::invalid(
                    "divisible",
                    "the card holds a fraction of the unit",
                ));
            }
            change.execute(
                "UPDATE materials SET code = ?2, code_key = ?3, name = ?4, unit = ?5, divisible = ?6,
                        type_id = ?7, location_id = ?8, minimum = ?9, notes = ?10, active = ?11,
                        updated_at = ?12
                 WHERE id = ?1",
                params![
                    input.id,
                    clean.code,
                    code_key(&clean.code),
                    clean.name,
                    clean.unit,
                    clean.divisible,
                    clean.type_id,
                    clean.location_id,
                    clean.minimum,
                    clean.notes,
                    input.active,
                    change.stamp()
                ],
            )?;
            let after = load(change, input.id)?;
            change.record_edit(
                Event::new("material.update", "material", input.id.0)
                    .before(&before)
                    .after(&after),
            )?;
            Ok(after)
        })
    }

    /// One material with its balance.
    pub fn material(&self, actor: &Actor, id: MaterialId) -> Result<Material> {
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            load(conn, id)
        })
    }
}

/// Checks a material's details; `editing` is the item being edited (its own code is not
/// a duplicate of itself).
fn validate(
    change: &Change<'_>,
    input: &MaterialInput,
    editing: Option<MaterialId>,
) -> Result<MaterialInput> {
    let code = text::required("code", &input.code, MAX_CODE)?;
    let name = text::required("name", &input.name, MAX_NAME)?;
    let unit = text::required("unit", &input.unit, MAX_UNIT)?;
    let notes = text::optional("notes", &input.notes, 1000)?;
    let type_id = input.type_id.ok_or_else(|| Error::Required {
        field: "typeId".into(),
    })?;
    let type_exists: bool = change.query_row(
        "SELECT EXISTS (SELECT 1 FROM material_types WHERE id = ?1)",
        [type_id],
        |r| r.get(0),
    )?;
    if !type_exists {
        return Err(Error::invalid("typeId", "no such type of material"));
    }
    if let Some(location) = input.location_id {
        let exists: bool = change.query_row(
            "SELECT EXISTS (SELECT 1 FROM locations WHERE id = ?1)",
            [location],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(Error::invalid("locationId", "no such location"));
        }
    }
    if input.minimum.0 < 0 {
        return Err(Error::invalid("minimum", "must not be negative"));
    }
    if !input.divisible && !input.minimum.is_whole() {
        return Err(Error::invalid(
            "minimum",
            "this item is counted in whole units",
        ));
    }
    let taken: Option<i64> = change
        .query_row(
            "SELECT id FROM materials WHERE code_key = ?1",
            [code_key(&code)],
            |r| r.get(0),
        )
        .optional()?;
    if taken.is_some_and(|id| Some(MaterialId(id)) != editing) {
        return Err(Error::Duplicate {
            field: "code".into(),
            value: code,
        });
    }
    Ok(MaterialInput {
        code,
        name,
        unit,
        divisible: input.divisible,
        type_id: Some(type_id),
        location_id: input.location_id,
        minimum: input.minimum,
        notes,
    })
}

/// Adds a material inside the caller's transaction (the form, an import).
pub(crate) fn create(change: &Change<'_>, input: &MaterialInput) -> Result<Material> {
    let clean = validate(change, input, None)?;
    change.execute(
        "INSERT INTO materials (code, code_key, name, unit, divisible, type_id, location_id,
                                minimum, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![
            clean.code,
            code_key(&clean.code),
            clean.name,
            clean.unit,
            clean.divisible,
            clean.type_id,
            clean.location_id,
            clean.minimum,
            clean.notes,
            change.stamp()
        ],
    )?;
    let made = load(change, MaterialId(change.last_insert_rowid()))?;
    change.record(Event::new("material.create", "material", made.id.0).after(&made))?;
    Ok(made)
}
