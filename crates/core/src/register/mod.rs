//! The register file: one SQLite database holding everything.
//!
//! [`Register`] is the handle every operation goes through. Opening it checks that the
//! file really is a Phatsadu register, configures SQLite for safety (WAL, foreign keys,
//! full sync, a busy timeout so the command line can back up while the app runs) and
//! brings the schema up to date. Writes go through [`Register::change`], which wraps
//! the permission check, the change and its audit entry in one transaction.

mod change;
mod files;
mod health;
pub mod migrations;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, MAIN_DB, OpenFlags};

pub(crate) use change::ActorInfo;
pub use change::{Actor, Change};
pub use files::{DATA_DIR_ENV, DataDir, RegisterLock};
pub use health::Health;

use crate::clock::{Clock, SystemClock};
use crate::error::{Error, Result};

/// Marks a SQLite file as a Phatsadu register (`PRAGMA application_id`, "PHSD").
pub const APPLICATION_ID: i32 = 0x5048_5344;

/// How long a write waits for another process (e.g. a backup) before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// How many connections answer reads beside the one that writes (a file register only).
/// WAL lets them read while a write is being made durable, so a division head's search
/// does not wait for a committee member's scan to reach the disk; a few are enough for
/// an office's network on a small PC, and each costs its own page cache.
const READERS: usize = 3;

/// Page cache of each reading connection (negative = KiB): 16 MB. Searches are answered
/// from the in-memory copy, so readers mostly fetch a page of rows by id.
const READER_CACHE_KIB: i64 = -8_192;

/// An open register.
pub struct Register {
    /// The one connection that writes (and, in memory, also reads).
    conn: Mutex<Connection>,
    /// Connections that only read (empty in memory, where there is one connection).
    readers: Vec<Mutex<Connection>>,
    /// Which reader to try first, turn by turn.
    next_reader: AtomicUsize,
    /// The register's searchable text in memory (see `assets::search_cache`): shared by
    /// searches, taken alone to bring it up to date (`Register::read_searching`).
    pub(crate) search_cache: RwLock<Option<crate::assets::search_cache::SearchCache>>,
    clock: Arc<dyn Clock>,
    path: Option<PathBuf>,
}

impl std::fmt::Debug for Register {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Register")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Register {
    /// Today's date in Thailand by the register's clock (reads that are dated, e.g. what
    /// is overdue).
    pub(crate) fn today(&self) -> chrono::NaiveDate {
        self.clock.today()
    }

