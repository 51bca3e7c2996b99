//! What the import says about one row: its values as they will be stored, where each
//! came from, and the problems found, each with a stable code the UI words in Thai.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::columns::Field;
use crate::assets::AssetStatus;
use crate::money::Satang;

/// How serious an issue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The row is imported, but someone should look.
    Warning,
    /// The row cannot be imported as it is.
    Error,
}

/// One problem with a row, with a stable code the UI words in Thai.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RowIssue {
    /// Warning or error.
    pub severity: Severity,
    /// e.g. `required`, `bad_date`, `future_date`, `bad_price`, `duplicate_code`.
    pub code: String,
    /// The field concerned.
    pub field: Option<Field>,
    /// The cell as written.
    pub value: String,
    /// The other thing the message names, if any: the quantity a code range disagrees
    /// with, the divisions a name could mean, the status read from a remark.
    #[serde(default)]
    pub detail: String,
    /// English explanation (logs, command line).
    pub message: String,
}

impl RowIssue {
    /// An issue without a detail.
    pub fn new(
        severity: Severity,
        code: &str,
        field: Option<Field>,
        value: &str,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity,
            code: code.to_owned(),
            field,
            value: value.to_owned(),
            detail: String::new(),
            message: message.into(),
        }
    }

    /// The same issue naming `detail` too.
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = detail.into();
        self
    }
}

/// Where a value that is not simply its own column's came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The row's own column.
    Column,
    /// The category sub-heading above the row.
    Heading,
    /// The type part of the item's code (`416`-68-0001).
    CodeType,
    /// A title row above the header ("ส่วนราชการ …").
    TitleRow,
    /// The sheet's name.
    SheetName,
    /// The division chosen for the sheet (in this import or remembered from an earlier one).
    SheetChoice,
    /// The item's location, which belongs to that division only.
    Location,
    /// The remarks (หมายเหตุ) name it.
    Notes,
    /// One code of a range written on one line.
    CodeRange,
    /// The next free code of the scheme.
    Numbered,
    /// A person in the staff directory.
    Directory,
    /// A person this import adds to the staff directory.
    NewPerson,
    /// Kept on the item as written: the person is not in the staff directory.
    AsWritten,
}

/// Where the values the import had to work out came from (`None`: the row has none).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Sources {
    /// The code.
    pub code: Option<Source>,
    /// The category.
    pub category: Option<Source>,
    /// The division.
    pub division: Option<Source>,
    /// The status (`None`: in use, as nothing said otherwise).
    pub status: Option<Source>,
    /// The custodian.
    pub custodian: Option<Source>,
}

/// A data row's values, normalised.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportedAsset {
    /// Code as written (empty: to be numbered); the first code of a range.
    pub code: String,
    /// The last code when the line holds a range of codes ("401-65-0012 ถึง 0016"), else empty.
    #[serde(default)]
    pub last_code: String,
    /// Name.
    pub name: String,
    /// Brand.
    pub brand: String,
    /// Model.
    pub model: String,
    /// Serial number.
    pub serial_no: String,
    /// The category: as written, or from the sub-heading above or the code's type part
    /// (see `sources`); after matching, the register's name for it.
    pub category: String,
    /// Unit.
    pub unit: String,
    /// Items this row stands for.
    pub quantity: u32,
    /// Acquisition date.
    pub acquired_on: Option<NaiveDate>,
    /// Document number.
    pub document_no: String,
    /// Acquisition method.
    pub acquisition_method: String,
    /// Funding source.
    pub funding_source: String,
    /// Vendor.
    pub vendor: String,
    /// Unit price.
    pub unit_price: Option<Satang>,
    /// Useful life, if given.
    pub useful_life_years: Option<u32>,
    /// The division: as written in its column; after matching, the register's name of
    /// the division the item goes to, wherever that was read (see `sources`).
    pub division: String,
    /// Location as written.
    pub location: String,
    /// Custodian as written.
    pub custodian: String,
    /// Status.
    pub status: AssetStatus,
    /// Notes.
    pub notes: String,
    /// Where the values above came from.
    #[serde(default)]
    pub sources: Sources,
}

impl ImportedAsset {
    /// Every code the row's items get from the file: one, every code of its range, or
    /// none (to be numbered).
    pub fn codes(&self) -> Vec<String> {
        match (self.code.is_empty(), self.last_code.is_empty()) {
            (true, _) => Vec::new(),
            (false, true) => vec![self.code.clone()],
            (false, false) => super::code_range::codes_between(&self.code, &self.last_code),
        }
    }
}
