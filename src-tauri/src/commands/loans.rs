//! Borrowing: requests, decisions, hand-out and return, overdue follow-up, compensation,
//! delegations, the loan register and the dashboard.

use phatsadu_core::ids::{DelegationId, LoanId};
use phatsadu_core::loans::{
    Cancellation, CompensationCase, CompensationDecision, Dashboard, Decision, Delegation,
    DelegationInput, FollowUpInput, HandOut, InboxItem, ItemCheck, ItemVerdict, Loan, LoanQuery,
    LoanRequest, LoanRow, LoanSettings, LoanStep, LoanUpdate, OverdueLoan, Return, UserChoice,
    Withdrawal,
};
use phatsadu_forms::exports::{SpreadsheetFormat, loan_list};
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use super::register_io::SavedFile;
use crate::error::CommandResult;
use crate::files;
use crate::state::AppState;

/// Export the loan register of a fiscal year.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LoanExportRequest {
    /// The fiscal year (B.E.); every loan when empty.
    pub fiscal_year: Option<i32>,
    /// xlsx or csv.
    pub format: SpreadsheetFormat,
    /// Where to save; the default folder when empty.
    pub folder: Option<String>,
}

/// Enters a borrow request (draft or submitted).
#[tauri::command(async)]
pub fn create_loan(state: State<'_, AppState>, input: LoanRequest) -> CommandResult<Loan> {
    Ok(state.register()?.create_loan(&state.actor()?, &input)?)
}

/// Rewrites a request nobody has decided yet.
#[tauri::command(async)]
pub fn update_loan(state: State<'_, AppState>, input: LoanUpdate) -> CommandResult<Loan> {
    Ok(state.register()?.update_loan(&state.actor()?, &input)?)
}

/// Sends a draft to its approver.
#[tauri::command(async)]
pub fn submit_loan(state: State<'_, AppState>, input: LoanId) -> CommandResult<Loan> {
    Ok(state.register()?.submit_loan(&state.actor()?, input)?)
}

/// Withdraws a request before anything is handed out.
#[tauri::command(async)]
pub fn cancel_loan(state: State<'_, AppState>, input: Cancellation) -> CommandResult<Loan> {
    Ok(state.register()?.cancel_loan(&state.actor()?, &input)?)
}

/// Approves or rejects a request.
#[tauri::command(async)]
pub fn decide_loan(state: State<'_, AppState>, input: Decision) -> CommandResult<Loan> {
    Ok(state.register()?.decide_loan(&state.actor()?, &input)?)
}

/// Hands items of an approved loan out.
#[tauri::command(async)]
pub fn hand_out(state: State<'_, AppState>, input: HandOut) -> CommandResult<Loan> {
    Ok(state.register()?.hand_out(&state.actor()?, &input)?)
}

/// Takes items back.
#[tauri::command(async)]
pub fn return_items(state: State<'_, AppState>, input: Return) -> CommandResult<Loan> {
    Ok(state.register()?.return_items(&state.actor()?, &input)?)
}

/// Takes items that were never handed out off a loan.
#[tauri::command(async)]
pub fn withdraw_items(state: State<'_, AppState>, input: Withdrawal) -> CommandResult<Loan> {
    Ok(state.register()?.withdraw_items(&state.actor()?, &input)?)
}

/// Records a chase of an overdue loan.
#[tauri::command(async)]
pub fn record_follow_up(state: State<'_, AppState>, input: FollowUpInput) -> CommandResult<Loan> {
    Ok(state
        .register()?
        .record_follow_up(&state.actor()?, &input)?)
}

/// Records the remedy for a damaged or lost item.
#[tauri::command(async)]
pub fn decide_compensation(
    state: State<'_, AppState>,
    input: CompensationDecision,
) -> CommandResult<CompensationCase> {
    Ok(state
        .register()?
        .decide_compensation(&state.actor()?, &input)?)
}

