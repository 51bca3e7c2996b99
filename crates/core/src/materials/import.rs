//! Importing the office's Excel of materials: the catalogue and each item's opening
//! balance, all or nothing, with a dry run that judges every row first.
//!
//! The header row names the columns (Thai or English, in any order): รหัส, รายการ, หน่วยนับ,
//! ประเภท, ที่เก็บ, จำนวนต่ำสุด, คงเหลือ (the opening quantity), ราคาต่อหน่วย, วันที่ (of the
//! balance). A code not in the catalogue adds the item; a code already there gives its
//! opening balance, and its unit in the file must be the catalogue's. A row with any
//! problem names the field; then nothing is written. A value in a column the import does
//! not read is said on its row, never dropped silently.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::catalogue::{self, MaterialInput};
use super::entries::{self, OpeningBalance};
use super::quantity::Quantity;
use crate::assets::codes::code_key;
use crate::audit::Event;
use crate::auth::Permission;
use crate::error::{Error, Result};
use crate::import::workbook::{self, Cell};
use crate::money::Satang;
use crate::register::{Actor, Change, Register};

/// What one row of the file did (or would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RowOutcome {
    /// A new item of the catalogue (with its opening balance, if it had one).
    Created,
    /// An item already in the catalogue: its opening balance.
    Opening,
    /// Refused: see its problems.
    Refused,
}

/// A problem of one row, naming the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RowProblem {
    /// `code`, `name`, `unit`, `type`, `store`, `minimum`, `quantity`, `unitPrice`, `date`.
    pub field: String,
    /// The error's code (`required`, `invalid_value`, `duplicate`, …).
    pub code: String,
    /// Why, in English, for logs; the UI words it from the code and field.
    pub reason: String,
}

/// One row's verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportedRow {
    /// Its row number in the spreadsheet (the header is row 1 or later).
    pub row: u32,
    /// The code as written.
    pub code: String,
    /// What it did.
    pub outcome: RowOutcome,
    /// Why it was refused.
    pub problems: Vec<RowProblem>,
    /// Values in columns the import does not read: "header: value".
    pub ignored: Vec<String>,
}

/// The import's report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MaterialImportReport {
    /// Whether it was written (false for a dry run or when any row was refused).
    pub written: bool,
    /// Items added.
    pub created: u32,
    /// Opening balances recorded.
    pub openings: u32,
    /// Rows refused.
    pub refused: u32,
    /// Every row, in file order.
    pub rows: Vec<ImportedRow>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Column {
    Code,
    Name,
    Unit,
    Type,
    Store,
    Minimum,
    Quantity,
    UnitPrice,
    Date,
}

/// Which column a header names (the most specific words first).
fn column_of(header: &str) -> Option<Column> {
    let h = crate::text::clean(header).to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| h.contains(w));
    Some(if has(&["ราคา", "price"]) {
        Column::UnitPrice
    } else if has(&["ต่ำสุด", "อย่างต่ำ", "minimum", "reorder"]) {
        Column::Minimum
    } else if has(&["รหัส", "code"]) {
        Column::Code
    } else if has(&["หน่วย", "unit"]) {
        Column::Unit
    } else if has(&["ประเภท", "type"]) {
        Column::Type
    } else if has(&["ที่เก็บ", "คลัง", "store", "location"]) {
        Column::Store
    } else if has(&["คงเหลือ", "ยกมา", "จำนวน", "quantity", "balance"])
    {
        Column::Quantity
    } else if has(&["วันที่", "date"]) {
        Column::Date
    } else if has(&["รายการ", "ชื่อ", "name", "item"]) {
        Column::Name
    } else {
        return None;
    })
}

fn text_of(cell: Option<&Cell>) -> String {
    cell.map(|c| crate::text::clean(&c.display()))
        .unwrap_or_default()
}

fn problem(field: &str, e: &Error) -> RowProblem {
    let field = match e.details().get("field").and_then(|f| f.as_str()) {
        Some("materialId" | "code") => "code".to_owned(),
        Some("onDate") => "date".to_owned(),
        Some("typeId") => "type".to_owned(),
        Some("locationId") => "store".to_owned(),
        Some(named) => named.to_owned(),
        None => field.to_owned(),
    };
    RowProblem {
        field,
        code: e.code().to_owned(),
        reason: e.to_string(),
    }
}

fn quantity_of(cell: Option<&Cell>, field: &str) -> Result<Option<Quantity>> {
    match cell {
        None | Some(Cell::Empty) => Ok(None),
        Some(Cell::Number(n)) if *n >= 0.0 && ((n * 1000.0).round() - n * 1000.0).abs() < 1e-6 => {
            Ok(Some(Quantity((n * 1000.0).round() as i64)))
        }
        Some(c) if c.is_blank() => Ok(None),
        Some(c) => Quantity::parse(&c.display())
            .map(Some)
            .ok_or_else(|| Error::invalid(field, "not a quantity (at most three decimals)")),
    }
}

