//! Asset categories (ประเภทครุภัณฑ์) with their type codes and default useful lives.
//! Seeded with common values; each body edits its own table.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::codes::code_key;
use crate::audit::Event;
use crate::auth::Permission;
use crate::error::{Error, Result};
use crate::ids::CategoryId;
use crate::register::{Actor, Change, Register};
use crate::text;

/// A category as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Category {
    /// Id.
    pub id: CategoryId,
    /// e.g. ครุภัณฑ์คอมพิวเตอร์.
    pub name: String,
    /// The type code used in asset codes, e.g. 416.
    pub type_code: String,
    /// Default useful life in years for new items.
    pub useful_life_years: u32,
    /// Switched-off categories keep their items but are not offered for new ones.
    pub active: bool,
    /// Items in the register in this category.
    pub asset_count: u32,
}

/// A category's details as entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CategoryInput {
    /// Name (unique).
    pub name: String,
    /// Type code (unique).
    pub type_code: String,
    /// Default useful life in years (1–100).
    pub useful_life_years: u32,
}

/// Changes to a category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CategoryUpdate {
    /// Which category.
    pub id: CategoryId,
    /// New details.
    pub category: CategoryInput,
    /// Whether it is offered for new items.
    pub active: bool,
}

impl Register {
    /// Every category, by type code.
    pub fn list_categories(&self, actor: &Actor) -> Result<Vec<Category>> {
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            let mut stmt =
                conn.prepare(&format!("{SELECT_CATEGORY} ORDER BY c.type_code, c.name"))?;
            let rows = stmt.query_map([], category_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Adds a category.
    pub fn create_category(&self, actor: &Actor, input: &CategoryInput) -> Result<Category> {
        self.change(actor, Some(Permission::ManageRegister), |change| {
            create(change, input)
        })
    }

    /// Renames, recodes or switches a category on or off. Existing asset codes keep the
    /// type code they were given.
    pub fn update_category(&self, actor: &Actor, input: &CategoryUpdate) -> Result<Category> {
        self.change(actor, Some(Permission::ManageRegister), |change| {
            let before = load(change, input.id)?;
            let clean = validate(change, &input.category, Some(input.id))?;
            change.execute(
                "UPDATE categories SET name = ?1, name_key = ?2, type_code = ?3, type_code_key = ?4,
                        useful_life_years = ?5, active = ?6
                 WHERE id = ?7",
                params![
                    clean.name,
                    text::name_key(&clean.name),
                    clean.type_code,
                    code_key(&clean.type_code),
                    clean.useful_life_years,
                    input.active,
                    input.id
                ],
            )?;
            let after = load(change, input.id)?;
            change.record_edit(
                Event::new("category.update", "category", input.id)
                    .before(&before)
                    .after(&after),
            )?;
            Ok(after)
        })
    }
}

/// Validates, inserts and records a category (imports create missing ones this way).
pub(crate) fn create(change: &Change<'_>, input: &CategoryInput) -> Result<Category> {
    let clean = validate(change, input, None)?;
    change.execute(
        "INSERT INTO categories (name, name_key, type_code, type_code_key, useful_life_years, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            clean.name,
            text::name_key(&clean.name),
            clean.type_code,
            code_key(&clean.type_code),
            clean.useful_life_years,
            change.stamp()
        ],
    )?;
    let category = load(change, CategoryId(change.last_insert_rowid()))?;
    change.record(Event::new("category.create", "category", category.id).after(&category))?;
    Ok(category)
}

fn validate(
    conn: &Connection,
    input: &CategoryInput,
    except: Option<CategoryId>,
) -> Result<CategoryInput> {
    let name = text::required("name", &input.name, 200)?;
    let type_code = text::required("typeCode", &input.type_code, 20)?;
    if code_key(&type_code).is_empty() {
        return Err(Error::invalid("typeCode", "needs letters or digits"));
    }
    if !(1..=100).contains(&input.useful_life_years) {
        return Err(Error::invalid("usefulLifeYears", "between 1 and 100 years"));
    }
    let clash = |column: &str, key: String| -> Result<bool> {
        let id: Option<CategoryId> = conn
            .query_row(
                &format!("SELECT id FROM categories WHERE {column} = ?1"),
                [key],
                |r| r.get(0),
            )
            .optional()?;
        Ok(id.is_some_and(|id| Some(id) != except))
    };
    if clash("name_key", text::name_key(&name))? {
        return Err(Error::duplicate("name", name));
    }
    if clash("type_code_key", code_key(&type_code))? {
        return Err(Error::duplicate("typeCode", type_code));
    }
    Ok(CategoryInput {
        name,
        type_code,
        useful_life_years: input.useful_life_years,
    })
}

const SELECT_CATEGORY: &str = "SELECT c.id, c.name, c.type_code, c.useful_life_years, c.active,
        (SELECT count(*) FROM assets a WHERE a.category_id = c.id)
    FROM categories c";

fn category_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Category> {
    Ok(Category {
        id: row.get(0)?,
        name: row.get(1)?,
        type_code: row.get(2)?,
        useful_life_years: row.get(3)?,
        active: row.get(4)?,
        asset_count: row.get(5)?,
    })
}

/// One category, or `not_found`.
pub(crate) fn load(conn: &Connection, id: CategoryId) -> Result<Category> {
    conn.query_row(
        &format!("{SELECT_CATEGORY} WHERE c.id = ?1"),
        [id],
        category_from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("category", id))
}
