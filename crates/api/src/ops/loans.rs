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
use ts_rs::TS;

use super::register_io::SavedFile;
use crate::error::ApiResult;

use crate::door::Door;

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
pub fn create_loan(door: &dyn Door, input: LoanRequest) -> ApiResult<Loan> {
    Ok(door.register()?.create_loan(&door.actor()?, &input)?)
}

/// Rewrites a request nobody has decided yet.
pub fn update_loan(door: &dyn Door, input: LoanUpdate) -> ApiResult<Loan> {
    Ok(door.register()?.update_loan(&door.actor()?, &input)?)
}

/// Sends a draft to its approver.
pub fn submit_loan(door: &dyn Door, input: LoanId) -> ApiResult<Loan> {
    Ok(door.register()?.submit_loan(&door.actor()?, input)?)
}

/// Withdraws a request before anything is handed out.
pub fn cancel_loan(door: &dyn Door, input: Cancellation) -> ApiResult<Loan> {
    Ok(door.register()?.cancel_loan(&door.actor()?, &input)?)
}

/// Approves or rejects a request.
pub fn decide_loan(door: &dyn Door, input: Decision) -> ApiResult<Loan> {
    Ok(door.register()?.decide_loan(&door.actor()?, &input)?)
}

/// Hands items of an approved loan out.
pub fn hand_out(door: &dyn Door, input: HandOut) -> ApiResult<Loan> {
    Ok(door.register()?.hand_out(&door.actor()?, &input)?)
}

/// Takes items back.
pub fn return_items(door: &dyn Door, input: Return) -> ApiResult<Loan> {
    Ok(door.register()?.return_items(&door.actor()?, &input)?)
}

/// Takes items that were never handed out off a loan.
pub fn withdraw_items(door: &dyn Door, input: Withdrawal) -> ApiResult<Loan> {
    Ok(door.register()?.withdraw_items(&door.actor()?, &input)?)
}

/// Records a chase of an overdue loan.
pub fn record_follow_up(door: &dyn Door, input: FollowUpInput) -> ApiResult<Loan> {
    Ok(door.register()?.record_follow_up(&door.actor()?, &input)?)
}

/// Records the remedy for a damaged or lost item.
pub fn decide_compensation(
    door: &dyn Door,
    input: CompensationDecision,
) -> ApiResult<CompensationCase> {
    Ok(door
        .register()?
        .decide_compensation(&door.actor()?, &input)?)
}

/// Compensation cases still open.
pub fn open_compensation_cases(door: &dyn Door) -> ApiResult<Vec<CompensationCase>> {
    Ok(door.register()?.open_compensation_cases(&door.actor()?)?)
}

/// Loans matching a query.
pub fn list_loans(door: &dyn Door, input: LoanQuery) -> ApiResult<Vec<LoanRow>> {
    Ok(door.register()?.list_loans(&door.actor()?, &input)?)
}

/// One loan in full.
pub fn loan_detail(door: &dyn Door, input: LoanId) -> ApiResult<Loan> {
    Ok(door.register()?.loan_detail(&door.actor()?, input)?)
}

/// The steps of a loan the user may take today, each with what stops it.
pub fn loan_steps(door: &dyn Door, input: LoanId) -> ApiResult<Vec<LoanStep>> {
    Ok(door.register()?.loan_steps(&door.actor()?, input)?)
}

/// Whether each item of a borrow form may be lent for its dates, and why not.
pub fn check_loan_items(door: &dyn Door, input: ItemCheck) -> ApiResult<Vec<ItemVerdict>> {
    Ok(door.register()?.check_loan_items(&door.actor()?, &input)?)
}

/// Requests waiting for the user's decision.
pub fn approval_inbox(door: &dyn Door) -> ApiResult<Vec<InboxItem>> {
    Ok(door.register()?.approval_inbox(&door.actor()?)?)
}

/// The home screen's counts.
pub fn dashboard(door: &dyn Door) -> ApiResult<Dashboard> {
    Ok(door.register()?.dashboard(&door.actor()?)?)
}

/// Loans with items out past their due date.
pub fn overdue_loans(door: &dyn Door) -> ApiResult<Vec<OverdueLoan>> {
    Ok(door.register()?.overdue_loans(&door.actor()?)?)
}

/// Every delegation.
pub fn list_delegations(door: &dyn Door) -> ApiResult<Vec<Delegation>> {
    Ok(door.register()?.list_delegations(&door.actor()?)?)
}

/// Users to choose a principal and a stand-in from.
pub fn delegation_candidates(door: &dyn Door) -> ApiResult<Vec<UserChoice>> {
    Ok(door.register()?.delegation_candidates(&door.actor()?)?)
}

/// Records a delegation.
pub fn create_delegation(door: &dyn Door, input: DelegationInput) -> ApiResult<Delegation> {
    Ok(door.register()?.create_delegation(&door.actor()?, &input)?)
}

/// Ends a delegation now.
pub fn revoke_delegation(door: &dyn Door, input: DelegationId) -> ApiResult<Delegation> {
    Ok(door.register()?.revoke_delegation(&door.actor()?, input)?)
}

/// The borrowing rules.
pub fn get_loan_settings(door: &dyn Door) -> ApiResult<LoanSettings> {
    Ok(door.register()?.loan_settings(&door.actor()?)?)
}

/// Changes the borrowing rules.
pub fn update_loan_settings(door: &dyn Door, input: LoanSettings) -> ApiResult<LoanSettings> {
    Ok(door
        .register()?
        .update_loan_settings(&door.actor()?, &input)?)
}

/// Writes the loan register of a fiscal year as .xlsx or .csv.
pub fn export_loans(door: &dyn Door, input: LoanExportRequest) -> ApiResult<SavedFile> {
    let export = loan_list(
        door.register()?,
        &door.actor()?,
        input.fiscal_year,
        input.format,
    )?;
    door.save(input.folder, &export.file_name, &export.bytes, export.rows)
}
