//! Import from spreadsheets, export to them, and opening saved files.

use phatsadu_core::assets::AssetQuery;
use phatsadu_core::ids::BatchId;
use phatsadu_core::import::{
    DryRun, ImportBatch, ImportCheck, ImportReport, ImportRequest, ImportSource, Inspection,
    RefusedRows,
};
use phatsadu_forms::exports::{SpreadsheetFormat, asset_list};
use phatsadu_forms::refused::refused_rows_xlsx;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::ApiResult;

use crate::door::Door;

/// Export the list as it is filtered now.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportRequest {
    /// The list's query (paging is ignored: every match is written).
    pub query: AssetQuery,
    /// xlsx or csv.
    pub format: SpreadsheetFormat,
    /// The filters in words, for the title row (the UI writes them in Thai).
    pub filters: String,
    /// Where to save; the default folder when empty.
    pub folder: Option<String>,
}

/// A file the app saved.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SavedFile {
    /// Where it is.
    pub path: String,
    /// Rows written to a spreadsheet; 0 for a printed form.
    pub rows: u32,
    /// Where a network client downloads it from (the desktop saves it at `path`).
    pub url: Option<String>,
}

/// Save the rows an import refused, to fix and import again.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RefusedRowsSave {
    /// The rows, as the import's report had them, each reason worded as the wizard shows it.
    pub refused: RefusedRows,
    /// Where to save; the default folder when empty.
    pub folder: Option<String>,
}

/// Step 1 of the import wizard.
pub fn import_inspect(door: &dyn Door, input: ImportSource) -> ApiResult<Inspection> {
    Ok(door.register()?.inspect_import(&door.actor()?, &input)?)
}

/// Step 2: every row's verdict; writes nothing.
pub fn import_dry_run(door: &dyn Door, input: ImportCheck) -> ApiResult<DryRun> {
    Ok(door
        .register()?
        .dry_run_import(&door.actor()?, &input.source, &input.plan)?)
}

/// Step 3: the import itself, as one batch.
pub fn import_commit(door: &dyn Door, input: ImportRequest) -> ApiResult<ImportReport> {
    Ok(door.register()?.import(&door.actor()?, &input)?)
}

/// Past imports.
pub fn list_import_batches(door: &dyn Door) -> ApiResult<Vec<ImportBatch>> {
    Ok(door.register()?.import_batches(&door.actor()?)?)
}

/// Undoes an import.
pub fn undo_import(door: &dyn Door, input: BatchId) -> ApiResult<u32> {
    Ok(door.register()?.undo_import(&door.actor()?, input)?)
}

/// Writes the rows an import refused as an .xlsx (their original columns and why) into the
/// chosen folder.
pub fn save_refused_rows(door: &dyn Door, input: RefusedRowsSave) -> ApiResult<SavedFile> {
    door.actor()?;
    let export = refused_rows_xlsx(&input.refused)?;
    door.save(input.folder, &export.file_name, &export.bytes, export.rows)
}

/// Writes the filtered asset list as .xlsx or .csv into the chosen folder.
pub fn export_assets(door: &dyn Door, input: ExportRequest) -> ApiResult<SavedFile> {
    let export = asset_list(
        door.register()?,
        &door.actor()?,
        &input.query,
        &input.filters,
        input.format,
    )?;
    door.save(input.folder, &export.file_name, &export.bytes, export.rows)
}

/// The folder files are saved to unless the user chose another (on the desktop); a
/// browser saves to its own downloads.
pub fn default_folder(door: &dyn Door) -> ApiResult<String> {
    door.default_folder()
}

/// Opens a saved file or folder with the system's program (on the desktop only).
pub fn open_path(door: &dyn Door, input: String) -> ApiResult<()> {
    door.actor()?;
    door.open_path(&input)
}
