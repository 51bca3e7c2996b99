//! Backups in the window: what has been kept, a copy now, the second folder, and putting
//! a copy back. The copies are of the register where it lives (the host's, for a PC
//! working on the office network).

use phatsadu_core::backup::{BackupPlace, BackupRun, BackupSettings, BackupStatus, RestoreReport};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::door::Door;
use crate::error::ApiResult;

/// Backups at a glance.
pub fn backup_status(door: &dyn Door) -> ApiResult<BackupStatus> {
    Ok(door.register()?.backup_status(&door.actor()?)?)
}

/// Makes a checked copy now.
pub fn back_up_now(door: &dyn Door) -> ApiResult<BackupRun> {
    Ok(door.register()?.back_up_now(&door.actor()?)?)
}

/// Changes the second folder and the warning's days.
pub fn update_backup_settings(door: &dyn Door, input: BackupSettings) -> ApiResult<BackupSettings> {
    Ok(door
        .register()?
        .update_backup_settings(&door.actor()?, &input)?)
}

/// Which copy to put back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RestoreRequest {
    /// Where it lies.
    pub place: BackupPlace,
    /// Its file name, as listed.
    pub file_name: String,
}

/// Puts a copy back. The caller's session ends with it: the restored register's accounts
/// are those of the copy, so everyone logs in again.
pub fn restore_backup(door: &dyn Door, input: RestoreRequest) -> ApiResult<RestoreReport> {
    let report = door
        .register()?
        .restore_backup(&door.actor()?, input.place, &input.file_name)?;
    // The restored register may not know this session's account; end it quietly.
    let _ = door.end();
    Ok(report)
}
