//! Asking for materials, and withdrawing the request before anything is issued.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::store::{self, refused};
use super::{Requisition, RequisitionStatus};
use crate::audit::Event;
use crate::auth::Permission;
use crate::error::{Error, Result};
use crate::ids::{DivisionId, MaterialId, MaterialRequisitionId, PersonId};
use crate::materials::quantity::Quantity;
use crate::register::{Actor, Change, Register};
use crate::text;

/// One item asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RequisitionLineInput {
    /// The item.
    pub material_id: MaterialId,
    /// How much.
    pub quantity: Quantity,
    /// A note (หมายเหตุ).
    pub note: String,
}

/// A requisition to ask for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RequisitionInput {
    /// Who asks. None: the acting user's own person (staff ask for themselves; the
    /// supplies officer names anyone).
    pub requester_id: Option<PersonId>,
    /// The division asking. None: the requester's own.
    pub division_id: Option<DivisionId>,
    /// What it is for.
    pub purpose: String,
    /// The items.
    pub lines: Vec<RequisitionLineInput>,
}

/// Withdrawing a requisition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RequisitionCancel {
    /// Which.
    pub requisition_id: MaterialRequisitionId,
    /// Why.
    pub reason: String,
}

/// Whether the acting user keeps the materials (may act for anyone).
pub(super) fn is_officer(change: &Change<'_>) -> Result<bool> {
    let Some(user) = change.actor.user_id else {
        return Ok(true); // the command line acts for whoever holds the file
    };
    Ok(crate::auth::users::roles_of(change, user)?
        .iter()
        .any(|g| g.role.grants(Permission::ManageMaterials)))
}

fn requester_and_division(
    change: &Change<'_>,
    input: &RequisitionInput,
    officer: bool,
) -> Result<(PersonId, DivisionId)> {
    let own = match change.actor.user_id {
        Some(user) => crate::loans::store::person_of_user(change, user)?,
        None => None,
    };
    let requester = match (input.requester_id, own) {
        (Some(named), own) if own != Some(named) && !officer => {
            return Err(Error::invalid(
                "requesterId",
                "only supplies staff ask on someone else's behalf",
            ));
        }
        (Some(named), _) => named,
        (None, Some(own)) => own,
        (None, None) => return Err(Error::required("requesterId")),
    };
    let person_division: Option<Option<DivisionId>> = change
        .query_row(
            "SELECT division_id FROM people WHERE id = ?1 AND active = 1",
            [requester],
            |r| r.get(0),
        )
        .optional()?;
    let Some(person_division) = person_division else {
        return Err(Error::invalid(
            "requesterId",
            "no such person in the staff directory",
        ));
    };
    let division = match input.division_id.or(person_division) {
        Some(d) => d,
        None => return Err(Error::required("divisionId")),
    };
    if !officer && Some(division) != person_division {
        return Err(Error::invalid(
            "divisionId",
            "staff ask for their own division",
        ));
    }
    let active: Option<bool> = change
        .query_row(
            "SELECT active FROM divisions WHERE id = ?1",
            [division],
            |r| r.get(0),
        )
        .optional()?;
    if active != Some(true) {
        return Err(Error::invalid("divisionId", "no such division"));
    }
    Ok((requester, division))
}

/// Checks a line: the item exists and is in use, the quantity fits its unit and what its
/// card holds now. Returns the checked quantity.
pub(super) fn check_against_balance(
    change: &Change<'_>,
    material: MaterialId,
    quantity: Quantity,
    field_prefix: &str,
) -> Result<Quantity> {
    let row: Option<(String, String, bool, bool, Quantity)> = change
        .query_row(
            "SELECT code, unit, divisible, active, balance FROM materials WHERE id = ?1",
            [material],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let Some((code, unit, divisible, active, balance)) = row else {
        return Err(Error::invalid(
            format!("{field_prefix}.materialId"),
            "no such material",
        ));
    };
    if !active {
        return Err(Error::invalid(
            format!("{field_prefix}.materialId"),
            "the item is no longer in use",
        ));
    }
    let quantity = quantity.check(&format!("{field_prefix}.quantity"), divisible)?;
    if quantity > balance {
        return Err(Error::NotEnoughStock {
            material_code: code,
            available: balance.to_string(),
            unit,
        });
    }
    Ok(quantity)
}

impl Register {
    /// Asks for materials: the requisition waits for the division head's signature.
    pub fn create_requisition(
        &self,
        actor: &Actor,
        input: &RequisitionInput,
    ) -> Result<Requisition> {
        self.change(actor, Some(Permission::RequestLoan), |change| {
            let officer = is_officer(change)?;
            let (requester, division) = requester_and_division(change, input, officer)?;
            let purpose = text::required("purpose", &input.purpose, 500)?;
            if input.lines.is_empty() {
                return Err(Error::required("lines"));
            }
            let mut checked = Vec::with_capacity(input.lines.len());
            for (n, line) in input.lines.iter().enumerate() {
                if input.lines[..n]
                    .iter()
                    .any(|l| l.material_id == line.material_id)
                {
                    return Err(Error::invalid(
                        format!("lines[{n}].materialId"),
                        "is already on an earlier line",
                    ));
                }
                let prefix = format!("lines[{n}]");
                let quantity =
                    check_against_balance(change, line.material_id, line.quantity, &prefix)?;
                let note = text::optional(&format!("{prefix}.note"), &line.note, 200)?;
                checked.push((line.material_id, quantity, note));
            }
            let today = change.today();
            let number = store::next_no(change, today)?;
            change.execute(
                "INSERT INTO material_requisitions (requisition_no, division_id, requester_id,
                     purpose, status, asked_on, entered_by, created_at)
                 VALUES (?1, ?2, ?3, ?4, 'submitted', ?5, ?6, ?7)",
                params![
                    number,
                    division,
                    requester,
                    purpose,
                    today,
                    change.actor.user_id,
                    change.stamp()
                ],
            )?;
            let id = MaterialRequisitionId(change.last_insert_rowid());
            for (n, (material, quantity, note)) in checked.iter().enumerate() {
                change.execute(
                    "INSERT INTO material_requisition_lines (requisition_id, line_no, material_id,
                         requested, note) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![id, n as i64 + 1, material, quantity, note],
                )?;
            }
            let requisition = store::load(change, id)?;
            change
                .record(Event::new("requisition.create", "requisition", id).after(&requisition))?;
            Ok(requisition)
        })
    }

    /// Withdraws a requisition nothing has been issued on, with a reason: the requester
    /// or supplies staff.
    pub fn cancel_requisition(
        &self,
        actor: &Actor,
        input: &RequisitionCancel,
    ) -> Result<Requisition> {
        self.change(actor, Some(Permission::RequestLoan), |change| {
            let head = store::head(change, input.requisition_id)?;
            if !matches!(
                head.status,
                RequisitionStatus::Submitted
                    | RequisitionStatus::Endorsed
                    | RequisitionStatus::Approved
            ) {
                return Err(refused(head.status, "cancelled"));
            }
            let own = match change.actor.user_id {
                Some(user) => store::is_requester(change, user, head.requester_id)?,
                None => true,
            };
            if !own && !is_officer(change)? {
                return Err(Error::PermissionDenied {
                    permission: Permission::ManageMaterials.as_str(),
                });
            }
            let reason = text::required("reason", &input.reason, 500)?;
            store::end(
                change,
                input.requisition_id,
                RequisitionStatus::Cancelled,
                &reason,
                "requisition.cancel",
            )
        })
    }
}
