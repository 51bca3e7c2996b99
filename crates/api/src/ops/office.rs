//! This PC as a client of the office host: look a host up, pair with it (pinning its
//! certificate), forget it. These run on this PC and are never forwarded to a host.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::door::Door;
use crate::error::ApiResult;

/// A host found at an address, before pairing: what a person compares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HostCandidate {
    /// `host:port`, as it will be used.
    pub address: String,
    /// The organisation whose register it keeps.
    pub organisation: String,
    /// Its program version.
    pub version: String,
    /// The certificate's SHA-256 in groups of four, to compare with the host's screen.
    pub fingerprint: String,
}

/// A host that answered on the LAN, for a person to choose; choosing it asks it who
/// it is ([`find_office_host`]) before anything is trusted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FoundOfficeHost {
    /// The name it announced (its organisation's).
    pub name: String,
    /// `host:port`.
    pub address: String,
    /// The first digits of its certificate's fingerprint, to tell two hosts apart.
    pub fingerprint_start: String,
    /// Whether it speaks this program's API version (otherwise install its version).
    pub same_version: bool,
}

/// Pair with the host at `address`, trusting the certificate of `fingerprint`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Pairing {
    /// `host:port`.
    pub address: String,
    /// The fingerprint the person compared (hex, groups or not).
    pub fingerprint: String,
}

/// Which register this PC uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Connection {
    /// The host paired with, when this PC works on the office register; `None` when it
    /// keeps its own register.
    pub host: Option<Pairing>,
    /// Whether this door can pair at all (a browser cannot: it is already on the host).
    pub can_pair: bool,
}

/// Asks the host at `input` (an address, `https://` and a port optional) who it is.
pub fn find_office_host(door: &dyn Door, input: String) -> ApiResult<HostCandidate> {
    door.find_host(&input)
}

/// Asks the LAN which hosts there are (a few seconds; an address typed always works).
pub fn find_office_hosts(door: &dyn Door) -> ApiResult<Vec<FoundOfficeHost>> {
    door.discover_hosts()
}

/// Pairs with a host: from now on this PC works on its register.
pub fn pair_office_host(door: &dyn Door, input: Pairing) -> ApiResult<Connection> {
    door.pair(input)
}

/// Forgets the host: this PC goes back to its own register.
pub fn forget_office_host(door: &dyn Door) -> ApiResult<Connection> {
    door.forget_pairing()
}

/// Which register this PC uses.
pub fn office_connection(door: &dyn Door) -> ApiResult<Connection> {
    door.connection()
}
