//! A logged-in user's session and its idle timeout.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::roles::{Permission, RoleGrant};
use crate::error::{Error, Result};
use crate::ids::UserId;
use crate::register::Actor;

/// What the UI needs to know about the logged-in user. The UI uses `permissions` only to
/// hide what the user cannot do; the core checks again on every operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionInfo {
    /// The account.
    pub user_id: UserId,
    /// Its login name.
    pub username: String,
    /// Its display name.
    pub full_name: String,
    /// The person in the staff directory this account is (who borrows when they ask).
    pub person_id: Option<crate::ids::PersonId>,
    /// Roles held at login.
    pub roles: Vec<RoleGrant>,
    /// What those roles allow.
    pub permissions: Vec<Permission>,
    /// The user must choose a new password before doing anything else.
    pub must_change_password: bool,
    /// Minutes without activity after which the session ends.
    pub idle_timeout_minutes: u32,
    /// When the session started (UTC, RFC 3339).
    pub logged_in_at: String,
}

/// A live session: who, and when they last did something.
#[derive(Debug, Clone)]
pub struct Session {
    info: SessionInfo,
    last_activity: DateTime<Utc>,
}

impl Session {
    /// A session starting at `now`.
    pub fn new(info: SessionInfo, now: DateTime<Utc>) -> Self {
        Self {
            info,
            last_activity: now,
        }
    }

    /// What the UI is told about this session.
    pub fn info(&self) -> &SessionInfo {
        &self.info
    }

    /// Replaces the session's description (after a password change or a role change),
    /// keeping its activity time.
    pub fn refresh(&mut self, info: SessionInfo) {
        self.info = info;
    }

    /// Whether the idle time has run out at `now`.
    pub fn is_expired(&self, now: DateTime<Utc>) -> bool {
        now - self.last_activity > Duration::minutes(i64::from(self.info.idle_timeout_minutes))
    }

    /// Records activity at `now` and returns the actor for the operation, or
    /// [`Error::SessionExpired`] if the user was idle too long.
    pub fn touch(&mut self, now: DateTime<Utc>) -> Result<Actor> {
        if self.is_expired(now) {
            return Err(Error::SessionExpired);
        }
        self.last_activity = self.last_activity.max(now);
        Ok(self.actor())
    }

    /// The actor this session acts as.
    pub fn actor(&self) -> Actor {
        Actor::User(self.info.user_id)
    }
}
