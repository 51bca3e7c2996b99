//! Check rounds (ตรวจนับพัสดุ): setting up, opening, counting (scans, sheets, a scanner's
//! memory), closing, the proposals, the views, and the round's printouts.

use phatsadu_core::assets::Asset;
use phatsadu_core::checks::schedule::{CheckDashboard, CheckSettings, DivisionSchedule};
use phatsadu_core::checks::{
    AnnualProposal, AnnualReport, ApplyProposals, AssetCheck, CheckLine, CheckRound, CloseRound,
    CodeListInput, CodeListReport, Dismissal, LineCount, LinePage, LineQuery, PeriodicSummary,
    Proposal, RegisterFound, RoundInput, RoundListQuery, RoundSummary, RoundUpdate, ScanEntry,
    ScanInput, ScanListQuery, ScanRef, ScanResult, Unexpected, UnexpectedInput,
};
use phatsadu_core::ids::{AssetId, DivisionId, RoundId};
use phatsadu_forms::checks;
use phatsadu_forms::forms::check_sheet::SheetOptions;
use phatsadu_forms::printing::Printout;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::register_io::SavedFile;
use crate::error::ApiResult;

use crate::door::Door;

/// Print a round's check sheets.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckSheetsPrintRequest {
    /// The round.
    pub round_id: RoundId,
    /// Only this division's sheets.
    pub division_id: Option<DivisionId>,
    /// One file per division (else one file, a new page per location).
    pub per_division: bool,
    /// Tick the boxes from the counts recorded so far.
    pub with_results: bool,
    /// Where to save; the default folder when empty.
    pub folder: Option<String>,
}

/// Print or export something of one round (its report, its order).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoundPrintRequest {
    /// The round.
    pub round_id: RoundId,
    /// Where to save; the default folder when empty.
    pub folder: Option<String>,
}

/// Print form 7 for a fiscal year.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PeriodicSummaryPrintRequest {
    /// The fiscal year (B.E.).
    pub fiscal_year: i32,
    /// Where to save; the default folder when empty.
    pub folder: Option<String>,
}

fn save(door: &dyn Door, folder: &Option<String>, printout: &Printout) -> ApiResult<SavedFile> {
    door.save(folder.clone(), &printout.file_name, &printout.bytes, 0)
}

/// The annual round the regulation asks for a fiscal year.
pub fn propose_annual_round(door: &dyn Door, input: i32) -> ApiResult<AnnualProposal> {
    Ok(door
        .register()?
        .propose_annual_round(&door.actor()?, input)?)
}

/// Sets up a round (a draft).
pub fn create_round(door: &dyn Door, input: RoundInput) -> ApiResult<CheckRound> {
    Ok(door.register()?.create_round(&door.actor()?, &input)?)
}

/// Changes a round not yet opened.
pub fn update_round(door: &dyn Door, input: RoundUpdate) -> ApiResult<CheckRound> {
    Ok(door.register()?.update_round(&door.actor()?, &input)?)
}

/// Opens a round: its expected list is fixed.
pub fn open_round(door: &dyn Door, input: RoundId) -> ApiResult<CheckRound> {
    Ok(door.register()?.open_round(&door.actor()?, input)?)
}

/// Removes a round never opened.
pub fn cancel_round(door: &dyn Door, input: RoundId) -> ApiResult<()> {
    Ok(door.register()?.cancel_round(&door.actor()?, input)?)
}

/// Rounds, newest first.
pub fn list_rounds(door: &dyn Door, input: RoundListQuery) -> ApiResult<Vec<CheckRound>> {
    Ok(door.register()?.list_rounds(&door.actor()?, &input)?)
}

/// One round with its progress.
pub fn check_round(door: &dyn Door, input: RoundId) -> ApiResult<CheckRound> {
    Ok(door.register()?.check_round(&door.actor()?, input)?)
}

/// A page of a round's lines.
pub fn round_lines(door: &dyn Door, input: LineQuery) -> ApiResult<LinePage> {
    Ok(door.register()?.round_lines(&door.actor()?, &input)?)
}

/// A round's progress per place and its unexpected items.
pub fn round_summary(door: &dyn Door, input: RoundId) -> ApiResult<RoundSummary> {
    Ok(door.register()?.round_summary(&door.actor()?, input)?)
}

/// The latest scans of a round.
pub fn recent_scans(door: &dyn Door, input: ScanListQuery) -> ApiResult<Vec<ScanEntry>> {
    Ok(door.register()?.recent_scans(&door.actor()?, &input)?)
}

/// One scan.
pub fn scan(door: &dyn Door, input: ScanInput) -> ApiResult<ScanResult> {
    Ok(door.register()?.scan(&door.actor()?, &input)?)
}

/// Takes a scan back.
pub fn undo_scan(door: &dyn Door, input: ScanRef) -> ApiResult<()> {
    Ok(door.register()?.undo_scan(&door.actor()?, &input)?)
}

/// Records a line's count from a returned sheet.
pub fn record_count(door: &dyn Door, input: LineCount) -> ApiResult<CheckLine> {
    Ok(door.register()?.record_count(&door.actor()?, &input)?)
}

