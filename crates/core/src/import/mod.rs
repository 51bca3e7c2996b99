//! Bringing an existing register in from Excel or CSV.
//!
//! The wizard's steps map to three calls, and nothing is written before the last:
//! 1. [`Register::inspect_import`] reads the file, finds each sheet's header row under any
//!    title rows and suggests (or recalls) which column holds which field;
//! 2. [`Register::dry_run_import`] reads every row with the chosen mapping and gives each
//!    a verdict — ready, warning, error or skipped — with the reason, sheet and row;
//! 3. [`Register::import`] does the dry run again inside one transaction and writes the
//!    rows as one batch (all of them, or only the valid ones if the user chose so). The
//!    batch is one audit entry and can be undone as a whole while nobody has touched it.

mod code_range;
pub mod columns;
mod division_names;
mod judge;
pub mod refused;
pub(crate) mod resolve;
pub mod rows;
pub mod values;
pub mod workbook;
mod write;

use base64::Engine;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use columns::Field;
pub use refused::{OriginalCell, RefusedRow, RefusedRows, RefusedSheet, refused_rows};
pub use values::{ImportedAsset, RowIssue, Severity, Source, Sources};

use self::judge::{Importable, Verdicts, judge};
use self::resolve::Resolver;
use self::write::BatchWriter;
use crate::audit::Event;
use crate::auth::Permission;
use crate::error::{Error, Result};
use crate::ids::BatchId;
use crate::register::{Actor, Register};

/// A file handed to the import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportSource {
    /// Its name (the extension and, for CSV, the sheet name come from it).
    pub file_name: String,
    /// Its bytes, base64-encoded.
    pub data_base64: String,
}

impl ImportSource {
    /// The file's bytes.
    pub fn bytes(&self) -> Result<Vec<u8>> {
        base64::engine::general_purpose::STANDARD
            .decode(self.data_base64.trim())
            .map_err(|_| Error::invalid("file.damaged", "the file could not be read"))
    }

    /// A source from bytes already in memory (the command line).
    pub fn from_bytes(file_name: &str, bytes: &[u8]) -> Self {
        Self {
            file_name: file_name.to_owned(),
            data_base64: base64::engine::general_purpose::STANDARD.encode(bytes),
        }
    }
}

/// What the first step shows of one sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SheetPreview {
    /// The sheet's name.
    pub name: String,
    /// The header row found (1-based, as Excel numbers rows), if any.
    pub header_row: Option<u32>,
    /// The header texts.
    pub headers: Vec<String>,
    /// The suggested (or remembered) field per column.
    pub mapping: Vec<Option<Field>>,
    /// Whether the mapping was remembered from an earlier import of the same layout.
    pub remembered: bool,
    /// The division its rows go to when they do not name one (from a title row, the
    /// sheet's name, or a choice remembered for the sheet).
    pub division: SheetDivision,
    /// Rows below the header.
    pub data_rows: u32,
    /// The first rows below the header, as text.
    pub preview: Vec<Vec<String>>,
}

/// The result of the first step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Inspection {
    /// The file's name.
    pub file_name: String,
    /// e.g. `xlsx` or `csv (Windows-874)`.
    pub format: String,
    /// Every sheet.
    pub sheets: Vec<SheetPreview>,
}

/// How to read one sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SheetPlan {
    /// The sheet's name.
    pub name: String,
    /// The header row (1-based).
    pub header_row: u32,
    /// The field per column (`None`: not imported).
    pub mapping: Vec<Option<Field>>,
}

/// How to read the file: the chosen sheets and whether to create what is missing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportPlan {
    /// The sheets to import (others are left out). The command line's `--mapping` file
    /// may leave this out to take the suggested sheets and columns.
    #[serde(default)]
    pub sheets: Vec<SheetPlan>,
    /// Create categories, divisions, locations and staff entries the file names but the
    /// register lacks.
    #[serde(default)]
    pub create_missing: bool,
    /// Names in the file that mean an existing category or division ("ครุภัณฑ์คอมฯ" for
    /// ครุภัณฑ์คอมพิวเตอร์), type codes that mean a category, and sheets' divisions,
    /// chosen by the user instead of creating them.
    #[serde(default)]
    pub aliases: Vec<NameAlias>,
    /// Categories to create for type codes no category has, with the names the user gave.
    #[serde(default)]
    pub new_categories: Vec<NewCategory>,
}

