//! This PC as a client of the office host ("connect to the office register").
//!
//! Pairing asks the host who it is, shows its certificate's fingerprint for a person to
//! compare with the host's screen, and then keeps the address and that fingerprint in the
//! data folder (`office-host.json`). From then on every operation of the UI goes through
//! the shell to the host over HTTPS (see `call` in `lib.rs`), so the UI does not know which
//! it talks to; a host presenting another certificate is refused until someone pairs
//! again.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use phatsadu_api::ops::office::{Connection, FoundOfficeHost, HostCandidate, Pairing};
use phatsadu_api::{ApiError, ApiResult, Kind};
use phatsadu_server::DEFAULT_PORT;
use phatsadu_server::client::{ClientError, HostClient};
use serde_json::{Value, json};

/// The file in the data folder that holds the pairing.
const FILE: &str = "office-host.json";

/// A paired host and the connection to it.
pub struct Remote {
    /// Where, and which certificate.
    pub pairing: Pairing,
    client: HostClient,
}

/// The pairing of this PC, if any.
pub struct OfficeLink {
    file: PathBuf,
    remote: Mutex<Option<Arc<Remote>>>,
}

/// `https://192.168.1.10:8443/` or `192.168.1.10` → `192.168.1.10:8443`.
pub fn normalise_address(typed: &str) -> ApiResult<String> {
    let trimmed = typed.trim();
    let without_scheme = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"))
        .unwrap_or(trimmed);
    let host_port = without_scheme.split('/').next().unwrap_or_default();
    if host_port.is_empty() || host_port.contains(char::is_whitespace) {
        return Err(phatsadu_core::Error::invalid(
            "address",
            "a host name or address, e.g. 192.168.1.10",
        )
        .into());
    }
    let has_port = host_port
        .rsplit_once(':')
        .is_some_and(|(_, port)| port.parse::<u16>().is_ok());
    Ok(if has_port {
        host_port.to_owned()
    } else {
        format!("{host_port}:{DEFAULT_PORT}")
    })
}

/// A client error as the UI reads it.
pub fn api_error(error: ClientError) -> ApiError {
    match error {
        ClientError::Unreachable(address, why) => ApiError::new(
            "host_unreachable",
            format!("the host {address} did not answer: {why}"),
            json!({ "address": address }),
        ),
        ClientError::CertificateChanged { expected, found } => ApiError::new(
            "certificate_changed",
            "the host's certificate is not the one paired with",
            json!({ "expected": expected, "found": found }),
        ),
        ClientError::Refused(error) => error,
    }
}

/// Runs `future` to its end on a runtime of its own (pairing runs on a blocking thread).
fn block_on<T>(future: impl Future<Output = T>) -> ApiResult<T> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map(|rt| rt.block_on(future))
        .map_err(|e| ApiError::new("internal", e.to_string(), Value::Null))
}

