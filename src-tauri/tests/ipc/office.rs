//! The desktop app as a client of the office host, through its IPC: find a host, compare
//! and pin its certificate, then every operation goes to the host's register; a host that
//! stops answering is named in Thai; forgetting the host goes back to this PC's register.

use std::net::SocketAddr;
use std::sync::Arc;

use crate::common::Ui;
use phatsadu_app::state::AppState;
use phatsadu_core::org::DivisionInput;
use phatsadu_core::sample::sample_setup;
use phatsadu_core::{DataDir, Register};
use phatsadu_server::HostIdentity;
use serde_json::{Value, json};

const ADMIN_PASSWORD: &str = "Maekorn-admin-2568";

/// A host over its own register (with one division, กองช่าง), on a runtime of its own.
struct Host {
    address: SocketAddr,
    identity: HostIdentity,
    stop: Option<std::sync::mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Host {
    fn start() -> Self {
        let register = Arc::new(Register::open_in_memory().unwrap());
        let admin = register
            .complete_setup(&sample_setup(ADMIN_PASSWORD, false))
            .unwrap()
            .actor();
        register
            .create_division(
                &admin,
                &DivisionInput {
                    name: "กองช่าง".into(),
                    short_name: "กช.".into(),
                },
            )
            .unwrap();
        let identity = HostIdentity::generate(&["127.0.0.1".into()]).unwrap();
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let (stop_tx, stop_rx) = std::sync::mpsc::channel::<()>();
        let serving = identity.clone();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Runtime::new().unwrap();
            runtime.block_on(async move {
                let mut running =
                    phatsadu_server::serve(register, &serving, "127.0.0.1:0".parse().unwrap())
                        .await
                        .unwrap();
                assert!(running.announce(), "announced on loopback");
                ready_tx.send(running.address).unwrap();
                tokio::task::spawn_blocking(move || stop_rx.recv())
                    .await
                    .ok();
                running.stop().await;
            });
        });
        Self {
            address: ready_rx.recv().unwrap(),
            identity,
            stop: Some(stop_tx),
            thread: Some(thread),
        }
    }

    fn stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        self.stop();
    }
}

#[test]
fn a_desktop_paired_with_the_host_works_on_the_host_register() {
    let mut host = Host::start();
    let data = tempfile::tempdir().unwrap();
    let ui = Ui::with_state(AppState::with_register(
        Register::open_in_memory().unwrap(),
        DataDir::at(data.path()),
    ));
    assert_eq!(ui.ok("office_connection", None)["host"], Value::Null);

    // Listed on the LAN (here loopback) by its organisation's short name.
    let listed = ui.ok("find_office_hosts", None);
    let entry = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["address"] == host.address.to_string())
        .unwrap_or_else(|| panic!("not listed: {listed}"));
    assert_eq!(entry["name"], "อบต.แม่กรณ์", "{entry}");
    assert_eq!(entry["sameVersion"], true);
    assert_eq!(
        entry["fingerprintStart"],
        host.identity.fingerprint()[..8],
        "{entry}"
    );

    // Found: the organisation, the version and the fingerprint to compare.
    let address = format!("https://{}/", host.address);
    let found = ui.ok("find_office_host", Some(json!(address)));
    assert_eq!(found["organisation"], "องค์การบริหารส่วนตำบลแม่กรณ์");
    assert_eq!(found["fingerprint"], host.identity.fingerprint_groups());
    let address = found["address"].as_str().unwrap().to_owned();

    // Another fingerprint than the host's is not paired with.
    let wrong = "00".repeat(32);
    let refused = ui.err(
        "pair_office_host",
        Some(json!({ "address": address, "fingerprint": wrong })),
    );
    assert_eq!(refused["code"], "certificate_changed", "{refused}");
    assert_eq!(ui.ok("office_connection", None)["host"], Value::Null);

    let paired = ui.ok(
        "pair_office_host",
        Some(json!({ "address": address, "fingerprint": found["fingerprint"] })),
    );
    assert_eq!(paired["host"]["address"], address);
    assert!(data.path().join("office-host.json").exists());

    // From now on the UI's calls are the host's: its status, its accounts, its divisions.
    let status = ui.ok("app_status", None);
    assert_eq!(status["dataFile"], format!("https://{address}"));
    assert_eq!(status["needsSetup"], false);
    ui.ok(
        "login",
        Some(json!({ "username": "admin", "password": ADMIN_PASSWORD })),
    );
    let divisions = ui.ok("list_divisions", None);
    assert_eq!(divisions[0]["name"], "กองช่าง");
    let made = ui.call(
        "create_division",
        Some(json!({ "name": "กองคลัง", "shortName": "" })),
    );
    assert!(made.is_ok(), "{made:?}");
    assert_eq!(ui.ok("list_divisions", None).as_array().unwrap().len(), 2);

    // The host stops: the UI is told in Thai terms, and the start screen says so too.
    host.stop();
    let offline = ui.err("list_divisions", None);
    assert_eq!(offline["code"], "host_unreachable", "{offline}");
    let status = ui.ok("app_status", None);
    assert_eq!(status["startupError"]["code"], "host_unreachable");

    // Forgotten: this PC's own (empty, never set up) register again.
    ui.ok("forget_office_host", None);
    assert!(!data.path().join("office-host.json").exists());
    assert_eq!(ui.ok("app_status", None)["needsSetup"], true);
}
