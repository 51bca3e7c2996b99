//! The copies on disk: how they are named, listed, written, checked and thinned out.
//!
//! A copy is named after when it was made (office time) and why:
//! `phatsadu-20261206-083015-daily.sqlite`. The name, not the file's modified time,
//! is what the retention rule reads, because copying a folder to a USB disk or back
//! resets modified times. Copies kept before a schema upgrade keep their older name,
//! `phatsadu-schema-v7.sqlite`, and are never thinned out: there is one per program
//! update, and they are how an office goes back after an update it regrets.
//!
//! A copy is written as `<name>.partial`, checked (SQLite's integrity check and the
//! audit chain) and only then renamed to its name, so a copy under its own name has
//! always passed the check, and a power cut mid-copy leaves only a `.partial` that the
//! next run clears away.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::{Connection, MAIN_DB, OpenFlags};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::retention::Retention;
use crate::error::{Error, Result};
use crate::register::{Register, RegisterFacts};

const PREFIX: &str = "phatsadu-";
const SUFFIX: &str = ".sqlite";
const PARTIAL: &str = ".partial";
const STAMP: &str = "%Y%m%d-%H%M%S";

/// Why a copy was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupReason {
    /// The first start of the day (or the first hour the app runs on a new day).
    Daily,
    /// Someone pressed "back up now".
    Manual,
    /// Just before an import.
    Import,
    /// Just before a restore replaced the register.
    Restore,
    /// Just before a newer program upgraded the file's schema.
    Upgrade,
}

impl BackupReason {
    /// The word in the file name.
    pub fn as_str(self) -> &'static str {
        match self {
            BackupReason::Daily => "daily",
            BackupReason::Manual => "manual",
            BackupReason::Import => "import",
            BackupReason::Restore => "restore",
            BackupReason::Upgrade => "upgrade",
        }
    }

    fn from_word(word: &str) -> Option<Self> {
        [
            BackupReason::Daily,
            BackupReason::Manual,
            BackupReason::Import,
            BackupReason::Restore,
            BackupReason::Upgrade,
        ]
        .into_iter()
        .find(|r| r.as_str() == word)
    }
}

/// Where a copy lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupPlace {
    /// `backups/` beside the register.
    Local,
    /// The second folder the administrator chose (a USB disk, another drive).
    Second,
}

/// One copy of the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupCopy {
    /// Its file name (in its folder).
    pub file_name: String,
    /// Where it lies.
    pub place: BackupPlace,
    /// When it was made, office time.
    pub made_at: NaiveDateTime,
    /// Why.
    pub reason: BackupReason,
    /// Its size in bytes.
    pub bytes: u64,
}

/// The name of a copy made at `made_at` for `reason`.
pub(crate) fn name_for(made_at: NaiveDateTime, reason: BackupReason) -> String {
    format!(
        "{PREFIX}{}-{}{SUFFIX}",
        made_at.format(STAMP),
        reason.as_str()
    )
}

/// A free name in `dir` for the copy made before upgrading schema `version`:
/// `phatsadu-schema-v7.sqlite`, or `…-v7-2.sqlite` should a file of that version be
/// upgraded again (a restored old copy, an upgrade cut short by a power cut).
pub(crate) fn upgrade_name(dir: &Path, version: i64) -> String {
    (1..)
        .map(|n| match n {
            1 => format!("{PREFIX}schema-v{version}{SUFFIX}"),
            n => format!("{PREFIX}schema-v{version}-{n}{SUFFIX}"),
        })
        .find(|name| !dir.join(name).exists())
        .unwrap_or_default()
}

/// A free name in `dir` for a copy made at `made_at`: the plain one, or with `-2`, `-3`…
/// when two copies are made in the same second.
pub(crate) fn free_name(dir: &Path, made_at: NaiveDateTime, reason: BackupReason) -> String {
    let plain = name_for(made_at, reason);
    let stem = plain.trim_end_matches(SUFFIX).to_owned();
    (1..)
        .map(|n| {
            if n == 1 {
                plain.clone()
            } else {
                format!("{stem}-{n}{SUFFIX}")
            }
        })
        .find(|name| !dir.join(name).exists())
        .unwrap_or(plain)
}

