//! The organisation's details and program settings.

use phatsadu_core::org::{LogoInfo, NewLogo, Organisation, OrganisationInput};
use phatsadu_core::settings::AppSettings;

use crate::door::Door;
use crate::error::ApiResult;

/// The organisation's details.
pub fn get_organisation(door: &dyn Door) -> ApiResult<Organisation> {
    Ok(door.register()?.organisation(&door.actor()?)?)
}

/// Changes the organisation's details.
pub fn update_organisation(door: &dyn Door, input: OrganisationInput) -> ApiResult<Organisation> {
    Ok(door
        .register()?
        .update_organisation(&door.actor()?, &input)?)
}

/// What logo is stored, if any.
pub fn get_logo(door: &dyn Door) -> ApiResult<Option<LogoInfo>> {
    Ok(door.register()?.logo_info(&door.actor()?)?)
}

/// The stored logo as a PNG data URL, for the settings page's preview.
pub fn logo_data_url(door: &dyn Door) -> ApiResult<Option<String>> {
    Ok(door.register()?.logo_data_url(&door.actor()?)?)
}

/// Stores (or replaces) the logo printed at the head of forms.
pub fn set_logo(door: &dyn Door, input: NewLogo) -> ApiResult<LogoInfo> {
    Ok(door.register()?.set_logo(&door.actor()?, &input)?)
}

/// Removes the logo.
pub fn remove_logo(door: &dyn Door) -> ApiResult<()> {
    Ok(door.register()?.remove_logo(&door.actor()?)?)
}

/// The program settings.
pub fn get_settings(door: &dyn Door) -> ApiResult<AppSettings> {
    Ok(door.register()?.settings(&door.actor()?)?)
}

/// Changes the program settings (the new idle time applies to the current session too).
pub fn update_settings(door: &dyn Door, input: AppSettings) -> ApiResult<AppSettings> {
    let saved = door.register()?.update_settings(&door.actor()?, &input)?;
    door.refresh()?;
    Ok(saved)
}
