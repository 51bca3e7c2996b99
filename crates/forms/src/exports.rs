//! Ready-made exports: a query in, a finished file out, used alike by the desktop app and
//! the command line.

use phatsadu_core::assets::AssetQuery;
use phatsadu_core::calendar::be_year;
use phatsadu_core::loans::LoanQuery;
use phatsadu_core::{Actor, Error, Register};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::spreadsheet::{to_csv, to_xlsx};
use crate::tables::{asset_register, loan_register};

/// Spreadsheet format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SpreadsheetFormat {
    /// Excel workbook.
    Xlsx,
    /// CSV, UTF-8 with a byte-order mark.
    Csv,
}

impl SpreadsheetFormat {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            SpreadsheetFormat::Xlsx => "xlsx",
            SpreadsheetFormat::Csv => "csv",
        }
    }
}

/// A finished export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Rows written.
    pub rows: usize,
    /// A file name for it, e.g. `ทะเบียนครุภัณฑ์-2569-11-25.xlsx`.
    pub file_name: String,
}

/// The asset list matching `query` (paging ignored), titled with the organisation,
/// `filters` in words and today's date.
pub fn asset_list(
    register: &Register,
    actor: &Actor,
    query: &AssetQuery,
    filters: &str,
    format: SpreadsheetFormat,
) -> Result<Export, Error> {
    let assets = register.assets_for_export(actor, query)?;
    let organisation = register
        .organisation(actor)
        .map(|o| o.name)
        .unwrap_or_default();
    let today = register.clock().today();
    let table = asset_register(&organisation, filters, today, &assets);
    let bytes = match format {
        SpreadsheetFormat::Xlsx => to_xlsx(&table),
        SpreadsheetFormat::Csv => to_csv(&table),
    }
    .map_err(|e| Error::Internal(e.to_string()))?;
    let file_name = format!(
        "ทะเบียนครุภัณฑ์-{}-{}.{}",
        be_year(chrono::Datelike::year(&today)),
        today.format("%m-%d"),
        format.extension()
    );
    Ok(Export {
        bytes,
        rows: assets.len(),
        file_name,
    })
}

/// The loan register for a fiscal year (B.E.), or every loan when `fiscal_year` is `None`.
pub fn loan_list(
    register: &Register,
    actor: &Actor,
    fiscal_year: Option<i32>,
    format: SpreadsheetFormat,
) -> Result<Export, Error> {
    let mut loans = register.list_loans(
        actor,
        &LoanQuery {
            fiscal_year,
            ..LoanQuery::default()
        },
    )?;
    // A register reads oldest first.
    loans.reverse();
    let organisation = register
        .organisation(actor)
        .map(|o| o.name)
        .unwrap_or_default();
    let today = register.clock().today();
    let heading = match fiscal_year {
        Some(year) => format!("ปีงบประมาณ พ.ศ. {year}"),
        None => "ทุกปีงบประมาณ".to_owned(),
    };
    let table = loan_register(&organisation, &heading, today, &loans);
    let bytes = match format {
        SpreadsheetFormat::Xlsx => to_xlsx(&table),
        SpreadsheetFormat::Csv => to_csv(&table),
    }
    .map_err(|e| Error::Internal(e.to_string()))?;
    let year = fiscal_year.map_or_else(|| "ทุกปี".to_owned(), |y| y.to_string());
    Ok(Export {
        bytes,
        rows: loans.len(),
        file_name: format!(
            "ทะเบียนการยืม-{year}-{}.{}",
            today.format("%m-%d"),
            format.extension()
        ),
    })
}
