//! What happens to an asset after it is recorded: custody transfers (ข้อ ๒๐๔–๒๐๖, issuing
//! to a division) and status changes, each with its date, document number and reason.

use chrono::NaiveDate;
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use super::records::{self, Asset, AssetEvent};
use super::status::AssetStatus;
use crate::audit::Event;
use crate::auth::Permission;
use crate::error::{Error, Result};
use crate::ids::{AssetId, DivisionId, LocationId, PersonId};
use crate::register::{Actor, Change, Register};
use crate::text;

/// Most items moved in one transfer.
const MAX_TRANSFER: usize = 1000;

/// A change of status, with the paperwork behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StatusChange {
    /// Which asset.
    pub asset_id: AssetId,
    /// The new status.
    pub status: AssetStatus,
    /// Date of the document or finding.
    pub on_date: NaiveDate,
    /// Document number (the report or order behind the change).
    pub document_no: String,
    /// Why (required).
    pub reason: String,
}

/// Moving items to another division, location or custodian.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Transfer {
    /// The items moved together.
    pub asset_ids: Vec<AssetId>,
    /// New division.
    pub division_id: Option<DivisionId>,
    /// New location (must belong to the division).
    pub location_id: Option<LocationId>,
    /// New custodian.
    pub custodian_id: Option<PersonId>,
    /// Date of the transfer document.
    pub on_date: NaiveDate,
    /// Its number (e.g. the requisition signed by the division head).
    pub document_no: String,
    /// Why.
    pub reason: String,
}

impl Register {
    /// Records a new status for an asset. A disposed asset cannot change any more, and
    /// "disposed" itself comes only from a disposal's write-off.
    pub fn change_asset_status(&self, actor: &Actor, input: &StatusChange) -> Result<Asset> {
        self.change(actor, Some(Permission::ManageRegister), |change| {
            let before = records::load(change, input.asset_id)?;
            if before.status == AssetStatus::Disposed {
                return Err(Error::invalid("status", "a disposed asset is read-only"));
            }
            if before.status == input.status {
                return Err(Error::invalid(
                    "status",
                    "the asset already has this status",
                ));
            }
            if input.status == AssetStatus::Disposed {
                // ข้อ ๒๑๗: an item leaves the register only by the write-off of an approved
                // disposal (`disposal::batches`), never by a status change.
                return Err(Error::invalid(
                    "status",
                    "an item is disposed only by writing off an approved disposal",
                ));
            }
            let reason = text::required("reason", &input.reason, 1000)?;
            let document_no = text::optional("documentNo", &input.document_no, 200)?;
            check_date(change, input.on_date, &before)?;
            set_status(
                change,
                input.asset_id,
                before.status,
                input.status,
                input.on_date,
                &document_no,
                &reason,
            )?;
            let after = records::load(change, input.asset_id)?;
            change.record(
                Event::new("asset.status", "asset", input.asset_id)
                    .before(&before)
                    .after(&after),
            )?;
            Ok(after)
        })
    }

    /// Moves items to a new division, location and custodian in one transaction.
    pub fn transfer_assets(&self, actor: &Actor, input: &Transfer) -> Result<Vec<Asset>> {
        self.change(actor, Some(Permission::ManageRegister), |change| {
            if input.asset_ids.is_empty() {
                return Err(Error::required("assetIds"));
            }
            if input.asset_ids.len() > MAX_TRANSFER {
                return Err(Error::invalid(
                    "assetIds",
                    format!("at most {MAX_TRANSFER} items at once"),
                ));
            }
            let reason = text::required("reason", &input.reason, 1000)?;
            let document_no = text::optional("documentNo", &input.document_no, 200)?;
            let mut place = records::AssetInput {
                division_id: input.division_id,
                location_id: input.location_id,
                custodian_id: input.custodian_id,
                ..Default::default()
            };
            destination(change, &mut place)?;
            input
                .asset_ids
                .iter()
                .map(|&id| {
                    let before = records::load(change, id)?;
                    if before.status == AssetStatus::Disposed {
                        return Err(Error::invalid(
                            "assetIds",
                            format!("{} is disposed and read-only", before.code),
                        ));
                    }
                    check_date(change, input.on_date, &before)?;
                    change.execute(
                        // A transfer is a new custody: a name an import kept as
                        // written no longer holds the item.
                        "UPDATE assets SET division_id = ?1, location_id = ?2, custodian_id = ?3,
                                custodian_as_written = '', updated_at = ?4 WHERE id = ?5",
                        params![
                            place.division_id,
                            place.location_id,
                            place.custodian_id,
                            change.stamp(),
                            id
                        ],
                    )?;
                    let after = records::load(change, id)?;
                    record_event(
                        change,
                        id,
                        "transfer",
                        input.on_date,
                        &document_no,
                        &reason,
                        placement(&before),
                        placement(&after),
                    )?;
                    change.record(
                        Event::new("asset.transfer", "asset", id)
                            .before(&before)
                            .after(&after),
                    )?;
                    Ok(after)
                })
                .collect()
        })
    }
}

/// A transfer must say where to; the place is checked as for a new record.
fn destination(change: &Change<'_>, place: &mut records::AssetInput) -> Result<()> {
    if place.division_id.is_none() && place.location_id.is_none() && place.custodian_id.is_none() {
        return Err(Error::required("divisionId"));
    }
    records::resolve_destination(change, place)
}

