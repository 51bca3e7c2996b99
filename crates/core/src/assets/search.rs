//! Finding assets: one search box plus filters, sorted and paged by the core so a list of
//! 100,000 items never travels to the UI whole.
//!
//! The search box matches, best first (see `search_cache`, which answers every search):
//! 1. the code exactly, in any spelling (`416 68 0001`, `๔๑๖-๖๘-๐๐๐๑`);
//! 2. codes starting with what was typed (`416-68` lists that group);
//! 3. every word found, as a substring (Thai needs no spaces), with what the item is:
//!    code, name, brand, model, serial number;
//! 4. every word found, some only with where it is or who holds it (location, custodian).
//!
//! Within each, by code. Lists ordered otherwise (by name, price, …) and exports take the
//! same hits and let SQLite order them.

use chrono::NaiveDate;
use rusqlite::Connection;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::search_cache::SearchCache;
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
    /// The one item whose code is exactly what was typed, in any spelling (a scanner
    /// sends a code and Enter: the list opens that item).
    pub exact: Option<AssetId>,
    /// Where this page starts.
    pub offset: u32,
}

impl Register {
    /// A page of assets matching the query.
    pub fn list_assets(&self, actor: &Actor, query: &AssetQuery) -> Result<AssetPage> {
        let typed = query.text.as_deref().unwrap_or("");
        if text::clean(typed).is_empty() {
            return self.read(actor, Some(Permission::ViewRegister), |conn, _| {
                page(conn, query, None)
            });
        }
        self.read_searching(actor, Some(Permission::ViewRegister), |conn, copy| {
            // Text ranked by relevance or code (the search box) is answered from memory;
            // other orders walk SQLite's indexes over the hits.
            if matches!(query.sort, AssetSort::Relevance | AssetSort::Code) {
                return self.cached_page(conn, copy, typed, query);
            }
            let cte = self.hits_cte(conn, copy, query)?;
            page(conn, query, cte.as_deref())
        })
    }

    /// Runs a read with the in-memory copy as of the read's own snapshot. Searches
    /// share the copy and run side by side; the one that finds it behind (something
    /// changed) reads again alone and brings it up to date first.
    ///
    /// The lock is taken before the read's snapshot begins, so every snapshot is at
    /// least as new as the one the copy was last brought to, and the copy only ever
    /// moves forward (an older snapshot would otherwise have it rebuilt whole).
    fn read_searching<T>(
        &self,
        actor: &Actor,
        needs: Option<Permission>,
        work: impl Fn(&Connection, &SearchCache) -> Result<T>,
    ) -> Result<T> {
        {
            let shared = self
                .search_cache
                .read()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let answer = self.read(actor, needs, |conn, _| match shared.as_ref() {
                Some(copy) if copy.is_current(conn)? => work(conn, copy).map(Some),
                _ => Ok(None),
            })?;
            if let Some(answer) = answer {
                return Ok(answer);
            }
        }
        let mut exclusive = self
            .search_cache
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        self.read(actor, needs, |conn, _| {
            // Taken out while it is mended: a copy that fails half-way is not kept.
            let copy = match exclusive.take() {
                Some(mut copy) => {
                    if copy.is_current(conn)? || copy.catch_up(conn)? {
                        copy
                    } else {
                        SearchCache::build(conn)?
                    }
                }
                None => SearchCache::build(conn)?,
            };
            work(conn, exclusive.insert(copy))
        })
    }

    /// The hits of the in-memory search for `query`'s text, in code order with their
    /// tiers.
    fn search_hits(
        &self,
        conn: &Connection,
        copy: &SearchCache,
        typed: &str,
        query: &AssetQuery,
    ) -> Result<Vec<(i64, u8)>> {
        let synonyms = super::synonyms::Expansions::load(conn)?;
        Ok(copy.search(typed, query, &synonyms))
    }

