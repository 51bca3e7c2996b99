//! What the programs write down about themselves, for whoever helps when something goes
//! wrong: a log file a day in the data folder's `logs/` (the last 14 kept), and each
//! operation's name, time and outcome.
//!
//! Never a password, a person's name or anything an operation was given or answered: an
//! entry holds the operation's name, how long it took, and, when refused, the error's code
//! and the name of the field at fault. A failure inside the program (`internal`) keeps
//! SQLite's or the program's own words, which name tables and columns, not people.

use std::path::Path;
use std::time::Instant;

use tracing_appender::rolling::{RollingFileAppender, Rotation};

use crate::door::Door;
use crate::error::ApiResult;

/// The log folder inside a data folder.
pub fn logs_dir(data_folder: &Path) -> std::path::PathBuf {
    data_folder.join("logs")
}

/// Days of log files kept.
const KEPT_DAYS: usize = 14;

/// Starts writing this program's log into `data_folder/logs/phatsadu.YYYY-MM-DD.log`.
/// Once per process; a folder that cannot be written only means no log (said on stderr).
pub fn start(data_folder: &Path, program: &str) {
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix("phatsadu")
        .filename_suffix("log")
        .max_log_files(KEPT_DAYS)
        .build(logs_dir(data_folder));
    let appender = match appender {
        Ok(appender) => appender,
        Err(e) => {
            eprintln!("phatsadu: no log file ({e})");
            return;
        }
    };
    let installed = tracing_subscriber::fmt()
        .with_writer(appender)
        .with_ansi(false)
        .with_target(false)
        .with_max_level(tracing::Level::INFO)
        .try_init();
    if installed.is_ok() {
        tracing::info!(
            program,
            version = env!("CARGO_PKG_VERSION"),
            os = std::env::consts::OS,
            arch = std::env::consts::ARCH,
            schema = phatsadu_core::register::migrations::latest_version(),
            "started"
        );
        // A panic's place in the code, not its message (which may quote data).
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let place = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()))
                .unwrap_or_default();
            tracing::error!(place, "panic");
            previous(info);
        }));
    }
}

/// Runs the named operation (see [`crate::dispatch`]) and logs that it ran: its name, how
/// long it took, and when refused the error's code and field.
pub fn run(door: &dyn Door, name: &str, input: serde_json::Value) -> ApiResult<serde_json::Value> {
    let started = Instant::now();
    let answer = crate::dispatch(door, name, input);
    let ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    let operation = crate::operation(name).map_or("unknown", |op| op.name);
    match &answer {
        Ok(_) => tracing::info!(operation, ms, "done"),
        Err(e) if e.code == "internal" => {
            tracing::error!(operation, ms, code = %e.code, message = %e.message, "failed");
        }
        Err(e) => {
            let field = e
                .details
                .get("field")
                .and_then(|f| f.as_str())
                .unwrap_or("");
            tracing::info!(operation, ms, code = %e.code, field, "refused");
        }
    }
    answer
}
