//! After the check (ข้อ ๒๑๔–๒๑๘): fact-finding cases, disposals from proposal to the notice
//! to สตง., their documents, and the annual check's public notice.

use chrono::NaiveDate;
use phatsadu_core::disposal::{
    Disposal, DisposalDecision, DisposalInput, DisposalQuery, DisposalResult, DisposalRow,
    FactFinding, FactFindingCommittee, FactFindingConclusion, FactFindingInput, FactFindingWaiver,
    NoticeSent,
};
use phatsadu_core::ids::{DisposalId, FactFindingId};
use phatsadu_forms::disposal::DisposalDocument;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::register_io::SavedFile;
use crate::door::Door;
use crate::error::ApiResult;

/// Disposals, newest first.
pub fn list_disposals(door: &dyn Door, input: DisposalQuery) -> ApiResult<Vec<DisposalRow>> {
    Ok(door.register()?.list_disposals(&door.actor()?, &input)?)
}

/// One disposal with the steps the user may take.
pub fn disposal(door: &dyn Door, input: DisposalId) -> ApiResult<Disposal> {
    Ok(door.register()?.disposal(&door.actor()?, input)?)
}

/// Proposes a disposal.
pub fn propose_disposal(door: &dyn Door, input: DisposalInput) -> ApiResult<Disposal> {
    Ok(door.register()?.propose_disposal(&door.actor()?, &input)?)
}

/// The agency head approves or refuses.
pub fn decide_disposal(door: &dyn Door, input: DisposalDecision) -> ApiResult<Disposal> {
    Ok(door.register()?.decide_disposal(&door.actor()?, &input)?)
}

/// Records what became of one item.
pub fn record_disposal_result(door: &dyn Door, input: DisposalResult) -> ApiResult<Disposal> {
    Ok(door
        .register()?
        .record_disposal_result(&door.actor()?, &input)?)
}

/// Writing a disposal off the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DisposalWriteOff {
    /// The disposal.
    pub disposal_id: DisposalId,
    /// The day of the write-off.
    pub on_date: NaiveDate,
}

/// Writes a carried-out disposal off the register.
pub fn write_off_disposal(door: &dyn Door, input: DisposalWriteOff) -> ApiResult<Disposal> {
    Ok(door
        .register()?
        .write_off_disposal(&door.actor()?, input.disposal_id, input.on_date)?)
}

/// Records the letter to สตง.
pub fn record_disposal_notice(door: &dyn Door, input: NoticeSent) -> ApiResult<Disposal> {
    Ok(door
        .register()?
        .record_disposal_notice(&door.actor()?, &input)?)
}

/// Print one of a disposal's documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DisposalPrintRequest {
    /// The disposal.
    pub disposal_id: DisposalId,
    /// Which document.
    pub document: DisposalDocument,
    /// Where to save; the default folder when empty.
    pub folder: Option<String>,
}

/// Prints the request to dispose, the result report or the notice to สตง.
pub fn print_disposal_document(
    door: &dyn Door,
    input: DisposalPrintRequest,
) -> ApiResult<SavedFile> {
    let printout = phatsadu_forms::disposal::disposal_document(
        door.register()?,
        &door.actor()?,
        input.disposal_id,
        input.document,
    )?;
    door.save(input.folder, &printout.file_name, &printout.bytes, 0)
}

/// Prints an annual round's public notice (ประกาศ).
pub fn print_public_notice(
    door: &dyn Door,
    input: crate::ops::checks::RoundPrintRequest,
) -> ApiResult<SavedFile> {
    let printout = phatsadu_forms::disposal::public_notice_pdf(
        door.register()?,
        &door.actor()?,
        input.round_id,
    )?;
    door.save(input.folder, &printout.file_name, &printout.bytes, 0)
}

/// Fact-finding cases, newest first (only the open ones when `true`).
pub fn list_fact_findings(door: &dyn Door, input: bool) -> ApiResult<Vec<FactFinding>> {
    Ok(door.register()?.list_fact_findings(&door.actor()?, input)?)
}

/// One case.
pub fn fact_finding(door: &dyn Door, input: FactFindingId) -> ApiResult<FactFinding> {
    Ok(door.register()?.fact_finding(&door.actor()?, input)?)
}

/// Opens a case.
pub fn open_fact_finding(door: &dyn Door, input: FactFindingInput) -> ApiResult<FactFinding> {
    Ok(door.register()?.open_fact_finding(&door.actor()?, &input)?)
}

/// Records a case's committee.
pub fn appoint_fact_finding_committee(
    door: &dyn Door,
    input: FactFindingCommittee,
) -> ApiResult<FactFinding> {
    Ok(door
        .register()?
        .appoint_fact_finding_committee(&door.actor()?, &input)?)
}

/// The agency head waives the committee.
pub fn waive_fact_finding(door: &dyn Door, input: FactFindingWaiver) -> ApiResult<FactFinding> {
    Ok(door
        .register()?
        .waive_fact_finding(&door.actor()?, &input)?)
}

/// Records the committee's finding.
pub fn conclude_fact_finding(
    door: &dyn Door,
    input: FactFindingConclusion,
) -> ApiResult<FactFinding> {
    Ok(door
        .register()?
        .conclude_fact_finding(&door.actor()?, &input)?)
}
