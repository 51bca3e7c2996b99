//! Copies made without anyone remembering: on the first start of each day (and the first
//! hour the app is running on a new day), and just before an import, a restore and a
//! schema upgrade.
//!
//! Each run writes a checked copy into `backups/` beside the register, thins the folder
//! out by the retention rule, and — when the administrator chose one — copies it into a
//! second folder (a USB disk, another drive). A second folder that is not there (the
//! disk is unplugged) is said in the run's outcome and does not stop anything. What the
//! last run did is kept in `backups/last-run.json`, for the settings screen to show.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::copies::{self, BackupCopy, BackupPlace, BackupReason};
use super::status::backup_settings;
use crate::error::Result;
use crate::register::{DataDir, Register};

/// Where the last run's outcome is kept, in the backups folder.
const LAST_RUN_FILE: &str = "last-run.json";

/// One run at a time: the daily timer and an import's safety copy may meet.
static RUNNING: Mutex<()> = Mutex::new(());

/// What became of the copy into the second folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "outcome")]
pub enum SecondCopy {
    /// No second folder is chosen.
    NotChosen,
    /// Copied and checked there.
    Copied {
        /// The folder.
        folder: String,
    },
    /// The folder is not there (a USB disk unplugged, a network drive away).
    FolderMissing {
        /// The folder.
        folder: String,
    },
    /// The folder is there but the copy failed.
    Failed {
        /// The folder.
        folder: String,
        /// The error's code (as the UI words errors).
        code: String,
    },
}

/// What one run did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupRun {
    /// When it ran.
    pub at: DateTime<Utc>,
    /// Why.
    pub reason: BackupReason,
    /// The checked copy, when it was made.
    pub copy: Option<BackupCopy>,
    /// Why there is none: the error's code (e.g. `disk_full`).
    pub problem: Option<String>,
    /// The second folder's part.
    pub second: SecondCopy,
    /// How many older copies the retention rule removed.
    pub removed: u32,
}

impl Register {
    /// The data folder this register's file lies in (`None` in memory).
    pub(crate) fn data_dir(&self) -> Option<DataDir> {
        let parent = self.path()?.parent()?;
        Some(DataDir::at(if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        }))
    }

    /// Makes a checked copy now, for `reason`, and returns what happened. In memory there
    /// is nothing to copy and the answer is `Ok(None)`. An error means no copy was made
    /// (the run is still recorded for the settings screen).
    pub(crate) fn back_up(&self, reason: BackupReason) -> Result<Option<BackupRun>> {
        let Some(data_dir) = self.data_dir() else {
            return Ok(None);
        };
        let _one_at_a_time = RUNNING.lock().unwrap_or_else(|p| p.into_inner());
        let dir = data_dir.backups_dir();
        let now = self.clock().now();
        let made_at = self.clock().now_local();
        let settings = backup_settings(&self.reader())?;
        let name = copies::free_name(&dir, made_at, reason);
        let written = {
            let source = self.reader();
            copies::write(&source, &dir, &name)
        };
        let path = match written {
            Ok(path) => path,
            Err(e) => {
                let run = BackupRun {
                    at: now,
                    reason,
                    copy: None,
                    problem: Some(e.code().to_owned()),
                    second: SecondCopy::NotChosen,
                    removed: 0,
                };
                record_run(&dir, &run);
                return Err(e);
            }
        };
        // Thinning out never fails the run: the copy is made and checked.
        let removed = copies::thin_out(&dir, BackupPlace::Local, made_at).unwrap_or(0);
        let second = copy_to_second(&path, settings.second_folder.as_deref(), made_at);
        let copy = copies::find(&dir, BackupPlace::Local, &name)?;
        let run = BackupRun {
            at: now,
            reason,
            copy: Some(copy),
            problem: None,
            second,
            removed,
        };
        record_run(&dir, &run);
        Ok(Some(run))
    }

    /// The daily copy, when today has none yet (any copy made today counts: the one
    /// before this morning's import is as good). Returns the run when one was made.
    pub fn back_up_if_due(&self) -> Result<Option<BackupRun>> {
        let Some(data_dir) = self.data_dir() else {
            return Ok(None);
        };
        // Nothing worth keeping before the setup wizard has run.
        if self.needs_setup()? {
            return Ok(None);
        }
        let today = self.clock().today();
        let made_today = copies::list(&data_dir.backups_dir(), BackupPlace::Local)?
            .iter()
            .any(|c| c.made_at.date() == today && c.reason != BackupReason::Upgrade);
        if made_today {
            return Ok(None);
        }
        self.back_up(BackupReason::Daily)
    }

    /// The copy that must exist before something that replaces or adds much (an import,
    /// a restore): if it cannot be made, the operation is refused with its error.
    pub(crate) fn safety_copy(&self, reason: BackupReason) -> Result<Option<BackupCopy>> {
        Ok(self.back_up(reason)?.and_then(|run| run.copy))
    }
}

/// Keeps the daily copy coming while the app runs: now, then every hour (an office PC
/// left on over a weekend still gets one each day). The thread ends with the register.
pub fn keep_backing_up(register: Weak<Register>) -> std::thread::JoinHandle<()> {
    const EVERY: Duration = Duration::from_secs(3600);
    std::thread::Builder::new()
        .name("daily-backup".into())
        .spawn(move || {
            loop {
                let Some(register) = register.upgrade() else {
                    return;
                };
                if let Err(e) = register.back_up_if_due() {
                    tracing::warn!(code = e.code(), "the daily backup failed");
                }
                drop(register);
                std::thread::sleep(EVERY);
            }
        })
        .unwrap_or_else(|_| std::thread::spawn(|| {}))
}

/// Shares a register with the daily-backup thread.
pub fn start_daily_backups(register: &Arc<Register>) {
    keep_backing_up(Arc::downgrade(register));
}

/// Copies the checked copy at `path` into the second folder, if one is chosen.
fn copy_to_second(path: &Path, folder: Option<&str>, made_at: chrono::NaiveDateTime) -> SecondCopy {
    let Some(folder) = folder.filter(|f| !f.trim().is_empty()) else {
        return SecondCopy::NotChosen;
    };
    let dir = PathBuf::from(folder);
    // Never create it: a missing mount point would silently fill the local disk instead.
    if !dir.is_dir() {
        return SecondCopy::FolderMissing {
            folder: folder.to_owned(),
        };
    }
    match copies::copy_to(path, &dir) {
        Ok(_) => {
            let _ = copies::thin_out(&dir, BackupPlace::Second, made_at);
            SecondCopy::Copied {
                folder: folder.to_owned(),
            }
        }
        Err(e) => SecondCopy::Failed {
            folder: folder.to_owned(),
            code: e.code().to_owned(),
        },
    }
}

/// Keeps the run's outcome beside the copies. Best effort: when even this cannot be
/// written (the disk is full), the screen still finds the last good copy in the folder.
fn record_run(dir: &Path, run: &BackupRun) {
    let write = || -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let temp = dir.join(format!("{LAST_RUN_FILE}.partial"));
        std::fs::write(&temp, serde_json::to_vec_pretty(run).unwrap_or_default())?;
        std::fs::rename(&temp, dir.join(LAST_RUN_FILE))
    };
    if let Err(e) = write() {
        tracing::warn!(error = %e, "cannot record the backup run");
    }
}

/// The last run's outcome, if one was recorded.
pub(crate) fn last_run(dir: &Path) -> Option<BackupRun> {
    let text = std::fs::read(dir.join(LAST_RUN_FILE)).ok()?;
    serde_json::from_slice(&text).ok()
}
