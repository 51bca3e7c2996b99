//! The office network: what the host keeps for the PCs and tablets that connect to it.
//!
//! - [`request`]: the client a request came from and its idempotency key, set by the
//!   server around one operation; every audit entry of that operation records the
//!   address, and the key is stored in the operation's own transaction.
//! - [`sessions`]: logins from the network, as random tokens stored hashed, with the
//!   administrator's list of them and revocation.
//! - [`settings`]: whether this PC hosts the register, and on which port.
//! - [`idempotency`]: looking a key up again, so a retry after a dropped connection gets
//!   the first answer instead of doing the work twice.
//!
//! The server itself (HTTPS, cookies, limits) is `crates/server`; the rules are here so
//! they are tested against an in-memory register like every other rule.

pub mod idempotency;
pub mod request;
pub mod sessions;
pub mod settings;

#[cfg(test)]
mod tests;

pub use idempotency::{Replay, fresh_key as fresh_idempotency_key};
pub use request::{RequestContext, with_request};
pub use sessions::{NetworkSession, NewNetworkSession};
pub use settings::NetworkSettings;
