//! Printed forms (PDF): borrow slips, follow-up letters, register sheets, labels, the
//! asset list and the loan register; and the print settings they read.
//!
//! Each print command makes one printout through `phatsadu_forms::printing` as the acting
//! user, saves it in the chosen folder like an export, and returns where it went; the UI
//! then opens it for printing.

use phatsadu_core::assets::AssetQuery;
use phatsadu_core::ids::{AssetId, CategoryId, LoanId};
use phatsadu_core::print_settings::{LabelStock, PrintSettings};
use phatsadu_forms::printing::{self, Printout};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::register_io::SavedFile;
use crate::error::ApiResult;

use crate::door::Door;

/// Print one loan's borrow slip.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LoanPrintRequest {
    /// The loan.
    pub loan_id: LoanId,
    /// Where to save; the default folder when empty.
    pub folder: Option<String>,
}

/// Print the follow-up letter of an overdue loan.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FollowUpPrintRequest {
    /// The loan.
    pub loan_id: LoanId,
    /// Which follow-up (1, 2, …); the next one after those recorded when empty.
    pub round: Option<u32>,
    /// Where to save; the default folder when empty.
    pub folder: Option<String>,
}

/// Print one asset's register sheet.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssetSheetPrintRequest {
    /// The asset.
    pub asset_id: AssetId,
    /// Where to save; the default folder when empty.
    pub folder: Option<String>,
}

/// Print the register sheets of every asset of a category.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CategorySheetsPrintRequest {
    /// The category.
    pub category_id: CategoryId,
    /// Where to save; the default folder when empty.
    pub folder: Option<String>,
}

/// Print labels for chosen assets.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LabelPrintRequest {
    /// The assets, one label each, in this order.
    pub asset_ids: Vec<AssetId>,
    /// The sticker stock; the one in the print settings when empty.
    pub stock: Option<LabelStock>,
    /// Labels already used on the first sheet (printing starts after them).
    pub skip: u32,
    /// Where to save; the default folder when empty.
    pub folder: Option<String>,
}

/// Print the calibration page of a sticker stock.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CalibrationPrintRequest {
    /// The stock being set up; the one in the print settings when empty.
    pub stock: Option<LabelStock>,
    /// Where to save; the default folder when empty.
    pub folder: Option<String>,
}

/// Print the asset list as it is filtered now.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssetListPrintRequest {
    /// The list's query (paging is ignored: every match is printed).
    pub query: AssetQuery,
    /// The filters in words, for the title (the UI writes them in Thai).
    pub filters: String,
    /// Where to save; the default folder when empty.
    pub folder: Option<String>,
}

/// Print the loan register of a fiscal year.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LoanRegisterPrintRequest {
    /// The fiscal year (B.E.); the current one when empty.
    pub fiscal_year: Option<i32>,
    /// Where to save; the default folder when empty.
    pub folder: Option<String>,
}

/// Saves a printout where the UI asked, as exports are saved.
fn save(door: &dyn Door, folder: Option<String>, printout: Printout) -> ApiResult<SavedFile> {
    door.save(folder, &printout.file_name, &printout.bytes, 0)
}

/// Prints a loan's borrow slip (ใบยืมพัสดุ).
pub fn print_loan_slip(door: &dyn Door, input: LoanPrintRequest) -> ApiResult<SavedFile> {
    let printout = printing::loan_slip(door.register()?, &door.actor()?, input.loan_id)?;
    save(door, input.folder, printout)
}

/// Prints the follow-up letter (หนังสือติดตาม) of an overdue loan.
pub fn print_follow_up_letter(
    door: &dyn Door,
    input: FollowUpPrintRequest,
) -> ApiResult<SavedFile> {
    let printout =
        printing::follow_up_letter(door.register()?, &door.actor()?, input.loan_id, input.round)?;
    save(door, input.folder, printout)
}

/// Prints one asset's register sheet (ทะเบียนคุมทรัพย์สิน).
pub fn print_asset_register_sheet(
    door: &dyn Door,
    input: AssetSheetPrintRequest,
) -> ApiResult<SavedFile> {
    let printout =
        printing::asset_register_sheet(door.register()?, &door.actor()?, input.asset_id)?;
    save(door, input.folder, printout)
}

/// Prints the register sheets of a category's assets.
pub fn print_category_register_sheets(
    door: &dyn Door,
    input: CategorySheetsPrintRequest,
) -> ApiResult<SavedFile> {
    let printout =
        printing::category_register_sheets(door.register()?, &door.actor()?, input.category_id)?;
    save(door, input.folder, printout)
}

/// Prints labels for the chosen assets.
pub fn print_asset_labels(door: &dyn Door, input: LabelPrintRequest) -> ApiResult<SavedFile> {
    let printout = printing::asset_labels(
        door.register()?,
        &door.actor()?,
        &input.asset_ids,
        input.stock.as_ref(),
        input.skip as usize,
    )?;
    save(door, input.folder, printout)
}

/// Prints the calibration page for a sticker stock.
pub fn print_label_calibration(
    door: &dyn Door,
    input: CalibrationPrintRequest,
) -> ApiResult<SavedFile> {
    let printout =
        printing::label_calibration(door.register()?, &door.actor()?, input.stock.as_ref())?;
    save(door, input.folder, printout)
}

/// Prints the filtered asset list.
pub fn print_asset_list(door: &dyn Door, input: AssetListPrintRequest) -> ApiResult<SavedFile> {
    let printout = printing::asset_list(
        door.register()?,
        &door.actor()?,
        &input.query,
        &input.filters,
    )?;
    save(door, input.folder, printout)
}

/// Prints the loan register of a fiscal year.
pub fn print_loan_register(
    door: &dyn Door,
    input: LoanRegisterPrintRequest,
) -> ApiResult<SavedFile> {
    let printout = printing::loan_register(door.register()?, &door.actor()?, input.fiscal_year)?;
    save(door, input.folder, printout)
}

/// The print settings (everyone logged in may read them).
pub fn get_print_settings(door: &dyn Door) -> ApiResult<PrintSettings> {
    Ok(door.register()?.print_settings(&door.actor()?)?)
}

/// Changes the print settings (supplies officers and the head of supplies).
pub fn update_print_settings(door: &dyn Door, input: PrintSettings) -> ApiResult<PrintSettings> {
    Ok(door
        .register()?
        .update_print_settings(&door.actor()?, &input)?)
}

/// The sticker stocks the settings page offers.
pub fn label_presets(door: &dyn Door) -> ApiResult<Vec<LabelStock>> {
    door.actor()?;
    Ok(LabelStock::presets())
}