fn check_date(change: &Change<'_>, on: NaiveDate, asset: &Asset) -> Result<()> {
    if on > change.today() {
        return Err(Error::invalid("onDate", "in the future"));
    }
    if on < asset.acquired_on {
        return Err(Error::invalid("onDate", "before the asset was acquired"));
    }
    Ok(())
}

/// Where an asset is and who holds it, by name, as the history shows it.
fn placement(asset: &Asset) -> serde_json::Value {
    json!({
        "divisionId": asset.division_id,
        "division": asset.division_name,
        "locationId": asset.location_id,
        "location": asset.location_name,
        "custodianId": asset.custodian_id,
        "custodian": asset.custodian_name,
    })
}

/// Sets an asset's status as the consequence of another record (an item returned
/// damaged or lost from a loan), with the same event and audit entry as a status change
/// typed in, so the item's history tells why.
pub(crate) fn set_status_because(
    change: &Change<'_>,
    asset: AssetId,
    status: AssetStatus,
    on: NaiveDate,
    document_no: &str,
    reason: &str,
) -> Result<()> {
    let before = records::load(change, asset)?;
    if before.status == status || before.status == AssetStatus::Disposed {
        return Ok(());
    }
    change.execute(
        "UPDATE assets SET status = ?1, updated_at = ?2 WHERE id = ?3",
        params![status, change.stamp(), asset],
    )?;
    record_event(
        change,
        asset,
        "status",
        on,
        document_no,
        reason,
        json!({ "status": before.status }),
        json!({ "status": status }),
    )?;
    let after = records::load(change, asset)?;
    change.record(
        Event::new("asset.status", "asset", asset)
            .before(&before)
            .after(&after),
    )
}

/// Moves an asset to `location` (and that location's division) as the consequence of
/// another record (where a check round found it), keeping its custodian, with the same
/// event and audit entry as a transfer typed in.
pub(crate) fn relocate_because(
    change: &Change<'_>,
    asset: AssetId,
    location: LocationId,
    on: NaiveDate,
    document_no: &str,
    reason: &str,
) -> Result<()> {
    let before = records::load(change, asset)?;
    if before.status == AssetStatus::Disposed {
        return Err(Error::invalid(
            "assetIds",
            format!("{} is disposed and read-only", before.code),
        ));
    }
    if before.location_id == Some(location) {
        return Ok(());
    }
    let mut place = records::AssetInput {
        location_id: Some(location),
        ..Default::default()
    };
    records::resolve_destination(change, &mut place)?;
    change.execute(
        "UPDATE assets SET division_id = ?1, location_id = ?2, updated_at = ?3 WHERE id = ?4",
        params![place.division_id, place.location_id, change.stamp(), asset],
    )?;
    let after = records::load(change, asset)?;
    record_event(
        change,
        asset,
        "transfer",
        on,
        document_no,
        reason,
        placement(&before),
        placement(&after),
    )?;
    change.record(
        Event::new("asset.transfer", "asset", asset)
            .before(&before)
            .after(&after),
    )
}

/// Sets an asset's status and records it in the item's history (the caller checks and
/// writes the audit entry: a disposal writes one for its whole batch).
pub(crate) fn set_status(
    change: &Change<'_>,
    asset: AssetId,
    from: AssetStatus,
    to: AssetStatus,
    on: NaiveDate,
    document_no: &str,
    reason: &str,
) -> Result<()> {
    change.execute(
        "UPDATE assets SET status = ?1, updated_at = ?2 WHERE id = ?3",
        params![to, change.stamp(), asset],
    )?;
    record_event(
        change,
        asset,
        "status",
        on,
        document_no,
        reason,
        json!({ "status": from }),
        json!({ "status": to }),
    )
}

#[allow(clippy::too_many_arguments)]
fn record_event(
    change: &Change<'_>,
    asset: AssetId,
    kind: &str,
    on: NaiveDate,
    document_no: &str,
    reason: &str,
    before: serde_json::Value,
    after: serde_json::Value,
) -> Result<()> {
    change.execute(
        "INSERT INTO asset_events (asset_id, kind, happened_on, document_no, reason, before_json,
                                   after_json, user_id, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            asset,
            kind,
            on,
            document_no,
            reason,
            before.to_string(),
            after.to_string(),
            change.actor.user_id,
            change.stamp()
        ],
    )?;
    Ok(())
}

/// An asset's transfers and status changes, oldest first.
pub(crate) fn events_of(conn: &Connection, asset: AssetId) -> Result<Vec<AssetEvent>> {
    let mut stmt = conn.prepare(
        "SELECT e.kind, e.happened_on, e.document_no, e.reason, e.before_json, e.after_json,
                u.full_name, e.recorded_at
         FROM asset_events e LEFT JOIN users u ON u.id = e.user_id
         WHERE e.asset_id = ?1 ORDER BY e.happened_on, e.id",
    )?;
    let rows = stmt.query_map([asset], |r| {
        let json = |i: usize| -> rusqlite::Result<serde_json::Value> {
            let text: String = r.get(i)?;
            Ok(serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)))
        };
        Ok(AssetEvent {
            kind: r.get(0)?,
            happened_on: r.get(1)?,
            document_no: r.get(2)?,
            reason: r.get(3)?,
            before: json(4)?,
            after: json(5)?,
            recorded_by: r.get(6)?,
            recorded_at: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