impl OfficeLink {
    /// The pairing kept in `data_root`, if any.
    pub fn load(data_root: &std::path::Path) -> Self {
        let file = data_root.join(FILE);
        let remote = std::fs::read(&file)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Pairing>(&bytes).ok())
            .map(|pairing| {
                Arc::new(Remote {
                    client: HostClient::pinned(&pairing.address, &pairing.fingerprint),
                    pairing,
                })
            });
        Self {
            file,
            remote: Mutex::new(remote),
        }
    }

    /// The paired host, if this PC works on the office register.
    pub fn current(&self) -> Option<Arc<Remote>> {
        self.remote
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Which register this PC uses.
    pub fn connection(&self) -> Connection {
        Connection {
            host: self.current().map(|r| r.pairing.clone()),
            can_pair: true,
        }
    }

    /// Asks the host at `typed` who it is, accepting any certificate this once so that
    /// its fingerprint can be shown.
    pub fn find(&self, typed: &str) -> ApiResult<HostCandidate> {
        let address = normalise_address(typed)?;
        let client = HostClient::first_contact(&address);
        let hello = block_on(client.hello())?.map_err(api_error)?;
        check_version(&hello)?;
        Ok(HostCandidate {
            address,
            organisation: hello.organisation,
            version: hello.version,
            fingerprint: phatsadu_server::identity::group_fingerprint(
                &client.seen_fingerprint().unwrap_or_default(),
            ),
        })
    }

    /// The hosts that answer on the LAN within three seconds.
    pub fn discover(&self) -> ApiResult<Vec<FoundOfficeHost>> {
        let found = phatsadu_server::discovery::find_hosts(std::time::Duration::from_secs(3))
            .map_err(|e| ApiError::new("discovery_unavailable", e.to_string(), Value::Null))?;
        Ok(found
            .into_iter()
            .map(|host| FoundOfficeHost {
                name: host.name,
                address: host.address,
                fingerprint_start: host.fingerprint_start,
                same_version: host.api_major == Some(phatsadu_api::API_MAJOR),
            })
            .collect())
    }

    /// Pairs with the host, if it still presents the certificate the person compared.
    pub fn pair(&self, pairing: Pairing) -> ApiResult<Connection> {
        let address = normalise_address(&pairing.address)?;
        let fingerprint: String = pairing
            .fingerprint
            .chars()
            .filter(char::is_ascii_hexdigit)
            .collect::<String>()
            .to_lowercase();
        if fingerprint.len() != 64 {
            return Err(
                phatsadu_core::Error::invalid("fingerprint", "64 hexadecimal digits").into(),
            );
        }
        let client = HostClient::pinned(&address, &fingerprint);
        let hello = block_on(client.hello())?.map_err(api_error)?;
        check_version(&hello)?;
        let pairing = Pairing {
            address,
            fingerprint,
        };
        let text = serde_json::to_vec_pretty(&pairing)
            .map_err(|e| ApiError::new("internal", e.to_string(), Value::Null))?;
        let partial = self.file.with_extension("json.partial");
        std::fs::write(&partial, text)
            .and_then(|()| std::fs::rename(&partial, &self.file))
            .map_err(|e| ApiError::from(phatsadu_core::Error::io(&self.file, e)))?;
        // A fresh client: its connections belong to the window's runtime, not this one.
        *self.remote.lock().unwrap_or_else(|p| p.into_inner()) = Some(Arc::new(Remote {
            client: HostClient::pinned(&pairing.address, &pairing.fingerprint),
            pairing,
        }));
        Ok(self.connection())
    }

    /// Forgets the host: this PC goes back to its own register.
    pub fn forget(&self) -> ApiResult<Connection> {
        match std::fs::remove_file(&self.file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(phatsadu_core::Error::io(&self.file, e).into()),
        }
        *self.remote.lock().unwrap_or_else(|p| p.into_inner()) = None;
        Ok(self.connection())
    }
}

fn check_version(hello: &phatsadu_server::client::Hello) -> ApiResult<()> {
    if hello.api_major == phatsadu_api::API_MAJOR {
        return Ok(());
    }
    Err(ApiError::new(
        "version_mismatch",
        format!(
            "the host runs Phatsadu {} (API {})",
            hello.version, hello.api_major
        ),
        json!({ "hostVersion": hello.version, "hostApi": hello.api_major }),
    ))
}

impl Remote {
    /// Sends one operation to the host. A write carries `key` (the UI's, the same again
    /// when the user retries the same request), or a fresh one.
    pub async fn forward(
        &self,
        operation: &str,
        input: Value,
        kind: Kind,
        key: Option<String>,
    ) -> ApiResult<Value> {
        let key = (kind == Kind::Write)
            .then(|| key.unwrap_or_else(phatsadu_core::network::fresh_idempotency_key));
        let answer = self.client.call(operation, &input, key.as_deref()).await;
        match answer {
            Ok(value) => Ok(value),
            // Offline at the start: the start screen says so, with the host's address.
            Err(error) if operation == "app_status" => Ok(self.offline_status(api_error(error))),
            Err(error) => Err(api_error(error)),
        }
    }

    fn offline_status(&self, error: ApiError) -> Value {
        json!({
            "needsSetup": false,
            "organisationName": null,
            "dataFile": format!("https://{}", self.pairing.address),
            "version": env!("CARGO_PKG_VERSION"),
            "today": (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive(),
            "session": null,
            "startupError": error,
            "lockoutAttempts": phatsadu_core::auth::MAX_FAILED_LOGINS,
            "lockoutMinutes": phatsadu_core::auth::LOCKOUT.num_minutes(),
        })
    }
}