/// Adds an item found that is not on the list.
pub fn add_unexpected(door: &dyn Door, input: UnexpectedInput) -> ApiResult<Unexpected> {
    Ok(door.register()?.add_unexpected(&door.actor()?, &input)?)
}

/// Loads a scanner's memory or a typed list of codes (or shows what it would do).
pub fn load_code_list(door: &dyn Door, input: CodeListInput) -> ApiResult<CodeListReport> {
    Ok(door.register()?.load_code_list(&door.actor()?, &input)?)
}

/// Closes a round.
pub fn close_round(door: &dyn Door, input: CloseRound) -> ApiResult<CheckRound> {
    Ok(door.register()?.close_round(&door.actor()?, &input)?)
}

/// A round's proposals.
pub fn round_proposals(door: &dyn Door, input: RoundId) -> ApiResult<Vec<Proposal>> {
    Ok(door.register()?.round_proposals(&door.actor()?, input)?)
}

/// Applies proposals, all or none.
pub fn apply_proposals(door: &dyn Door, input: ApplyProposals) -> ApiResult<u32> {
    Ok(door.register()?.apply_proposals(&door.actor()?, &input)?)
}

/// Leaves a proposal undone.
pub fn dismiss_proposal(door: &dyn Door, input: Dismissal) -> ApiResult<Proposal> {
    Ok(door.register()?.dismiss_proposal(&door.actor()?, &input)?)
}

/// Registers an item a round found that the register lacked.
pub fn register_found(door: &dyn Door, input: RegisterFound) -> ApiResult<Asset> {
    Ok(door.register()?.register_found(&door.actor()?, &input)?)
}

/// An item's check history.
pub fn asset_checks(door: &dyn Door, input: AssetId) -> ApiResult<Vec<AssetCheck>> {
    Ok(door.register()?.asset_checks(&door.actor()?, input)?)
}

/// What the home screen says about checks.
pub fn check_dashboard(door: &dyn Door) -> ApiResult<CheckDashboard> {
    Ok(door.register()?.check_dashboard(&door.actor()?)?)
}

/// Each division's periodic checks in a fiscal year.
pub fn check_schedule(door: &dyn Door, input: i32) -> ApiResult<Vec<DivisionSchedule>> {
    Ok(door.register()?.check_schedule(&door.actor()?, input)?)
}

/// How often divisions are checked.
pub fn get_check_settings(door: &dyn Door) -> ApiResult<CheckSettings> {
    Ok(door.register()?.check_settings(&door.actor()?)?)
}

/// Changes how often divisions are checked.
pub fn update_check_settings(door: &dyn Door, input: CheckSettings) -> ApiResult<CheckSettings> {
    Ok(door
        .register()?
        .update_check_settings(&door.actor()?, &input)?)
}

/// A round's report as data.
pub fn check_report(door: &dyn Door, input: RoundId) -> ApiResult<AnnualReport> {
    Ok(door.register()?.check_report(&door.actor()?, input)?)
}

/// Form 7's data for a fiscal year.
pub fn periodic_summary(door: &dyn Door, input: i32) -> ApiResult<PeriodicSummary> {
    Ok(door.register()?.periodic_summary(&door.actor()?, input)?)
}

/// Prints a round's check sheets: one file, or one per division.
pub fn print_check_sheets(
    door: &dyn Door,
    input: CheckSheetsPrintRequest,
) -> ApiResult<Vec<SavedFile>> {
    let (register, actor) = (door.register()?, door.actor()?);
    let options = SheetOptions {
        with_results: input.with_results,
    };
    let printouts = if input.per_division {
        checks::check_sheets_per_division(register, &actor, input.round_id, options)?
    } else {
        vec![checks::check_sheets(
            register,
            &actor,
            input.round_id,
            input.division_id,
            options,
        )?]
    };
    printouts
        .iter()
        .map(|p| save(door, &input.folder, p))
        .collect()
}

/// Prints a round's report (PDF).
pub fn print_check_report(door: &dyn Door, input: RoundPrintRequest) -> ApiResult<SavedFile> {
    let printout = checks::report(door.register()?, &door.actor()?, input.round_id)?;
    save(door, &input.folder, &printout)
}

/// Saves a round's report as a workbook (.xlsx).
pub fn export_check_report(door: &dyn Door, input: RoundPrintRequest) -> ApiResult<SavedFile> {
    let (bytes, file_name) =
        checks::report_workbook(door.register()?, &door.actor()?, input.round_id)?;
    save(door, &input.folder, &Printout { bytes, file_name })
}

/// Prints an annual round's appointment order.
pub fn print_appointment_order(door: &dyn Door, input: RoundPrintRequest) -> ApiResult<SavedFile> {
    let printout = checks::appointment_order(door.register()?, &door.actor()?, input.round_id)?;
    save(door, &input.folder, &printout)
}

/// Prints form 7 for a fiscal year.
pub fn print_periodic_summary(
    door: &dyn Door,
    input: PeriodicSummaryPrintRequest,
) -> ApiResult<SavedFile> {
    let printout = checks::periodic_summary(door.register()?, &door.actor()?, input.fiscal_year)?;
    save(door, &input.folder, &printout)
}
