//! The office network's host: Phatsadu's operations and UI over HTTPS on the LAN.
//!
//! One PC keeps the register (one SQLite file: copying it onto a shared folder would
//! corrupt it); division heads approve from their own desks and checkers count from a
//! tablet by opening `https://<host>:<port>` in a browser. This crate is that server,
//! without Tauri or WebKit: the desktop app's host mode and the headless
//! `phatsadu-server` both run it. Every operation comes from `phatsadu_api`'s one list,
//! the acting user from the session cookie on the host, and every write is keyed so a
//! retry never does it twice (see `phatsadu_core::network`).

pub mod child;
pub mod client;
pub mod discovery;
pub mod door;
pub mod downloads;
pub mod identity;
pub mod limits;
pub mod qr;
pub mod routes;
mod ui;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum_server::Handle;
use axum_server::tls_rustls::RustlsConfig;
use phatsadu_core::Register;

pub use identity::HostIdentity;
pub use routes::router;

/// The port the host listens on unless the administrator chose another.
pub const DEFAULT_PORT: u16 = 8443;

/// Why the host could not start (English; the desktop and the command line word it in
/// Thai by its kind).
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// A file of the host's identity could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// Which file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The certificate could not be made or loaded: the host never serves without TLS.
    #[error("TLS: {0}")]
    Tls(String),
    /// The port is taken or not allowed.
    #[error("cannot listen on {address}: {source}")]
    Bind {
        /// Where it tried.
        address: SocketAddr,
        /// What the system said.
        source: std::io::Error,
    },
    /// No active administrator has a password of their own yet.
    #[error(
        "no active administrator with a password of their own: change the administrator's password first"
    )]
    NoAdministrator,
    /// The register refused.
    #[error(transparent)]
    Register(#[from] phatsadu_core::Error),
}

impl ServerError {
    fn io(path: &Path, source: std::io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    fn tls(error: impl std::fmt::Display) -> Self {
        Self::Tls(error.to_string())
    }
}

/// What the routes share: the register and the host's short-lived state.
pub struct Host {
    /// The one register.
    pub register: Arc<Register>,
    /// Files waiting to be downloaded.
    pub downloads: downloads::Downloads,
    /// Wrong passwords per address.
    pub logins: limits::LoginLimiter,
    /// This program's version, for the handshake.
    pub version: String,
    /// The certificate's fingerprint, for the handshake.
    pub fingerprint: String,
    /// Room for operations running on the register at once (see [`Host::on_register`]).
    workers: tokio::sync::Semaphore,
}

/// How many operations run on the register at once: its reading connections and its
/// writing one, with one to spare. More would only wait inside the register, each on a
/// thread of its own with its own memory (30 clients made the host's memory 580 MB).
const WORKERS: usize = 5;

impl Host {
    /// A host over `register`, serving with the certificate of `fingerprint`.
    pub fn new(register: Arc<Register>, fingerprint: String) -> Arc<Self> {
        Arc::new(Self {
            register,
            downloads: downloads::Downloads::default(),
            logins: limits::LoginLimiter::default(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
            fingerprint,
            workers: tokio::sync::Semaphore::new(WORKERS),
        })
    }

    /// Runs `work` (blocking, on the register) on a thread for such work, once one of
    /// the [`WORKERS`] places is free; the others wait here, holding no thread.
    pub async fn on_register<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, tokio::task::JoinError> {
        // Never closed, so acquiring only waits.
        let _place = self.workers.acquire().await;
        tokio::task::spawn_blocking(work).await
    }

    /// The organisation's name, for the handshake (empty before setup).
    pub fn organisation(&self) -> String {
        self.register
            .status()
            .ok()
            .and_then(|s| s.organisation_name)
            .unwrap_or_default()
    }
}

/// A host that is listening.
pub struct RunningHost {
    /// Where it listens.
    pub address: SocketAddr,
    /// To stop it and count its connections.
    pub handle: Handle<SocketAddr>,
    /// The server task.
    pub task: tokio::task::JoinHandle<std::io::Result<()>>,
    /// Its announcement on the LAN; `None` when mDNS could not start (port 5353 taken,
    /// no network), which only means devices must type the address.
    pub announcement: Option<discovery::Announcement>,
    /// What the announcement says.
    organisation: String,
    fingerprint: String,
    /// The address asked to listen on (unspecified: every network of this PC).
    bound: std::net::IpAddr,
}

impl RunningHost {
    /// Open connections now (the desktop keeps the PC awake and asks before quitting
    /// while there are any).
    pub fn connections(&self) -> usize {
        self.handle.connection_count()
    }

