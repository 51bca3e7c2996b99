//! The network's rules against an in-memory register with a fixed clock.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::Duration;

use super::*;
use crate::auth::LoginInput;
use crate::error::Error;
use crate::org::DivisionInput;
use crate::testing::{PASSWORD, audit_count, set_up};

fn login(register: &crate::Register, username: &str) -> crate::auth::Session {
    register
        .login(&LoginInput {
            username: username.into(),
            password: PASSWORD.into(),
        })
        .unwrap()
}

fn division(name: &str) -> DivisionInput {
    DivisionInput {
        name: name.into(),
        short_name: String::new(),
    }
}

fn keyed(key: &str, operation: &str) -> RequestContext {
    RequestContext {
        client: Some("192.168.1.20".into()),
        idempotency: Some((key.into(), operation.into())),
    }
}

#[test]
fn a_network_session_is_a_random_token_stored_only_as_its_hash() {
    let (register, _, _) = set_up();
    let session = login(&register, "admin");
    let opened = register
        .open_network_session(&session, "192.168.1.20", "Firefox on Android")
        .unwrap();
    assert!(opened.token.len() >= 43, "32 random bytes");
    let stored: String = register
        .conn()
        .query_row("SELECT token_hash FROM network_sessions", [], |r| r.get(0))
        .unwrap();
    assert_ne!(stored, opened.token);
    assert!(!stored.contains(&opened.token));
    let (actor, info) = register.network_actor(&opened.token).unwrap();
    assert_eq!(actor, session.actor());
    assert_eq!(info.username, "admin");
    // A token nobody was given, or one changed by a letter, is nobody.
    let mut forged = opened.token.clone();
    forged.replace_range(0..1, if forged.starts_with('A') { "B" } else { "A" });
    assert!(matches!(
        register.network_actor(&forged),
        Err(Error::NotLoggedIn)
    ));
}

#[test]
fn an_idle_network_session_expires_and_the_end_is_recorded() {
    let (register, clock, _) = set_up();
    let session = login(&register, "admin");
    let opened = register
        .open_network_session(&session, "10.0.0.5", "")
        .unwrap();
    let idle = i64::from(session.info().idle_timeout_minutes);
    clock.advance(Duration::minutes(idle - 1));
    register.network_actor(&opened.token).unwrap();
    clock.advance(Duration::minutes(idle - 1));
    register.network_actor(&opened.token).unwrap();
    clock.advance(Duration::minutes(idle + 1));
    assert!(
        register
            .peek_network_session(&opened.token)
            .unwrap()
            .is_none()
    );
    assert!(matches!(
        register.network_actor(&opened.token),
        Err(Error::SessionExpired)
    ));
    // Ended for good: even right after, it is not a session any more.
    assert!(matches!(
        register.network_actor(&opened.token),
        Err(Error::NotLoggedIn)
    ));
    let reason: String = register
        .conn()
        .query_row("SELECT end_reason FROM network_sessions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(reason, "expired");
}

#[test]
fn an_administrator_lists_and_revokes_sessions_and_logout_ends_one() {
    let (register, _, admin) = set_up();
    let first = register
        .open_network_session(&login(&register, "admin"), "192.168.1.21", "tablet")
        .unwrap();
    let second = register
        .open_network_session(&login(&register, "admin"), "192.168.1.22", "PC")
        .unwrap();
    let list = register.list_network_sessions(&admin, 30).unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].address, "192.168.1.22");
    let before = audit_count(&register);
    register.revoke_network_session(&admin, list[1].id).unwrap();
    assert_eq!(audit_count(&register), before + 1);
    assert!(matches!(
        register.network_actor(&first.token),
        Err(Error::NotLoggedIn)
    ));
    assert!(register.revoke_network_session(&admin, list[1].id).is_err());
    register.end_network_session(&second.token).unwrap();
    assert!(
        register
            .peek_network_session(&second.token)
            .unwrap()
            .is_none()
    );
    let reasons: Vec<Option<String>> = register
        .list_network_sessions(&admin, 30)
        .unwrap()
        .into_iter()
        .map(|s| s.end_reason)
        .collect();
    assert_eq!(reasons, [Some("logout".into()), Some("revoked".into())]);
}

