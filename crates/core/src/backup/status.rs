//! What the settings screen and the home screen say about backups, and the two settings
//! an administrator chooses: the second folder and after how many days to warn.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::automatic::{BackupRun, last_run};
use super::copies::{self, BackupCopy, BackupPlace, BackupReason};
use crate::audit::Event;
use crate::auth::Permission;
use crate::error::{Error, Result};
use crate::register::{Actor, Register};

const SECOND_FOLDER_KEY: &str = "backup.second_folder";
const WARN_AFTER_KEY: &str = "backup.warn_after_days";
/// Days without a good copy before the home screen warns, unless changed.
pub const DEFAULT_WARN_AFTER_DAYS: u32 = 3;

/// The administrator's choices about backups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupSettings {
    /// A second folder that also receives each copy (a USB disk, another drive), if any.
    pub second_folder: Option<String>,
    /// Days without a good copy after which the home screen warns (1–60).
    pub warn_after_days: u32,
}

/// Backups at a glance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupStatus {
    /// Whether this register makes copies at all (not one in memory).
    pub available: bool,
    /// The folder beside the register that holds them.
    pub folder: String,
    /// Every copy, newest first: those beside the register, then those in the second folder.
    pub copies: Vec<BackupCopy>,
    /// The newest copy beside the register (each passed the checks when it was written).
    pub last_good: Option<BackupCopy>,
    /// Whole days since then (0 = today).
    pub days_since_good: Option<i64>,
    /// Whether the home screen should warn: no good copy for more than the set days.
    pub overdue: bool,
    /// What the last run did, including a second folder that was missing.
    pub last_run: Option<BackupRun>,
    /// Whether the second folder is there now (`None` when none is chosen).
    pub second_folder_present: Option<bool>,
    /// The settings.
    pub settings: BackupSettings,
}

/// The backup settings in force.
pub(crate) fn backup_settings(conn: &Connection) -> Result<BackupSettings> {
    Ok(BackupSettings {
        second_folder: crate::settings::get(conn, SECOND_FOLDER_KEY)?.flatten(),
        warn_after_days: crate::settings::get(conn, WARN_AFTER_KEY)?
            .unwrap_or(DEFAULT_WARN_AFTER_DAYS),
    })
}

impl Register {
    /// Backups at a glance (any logged-in user: the home screen warns everyone who can
    /// do something about it, and the date of the last copy is no secret).
    pub fn backup_status(&self, actor: &Actor) -> Result<BackupStatus> {
        let settings = self.read(actor, None, |conn, _| backup_settings(conn))?;
        let today = self.clock().today();
        let Some(data_dir) = self.data_dir() else {
            return Ok(BackupStatus {
                available: false,
                folder: String::new(),
                copies: Vec::new(),
                last_good: None,
                days_since_good: None,
                overdue: false,
                last_run: None,
                second_folder_present: None,
                settings,
            });
        };
        let dir = data_dir.backups_dir();
        let mut all = copies::list(&dir, BackupPlace::Local)?;
        let last_good = all.first().cloned();
        let second = settings.second_folder.as_deref().map(PathBuf::from);
        if let Some(second) = second.as_deref().filter(|d| d.is_dir()) {
            all.extend(copies::list(second, BackupPlace::Second).unwrap_or_default());
        }
        let days_since_good = last_good
            .as_ref()
            .map(|c| (today - c.made_at.date()).num_days());
        Ok(BackupStatus {
            available: true,
            folder: dir.display().to_string(),
            copies: all,
            overdue: overdue(days_since_good, settings.warn_after_days),
            last_good,
            days_since_good,
            last_run: last_run(&dir),
            second_folder_present: second.as_deref().map(Path::is_dir),
            settings,
        })
    }

    /// Makes a copy now (the officer before a big change, the administrator before
    /// taking the PC away). Needs the right to keep the register or the program settings.
    pub fn back_up_now(&self, actor: &Actor) -> Result<BackupRun> {
        self.read(actor, None, |conn, info| {
            let allowed = match info.user_id {
                None => true,
                Some(id) => crate::auth::users::roles_of(conn, id)?.iter().any(|g| {
                    g.role.grants(Permission::ManageRegister)
                        || g.role.grants(Permission::ManageOrganisation)
                }),
            };
            if allowed {
                Ok(())
            } else {
                Err(Error::PermissionDenied {
                    permission: Permission::ManageOrganisation.as_str(),
                })
            }
        })?;
        self.back_up(BackupReason::Manual)?
            .ok_or_else(|| Error::invalid("register", "a register in memory has no backups"))
    }

    /// Changes the backup settings. A second folder must exist and take a file now (it
    /// may be missing later: a run then says so and carries on).
    pub fn update_backup_settings(
        &self,
        actor: &Actor,
        input: &BackupSettings,
    ) -> Result<BackupSettings> {
        if !(1..=60).contains(&input.warn_after_days) {
            return Err(Error::invalid("warnAfterDays", "between 1 and 60 days"));
        }
        let second_folder = input
            .second_folder
            .as_deref()
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .map(str::to_owned);
        if let Some(folder) = &second_folder {
            self.check_second_folder(Path::new(folder))?;
        }
        let settings = BackupSettings {
            second_folder,
            warn_after_days: input.warn_after_days,
        };
        self.change(actor, Some(Permission::ManageOrganisation), |change| {
            let before = backup_settings(change)?;
            crate::settings::put(change, SECOND_FOLDER_KEY, &settings.second_folder)?;
            crate::settings::put(change, WARN_AFTER_KEY, &settings.warn_after_days)?;
            change.record_edit(
                Event::new("settings.backup", "settings", "backup")
                    .before(&before)
                    .after(&settings),
            )?;
            Ok(settings.clone())
        })
    }

    fn check_second_folder(&self, folder: &Path) -> Result<()> {
        let field = || Error::invalid("secondFolder", "not an existing folder");
        if !folder.is_absolute() || !folder.is_dir() {
            return Err(field());
        }
        if let Some(data_dir) = self.data_dir() {
            let local = std::path::absolute(data_dir.backups_dir()).unwrap_or_default();
            if std::path::absolute(folder).unwrap_or_default() == local {
                return Err(Error::invalid(
                    "secondFolder",
                    "the copies are already kept there",
                ));
            }
        }
        let probe = folder.join(".phatsadu-write-test");
        std::fs::write(&probe, b"ok").map_err(|_| Error::FolderNotWritable {
            path: folder.to_path_buf(),
        })?;
        let _ = std::fs::remove_file(&probe);
        Ok(())
    }
}

/// No good copy, or none for more than `warn_after_days` days.
fn overdue(days_since_good: Option<i64>, warn_after_days: u32) -> bool {
    days_since_good.is_none_or(|d| d > i64::from(warn_after_days))
}
