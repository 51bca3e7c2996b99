//! Import from spreadsheets, export to them, and opening saved files.

use std::path::PathBuf;

use phatsadu_core::assets::AssetQuery;
use phatsadu_core::ids::BatchId;
use phatsadu_core::import::{
    DryRun, ImportBatch, ImportCheck, ImportReport, ImportRequest, ImportSource, Inspection,
    RefusedRows,
};
use phatsadu_forms::exports::{SpreadsheetFormat, asset_list};
use phatsadu_forms::refused::refused_rows_xlsx;
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use crate::error::CommandResult;
use crate::files;
use crate::state::AppState;

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
#[tauri::command(async)]
pub fn import_inspect(
    state: State<'_, AppState>,
    input: ImportSource,
) -> CommandResult<Inspection> {
    Ok(state.register()?.inspect_import(&state.actor()?, &input)?)
}

/// Step 2: every row's verdict; writes nothing.
#[tauri::command(async)]
pub fn import_dry_run(state: State<'_, AppState>, input: ImportCheck) -> CommandResult<DryRun> {
    Ok(state
        .register()?
        .dry_run_import(&state.actor()?, &input.source, &input.plan)?)
}

/// Step 3: the import itself, as one batch.
#[tauri::command(async)]
pub fn import_commit(
    state: State<'_, AppState>,
    input: ImportRequest,
) -> CommandResult<ImportReport> {
    Ok(state.register()?.import(&state.actor()?, &input)?)
}

/// Past imports.
#[tauri::command(async)]
pub fn list_import_batches(state: State<'_, AppState>) -> CommandResult<Vec<ImportBatch>> {
    Ok(state.register()?.import_batches(&state.actor()?)?)
}

/// Undoes an import.
#[tauri::command(async)]
pub fn undo_import(state: State<'_, AppState>, input: BatchId) -> CommandResult<u32> {
    Ok(state.register()?.undo_import(&state.actor()?, input)?)
}

/// Writes the rows an import refused as an .xlsx (their original columns and why) into the
/// chosen folder.
#[tauri::command(async)]
pub fn save_refused_rows(
    state: State<'_, AppState>,
    input: RefusedRowsSave,
) -> CommandResult<SavedFile> {
    state.actor()?;
    let export = refused_rows_xlsx(&input.refused)?;
    let path = files::save(
        &files::chosen_folder(input.folder),
        &export.file_name,
        &export.bytes,
    )?;
    Ok(SavedFile {
        path: path.display().to_string(),
        rows: export.rows as u32,
    })
}

/// Writes the filtered asset list as .xlsx or .csv into the chosen folder.
#[tauri::command(async)]
pub fn export_assets(state: State<'_, AppState>, input: ExportRequest) -> CommandResult<SavedFile> {
    let export = asset_list(
        state.register()?,
        &state.actor()?,
        &input.query,
        &input.filters,
        input.format,
    )?;
    let path = files::save(
        &files::chosen_folder(input.folder),
        &export.file_name,
        &export.bytes,
    )?;
    Ok(SavedFile {
        path: path.display().to_string(),
        rows: export.rows as u32,
    })
}

/// The folder files are saved to unless the user chose another.
#[tauri::command(async)]
pub fn default_folder() -> CommandResult<String> {
    Ok(files::default_folder().display().to_string())
}

/// Opens a saved file or folder with the system's program.
#[tauri::command(async)]
pub fn open_path(state: State<'_, AppState>, input: String) -> CommandResult<()> {
    state.actor()?;
    let path = PathBuf::from(&input);
    if !files::may_open(&path) {
        return Err(phatsadu_core::Error::invalid(
            "path",
            "only saved files and folders can be opened",
        )
        .into());
    }
    tauri_plugin_opener::open_path(&path, None::<&str>)
        .map_err(|e| phatsadu_core::Error::io(&path, std::io::Error::other(e.to_string())).into())
}