/// A category to create for a type code the file's codes carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewCategory {
    /// The type code, as the codes carry it (e.g. `499`).
    pub type_code: String,
    /// The new category's name.
    pub name: String,
}

/// What an alias names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AliasKind {
    /// A category name.
    Category,
    /// A division name.
    Division,
    /// The type part of codes (`499` in 499-65-0001), meaning a category.
    TypeCode,
    /// A sheet, meaning the division of its rows that name none (remembered for the
    /// next import of a sheet of that name).
    Sheet,
}

/// A name as the file writes it (or a type code, or a sheet's name), taken to mean an
/// existing category or division.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NameAlias {
    /// Category or division.
    pub kind: AliasKind,
    /// The name in the file.
    pub name: String,
    /// The id of the existing category or division it means.
    pub id: i64,
}

/// A row's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RowStatus {
    /// Will be imported as it is.
    Ready,
    /// Will be imported; someone should look at the warning.
    Warning,
    /// Cannot be imported as it is.
    Error,
    /// Not an item: blank, subtotal, sub-heading or a repeated header.
    Skipped,
}

/// One row of the file and what the import will do with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RowVerdict {
    /// The sheet.
    pub sheet: String,
    /// The row number as Excel shows it.
    pub row: u32,
    /// The verdict.
    pub status: RowStatus,
    /// Why (empty for a ready row); for skipped rows one issue says what the row was.
    pub issues: Vec<RowIssue>,
    /// The values as they will be stored (data rows only).
    pub asset: Option<ImportedAsset>,
}

/// The result of a dry run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DryRun {
    /// Every row below each header.
    pub rows: Vec<RowVerdict>,
    /// Rows ready to import.
    pub ready: u32,
    /// Rows to import with a warning.
    pub warnings: u32,
    /// Rows with errors.
    pub errors: u32,
    /// Rows that are not items.
    pub skipped: u32,
    /// Rows an import would write: the ready ones and those with warnings. What the
    /// wizard's summary, its button and its question all say, and what the import's
    /// report counts as `rows`.
    pub importable: u32,
    /// Items the importable rows stand for (a row may hold a range of codes, or a
    /// quantity numbered on import); the report's `items`.
    pub items: u32,
    /// Categories that would be created.
    pub new_categories: Vec<String>,
    /// Divisions that would be created.
    pub new_divisions: Vec<String>,
    /// Locations that would be created, each with its division: "ห้องประชุม (กองช่าง)".
    pub new_locations: Vec<String>,
    /// People who would be added to the staff directory (custodians it lacks).
    pub new_people: Vec<String>,
    /// Each sheet's division for the rows that do not name one, and where it was read.
    pub sheets: Vec<SheetDivision>,
}

/// The division a sheet's rows go to when a row does not name one itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SheetDivision {
    /// The sheet.
    pub sheet: String,
    /// The division's name (or the name a title row gives one the register lacks);
    /// `None` when the sheet says nothing, or could mean several (see `candidates`).
    pub division: Option<String>,
    /// Where it was read: `title_row`, `sheet_name` or `sheet_choice`.
    pub from: Option<Source>,
    /// The divisions the sheet's name could mean, when it could mean more than one: the
    /// user chooses (an alias of kind `sheet`).
    pub candidates: Vec<DivisionOption>,
}

/// A division offered to choose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DivisionOption {
    /// Id.
    pub id: crate::ids::DivisionId,
    /// Name.
    pub name: String,
}

