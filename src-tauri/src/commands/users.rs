//! Accounts and roles.

use phatsadu_core::auth::{NewUserInput, ResetPasswordInput, User, UserUpdate};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

/// All accounts.
#[tauri::command(async)]
pub fn list_users(state: State<'_, AppState>) -> CommandResult<Vec<User>> {
    Ok(state.register()?.list_users(&state.actor()?)?)
}

/// Creates an account.
#[tauri::command(async)]
pub fn create_user(state: State<'_, AppState>, input: NewUserInput) -> CommandResult<User> {
    Ok(state.register()?.create_user(&state.actor()?, &input)?)
}

/// Changes an account (if it is the caller's own, the session picks up the new roles).
#[tauri::command(async)]
pub fn update_user(state: State<'_, AppState>, input: UserUpdate) -> CommandResult<User> {
    let user = state.register()?.update_user(&state.actor()?, &input)?;
    state.refresh()?;
    Ok(user)
}

/// Sets a new password for another user.
#[tauri::command(async)]
pub fn reset_password(state: State<'_, AppState>, input: ResetPasswordInput) -> CommandResult<()> {
    Ok(state.register()?.reset_password(&state.actor()?, &input)?)
}
