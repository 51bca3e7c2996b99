//! The organisation's details and program settings.

use phatsadu_core::org::{LogoInfo, NewLogo, Organisation, OrganisationInput};
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

/// What logo is stored, if any.
#[tauri::command(async)]
pub fn get_logo(state: State<'_, AppState>) -> CommandResult<Option<LogoInfo>> {
    Ok(state.register()?.logo_info(&state.actor()?)?)
}

/// The stored logo as a PNG data URL, for the settings page's preview.
#[tauri::command(async)]
pub fn logo_data_url(state: State<'_, AppState>) -> CommandResult<Option<String>> {
    Ok(state.register()?.logo_data_url(&state.actor()?)?)
}

/// Stores (or replaces) the logo printed at the head of forms.
#[tauri::command(async)]
pub fn set_logo(state: State<'_, AppState>, input: NewLogo) -> CommandResult<LogoInfo> {
    Ok(state.register()?.set_logo(&state.actor()?, &input)?)
}

/// Removes the logo.
#[tauri::command(async)]
pub fn remove_logo(state: State<'_, AppState>) -> CommandResult<()> {
    Ok(state.register()?.remove_logo(&state.actor()?)?)
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