/// A file and how to read it (the dry run's input).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportCheck {
    /// The file.
    pub source: ImportSource,
    /// How to read it.
    pub plan: ImportPlan,
}

/// The user's go-ahead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportRequest {
    /// The file.
    pub source: ImportSource,
    /// How to read it.
    pub plan: ImportPlan,
    /// Import the valid rows and leave the others out (otherwise any error stops it all).
    pub only_valid_rows: bool,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    /// The batch, for undoing it.
    pub batch_id: BatchId,
    /// Items created.
    pub items: u32,
    /// Rows imported.
    pub rows: u32,
    /// Rows left out because of errors.
    pub rows_left_out: u32,
    /// Categories, divisions and locations created.
    pub created: Vec<String>,
    /// The new items' codes, in the order they were written (the file's codes first,
    /// then those numbered on import).
    pub codes: Vec<String>,
    /// The rows left out, as the file had them, with why.
    pub refused: RefusedRows,
}

/// A past import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportBatch {
    /// Id.
    pub id: BatchId,
    /// The file.
    pub file_name: String,
    /// Its sheets.
    pub sheets: Vec<String>,
    /// Items created.
    pub items: u32,
    /// Who imported it.
    pub imported_by: Option<String>,
    /// When (UTC).
    pub imported_at: String,
    /// When it was undone (UTC), if it was.
    pub undone_at: Option<String>,
}

/// Judges every row of `book` on a second thread and hands each importable one, as soon
/// as it is judged, to `writer` on this one (which holds the transaction). Returns the
/// whole file's verdict; a failure on either side stops both and is returned.
fn judge_while_writing(
    resolver: Resolver,
    book: &workbook::Workbook,
    plan: &ImportPlan,
    today: chrono::NaiveDate,
    writer: &mut BatchWriter,
    change: &crate::register::Change<'_>,
) -> Result<DryRun> {
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Importable>>(4);
        let judging = scope.spawn(move || {
            let mut chunk = Vec::with_capacity(IMPORT_CHUNK);
            let mut hand_over = |item| {
                chunk.push(item);
                // `false` (nobody listens: the writer failed) stops the judging.
                chunk.len() < IMPORT_CHUNK
                    || send
                        .send(std::mem::replace(
                            &mut chunk,
                            Vec::with_capacity(IMPORT_CHUNK),
                        ))
                        .is_ok()
            };
            let dry = judge(
                resolver,
                book,
                plan,
                today,
                Verdicts::CountsOnly,
                &mut hand_over,
            );
            let _ = send.send(chunk);
            dry
        });
        // Ends when the judging thread is done (its sender dropped), or at the first
        // failure here, which drops the receiver and so stops that thread too.
        let written = receive
            .into_iter()
            .flatten()
            .try_for_each(|item| writer.add(change, item));
        let dry = judging
            .join()
            .map_err(|_| Error::Internal("judging the import's rows failed".into()))?;
        written.and(dry)
    })
}

/// Rows handed from the judging thread to the writing one at a time: large enough that
/// the hand-over costs nothing, small enough that writing starts at once.
const IMPORT_CHUNK: usize = 512;

/// The key remembered mappings are stored under.
fn mapping_key(headers: &[String]) -> String {
    format!("import.mapping.{}", columns::signature(headers))
}

fn preview_of(
    conn: &Connection,
    resolver: &mut Resolver,
    sheet: &workbook::Sheet,
) -> Result<SheetPreview> {
    let header_row = columns::find_header_row(sheet);
    let headers = header_row
        .map(|h| columns::headers_of(sheet, h))
        .unwrap_or_default();
    let remembered: Option<Vec<Option<Field>>> = if headers.is_empty() {
        None
    } else {
        crate::settings::get(conn, &mapping_key(&headers))?
    };
    let first_data = header_row.map_or(0, |h| h + 1);
    let clue = resolver.sheet_clue(sheet, header_row.unwrap_or(0));
    Ok(SheetPreview {
        division: resolver.sheet_division(&clue),
        name: sheet.name.clone(),
        header_row: header_row.map(|h| h as u32 + 1),
        mapping: remembered
            .clone()
            .unwrap_or_else(|| columns::suggest(&headers)),
        remembered: remembered.is_some(),
        headers,
        data_rows: sheet.rows.len().saturating_sub(first_data) as u32,
        preview: sheet
            .rows
            .iter()
            .skip(first_data)
            .filter(|r| r.iter().any(|c| !c.is_blank()))
            .take(8)
            .map(|r| r.iter().map(|c| crate::text::clean(&c.display())).collect())
            .collect(),
    })
}

