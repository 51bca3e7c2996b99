//! The organisation's name and address, printed at the head of every form.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::Event;
use crate::auth::Permission;
use crate::error::Result;
use crate::register::{Actor, Change, Register};
use crate::text;

/// The organisation's details as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OrganisationInput {
    /// Full name, e.g. องค์การบริหารส่วนตำบลแม่กรณ์ (required).
    pub name: String,
    /// Short name for labels and headers, e.g. อบต.แม่กรณ์.
    pub short_name: String,
    /// จังหวัด.
    pub province: String,
    /// อำเภอ.
    pub district: String,
    /// ตำบล.
    pub subdistrict: String,
    /// Postal address.
    pub address: String,
    /// Telephone.
    pub phone: String,
}

/// The organisation's details as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Organisation {
    /// Full name.
    pub name: String,
    /// Short name.
    pub short_name: String,
    /// จังหวัด.
    pub province: String,
    /// อำเภอ.
    pub district: String,
    /// ตำบล.
    pub subdistrict: String,
    /// Postal address.
    pub address: String,
    /// Telephone.
    pub phone: String,
    /// Last change (UTC, RFC 3339).
    pub updated_at: Option<String>,
}

impl Register {
    /// The organisation's details (any logged-in user).
    pub fn organisation(&self, actor: &Actor) -> Result<Organisation> {
        self.read(actor, None, |conn, _| load(conn))
    }

    /// Changes the organisation's details.
    pub fn update_organisation(
        &self,
        actor: &Actor,
        input: &OrganisationInput,
    ) -> Result<Organisation> {
        self.change(actor, Some(Permission::ManageOrganisation), |change| {
            let before = load(change)?;
            save(change, input)?;
            let after = load(change)?;
            change.record_edit(
                Event::new("organisation.update", "organisation", 1)
                    .before(&before)
                    .after(&after),
            )?;
            Ok(after)
        })
    }
}

/// Validates and stores the organisation's details (the single row).
pub(crate) fn save(change: &Change<'_>, input: &OrganisationInput) -> Result<()> {
    let name = text::required("name", &input.name, 200)?;
    let short_name = text::optional("shortName", &input.short_name, 100)?;
    let province = text::optional("province", &input.province, 100)?;
    let district = text::optional("district", &input.district, 100)?;
    let subdistrict = text::optional("subdistrict", &input.subdistrict, 100)?;
    let address = text::optional("address", &input.address, 500)?;
    let phone = text::optional("phone", &input.phone, 100)?;
    change.execute(
        "INSERT INTO organisation (id, name, short_name, province, district, subdistrict,
                                   address, phone, updated_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, short_name = excluded.short_name,
             province = excluded.province, district = excluded.district,
             subdistrict = excluded.subdistrict, address = excluded.address,
             phone = excluded.phone, updated_at = excluded.updated_at",
        params![
            name,
            short_name,
            province,
            district,
            subdistrict,
            address,
            phone,
            change.stamp()
        ],
    )?;
    Ok(())
}

/// The stored details, or empty ones before setup.
pub(crate) fn load(conn: &Connection) -> Result<Organisation> {
    let org = conn
        .query_row(
            "SELECT name, short_name, province, district, subdistrict, address, phone, updated_at
             FROM organisation WHERE id = 1",
            [],
            |row| {
                Ok(Organisation {
                    name: row.get(0)?,
                    short_name: row.get(1)?,
                    province: row.get(2)?,
                    district: row.get(3)?,
                    subdistrict: row.get(4)?,
                    address: row.get(5)?,
                    phone: row.get(6)?,
                    updated_at: row.get(7)?,
                })
            },
        )
        .optional()?;
    Ok(org.unwrap_or_default())
}
