//! What the disposal steps share: numbering per fiscal year, who stands as the agency head
//! on a day, an item's particulars, and whether an item is free to enter a case.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use crate::assets::AssetStatus;
use crate::assets::depreciation::Depreciable;
use crate::calendar::FiscalYear;
use crate::error::{Error, Result};
use crate::ids::{AssetId, UserId};
use crate::loans::approvers::{self, Standing};
use crate::money::Satang;

/// The next number of a counter table for the fiscal year of `date`: "<prefix><n>/<year>".
pub(super) fn next_no(
    conn: &Connection,
    counters: &str,
    prefix: &str,
    date: NaiveDate,
) -> Result<String> {
    let year = FiscalYear::of(date).be_year();
    let last: i64 = conn.query_row(
        &format!(
            "INSERT INTO {counters} (fiscal_year, last) VALUES (?1, 1)
             ON CONFLICT (fiscal_year) DO UPDATE SET last = last + 1 RETURNING last"
        ),
        [year],
        |r| r.get(0),
    )?;
    Ok(format!("{prefix}{last}/{year}"))
}

/// The users holding the agency head's role.
fn agency_heads(conn: &Connection) -> Result<Vec<UserId>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT u.id FROM users u JOIN user_roles r ON r.user_id = u.id
         WHERE u.active = 1 AND r.role = 'agency_head' ORDER BY u.id",
    )?;
    Ok(stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<UserId>>>()?)
}

/// Whether `user` acts as the agency head on `date`, in their own right or standing in.
pub(super) fn agency_standing(
    conn: &Connection,
    user: UserId,
    date: NaiveDate,
) -> Result<Option<Standing>> {
    let heads = agency_heads(conn)?;
    if heads.contains(&user) {
        return Ok(Some(Standing::Own));
    }
    approvers::delegated_by(conn, user, &heads, date)
}

/// Who may act as the agency head on `date`, for the "only … may" message.
pub(super) fn agency_names(conn: &Connection, date: NaiveDate) -> Result<String> {
    let mut names = Vec::new();
    for id in agency_heads(conn)? {
        names.push(approvers::user_name(conn, id)?);
        names.extend(approvers::stand_in_names(conn, id, date)?);
    }
    Ok(names.join(", "))
}

/// The principal and wording a standing records.
pub(super) fn standing_columns(
    standing: &Standing,
) -> (Option<UserId>, Option<approvers::DelegationWording>) {
    match standing {
        Standing::Own => (None, None),
        Standing::Delegate {
            principal_id,
            wording,
            ..
        } => (Some(*principal_id), Some(*wording)),
    }
}

/// What a case needs to know of an item.
pub(super) struct Item {
    pub code: String,
    pub status: AssetStatus,
    pub cost: Satang,
    pub acquired_on: NaiveDate,
    pub useful_life_years: u32,
}

pub(super) fn item(conn: &Connection, asset: AssetId) -> Result<Item> {
    conn.query_row(
        "SELECT code, status, unit_price, acquired_on, useful_life_years FROM assets WHERE id = ?1",
        [asset],
        |r| {
            Ok(Item {
                code: r.get(0)?,
                status: r.get(1)?,
                cost: r.get(2)?,
                acquired_on: r.get(3)?,
                useful_life_years: r.get(4)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::not_found("asset", asset))
}

impl Item {
    /// Its net book value at the end of `on`.
    pub fn net_book_value(&self, conn: &Connection, on: NaiveDate) -> Result<Satang> {
        let basis = crate::assets::settings::load(conn)?.depreciation_basis;
        Ok(Depreciable {
            cost: self.cost,
            acquired_on: self.acquired_on,
            useful_life_years: self.useful_life_years,
        }
        .net_book_value_on(on, basis))
    }
}

/// The open fact-finding case an item is in, if any (its number).
pub(super) fn open_case_of(conn: &Connection, asset: AssetId) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT f.case_no FROM fact_finding_items i JOIN fact_findings f ON f.id = i.case_id
             WHERE i.asset_id = ?1 AND f.status = 'open' LIMIT 1",
            [asset],
            |r| r.get(0),
        )
        .optional()?)
}

/// The disposal still under way an item is in, if any (its number).
pub(super) fn open_disposal_of(conn: &Connection, asset: AssetId) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT d.disposal_no FROM disposal_items i JOIN disposals d ON d.id = i.disposal_id
             WHERE i.asset_id = ?1 AND d.status IN ('proposed', 'approved') LIMIT 1",
            [asset],
            |r| r.get(0),
        )
        .optional()?)
}

/// The loan an item is out on or reserved by, if any (its number).
pub(super) fn loan_of(conn: &Connection, asset: AssetId) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT l.loan_no FROM loan_items li JOIN loans l ON l.id = li.loan_id
             WHERE li.asset_id = ?1 AND (li.state = 'out'
                OR (li.state = 'pending' AND l.status IN ('approved', 'out')))
             LIMIT 1",
            params![asset],
            |r| r.get(0),
        )
        .optional()?)
}
