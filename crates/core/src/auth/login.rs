//! Logging in and out, lockout after repeated failures, changing one's password.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::password;
use super::roles::permissions_of;
use super::session::{Session, SessionInfo};
use super::users::roles_of;
use crate::audit::Event;
use crate::error::{Error, Result};
use crate::ids::UserId;
use crate::register::{Actor, ActorInfo, Change, Register};
use crate::text;

/// Wrong passwords in a row that lock an account.
pub const MAX_FAILED_LOGINS: i64 = 5;
/// How long a locked account waits.
pub const LOCKOUT: Duration = Duration::minutes(5);

/// A login attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LoginInput {
    /// Login name (any case).
    pub username: String,
    /// Password.
    pub password: String,
}

/// A user changing their own password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChangePasswordInput {
    /// The password in use now.
    pub current_password: String,
    /// The new password.
    pub new_password: String,
}

/// What the login transaction decided. Failures are committed (the failure count must
/// persist) and only then turned into errors.
enum Outcome {
    LoggedIn(UserId),
    Refused(Error),
}

struct Account {
    id: UserId,
    username: String,
    hash: String,
    active: bool,
    failed: i64,
    locked_until: Option<DateTime<Utc>>,
}

impl Register {
    /// Checks a user name and password and starts a session.
    ///
    /// Unknown names and wrong passwords get the same [`Error::InvalidCredentials`].
    /// The fifth wrong password in a row locks the account for [`LOCKOUT`]; while
    /// locked, even the right password is refused with [`Error::AccountLocked`].
    pub fn login(&self, input: &LoginInput) -> Result<Session> {
        let username = text::clean(&input.username).to_lowercase();
        if username.is_empty() {
            return Err(Error::required("username"));
        }
        if input.password.is_empty() {
            return Err(Error::required("password"));
        }
        // Recorded under the typed name; cut short so a pasted novel cannot bloat the log.
        let typed: String = username.chars().take(64).collect();
        let outcome = self.change_as(ActorInfo::system(typed), |change| {
            let Some(account) = find_account(change, &username)? else {
                password::verify_against_dummy(&input.password);
                change.record(
                    Event {
                        entity_id: None,
                        ..Event::new("auth.login_failed", "user", "")
                    }
                    .after(&serde_json::json!({ "reason": "unknown user" })),
                )?;
                return Ok(Outcome::Refused(Error::InvalidCredentials));
            };
            change.actor.user_id = Some(account.id);
            change.actor.username = account.username.clone();
            attempt(change, &account, &input.password)
        })?;
        match outcome {
            Outcome::LoggedIn(id) => self.start_session(id),
            Outcome::Refused(error) => Err(error),
        }
    }

    /// Ends a session, recording why (`auth.logout` or `auth.session_expired`).
    pub fn logout(&self, session: &Session, expired: bool) -> Result<()> {
        let info = session.info();
        let action = if expired {
            "auth.session_expired"
        } else {
            "auth.logout"
        };
        self.change_as(
            ActorInfo {
                user_id: Some(info.user_id),
                username: info.username.clone(),
            },
            |change| change.record(Event::new(action, "user", info.user_id)),
        )
    }

    /// Changes the acting user's own password after checking the current one.
    pub fn change_password(&self, actor: &Actor, input: &ChangePasswordInput) -> Result<()> {
        self.change(actor, None, |change| {
            let Some(user_id) = change.actor.user_id else {
                return Err(Error::NotLoggedIn);
            };
            let hash: String = change.query_row(
                "SELECT password_hash FROM users WHERE id = ?1",
                [user_id],
                |row| row.get(0),
            )?;
            if !password::verify(&input.current_password, &hash) {
                return Err(Error::WrongPassword);
            }
            password::check_policy("newPassword", &input.new_password)?;
            if input.new_password == input.current_password {
                return Err(Error::invalid(
                    "newPassword",
                    "same as the current password",
                ));
            }
            let hash = password::hash(&input.new_password)?;
            change.execute(
                "UPDATE users SET password_hash = ?1, must_change_password = 0 WHERE id = ?2",
                params![hash, user_id],
            )?;
            change.record(Event::new("user.change_password", "user", user_id))
        })
    }

