//! The rows an import refused, as the file had them, so that they can be handed back as a
//! spreadsheet to fix and import again: each sheet's rows down to its header, then every
//! refused row's original cells with the reason it was refused.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::values::{RowIssue, Severity};
use super::workbook::{self, Cell, Workbook};
use super::{ImportPlan, ImportSource, RowStatus, RowVerdict};
use crate::error::Result;

/// One cell as the file had it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum OriginalCell {
    /// Nothing in it.
    Empty,
    /// Text, as written.
    Text(String),
    /// A number.
    Number(f64),
    /// A date cell.
    Date(NaiveDate),
}

impl From<&Cell> for OriginalCell {
    fn from(cell: &Cell) -> Self {
        match cell {
            Cell::Empty => Self::Empty,
            Cell::Text(t) => Self::Text(t.clone()),
            Cell::Number(n) => Self::Number(*n),
            Cell::Date(d) => Self::Date(*d),
        }
    }
}

/// A row the import refused.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RefusedRow {
    /// Its row number in the file, as Excel shows it.
    pub row: u32,
    /// Its cells as the file had them.
    pub cells: Vec<OriginalCell>,
    /// Why it was refused (its errors).
    pub issues: Vec<RowIssue>,
    /// The reasons in words, for the file's last column: the English messages joined, which
    /// the app replaces with the wording it shows before saving.
    pub reason: String,
}

/// A sheet's refused rows, with the rows above them that say what they are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RefusedSheet {
    /// The sheet's name.
    pub name: String,
    /// The rows down to the header, the header last: title rows stay, so that a division
    /// read from "ส่วนราชการ …" is read again when the fixed file comes back. Cells a
    /// merge filled with its top-left value are left empty after the first.
    pub header_rows: Vec<Vec<OriginalCell>>,
    /// The refused rows, in the file's order.
    pub rows: Vec<RefusedRow>,
}

/// Every row an import (or a dry run) refused.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RefusedRows {
    /// The imported file's name.
    pub file_name: String,
    /// The sheets with refused rows, in the plan's order.
    pub sheets: Vec<RefusedSheet>,
}

impl RefusedRows {
    /// Rows refused, over every sheet.
    pub fn count(&self) -> usize {
        self.sheets.iter().map(|s| s.rows.len()).sum()
    }

    /// Whether nothing was refused.
    pub fn is_empty(&self) -> bool {
        self.sheets.iter().all(|s| s.rows.is_empty())
    }
}

/// The refused rows of `verdicts` (a dry run's or an import's), read from the file again.
pub fn refused_rows(
    source: &ImportSource,
    plan: &ImportPlan,
    verdicts: &[RowVerdict],
) -> Result<RefusedRows> {
    let book = workbook::read(&source.file_name, &source.bytes()?)?;
    Ok(collect(&book, &source.file_name, plan, verdicts))
}

/// The refused rows of `verdicts`, taken from `book`.
pub(super) fn collect(
    book: &Workbook,
    file_name: &str,
    plan: &ImportPlan,
    verdicts: &[RowVerdict],
) -> RefusedRows {
    let mut sheets = Vec::new();
    for sheet_plan in &plan.sheets {
        let Some(sheet) = book.sheets.iter().find(|s| s.name == sheet_plan.name) else {
            continue;
        };
        let rows: Vec<RefusedRow> = verdicts
            .iter()
            .filter(|v| v.status == RowStatus::Error && v.sheet == sheet.name)
            .map(|v| {
                let issues: Vec<RowIssue> = v
                    .issues
                    .iter()
                    .filter(|i| i.severity == Severity::Error)
                    .cloned()
                    .collect();
                RefusedRow {
                    row: v.row,
                    cells: sheet
                        .rows
                        .get(v.row as usize - 1)
                        .map(|r| r.iter().map(OriginalCell::from).collect())
                        .unwrap_or_default(),
                    reason: issues
                        .iter()
                        .map(|i| i.message.as_str())
                        .collect::<Vec<_>>()
                        .join("; "),
                    issues,
                }
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        let header_rows = sheet
            .rows
            .iter()
            .take(sheet_plan.header_row as usize)
            .enumerate()
            .map(|(i, row)| {
                let is_header = i + 1 == sheet_plan.header_row as usize;
                row.iter()
                    .enumerate()
                    .map(|(c, cell)| {
                        // A title merged across the row reads as the same text in every
                        // cell; the header's own cells are kept as they are.
                        if !is_header && c > 0 && row[c - 1] == *cell {
                            OriginalCell::Empty
                        } else {
                            OriginalCell::from(cell)
                        }
                    })
                    .collect()
            })
            .collect();
        sheets.push(RefusedSheet {
            name: sheet.name.clone(),
            header_rows,
            rows,
        });
    }
    RefusedRows {
        file_name: file_name.to_owned(),
        sheets,
    }
}
