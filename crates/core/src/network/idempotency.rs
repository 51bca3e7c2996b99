//! Idempotency keys: a write sent twice is done once.
//!
//! A network client sends every write with a fresh random key and sends the same key
//! again when it retries (after a dropped connection, a host restart). The key is stored
//! in the write's own transaction ([`crate::register::Change`]), so it is there exactly
//! when the write is; the answer is kept just after the commit. A retry then finds the
//! key and gets the kept answer — or, if the host stopped between the commit and keeping
//! the answer, [`Replay::Done`] — and the work is not repeated.

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::{Error, Result};
use crate::ids::UserId;
use crate::register::Register;

/// What a key already used says.
#[derive(Debug, Clone, PartialEq)]
pub enum Replay {
    /// The write was done; this was its answer.
    Answer(serde_json::Value),
    /// The write was done, but its answer was not kept (the program stopped right after
    /// the commit): the client is told it is done and reloads what it shows.
    Done {
        /// The operation the key was used for.
        operation: String,
    },
}

/// Whether `key` is a key a client may send: 16 to 100 letters, digits, `-` or `_` (a
/// UUID, say). Anything else is refused before it is looked up.
pub fn valid_key(key: &str) -> bool {
    (16..=100).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
#[test]
fn fresh_keys_are_valid_and_differ() {
    let (a, b) = (fresh_key(), fresh_key());
    assert!(valid_key(&a) && valid_key(&b), "{a} {b}");
    assert_ne!(a, b);
}

/// A new random key, for a client's write that came without one (the desktop shell
/// forwarding a call): 128 random bits, URL-safe Base64, which [`valid_key`] accepts.
pub fn fresh_key() -> String {
    use base64::Engine as _;
    use rand_core::{OsRng, RngCore};
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    format!(
        "k-{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    )
}

/// Stores `key` inside the caller's transaction; a key stored before is refused with
/// [`Error::AlreadyDone`] (two copies of one request racing each other).
pub(crate) fn store(
    conn: &Connection,
    key: &str,
    operation: &str,
    user: Option<UserId>,
    at: &str,
) -> Result<()> {
    let inserted = conn.execute(
        "INSERT INTO idempotency_keys (key, user_id, operation, created_at)
         VALUES (?1, ?2, ?3, ?4) ON CONFLICT (key) DO NOTHING",
        params![key, user, operation, at],
    )?;
    if inserted == 0 {
        let first: String = conn.query_row(
            "SELECT operation FROM idempotency_keys WHERE key = ?1",
            [key],
            |row| row.get(0),
        )?;
        return Err(Error::AlreadyDone { operation: first });
    }
    Ok(())
}

impl Register {
    /// What `key` says if `user` used it before, or `None` for a fresh key. A key that
    /// another account used, or one used for another operation, is refused: keys are
    /// random, so that is a forged or a broken client.
    pub fn idempotency_replay(
        &self,
        key: &str,
        operation: &str,
        user: Option<UserId>,
    ) -> Result<Option<Replay>> {
        if !valid_key(key) {
            return Err(Error::invalid(
                "idempotencyKey",
                "16 to 100 letters, digits, - or _",
            ));
        }
        let conn = self.reader();
        let row: Option<(Option<UserId>, String, Option<String>)> = conn
            .query_row(
                "SELECT user_id, operation, response_json FROM idempotency_keys WHERE key = ?1",
                [key],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .optional()?;
        let Some((owner, first, response)) = row else {
            return Ok(None);
        };
        if owner != user || first != operation {
            return Err(Error::invalid(
                "idempotencyKey",
                "this key was used for another request",
            ));
        }
        Ok(Some(match response {
            Some(json) => Replay::Answer(serde_json::from_str(&json).unwrap_or_default()),
            None => Replay::Done { operation: first },
        }))
    }

    /// Keeps the answer of the write committed under `key`, for a retry to get.
    pub fn keep_idempotent_answer(&self, key: &str, answer: &serde_json::Value) -> Result<()> {
        self.conn().execute(
            "UPDATE idempotency_keys SET response_json = ?2 WHERE key = ?1",
            params![key, answer.to_string()],
        )?;
        Ok(())
    }

    /// Forgets keys older than `days` days (a client retries within minutes; a week is
    /// plenty). Returns how many were forgotten.
    pub fn forget_idempotency_keys(&self, days: i64) -> Result<usize> {
        let cutoff = crate::clock::stamp(self.clock().now() - chrono::Duration::days(days));
        Ok(self.conn().execute(
            "DELETE FROM idempotency_keys WHERE created_at < ?1",
            [cutoff],
        )?)
    }
}
