//! Start screen, setup, login and logout.

use chrono::NaiveDate;
use phatsadu_core::auth::{ChangePasswordInput, LoginInput, SessionInfo};
use phatsadu_core::setup::SetupInput;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::door::Door;
use crate::error::{ApiError, ApiResult};

/// What the UI needs before anything else: which screen to show.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    /// No account exists yet: show the setup wizard.
    pub needs_setup: bool,
    /// The organisation's name, once set up.
    pub organisation_name: Option<String>,
    /// The register file in use.
    pub data_file: String,
    /// The program's version.
    pub version: String,
    /// Today in Thailand (from the program's clock).
    pub today: NaiveDate,
    /// The current session, if someone is logged in.
    pub session: Option<SessionInfo>,
    /// Why the register could not be opened (then nothing else works).
    pub startup_error: Option<ApiError>,
    /// Wrong passwords in a row that lock an account (the login page says so).
    pub lockout_attempts: u32,
    /// For how many minutes a locked account waits.
    pub lockout_minutes: u32,
}

/// The core's lockout rule, as the login page states it.
fn lockout() -> (u32, u32) {
    use phatsadu_core::auth::{LOCKOUT, MAX_FAILED_LOGINS};
    (
        u32::try_from(MAX_FAILED_LOGINS).unwrap_or(u32::MAX),
        u32::try_from(LOCKOUT.num_minutes()).unwrap_or(u32::MAX),
    )
}

/// Which screen to show; works before login and even when the register failed to open.
pub fn app_status(door: &dyn Door) -> ApiResult<AppStatus> {
    let data_file = door.register_place();
    let version = env!("CARGO_PKG_VERSION").to_owned();
    let Ok(register) = door.register() else {
        return Ok(AppStatus {
            needs_setup: false,
            organisation_name: None,
            data_file,
            version,
            today: phatsadu_core::Clock::today(&phatsadu_core::SystemClock),
            session: None,
            startup_error: door.startup_error(),
            lockout_attempts: lockout().0,
            lockout_minutes: lockout().1,
        });
    };
    let status = register.status()?;
    Ok(AppStatus {
        needs_setup: status.needs_setup,
        organisation_name: status.organisation_name,
        data_file,
        version,
        today: register.clock().today(),
        session: door.current()?,
        startup_error: None,
        lockout_attempts: lockout().0,
        lockout_minutes: lockout().1,
    })
}

/// First-run setup; logs the new administrator in.
pub fn complete_setup(door: &dyn Door, input: SetupInput) -> ApiResult<SessionInfo> {
    let session = door.register()?.complete_setup(&input)?;
    door.begin(session)
}

/// Logs in with a user name and password.
pub fn login(door: &dyn Door, input: LoginInput) -> ApiResult<SessionInfo> {
    let session = door.register()?.login(&input)?;
    door.begin(session)
}

/// Ends the session.
pub fn logout(door: &dyn Door) -> ApiResult<()> {
    door.end()
}

/// The logged-in user, if any.
pub fn current_session(door: &dyn Door) -> ApiResult<Option<SessionInfo>> {
    door.current()
}

/// Changes the logged-in user's own password.
pub fn change_password(door: &dyn Door, input: ChangePasswordInput) -> ApiResult<()> {
    door.register()?.change_password(&door.actor()?, &input)?;
    door.refresh()
}
