//! The HTTP routes: one for every operation of the list, the handshake, downloads and
//! the UI build.
//!
//! `POST /api/v1/call/{operation}` carries `{ "input": … }` and answers the operation's
//! JSON, or an `ApiError` with a status that fits its code. Before an operation runs the
//! request must be same-origin JSON of a bounded size; a write must carry an
//! `Idempotency-Key`; a login from an address that keeps guessing is refused.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use phatsadu_api::{ApiError, Kind};
use phatsadu_core::network::{Replay, RequestContext, with_request};
use serde_json::{Value, json};

use crate::Host;
use crate::door::{CookieChange, HttpDoor};
use crate::limits::MAX_BODY_BYTES;

/// The session cookie. `__Host-` makes the browser keep it only if it was set Secure,
/// from this very host, for the whole site.
pub const COOKIE: &str = "__Host-phatsadu";

/// The header a client states its API major version in (the browser UI served by the
/// host sends it too; an absent header is the same version).
pub const API_HEADER: &str = "x-phatsadu-api-major";

/// What an account whose password must be changed may still do over the network.
const BEFORE_OWN_PASSWORD: &[&str] = &[
    "app_status",
    "current_session",
    "change_password",
    "logout",
    "login",
];

/// Every route of the host.
pub fn router(host: Arc<Host>) -> Router {
    Router::new()
        .route("/api/v1/hello", get(hello))
        .route("/api/v1/call/{operation}", post(call))
        .route("/api/v1/files/{token}", get(download))
        .fallback(crate::ui::serve)
        .with_state(host)
}

/// The handshake: which program and API this host is, before anything else.
async fn hello(State(host): State<Arc<Host>>) -> Response {
    Json(json!({
        "apiMajor": phatsadu_api::API_MAJOR,
        "version": host.version,
        "organisation": host.organisation(),
        "fingerprint": host.fingerprint,
    }))
    .into_response()
}

/// A JSON answer with the headers every answer carries.
struct Json(Value);

impl IntoResponse for Json {
    fn into_response(self) -> Response {
        let mut response = (
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            self.0.to_string(),
        )
            .into_response();
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    }
}

/// An error as the UI reads it, with the status its code deserves.
fn refuse(error: ApiError) -> Response {
    let status = status_of(&error.code);
    let mut response = Json(serde_json::to_value(&error).unwrap_or_default()).into_response();
    *response.status_mut() = status;
    response
}

/// The HTTP status for an error code.
pub fn status_of(code: &str) -> StatusCode {
    match code {
        "not_logged_in" | "session_expired" | "invalid_credentials" | "account_disabled" => {
            StatusCode::UNAUTHORIZED
        }
        "permission_denied" | "cross_origin" | "account_locked" => StatusCode::FORBIDDEN,
        "unknown_operation" | "not_found" => StatusCode::NOT_FOUND,
        "already_done" | "version_mismatch" | "duplicate" | "conflict" => StatusCode::CONFLICT,
        "body_too_large" => StatusCode::PAYLOAD_TOO_LARGE,
        "unsupported_media_type" => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "too_many_attempts" => StatusCode::TOO_MANY_REQUESTS,
        "internal" => StatusCode::INTERNAL_SERVER_ERROR,
        _ => StatusCode::BAD_REQUEST,
    }
}

/// The client's address: the connection's peer (never a header a client could write).
async fn peer(request: Request) -> (String, Request) {
    use axum::RequestPartsExt;
    let (mut parts, body) = request.into_parts();
    let address = parts
        .extract::<ConnectInfo<SocketAddr>>()
        .await
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|_| "unknown".into());
    (address, Request::from_parts(parts, body))
}

/// The session token from the request's cookie.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_owned())
        .filter(|v| !v.is_empty() && v.len() <= 100)
}

/// Refuses a request another site's page could have sent: a browser always names the
/// page's origin on a POST, and it must be this host's own. (A page elsewhere cannot
/// send JSON here at all without CORS, which the host never grants, nor the cookie,
/// which is SameSite=Strict; this is the third lock on that door.)
fn same_origin(headers: &HeaderMap) -> Result<(), ApiError> {
    let cross = || {
        ApiError::new(
            "cross_origin",
            "a request from another site's page is refused",
            json!({}),
        )
    };
    if headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|site| site != "same-origin" && site != "none")
    {
        return Err(cross());
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return Ok(());
    };
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    match (origin.to_str().ok(), host) {
        (Some(origin), Some(host)) if origin == format!("https://{host}") => Ok(()),
        _ => Err(cross()),
    }
}

