//! Materials (วัสดุ): the catalogue, receipts, issues on signed requisitions, opening
//! balances, adjustments, the stock cards, the balances at a date, closing a period.

use chrono::NaiveDate;
use phatsadu_core::ids::{MaterialEntryId, MaterialId};
use phatsadu_core::materials::{
    Adjustment, AdjustmentEntry, IssuedLine, Material, MaterialBalance, MaterialInput,
    MaterialQuery, MaterialType, MaterialUpdate, OpeningBalance, PaperIssue, Receipt, ReceiptInput,
    StockCard,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::door::Door;
use crate::error::ApiResult;

/// Which card, over which days (both included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StockCardQuery {
    /// The item.
    pub material_id: MaterialId,
    /// The first day.
    pub from: NaiveDate,
    /// The last day.
    pub to: NaiveDate,
}

/// The types of material.
pub fn list_material_types(door: &dyn Door) -> ApiResult<Vec<MaterialType>> {
    Ok(door.register()?.list_material_types(&door.actor()?)?)
}

/// Adds a type of material.
pub fn create_material_type(door: &dyn Door, input: String) -> ApiResult<MaterialType> {
    Ok(door
        .register()?
        .create_material_type(&door.actor()?, &input)?)
}

/// The catalogue.
pub fn list_materials(door: &dyn Door, input: MaterialQuery) -> ApiResult<Vec<Material>> {
    Ok(door.register()?.list_materials(&door.actor()?, &input)?)
}

/// One material with its balance.
pub fn material(door: &dyn Door, input: MaterialId) -> ApiResult<Material> {
    Ok(door.register()?.material(&door.actor()?, input)?)
}

/// Adds a material.
pub fn create_material(door: &dyn Door, input: MaterialInput) -> ApiResult<Material> {
    Ok(door.register()?.create_material(&door.actor()?, &input)?)
}

/// Edits a material.
pub fn update_material(door: &dyn Door, input: MaterialUpdate) -> ApiResult<Material> {
    Ok(door.register()?.update_material(&door.actor()?, &input)?)
}

/// Records a receipt.
pub fn receive_materials(door: &dyn Door, input: ReceiptInput) -> ApiResult<Receipt> {
    Ok(door.register()?.receive_materials(&door.actor()?, &input)?)
}

/// Records an item's opening balance.
pub fn record_opening_balance(
    door: &dyn Door,
    input: OpeningBalance,
) -> ApiResult<MaterialEntryId> {
    Ok(door
        .register()?
        .record_opening_balance(&door.actor()?, &input)?)
}

/// Corrects a card.
pub fn adjust_material(door: &dyn Door, input: Adjustment) -> ApiResult<AdjustmentEntry> {
    Ok(door.register()?.adjust_material(&door.actor()?, &input)?)
}

/// Issues a signed paper requisition.
pub fn issue_paper_requisition(door: &dyn Door, input: PaperIssue) -> ApiResult<Vec<IssuedLine>> {
    Ok(door
        .register()?
        .issue_paper_requisition(&door.actor()?, &input)?)
}

/// An item's stock card.
pub fn stock_card(door: &dyn Door, input: StockCardQuery) -> ApiResult<StockCard> {
    Ok(door
        .register()?
        .stock_card(&door.actor()?, input.material_id, input.from, input.to)?)
}

/// Every item's balance at the end of a day.
pub fn material_balances(door: &dyn Door, input: NaiveDate) -> ApiResult<Vec<MaterialBalance>> {
    Ok(door.register()?.material_balances(&door.actor()?, input)?)
}

/// The last day closed to new entries.
pub fn materials_closed_through(door: &dyn Door) -> ApiResult<Option<NaiveDate>> {
    Ok(door.register()?.materials_closed_through(&door.actor()?)?)
}

/// Closes the days up to one to new entries.
pub fn close_materials_period(door: &dyn Door, input: NaiveDate) -> ApiResult<NaiveDate> {
    Ok(door
        .register()?
        .close_materials_period(&door.actor()?, input)?)
}

/// Print stock cards: one item's, or every item of a type, for a fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StockCardPrintRequest {
    /// One item (else `typeId`).
    pub material_id: Option<MaterialId>,
    /// Every item of this type.
    pub type_id: Option<phatsadu_core::ids::MaterialTypeId>,
    /// The fiscal year (B.E.).
    pub fiscal_year: i32,
    /// Where to save; the default folder when empty.
    pub folder: Option<String>,
}

/// Prints stock cards (บัญชีวัสดุ) of a fiscal year, an issue across lots on two rows.
pub fn print_stock_cards(
    door: &dyn Door,
    input: StockCardPrintRequest,
) -> ApiResult<crate::ops::register_io::SavedFile> {
    use phatsadu_forms::materials::{Cards, stock_cards};
    let which = match (input.material_id, input.type_id) {
        (Some(id), _) => Cards::Material(id),
        (None, Some(type_id)) => Cards::Type(type_id),
        (None, None) => {
            return Err(phatsadu_core::Error::required("materialId").into());
        }
    };
    let printout = stock_cards(door.register()?, &door.actor()?, which, input.fiscal_year)?;
    door.save(input.folder, &printout.file_name, &printout.bytes, 0)
}

