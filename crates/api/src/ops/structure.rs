//! Divisions and locations.

use phatsadu_core::org::{
    Division, DivisionInput, DivisionUpdate, Location, LocationInput, LocationQuery, LocationUpdate,
};

use crate::door::Door;
use crate::error::ApiResult;

/// All divisions.
pub fn list_divisions(door: &dyn Door) -> ApiResult<Vec<Division>> {
    Ok(door.register()?.list_divisions(&door.actor()?)?)
}

/// Adds a division.
pub fn create_division(door: &dyn Door, input: DivisionInput) -> ApiResult<Division> {
    Ok(door.register()?.create_division(&door.actor()?, &input)?)
}

/// Renames or switches a division on or off.
pub fn update_division(door: &dyn Door, input: DivisionUpdate) -> ApiResult<Division> {
    Ok(door.register()?.update_division(&door.actor()?, &input)?)
}

/// Locations, optionally of one division.
pub fn list_locations(door: &dyn Door, input: LocationQuery) -> ApiResult<Vec<Location>> {
    Ok(door.register()?.list_locations(&door.actor()?, &input)?)
}

/// Adds a location.
pub fn create_location(door: &dyn Door, input: LocationInput) -> ApiResult<Location> {
    Ok(door.register()?.create_location(&door.actor()?, &input)?)
}

/// Renames, moves or switches a location on or off.
pub fn update_location(door: &dyn Door, input: LocationUpdate) -> ApiResult<Location> {
    Ok(door.register()?.update_location(&door.actor()?, &input)?)
}
