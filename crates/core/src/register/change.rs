//! One write, one transaction, one audit entry.
//!
//! Every operation that changes the register runs inside [`Register::change`]: it opens
//! an IMMEDIATE transaction (so two writers never interleave), loads the acting user
//! fresh from the database and checks the permission, runs the change, appends the audit
//! entries, and commits. If anything fails, SQLite rolls everything back: nothing is
//! ever half done.

use std::ops::Deref;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior};

use super::Register;
use crate::audit::{self, Event, NewEntry};
use crate::auth::roles::Permission;
use crate::clock::thai_offset;
use crate::error::{Error, Result};
use crate::ids::UserId;

/// Who is asking for an operation. Every core operation takes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// A logged-in user. Front doors get the id from [`crate::auth::Session`].
    User(UserId),
    /// The program itself acting for someone with direct access to the file: the
    /// first-run setup, the administrator's command line. The label says which.
    System(String),
}

impl Actor {
    /// The command line, acting for the operating-system account that ran it, on this
    /// computer: `cli:somchai@pc-supplies`. The account is asked of the system (the
    /// password database), not of `$USER`, which is often unset under sudo, cron or a
    /// service; only when neither can say is it `cli:unknown`.
    pub fn command_line() -> Self {
        let who = whoami::fallible::username()
            .ok()
            .filter(|name| !name.is_empty())
            .or_else(|| std::env::var("USER").ok().filter(|name| !name.is_empty()))
            .unwrap_or_else(|| "unknown".into());
        let host = whoami::fallible::hostname().unwrap_or_default();
        Actor::System(if host.is_empty() {
            format!("cli:{who}")
        } else {
            format!("cli:{who}@{host}")
        })
    }
}

/// The acting user as found in the register at the start of the transaction.
#[derive(Debug, Clone)]
pub(crate) struct ActorInfo {
    /// `None` for the system.
    pub user_id: Option<UserId>,
    /// Name recorded in the audit log.
    pub username: String,
}

impl ActorInfo {
    /// An actor recorded under `username` without a user id (setup, failed logins).
    pub fn system(label: impl Into<String>) -> Self {
        Self {
            user_id: None,
            username: label.into(),
        }
    }
}

/// An open write transaction, with the time and the actor of the change.
pub struct Change<'c> {
    tx: Transaction<'c>,
    now: DateTime<Utc>,
    pub(crate) actor: ActorInfo,
    /// The network client the change came from (see [`crate::network::request`]).
    client: Option<String>,
}

impl Change<'_> {
    /// The instant of this change (one value for the whole transaction).
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// The instant of this change as stored in the register (UTC, RFC 3339, milliseconds).
    pub fn stamp(&self) -> String {
        crate::clock::stamp(self.now)
    }

    /// Today's date in Thailand at the time of this change.
    pub fn today(&self) -> NaiveDate {
        self.now.with_timezone(&thai_offset()).date_naive()
    }

    /// Appends `event` to the audit log as part of this change.
    pub(crate) fn record(&self, event: Event) -> Result<()> {
        audit::append(
            &self.tx,
            &NewEntry {
                at: self.now,
                user_id: self.actor.user_id,
                username: &self.actor.username,
                client: self.client.as_deref(),
                event,
            },
        )
    }

    /// Records an edit: the same as [`Change::record`], except that an edit which changes
    /// nothing (the record before and after alike, apart from its `updatedAt` stamp) is
    /// refused with [`Error::NothingChanged`], so the transaction rolls back and saving an
    /// untouched form writes neither the record nor an audit entry.
    pub(crate) fn record_edit(&self, event: Event) -> Result<()> {
        if event.changes_nothing() {
            return Err(Error::NothingChanged {
                entity: event.entity,
            });
        }
        self.record(event)
    }
}

impl<'c> Change<'c> {
    fn begin(tx: Transaction<'c>, now: DateTime<Utc>, actor: ActorInfo) -> Self {
        Self {
            tx,
            now,
            actor,
            client: crate::network::request::client(),
        }
    }

    /// Commits, first storing the request's idempotency key (if any) in this same
    /// transaction: a crash leaves both or neither, and a second commit under the key is
    /// refused with [`Error::AlreadyDone`].
    fn commit(self) -> Result<()> {
        if let Some((key, operation)) = crate::network::request::take_idempotency() {
            crate::network::idempotency::store(
                &self.tx,
                &key,
                &operation,
                self.actor.user_id,
                &crate::clock::stamp(self.now),
            )?;
        }
        self.tx.commit()?;
        Ok(())
    }
}

