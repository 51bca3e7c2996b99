//! Requisitions of materials (ใบเบิกพัสดุ): asking, the head's signature, the head of
//! supplies' approval with cuts, issuing all or part, closing the rest, cancelling, and
//! reading them.

use phatsadu_core::ids::MaterialRequisitionId;
use phatsadu_core::materials::requisitions::{
    Requisition, RequisitionApproval, RequisitionCancel, RequisitionClose, RequisitionInput,
    RequisitionIssue, RequisitionQuery, RequisitionRow, RequisitionSignature, RequisitionView,
};

use crate::door::Door;
use crate::error::ApiResult;

/// Asks for materials.
pub fn create_requisition(door: &dyn Door, input: RequisitionInput) -> ApiResult<Requisition> {
    Ok(door
        .register()?
        .create_requisition(&door.actor()?, &input)?)
}

/// The division head signs (or refuses).
pub fn endorse_requisition(door: &dyn Door, input: RequisitionSignature) -> ApiResult<Requisition> {
    Ok(door
        .register()?
        .endorse_requisition(&door.actor()?, &input)?)
}

/// The head of supplies approves, with cuts (or refuses).
pub fn approve_requisition(door: &dyn Door, input: RequisitionApproval) -> ApiResult<Requisition> {
    Ok(door
        .register()?
        .approve_requisition(&door.actor()?, &input)?)
}

/// Issues all or part of what is approved.
pub fn issue_requisition(door: &dyn Door, input: RequisitionIssue) -> ApiResult<Requisition> {
    Ok(door.register()?.issue_requisition(&door.actor()?, &input)?)
}

/// Closes what is left, with a reason.
pub fn close_requisition(door: &dyn Door, input: RequisitionClose) -> ApiResult<Requisition> {
    Ok(door.register()?.close_requisition(&door.actor()?, &input)?)
}

/// Withdraws one nothing was issued on.
pub fn cancel_requisition(door: &dyn Door, input: RequisitionCancel) -> ApiResult<Requisition> {
    Ok(door
        .register()?
        .cancel_requisition(&door.actor()?, &input)?)
}

/// One requisition with the steps open to the user.
pub fn requisition(door: &dyn Door, input: MaterialRequisitionId) -> ApiResult<RequisitionView> {
    Ok(door.register()?.requisition(&door.actor()?, input)?)
}

/// Requisitions, newest first.
pub fn list_requisitions(
    door: &dyn Door,
    input: RequisitionQuery,
) -> ApiResult<Vec<RequisitionRow>> {
    Ok(door.register()?.list_requisitions(&door.actor()?, &input)?)
}

/// Print a requisition's slip.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct RequisitionPrintRequest {
    /// The requisition.
    pub requisition_id: MaterialRequisitionId,
    /// Where to save; the default folder when empty.
    pub folder: Option<String>,
}

/// Prints a requisition's slip (ใบเบิกพัสดุ) with its signature blocks.
pub fn print_requisition_slip(
    door: &dyn Door,
    input: RequisitionPrintRequest,
) -> ApiResult<crate::ops::register_io::SavedFile> {
    let printout = phatsadu_forms::materials::requisition_slip(
        door.register()?,
        &door.actor()?,
        input.requisition_id,
    )?;
    door.save(input.folder, &printout.file_name, &printout.bytes, 0)
}
