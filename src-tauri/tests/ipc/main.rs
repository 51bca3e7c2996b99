//! The shell through its IPC, on Tauri's mock runtime: every command as the UI calls it, one
//! module per part of the work. One test binary rather than one per part: each links the
//! whole app (about 120 MB in a debug build), so seven of them cost CI ten times the disk and
//! six more links for nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

mod backup;
mod checks;
mod commands;
mod diagnostics;
mod disposal;
mod materials;
mod office;
