//! The staff directory.

use phatsadu_core::org::{Person, PersonInput, PersonUpdate, StaffQuery};

use crate::door::Door;
use crate::error::ApiResult;

/// People matching a search.
pub fn list_staff(door: &dyn Door, input: StaffQuery) -> ApiResult<Vec<Person>> {
    Ok(door.register()?.list_staff(&door.actor()?, &input)?)
}

/// Adds a person.
pub fn create_person(door: &dyn Door, input: PersonInput) -> ApiResult<Person> {
    Ok(door.register()?.create_person(&door.actor()?, &input)?)
}

/// Changes a person's details.
pub fn update_person(door: &dyn Door, input: PersonUpdate) -> ApiResult<Person> {
    Ok(door.register()?.update_person(&door.actor()?, &input)?)
}
