//! The register at a glance, for the home screen: how many items in each state, what they
//! are worth, and when they were last checked.

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::status::AssetStatus;
use crate::auth::Permission;
use crate::error::Result;
use crate::money::Satang;
use crate::register::{Actor, Register};

/// How many items are in one state, and their cost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StatusCount {
    /// The state.
    pub status: AssetStatus,
    /// Items in it.
    pub items: u32,
    /// Their unit prices added up.
    pub value: Satang,
}

/// The last inventory check closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LastCheck {
    /// The round's id.
    pub round_id: crate::ids::RoundId,
    /// Its name.
    pub name: String,
    /// When it was closed (UTC).
    pub closed_at: String,
}

/// The register at a glance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RegisterSummary {
    /// Items on the register, disposed ones excepted.
    pub items: u32,
    /// Their cost (unit prices added up), disposed ones excepted.
    pub value: Satang,
    /// Per state, in the order of [`AssetStatus`], states without items left out.
    pub by_status: Vec<StatusCount>,
    /// The last round closed, if any.
    pub last_check: Option<LastCheck>,
}

impl Register {
    /// The register at a glance (one pass over the assets by the status index).
    pub fn register_summary(&self, actor: &Actor) -> Result<RegisterSummary> {
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            let mut stmt = conn.prepare_cached(
                "SELECT status, count(*), ifnull(sum(unit_price), 0) FROM assets GROUP BY status",
            )?;
            let mut by_status = stmt
                .query_map([], |r| {
                    Ok(StatusCount {
                        status: r.get(0)?,
                        items: r.get(1)?,
                        value: Satang(r.get(2)?),
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            by_status.sort_by_key(|c| c.status);
            let standing = by_status
                .iter()
                .filter(|c| c.status != AssetStatus::Disposed);
            let items = standing.clone().map(|c| c.items).sum();
            let value = Satang(standing.map(|c| c.value.0).sum());
            let last_check = conn
                .query_row(
                    "SELECT id, name, closed_at FROM check_rounds WHERE closed_at IS NOT NULL
                     ORDER BY closed_at DESC LIMIT 1",
                    [],
                    |r| {
                        Ok(LastCheck {
                            round_id: r.get(0)?,
                            name: r.get(1)?,
                            closed_at: r.get(2)?,
                        })
                    },
                )
                .optional()?;
            Ok(RegisterSummary {
                items,
                value,
                by_status,
                last_check,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::auth::Role;
    use crate::clock::Clock;
    use crate::money::Satang;
    use crate::testing;

    use super::super::{AssetInput, AssetStatus, NewAssets, StatusChange};

    #[test]
    fn the_summary_counts_items_by_state_and_leaves_disposed_ones_out_of_the_total() {
        let (register, clock, admin) = testing::set_up();
        let officer = testing::user_with(&register, &admin, "officer", Role::SuppliesOfficer);
        let category = register.list_categories(&officer).unwrap()[0].id;
        let made = register
            .create_assets(
                &officer,
                &NewAssets {
                    asset: AssetInput {
                        name: "โต๊ะทำงาน".into(),
                        category_id: Some(category),
                        unit: "ตัว".into(),
                        acquired_on: Some(clock.today()),
                        unit_price: Satang::baht(3_000),
                        ..Default::default()
                    },
                    count: 3,
                },
            )
            .unwrap();
        register
            .change_asset_status(
                &officer,
                &StatusChange {
                    asset_id: made[0].id,
                    status: AssetStatus::Damaged,
                    on_date: clock.today(),
                    document_no: String::new(),
                    reason: "ขาโต๊ะหัก".into(),
                },
            )
            .unwrap();
        let summary = register.register_summary(&officer).unwrap();
        assert_eq!(summary.items, 3);
        assert_eq!(summary.value, Satang::baht(9_000));
        let counts: Vec<(AssetStatus, u32)> = summary
            .by_status
            .iter()
            .map(|c| (c.status, c.items))
            .collect();
        assert_eq!(counts, [(AssetStatus::InUse, 2), (AssetStatus::Damaged, 1)]);
        assert_eq!(summary.last_check, None);
    }
}