impl Deref for Change<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.tx
    }
}

impl Register {
    /// Runs `work` as one audited transaction after checking that `actor` holds
    /// `needs` (or is any active user, when `needs` is `None`).
    pub(crate) fn change<T>(
        &self,
        actor: &Actor,
        needs: Option<Permission>,
        work: impl FnOnce(&mut Change<'_>) -> Result<T>,
    ) -> Result<T> {
        let mut conn = self.conn();
        let done = (|| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let info = authorize(&tx, actor, needs)?;
            let mut change = Change::begin(tx, self.clock.now(), info);
            let out = work(&mut change)?;
            change.commit()?;
            Ok(out)
        })();
        done.map_err(|e| self.said_of_the_disk(e))
    }

    /// SQLite's complaints about the disk, said as what they mean for the person: the
    /// disk is full, or refused the write, or the file became read-only. The transaction
    /// was rolled back whole either way, which the message says.
    pub(crate) fn said_of_the_disk(&self, error: Error) -> Error {
        let (Error::Database(e), Some(path)) = (&error, self.path()) else {
            return error;
        };
        let path = path.to_path_buf();
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DiskFull) => Error::DiskFull { path },
            Some(rusqlite::ErrorCode::SystemIoFailure) => Error::DiskWriteFailed { path },
            Some(rusqlite::ErrorCode::ReadOnly) => Error::FileReadOnly { path },
            _ => error,
        }
    }

    /// Like [`Register::change`], but the transaction is rolled back at the end whatever
    /// `work` returns: a dry run of a write, with the write's own rules and none of its
    /// effects (what loading a scanner's list of codes would do, line by line).
    pub(crate) fn rehearse<T>(
        &self,
        actor: &Actor,
        needs: Option<Permission>,
        work: impl FnOnce(&mut Change<'_>) -> Result<T>,
    ) -> Result<T> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let info = authorize(&tx, actor, needs)?;
        let mut change = Change::begin(tx, self.clock.now(), info);
        let out = work(&mut change);
        change.tx.rollback()?;
        out
    }

    /// Like [`Register::change`] for operations that happen before anyone is logged in
    /// (setup, login): the caller decides who is recorded and checks its own rules.
    pub(crate) fn change_as<T>(
        &self,
        actor: ActorInfo,
        work: impl FnOnce(&mut Change<'_>) -> Result<T>,
    ) -> Result<T> {
        let mut conn = self.conn();
        let done = (|| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let mut change = Change::begin(tx, self.clock.now(), actor);
            let out = work(&mut change)?;
            change.commit()?;
            Ok(out)
        })();
        done.map_err(|e| self.said_of_the_disk(e))
    }

    /// Runs a read after checking that `actor` holds `needs`. Reads see one consistent
    /// snapshot because they run in a (deferred) transaction.
    pub(crate) fn read<T>(
        &self,
        actor: &Actor,
        needs: Option<Permission>,
        work: impl FnOnce(&Connection, &ActorInfo) -> Result<T>,
    ) -> Result<T> {
        let mut conn = self.reader();
        let tx = conn.transaction()?;
        let info = authorize(&tx, actor, needs)?;
        work(&tx, &info)
    }
}

/// Loads the acting user and checks that they are active and hold `needs`.
fn authorize(conn: &Connection, actor: &Actor, needs: Option<Permission>) -> Result<ActorInfo> {
    let user_id = match actor {
        Actor::System(label) => return Ok(ActorInfo::system(label.clone())),
        Actor::User(id) => *id,
    };
    let row: Option<(String, bool)> = conn
        .query_row(
            "SELECT username, active FROM users WHERE id = ?1",
            [user_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let Some((username, active)) = row else {
        // The session refers to an account that no longer exists.
        return Err(Error::NotLoggedIn);
    };
    if !active {
        return Err(Error::AccountDisabled);
    }
    let roles = crate::auth::users::roles_of(conn, user_id)?;
    if let Some(permission) = needs
        && !roles.iter().any(|g| g.role.grants(permission))
    {
        return Err(Error::PermissionDenied {
            permission: permission.as_str(),
        });
    }
    Ok(ActorInfo {
        user_id: Some(user_id),
        username,
    })
}
