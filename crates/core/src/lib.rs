//! Phatsadu core: the government-asset register of a Thai local administration.
//!
//! Everything that decides anything lives here: permissions, validation, numbering,
//! the audit log, Thai dates. The desktop shell, the command line and (later) an
//! office-network server are thin front doors over this crate. It never depends on
//! Tauri, PDF or UI code, so `cargo test -p phatsadu-core` runs without WebKit.
//!
//! The entry point is [`Register`]: open one, then call its operations with an
//! [`Actor`] (who is asking). Every operation checks permission, validates, writes in
//! one transaction and appends to the tamper-evident [`audit`] log.
#![warn(missing_docs)]

#[macro_use]
pub mod assets;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod calendar;
pub mod checks;
pub mod clock;
pub mod disposal;
pub mod error;
pub mod ids;
pub mod import;
pub mod loans;
pub mod manual;
pub mod materials;
pub mod money;
pub mod network;
pub mod org;
pub mod print_settings;
pub mod register;
pub mod sample;
mod sample_assets;
mod sample_checks;
mod sample_disposal;
mod sample_loans;
mod sample_materials;
pub mod settings;
pub mod setup;
pub mod text;

#[cfg(test)]
mod testing;

pub use clock::{Clock, FixedClock, ShiftedClock, SystemClock};
pub use error::{Error, Result};
pub use register::{Actor, DataDir, Register};