/// The balances at a date: printed (บัญชีวัสดุคงเหลือ) or exported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BalancesRequest {
    /// The day (its end).
    pub on: NaiveDate,
    /// For an export: xlsx or csv (ignored when printing).
    pub format: phatsadu_forms::exports::SpreadsheetFormat,
    /// Where to save; the default folder when empty.
    pub folder: Option<String>,
}

/// Prints every item's balance at a date by type, with totals.
pub fn print_material_balances(
    door: &dyn Door,
    input: BalancesRequest,
) -> ApiResult<crate::ops::register_io::SavedFile> {
    let printout =
        phatsadu_forms::materials::balances_pdf(door.register()?, &door.actor()?, input.on)?;
    door.save(input.folder, &printout.file_name, &printout.bytes, 0)
}

/// Exports the catalogue with every item's balance at a date.
pub fn export_material_balances(
    door: &dyn Door,
    input: BalancesRequest,
) -> ApiResult<crate::ops::register_io::SavedFile> {
    let export = phatsadu_forms::materials::balances_sheet(
        door.register()?,
        &door.actor()?,
        input.on,
        input.format,
    )?;
    door.save(input.folder, &export.file_name, &export.bytes, export.rows)
}

/// Import the catalogue and opening balances from the office's Excel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MaterialImportRequest {
    /// The file.
    pub source: phatsadu_core::import::ImportSource,
    /// The date of balances the file gives without one.
    pub as_of: NaiveDate,
    /// Judge every row and write nothing.
    pub dry_run: bool,
}

/// Imports (or judges) a materials file: all rows or none.
pub fn import_materials(
    door: &dyn Door,
    input: MaterialImportRequest,
) -> ApiResult<phatsadu_core::materials::import::MaterialImportReport> {
    let bytes = input.source.bytes()?;
    Ok(door.register()?.import_materials(
        &door.actor()?,
        &input.source.file_name,
        &bytes,
        input.as_of,
        input.dry_run,
    )?)
}

/// Lends materials to another agency (never to a person).
pub fn lend_materials(
    door: &dyn Door,
    input: phatsadu_core::materials::lending::MaterialLoanInput,
) -> ApiResult<phatsadu_core::materials::lending::MaterialLoan> {
    Ok(door.register()?.lend_materials(&door.actor()?, &input)?)
}

/// Takes lent materials back, in kind.
pub fn return_lent_materials(
    door: &dyn Door,
    input: phatsadu_core::materials::lending::MaterialLoanReturn,
) -> ApiResult<phatsadu_core::materials::lending::MaterialLoan> {
    Ok(door
        .register()?
        .return_lent_materials(&door.actor()?, &input)?)
}

/// Starts the materials count of an annual round.
pub fn start_material_count(
    door: &dyn Door,
    input: phatsadu_core::materials::count::MaterialCountStart,
) -> ApiResult<phatsadu_core::materials::count::MaterialCount> {
    Ok(door
        .register()?
        .start_material_count(&door.actor()?, &input)?)
}

/// Records what was counted of one item.
pub fn count_material(
    door: &dyn Door,
    input: phatsadu_core::materials::count::MaterialCountInput,
) -> ApiResult<phatsadu_core::materials::count::MaterialCountLine> {
    Ok(door.register()?.count_material(&door.actor()?, &input)?)
}

/// A round's materials count, if it has one.
pub fn material_count(
    door: &dyn Door,
    input: phatsadu_core::ids::RoundId,
) -> ApiResult<Option<phatsadu_core::materials::count::MaterialCount>> {
    Ok(door.register()?.material_count(&door.actor()?, input)?)
}

/// Applies a closed round's materials differences to the cards.
pub fn apply_material_count(door: &dyn Door, input: phatsadu_core::ids::RoundId) -> ApiResult<u32> {
    Ok(door
        .register()?
        .apply_material_count(&door.actor()?, input)?)
}

/// Print the annual count's sheets of a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CountSheetsPrintRequest {
    /// The round.
    pub round_id: phatsadu_core::ids::RoundId,
    /// Where to save; the default folder when empty.
    pub folder: Option<String>,
}

/// Prints the materials count sheets (ใบตรวจนับวัสดุ), a store to a section.
pub fn print_material_count_sheets(
    door: &dyn Door,
    input: CountSheetsPrintRequest,
) -> ApiResult<crate::ops::register_io::SavedFile> {
    let printout =
        phatsadu_forms::materials::count_sheets(door.register()?, &door.actor()?, input.round_id)?;
    door.save(input.folder, &printout.file_name, &printout.bytes, 0)
}
