//! The host's routes in-process (tower `oneshot`): every refusal the network can meet,
//! and that every operation is reachable through this door as through the window's.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use phatsadu_api::{Kind, OPERATIONS};
use serde_json::{Value, json};
use support::{ADMIN_PASSWORD, Client, fresh_key};

#[tokio::test]
async fn the_handshake_names_the_api_and_the_organisation() {
    let client = Client::new(false);
    let answer = client
        .send(Request::get("/api/v1/hello").body(Body::empty()).unwrap())
        .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.body["apiMajor"], phatsadu_api::API_MAJOR);
    assert_eq!(answer.body["organisation"], "องค์การบริหารส่วนตำบลแม่กรณ์");
}

#[tokio::test]
async fn a_login_sets_a_host_only_secure_strict_cookie_and_logout_clears_it() {
    let mut client = Client::new(false);
    let answer = client.log_in("admin", ADMIN_PASSWORD).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let cookie = answer.cookie.unwrap();
    assert!(cookie.starts_with("__Host-phatsadu="), "{cookie}");
    for part in ["Path=/", "Secure", "HttpOnly", "SameSite=Strict"] {
        assert!(cookie.contains(part), "{cookie} lacks {part}");
    }
    assert!(!cookie.contains("Domain"), "a __Host- cookie has no Domain");
    let session = client.ok("current_session", Value::Null).await;
    assert_eq!(session["username"], "admin");
    let status = client.ok("app_status", Value::Null).await;
    assert_eq!(status["dataFile"], "https://192.168.1.10:8443");
    let answer = client.call("logout", Value::Null).await;
    assert!(answer.cookie.unwrap().contains("Max-Age=0"));
    assert_eq!(client.ok("current_session", Value::Null).await, Value::Null);
    let answer = client.call("list_divisions", Value::Null).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer.body["code"], "not_logged_in");
}

#[tokio::test]
async fn a_forged_cookie_is_nobody() {
    let mut client = Client::new(false);
    client.token = Some("forged-token-forged-token-forged-token-0000".into());
    let answer = client.call("list_divisions", Value::Null).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer.body["code"], "not_logged_in");
}

