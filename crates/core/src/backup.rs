//! Backing up and restoring the register file.
//!
//! A backup uses SQLite's online backup, which copies a consistent snapshot even while
//! the app is writing. A restore replaces the file, so it refuses while the app holds the
//! data directory's lock, checks the source first, and keeps a copy of the file it
//! replaces.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::MAIN_DB;
use serde::Serialize;

use crate::audit::Event;
use crate::error::{Error, Result};
use crate::register::{ActorInfo, DataDir, Register};

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
    /// Writes a consistent copy of the register to `dest` (which must not exist).
    pub fn backup_to(&self, dest: &Path) -> Result<FileReport> {
        if dest.exists() {
            return Err(Error::invalid(
                "dest",
                format!("{} already exists", dest.display()),
            ));
        }
        let partial = dest.with_extension("partial");
        self.conn().backup(MAIN_DB, &partial, None).map_err(|e| {
            let _ = fs::remove_file(&partial);
            match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::CannotOpen) => Error::DataDirNotWritable {
                    path: dest.parent().unwrap_or(dest).to_path_buf(),
                },
                _ => Error::Database(e),
            }
        })?;
        let facts = Register::inspect(&partial)?;
        fs::rename(&partial, dest).map_err(|e| Error::io(dest, e))?;
        Ok(FileReport {
            path: dest.to_path_buf(),
            bytes: file_size(dest)?,
            schema_version: facts.schema_version,
            previous_copy: None,
        })
    }
}

/// Replaces the register in `data_dir` with the backup at `source`.
///
/// Refused with [`Error::FileInUse`] while the app runs. The source is checked (a
/// Phatsadu register, not newer than this program, intact) before anything changes. The
/// current register is kept in `backups/` and the restore is recorded in the restored
/// register's audit log as done by `who`.
pub fn restore(data_dir: &DataDir, source: &Path, who: &str) -> Result<FileReport> {
    let _lock = data_dir.lock()?;
    Register::inspect(source)?;
    let target = data_dir.register_file();
    let previous_copy = if target.exists() {
        let backups = data_dir.backups_dir();
        fs::create_dir_all(&backups).map_err(|e| Error::io(&backups, e))?;
        let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
        let copy = backups.join(format!("phatsadu-before-restore-{stamp}.sqlite"));
        Register::open(&target)?.backup_to(&copy)?;
        Some(copy)
    } else {
        None
    };
    // Copy through SQLite so the new file is one clean database without a stale WAL.
    let incoming = target.with_extension("incoming");
    let _ = fs::remove_file(&incoming);
    rusqlite::Connection::open_with_flags(source, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?
        .backup(MAIN_DB, &incoming, None)?;
    for leftover in ["sqlite-wal", "sqlite-shm"] {
        let _ = fs::remove_file(target.with_extension(leftover));
    }
    fs::rename(&incoming, &target).map_err(|e| Error::io(&target, e))?;
    let register = Register::open(&target)?;
    register.change_as(ActorInfo::system(who), |change| {
        change.record(
            Event::new("register.restore", "register", 1).after(&serde_json::json!({
                "source": source.display().to_string(),
                "previousCopy": previous_copy.as_ref().map(|p| p.display().to_string()),
            })),
        )
    })?;
    let facts = Register::inspect(&target)?;
    Ok(FileReport {
        path: target.clone(),
        bytes: file_size(&target)?,
        schema_version: facts.schema_version,
        previous_copy,
    })
}

fn file_size(path: &Path) -> Result<u64> {
    Ok(fs::metadata(path).map_err(|e| Error::io(path, e))?.len())
}