/// When and why the copy called `name` was made, read from its name. A copy from before
/// an upgrade takes its time from the file (its name has none).
fn parse(name: &str, path: &Path) -> Option<(NaiveDateTime, BackupReason)> {
    let inner = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    if inner.starts_with("schema-v") {
        let modified = fs::metadata(path).ok()?.modified().ok()?;
        let at = DateTime::<Utc>::from(modified)
            .with_timezone(&crate::clock::thai_offset())
            .naive_local();
        return Some((at, BackupReason::Upgrade));
    }
    let (stamp, rest) = inner.split_at_checked(15)?;
    let made_at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
    let word = rest.strip_prefix('-')?;
    // "daily-2": the second copy of that second.
    let word = word.split('-').next()?;
    Some((made_at, BackupReason::from_word(word)?))
}

/// The copies in `dir`, newest first; none when the folder does not exist.
pub(crate) fn list(dir: &Path, place: BackupPlace) -> Result<Vec<BackupCopy>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    let mut copies = Vec::new();
    for entry in entries.flatten() {
        let Ok(file_name) = entry.file_name().into_string() else {
            continue;
        };
        let path = entry.path();
        let Some((made_at, reason)) = parse(&file_name, &path) else {
            continue;
        };
        let bytes = entry.metadata().map(|m| m.len()).unwrap_or(0);
        copies.push(BackupCopy {
            file_name,
            place,
            made_at,
            reason,
            bytes,
        });
    }
    copies.sort_by(|a, b| {
        b.made_at
            .cmp(&a.made_at)
            .then_with(|| b.file_name.cmp(&a.file_name))
    });
    Ok(copies)
}

/// The copy called `name` in `dir`, if it is one (a name from the list, never a path).
pub(crate) fn find(dir: &Path, place: BackupPlace, name: &str) -> Result<BackupCopy> {
    list(dir, place)?
        .into_iter()
        .find(|c| c.file_name == name)
        .ok_or_else(|| Error::not_found("backup", name))
}

/// Checks a copy through and through: a Phatsadu register no newer than this program,
/// SQLite's full integrity check, and an audit chain that verifies entry by entry.
pub fn verify(path: &Path) -> Result<RegisterFacts> {
    check(path, |_| Ok(false))
}

/// Checks a copy just made of a register as [`verify`] does, except that an audit chain
/// broken in the copy exactly as it is in the original (`original` checks that one, and is
/// only asked when the copy's chain is broken) is a faithful copy, not a damaged one: a
/// register whose log someone edited is still backed up and still upgraded, the break and
/// all, and the check in the window goes on naming it.
fn verify_copy_of(
    path: &Path,
    original: impl FnOnce() -> Result<crate::audit::AuditVerification>,
) -> Result<()> {
    check(path, |copy| Ok(original()? == *copy)).map(|_| ())
}

/// Identity, schema version and SQLite's integrity check, then the audit chain: intact, or
/// broken in a way `faithful` accepts.
fn check(
    path: &Path,
    faithful: impl FnOnce(&crate::audit::AuditVerification) -> Result<bool>,
) -> Result<RegisterFacts> {
    let facts = Register::inspect(path)?;
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let audit = crate::audit::verify_chain(&conn)?;
    drop(conn);
    if audit.ok {
        return Ok(facts);
    }
    if faithful(&audit)? {
        tracing::warn!(
            seq = audit.first_broken_seq,
            "copied a register whose audit log is broken"
        );
        return Ok(facts);
    }
    Err(Error::BackupDamaged {
        path: path.to_path_buf(),
        problem: format!("audit log: {:?}", audit.problem),
    })
}