#[tokio::test]
async fn six_wrong_passwords_from_one_address_are_refused_for_a_while() {
    let client = Client::new(true);
    let wrong = |user: &str| json!({ "username": user, "password": "not-the-password" });
    for attempt in 1..=5 {
        let answer = client.call("login", wrong("officer")).await;
        assert_ne!(answer.status, StatusCode::OK, "attempt {attempt}");
        assert_ne!(
            answer.body["code"], "too_many_attempts",
            "attempt {attempt}"
        );
    }
    // The sixth, even for another account and with its right password, is refused here.
    let answer = client
        .call(
            "login",
            json!({ "username": "head.palad", "password": "demo1234" }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(answer.body["code"], "too_many_attempts");
    assert!(answer.body["details"]["minutes"].as_u64().unwrap() >= 1);
    // Another PC is not held back by this one's guessing.
    let mut other = Client::over(client.register.clone(), "192.168.1.77:40000");
    let answer = other.log_in("head.palad", "demo1234").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
}

#[tokio::test]
async fn a_cross_origin_write_is_refused_and_changes_nothing() {
    let mut client = Client::new(false);
    client.log_in("admin", ADMIN_PASSWORD).await;
    let key = fresh_key();
    let mut request = client.post(
        "create_division",
        json!({ "name": "กองช่าง", "shortName": "" }),
        Some(&key),
    );
    request
        .headers_mut()
        .insert(header::ORIGIN, "https://evil.example".parse().unwrap());
    let answer = client.send(request).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(answer.body["code"], "cross_origin");
    let mut request = client.post(
        "create_division",
        json!({ "name": "กองช่าง", "shortName": "" }),
        Some(&key),
    );
    request.headers_mut().remove(header::ORIGIN);
    request
        .headers_mut()
        .insert("sec-fetch-site", "cross-site".parse().unwrap());
    assert_eq!(client.send(request).await.body["code"], "cross_origin");
    let divisions = client.ok("list_divisions", Value::Null).await;
    assert_eq!(divisions.as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn an_actor_named_in_the_request_is_ignored() {
    let mut client = Client::new(true);
    client.log_in_demo("head.palad").await;
    // The body claims to be the administrator; the host acts as the session's user.
    let request = Request::post("/api/v1/call/create_division")
        .header(header::HOST, "192.168.1.10:8443")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::COOKIE, format!("__Host-phatsadu={}", client.token.clone().unwrap()))
        .header("idempotency-key", fresh_key())
        .body(Body::from(
            json!({ "input": { "name": "กองใหม่", "shortName": "" }, "actor": "admin", "userId": 1 })
                .to_string(),
        ))
        .unwrap();
    let answer = client.send(request).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    assert_eq!(answer.body["code"], "permission_denied");
}

#[tokio::test]
async fn bodies_that_are_too_large_malformed_or_not_json_are_refused() {
    let mut client = Client::new(false);
    client.log_in("admin", ADMIN_PASSWORD).await;
    // 100 MB, declared: refused before it is read.
    let mut request = client.post("create_division", Value::Null, Some(&fresh_key()));
    request.headers_mut().insert(
        header::CONTENT_LENGTH,
        (100 * 1024 * 1024).to_string().parse().unwrap(),
    );
    let answer = client.send(request).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(answer.body["code"], "body_too_large");
    // 33 MB sent without saying so: refused when the limit is reached.
    let mut request = client.post("create_division", Value::Null, Some(&fresh_key()));
    *request.body_mut() = Body::from(vec![b' '; 33 * 1024 * 1024]);
    assert_eq!(client.send(request).await.body["code"], "body_too_large");
    // Malformed JSON.
    let mut request = client.post("create_division", Value::Null, Some(&fresh_key()));
    *request.body_mut() = Body::from("{\"input\": {\"name\": ");
    let answer = client.send(request).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.body["code"], "invalid_input");
    // The right JSON with a field of the wrong type names the field.
    let answer = client
        .call("create_division", json!({ "name": 12, "shortName": "" }))
        .await;
    assert_eq!(answer.body["code"], "invalid_input");
    assert_eq!(answer.body["details"]["field"], "name");
    // A form post (what a page elsewhere could send without asking) is not JSON.
    let mut request = client.post("create_division", Value::Null, Some(&fresh_key()));
    request.headers_mut().insert(
        header::CONTENT_TYPE,
        "application/x-www-form-urlencoded".parse().unwrap(),
    );
    assert_eq!(
        client.send(request).await.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    let divisions = client.ok("list_divisions", Value::Null).await;
    assert_eq!(divisions.as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn an_unknown_operation_and_another_major_version_are_named() {
    let client = Client::new(false);
    let answer = client.call("drop_everything", Value::Null).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(answer.body["code"], "unknown_operation");
    let mut request = client.post("app_status", Value::Null, None);
    request
        .headers_mut()
        .insert("x-phatsadu-api-major", "2".parse().unwrap());
    let answer = client.send(request).await;
    assert_eq!(answer.status, StatusCode::CONFLICT);
    assert_eq!(answer.body["code"], "version_mismatch");
    assert_eq!(
        answer.body["details"]["hostVersion"],
        env!("CARGO_PKG_VERSION")
    );
}

#[tokio::test]
async fn a_write_needs_a_key_and_a_retry_under_it_is_done_once() {
    let mut client = Client::new(false);
    client.log_in("admin", ADMIN_PASSWORD).await;
    let input = json!({ "name": "กองช่าง", "shortName": "ช่าง" });
    let answer = client
        .send(client.post("create_division", input.clone(), None))
        .await;
    assert_eq!(answer.body["code"], "idempotency_key_required");
    let key = fresh_key();
    let first = client
        .send(client.post("create_division", input.clone(), Some(&key)))
        .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let again = client
        .send(client.post("create_division", input.clone(), Some(&key)))
        .await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(again.body, first.body, "the retry gets the first answer");
    let divisions = client.ok("list_divisions", Value::Null).await;
    assert_eq!(divisions.as_array().unwrap().len(), 1);
    // The audit log names the address the change came from.
    let audit = client
        .ok("list_audit", json!({ "offset": 0, "limit": 5 }))
        .await;
    let entry = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "division.create")
        .unwrap();
    assert_eq!(entry["client"], "192.168.1.50");
    assert_eq!(entry["username"], "admin");
}

#[tokio::test]
async fn a_demo_password_must_be_changed_before_anything_else() {
    let mut client = Client::new(true);
    client.log_in("head.palad", "demo1234").await;
    let answer = client.call("approval_inbox", Value::Null).await;
    assert_eq!(answer.body["code"], "password_change_required");
    client
        .ok(
            "change_password",
            json!({ "currentPassword": "demo1234", "newPassword": support::NEW_PASSWORD }),
        )
        .await;
    client.ok("approval_inbox", Value::Null).await;
}

#[tokio::test]
async fn every_declared_operation_answers_through_https() {
    let mut client = Client::new(false);
    client.log_in("admin", ADMIN_PASSWORD).await;
    for op in OPERATIONS {
        if op.name == "logout" {
            continue;
        }
        let key = fresh_key();
        let key = (op.kind == Kind::Write).then_some(key.as_str());
        let answer = client.send(client.post(op.name, json!({}), key)).await;
        assert_ne!(answer.body["code"], "unknown_operation", "{}", op.name);
        assert_ne!(
            answer.body["code"], "idempotency_key_required",
            "{}",
            op.name
        );
    }
}

#[tokio::test]
async fn a_printout_downloads_to_the_client_that_made_it_only() {
    let mut client = Client::new(true);
    client.log_in("admin", ADMIN_PASSWORD).await;
    let saved = client
        .ok("print_label_calibration", json!({ "stock": null }))
        .await;
    let url = saved["url"].as_str().unwrap().to_owned();
    assert!(saved["path"].as_str().unwrap().ends_with(".pdf"), "{saved}");
    let fetch = |token: Option<String>| {
        let mut builder = Request::get(url.clone());
        if let Some(token) = token {
            builder = builder.header(header::COOKIE, format!("__Host-phatsadu={token}"));
        }
        builder.body(Body::empty()).unwrap()
    };
    let answer = client.send(fetch(client.token.clone())).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.headers[header::CONTENT_TYPE], "application/pdf");
    assert!(answer.bytes.starts_with(b"%PDF"));
    assert!(
        answer.headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .starts_with("attachment; filename*=UTF-8''")
    );
    // Not without the session, and not for another user.
    assert_eq!(client.send(fetch(None)).await.status, StatusCode::NOT_FOUND);
    let mut other = Client::over(client.register.clone(), "192.168.1.60:1");
    other.log_in_demo("officer").await;
    assert_eq!(
        other.send(fetch(other.token.clone())).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_password_chosen_over_the_network_is_the_one_that_logs_in_next() {
    let mut client = Client::new(true);
    for user in ["committee1", "officer", "palad"] {
        client.log_in_demo(user).await;
    }
    for user in ["committee1", "officer", "palad"] {
        let answer = client.log_in(user, support::NEW_PASSWORD).await;
        assert_eq!(answer.status, StatusCode::OK, "{user}: {}", answer.body);
    }
}