/// Compensation cases still open.
#[tauri::command(async)]
pub fn open_compensation_cases(state: State<'_, AppState>) -> CommandResult<Vec<CompensationCase>> {
    Ok(state.register()?.open_compensation_cases(&state.actor()?)?)
}

/// Loans matching a query.
#[tauri::command(async)]
pub fn list_loans(state: State<'_, AppState>, input: LoanQuery) -> CommandResult<Vec<LoanRow>> {
    Ok(state.register()?.list_loans(&state.actor()?, &input)?)
}

/// One loan in full.
#[tauri::command(async)]
pub fn loan_detail(state: State<'_, AppState>, input: LoanId) -> CommandResult<Loan> {
    Ok(state.register()?.loan_detail(&state.actor()?, input)?)
}

/// The steps of a loan the user may take today, each with what stops it.
#[tauri::command(async)]
pub fn loan_steps(state: State<'_, AppState>, input: LoanId) -> CommandResult<Vec<LoanStep>> {
    Ok(state.register()?.loan_steps(&state.actor()?, input)?)
}

/// Whether each item of a borrow form may be lent for its dates, and why not.
#[tauri::command(async)]
pub fn check_loan_items(
    state: State<'_, AppState>,
    input: ItemCheck,
) -> CommandResult<Vec<ItemVerdict>> {
    Ok(state
        .register()?
        .check_loan_items(&state.actor()?, &input)?)
}

/// Requests waiting for the user's decision.
#[tauri::command(async)]
pub fn approval_inbox(state: State<'_, AppState>) -> CommandResult<Vec<InboxItem>> {
    Ok(state.register()?.approval_inbox(&state.actor()?)?)
}

/// The home screen's counts.
#[tauri::command(async)]
pub fn dashboard(state: State<'_, AppState>) -> CommandResult<Dashboard> {
    Ok(state.register()?.dashboard(&state.actor()?)?)
}

/// Loans with items out past their due date.
#[tauri::command(async)]
pub fn overdue_loans(state: State<'_, AppState>) -> CommandResult<Vec<OverdueLoan>> {
    Ok(state.register()?.overdue_loans(&state.actor()?)?)
}

/// Every delegation.
#[tauri::command(async)]
pub fn list_delegations(state: State<'_, AppState>) -> CommandResult<Vec<Delegation>> {
    Ok(state.register()?.list_delegations(&state.actor()?)?)
}

/// Users to choose a principal and a stand-in from.
#[tauri::command(async)]
pub fn delegation_candidates(state: State<'_, AppState>) -> CommandResult<Vec<UserChoice>> {
    Ok(state.register()?.delegation_candidates(&state.actor()?)?)
}

/// Records a delegation.
#[tauri::command(async)]
pub fn create_delegation(
    state: State<'_, AppState>,
    input: DelegationInput,
) -> CommandResult<Delegation> {
    Ok(state
        .register()?
        .create_delegation(&state.actor()?, &input)?)
}

/// Ends a delegation now.
#[tauri::command(async)]
pub fn revoke_delegation(
    state: State<'_, AppState>,
    input: DelegationId,
) -> CommandResult<Delegation> {
    Ok(state
        .register()?
        .revoke_delegation(&state.actor()?, input)?)
}

/// The borrowing rules.
#[tauri::command(async)]
pub fn get_loan_settings(state: State<'_, AppState>) -> CommandResult<LoanSettings> {
    Ok(state.register()?.loan_settings(&state.actor()?)?)
}

/// Changes the borrowing rules.
#[tauri::command(async)]
pub fn update_loan_settings(
    state: State<'_, AppState>,
    input: LoanSettings,
) -> CommandResult<LoanSettings> {
    Ok(state
        .register()?
        .update_loan_settings(&state.actor()?, &input)?)
}

/// Writes the loan register of a fiscal year as .xlsx or .csv.
#[tauri::command(async)]
pub fn export_loans(
    state: State<'_, AppState>,
    input: LoanExportRequest,
) -> CommandResult<SavedFile> {
    let export = loan_list(
        state.register()?,
        &state.actor()?,
        input.fiscal_year,
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
