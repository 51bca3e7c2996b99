//! Start screen, setup, login and logout.

use chrono::NaiveDate;
use phatsadu_core::auth::{ChangePasswordInput, LoginInput, SessionInfo};
use phatsadu_core::setup::SetupInput;
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use crate::error::{ApiError, CommandResult};
use crate::state::AppState;

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
#[tauri::command(async)]
pub fn app_status(state: State<'_, AppState>) -> CommandResult<AppStatus> {
    let data_file = state.data_dir().register_file().display().to_string();
    let version = env!("CARGO_PKG_VERSION").to_owned();
    let Ok(register) = state.register() else {
        return Ok(AppStatus {
            needs_setup: false,
            organisation_name: None,
            data_file,
            version,
            today: phatsadu_core::Clock::today(&phatsadu_core::SystemClock),
            session: None,
            startup_error: state.startup_error().cloned(),
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
        session: state.current()?,
        startup_error: None,
        lockout_attempts: lockout().0,
        lockout_minutes: lockout().1,
    })
}

/// First-run setup; logs the new administrator in.
#[tauri::command(async)]
pub fn complete_setup(state: State<'_, AppState>, input: SetupInput) -> CommandResult<SessionInfo> {
    let session = state.register()?.complete_setup(&input)?;
    state.begin(session)
}

/// Logs in with a user name and password.
#[tauri::command(async)]
pub fn login(state: State<'_, AppState>, input: LoginInput) -> CommandResult<SessionInfo> {
    let session = state.register()?.login(&input)?;
    state.begin(session)
}

/// Ends the session.
#[tauri::command(async)]
pub fn logout(state: State<'_, AppState>) -> CommandResult<()> {
    state.end()
}

/// The logged-in user, if any.
#[tauri::command(async)]
pub fn current_session(state: State<'_, AppState>) -> CommandResult<Option<SessionInfo>> {
    state.current()
}

/// Changes the logged-in user's own password.
#[tauri::command(async)]
pub fn change_password(
    state: State<'_, AppState>,
    input: ChangePasswordInput,
) -> CommandResult<()> {
    state.register()?.change_password(&state.actor()?, &input)?;
    state.refresh()
}
