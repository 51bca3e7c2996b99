//! Finding assets: one search box plus filters, sorted and paged by the core so a list of
//! 100,000 items never travels to the UI whole.
//!
//! The search box matches, best first:
//! 1. the code exactly, in any spelling (`416 68 0001`, `๔๑๖-๖๘-๐๐๐๑`);
//! 2. codes starting with what was typed (`416-68` lists that group);
//! 3. every word of at least three characters anywhere in the code, name, brand, model,
//!    serial number, location or custodian — Thai needs no spaces (FTS5 trigram index);
//! 4. when every word is shorter than three characters (e.g. "รถ"), a plain substring
//!    match on code, name, brand and model.

use chrono::NaiveDate;
use rusqlite::Connection;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::codes::code_key;
use super::status::AssetStatus;
use crate::auth::Permission;
use crate::calendar::FiscalYear;
use crate::error::Result;
use crate::ids::{AssetId, CategoryId, DivisionId, LocationId};
use crate::money::Satang;
use crate::register::{Actor, Register};
use crate::text;

/// Most rows one page may ask for.
pub const MAX_PAGE: u32 = 500;

/// How a list is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AssetSort {
    /// Best match first when searching, else by code.
    #[default]
    Relevance,
    /// By code.
    Code,
    /// By name (Thai order as stored).
    Name,
    /// By acquisition date.
    AcquiredOn,
    /// By unit price.
    UnitPrice,
    /// By status.
    Status,
    /// By holding division.
    Division,
}

/// Which assets to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssetQuery {
    /// What was typed in the search box.
    pub text: Option<String>,
    /// Only this division.
    pub division_id: Option<DivisionId>,
    /// Only this category.
    pub category_id: Option<CategoryId>,
    /// Only this status.
    pub status: Option<AssetStatus>,
    /// Only this location.
    pub location_id: Option<LocationId>,
    /// Only items acquired in this fiscal year (B.E.).
    pub fiscal_year: Option<i32>,
    /// Unit price at least.
    pub price_min: Option<Satang>,
    /// Unit price at most.
    pub price_max: Option<Satang>,
    /// Order.
    pub sort: AssetSort,
    /// Reverse the order.
    pub descending: bool,
    /// Rows to skip.
    pub offset: u32,
    /// Rows to return (1–500).
    pub limit: u32,
}

/// One line of the asset list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssetRow {
    /// Id.
    pub id: AssetId,
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Brand.
    pub brand: String,
    /// Model.
    pub model: String,
    /// Serial number.
    pub serial_no: String,
    /// Category name.
    pub category_name: String,
    /// Holding division.
    pub division_name: Option<String>,
    /// Location.
    pub location_name: Option<String>,
    /// Custodian.
    pub custodian_name: Option<String>,
    /// Acquisition date.
    pub acquired_on: NaiveDate,
    /// Unit price.
    pub unit_price: Satang,
    /// Status.
    pub status: AssetStatus,
}

/// One page of a list and how many match in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssetPage {
    /// The rows.
    pub rows: Vec<AssetRow>,
    /// Matching assets in all.
    pub total: u32,
    /// Where this page starts.
    pub offset: u32,
}

impl Register {
    /// A page of assets matching the query.
    pub fn list_assets(&self, actor: &Actor, query: &AssetQuery) -> Result<AssetPage> {
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            page(conn, query)
        })
    }

    /// Every asset matching the query, in full and in list order (paging is ignored).
    pub fn assets_for_export(
        &self,
        actor: &Actor,
        query: &AssetQuery,
    ) -> Result<Vec<super::records::Asset>> {
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            full_rows(conn, query)
        })
    }
}

