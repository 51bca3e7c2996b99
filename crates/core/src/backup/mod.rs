//! Backing up and restoring the register file.
//!
//! Every copy goes through SQLite's online backup, which copies a consistent snapshot
//! even while the app is writing, and is checked before it counts (`copies`). Copies are
//! made on their own (`automatic`: daily, and before an import, a restore or an upgrade),
//! thinned out by a retention rule (`retention`), and listed for the window (`status`),
//! where one can be put back (`restore`). The command line's `backup` writes a copy where
//! it is told and `restore` replaces the file while the app is closed.

mod automatic;
pub mod copies;
mod restore;
pub mod retention;
mod status;
#[cfg(test)]
mod tests;

use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use automatic::{BackupRun, SecondCopy, keep_backing_up, start_daily_backups};
pub use copies::{BackupCopy, BackupPlace, BackupReason, verify};
pub use restore::{RestoreReport, restore};
pub use status::{BackupSettings, BackupStatus, DEFAULT_WARN_AFTER_DAYS};

use crate::error::{Error, Result};
use crate::register::Register;

/// What a backup or restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileReport {
    /// The file written.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// Its schema version.
    pub schema_version: i64,
    /// For a restore: where the replaced register was kept.
    pub previous_copy: Option<PathBuf>,
}

impl Register {
    /// Writes a checked copy of the register to `dest` (which must not exist).
    pub fn backup_to(&self, dest: &Path) -> Result<FileReport> {
        if dest.exists() {
            return Err(Error::invalid(
                "dest",
                format!("{} already exists", dest.display()),
            ));
        }
        let (dir, name) = match (dest.parent(), dest.file_name()) {
            (Some(dir), Some(name)) => (
                if dir.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    dir
                },
                name.to_string_lossy().into_owned(),
            ),
            _ => return Err(Error::invalid("dest", "not a file name")),
        };
        if !dir.is_dir() {
            return Err(Error::FolderNotWritable {
                path: dir.to_path_buf(),
            });
        }
        let written = copies::write(&self.reader(), dir, &name)?;
        let facts = Register::inspect(&written)?;
        Ok(FileReport {
            bytes: file_size(&written)?,
            path: written,
            schema_version: facts.schema_version,
            previous_copy: None,
        })
    }
}

fn file_size(path: &Path) -> Result<u64> {
    Ok(fs::metadata(path).map_err(|e| Error::io(path, e))?.len())
}
