//! The asset register (ครุภัณฑ์): records, codes, depreciation.

pub mod codes;
pub mod depreciation;
