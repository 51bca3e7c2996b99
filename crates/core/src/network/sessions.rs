//! Logins from the office network, kept on the host.
//!
//! The browser holds a random token in a cookie; the host keeps only its SHA-256, so a
//! copy of the register file cannot be used to take over a session. A session ends at
//! logout, after the account's idle time, or when an administrator revokes it; every
//! end is in the audit log, and the list of sessions (with addresses and devices) is
//! the administrator's to read.

use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use rand_core::{OsRng, RngCore};
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::audit::Event;
use crate::auth::roles::Permission;
use crate::auth::{Session, SessionInfo};
use crate::error::{Error, Result};
use crate::ids::UserId;
use crate::register::{Actor, Register};

/// Activity closer together than this does not rewrite `last_seen_at`: a read stays a
/// read, and the idle time (minutes) is still measured well enough.
const TOUCH_EVERY: Duration = Duration::seconds(30);

/// A session just opened: the token to hand the client (once) and what the UI is told.
#[derive(Debug, Clone)]
pub struct NewNetworkSession {
    /// The cookie's value. Not stored anywhere on the host.
    pub token: String,
    /// The logged-in user.
    pub info: SessionInfo,
}

/// One network session, as the administrator's list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NetworkSession {
    /// Its number (to revoke it).
    #[ts(type = "number")]
    pub id: i64,
    /// Whose.
    pub user_id: UserId,
    /// Their login name.
    pub username: String,
    /// Their full name.
    pub full_name: String,
    /// Where it logged in from.
    pub address: String,
    /// What it is (the browser's own description, shortened).
    pub device: String,
    /// When it started and was last used (UTC, RFC 3339).
    pub started_at: String,
    /// When it was last used.
    pub last_seen_at: String,
    /// When it ended; `None` while it is open.
    pub ended_at: Option<String>,
    /// Why: `logout`, `expired` or `revoked`.
    pub end_reason: Option<String>,
}

