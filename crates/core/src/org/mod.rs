//! The organisation itself: its details, divisions, locations and staff directory.

pub mod divisions;
pub mod locations;
pub mod logo;
pub mod organisation;
pub mod staff;

pub use divisions::{Division, DivisionInput, DivisionUpdate};
pub use locations::{Location, LocationInput, LocationQuery, LocationUpdate};
pub use logo::{LogoImage, LogoInfo, NewLogo};
pub use organisation::{Organisation, OrganisationInput};
pub use staff::{Person, PersonInput, PersonUpdate, StaffQuery};

#[cfg(test)]
mod tests;
