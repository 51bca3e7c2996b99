//! Phatsadu's printed forms and spreadsheets.
//!
//! Everything here turns core's read models into bytes — a spreadsheet now, A4 PDF forms
//! later — and never touches the register or the UI. The shell and the command line
//! write the bytes where the user chose.
#![warn(missing_docs)]

pub mod checks;
pub mod disposal;
pub mod exports;
pub mod forms;
pub mod ita_pack;
pub mod manual;
pub mod materials;
pub mod pdf;
pub mod printing;
pub mod refused;
pub mod spreadsheet;
pub mod tables;
