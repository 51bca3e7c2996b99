//! The manual on using and borrowing government property, its acknowledgements, and the
//! ITA evidence pack of a fiscal year (made while the window shows how far it has come).

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use chrono::NaiveDate;
use phatsadu_core::manual::{Acknowledgements, ManualVersion, ManualView, PaperAcknowledgements};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::register_io::SavedFile;
use crate::door::Door;
use crate::error::ApiResult;

/// The manual in force (or its draft) and the user's acknowledgement.
pub fn manual(door: &dyn Door) -> ApiResult<ManualView> {
    Ok(door.register()?.manual(&door.actor()?)?)
}

/// Issues the manual as its next version.
pub fn issue_manual(door: &dyn Door) -> ApiResult<ManualVersion> {
    Ok(door.register()?.issue_manual(&door.actor()?)?)
}

/// The user acknowledges the manual in force ("รับทราบ").
pub fn acknowledge_manual(door: &dyn Door) -> ApiResult<NaiveDate> {
    Ok(door.register()?.acknowledge_manual(&door.actor()?)?)
}

/// Records a signed paper list; returns how many were recorded.
pub fn record_paper_acknowledgements(
    door: &dyn Door,
    input: PaperAcknowledgements,
) -> ApiResult<u32> {
    Ok(door
        .register()?
        .record_paper_acknowledgements(&door.actor()?, &input)?)
}

/// Who has and has not acknowledged the manual in force.
pub fn manual_acknowledgements(door: &dyn Door) -> ApiResult<Acknowledgements> {
    Ok(door.register()?.manual_acknowledgements(&door.actor()?)?)
}

/// Print the manual.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ManualPrintRequest {
    /// The draft as the rules make it now, rather than the version in force.
    pub draft: bool,
    /// Where to save; the default folder when empty.
    pub folder: Option<String>,
}

/// Prints the manual with its flowchart.
pub fn print_manual(door: &dyn Door, input: ManualPrintRequest) -> ApiResult<SavedFile> {
    let printout =
        phatsadu_forms::manual::manual_pdf(door.register()?, &door.actor()?, input.draft)?;
    door.save(input.folder, &printout.file_name, &printout.bytes, 0)
}

/// Print the acknowledgement sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AcknowledgementSheetRequest {
    /// Only those who have not acknowledged yet.
    pub pending_only: bool,
    /// Where to save; the default folder when empty.
    pub folder: Option<String>,
}

/// Prints the acknowledgement sheet to sign.
pub fn print_acknowledgement_sheet(
    door: &dyn Door,
    input: AcknowledgementSheetRequest,
) -> ApiResult<SavedFile> {
    let printout = phatsadu_forms::manual::acknowledgement_sheet_pdf(
        door.register()?,
        &door.actor()?,
        input.pending_only,
    )?;
    door.save(input.folder, &printout.file_name, &printout.bytes, 0)
}

/// Make the ITA evidence pack of a fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ItaPackRequest {
    /// The fiscal year (B.E.).
    pub fiscal_year: i32,
    /// A name the window picked for this run, to ask how far it has come.
    pub job: String,
    /// Where to save; the default folder when empty.
    pub folder: Option<String>,
}

/// One file of a pack made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PackFileInfo {
    /// Its name.
    pub name: String,
    /// What it is.
    pub title: String,
    /// Its size.
    pub bytes: u32,
    /// Its SHA-256.
    pub sha256: String,
}

/// A pack made.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ItaPack {
    /// Where it was saved (the folder; the zip beside it), or what to download.
    pub saved: SavedFile,
    /// Its files, the cover first.
    pub files: Vec<PackFileInfo>,
    /// The audit chain's head hash it cites.
    pub audit_head: String,
}

/// How far a pack being made has come.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PackProgress {
    /// Steps done.
    pub done: u32,
    /// Steps in all.
    pub total: u32,
    /// What is being made.
    pub label: String,
}

/// The packs being made now, by the name the window gave the run.
static PROGRESS: LazyLock<Mutex<HashMap<String, PackProgress>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

fn set_progress(job: &str, progress: Option<PackProgress>) {
    let mut all = PROGRESS.lock().unwrap_or_else(|p| p.into_inner());
    match progress {
        Some(p) => {
            all.insert(job.to_owned(), p);
        }
        None => {
            all.remove(job);
        }
    }
}

/// Makes the pack and saves it (a folder and its zip on this PC; the zip to download
/// over the network).
pub fn make_ita_pack(door: &dyn Door, input: ItaPackRequest) -> ApiResult<ItaPack> {
    let register = door.register()?;
    let actor = door.actor()?;
    let job = input.job.chars().take(64).collect::<String>();
    let built = phatsadu_forms::ita_pack::build(register, &actor, input.fiscal_year, &mut |p| {
        set_progress(
            &job,
            Some(PackProgress {
                done: u32::try_from(p.done).unwrap_or(0),
                total: u32::try_from(p.total).unwrap_or(0),
                label: p.label,
            }),
        );
    });
    set_progress(&job, None);
    let pack = built?;
    let saved = door.save_pack(input.folder, &pack)?;
    Ok(ItaPack {
        saved,
        files: pack
            .files
            .iter()
            .map(|f| PackFileInfo {
                name: f.name.clone(),
                title: f.title.clone(),
                bytes: u32::try_from(f.bytes.len()).unwrap_or(u32::MAX),
                sha256: f.sha256(),
            })
            .collect(),
        audit_head: pack.audit_head,
    })
}

/// How far the pack named `input` has come (none once it is done or before it starts).
pub fn ita_pack_progress(_door: &dyn Door, input: String) -> ApiResult<Option<PackProgress>> {
    let all = PROGRESS.lock().unwrap_or_else(|p| p.into_inner());
    Ok(all.get(&input).cloned())
}
