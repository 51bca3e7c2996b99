//! The audit log.

use phatsadu_core::audit::{AuditPage, AuditQuery, AuditVerification};

use crate::door::Door;
use crate::error::ApiResult;

/// A filtered page of the audit log.
pub fn list_audit(door: &dyn Door, input: AuditQuery) -> ApiResult<AuditPage> {
    Ok(door.register()?.list_audit(&door.actor()?, &input)?)
}

/// Checks the audit log's hash chain.
pub fn verify_audit(door: &dyn Door) -> ApiResult<AuditVerification> {
    Ok(door.register()?.verify_audit(&door.actor()?)?)
}
