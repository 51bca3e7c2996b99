//! Finding the office host on the LAN by mDNS (DNS-SD), as a help: an address typed or
//! read from the host's QR code always works, and nothing found this way is trusted
//! before a person compares the certificate's fingerprint (see `client.rs`).
//!
//! The host announces `_phatsadu._tcp.local.` under its organisation's name, with the
//! API's major version and the start of its fingerprint in the TXT record; a desktop
//! asks for it when a person presses "search the network". Both go through the
//! `mdns-sd` daemon (its own thread, port 5353 shared with any other responder).

use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

use mdns_sd::{IfKind, ServiceDaemon, ServiceEvent, ServiceInfo};

/// The DNS-SD service type of a Phatsadu host.
pub const SERVICE_TYPE: &str = "_phatsadu._tcp.local.";

/// How many hex digits of the fingerprint the announcement carries: enough to tell two
/// hosts apart in a list, never enough to stand in for comparing the whole.
const FINGERPRINT_START: usize = 8;

/// The host's announcement on the LAN, withdrawn when dropped.
pub struct Announcement {
    daemon: ServiceDaemon,
    fullname: String,
}

impl Announcement {
    /// Announces the host listening on `listening` for `organisation`. A host bound to
    /// a loopback address announces on loopback only (tests, a host for this PC alone).
    pub fn start(
        organisation: &str,
        listening: SocketAddr,
        fingerprint: &str,
    ) -> Result<Self, mdns_sd::Error> {
        let daemon = ServiceDaemon::new()?;
        let loopback = listening.ip().is_loopback();
        if loopback {
            daemon.disable_interface(IfKind::All)?;
            daemon.enable_interface(IfKind::LoopbackV4)?;
        }
        let hostname = whoami::fallible::hostname().unwrap_or_else(|_| "phatsadu".into());
        let instance = instance_name(organisation, &hostname);
        let start: String = fingerprint.chars().take(FINGERPRINT_START).collect();
        let api = phatsadu_api::API_MAJOR.to_string();
        let properties = [("api", api.as_str()), ("fp", start.as_str())];
        let addresses: Vec<IpAddr> = if loopback || !listening.ip().is_unspecified() {
            vec![listening.ip()]
        } else {
            Vec::new()
        };
        let mut info = ServiceInfo::new(
            SERVICE_TYPE,
            &instance,
            &format!("{hostname}.local."),
            &addresses[..],
            listening.port(),
            &properties[..],
        )?;
        if addresses.is_empty() {
            // Listening on every network: announce each address this PC has.
            info = info.enable_addr_auto();
        }
        let fullname = info.get_fullname().to_owned();
        daemon.register(info)?;
        Ok(Self { daemon, fullname })
    }
}

impl Drop for Announcement {
    fn drop(&mut self) {
        // Says goodbye on the LAN; neither call waits for the daemon's answer.
        let _ = self.daemon.unregister(&self.fullname);
        let _ = self.daemon.shutdown();
    }
}

/// DNS allows 63 bytes in the name's first label.
const MOST_NAME_BYTES: usize = 63;

/// The name announced: the organisation's (a Thai name of 22 letters or more is cut to
/// fit DNS's 63 bytes, at a letter), or the PC's before setup.
fn instance_name(organisation: &str, hostname: &str) -> String {
    let name = match organisation.trim() {
        "" => format!("Phatsadu {hostname}"),
        name => name.to_owned(),
    };
    let mut end = 0;
    for (at, letter) in name.char_indices() {
        if at + letter.len_utf8() > MOST_NAME_BYTES {
            break;
        }
        end = at + letter.len_utf8();
    }
    name[..end].to_owned()
}

/// A host that answered on the LAN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundHost {
    /// The name it announced (its organisation's).
    pub name: String,
    /// `address:port` to connect to (IPv4, which every office router routes).
    pub address: String,
    /// The first digits of its certificate's fingerprint, to tell hosts apart.
    pub fingerprint_start: String,
    /// The major version of its API.
    pub api_major: Option<u32>,
}

/// Asks the LAN for Phatsadu hosts for `wait` and lists those that answered, by name.
pub fn find_hosts(wait: Duration) -> Result<Vec<FoundHost>, mdns_sd::Error> {
    let daemon = ServiceDaemon::new()?;
    let events = daemon.browse(SERVICE_TYPE)?;
    let until = Instant::now() + wait;
    let mut found: BTreeMap<String, FoundHost> = BTreeMap::new();
    while let Some(left) = until.checked_duration_since(Instant::now()) {
        let Ok(event) = events.recv_timeout(left) else {
            break;
        };
        if let ServiceEvent::ServiceResolved(service) = event {
            let Some(ip) = service
                .get_addresses_v4()
                .into_iter()
                .min_by_key(|ip| ip.is_loopback())
            else {
                continue;
            };
            let name = service
                .fullname
                .strip_suffix(&format!(".{SERVICE_TYPE}"))
                .unwrap_or(&service.fullname)
                .to_owned();
            let host = FoundHost {
                name,
                address: format!("{ip}:{}", service.port),
                fingerprint_start: service
                    .get_property_val_str("fp")
                    .unwrap_or_default()
                    .to_owned(),
                api_major: service
                    .get_property_val_str("api")
                    .and_then(|v| v.parse().ok()),
            };
            found.insert(service.fullname.clone(), host);
        }
    }
    let _ = daemon.stop_browse(SERVICE_TYPE);
    let _ = daemon.shutdown();
    Ok(found.into_values().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_thai_name_is_cut_to_fit_dns_at_a_letter() {
        let name = instance_name("องค์การบริหารส่วนตำบลแม่กรณ์", "pc");
        assert!(name.len() <= MOST_NAME_BYTES);
        assert!("องค์การบริหารส่วนตำบลแม่กรณ์".starts_with(&name));
        assert_eq!(name.chars().count(), 21);
        assert_eq!(instance_name(" อบต.แม่กรณ์ ", "pc"), "อบต.แม่กรณ์");
        assert_eq!(instance_name("", "pc"), "Phatsadu pc");
    }

    #[test]
    fn a_host_announced_on_loopback_is_found_with_its_name_and_fingerprint_start() {
        let listening: SocketAddr = "127.0.0.1:48443".parse().unwrap();
        let fingerprint = "0a1b2c3d".repeat(8);
        let _announced = Announcement::start("อบต.แม่กรณ์", listening, &fingerprint).unwrap();
        let hosts = find_hosts(Duration::from_secs(4)).unwrap();
        let host = hosts
            .iter()
            .find(|h| h.address == "127.0.0.1:48443")
            .unwrap_or_else(|| panic!("not found among {hosts:?}"));
        assert_eq!(host.name, "อบต.แม่กรณ์");
        assert_eq!(host.fingerprint_start, "0a1b2c3d");
        assert_eq!(host.api_major, Some(phatsadu_api::API_MAJOR));
    }
}