    /// Opens the register at `path`, creating it (and its folder) if it does not exist.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        Self::open_with_clock(path, Arc::new(SystemClock))
    }

    /// Opens the register at `path` with the given clock.
    pub fn open_with_clock(path: impl AsRef<Path>, clock: Arc<dyn Clock>) -> Result<Self> {
        let path = path.as_ref();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            DataDir::at(dir).ensure_writable()?;
        }
        check_sqlite_header(path)?;
        let conn = Connection::open(path).map_err(|e| file_error(e, path))?;
        if conn.is_readonly(MAIN_DB).map_err(|e| file_error(e, path))? {
            return Err(Error::FileReadOnly {
                path: path.to_path_buf(),
            });
        }
        let conn = prepare(conn, Some(path)).map_err(|e| file_error_of(e, path))?;
        let readers = (0..READERS)
            .map(|_| open_reader(path).map(Mutex::new))
            .collect::<Result<Vec<_>>>()
            .map_err(|e| file_error_of(e, path))?;
        Ok(Self {
            conn: Mutex::new(conn),
            readers,
            next_reader: AtomicUsize::new(0),
            search_cache: RwLock::new(None),
            clock,
            path: Some(path.to_path_buf()),
        })
    }

    /// Opens the register in the data directory, creating it if needed.
    pub fn open_in(data_dir: &DataDir) -> Result<Self> {
        Self::open(data_dir.register_file())
    }

    /// A fresh register in memory, for tests, with the system clock.
    pub fn open_in_memory() -> Result<Self> {
        Self::open_in_memory_with_clock(Arc::new(SystemClock))
    }

    /// A fresh register in memory with the given clock (tests use a fixed clock).
    pub fn open_in_memory_with_clock(clock: Arc<dyn Clock>) -> Result<Self> {
        let conn = Connection::open_in_memory()?;
        let conn = prepare(conn, None)?;
        Ok(Self {
            conn: Mutex::new(conn),
            readers: Vec::new(),
            next_reader: AtomicUsize::new(0),
            search_cache: RwLock::new(None),
            clock,
            path: None,
        })
    }

    /// A copy of the register in memory as it stands at this instant, on the same clock.
    ///
    /// SQLite's online backup copies the file in one step from one read transaction, so the
    /// copy is a consistent snapshot however much the office writes meanwhile. Reports that
    /// must agree with each other across many documents (the ITA evidence pack) read from
    /// it, and nothing they do can reach the register itself.
    pub fn snapshot(&self) -> Result<Register> {
        let mut copy = Connection::open_in_memory()?;
        {
            let source = self.reader();
            let backup = rusqlite::backup::Backup::new(&source, &mut copy)?;
            // All pages in one step (-1): one read transaction, one point in time. A
            // writer holding the file a moment is waited for, as a write would be.
            let mut waited = Duration::ZERO;
            loop {
                match backup.step(-1)? {
                    rusqlite::backup::StepResult::Done => break,
                    _ if waited >= BUSY_TIMEOUT => {
                        return Err(Error::Internal("the register stayed busy".into()));
                    }
                    _ => {
                        std::thread::sleep(Duration::from_millis(20));
                        waited += Duration::from_millis(20);
                    }
                }
            }
        }
        let conn = prepare(copy, None)?;
        Ok(Self {
            conn: Mutex::new(conn),
            readers: Vec::new(),
            next_reader: AtomicUsize::new(0),
            search_cache: RwLock::new(None),
            clock: Arc::clone(&self.clock),
            path: None,
        })
    }

    /// Opens an existing register read-only, without changing it (used to check a
    /// backup before restoring it). Refuses files that are not registers or too new.
    pub fn inspect(path: impl AsRef<Path>) -> Result<RegisterFacts> {
        let path = path.as_ref();
        if !path.is_file() {
            return Err(Error::io(path, std::io::ErrorKind::NotFound.into()));
        }
        check_sqlite_header(path)?;
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| file_error(e, path))?;
        let facts = (|| {
            check_identity(&conn, path, false)?;
            let schema_version = migrations::file_version(&conn)?;
            if schema_version > migrations::latest_version() {
                return Err(Error::SchemaTooNew {
                    file_version: schema_version,
                    program_version: migrations::latest_version(),
                });
            }
            let integrity: String =
                conn.query_row("PRAGMA integrity_check(1)", [], |row| row.get(0))?;
            if integrity != "ok" {
                return Err(Error::FileCorrupt {
                    path: path.to_path_buf(),
                });
            }
            Ok(RegisterFacts { schema_version })
        })();
        facts.map_err(|e| file_error_of(e, path))
    }

    /// The clock this register reads the time from.
    pub fn clock(&self) -> &dyn Clock {
        self.clock.as_ref()
    }

    /// The file this register lives in (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Exclusive use of the connection. A poisoned lock only means another thread
    /// panicked mid-read; SQLite rolled back any open transaction, so carry on.
    pub(crate) fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A connection for a read: an idle reader if there is one, else the next in turn
    /// (waiting for it); in memory, the one connection. What is read through it must not
    /// write: a reader is opened read-only and SQLite refuses.
    pub(crate) fn reader(&self) -> MutexGuard<'_, Connection> {
        if self.readers.is_empty() {
            return self.conn();
        }
        let first = self.next_reader.fetch_add(1, Ordering::Relaxed);
        for step in 0..self.readers.len() {
            let reader = &self.readers[(first + step) % self.readers.len()];
            match reader.try_lock() {
                Ok(guard) => return guard,
                Err(std::sync::TryLockError::Poisoned(poisoned)) => return poisoned.into_inner(),
                Err(std::sync::TryLockError::WouldBlock) => {}
            }
        }
        self.readers[first % self.readers.len()]
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs a large write (an import of 100,000 rows) without copying the write-ahead log
    /// into the database file as its commit returns: that copy then happens on another
    /// thread, through a connection of its own, while the user reads the summary.
    ///
    /// The change is durable when `work` returns: with `synchronous = FULL` the log is
    /// on disk at commit, and SQLite replays it on the next open if the copy never ran.
    pub(crate) fn with_checkpoint_afterwards<T>(
        &self,
        work: impl FnOnce() -> Result<T>,
    ) -> Result<T> {
        /// SQLite's own default, restored afterwards.
        const AUTOCHECKPOINT_PAGES: i64 = 1000;
        self.conn().pragma_update(None, "wal_autocheckpoint", 0)?;
        let out = work();
        // Not `?`: the work is committed (or rolled back) by now, and saying that an import
        // failed because a setting could not be put back would be untrue. Should it fail,
        // the log is still copied in when the register closes.
        let _ = self
            .conn()
            .pragma_update(None, "wal_autocheckpoint", AUTOCHECKPOINT_PAGES);
        if out.is_ok()
            && let Some(path) = self.path.clone()
        {
            std::thread::spawn(move || {
                // PASSIVE: copies what it can without waiting for, or blocking, anyone.
                // Should it fail, the next commit's automatic checkpoint does the work.
                if let Ok(conn) = Connection::open(&path) {
                    let _ = conn.busy_timeout(BUSY_TIMEOUT);
                    let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
                }
            });
        }
        out
    }

    /// Raw access for tests that must bypass the rules (e.g. to tamper with the audit log).
    #[doc(hidden)]
    pub fn raw_connection_for_tests(&self) -> MutexGuard<'_, Connection> {
        self.conn()
    }
}

