//! Every printout and export read back as a person would, one module per kind of document.
//! One test binary rather than one per module: each links the whole forms crate with its
//! fonts, PDF and spreadsheet libraries, so seven of them cost CI several times the disk and
//! six more links for nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

mod after_the_check;
mod check_forms;
mod material_reports;
mod pdf_engine;
mod printouts;
mod refused_rows;
mod spreadsheets;
