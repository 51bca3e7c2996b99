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
use tauri::State;
use ts_rs::TS;

use super::register_io::SavedFile;
use crate::error::CommandResult;
use crate::files;
use crate::state::AppState;

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

fn save(folder: &Option<String>, printout: &Printout) -> CommandResult<SavedFile> {
    let path = files::save(
        &files::chosen_folder(folder.clone()),
        &printout.file_name,
        &printout.bytes,
    )?;
    Ok(SavedFile {
        path: path.display().to_string(),
        rows: 0,
    })
}

/// The annual round the regulation asks for a fiscal year.
#[tauri::command(async)]
pub fn propose_annual_round(
    state: State<'_, AppState>,
    input: i32,
) -> CommandResult<AnnualProposal> {
    Ok(state
        .register()?
        .propose_annual_round(&state.actor()?, input)?)
}

/// Sets up a round (a draft).
#[tauri::command(async)]
pub fn create_round(state: State<'_, AppState>, input: RoundInput) -> CommandResult<CheckRound> {
    Ok(state.register()?.create_round(&state.actor()?, &input)?)
}

/// Changes a round not yet opened.
#[tauri::command(async)]
pub fn update_round(state: State<'_, AppState>, input: RoundUpdate) -> CommandResult<CheckRound> {
    Ok(state.register()?.update_round(&state.actor()?, &input)?)
}

/// Opens a round: its expected list is fixed.
#[tauri::command(async)]
pub fn open_round(state: State<'_, AppState>, input: RoundId) -> CommandResult<CheckRound> {
    Ok(state.register()?.open_round(&state.actor()?, input)?)
}

/// Removes a round never opened.
#[tauri::command(async)]
pub fn cancel_round(state: State<'_, AppState>, input: RoundId) -> CommandResult<()> {
    Ok(state.register()?.cancel_round(&state.actor()?, input)?)
}

/// Rounds, newest first.
#[tauri::command(async)]
pub fn list_rounds(
    state: State<'_, AppState>,
    input: RoundListQuery,
) -> CommandResult<Vec<CheckRound>> {
    Ok(state.register()?.list_rounds(&state.actor()?, &input)?)
}

/// One round with its progress.
#[tauri::command(async)]
pub fn check_round(state: State<'_, AppState>, input: RoundId) -> CommandResult<CheckRound> {
    Ok(state.register()?.check_round(&state.actor()?, input)?)
}

/// A page of a round's lines.
#[tauri::command(async)]
pub fn round_lines(state: State<'_, AppState>, input: LineQuery) -> CommandResult<LinePage> {
    Ok(state.register()?.round_lines(&state.actor()?, &input)?)
}

/// A round's progress per place and its unexpected items.
#[tauri::command(async)]
pub fn round_summary(state: State<'_, AppState>, input: RoundId) -> CommandResult<RoundSummary> {
    Ok(state.register()?.round_summary(&state.actor()?, input)?)
}

/// The latest scans of a round.
#[tauri::command(async)]
pub fn recent_scans(
    state: State<'_, AppState>,
    input: ScanListQuery,
) -> CommandResult<Vec<ScanEntry>> {
    Ok(state.register()?.recent_scans(&state.actor()?, &input)?)
}

/// One scan.
#[tauri::command(async)]
pub fn scan(state: State<'_, AppState>, input: ScanInput) -> CommandResult<ScanResult> {
    Ok(state.register()?.scan(&state.actor()?, &input)?)
}

/// Takes a scan back.
#[tauri::command(async)]
pub fn undo_scan(state: State<'_, AppState>, input: ScanRef) -> CommandResult<()> {
    Ok(state.register()?.undo_scan(&state.actor()?, &input)?)
}

/// Records a line's count from a returned sheet.
#[tauri::command(async)]
pub fn record_count(state: State<'_, AppState>, input: LineCount) -> CommandResult<CheckLine> {
    Ok(state.register()?.record_count(&state.actor()?, &input)?)
}

/// Adds an item found that is not on the list.
#[tauri::command(async)]
pub fn add_unexpected(
    state: State<'_, AppState>,
    input: UnexpectedInput,
) -> CommandResult<Unexpected> {
    Ok(state.register()?.add_unexpected(&state.actor()?, &input)?)
}

/// Loads a scanner's memory or a typed list of codes (or shows what it would do).
#[tauri::command(async)]
pub fn load_code_list(
    state: State<'_, AppState>,
    input: CodeListInput,
) -> CommandResult<CodeListReport> {
    Ok(state.register()?.load_code_list(&state.actor()?, &input)?)
}

/// Closes a round.
#[tauri::command(async)]
pub fn close_round(state: State<'_, AppState>, input: CloseRound) -> CommandResult<CheckRound> {
    Ok(state.register()?.close_round(&state.actor()?, &input)?)
}