fn price_of(cell: Option<&Cell>) -> Result<Option<Satang>> {
    match cell {
        None | Some(Cell::Empty) => Ok(None),
        Some(Cell::Number(n)) if *n >= 0.0 && ((n * 100.0).round() - n * 100.0).abs() < 1e-6 => {
            Ok(Some(Satang((n * 100.0).round() as i64)))
        }
        Some(c) if c.is_blank() => Ok(None),
        Some(c) => Satang::parse(&c.display()).map(Some).ok_or_else(|| {
            Error::invalid(
                "unitPrice",
                "not an amount in baht with at most two decimals",
            )
        }),
    }
}

fn date_of(cell: Option<&Cell>) -> Result<Option<NaiveDate>> {
    match cell {
        None | Some(Cell::Empty) => Ok(None),
        Some(Cell::Date(d)) => Ok(Some(*d)),
        Some(c) if c.is_blank() => Ok(None),
        Some(c) => crate::calendar::parse_date(&c.display())
            .map(Some)
            .map_err(|_| Error::invalid("date", "not a date")),
    }
}

/// Looks a type or store up by name.
fn id_by_name(change: &Change<'_>, sql: &str, name: &str) -> Result<Option<i64>> {
    use rusqlite::OptionalExtension;
    Ok(change
        .query_row(sql, [crate::text::name_key(name)], |r| r.get(0))
        .optional()?)
}