#[test]
fn the_client_address_is_recorded_and_covered_by_the_chain() {
    let (register, _, admin) = set_up();
    with_request(
        RequestContext {
            client: Some("192.168.1.30".into()),
            idempotency: None,
        },
        || {
            register
                .create_division(&admin, &division("กองช่าง"))
                .unwrap()
        },
    );
    register
        .create_division(&admin, &division("กองคลัง"))
        .unwrap();
    let clients: Vec<Option<String>> = register
        .conn()
        .prepare("SELECT client FROM audit_log WHERE action = 'division.create' ORDER BY seq")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(clients, [Some("192.168.1.30".into()), None]);
    assert!(register.verify_audit(&admin).unwrap().ok);
    // Changing the recorded address afterwards breaks the chain.
    register
        .conn()
        .execute_batch(
            "DROP TRIGGER IF EXISTS audit_log_no_update;
             UPDATE audit_log SET client = '10.9.9.9' WHERE client IS NOT NULL;",
        )
        .unwrap();
    assert!(!register.verify_audit(&admin).unwrap().ok);
}

#[test]
fn a_write_under_a_key_is_done_once_and_its_answer_is_replayed() {
    let (register, _, admin) = set_up();
    let user = match &admin {
        crate::Actor::User(id) => Some(*id),
        crate::Actor::System(_) => None,
    };
    let key = "3f1c8a0e-5b7d-4e2a-9c61-0d2f4b8e7a10";
    assert_eq!(
        register
            .idempotency_replay(key, "create_division", user)
            .unwrap(),
        None
    );
    let made = with_request(keyed(key, "create_division"), || {
        register.create_division(&admin, &division("กองช่าง"))
    })
    .unwrap();
    // The host stopped before keeping the answer: the retry is told it is done.
    assert_eq!(
        register
            .idempotency_replay(key, "create_division", user)
            .unwrap(),
        Some(Replay::Done {
            operation: "create_division".into()
        })
    );
    // Two copies racing: the second commit under the key is refused, nothing doubled.
    let again = with_request(keyed(key, "create_division"), || {
        register.create_division(&admin, &division("กองช่างโยธา"))
    });
    assert!(matches!(again, Err(Error::AlreadyDone { .. })));
    assert_eq!(register.list_divisions(&admin).unwrap().len(), 1);
    let answer = serde_json::to_value(&made).unwrap();
    register.keep_idempotent_answer(key, &answer).unwrap();
    assert_eq!(
        register
            .idempotency_replay(key, "create_division", user)
            .unwrap(),
        Some(Replay::Answer(answer))
    );
    // The key is this request's: another operation, or a malformed key, is refused.
    assert!(
        register
            .idempotency_replay(key, "create_location", user)
            .is_err()
    );
    assert!(
        register
            .idempotency_replay("short", "create_division", user)
            .is_err()
    );
}

#[test]
fn a_refused_write_does_not_use_up_its_key() {
    let (register, _, admin) = set_up();
    let key = "0b5e6a52-5a59-4d0f-a7f8-2c6f3c0ad3b1";
    let refused = with_request(keyed(key, "create_division"), || {
        register.create_division(&admin, &division("  "))
    });
    assert!(refused.is_err());
    let count: i64 = register
        .conn()
        .query_row("SELECT count(*) FROM idempotency_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 0);
    with_request(keyed(key, "create_division"), || {
        register.create_division(&admin, &division("กองช่าง"))
    })
    .unwrap();
    assert_eq!(register.list_divisions(&admin).unwrap().len(), 1);
}

#[test]
fn the_host_is_off_until_an_administrator_with_an_own_password_turns_it_on() {
    let (register, _, admin) = set_up();
    let settings = register.network_settings(&admin).unwrap();
    assert!(!settings.host_enabled);
    assert_eq!(settings.port, settings::DEFAULT_PORT);
    let on = NetworkSettings {
        host_enabled: true,
        port: 9443,
    };
    assert!(
        register
            .update_network_settings(
                &admin,
                &NetworkSettings {
                    port: 80,
                    ..on.clone()
                }
            )
            .is_err()
    );
    register.update_network_settings(&admin, &on).unwrap();
    assert_eq!(register.network_settings_at_start().unwrap(), on);
    // Nobody but an administrator may see or change it.
    let officer = crate::testing::user_with(
        &register,
        &admin,
        "officer",
        crate::auth::Role::SuppliesOfficer,
    );
    assert!(register.network_settings(&officer).is_err());
    assert!(register.update_network_settings(&officer, &on).is_err());
}
