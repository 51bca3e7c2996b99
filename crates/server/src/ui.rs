//! The UI build, served to browsers on the office network.
//!
//! It is the same `ui/dist` the desktop window embeds, built into this program, so the
//! browser's UI always matches the host's operations. (A debug build reads the folder
//! from disk instead; `allow_missing` lets the crate compile before the UI is built, and
//! then every page says so.)

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

#[derive(rust_embed::Embed)]
#[folder = "../../ui/dist"]
#[allow_missing = true]
struct UiBuild;

/// What every page is allowed to load: only this host's own files (inline styles are
/// Svelte's; images from data URLs are the logo and photos).
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data: blob:; \
     style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; \
     frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// A file of the UI, or `index.html` for any other page path (the UI routes itself).
pub async fn serve(request: Request) -> Response {
    let path = request.uri().path().trim_start_matches('/');
    if path.starts_with("api/") {
        return (StatusCode::NOT_FOUND, "no such route").into_response();
    }
    let (file, name) = match UiBuild::get(path).filter(|_| !path.is_empty()) {
        Some(file) => (file, path.to_owned()),
        None => match UiBuild::get("index.html") {
            Some(file) => (file, "index.html".to_owned()),
            None => {
                return (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "The UI was not built into this program (npm --prefix ui run build).",
                )
                    .into_response();
            }
        },
    };
    let mime = file.metadata.mimetype().to_owned();
    let mut response = Response::new(Body::from(file.data.into_owned()));
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&mime) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    // Vite names assets by content hash: they never change. The page itself always
    // comes fresh, so an updated host is picked up at the next reload.
    let cache = if name.starts_with("assets/") {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}
