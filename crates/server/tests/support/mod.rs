//! A host over an in-memory sample register, called in-process through its router.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{Request, Response, StatusCode, header};
use http_body_util::BodyExt;
use phatsadu_core::Register;
use phatsadu_core::sample::sample_setup;
use phatsadu_core::setup::SetupInput;
use phatsadu_server::Host;
use serde_json::{Value, json};
use tower::ServiceExt;

/// The administrator's own password (chosen at setup, so the host may serve).
pub const ADMIN_PASSWORD: &str = "Maekorn-admin-2568";
/// The sample's demo password, which each demo account must change first.
pub const DEMO_PASSWORD: &str = "demo1234";
/// What a demo account's password becomes after its first login here.
pub const NEW_PASSWORD: &str = "Maekorn-staff-2568";

/// The setup of อบต.แม่กรณ์, with or without the sample data.
pub fn setup(sample: bool) -> SetupInput {
    sample_setup(ADMIN_PASSWORD, sample)
}

/// One answer: status, headers and JSON body.
pub struct Answer {
    pub status: StatusCode,
    pub cookie: Option<String>,
    pub headers: axum::http::HeaderMap,
    pub body: Value,
    pub bytes: Vec<u8>,
}

/// The host's router, as a browser at `address` would reach it.
pub struct Client {
    pub register: Arc<Register>,
    router: Router,
    /// The session cookie's value, once logged in.
    pub token: Option<String>,
}

impl Client {
    /// A host over a fresh register (set up, with the sample when asked), seen from
    /// 192.168.1.50.
    pub fn new(sample: bool) -> Self {
        let register = Arc::new(Register::open_in_memory().unwrap());
        register.complete_setup(&setup(sample)).unwrap();
        Self::over(register, "192.168.1.50:51000")
    }

    /// Another client of the same host, from `address`.
    pub fn over(register: Arc<Register>, address: &str) -> Self {
        let host = Host::new(register.clone(), "test".into());
        let address: SocketAddr = address.parse().unwrap();
        let router = phatsadu_server::router(host).layer(MockConnectInfo(address));
        Self {
            register,
            router,
            token: None,
        }
    }

    /// Sends `request` and reads the whole answer.
    pub async fn send(&self, request: Request<Body>) -> Answer {
        let response: Response<Body> = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let cookie = headers
            .get(header::SET_COOKIE)
            .map(|v| v.to_str().unwrap().to_owned());
        let bytes = response
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Answer {
            status,
            cookie,
            headers,
            body,
            bytes,
        }
    }

    /// A same-origin POST of `operation` with `input`, with this client's cookie and, for
    /// writes, `key`.
    pub fn post(&self, operation: &str, input: Value, key: Option<&str>) -> Request<Body> {
        let mut builder = Request::post(format!("/api/v1/call/{operation}"))
            .header(header::HOST, "192.168.1.10:8443")
            .header(header::ORIGIN, "https://192.168.1.10:8443")
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(token) = &self.token {
            builder = builder.header(header::COOKIE, format!("__Host-phatsadu={token}"));
        }
        if let Some(key) = key {
            builder = builder.header("idempotency-key", key);
        }
        builder
            .body(Body::from(json!({ "input": input }).to_string()))
            .unwrap()
    }

    /// Calls `operation` (a write gets a fresh key).
    pub async fn call(&self, operation: &str, input: Value) -> Answer {
        let key = fresh_key();
        let kind = phatsadu_api::operation(operation).map(|o| o.kind);
        let key = (kind == Some(phatsadu_api::Kind::Write)).then_some(key.as_str());
        self.send(self.post(operation, input, key)).await
    }

    /// Calls `operation` and expects success.
    pub async fn ok(&self, operation: &str, input: Value) -> Value {
        let answer = self.call(operation, input).await;
        assert_eq!(
            answer.status,
            StatusCode::OK,
            "{operation}: {}",
            answer.body
        );
        answer.body
    }

    /// Logs in and keeps the cookie.
    pub async fn log_in(&mut self, username: &str, password: &str) -> Answer {
        let answer = self
            .call(
                "login",
                json!({ "username": username, "password": password }),
            )
            .await;
        if let Some(cookie) = &answer.cookie {
            let value = cookie.split(';').next().unwrap();
            self.token = value.split_once('=').map(|(_, v)| v.to_owned());
        }
        answer
    }

    /// Logs a demo account in and changes its password, as its first login must.
    pub async fn log_in_demo(&mut self, username: &str) {
        let answer = self.log_in(username, DEMO_PASSWORD).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        self.ok(
            "change_password",
            json!({ "currentPassword": DEMO_PASSWORD, "newPassword": NEW_PASSWORD }),
        )
        .await;
    }
}

/// A fresh idempotency key.
pub fn fresh_key() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(1);
    format!(
        "test-key-{:016}-{:08}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}