/// The search part: matching ids with a tier (lower is better) and a score.
fn search_cte(text: &str, args: &mut Vec<Value>) -> Option<String> {
    let cleaned = text::clean(text);
    if cleaned.is_empty() {
        return None;
    }
    let key = code_key(&cleaned);
    let words: Vec<&str> = cleaned.split(' ').collect();
    let long: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| w.chars().count() >= 3)
        .collect();
    let mut parts = Vec::new();
    if !key.is_empty() {
        parts.push("SELECT id, 0 AS tier, 0.0 AS score FROM assets WHERE code_key = ?".to_owned());
        args.push(Value::Text(key.clone()));
        let glob: String = key
            .chars()
            .flat_map(|c| {
                if matches!(c, '*' | '?' | '[') {
                    vec!['[', c, ']']
                } else {
                    vec![c]
                }
            })
            .chain(std::iter::once('*'))
            .collect();
        parts.push(
            "SELECT id, 1 AS tier, 0.0 AS score FROM assets WHERE code_key GLOB ?".to_owned(),
        );
        args.push(Value::Text(glob));
    }
    if long.is_empty() {
        let pattern = text::like_pattern(&cleaned);
        parts.push(
            "SELECT id, 3 AS tier, 0.0 AS score FROM assets WHERE code LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\'
               OR brand LIKE ? ESCAPE '\\' OR model LIKE ? ESCAPE '\\'"
                .to_owned(),
        );
        for _ in 0..4 {
            args.push(Value::Text(pattern.clone()));
        }
    } else {
        // Each word as a quoted phrase: trigram phrases match anywhere, spaces mean AND.
        let expression = long
            .iter()
            .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(" ");
        parts.push("SELECT rowid AS id, 2 AS tier, bm25(asset_search) AS score FROM asset_search WHERE asset_search MATCH ?".to_owned());
        args.push(Value::Text(expression));
        if long.len() == 1 && key.chars().count() >= 3 && key != long[0] {
            // "416 68 0001" typed with spaces: the code's key is indexed too.
            parts.push("SELECT rowid AS id, 2 AS tier, bm25(asset_search) AS score FROM asset_search WHERE asset_search MATCH ?".to_owned());
            args.push(Value::Text(format!("code : \"{key}\"")));
        }
    }
    // One rank per hit from its best tier: bm25 scores are small negatives, far apart
    // from the next tier's 1000.
    Some(format!(
        "hits (id, rank) AS (SELECT id, min(tier * 1000.0 + score) FROM ({}) GROUP BY id)",
        parts.join(" UNION ALL ")
    ))
}

/// The WHERE clause for the filters.
fn filters(query: &AssetQuery, args: &mut Vec<Value>) -> String {
    let mut clauses = Vec::new();
    let mut push = |clause: &str, value: Value| {
        clauses.push(clause.to_owned());
        args.push(value);
    };
    if let Some(d) = query.division_id {
        push("a.division_id = ?", Value::Integer(d.0));
    }
    if let Some(c) = query.category_id {
        push("a.category_id = ?", Value::Integer(c.0));
    }
    if let Some(s) = query.status {
        push("a.status = ?", Value::Text(s.as_str().to_owned()));
    }
    if let Some(l) = query.location_id {
        push("a.location_id = ?", Value::Integer(l.0));
    }
    if let Some(year) = query.fiscal_year {
        let fy = FiscalYear(year);
        push("a.acquired_on >= ?", Value::Text(fy.start().to_string()));
        push("a.acquired_on <= ?", Value::Text(fy.end().to_string()));
    }
    if let Some(min) = query.price_min {
        push("a.unit_price >= ?", Value::Integer(min.0));
    }
    if let Some(max) = query.price_max {
        push("a.unit_price <= ?", Value::Integer(max.0));
    }
    if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    }
}

fn order_by(query: &AssetQuery, searching: bool) -> String {
    let direction = if query.descending { "DESC" } else { "ASC" };
    let column = match query.sort {
        AssetSort::Relevance if searching => return format!("h.rank {direction}, a.code"),
        AssetSort::Relevance | AssetSort::Code => "a.code",
        AssetSort::Name => "a.name",
        AssetSort::AcquiredOn => "a.acquired_on",
        AssetSort::UnitPrice => "a.unit_price",
        AssetSort::Status => "a.status",
        AssetSort::Division => "d.name",
    };
    format!("{column} {direction}, a.id {direction}")
}