/// Does one row's work inside the import's transaction.
fn import_row(
    change: &Change<'_>,
    cells: &[(Column, Option<&Cell>)],
    on_default: NaiveDate,
) -> Result<RowOutcome> {
    let get = |c: Column| {
        cells
            .iter()
            .find(|(col, _)| *col == c)
            .and_then(|(_, cell)| *cell)
    };
    let code = text_of(get(Column::Code));
    if code.is_empty() {
        return Err(Error::required("code"));
    }
    let unit = text_of(get(Column::Unit));
    let quantity = quantity_of(get(Column::Quantity), "quantity")?;
    let price = price_of(get(Column::UnitPrice))?;
    let on_date = date_of(get(Column::Date))?.unwrap_or(on_default);
    let existing: Option<(i64, String)> = {
        use rusqlite::OptionalExtension;
        change
            .query_row(
                "SELECT id, unit FROM materials WHERE code_key = ?1",
                [code_key(&code)],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
    };
    let (material, outcome) = match existing {
        Some((id, catalogue_unit)) => {
            if !unit.is_empty()
                && crate::text::name_key(&unit) != crate::text::name_key(&catalogue_unit)
            {
                return Err(Error::invalid(
                    "unit",
                    format!("the catalogue counts {code} in {catalogue_unit}"),
                ));
            }
            (crate::ids::MaterialId(id), RowOutcome::Opening)
        }
        None => {
            let type_name = text_of(get(Column::Type));
            let type_id = if type_name.is_empty() {
                return Err(Error::required("type"));
            } else {
                id_by_name(
                    change,
                    "SELECT id FROM material_types WHERE name_key = ?1",
                    &type_name,
                )?
                .ok_or_else(|| Error::invalid("type", format!("no material type {type_name}")))?
            };
            let store = text_of(get(Column::Store));
            let location_id = if store.is_empty() {
                None
            } else {
                Some(crate::ids::LocationId(
                    id_by_name(
                        change,
                        "SELECT id FROM locations WHERE name_key = ?1",
                        &store,
                    )?
                    .ok_or_else(|| Error::invalid("store", format!("no location {store}")))?,
                ))
            };
            let minimum = quantity_of(get(Column::Minimum), "minimum")?.unwrap_or(Quantity(0));
            // A fraction in the file's quantities makes the item divisible (fuel in litres).
            let divisible = quantity.is_some_and(|q| !q.is_whole()) || !minimum.is_whole();
            let made = catalogue::create(
                change,
                &MaterialInput {
                    code: code.clone(),
                    name: text_of(get(Column::Name)),
                    unit,
                    divisible,
                    type_id: Some(crate::ids::MaterialTypeId(type_id)),
                    location_id,
                    minimum,
                    notes: String::new(),
                },
            )?;
            (made.id, RowOutcome::Created)
        }
    };
    if let Some(quantity) = quantity.filter(|q| q.0 > 0) {
        let unit_price = price.ok_or_else(|| Error::required("unitPrice"))?;
        entries::opening(
            change,
            &OpeningBalance {
                material_id: material,
                on_date,
                quantity,
                unit_price,
                document_no: "นำเข้าจาก Excel".into(),
            },
        )?;
    } else if outcome == RowOutcome::Opening {
        return Err(Error::required("quantity"));
    }
    Ok(outcome)
}

/// Judges every row inside `change` (each row in a savepoint, so a refused row leaves
/// nothing behind while the others go on being judged).
fn judge(
    change: &Change<'_>,
    file_name: &str,
    bytes: &[u8],
    on_default: NaiveDate,
) -> Result<MaterialImportReport> {
    let book = workbook::read(file_name, bytes)?;
    let sheet = book
        .sheets
        .into_iter()
        .find(|s| s.rows.iter().any(|r| r.iter().any(|c| !c.is_blank())))
        .ok_or_else(|| Error::invalid("file", "the file has no rows"))?;
    let header_at = sheet
        .rows
        .iter()
        .position(|r| {
            r.iter()
                .any(|c| column_of(&c.display()) == Some(Column::Code))
        })
        .ok_or_else(|| Error::invalid("file", "no header row with a code column (รหัส)"))?;
    let headers: Vec<(String, Option<Column>)> = sheet.rows[header_at]
        .iter()
        .map(|c| (crate::text::clean(&c.display()), column_of(&c.display())))
        .collect();
    let mut report = MaterialImportReport {
        written: false,
        created: 0,
        openings: 0,
        refused: 0,
        rows: Vec::new(),
    };
    let mut seen = std::collections::HashSet::new();
    for (n, row) in sheet.rows.iter().enumerate().skip(header_at + 1) {
        if row.iter().all(Cell::is_blank) {
            continue;
        }
        let mut cells = Vec::new();
        let mut ignored = Vec::new();
        for (i, (header, column)) in headers.iter().enumerate() {
            let cell = row.get(i);
            match column {
                Some(c) if !cells.iter().any(|(seen, _)| seen == c) => cells.push((*c, cell)),
                _ => {
                    if let Some(cell) = cell.filter(|c| !c.is_blank()) {
                        ignored.push(format!("{header}: {}", cell.display()));
                    }
                }
            }
        }
        for cell in row.iter().skip(headers.len()).filter(|c| !c.is_blank()) {
            ignored.push(cell.display());
        }
        let code = text_of(
            cells
                .iter()
                .find(|(c, _)| *c == Column::Code)
                .and_then(|(_, c)| *c),
        );
        change.execute_batch("SAVEPOINT material_row")?;
        let outcome = if !code.is_empty() && !seen.insert(code_key(&code)) {
            // Twice in one file, in any digit script: the second is refused as such.
            Err(Error::Duplicate {
                field: "code".into(),
                value: code.clone(),
            })
        } else {
            import_row(change, &cells, on_default)
        };
        let (outcome, problems) = match outcome {
            Ok(o) => {
                change.execute_batch("RELEASE material_row")?;
                (o, Vec::new())
            }
            Err(e) => {
                change.execute_batch("ROLLBACK TO material_row; RELEASE material_row")?;
                (RowOutcome::Refused, vec![problem("code", &e)])
            }
        };
        match outcome {
            RowOutcome::Created => report.created += 1,
            RowOutcome::Opening => report.openings += 1,
            RowOutcome::Refused => report.refused += 1,
        }
        report.rows.push(ImportedRow {
            row: u32::try_from(n + 1).unwrap_or(u32::MAX),
            code,
            outcome,
            problems,
            ignored,
        });
    }
    Ok(report)
}

impl Register {
    /// Imports the catalogue and opening balances from a spreadsheet: all rows or none.
    /// A dry run (or a file with any refused row) writes nothing and reports every row.
    /// Balances without a date are as of `on_default`.
    pub fn import_materials(
        &self,
        actor: &Actor,
        file_name: &str,
        bytes: &[u8],
        on_default: NaiveDate,
        dry_run: bool,
    ) -> Result<MaterialImportReport> {
        let judged = self.rehearse(actor, Some(Permission::ManageMaterials), |change| {
            judge(change, file_name, bytes, on_default)
        })?;
        if dry_run || judged.refused > 0 || judged.rows.is_empty() {
            return Ok(judged);
        }
        self.safety_copy(crate::backup::BackupReason::Import)?;
        self.change(actor, Some(Permission::ManageMaterials), |change| {
            let mut report = judge(change, file_name, bytes, on_default)?;
            if report.refused > 0 {
                // The register changed between the two passes: refuse rather than half-import.
                return Err(Error::ImportHasErrors {
                    rows: report.refused,
                });
            }
            report.written = true;
            change.record(Event::new("material.import", "materials", 0).after(
                &serde_json::json!({
                    "file": file_name,
                    "created": report.created,
                    "openings": report.openings,
                }),
            ))?;
            Ok(report)
        })
    }
}