/// The stored form of a token.
fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A fresh random token: 32 bytes from the operating system, base64url.
fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn parse_stamp(stamp: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(stamp)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

impl Register {
    /// Opens a network session for a login `session` (from [`Register::login`]) made
    /// from `address` with `device`.
    pub fn open_network_session(
        &self,
        session: &Session,
        address: &str,
        device: &str,
    ) -> Result<NewNetworkSession> {
        let token = new_token();
        let now = crate::clock::stamp(self.clock().now());
        let device: String = device.chars().take(120).collect();
        self.conn().execute(
            "INSERT INTO network_sessions (token_hash, user_id, address, device, started_at,
                                           last_seen_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![
                token_hash(&token),
                session.info().user_id,
                address,
                device,
                now
            ],
        )?;
        Ok(NewNetworkSession {
            token,
            info: session.info().clone(),
        })
    }

    /// The user behind `token`, for the next operation. Counts as activity; a session
    /// idle for longer than the account's idle time ends here (recorded) with
    /// [`Error::SessionExpired`]; an unknown, ended or revoked one is
    /// [`Error::NotLoggedIn`].
    pub fn network_actor(&self, token: &str) -> Result<(Actor, SessionInfo)> {
        let (id, user, last_seen) = self.open_session_row(token)?;
        let info = self.session_info(user)?;
        let now = self.clock().now();
        let idle = Duration::minutes(i64::from(info.idle_timeout_minutes));
        if parse_stamp(&last_seen).is_some_and(|seen| now - seen > idle) {
            self.end_session_row(id, "expired")?;
            self.logout(&Session::new(info, now), true)?;
            return Err(Error::SessionExpired);
        }
        if parse_stamp(&last_seen).is_none_or(|seen| now - seen > TOUCH_EVERY) {
            self.conn().execute(
                "UPDATE network_sessions SET last_seen_at = ?2 WHERE id = ?1",
                params![id, crate::clock::stamp(now)],
            )?;
        }
        Ok((Actor::User(user), info))
    }

    /// The session behind `token` without counting as activity; `None` when there is
    /// none open (or it has run out of idle time).
    pub fn peek_network_session(&self, token: &str) -> Result<Option<SessionInfo>> {
        let Ok((_, user, last_seen)) = self.open_session_row(token) else {
            return Ok(None);
        };
        let info = self.session_info(user)?;
        let idle = Duration::minutes(i64::from(info.idle_timeout_minutes));
        let expired = parse_stamp(&last_seen).is_some_and(|seen| self.clock().now() - seen > idle);
        Ok((!expired).then_some(info))
    }

    /// Ends the session behind `token` at the user's request (recorded as a logout).
    pub fn end_network_session(&self, token: &str) -> Result<()> {
        let Ok((id, user, _)) = self.open_session_row(token) else {
            return Ok(());
        };
        self.end_session_row(id, "logout")?;
        let info = self.session_info(user)?;
        self.logout(&Session::new(info, self.clock().now()), false)
    }

    /// Every network session opened in the last `days` days, newest first, for
    /// administrators.
    pub fn list_network_sessions(&self, actor: &Actor, days: i64) -> Result<Vec<NetworkSession>> {
        let since = crate::clock::stamp(self.clock().now() - Duration::days(days));
        self.read(actor, Some(Permission::ManageUsers), |conn, _| {
            let mut stmt = conn.prepare(
                "SELECT s.id, s.user_id, u.username, u.full_name, s.address, s.device,
                        s.started_at, s.last_seen_at, s.ended_at, s.end_reason
                 FROM network_sessions s JOIN users u ON u.id = s.user_id
                 WHERE s.ended_at IS NULL OR s.last_seen_at >= ?1
                 ORDER BY s.id DESC",
            )?;
            let rows = stmt.query_map([since], |r| {
                Ok(NetworkSession {
                    id: r.get(0)?,
                    user_id: r.get(1)?,
                    username: r.get(2)?,
                    full_name: r.get(3)?,
                    address: r.get(4)?,
                    device: r.get(5)?,
                    started_at: r.get(6)?,
                    last_seen_at: r.get(7)?,
                    ended_at: r.get(8)?,
                    end_reason: r.get(9)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Ends another device's session now (an administrator's act, recorded). Its next
    /// request is refused as not logged in.
    pub fn revoke_network_session(&self, actor: &Actor, id: i64) -> Result<()> {
        self.change(actor, Some(Permission::ManageUsers), |change| {
            let row: Option<(UserId, String, Option<String>)> = change
                .query_row(
                    "SELECT user_id, address, ended_at FROM network_sessions WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let Some((user, address, ended)) = row else {
                return Err(Error::NotFound {
                    entity: "network_session",
                    id: id.to_string(),
                });
            };
            if ended.is_some() {
                return Err(Error::invalid("session", "this session has already ended"));
            }
            change.execute(
                "UPDATE network_sessions SET ended_at = ?2, end_reason = 'revoked' WHERE id = ?1",
                params![id, change.stamp()],
            )?;
            change.record(
                Event::new("network.session_revoked", "network_session", id)
                    .after(&serde_json::json!({ "userId": user, "address": address })),
            )
        })
    }

    /// Active administrators who have chosen their own password (not a demo or reset
    /// one they must change): the host serves the network only when there is one, since
    /// anybody on the LAN could otherwise log in with a password printed in a manual.
    pub fn network_administrators(&self) -> Result<i64> {
        Ok(self.reader().query_row(
            "SELECT count(DISTINCT u.id) FROM users u JOIN user_roles r ON r.user_id = u.id
             WHERE r.role = 'administrator' AND u.active = 1 AND u.must_change_password = 0",
            [],
            |r| r.get(0),
        )?)
    }

    /// The open session row behind `token`: its id, user and last activity.
    fn open_session_row(&self, token: &str) -> Result<(i64, UserId, String)> {
        self.reader()
            .query_row(
                "SELECT id, user_id, last_seen_at FROM network_sessions
                 WHERE token_hash = ?1 AND ended_at IS NULL",
                [token_hash(token)],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or(Error::NotLoggedIn)
    }

    fn end_session_row(&self, id: i64, reason: &str) -> Result<()> {
        self.conn().execute(
            "UPDATE network_sessions SET ended_at = ?2, end_reason = ?3
             WHERE id = ?1 AND ended_at IS NULL",
            params![id, crate::clock::stamp(self.clock().now()), reason],
        )?;
        Ok(())
    }
}
