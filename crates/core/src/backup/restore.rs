//! Putting a copy back: from the window (a copy in the list, while the app runs) or from
//! the command line (any file, while the app is closed). Both check the copy through and
//! through first — a Phatsadu register, not newer than this program, intact, its audit
//! chain verifying — keep a checked copy of the register they replace, and record the
//! restore in the restored register's audit log.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::MAIN_DB;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::FileReport;
use super::copies::{self, BackupCopy, BackupPlace, BackupReason};
use super::status::backup_settings;
use crate::audit::Event;
use crate::auth::Permission;
use crate::error::{Error, Result};
use crate::register::{Actor, ActorInfo, DataDir, Register, migrations};

/// What a restore from the window did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RestoreReport {
    /// The copy put back.
    pub restored: BackupCopy,
    /// The copy of the register as it was just before, kept in the backups folder.
    pub previous_copy: Option<BackupCopy>,
    /// The schema version the copy had (older ones are brought up to date).
    pub schema_version: i64,
}

impl Register {
    /// Replaces the register's content with the copy `file_name` from `place`, while the
    /// app runs. Only the administrator may (the right to change program settings): it
    /// undoes every change made since the copy.
    ///
    /// The copy is checked first and a checked copy of the register as it stands is
    /// kept; either failing changes nothing. SQLite's backup API then writes the copy into
    /// the open file in one step, so everyone sharing this register (the office network
    /// included) sees the restored register at their next read, and a crash midway leaves
    /// the old content (the write is journalled like any other).
    pub fn restore_backup(
        &self,
        actor: &Actor,
        place: BackupPlace,
        file_name: &str,
    ) -> Result<RestoreReport> {
        let (who, settings) =
            self.read(actor, Some(Permission::ManageOrganisation), |conn, info| {
                Ok((info.username.clone(), backup_settings(conn)?))
            })?;
        let data_dir = self
            .data_dir()
            .ok_or_else(|| Error::invalid("register", "a register in memory has no backups"))?;
        let dir = match place {
            BackupPlace::Local => data_dir.backups_dir(),
            BackupPlace::Second => settings
                .second_folder
                .map(PathBuf::from)
                .ok_or_else(|| Error::not_found("backup", file_name))?,
        };
        let restored = copies::find(&dir, place, file_name)?;
        let source = dir.join(&restored.file_name);
        let facts = copies::verify(&source)?;
        let previous_copy = self.safety_copy(BackupReason::Restore)?;
        {
            let mut conn = self.conn();
            conn.restore(MAIN_DB, &source, None::<fn(rusqlite::backup::Progress)>)
                .map_err(|e| copies::sqlite_write_error(e, self.path().unwrap_or(&source)))?;
            migrations::migrate(&mut conn)?;
        }
        // Searches were answered from the old content.
        *self.search_cache.write().unwrap_or_else(|p| p.into_inner()) = None;
        // Recorded under the name only: the restored register's accounts may differ from
        // the ones that asked, so its user number could name somebody else.
        self.change_as(ActorInfo::system(who), |change| {
            change.record(
                Event::new("register.restore", "register", 1).after(&serde_json::json!({
                    "source": restored.file_name,
                    "place": place,
                    "madeAt": restored.made_at,
                    "schemaVersion": facts.schema_version,
                    "previousCopy": previous_copy.as_ref().map(|c| c.file_name.clone()),
                })),
            )
        })?;
        Ok(RestoreReport {
            restored,
            previous_copy,
            schema_version: facts.schema_version,
        })
    }
}

/// Replaces the register in `data_dir` with the copy at `source` (the command line).
///
/// Refused with [`Error::FileInUse`] while the app runs. The source is checked (a
/// Phatsadu register, not newer than this program, intact, its audit chain verifying)
/// before anything changes. The current register is kept in `backups/` and the restore is
/// recorded in the restored register's audit log as done by `who`.
pub fn restore(data_dir: &DataDir, source: &Path, who: &str) -> Result<FileReport> {
    let _lock = data_dir.lock()?;
    copies::verify(source)?;
    let target = data_dir.register_file();
    let previous_copy = if target.exists() {
        Register::open(&target)?
            .safety_copy(BackupReason::Restore)?
            .map(|c| data_dir.backups_dir().join(c.file_name))
    } else {
        None
    };
    // Copy through SQLite so the new file is one clean database without a stale WAL.
    let incoming = target.with_extension("incoming");
    let _ = fs::remove_file(&incoming);
    rusqlite::Connection::open_with_flags(source, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?
        .backup(MAIN_DB, &incoming, None)
        .map_err(|e| {
            let _ = fs::remove_file(&incoming);
            copies::sqlite_write_error(e, &incoming)
        })?;
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
        bytes: super::file_size(&target)?,
        schema_version: facts.schema_version,
        previous_copy,
    })
}
