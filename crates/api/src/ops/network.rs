//! The office network as an administrator manages it: the host setting, the host's
//! state (addresses, fingerprint, QR code, connections), and the sessions of other
//! devices.

use phatsadu_core::network::{NetworkSession, NetworkSettings};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::door::Door;
use crate::error::ApiResult;

/// How long the session list looks back, in days.
const SESSIONS_SHOWN_DAYS: i64 = 30;

/// What the host settings page shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HostStatus {
    /// The setting in the register.
    pub settings: NetworkSettings,
    /// Whether the server is serving now.
    pub running: bool,
    /// The addresses to open on another PC or tablet (`https://192.168.1.10:8443`).
    pub urls: Vec<String>,
    /// The certificate's SHA-256 in groups of four, to read aloud and compare.
    pub fingerprint: String,
    /// A QR code of the first address, as an SVG document.
    pub qr_svg: String,
    /// Connections open now.
    pub connections: u32,
    /// Why the server is not serving although it should (a port in use, say), in English
    /// for the log; the UI words it by `problemCode`.
    pub problem: Option<String>,
    /// `port_in_use`, `no_administrator`, `tls` or `other`.
    pub problem_code: Option<String>,
}

/// The host setting.
pub fn network_settings(door: &dyn Door) -> ApiResult<NetworkSettings> {
    Ok(door.register()?.network_settings(&door.actor()?)?)
}

/// The host's state now.
pub fn host_status(door: &dyn Door) -> ApiResult<HostStatus> {
    let settings = door.register()?.network_settings(&door.actor()?)?;
    door.host_status(settings)
}

/// Changes the host setting and starts or stops the server to match.
pub fn update_network_settings(door: &dyn Door, input: NetworkSettings) -> ApiResult<HostStatus> {
    let saved = door
        .register()?
        .update_network_settings(&door.actor()?, &input)?;
    door.apply_host(saved)
}

/// Sessions of other devices in the last 30 days, open ones first.
pub fn list_network_sessions(door: &dyn Door) -> ApiResult<Vec<NetworkSession>> {
    Ok(door
        .register()?
        .list_network_sessions(&door.actor()?, SESSIONS_SHOWN_DAYS)?)
}

/// Ends another device's session now.
pub fn revoke_network_session(door: &dyn Door, input: i64) -> ApiResult<()> {
    Ok(door
        .register()?
        .revoke_network_session(&door.actor()?, input)?)
}