    /// A fresh description of a user's session (after their roles or password changed).
    pub fn session_info(&self, user: UserId) -> Result<SessionInfo> {
        let conn = self.reader();
        #[allow(clippy::type_complexity)]
        let (username, full_name, must_change, last_login, person_id): (
            String,
            String,
            bool,
            Option<String>,
            Option<crate::ids::PersonId>,
        ) = conn
            .query_row(
                "SELECT username, full_name, must_change_password, last_login_at, person_id
                 FROM users WHERE id = ?1 AND active = 1",
                [user],
                |row| {
                    Ok((
                        row.get(0)?,
                        row.get(1)?,
                        row.get(2)?,
                        row.get(3)?,
                        row.get(4)?,
                    ))
                },
            )
            .optional()?
            .ok_or(Error::NotLoggedIn)?;
        let roles = roles_of(&conn, user)?;
        Ok(SessionInfo {
            user_id: user,
            username,
            full_name,
            person_id,
            permissions: permissions_of(&roles),
            roles,
            must_change_password: must_change,
            idle_timeout_minutes: crate::settings::idle_timeout_minutes(&conn)?,
            logged_in_at: last_login.unwrap_or_default(),
        })
    }

    /// Starts a session for a user who has just proved who they are.
    pub(crate) fn start_session(&self, user: UserId) -> Result<Session> {
        let info = self.session_info(user)?;
        Ok(Session::new(info, self.clock().now()))
    }
}

fn find_account(change: &Change<'_>, username: &str) -> Result<Option<Account>> {
    Ok(change
        .query_row(
            "SELECT id, username, password_hash, active, failed_logins, locked_until
             FROM users WHERE username_key = ?1",
            [username],
            |row| {
                let locked: Option<String> = row.get(5)?;
                Ok(Account {
                    id: row.get(0)?,
                    username: row.get(1)?,
                    hash: row.get(2)?,
                    active: row.get(3)?,
                    failed: row.get(4)?,
                    locked_until: locked
                        .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
                        .map(|t| t.with_timezone(&Utc)),
                })
            },
        )
        .optional()?)
}

/// One attempt against a known account, inside the login transaction.
fn attempt(change: &Change<'_>, account: &Account, password: &str) -> Result<Outcome> {
    let now = change.now();
    if let Some(until) = account.locked_until.filter(|until| *until > now) {
        change.record(Event::new("auth.login_refused", "user", account.id).after(
            &serde_json::json!({ "reason": "locked", "lockedUntil": crate::clock::stamp(until) }),
        ))?;
        return Ok(Outcome::Refused(Error::AccountLocked { until }));
    }
    // A lock that has run out starts a fresh count.
    let failed_so_far = if account.locked_until.is_some() {
        0
    } else {
        account.failed
    };
    if !password::verify(password, &account.hash) {
        let failed = failed_so_far + 1;
        let lock = (failed >= MAX_FAILED_LOGINS).then(|| now + LOCKOUT);
        change.execute(
            "UPDATE users SET failed_logins = ?1, locked_until = ?2 WHERE id = ?3",
            params![failed, lock.map(crate::clock::stamp), account.id],
        )?;
        change.record(Event::new("auth.login_failed", "user", account.id).after(
            &serde_json::json!({
                "reason": "wrong password",
                "failedLogins": failed,
                "lockedUntil": lock.map(crate::clock::stamp),
            }),
        ))?;
        return Ok(Outcome::Refused(match lock {
            Some(until) => Error::AccountLocked { until },
            None => Error::InvalidCredentials,
        }));
    }
    if !account.active {
        change.record(
            Event::new("auth.login_refused", "user", account.id)
                .after(&serde_json::json!({ "reason": "disabled" })),
        )?;
        return Ok(Outcome::Refused(Error::AccountDisabled));
    }
    change.execute(
        "UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = ?1 WHERE id = ?2",
        params![change.stamp(), account.id],
    )?;
    change.record(Event::new("auth.login", "user", account.id))?;
    Ok(Outcome::LoggedIn(account.id))
}
