//! The tamper-evident audit log.
//!
//! Every change appends one entry in the same transaction as the change itself. Each
//! entry stores the SHA-256 of the previous entry's hash together with its own content,
//! so editing or deleting any entry breaks every hash after it. The content's before and
//! after JSON are stored compressed ([`packing`]); the hash covers the JSON text itself. [`verify`] walks the
//! chain and names the first entry that does not match. The table also refuses UPDATE
//! and DELETE through triggers, which stops accidents; the chain is what catches a
//! deliberate edit made with other tools.
//!
//! One limit worth knowing: removing the newest entries leaves a shorter, valid chain.
//! [`AuditVerification::head_hash`] is the fingerprint of the whole log; writing it down (the
//! command line prints it) lets a later check prove nothing was cut off the end.

mod chain;
mod export;
pub mod packing;
mod query;
pub(crate) mod upgrade;

pub use chain::{AuditVerification, EntryContent, GENESIS_HASH, verify_chain};
pub(crate) use chain::{NewEntry, append};
pub(crate) use query::entries_about;
pub use query::{AuditEntry, AuditPage, AuditQuery};

use serde::Serialize;

/// What one audit entry says happened: an action on an entity, with the entity's state
/// before and after as JSON (never secrets such as password hashes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Event {
    /// Dotted verb, e.g. `division.create`, `auth.login_failed`.
    pub action: &'static str,
    /// The kind of record, e.g. `division`.
    pub entity: &'static str,
    /// The record's id, if it has one.
    pub entity_id: Option<String>,
    /// JSON of the record before the change.
    pub before: Option<String>,
    /// JSON of the record after the change.
    pub after: Option<String>,
}

impl Event {
    /// An event about the record `entity_id` of kind `entity`.
    pub fn new(action: &'static str, entity: &'static str, entity_id: impl ToString) -> Self {
        Self {
            action,
            entity,
            entity_id: Some(entity_id.to_string()),
            before: None,
            after: None,
        }
    }

    /// Records the state before the change.
    pub fn before(mut self, value: &impl Serialize) -> Self {
        self.before = Some(to_json(value));
        self
    }

    /// Whether the state before and after are alike, ignoring the `updatedAt` stamp an
    /// edit always moves (an edit of nothing).
    pub fn changes_nothing(&self) -> bool {
        let (Some(before), Some(after)) = (&self.before, &self.after) else {
            return false;
        };
        if before == after {
            return true;
        }
        let unstamped = |json: &str| {
            let mut value: serde_json::Value = serde_json::from_str(json).ok()?;
            value.as_object_mut()?.remove("updatedAt");
            Some(value)
        };
        matches!((unstamped(before), unstamped(after)), (Some(b), Some(a)) if b == a)
    }

    /// Records the state after the change.
    pub fn after(mut self, value: &impl Serialize) -> Self {
        self.after = Some(to_json(value));
        self
    }
}

/// Our snapshots are plain structs, which always serialise; should one ever fail, the
/// entry still records that fact rather than losing the whole change.
fn to_json(value: &impl Serialize) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|e| serde_json::json!({ "unserialisable": e.to_string() }).to_string())
}

#[cfg(test)]
mod tests;