/// The API major version the client states, if it is not this host's.
fn other_version(headers: &HeaderMap, host: &Host) -> Option<ApiError> {
    let stated = headers.get(API_HEADER)?.to_str().ok()?.trim().to_owned();
    if stated == phatsadu_api::API_MAJOR.to_string() {
        return None;
    }
    Some(ApiError::new(
        "version_mismatch",
        format!(
            "this host runs Phatsadu {} (API {}); the client speaks API {stated}",
            host.version,
            phatsadu_api::API_MAJOR
        ),
        json!({ "hostVersion": host.version, "hostApi": phatsadu_api::API_MAJOR, "clientApi": stated }),
    ))
}

/// Reads the body, refusing one larger than the limit before reading it whole.
async fn body_of(request: Request) -> Result<Bytes, ApiError> {
    let too_large = || {
        ApiError::new(
            "body_too_large",
            format!(
                "the request is larger than {} MB",
                MAX_BODY_BYTES / (1024 * 1024)
            ),
            json!({ "limitMb": MAX_BODY_BYTES / (1024 * 1024) }),
        )
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_BODY_BYTES) {
        return Err(too_large());
    }
    axum::body::to_bytes(request.into_body(), MAX_BODY_BYTES)
        .await
        .map_err(|_| too_large())
}

/// `{ "input": … }` → the input (`null` when absent).
fn input_of(body: &[u8]) -> Result<Value, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Null);
    }
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| ApiError::invalid_input("", format!("the body is not JSON: {e}")))?;
    match value {
        Value::Object(mut map) => Ok(map.remove("input").unwrap_or(Value::Null)),
        _ => Err(ApiError::invalid_input(
            "",
            "the body must be { \"input\": … }",
        )),
    }
}

/// Runs one operation for one request.
async fn call(
    State(host): State<Arc<Host>>,
    Path(name): Path<String>,
    request: Request,
) -> Response {
    match call_inner(host, name, request).await {
        Ok(response) => response,
        Err(error) => refuse(error),
    }
}

async fn call_inner(host: Arc<Host>, name: String, request: Request) -> Result<Response, ApiError> {
    let Some(operation) = phatsadu_api::operation(&name) else {
        return Err(ApiError::unknown_operation(&name));
    };
    let headers = request.headers().clone();
    same_origin(&headers)?;
    if let Some(mismatch) = other_version(&headers, &host) {
        return Err(mismatch);
    }
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !is_json {
        return Err(ApiError::new(
            "unsupported_media_type",
            "send the input as application/json",
            json!({}),
        ));
    }
    let (address, request) = peer(request).await;
    let body = body_of(request).await?;
    let input = input_of(&body)?;
    let key = match operation.kind {
        Kind::Write => Some(
            headers
                .get("idempotency-key")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
                .ok_or_else(|| {
                    ApiError::new(
                        "idempotency_key_required",
                        "a write needs an Idempotency-Key header",
                        json!({}),
                    )
                })?,
        ),
        Kind::Read | Kind::Session | Kind::Local => None,
    };
    if operation.name == "login"
        && let Err(minutes) = host.logins.check(&address)
    {
        return Err(ApiError::new(
            "too_many_attempts",
            format!("too many wrong passwords from this address; wait {minutes} min"),
            json!({ "minutes": minutes }),
        ));
    }
    let device = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let place = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .map(|h| format!("https://{h}"))
        .unwrap_or_default();
    let token = session_token(&headers);
    let worker = host.clone();
    let (answer, cookie) = host
        .on_register(move || {
            let host = worker;
            let door = HttpDoor::new(
                &host.register,
                &host.downloads,
                token,
                address.clone(),
                device,
                place,
                host.fingerprint.clone(),
            );
            let answer = run(&host, &door, operation.name, input, key, &address);
            (answer, door.cookie.take())
        })
        .await
        .map_err(|e| ApiError::new("internal", e.to_string(), Value::Null))?;
    let mut response = Json(answer?).into_response();
    if let Some(change) = cookie {
        let value = match change {
            CookieChange::Set(token) => {
                format!("{COOKIE}={token}; Path=/; Secure; HttpOnly; SameSite=Strict")
            }
            CookieChange::Clear => {
                format!("{COOKIE}=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0")
            }
        };
        if let Ok(value) = HeaderValue::from_str(&value) {
            response.headers_mut().insert(header::SET_COOKIE, value);
        }
    }
    Ok(response)
}