impl Register {
    /// Step 1: the sheets of a file, their header rows and suggested mappings.
    pub fn inspect_import(&self, actor: &Actor, source: &ImportSource) -> Result<Inspection> {
        let book = workbook::read(&source.file_name, &source.bytes()?)?;
        self.read(actor, Some(Permission::ManageRegister), |conn, _| {
            // Every sheet, so that a division remembered for any of them is shown.
            let plan = ImportPlan {
                sheets: book
                    .sheets
                    .iter()
                    .map(|s| SheetPlan {
                        name: s.name.clone(),
                        header_row: 1,
                        mapping: Vec::new(),
                    })
                    .collect(),
                ..Default::default()
            };
            let mut resolver = Resolver::for_plan(conn, &plan)?;
            Ok(Inspection {
                file_name: source.file_name.clone(),
                format: book.format.clone(),
                sheets: book
                    .sheets
                    .iter()
                    .map(|s| preview_of(conn, &mut resolver, s))
                    .collect::<Result<_>>()?,
            })
        })
    }

    /// Step 2: what importing would do with every row. Writes nothing.
    pub fn dry_run_import(
        &self,
        actor: &Actor,
        source: &ImportSource,
        plan: &ImportPlan,
    ) -> Result<DryRun> {
        let book = workbook::read(&source.file_name, &source.bytes()?)?;
        let today = self.clock().today();
        self.read(actor, Some(Permission::ManageRegister), |conn, _| {
            let resolver = Resolver::for_plan(conn, plan)?;
            judge(
                resolver,
                &book,
                plan,
                today,
                Verdicts::WithValues,
                &mut |_| true,
            )
        })
    }

    /// Step 3: imports in one transaction, as one batch. Refused when any row has an
    /// error, unless only the valid rows were asked for.
    ///
    /// The rows are judged on a second thread while this one turns the rows already
    /// judged into records and stages them (the two halves take about as long, so a
    /// 100,000-row import takes the longer of them instead of both). Should the file
    /// turn out to have errors, the transaction is rolled back and nothing stays.
    pub fn import(&self, actor: &Actor, request: &ImportRequest) -> Result<ImportReport> {
        let book = workbook::read(&request.source.file_name, &request.source.bytes()?)?;
        let plan = &request.plan;
        // A checked copy of the register as it was, before an import adds thousands of
        // rows (undoing the import is the first way back; this is the second).
        self.read(actor, Some(Permission::ManageRegister), |_, _| Ok(()))?;
        self.safety_copy(crate::backup::BackupReason::Import)?;
        self.with_checkpoint_afterwards(|| {
            self.change(actor, Some(Permission::ManageRegister), |change| {
                let resolver = Resolver::for_plan(change, plan)?;
                let today = change.today();
                let mut writer = BatchWriter::new(change, &request.source.file_name, plan)?;
                let dry = judge_while_writing(resolver, &book, plan, today, &mut writer, change)?;
                if dry.errors > 0 && !request.only_valid_rows {
                    return Err(Error::ImportHasErrors { rows: dry.errors });
                }
                if dry.items == 0 {
                    return Err(Error::invalid("file.noRows", "no row can be imported"));
                }
                let mut report = writer.finish(change, &dry)?;
                report.refused =
                    refused::collect(&book, &request.source.file_name, plan, &dry.rows);
                for sheet in &plan.sheets {
                    if let Some(found) = book.sheets.iter().find(|s| s.name == sheet.name) {
                        let headers = columns::headers_of(found, sheet.header_row as usize - 1);
                        crate::settings::put(change, &mapping_key(&headers), &sheet.mapping)?;
                    }
                }
                // A sheet's division chosen once is offered again for a sheet of that name.
                for alias in plan.aliases.iter().filter(|a| a.kind == AliasKind::Sheet) {
                    let key = resolve::sheet_choice_key(&alias.name);
                    crate::settings::put(change, &key, &crate::ids::DivisionId(alias.id))?;
                }
                Ok(report)
            })
        })
    }

