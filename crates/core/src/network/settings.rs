//! Whether this PC hosts the register for the office network, and on which port.
//!
//! Off by default: a register is private to its PC until an administrator turns the host
//! on. The setting lives in the register (so it survives restarts and is audited); the
//! desktop app starts or stops the server when it changes.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::Event;
use crate::auth::Permission;
use crate::error::{Error, Result};
use crate::register::{Actor, Register};
use crate::settings::{get, put};

/// The port offered unless the administrator chose another (HTTPS's 443 needs root).
pub const DEFAULT_PORT: u16 = 8443;
const KEY: &str = "network.host";

/// The host setting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NetworkSettings {
    /// Serve the register to other PCs and tablets on the LAN.
    pub host_enabled: bool,
    /// The port (1024–65535): the same every time, so bookmarks and pairings keep working.
    pub port: u16,
}

impl Default for NetworkSettings {
    fn default() -> Self {
        Self {
            host_enabled: false,
            port: DEFAULT_PORT,
        }
    }
}

impl Register {
    /// The host setting, for administrators.
    pub fn network_settings(&self, actor: &Actor) -> Result<NetworkSettings> {
        self.read(actor, Some(Permission::ManageUsers), |conn, _| {
            Ok(get(conn, KEY)?.unwrap_or_default())
        })
    }

    /// The host setting as the program starts (no one is logged in yet).
    pub fn network_settings_at_start(&self) -> Result<NetworkSettings> {
        Ok(get(&self.reader(), KEY)?.unwrap_or_default())
    }

    /// Changes the host setting. Turning the host on needs an administrator with a
    /// password of their own (see [`Register::network_administrators`]).
    pub fn update_network_settings(
        &self,
        actor: &Actor,
        input: &NetworkSettings,
    ) -> Result<NetworkSettings> {
        if input.port < 1024 {
            return Err(Error::invalid("port", "between 1024 and 65535"));
        }
        if input.host_enabled && self.network_administrators()? == 0 {
            return Err(Error::invalid(
                "hostEnabled",
                "an administrator must have a password of their own first",
            ));
        }
        self.change(actor, Some(Permission::ManageUsers), |change| {
            let before: NetworkSettings = get(change, KEY)?.unwrap_or_default();
            put(change, KEY, input)?;
            change.record_edit(
                Event::new("network.settings", "settings", "network")
                    .before(&before)
                    .after(input),
            )?;
            Ok(input.clone())
        })
    }
}
