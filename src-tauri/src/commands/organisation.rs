//! The organisation's details and program settings.

use phatsadu_core::org::{Organisation, OrganisationInput};
use phatsadu_core::settings::AppSettings;
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

/// The organisation's details.
#[tauri::command(async)]
pub fn get_organisation(state: State<'_, AppState>) -> CommandResult<Organisation> {
    Ok(state.register()?.organisation(&state.actor()?)?)
}

/// Changes the organisation's details.
#[tauri::command(async)]
pub fn update_organisation(
    state: State<'_, AppState>,
    input: OrganisationInput,
) -> CommandResult<Organisation> {
    Ok(state
        .register()?
        .update_organisation(&state.actor()?, &input)?)
}

/// The program settings.
#[tauri::command(async)]
pub fn get_settings(state: State<'_, AppState>) -> CommandResult<AppSettings> {
    Ok(state.register()?.settings(&state.actor()?)?)
}

/// Changes the program settings (the new idle time applies to the current session too).
#[tauri::command(async)]
pub fn update_settings(
    state: State<'_, AppState>,
    input: AppSettings,
) -> CommandResult<AppSettings> {
    let saved = state.register()?.update_settings(&state.actor()?, &input)?;
    state.refresh()?;
    Ok(saved)
}