    /// For lists that SQLite orders (by name, price, …) and exports: the search's hits
    /// put in a temporary table and offered as the CTE `hits (id, tier, code)`; `None`
    /// without text. (The temporary table lives in this read's transaction only.)
    fn hits_cte(
        &self,
        conn: &Connection,
        copy: &SearchCache,
        query: &AssetQuery,
    ) -> Result<Option<String>> {
        let typed = query.text.as_deref().unwrap_or("");
        if text::clean(typed).is_empty() {
            return Ok(None);
        }
        let hits = self.search_hits(conn, copy, typed, query)?;
        conn.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS search_hits (id INTEGER PRIMARY KEY, tier INTEGER NOT NULL);
             DELETE FROM temp.search_hits;",
        )?;
        let mut insert =
            conn.prepare_cached("INSERT INTO temp.search_hits (id, tier) VALUES (?1, ?2)")?;
        for (id, tier) in hits {
            insert.execute(rusqlite::params![id, tier])?;
        }
        Ok(Some(
            "hits (id, tier, code) AS MATERIALIZED (
                SELECT s.id, s.tier, a.code FROM temp.search_hits s JOIN assets a ON a.id = s.id)"
                .to_owned(),
        ))
    }

    /// A search page from the in-memory copy (rebuilt first if the register changed),
    /// with only the page's rows read from SQLite.
    fn cached_page(
        &self,
        conn: &Connection,
        copy: &SearchCache,
        typed: &str,
        query: &AssetQuery,
    ) -> Result<AssetPage> {
        let mut hits = self.search_hits(conn, copy, typed, query)?;
        let mut exact = hits
            .iter()
            .filter(|(_, tier)| *tier == 0)
            .map(|(id, _)| *id);
        let exact = match (exact.next(), exact.next()) {
            (Some(id), None) => Some(AssetId(id)),
            _ => None,
        };
        // Hits come in code order; relevance puts the tiers first (a stable sort keeps
        // the code order within each), and descending reverses the whole list, as
        // `ORDER BY tier DESC, code DESC, id DESC` would.
        if query.sort == AssetSort::Relevance {
            hits.sort_by_key(|(_, tier)| *tier);
        }
        if query.descending {
            hits.reverse();
        }
        let total = u32::try_from(hits.len()).unwrap_or(u32::MAX);
        let limit = query.limit.clamp(1, MAX_PAGE) as usize;
        let chosen: Vec<i64> = hits
            .iter()
            .skip(query.offset as usize)
            .take(limit)
            .map(|(id, _)| *id)
            .collect();
        let mut rows = Vec::with_capacity(chosen.len());
        if !chosen.is_empty() {
            // Integers from the register itself, written into the statement.
            let list = chosen
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(",");
            let mut stmt = conn.prepare(&format!(
                "SELECT {ROW_COLUMNS} FROM assets a {JOINS} WHERE a.id IN ({list})"
            ))?;
            let mut by_id: std::collections::HashMap<i64, AssetRow> = stmt
                .query_map([], row_from)?
                .map(|row| row.map(|r| (r.id.0, r)))
                .collect::<rusqlite::Result<_>>()?;
            rows.extend(chosen.iter().filter_map(|id| by_id.remove(id)));
        }
        Ok(AssetPage {
            rows,
            total,
            exact,
            offset: query.offset,
        })
    }

    /// Every asset matching the query, in full and in list order (paging is ignored).
    pub fn assets_for_export(
        &self,
        actor: &Actor,
        query: &AssetQuery,
    ) -> Result<Vec<super::records::Asset>> {
        let typed = query.text.as_deref().unwrap_or("");
        if text::clean(typed).is_empty() {
            return self.read(actor, Some(Permission::ViewRegister), |conn, _| {
                full_rows(conn, query, None)
            });
        }
        self.read_searching(actor, Some(Permission::ViewRegister), |conn, copy| {
            let cte = self.hits_cte(conn, copy, query)?;
            full_rows(conn, query, cte.as_deref())
        })
    }
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

/// The ORDER BY for a list. Searching, `h` holds the hits' tier and code (see `page`).
fn order_by(query: &AssetQuery, searching: bool) -> String {
    let direction = if query.descending { "DESC" } else { "ASC" };
    let column = match query.sort {
        AssetSort::Relevance if searching => {
            return format!("h.tier {direction}, h.code {direction}, h.id {direction}");
        }
        AssetSort::Relevance | AssetSort::Code if searching => {
            return format!("h.code {direction}, h.id {direction}");
        }
        AssetSort::Relevance | AssetSort::Code => "a.code",
        AssetSort::Name => "a.name",
        AssetSort::AcquiredOn => "a.acquired_on",
        AssetSort::UnitPrice => "a.unit_price",
        AssetSort::Status => "a.status",
        AssetSort::Division => "d.name",
    };
    format!("{column} {direction}, a.id {direction}")
}