/// What [`Register::inspect`] learns about a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterFacts {
    /// The schema version stored in the file.
    pub schema_version: i64,
}

/// Configures a fresh connection, checks what it is and brings the schema up to date.
fn prepare(mut conn: Connection, path: Option<&Path>) -> Result<Connection> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Identify the file before changing anything in it (switching to WAL writes its header).
    let fresh = check_identity(&conn, path.unwrap_or(Path::new(":memory:")), true)?;
    // A file from a newer program is refused before anything is written to it (even the
    // switch to WAL below rewrites its header).
    let version = migrations::file_version(&conn)?;
    if version > migrations::latest_version() {
        return Err(Error::SchemaTooNew {
            file_version: version,
            program_version: migrations::latest_version(),
        });
    }
    // WAL lets the command line read (back up) while the app writes; in memory it stays
    // "memory", which is fine.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
    // FULL: a committed change survives a power cut, not only an app crash.
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // 64 MB of page cache (negative = KiB): a 100,000-item register with its search index
    // is ~80 MB, and searching it from SQLite's default 2 MB cache is mostly disk reads.
    conn.pragma_update(None, "cache_size", -65_536)?;
    // Statement journals in memory: each statement of a large import otherwise writes its
    // rollback copy of every page it touches to a temporary file.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    crate::audit::packing::register_sql_function(&conn)?;
    if !fresh && let Some(path) = path {
        copy_before_upgrade(&conn, path)?;
    }
    migrations::migrate(&mut conn)?;
    if !fresh && version < migrations::latest_version() {
        migrations::reclaim_space(&conn);
    }
    Ok(conn)
}

/// A read-only connection to a register that [`prepare`] has already checked and brought
/// up to date. Temporary tables (a search's hits) still work on it.
fn open_reader(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(None, "cache_size", READER_CACHE_KIB)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    crate::audit::packing::register_sql_function(&conn)?;
    Ok(conn)
}

/// Refuses databases that belong to another program. Returns whether the file is new
/// (no tables yet); a new file is stamped with our application id when `claim` is set.
fn check_identity(conn: &Connection, path: &Path, claim: bool) -> Result<bool> {
    let app_id: i32 = conn.pragma_query_value(None, "application_id", |row| row.get(0))?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))?;
    match app_id {
        APPLICATION_ID => Ok(false),
        0 if tables == 0 => {
            if claim {
                conn.pragma_update(None, "application_id", APPLICATION_ID)?;
            }
            Ok(true)
        }
        _ => Err(Error::NotARegister {
            path: path.to_path_buf(),
        }),
    }
}

/// Before a migration changes an existing file, keep a checked copy of it in `backups/`
/// (kept for good: one per program update). No copy, no upgrade.
fn copy_before_upgrade(conn: &Connection, path: &Path) -> Result<()> {
    let version = migrations::file_version(conn)?;
    if version >= migrations::latest_version() {
        return Ok(());
    }
    let Some(dir) = path.parent() else {
        return Ok(());
    };
    let backups = DataDir::at(dir).backups_dir();
    let name = crate::backup::copies::upgrade_name(&backups, version);
    crate::backup::copies::write(conn, &backups, &name)?;
    Ok(())
}

/// Refuses an existing non-empty file that is not a SQLite database at all, before
/// SQLite gets to touch it.
fn check_sqlite_header(path: &Path) -> Result<()> {
    const HEADER: &[u8; 16] = b"SQLite format 3\0";
    let Ok(mut file) = fs::File::open(path) else {
        return Ok(()); // missing: it will be created
    };
    let mut head = [0u8; 16];
    let read = file.read(&mut head).map_err(|e| Error::io(path, e))?;
    if read == 0 || &head == HEADER {
        return Ok(());
    }
    Err(Error::NotARegister {
        path: path.to_path_buf(),
    })
}

/// Translates SQLite's complaints about a file into errors that name the file.
fn file_error(err: rusqlite::Error, path: &Path) -> Error {
    match err.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => Error::FileCorrupt {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::ReadOnly) => Error::FileReadOnly {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => Error::DataDirNotWritable {
            path: path.parent().unwrap_or(path).to_path_buf(),
        },
        _ => Error::Database(err),
    }
}

fn file_error_of(err: Error, path: &Path) -> Error {
    match err {
        Error::Database(e) => file_error(e, path),
        other => other,
    }
}

#[cfg(test)]
mod tests;
