//! The staff directory.

use phatsadu_core::org::{Person, PersonInput, PersonUpdate, StaffQuery};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

/// People matching a search.
#[tauri::command(async)]
pub fn list_staff(state: State<'_, AppState>, input: StaffQuery) -> CommandResult<Vec<Person>> {
    Ok(state.register()?.list_staff(&state.actor()?, &input)?)
}

/// Adds a person.
#[tauri::command(async)]
pub fn create_person(state: State<'_, AppState>, input: PersonInput) -> CommandResult<Person> {
    Ok(state.register()?.create_person(&state.actor()?, &input)?)
}

/// Changes a person's details.
#[tauri::command(async)]
pub fn update_person(state: State<'_, AppState>, input: PersonUpdate) -> CommandResult<Person> {
    Ok(state.register()?.update_person(&state.actor()?, &input)?)
}
