//! The materials' summaries and lists beyond the cards: what came in and went out over a
//! month (on screen, printed, exported), the requisitions as a spreadsheet, shelf labels,
//! and the loans of materials to other agencies.

use phatsadu_core::materials::lending::MaterialLoan;
use phatsadu_core::materials::movements::{MovementQuery, MovementSummary};
use phatsadu_core::materials::requisitions::RequisitionQuery;
use phatsadu_forms::exports::SpreadsheetFormat;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::register_io::SavedFile;
use crate::door::Door;
use crate::error::ApiResult;

/// What each item received, issued and adjusted over a span.
pub fn material_movements(door: &dyn Door, input: MovementQuery) -> ApiResult<MovementSummary> {
    Ok(door
        .register()?
        .material_movements(&door.actor()?, &input)?)
}

/// Print or export the receipts and issues of a span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MovementsRequest {
    /// Which days (and type).
    pub query: MovementQuery,
    /// For an export: xlsx or csv (ignored when printing).
    pub format: SpreadsheetFormat,
    /// Where to save; the default folder when empty.
    pub folder: Option<String>,
}

/// Prints the receipts and issues of a span (รายงานการรับ-จ่ายวัสดุ).
pub fn print_material_movements(door: &dyn Door, input: MovementsRequest) -> ApiResult<SavedFile> {
    let printout =
        phatsadu_forms::materials::movements_pdf(door.register()?, &door.actor()?, &input.query)?;
    door.save(input.folder, &printout.file_name, &printout.bytes, 0)
}

/// Exports the receipts and issues of a span, quantities and values as numbers.
pub fn export_material_movements(door: &dyn Door, input: MovementsRequest) -> ApiResult<SavedFile> {
    let export = phatsadu_forms::materials::movements_sheet(
        door.register()?,
        &door.actor()?,
        &input.query,
        input.format,
    )?;
    door.save(input.folder, &export.file_name, &export.bytes, export.rows)
}

/// Export the requisitions a list shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RequisitionExportRequest {
    /// The list's filter.
    pub query: RequisitionQuery,
    /// xlsx or csv.
    pub format: SpreadsheetFormat,
    /// Where to save; the default folder when empty.
    pub folder: Option<String>,
}

/// Exports the requisitions a query finds.
pub fn export_requisitions(
    door: &dyn Door,
    input: RequisitionExportRequest,
) -> ApiResult<SavedFile> {
    let export = phatsadu_forms::materials::requisitions_sheet(
        door.register()?,
        &door.actor()?,
        &input.query,
        input.format,
    )?;
    door.save(input.folder, &export.file_name, &export.bytes, export.rows)
}

/// Loans of materials to other agencies, newest first (only those still out when `true`).
pub fn list_material_loans(door: &dyn Door, input: bool) -> ApiResult<Vec<MaterialLoan>> {
    Ok(door
        .register()?
        .list_material_loans(&door.actor()?, input)?)
}

/// Print shelf labels for the items a catalogue query lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MaterialLabelRequest {
    /// The list's filter: one label per item it finds.
    pub query: phatsadu_core::materials::MaterialQuery,
    /// Labels already used on the first sheet (printing starts after them).
    pub skip: u32,
    /// Where to save; the default folder when empty.
    pub folder: Option<String>,
}

/// Prints shelf labels (code, QR code, name and unit) for the items listed.
pub fn print_material_labels(door: &dyn Door, input: MaterialLabelRequest) -> ApiResult<SavedFile> {
    let printout = phatsadu_forms::materials::material_labels(
        door.register()?,
        &door.actor()?,
        &input.query,
        input.skip as usize,
    )?;
    door.save(input.folder, &printout.file_name, &printout.bytes, 0)
}
