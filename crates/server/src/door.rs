//! One HTTPS request as a door onto the operations.
//!
//! The acting user is the session behind the request's cookie, looked up on the host;
//! nothing in the request body can name another user. A produced file is kept for a
//! short while under a random link the browser downloads.

use std::cell::RefCell;
use std::sync::Arc;

use phatsadu_api::ops::network::HostStatus;
use phatsadu_api::ops::office::{Connection, FoundOfficeHost, HostCandidate, Pairing};
use phatsadu_api::{ApiError, ApiResult, Door, SavedFile};
use phatsadu_core::auth::{Session, SessionInfo};
use phatsadu_core::network::NetworkSettings;
use phatsadu_core::{Actor, Register};

use crate::downloads::Downloads;

/// What a request changed about its session, for the response's `Set-Cookie`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CookieChange {
    /// A login: hand the client this token.
    Set(String),
    /// A logout: clear the cookie.
    Clear,
}

/// The door one request opens.
pub struct HttpDoor<'a> {
    /// The host's register.
    pub register: &'a Register,
    /// Where downloads are kept.
    pub downloads: &'a Downloads,
    /// The session token from the request's cookie, if it had one.
    pub token: Option<String>,
    /// The client's address, for the session list.
    pub address: String,
    /// The client's own description (its User-Agent), for the session list.
    pub device: String,
    /// What the host serves as the register's place (its address).
    pub place: String,
    /// The host's certificate fingerprint, grouped.
    pub fingerprint: String,
    /// The actor, once looked up (one lookup, one activity touch per request).
    actor: RefCell<Option<(Actor, SessionInfo)>>,
    /// A login or logout during this request.
    pub cookie: RefCell<Option<CookieChange>>,
}

impl<'a> HttpDoor<'a> {
    /// A door for a request from `address` carrying `token`.
    pub fn new(
        register: &'a Register,
        downloads: &'a Downloads,
        token: Option<String>,
        address: String,
        device: String,
        place: String,
        fingerprint: String,
    ) -> Self {
        Self {
            register,
            downloads,
            token,
            address,
            device,
            place,
            fingerprint,
            actor: RefCell::new(None),
            cookie: RefCell::new(None),
        }
    }

    /// The session's user, looked up once per request.
    pub fn session(&self) -> ApiResult<(Actor, SessionInfo)> {
        if let Some(found) = self.actor.borrow().as_ref() {
            return Ok(found.clone());
        }
        let Some(token) = &self.token else {
            return Err(phatsadu_core::Error::NotLoggedIn.into());
        };
        let found = self.register.network_actor(token)?;
        *self.actor.borrow_mut() = Some(found.clone());
        Ok(found)
    }
}

impl Door for HttpDoor<'_> {
    fn register(&self) -> ApiResult<&Register> {
        Ok(self.register)
    }

    fn actor(&self) -> ApiResult<Actor> {
        Ok(self.session()?.0)
    }

    fn begin(&self, session: Session) -> ApiResult<SessionInfo> {
        let opened = self
            .register
            .open_network_session(&session, &self.address, &self.device)?;
        *self.cookie.borrow_mut() = Some(CookieChange::Set(opened.token));
        Ok(opened.info)
    }

    fn end(&self) -> ApiResult<()> {
        if let Some(token) = &self.token {
            self.register.end_network_session(token)?;
        }
        *self.cookie.borrow_mut() = Some(CookieChange::Clear);
        Ok(())
    }

    fn current(&self) -> ApiResult<Option<SessionInfo>> {
        match &self.token {
            Some(token) => Ok(self.register.peek_network_session(token)?),
            None => Ok(None),
        }
    }

    fn refresh(&self) -> ApiResult<()> {
        // Every request reads the user's roles afresh (see `network_actor`).
        Ok(())
    }

    fn register_place(&self) -> String {
        self.place.clone()
    }

    fn startup_error(&self) -> Option<ApiError> {
        None
    }

    fn save(
        &self,
        _folder: Option<String>,
        file_name: &str,
        bytes: &[u8],
        rows: usize,
    ) -> ApiResult<SavedFile> {
        let (actor, _) = self.session()?;
        let link = self
            .downloads
            .keep(actor, file_name, Arc::new(bytes.to_vec()));
        Ok(SavedFile {
            path: file_name.to_owned(),
            rows: u32::try_from(rows).unwrap_or(u32::MAX),
            url: Some(link),
        })
    }

    fn default_folder(&self) -> ApiResult<String> {
        // A browser saves into its own downloads folder; there is nothing to choose.
        Ok(String::new())
    }

    fn open_path(&self, _path: &str) -> ApiResult<()> {
        Err(ApiError::new(
            "desktop_only",
            "files are opened from the browser's downloads",
            serde_json::json!({}),
        ))
    }

    fn host_status(&self, settings: NetworkSettings) -> ApiResult<HostStatus> {
        // Seen from a browser: the host is the one serving this very page.
        Ok(HostStatus {
            settings,
            running: true,
            urls: vec![self.place.clone()],
            fingerprint: crate::identity::group_fingerprint(&self.fingerprint),
            qr_svg: crate::qr::svg(&self.place),
            connections: 0,
            problem: None,
            problem_code: None,
        })
    }

    fn apply_host(&self, _settings: NetworkSettings) -> ApiResult<HostStatus> {
        // Switching the host off from a browser would cut that browser off mid-answer.
        Err(ApiError::new(
            "desktop_only",
            "the host is turned on or off at the host PC",
            serde_json::json!({}),
        ))
    }

    fn find_host(&self, _address: &str) -> ApiResult<HostCandidate> {
        Err(desktop_only())
    }

    fn discover_hosts(&self) -> ApiResult<Vec<FoundOfficeHost>> {
        Err(desktop_only())
    }

    fn pair(&self, _pairing: Pairing) -> ApiResult<Connection> {
        Err(desktop_only())
    }

    fn forget_pairing(&self) -> ApiResult<Connection> {
        Err(desktop_only())
    }

    fn connection(&self) -> ApiResult<Connection> {
        // A browser is on the host already: there is nothing to pair.
        Ok(Connection {
            host: None,
            can_pair: false,
        })
    }
}

/// What a browser is told of what only the desktop app does.
fn desktop_only() -> ApiError {
    ApiError::new(
        "desktop_only",
        "only the desktop app pairs with a host",
        serde_json::json!({}),
    )
}
