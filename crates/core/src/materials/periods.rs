//! Closing a period of the materials (e.g. at 30 September, when the annual count is
//! done): afterwards nothing is entered with a date up to that day, so the balances the
//! committee signed for cannot move.

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::audit::Event;
use crate::auth::Permission;
use crate::error::{Error, Result};
use crate::register::{Actor, Register};
use crate::settings;

const KEY: &str = "materials.closed_through";

/// The last day of the closed period, if one was closed.
pub(crate) fn closed_through(conn: &Connection) -> Result<Option<NaiveDate>> {
    settings::get(conn, KEY)
}

impl Register {
    /// The last day closed to new entries, if any.
    pub fn materials_closed_through(&self, actor: &Actor) -> Result<Option<NaiveDate>> {
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            closed_through(conn)
        })
    }

    /// Closes every day up to `through` to new entries. A period only ever moves
    /// forward, and not past today.
    pub fn close_materials_period(&self, actor: &Actor, through: NaiveDate) -> Result<NaiveDate> {
        self.change(actor, Some(Permission::ManageMaterials), |change| {
            if through > change.today() {
                return Err(Error::invalid("through", "is after today"));
            }
            let before = closed_through(change)?;
            if let Some(before) = before
                && through <= before
            {
                return Err(Error::invalid(
                    "through",
                    format!("the period is already closed up to {before}"),
                ));
            }
            settings::put(change, KEY, &through)?;
            change.record(
                Event::new("materials.close_period", "materials", 1)
                    .before(&serde_json::json!({ "closedThrough": before }))
                    .after(&serde_json::json!({ "closedThrough": through })),
            )?;
            Ok(through)
        })
    }
}