/// The operation itself, on a blocking thread: replay a key already used, else run it
/// with the request's address and key, then keep its answer for a retry.
fn run(
    host: &Host,
    door: &HttpDoor<'_>,
    name: &'static str,
    input: Value,
    key: Option<String>,
    address: &str,
) -> Result<Value, ApiError> {
    // A demo or reset password is printed in a manual: until it is changed, the network
    // lets that account do nothing else (the window's own screen asks the same).
    if door.token.is_some()
        && !BEFORE_OWN_PASSWORD.contains(&name)
        && door
            .session()
            .is_ok_and(|(_, info)| info.must_change_password)
    {
        return Err(ApiError::new(
            "password_change_required",
            "choose a new password first",
            json!({}),
        ));
    }
    if let Some(key) = &key {
        let user = match door.session()?.0 {
            phatsadu_core::Actor::User(id) => Some(id),
            phatsadu_core::Actor::System(_) => None,
        };
        match host.register.idempotency_replay(key, name, user)? {
            Some(Replay::Answer(answer)) => return Ok(answer),
            Some(Replay::Done { operation }) => {
                return Err(phatsadu_core::Error::AlreadyDone { operation }.into());
            }
            None => {}
        }
    }
    let context = RequestContext {
        client: Some(address.to_owned()),
        idempotency: key.clone().map(|k| (k, name.to_owned())),
    };
    let answer = with_request(context, || phatsadu_api::run(door, name, input));
    if name == "login" {
        match &answer {
            Ok(_) => host.logins.succeeded(address),
            Err(e) if e.code == "invalid_credentials" || e.code == "account_locked" => {
                host.logins.failed(address)
            }
            Err(_) => {}
        }
    }
    let answer = answer?;
    if let Some(key) = &key {
        host.register.keep_idempotent_answer(key, &answer)?;
    }
    Ok(answer)
}

/// A produced file, for the session that produced it.
async fn download(
    State(host): State<Arc<Host>>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Response {
    let register = host.clone();
    let session = session_token(&headers);
    let who = host
        .on_register(move || {
            session.and_then(|t| register.register.network_actor(&t).ok().map(|(a, _)| a))
        })
        .await
        .ok()
        .flatten();
    let Some(kept) = who.and_then(|who| host.downloads.fetch(&token, &who)) else {
        return refuse(ApiError::new(
            "not_found",
            "this file is no longer kept; print it again",
            json!({ "entity": "download" }),
        ));
    };
    let mime = mime_type(&kept.file_name);
    let disposition = format!(
        "attachment; filename*=UTF-8''{}",
        percent_encode(&kept.file_name)
    );
    let mut response = Response::new(Body::from(kept.bytes.as_ref().clone()));
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, value);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn mime_type(file_name: &str) -> &'static str {
    let lower = file_name.to_lowercase();
    if lower.ends_with(".pdf") {
        "application/pdf"
    } else if lower.ends_with(".xlsx") {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    } else if lower.ends_with(".csv") {
        "text/csv; charset=utf-8"
    } else {
        "application/octet-stream"
    }
}

/// RFC 5987 encoding of a (Thai) file name for `Content-Disposition`.
fn percent_encode(name: &str) -> String {
    name.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_have_fitting_statuses() {
        assert_eq!(status_of("not_logged_in"), StatusCode::UNAUTHORIZED);
        assert_eq!(status_of("already_done"), StatusCode::CONFLICT);
        assert_eq!(status_of("invalid_input"), StatusCode::BAD_REQUEST);
        assert_eq!(
            percent_encode("ใบยืม 1.pdf"),
            "%E0%B9%83%E0%B8%9A%E0%B8%A2%E0%B8%B7%E0%B8%A1%201.pdf"
        );
    }
}