    /// Announces the host on the LAN by mDNS, so that devices can find it in a list.
    /// Returns whether it could: when not (port 5353 taken, no network) devices type
    /// the address, which always works.
    pub fn announce(&mut self) -> bool {
        let listening = SocketAddr::new(self.bound, self.address.port());
        self.announcement =
            discovery::Announcement::start(&self.organisation, listening, &self.fingerprint).ok();
        self.announcement.is_some()
    }

    /// Stops accepting and lets requests in flight finish (up to five seconds).
    pub async fn stop(self) {
        self.handle
            .graceful_shutdown(Some(std::time::Duration::from_secs(5)));
        let _ = self.task.await;
    }
}

/// Refuses to serve a register nobody can administer safely from the network: at
/// least one active administrator must have chosen their own password.
pub fn preflight(register: &Register) -> Result<(), ServerError> {
    if register.network_administrators()? == 0 {
        return Err(ServerError::NoAdministrator);
    }
    Ok(())
}

/// Starts serving `register` over HTTPS with `identity` on `address`, after
/// [`preflight`]. Returns once it listens.
pub async fn serve(
    register: Arc<Register>,
    identity: &HostIdentity,
    address: SocketAddr,
) -> Result<RunningHost, ServerError> {
    preflight(&register)?;
    let requested_ip = address.ip();
    // Keys older than a week are of no use to any retry.
    register.forget_idempotency_keys(7)?;
    let tls = RustlsConfig::from_config(Arc::new(identity.tls_config()?));
    let host = Host::new(register, identity.fingerprint());
    // Announced by its short name where it has one: DNS keeps 63 bytes, 21 Thai letters.
    let organisation = host
        .register
        .status()
        .ok()
        .and_then(|s| s.organisation_short_name.or(s.organisation_name))
        .unwrap_or_default();
    let app = router(host).into_make_service_with_connect_info::<SocketAddr>();
    let listener = std::net::TcpListener::bind(address)
        .map_err(|source| ServerError::Bind { address, source })?;
    listener
        .set_nonblocking(true)
        .map_err(|source| ServerError::Bind { address, source })?;
    let handle = Handle::new();
    // TCP_NODELAY on every connection: without it a small answer written in two pieces
    // waits for the client's delayed ACK, some 40 ms, on a tenth of the requests.
    let acceptor = axum_server::tls_rustls::RustlsAcceptor::new(tls)
        .acceptor(axum_server::accept::NoDelayAcceptor::new());
    let server = axum_server::from_tcp(listener)
        .map_err(|source| ServerError::Bind { address, source })?
        .acceptor(acceptor)
        .handle(handle.clone());
    let task = tokio::spawn(async move { server.serve(app).await });
    let address = handle.listening().await.ok_or(ServerError::Bind {
        address,
        source: std::io::Error::other("the server stopped before listening"),
    })?;
    Ok(RunningHost {
        address,
        handle,
        task,
        announcement: None,
        organisation,
        fingerprint: identity.fingerprint(),
        bound: requested_ip,
    })
}

/// The addresses other devices can reach this PC at: its IPv4 addresses on the LAN
/// (loopback last, for the host itself).
pub fn lan_addresses() -> Vec<std::net::IpAddr> {
    // Asking the system which source address it would use for an outside address finds
    // the LAN address without sending anything (UDP connect sends no packet).
    let mut found = Vec::new();
    if let Ok(socket) = std::net::UdpSocket::bind("0.0.0.0:0")
        && socket.connect("192.168.255.255:9").is_ok()
        && let Ok(local) = socket.local_addr()
        && !local.ip().is_unspecified()
    {
        found.push(local.ip());
    }
    found.push(std::net::IpAddr::from([127, 0, 0, 1]));
    found
}
