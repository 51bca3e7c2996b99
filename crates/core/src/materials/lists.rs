//! The catalogue as a list: by type, by what is under its reorder level, by text.
//!
//! Text is matched on the folded code and name (any case, spacing or digit script), as
//! the asset search does; 20,000 items are scanned by SQLite in milliseconds. The
//! in-memory copy the asset search keeps (`assets::search_cache`) is the pattern to
//! follow should the catalogue ever need ranked, fuzzy search.

use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::catalogue::{Material, SELECT_MATERIAL, material_from_row};
use crate::assets::codes::code_key;
use crate::auth::Permission;
use crate::error::Result;
use crate::ids::MaterialTypeId;
use crate::register::{Actor, Register};
use crate::text;

/// Which materials to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct MaterialQuery {
    /// Words in the code or the name.
    pub text: Option<String>,
    /// Only this type.
    pub type_id: Option<MaterialTypeId>,
    /// Only items below their reorder level (the dashboard's list).
    pub below_minimum: bool,
    /// Items no longer in use too.
    pub include_inactive: bool,
}

impl Register {
    /// The catalogue, in code order.
    pub fn list_materials(&self, actor: &Actor, query: &MaterialQuery) -> Result<Vec<Material>> {
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            let mut clauses = Vec::new();
            let mut args: Vec<Value> = Vec::new();
            if !query.include_inactive {
                clauses.push("m.active = 1".to_owned());
            }
            if let Some(kind) = query.type_id {
                args.push(Value::Integer(kind.0));
                clauses.push(format!("m.type_id = ?{}", args.len()));
            }
            if query.below_minimum {
                clauses.push("m.balance < m.minimum".to_owned());
            }
            let typed = text::clean(query.text.as_deref().unwrap_or(""));
            for word in typed.split_whitespace() {
                args.push(Value::Text(format!("%{}%", code_key(word))));
                let code = args.len();
                args.push(Value::Text(format!("%{}%", text::name_key(word))));
                clauses.push(format!(
                    "(m.code_key LIKE ?{code} OR lower(m.name) LIKE ?{})",
                    args.len()
                ));
            }
            let filter = if clauses.is_empty() {
                String::new()
            } else {
                format!(" WHERE {}", clauses.join(" AND "))
            };
            let mut stmt =
                conn.prepare(&format!("{SELECT_MATERIAL}{filter} ORDER BY m.code_key"))?;
            let rows = stmt.query_map(rusqlite::params_from_iter(args), material_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }
}
