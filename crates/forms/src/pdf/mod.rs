//! A small engine for Thai A4 documents: shaped text with correct marks, line breaking at
//! Thai word boundaries, tables whose header repeats on every page, signature blocks,
//! check boxes, QR codes and barcodes drawn as vectors, and "หน้า x/y" on every page.
//!
//! Forms describe what goes where with [`layout::Flow`]; the engine lays it onto
//! [`page::Page`]s and [`output::to_pdf`] writes real, selectable text with subset fonts.

mod breaks;
pub mod codes;
pub mod fonts;
pub mod layout;
pub mod output;
pub mod page;
pub mod text;

pub use fonts::Weight;
pub use layout::{Align, Cell, Column, Flow, Row, Signature, Style, Table};
pub use output::{Metadata, to_pdf};
pub use page::{Image, MM, Orientation, Page};

/// Why a document could not be made.
#[derive(Debug, thiserror::Error)]
pub enum FormError {
    /// A document needs at least one page.
    #[error("the document has no pages")]
    Empty,
    /// The embedded font could not be subset (a defect, not bad input).
    #[error("font: {0}")]
    Font(String),
    /// A QR code could not hold the text.
    #[error("QR code for {text:?}: {reason}")]
    Code {
        /// What was to be encoded.
        text: String,
        /// Why it failed.
        reason: String,
    },
    /// The page settings leave no room for the content (e.g. labels pushed off the sheet).
    #[error("{field}: {reason}")]
    Layout {
        /// The setting at fault, e.g. `labels.offset_x`.
        field: String,
        /// What is wrong with it.
        reason: String,
    },
}
