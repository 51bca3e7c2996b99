//! Issuing materials to a division on a signed requisition (ใบเบิกพัสดุ, ข้อ ๒๐๔–๒๐๖):
//! the supplies officer keys in a paper requisition its head has signed and the head of
//! supplies has approved, and issues what it lists. Each line goes out of the item's
//! card, oldest lots first; one line beyond its balance refuses the whole issue.
//!
//! The issuer is never the requester (separation of duties). Requisitions asked for and
//! approved in the program itself are the next step of this area.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::LotPortion;
use super::quantity::Quantity;
use super::stock::{self, Entry, Fields};
use crate::audit::Event;
use crate::auth::Permission;
use crate::error::{Error, Result};
use crate::ids::{DivisionId, MaterialEntryId, MaterialId, PersonId};
use crate::register::{Actor, Register};
use crate::text;

/// One line issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IssueLine {
    /// The item.
    pub material_id: MaterialId,
    /// How much.
    pub quantity: Quantity,
}

/// A signed paper requisition, issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PaperIssue {
    /// The requisition's number as written on it.
    pub requisition_no: String,
    /// The division it goes to.
    pub division_id: DivisionId,
    /// Who asked (from the staff directory).
    pub requester_id: PersonId,
    /// The day it was issued.
    pub on_date: NaiveDate,
    /// What.
    pub lines: Vec<IssueLine>,
}

/// One line as issued: its card entry and the lots it took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IssuedLine {
    /// The card entry.
    pub entry_id: MaterialEntryId,
    /// The lots, oldest first, at their prices.
    pub portions: Vec<LotPortion>,
}

impl Register {
    /// Issues a signed paper requisition.
    pub fn issue_paper_requisition(
        &self,
        actor: &Actor,
        input: &PaperIssue,
    ) -> Result<Vec<IssuedLine>> {
        self.change(actor, Some(Permission::ManageMaterials), |change| {
            let requisition_no = text::required("requisitionNo", &input.requisition_no, 60)?;
            let division = crate::org::divisions::load(change, input.division_id)
                .map_err(|_| Error::invalid("divisionId", "no such division"))?;
            let requester_exists: bool = change.query_row(
                "SELECT EXISTS (SELECT 1 FROM people WHERE id = ?1)",
                [input.requester_id],
                |r| r.get(0),
            )?;
            if !requester_exists {
                return Err(Error::invalid("requesterId", "no such person"));
            }
            if let Some(user) = change.actor.user_id
                && crate::loans::store::person_of_user(change, user)? == Some(input.requester_id)
            {
                return Err(Error::SeparationOfDuties {
                    rule: "issuer_is_requester",
                });
            }
            if input.lines.is_empty() {
                return Err(Error::Required {
                    field: "lines".into(),
                });
            }
            let party = if division.short_name.is_empty() {
                division.name.clone()
            } else {
                division.short_name.clone()
            };
            let mut issued = Vec::with_capacity(input.lines.len());
            for (n, line) in input.lines.iter().enumerate() {
                let field = format!("lines[{n}].quantity");
                let (entry_id, portions) = stock::take_out(
                    change,
                    &Entry {
                        material: line.material_id,
                        on_date: input.on_date,
                        kind: super::EntryKind::Issue,
                        document_no: &requisition_no,
                        party: &party,
                        division_id: Some(input.division_id),
                        receipt_id: None,
                        reason: "",
                    },
                    line.quantity,
                    &Fields {
                        quantity: &field,
                        unit_price: "",
                        date: "onDate",
                    },
                )
                .map_err(|e| match e {
                    Error::NotFound {
                        entity: "material", ..
                    } => Error::invalid(format!("lines[{n}].materialId"), "no such material"),
                    other => other,
                })?;
                issued.push(IssuedLine { entry_id, portions });
            }
            change.record(
                Event::new("material.issue", "division", input.division_id.0).after(input),
            )?;
            Ok(issued)
        })
    }
}