/// A round's proposals.
#[tauri::command(async)]
pub fn round_proposals(state: State<'_, AppState>, input: RoundId) -> CommandResult<Vec<Proposal>> {
    Ok(state.register()?.round_proposals(&state.actor()?, input)?)
}

/// Applies proposals, all or none.
#[tauri::command(async)]
pub fn apply_proposals(state: State<'_, AppState>, input: ApplyProposals) -> CommandResult<u32> {
    Ok(state.register()?.apply_proposals(&state.actor()?, &input)?)
}

/// Leaves a proposal undone.
#[tauri::command(async)]
pub fn dismiss_proposal(state: State<'_, AppState>, input: Dismissal) -> CommandResult<Proposal> {
    Ok(state
        .register()?
        .dismiss_proposal(&state.actor()?, &input)?)
}

/// Registers an item a round found that the register lacked.
#[tauri::command(async)]
pub fn register_found(state: State<'_, AppState>, input: RegisterFound) -> CommandResult<Asset> {
    Ok(state.register()?.register_found(&state.actor()?, &input)?)
}

/// An item's check history.
#[tauri::command(async)]
pub fn asset_checks(state: State<'_, AppState>, input: AssetId) -> CommandResult<Vec<AssetCheck>> {
    Ok(state.register()?.asset_checks(&state.actor()?, input)?)
}

/// What the home screen says about checks.
#[tauri::command(async)]
pub fn check_dashboard(state: State<'_, AppState>) -> CommandResult<CheckDashboard> {
    Ok(state.register()?.check_dashboard(&state.actor()?)?)
}

/// Each division's periodic checks in a fiscal year.
#[tauri::command(async)]
pub fn check_schedule(
    state: State<'_, AppState>,
    input: i32,
) -> CommandResult<Vec<DivisionSchedule>> {
    Ok(state.register()?.check_schedule(&state.actor()?, input)?)
}

/// How often divisions are checked.
#[tauri::command(async)]
pub fn get_check_settings(state: State<'_, AppState>) -> CommandResult<CheckSettings> {
    Ok(state.register()?.check_settings(&state.actor()?)?)
}

/// Changes how often divisions are checked.
#[tauri::command(async)]
pub fn update_check_settings(
    state: State<'_, AppState>,
    input: CheckSettings,
) -> CommandResult<CheckSettings> {
    Ok(state
        .register()?
        .update_check_settings(&state.actor()?, &input)?)
}

/// A round's report as data.
#[tauri::command(async)]
pub fn check_report(state: State<'_, AppState>, input: RoundId) -> CommandResult<AnnualReport> {
    Ok(state.register()?.check_report(&state.actor()?, input)?)
}

/// Form 7's data for a fiscal year.
#[tauri::command(async)]
pub fn periodic_summary(state: State<'_, AppState>, input: i32) -> CommandResult<PeriodicSummary> {
    Ok(state.register()?.periodic_summary(&state.actor()?, input)?)
}

/// Prints a round's check sheets: one file, or one per division.
#[tauri::command(async)]
pub fn print_check_sheets(
    state: State<'_, AppState>,
    input: CheckSheetsPrintRequest,
) -> CommandResult<Vec<SavedFile>> {
    let (register, actor) = (state.register()?, state.actor()?);
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
    printouts.iter().map(|p| save(&input.folder, p)).collect()
}

/// Prints a round's report (PDF).
#[tauri::command(async)]
pub fn print_check_report(
    state: State<'_, AppState>,
    input: RoundPrintRequest,
) -> CommandResult<SavedFile> {
    let printout = checks::report(state.register()?, &state.actor()?, input.round_id)?;
    save(&input.folder, &printout)
}

/// Saves a round's report as a workbook (.xlsx).
#[tauri::command(async)]
pub fn export_check_report(
    state: State<'_, AppState>,
    input: RoundPrintRequest,
) -> CommandResult<SavedFile> {
    let (bytes, file_name) =
        checks::report_workbook(state.register()?, &state.actor()?, input.round_id)?;
    save(&input.folder, &Printout { bytes, file_name })
}

/// Prints an annual round's appointment order.
#[tauri::command(async)]
pub fn print_appointment_order(
    state: State<'_, AppState>,
    input: RoundPrintRequest,
) -> CommandResult<SavedFile> {
    let printout = checks::appointment_order(state.register()?, &state.actor()?, input.round_id)?;
    save(&input.folder, &printout)
}

/// Prints form 7 for a fiscal year.
#[tauri::command(async)]
pub fn print_periodic_summary(
    state: State<'_, AppState>,
    input: PeriodicSummaryPrintRequest,
) -> CommandResult<SavedFile> {
    let printout = checks::periodic_summary(state.register()?, &state.actor()?, input.fiscal_year)?;
    save(&input.folder, &printout)
}
