//! The audit log.

use phatsadu_core::audit::{AuditPage, AuditQuery, AuditVerification};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

/// A filtered page of the audit log.
#[tauri::command(async)]
pub fn list_audit(state: State<'_, AppState>, input: AuditQuery) -> CommandResult<AuditPage> {
    Ok(state.register()?.list_audit(&state.actor()?, &input)?)
}

/// Checks the audit log's hash chain.
#[tauri::command(async)]
pub fn verify_audit(state: State<'_, AppState>) -> CommandResult<AuditVerification> {
    Ok(state.register()?.verify_audit(&state.actor()?)?)
}
