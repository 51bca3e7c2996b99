//! The host as a real process on 127.0.0.1 with its own data folder, and this test as a
//! client with its own: kill -9 in the middle of an approval, restart, retry; a changed
//! certificate; the host refusing to start without a usable administrator.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout
)]

mod support;

use std::net::TcpListener;
use std::path::Path;
use std::time::Duration;

use phatsadu_core::audit::AuditQuery;
use phatsadu_core::{Actor, Register};
use phatsadu_server::child::ServerProcess;
use phatsadu_server::client::{ClientError, HostClient};
use serde_json::{Value, json};
use support::{DEMO_PASSWORD, NEW_PASSWORD, fresh_key, setup};

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts the server on `port` and waits until it listens; `Err` is what it printed when
/// it refused to start.
fn start(data: &Path, port: u16) -> Result<ServerProcess, String> {
    ServerProcess::start(Path::new(env!("CARGO_BIN_EXE_phatsadu-server")), data, port)
}

/// A register in `data`, set up with the sample.
fn make_register(data: &Path) {
    let register = Register::open(data.join("phatsadu.sqlite")).unwrap();
    register.complete_setup(&setup(true)).unwrap();
}

async fn demo(client: &HostClient, username: &str) {
    client
        .call(
            "login",
            &json!({ "username": username, "password": DEMO_PASSWORD }),
            None,
        )
        .await
        .unwrap();
    client
        .call(
            "change_password",
            &json!({ "currentPassword": DEMO_PASSWORD, "newPassword": NEW_PASSWORD }),
            Some(&fresh_key()),
        )
        .await
        .unwrap();
}

/// The first request waiting in some division head's inbox: (head, loan id).
async fn waiting_request(client: &HostClient) -> (String, i64) {
    for head in [
        "head.palad",
        "head.works",
        "supplyhead",
        "head.edu",
        "mayor",
    ] {
        demo(client, head).await;
        let inbox = client
            .call("approval_inbox", &Value::Null, None)
            .await
            .unwrap();
        if let Some(item) = inbox.as_array().unwrap().first() {
            return (head.to_owned(), item["loan"]["id"].as_i64().unwrap());
        }
        client.call("logout", &Value::Null, None).await.unwrap();
    }
    panic!("the sample has a request waiting for somebody");
}

fn decisions(data: &Path, loan: i64) -> usize {
    let register = Register::open(data.join("phatsadu.sqlite")).unwrap();
    assert!(
        register
            .verify_audit(&Actor::System("test".into()))
            .unwrap()
            .ok
    );
    let page = register
        .list_audit(
            &Actor::System("test".into()),
            &AuditQuery {
                entity: Some("loan".into()),
                limit: 500,
                ..AuditQuery::default()
            },
        )
        .unwrap();
    page.entries
        .iter()
        .filter(|e| e.action == "loan.approve" && e.entity_id.as_deref() == Some(&loan.to_string()))
        .count()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_approval_killed_mid_request_is_there_once_after_the_retry() {
    let data = tempfile::tempdir().unwrap();
    make_register(data.path());
    let port = free_port();
    let address = format!("127.0.0.1:{port}");
    let server = start(data.path(), port).unwrap();

    // First contact: the fingerprint seen is the one the host printed; then pin it.
    let first = HostClient::first_contact(&address);
    let hello = first.hello().await.unwrap();
    assert_eq!(hello.api_major, phatsadu_api::API_MAJOR);
    assert_eq!(first.seen_fingerprint().unwrap(), server.fingerprint);
    let client = HostClient::pinned(&address, &server.fingerprint);
    let (head, loan) = waiting_request(&client).await;
    println!("{head} decides loan {loan}");

    // The approval is sent, and the host is killed while it may be working on it.
    let key = fresh_key();
    let decision = json!({ "loanId": loan, "approve": true, "reason": "" });
    let mut server = server;
    let sent = {
        let request = client.call("decide_loan", &decision, Some(&key));
        let kill = async {
            tokio::time::sleep(Duration::from_millis(3)).await;
            server.child.kill().unwrap();
        };
        let (answer, ()) = tokio::join!(request, kill);
        answer
    };
    server.child.wait().unwrap();
    println!(
        "  before the kill: {}",
        if sent.is_ok() {
            "answered"
        } else {
            "no answer"
        }
    );
    let once_or_never = decisions(data.path(), loan);
    assert!(
        once_or_never <= 1,
        "{once_or_never} decisions after the kill"
    );

    // Restarted (same certificate, same session), the retry under the same key completes
    // it exactly once.
    let server = start(data.path(), port).unwrap();
    let client2 = HostClient::pinned(&address, &server.fingerprint);
    client2.set_session_token(client.session_token());
    match client2.call("decide_loan", &decision, Some(&key)).await {
        Ok(loan) => assert_eq!(loan["status"], "approved", "{loan}"),
        Err(ClientError::Refused(e)) => assert_eq!(e.code, "already_done", "{e:?}"),
        Err(other) => panic!("{other}"),
    }
    // And once more, for good measure: still once.
    let again = client2.call("decide_loan", &decision, Some(&key)).await;
    assert!(
        again.is_ok() || matches!(&again, Err(ClientError::Refused(e)) if e.code == "already_done"),
        "{again:?}"
    );
    drop(server);
    assert_eq!(decisions(data.path(), loan), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_changed_certificate_is_refused_until_paired_again() {
    let data = tempfile::tempdir().unwrap();
    make_register(data.path());
    let port = free_port();
    let address = format!("127.0.0.1:{port}");
    let server = start(data.path(), port).unwrap();
    let client = HostClient::pinned(&address, &server.fingerprint);
    client.hello().await.unwrap();
    let paired = server.fingerprint.clone();
    drop(server);
    // The host's certificate is replaced (a new PC at the same address, or an attacker).
    std::fs::remove_dir_all(data.path().join("network")).unwrap();
    let server = start(data.path(), port).unwrap();
    assert_ne!(server.fingerprint, paired);
    let client = HostClient::pinned(&address, &paired);
    match client.hello().await {
        Err(ClientError::CertificateChanged { expected, found }) => {
            assert_eq!(expected, paired);
            assert_eq!(found, server.fingerprint);
        }
        other => panic!("a changed certificate must be refused: {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_host_refuses_to_start_without_an_administrator_of_its_own() {
    let data = tempfile::tempdir().unwrap();
    {
        // The sample, loaded into a register never set up, makes `admin` with the demo
        // password, to be changed at the first login.
        let register = Register::open(data.path().join("phatsadu.sqlite")).unwrap();
        register
            .load_sample_data_with(
                &Actor::System("test".into()),
                phatsadu_core::sample::SampleOptions { assets: false },
            )
            .unwrap();
    }
    let refused = start(data.path(), free_port())
        .err()
        .expect("the host must not start");
    assert!(refused.contains("ผู้ดูแลระบบ"), "{refused}");
}
