//! Limits on what one client can ask of the host.
//!
//! The core locks an account after five wrong passwords; that alone would let one PC try
//! a few passwords on every account in turn. So the host also counts wrong passwords per
//! address and refuses that address for a while after [`FAILURES_PER_ADDRESS`].

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Wrong passwords from one address within [`WINDOW`] before it is refused.
pub const FAILURES_PER_ADDRESS: usize = 5;
/// The window, and how long a refused address waits.
pub const WINDOW: Duration = Duration::from_secs(5 * 60);

/// The largest request body: a spreadsheet to import (base64) fits many times over; a
/// 100 MB body is refused before it is read.
pub const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;

/// Recent wrong passwords, by client address.
#[derive(Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

impl LoginLimiter {
    /// Whether `address` may try to log in now; if not, for how many whole minutes more
    /// it waits.
    pub fn check(&self, address: &str) -> Result<(), u64> {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let Some(times) = failures.get_mut(address) else {
            return Ok(());
        };
        times.retain(|t| t.elapsed() < WINDOW);
        if times.len() < FAILURES_PER_ADDRESS {
            return Ok(());
        }
        let oldest = times.iter().min().copied().unwrap_or_else(Instant::now);
        let wait = WINDOW.saturating_sub(oldest.elapsed());
        Err(wait.as_secs().div_ceil(60).max(1))
    }

    /// Counts a wrong password from `address`.
    pub fn failed(&self, address: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        failures
            .entry(address.to_owned())
            .or_default()
            .push(Instant::now());
    }

    /// A right password from `address` clears its count.
    pub fn succeeded(&self, address: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        failures.remove(address);
    }
}
