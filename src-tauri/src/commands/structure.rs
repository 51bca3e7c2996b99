//! Divisions and locations.

use phatsadu_core::org::{
    Division, DivisionInput, DivisionUpdate, Location, LocationInput, LocationQuery, LocationUpdate,
};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

/// All divisions.
#[tauri::command(async)]
pub fn list_divisions(state: State<'_, AppState>) -> CommandResult<Vec<Division>> {
    Ok(state.register()?.list_divisions(&state.actor()?)?)
}

/// Adds a division.
#[tauri::command(async)]
pub fn create_division(
    state: State<'_, AppState>,
    input: DivisionInput,
) -> CommandResult<Division> {
    Ok(state.register()?.create_division(&state.actor()?, &input)?)
}

/// Renames or switches a division on or off.
#[tauri::command(async)]
pub fn update_division(
    state: State<'_, AppState>,
    input: DivisionUpdate,
) -> CommandResult<Division> {
    Ok(state.register()?.update_division(&state.actor()?, &input)?)
}

/// Locations, optionally of one division.
#[tauri::command(async)]
pub fn list_locations(
    state: State<'_, AppState>,
    input: LocationQuery,
) -> CommandResult<Vec<Location>> {
    Ok(state.register()?.list_locations(&state.actor()?, &input)?)
}

/// Adds a location.
#[tauri::command(async)]
pub fn create_location(
    state: State<'_, AppState>,
    input: LocationInput,
) -> CommandResult<Location> {
    Ok(state.register()?.create_location(&state.actor()?, &input)?)
}

/// Renames, moves or switches a location on or off.
#[tauri::command(async)]
pub fn update_location(
    state: State<'_, AppState>,
    input: LocationUpdate,
) -> CommandResult<Location> {
    Ok(state.register()?.update_location(&state.actor()?, &input)?)
}