/// Writes a copy of the database open on `source` as `dir/name`, checked before it takes
/// its name. On any failure nothing is left under `name`.
pub(crate) fn write(source: &Connection, dir: &Path, name: &str) -> Result<PathBuf> {
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let dest = dir.join(name);
    let partial = dir.join(format!("{name}{PARTIAL}"));
    let _ = fs::remove_file(&partial);
    let written = source
        .backup(MAIN_DB, &partial, None)
        .and_then(|()| self_contained(&partial))
        .map_err(|e| sqlite_write_error(e, &partial))
        .and_then(|()| verify_copy_of(&partial, || crate::audit::verify_chain(source)));
    finish(written, &partial, &dest)
}

/// Turns the copy out of WAL mode (the register's own): a copy is one file that can be
/// carried to a USB disk, and checking it read-only then leaves no `-wal`/`-shm` beside it.
fn self_contained(path: &Path) -> rusqlite::Result<()> {
    let conn = Connection::open(path)?;
    let _mode: String = conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    conn.close().map_err(|(_, e)| e)
}

/// Copies the checked copy `from` into `dir` under the same name, checked again there.
pub(crate) fn copy_to(from: &Path, dir: &Path) -> Result<PathBuf> {
    let name = from
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dest = dir.join(&name);
    let partial = dir.join(format!("{name}{PARTIAL}"));
    let copied = fs::copy(from, &partial)
        .map_err(|e| Error::io(&partial, e))
        .and_then(|_| sync_file(&partial))
        .and_then(|()| {
            verify_copy_of(&partial, || {
                let original = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
                crate::audit::verify_chain(&original)
            })
        });
    finish(copied, &partial, &dest)
}

/// Gives a checked `partial` its name, or removes it.
fn finish(checked: Result<()>, partial: &Path, dest: &Path) -> Result<PathBuf> {
    if let Err(e) = checked {
        let _ = fs::remove_file(partial);
        return Err(e);
    }
    fs::rename(partial, dest).map_err(|e| {
        let _ = fs::remove_file(partial);
        Error::io(dest, e)
    })?;
    // The rename is only durable once the folder's entry is on the disk.
    if let Some(parent) = dest.parent() {
        let _ = fs::File::open(parent).and_then(|d| d.sync_all());
    }
    Ok(dest.to_path_buf())
}

fn sync_file(path: &Path) -> Result<()> {
    fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(path, e))
}

/// SQLite's complaint while writing a copy, said as what it means for the person.
pub(crate) fn sqlite_write_error(e: rusqlite::Error, path: &Path) -> Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DiskFull) => Error::DiskFull {
            path: path.to_path_buf(),
        },
        Some(rusqlite::ErrorCode::SystemIoFailure) => Error::DiskWriteFailed {
            path: path.to_path_buf(),
        },
        Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly) => {
            Error::FolderNotWritable {
                path: path.parent().unwrap_or(path).to_path_buf(),
            }
        }
        _ => Error::Database(e),
    }
}

/// Removes the copies in `dir` the retention rule does not keep on `today` (copies
/// before an upgrade are always kept) and any `.partial` left by an interrupted copy.
/// Returns how many copies were removed.
pub(crate) fn thin_out(dir: &Path, place: BackupPlace, now: NaiveDateTime) -> Result<u32> {
    if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(PREFIX) && name.ends_with(PARTIAL) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
    let copies: Vec<BackupCopy> = list(dir, place)?
        .into_iter()
        .filter(|c| c.reason != BackupReason::Upgrade)
        .collect();
    let made: Vec<NaiveDateTime> = copies.iter().map(|c| c.made_at).collect();
    let keep = Retention::default().keep(&made, now.date());
    let mut removed = 0;
    for (i, copy) in copies.iter().enumerate() {
        if !keep.contains(&i) {
            let path = dir.join(&copy.file_name);
            fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
            removed += 1;
        }
    }
    Ok(removed)
}
