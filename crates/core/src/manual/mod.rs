//! The manual on using and borrowing government property (คู่มือการใช้และการยืมทรัพย์สินของ
//! ราชการ) that the ITA asks staff to know, and who has acknowledged it.
//!
//! - [`content`]: the manual written from the program's own rule table of ข้อ ๒๐๘
//!   (`loans::rules`) and this organisation's settings, with the flowchart's branches;
//! - [`versions`]: issued versions (each keeps what it said), acknowledgements by login or
//!   on a signed paper list, and who has not acknowledged yet.

pub mod content;
pub mod versions;

#[cfg(test)]
mod tests;

pub use content::{BorrowingFlow, FlowBranch, ManualContent, ManualSection};
pub use versions::{
    AcknowledgementRow, Acknowledgements, ManualVersion, ManualView, PaperAcknowledgements,
};