const ROW_COLUMNS: &str = "a.id, a.code, a.name, a.brand, a.model, a.serial_no, c.name, d.name,
    l.name, CASE WHEN p.id IS NULL THEN NULL ELSE p.title || p.first_name || ' ' || p.last_name END,
    a.acquired_on, a.unit_price, a.status";

const JOINS: &str = "JOIN categories c ON c.id = a.category_id
    LEFT JOIN divisions d ON d.id = a.division_id
    LEFT JOIN locations l ON l.id = a.location_id
    LEFT JOIN people p ON p.id = a.custodian_id";

fn row_from(r: &rusqlite::Row<'_>) -> rusqlite::Result<AssetRow> {
    Ok(AssetRow {
        id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        brand: r.get(3)?,
        model: r.get(4)?,
        serial_no: r.get(5)?,
        category_name: r.get(6)?,
        division_name: r.get(7)?,
        location_name: r.get(8)?,
        custodian_name: r.get::<_, Option<String>>(9)?.map(|n| n.trim().to_owned()),
        acquired_on: r.get(10)?,
        unit_price: r.get(11)?,
        status: r.get(12)?,
    })
}

/// The matching rows in order; `limit` `None` returns every one (exports).
pub(crate) fn rows(
    conn: &Connection,
    query: &AssetQuery,
    limit: Option<(u32, u32)>,
) -> Result<Vec<AssetRow>> {
    let mut args = Vec::new();
    let cte = query.text.as_deref().and_then(|t| search_cte(t, &mut args));
    let searching = cte.is_some();
    let with = cte.map(|c| format!("WITH {c}")).unwrap_or_default();
    let hits = if searching {
        "JOIN hits h ON h.id = a.id"
    } else {
        ""
    };
    let filter = filters(query, &mut args);
    let page = match limit {
        Some((offset, limit)) => {
            args.push(Value::Integer(i64::from(limit.clamp(1, MAX_PAGE))));
            args.push(Value::Integer(i64::from(offset)));
            "LIMIT ? OFFSET ?"
        }
        None => "",
    };
    let sql = format!(
        "{with} SELECT {ROW_COLUMNS} FROM assets a {hits} {JOINS} {filter} ORDER BY {} {page}",
        order_by(query, searching)
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(&args), row_from)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Every matching asset in full, in list order (spreadsheet exports).
pub(crate) fn full_rows(
    conn: &Connection,
    query: &AssetQuery,
) -> Result<Vec<super::records::Asset>> {
    let mut args = Vec::new();
    let cte = query.text.as_deref().and_then(|t| search_cte(t, &mut args));
    let searching = cte.is_some();
    let with = cte.map(|c| format!("WITH {c}")).unwrap_or_default();
    let hits = if searching {
        "JOIN hits h ON h.id = a.id"
    } else {
        ""
    };
    let filter = filters(query, &mut args);
    // SELECT_ASSET already joins categories, divisions, locations and people.
    let select =
        super::records::SELECT_ASSET.replacen("FROM assets a", &format!("FROM assets a {hits}"), 1);
    let sql = format!(
        "{with} {select} {filter} ORDER BY {}",
        order_by(query, searching)
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(
        rusqlite::params_from_iter(&args),
        super::records::asset_from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// How many assets match.
fn count(conn: &Connection, query: &AssetQuery) -> Result<u32> {
    let mut args = Vec::new();
    let cte = query.text.as_deref().and_then(|t| search_cte(t, &mut args));
    let hits = if cte.is_some() {
        "JOIN hits h ON h.id = a.id"
    } else {
        ""
    };
    let with = cte.map(|c| format!("WITH {c}")).unwrap_or_default();
    let filter = filters(query, &mut args);
    // Division joins are only needed when sorting; counting needs none of them.
    let sql = format!("{with} SELECT count(*) FROM assets a {hits} {filter}");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(rusqlite::params_from_iter(&args), |r| r.get(0))?)
}

/// A page of the list.
pub(crate) fn page(conn: &Connection, query: &AssetQuery) -> Result<AssetPage> {
    Ok(AssetPage {
        rows: rows(conn, query, Some((query.offset, query.limit)))?,
        total: count(conn, query)?,
        offset: query.offset,
    })
}
