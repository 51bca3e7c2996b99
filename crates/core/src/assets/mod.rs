//! The asset register (ครุภัณฑ์): records, codes, depreciation.

pub mod depreciation;
