//! "บันทึกข้อมูลสำหรับแจ้งปัญหา": a zip to send to whoever helps — the program's version,
//! the computer's system, the register's health (schema version, integrity check, audit
//! chain, rows per table, the backups) and the log files. Never the register itself, and
//! nothing written in it: the log holds operation names and error codes only.

use std::io::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::register_io::SavedFile;
use crate::door::Door;
use crate::error::{ApiError, ApiResult};

/// Save the problem report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DiagnosticsRequest {
    /// Where to save; the default folder when empty.
    pub folder: Option<String>,
}

/// Saves the problem report. Works on the start screen too, when the register would not
/// open (that is when it is needed most); otherwise for anyone logged in.
pub fn save_diagnostics(door: &dyn Door, input: DiagnosticsRequest) -> ApiResult<SavedFile> {
    let register = door.register();
    if register.is_ok() {
        door.actor()?;
    }
    let health = match &register {
        Ok(register) => serde_json::to_value(register.health()?).unwrap_or_default(),
        Err(e) => serde_json::json!({ "opens": false, "code": e.code }),
    };
    let backups = match &register {
        Ok(register) => register.backup_status(&door.actor()?).ok().map(|s| {
            serde_json::json!({
                "copies": s.copies.len(),
                "lastGood": s.last_good.map(|c| c.made_at),
                "daysSinceGood": s.days_since_good,
                "lastRun": s.last_run,
                "secondFolderPresent": s.second_folder_present,
            })
        }),
        Err(_) => None,
    };
    let about = serde_json::json!({
        "program": "phatsadu",
        "version": env!("CARGO_PKG_VERSION"),
        "os": std::env::consts::OS,
        "arch": std::env::consts::ARCH,
        "register": health,
        "backups": backups,
        "startupError": door.startup_error().map(|e| e.code),
    });
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let zip_error = |e: zip::result::ZipError| {
        ApiError::new("internal", e.to_string(), serde_json::Value::Null)
    };
    zip.start_file("about.json", options).map_err(zip_error)?;
    zip.write_all(&serde_json::to_vec_pretty(&about).unwrap_or_default())
        .map_err(|e| ApiError::new("internal", e.to_string(), serde_json::Value::Null))?;
    if let Some(folder) = door.data_folder() {
        for (name, bytes) in log_files(&crate::logging::logs_dir(&folder)) {
            zip.start_file(format!("logs/{name}"), options)
                .map_err(zip_error)?;
            zip.write_all(&bytes)
                .map_err(|e| ApiError::new("internal", e.to_string(), serde_json::Value::Null))?;
        }
    }
    let bytes = zip.finish().map_err(zip_error)?.into_inner();
    let stamp = chrono::Utc::now()
        .with_timezone(&phatsadu_core::clock::thai_offset())
        .format("%Y%m%d-%H%M");
    door.save(
        input.folder,
        &format!("phatsadu-แจ้งปัญหา-{stamp}.zip"),
        &bytes,
        0,
    )
}

/// The log files in `dir`, oldest first.
fn log_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_log = name.starts_with("phatsadu") && name.ends_with(".log");
            is_log
                .then(|| std::fs::read(entry.path()).ok().map(|bytes| (name, bytes)))
                .flatten()
        })
        .collect();
    files.sort();
    files
}
