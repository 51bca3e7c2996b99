//! Host mode: this PC serves its register to the office network.
//!
//! The server runs on a thread of its own with its own async runtime, apart from the
//! window's, so a slow request from a tablet never holds up the window and the window
//! closing can stop the server cleanly. It is started at launch when the setting is on,
//! and started or stopped when an administrator changes the setting. While devices are
//! connected it keeps the PC awake (`awake`).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};

use phatsadu_api::ops::network::HostStatus;
use phatsadu_core::Register;
use phatsadu_core::network::NetworkSettings;
use phatsadu_server::{HostIdentity, ServerError, lan_addresses, qr};

/// A server serving now.
struct Serving {
    handle: axum_server::Handle<SocketAddr>,
    thread: std::thread::JoinHandle<()>,
    port: u16,
    fingerprint: String,
    /// Keeps the PC from sleeping while devices are connected (released when dropped).
    _awake: Option<crate::awake::KeepAwake>,
}

/// The host of this PC: serving or not, and why not.
#[derive(Default)]
pub struct DesktopHost {
    serving: Mutex<Option<Serving>>,
    problem: Mutex<Option<(String, String)>>,
}

/// A short code for the UI's Thai sentence.
fn problem_code(error: &ServerError) -> &'static str {
    match error {
        ServerError::Bind { .. } => "port_in_use",
        ServerError::NoAdministrator => "no_administrator",
        ServerError::Tls(_) => "tls",
        _ => "other",
    }
}

impl DesktopHost {
    /// Open connections from other devices now.
    pub fn connections(&self) -> usize {
        self.serving
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            .map_or(0, |s| s.handle.connection_count())
    }

    /// Starts or stops serving `register` to match `settings`.
    pub fn apply(
        &self,
        register: Arc<Register>,
        data_root: &std::path::Path,
        settings: &NetworkSettings,
    ) {
        let mut serving = self.serving.lock().unwrap_or_else(|p| p.into_inner());
        let wanted = settings.host_enabled;
        let restart = serving
            .as_ref()
            .is_some_and(|current| !wanted || current.port != settings.port);
        if restart && let Some(current) = serving.take() {
            current
                .handle
                .graceful_shutdown(Some(std::time::Duration::from_secs(3)));
            let _ = current.thread.join();
        }
        *self.problem.lock().unwrap_or_else(|p| p.into_inner()) = None;
        if !wanted || serving.is_some() {
            return;
        }
        match start(register, data_root, settings.port) {
            Ok(started) => *serving = Some(started),
            Err(error) => {
                eprintln!("phatsadu: the office host did not start: {error}");
                *self.problem.lock().unwrap_or_else(|p| p.into_inner()) =
                    Some((problem_code(&error).to_owned(), error.to_string()));
            }
        }
    }

    /// Stops serving (the window is closing).
    pub fn stop(&self) {
        if let Some(current) = self
            .serving
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
        {
            current
                .handle
                .graceful_shutdown(Some(std::time::Duration::from_secs(3)));
            let _ = current.thread.join();
        }
    }

    /// What the settings page shows.
    pub fn status(&self, settings: NetworkSettings) -> HostStatus {
        let serving = self.serving.lock().unwrap_or_else(|p| p.into_inner());
        let problem = self
            .problem
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        let Some(current) = serving.as_ref() else {
            return HostStatus {
                settings,
                problem_code: problem.as_ref().map(|p| p.0.clone()),
                problem: problem.map(|p| p.1),
                ..HostStatus::default()
            };
        };
        let urls: Vec<String> = lan_addresses()
            .iter()
            .map(|ip| format!("https://{ip}:{}", current.port))
            .collect();
        HostStatus {
            settings,
            running: true,
            qr_svg: urls.first().map(|u| qr::svg(u)).unwrap_or_default(),
            urls,
            fingerprint: phatsadu_server::identity::group_fingerprint(&current.fingerprint),
            connections: u32::try_from(current.handle.connection_count()).unwrap_or(u32::MAX),
            problem: None,
            problem_code: None,
        }
    }
}

/// Starts the server on a thread of its own; returns once it listens or failed to.
fn start(
    register: Arc<Register>,
    data_root: &std::path::Path,
    port: u16,
) -> Result<Serving, ServerError> {
    let mut names: Vec<String> = lan_addresses().iter().map(ToString::to_string).collect();
    if let Ok(host) = whoami::fallible::hostname() {
        names.push(format!("{host}.local"));
        names.push(host);
    }
    let identity = HostIdentity::load_or_create(data_root, &names)?;
    let fingerprint = identity.fingerprint();
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    let address = SocketAddr::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), port);
    let thread = std::thread::Builder::new()
        .name("office-host".into())
        .spawn(move || {
            let runtime = match tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
            {
                Ok(runtime) => runtime,
                Err(e) => {
                    let _ = ready_tx.send(Err(ServerError::Tls(e.to_string())));
                    return;
                }
            };
            runtime.block_on(async move {
                match phatsadu_server::serve(register, &identity, address).await {
                    Ok(mut running) => {
                        // Devices find it in a list; without mDNS they type the address.
                        running.announce();
                        let handle = running.handle.clone();
                        let _ = ready_tx.send(Ok(handle));
                        // Kept (with its announcement) until the server stops.
                        let _ = (&mut running.task).await;
                    }
                    Err(e) => {
                        let _ = ready_tx.send(Err(e));
                    }
                }
            });
        })
        .map_err(|e| ServerError::Tls(e.to_string()))?;
    match ready_rx.recv() {
        Ok(Ok(handle)) => {
            let counted = handle.clone();
            Ok(Serving {
                _awake: crate::awake::KeepAwake::for_platform(move || counted.connection_count()),
                handle,
                thread,
                port,
                fingerprint,
            })
        }
        Ok(Err(error)) => {
            let _ = thread.join();
            Err(error)
        }
        Err(_) => Err(ServerError::Tls("the host thread stopped".into())),
    }
}
