//! How this body numbers and depreciates its assets.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::codes::{CodeScheme, DEFAULT_TEMPLATE};
use super::depreciation::ProrationBasis;
use crate::audit::Event;
use crate::auth::Permission;
use crate::error::Result;
use crate::register::{Actor, Register};
use crate::settings::{get, put};

const CODE_TEMPLATE: &str = "assets.code_template";
const DEPRECIATION_BASIS: &str = "assets.depreciation_basis";

/// The register's own rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RegisterSettings {
    /// The asset-code template, e.g. `{type}-{yy}-{seq:4}` (see `assets::codes`).
    pub code_template: String,
    /// How the first fiscal year of depreciation is prorated.
    pub depreciation_basis: ProrationBasis,
}

impl Register {
    /// The register's numbering and depreciation rules.
    pub fn register_settings(&self, actor: &Actor) -> Result<RegisterSettings> {
        self.read(actor, Some(Permission::ViewRegister), |conn, _| load(conn))
    }

    /// Changes the numbering or depreciation rules (existing codes stay as they are).
    pub fn update_register_settings(
        &self,
        actor: &Actor,
        input: &RegisterSettings,
    ) -> Result<RegisterSettings> {
        self.change(actor, Some(Permission::ManageRegister), |change| {
            let scheme = CodeScheme::parse(input.code_template.trim())?;
            let before = load(change)?;
            put(change, CODE_TEMPLATE, &scheme.template())?;
            put(change, DEPRECIATION_BASIS, &input.depreciation_basis)?;
            let after = load(change)?;
            change.record_edit(
                Event::new("settings.update", "settings", "register")
                    .before(&before)
                    .after(&after),
            )?;
            Ok(after)
        })
    }
}

/// The settings in force.
pub(crate) fn load(conn: &Connection) -> Result<RegisterSettings> {
    Ok(RegisterSettings {
        code_template: get(conn, CODE_TEMPLATE)?.unwrap_or_else(|| DEFAULT_TEMPLATE.to_owned()),
        depreciation_basis: get(conn, DEPRECIATION_BASIS)?.unwrap_or_default(),
    })
}

/// The code scheme in force.
pub(crate) fn scheme(conn: &Connection) -> Result<CodeScheme> {
    CodeScheme::parse(&load(conn)?.code_template)
}