const ROW_COLUMNS: &str = concat!(
    "a.id, a.code, a.name, a.brand, a.model, a.serial_no, c.name, d.name, l.name, ",
    custodian_name_sql!(),
    ", a.acquired_on, a.unit_price, a.status"
);

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

/// Every matching asset in full, in list order (spreadsheet exports).
pub(crate) fn full_rows(
    conn: &Connection,
    query: &AssetQuery,
    cte: Option<&str>,
) -> Result<Vec<super::records::Asset>> {
    let mut args = Vec::new();
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

/// How many assets match (used only when a page comes back empty).
fn count(conn: &Connection, query: &AssetQuery, cte: Option<&str>) -> Result<u32> {
    let mut args = Vec::new();
    let searching = cte.is_some();
    let with = cte.map(|c| format!("WITH {c}")).unwrap_or_default();
    let filter = filters(query, &mut args);
    let source = source(searching, query, &filter);
    let sql = format!("{with} SELECT count(*) FROM {source} {filter}");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(rusqlite::params_from_iter(&args), |r| r.get(0))?)
}

/// The assets a list draws from: all of them, or the search hits with their tier and code.
/// Hits alone suffice when nothing else narrows or orders them, which spares joining every
/// hit to its asset row again.
fn source(searching: bool, query: &AssetQuery, filter: &str) -> &'static str {
    let by_hit = matches!(query.sort, AssetSort::Relevance | AssetSort::Code);
    match (searching, filter.is_empty() && by_hit) {
        (false, _) => "assets a",
        (true, true) => "hits h",
        (true, false) => "assets a JOIN hits h ON h.id = a.id",
    }
}

/// A page of the list and the total, in one statement.
///
/// The page is chosen on ids alone (an index walk, or the search hits) and only its rows
/// are joined to their category, division, location and custodian: a page deep in a
/// 100,000-item list costs an index walk, not 50,000 joins. The search runs once for both
/// the page and the count (`hits` is materialised).
pub(crate) fn page(conn: &Connection, query: &AssetQuery, cte: Option<&str>) -> Result<AssetPage> {
    let mut args = Vec::new();
    let searching = cte.is_some();
    let with = cte.map(|c| format!("WITH {c}")).unwrap_or_default();
    let sort_join = if query.sort == AssetSort::Division {
        "LEFT JOIN divisions d ON d.id = a.division_id"
    } else {
        ""
    };
    let order = order_by(query, searching);
    let first_filter_arg = args.len();
    let filter = filters(query, &mut args);
    let source = source(searching, query, &filter);
    let (id, tier, code) = match source {
        "hits h" => ("h.id", "h.tier", "h.code"),
        _ if searching => ("a.id", "h.tier", "a.code"),
        _ => ("a.id", "0", "a.code"),
    };
    // The filter's arguments appear twice: in the count (first in the text), then the page.
    let filter_args = args[first_filter_arg..].to_vec();
    args.extend(filter_args);
    args.push(Value::Integer(i64::from(query.limit.clamp(1, MAX_PAGE))));
    args.push(Value::Integer(i64::from(query.offset)));
    // The outer query names the chosen page `h` so one ORDER BY serves both levels.
    let sql = format!(
        "{with} SELECT {ROW_COLUMNS}, (SELECT count(*) FROM {source} {filter})
         FROM (SELECT {id} AS id, {tier} AS tier, {code} AS code FROM {source} {sort_join} {filter}
               ORDER BY {order} LIMIT ? OFFSET ?) h
         JOIN assets a ON a.id = h.id {JOINS}
         ORDER BY {order}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut total = 0;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(&args), |r| {
            total = r.get(13)?;
            row_from(r)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if rows.is_empty() && query.offset > 0 {
        // Scrolled past the end (the list shrank): the total still tells the UI where it is.
        total = count(conn, query, cte)?;
    }
    Ok(AssetPage {
        rows,
        total,
        // Lists SQLite orders are browsed, not scanned into.
        exact: None,
        offset: query.offset,
    })
}