    /// Past imports, newest first.
    pub fn import_batches(&self, actor: &Actor) -> Result<Vec<ImportBatch>> {
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            let mut stmt = conn.prepare(
                "SELECT b.id, b.file_name, b.sheets, b.row_count, u.full_name, b.imported_at, b.undone_at
                 FROM import_batches b LEFT JOIN users u ON u.id = b.user_id ORDER BY b.id DESC",
            )?;
            let rows = stmt.query_map([], |r| {
                let sheets: String = r.get(2)?;
                Ok(ImportBatch {
                    id: r.get(0)?,
                    file_name: r.get(1)?,
                    sheets: serde_json::from_str(&sheets).unwrap_or_default(),
                    items: r.get(3)?,
                    imported_by: r.get(4)?,
                    imported_at: r.get(5)?,
                    undone_at: r.get(6)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Removes every item an import created, if none has been changed since.
    pub fn undo_import(&self, actor: &Actor, batch: BatchId) -> Result<u32> {
        // As large a write as the import was: its log is copied in afterwards too.
        self.with_checkpoint_afterwards(|| self.undo_import_now(actor, batch))
    }

    fn undo_import_now(&self, actor: &Actor, batch: BatchId) -> Result<u32> {
        self.change(actor, Some(Permission::ManageRegister), |change| {
            let found: Option<(String, Option<String>)> = change
                .query_row("SELECT file_name, undone_at FROM import_batches WHERE id = ?1", [batch], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            let (file_name, undone) = found.ok_or_else(|| Error::not_found("import", batch))?;
            if undone.is_some() {
                return Err(Error::invalid("batchId.undone", "this import was already undone"));
            }
            // Imported items get no audit entry of their own, so any entry about one means
            // someone edited, moved, photographed or re-statused it since.
            let touched: u32 = change.query_row(
                "SELECT count(*) FROM assets a WHERE a.batch_id = ?1 AND EXISTS
                    (SELECT 1 FROM audit_log l WHERE l.entity = 'asset' AND l.entity_id = CAST(a.id AS TEXT))",
                [batch],
                |r| r.get(0),
            )?;
            if touched > 0 {
                return Err(Error::invalid(
                    "batchId.changed",
                    format!("{touched} imported items were changed since; undo refused"),
                ));
            }
            // A loan slip is a signed record: items on any loan, even a closed one, stay.
            let lent: u32 = change.query_row(
                "SELECT count(DISTINCT a.id) FROM assets a JOIN loan_items i ON i.asset_id = a.id
                 WHERE a.batch_id = ?1",
                [batch],
                |r| r.get(0),
            )?;
            if lent > 0 {
                return Err(Error::invalid(
                    "batchId.loans",
                    format!("{lent} imported items are on loan slips; undo refused"),
                ));
            }
            let removed = change.execute("DELETE FROM assets WHERE batch_id = ?1", [batch])? as u32;
            change.execute("UPDATE import_batches SET undone_at = ?1 WHERE id = ?2", params![change.stamp(), batch])?;
            change.record(
                Event::new("import.undo", "import", batch).after(&serde_json::json!({ "fileName": file_name, "removed": removed })),
            )?;
            Ok(removed)
        })
    }
}

#[cfg(test)]
mod office_tests;
#[cfg(test)]
mod sample_tests;
#[cfg(test)]
mod tests;
