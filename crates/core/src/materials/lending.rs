//! Lending materials (ข้อ ๒๑๒): only to another agency, on its letter, never to a person;
//! returned in kind. The loan goes out of the card like an issue, to the agency; what
//! comes back goes in at the prices it went out at, so the card's value comes back whole.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::quantity::Quantity;
use super::stock::{self, Entry, Fields};
use super::{EntryKind, LotPortion};
use crate::audit::Event;
use crate::auth::Permission;
use crate::calendar::FiscalYear;
use crate::error::{Error, Result};
use crate::ids::{MaterialId, PersonId};
use crate::money::Satang;
use crate::register::{Actor, Register};
use crate::text;

/// Materials to lend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MaterialLoanInput {
    /// The agency borrowing (another state body).
    pub agency_name: String,
    /// Its letter asking to borrow.
    pub letter_no: String,
    /// A person to lend to: always refused (materials go only to another agency).
    pub borrower_id: Option<PersonId>,
    /// The item.
    pub material_id: MaterialId,
    /// How much.
    pub quantity: Quantity,
    /// The day lent.
    pub lent_on: NaiveDate,
    /// When it is to come back (in kind).
    pub due_on: NaiveDate,
}

/// A loan of materials.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MaterialLoan {
    /// Id.
    pub id: i64,
    /// Its number (ยว.1/2570).
    pub loan_no: String,
    /// The agency.
    pub agency_name: String,
    /// Its letter.
    pub letter_no: String,
    /// The item.
    pub material_id: MaterialId,
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its unit.
    pub unit: String,
    /// How much went out.
    pub quantity: Quantity,
    /// How much has come back.
    pub returned: Quantity,
    /// The day lent.
    pub lent_on: NaiveDate,
    /// When it is due back.
    pub due_on: NaiveDate,
}

/// Materials coming back from a loan, in kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MaterialLoanReturn {
    /// The loan.
    pub loan_id: i64,
    /// How much comes back now.
    pub quantity: Quantity,
    /// The day.
    pub on_date: NaiveDate,
}

const SELECT_LOAN: &str =
    "SELECT l.id, l.loan_no, l.agency_name, l.letter_no, l.material_id, m.code, m.name, m.unit,
            l.quantity, l.returned, l.lent_on, l.due_on
     FROM material_loans l JOIN materials m ON m.id = l.material_id";

fn loan_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<MaterialLoan> {
    Ok(MaterialLoan {
        id: r.get(0)?,
        loan_no: r.get(1)?,
        agency_name: r.get(2)?,
        letter_no: r.get(3)?,
        material_id: r.get(4)?,
        code: r.get(5)?,
        name: r.get(6)?,
        unit: r.get(7)?,
        quantity: r.get(8)?,
        returned: r.get(9)?,
        lent_on: r.get(10)?,
        due_on: r.get(11)?,
    })
}

fn load(conn: &rusqlite::Connection, id: i64) -> Result<MaterialLoan> {
    conn.query_row(
        &format!("{SELECT_LOAN} WHERE l.id = ?1"),
        [id],
        loan_from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("material_loan", id))
}

impl Register {
    /// Loans of materials, newest first; only those with something still out when
    /// `open_only`.
    pub fn list_material_loans(&self, actor: &Actor, open_only: bool) -> Result<Vec<MaterialLoan>> {
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            let filter = if open_only {
                " WHERE l.returned < l.quantity"
            } else {
                ""
            };
            let mut stmt = conn.prepare_cached(&format!(
                "{SELECT_LOAN}{filter} ORDER BY l.lent_on DESC, l.id DESC"
            ))?;
            Ok(stmt
                .query_map([], loan_from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Lends materials to another agency; a person is refused (ข้อ ๒๑๒).
    pub fn lend_materials(&self, actor: &Actor, input: &MaterialLoanInput) -> Result<MaterialLoan> {
        self.change(actor, Some(Permission::ManageMaterials), |change| {
            if input.borrower_id.is_some() {
                return Err(Error::invalid(
                    "borrowerId",
                    "materials are lent only to another agency, never to a person",
                ));
            }
            let agency = text::required("agencyName", &input.agency_name, 200)?;
            let letter = text::required("letterNo", &input.letter_no, 60)?;
            if input.due_on < input.lent_on {
                return Err(Error::invalid("dueOn", "is before the day lent"));
            }
            let year = FiscalYear::of(input.lent_on).be_year();
            let last: i64 = change.query_row(
                "INSERT INTO material_loan_counters (fiscal_year, last) VALUES (?1, 1)
                 ON CONFLICT (fiscal_year) DO UPDATE SET last = last + 1 RETURNING last",
                [year],
                |r| r.get(0),
            )?;
            let loan_no = format!("ยว.{last}/{year}");
            let document = format!("ให้ยืม {loan_no} ({letter})");
            let (entry, _) = stock::take_out(
                change,
                &Entry {
                    material: input.material_id,
                    on_date: input.lent_on,
                    kind: EntryKind::Issue,
                    document_no: &document,
                    party: &agency,
                    division_id: None,
                    receipt_id: None,
                    reason: "",
                },
                input.quantity,
                &Fields {
                    quantity: "quantity",
                    unit_price: "",
                    date: "lentOn",
                },
            )?;
            change.execute(
                "INSERT INTO material_loans (loan_no, agency_name, letter_no, material_id, quantity,
                     lent_on, due_on, out_entry_id, created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    loan_no,
                    agency,
                    letter,
                    input.material_id,
                    input.quantity,
                    input.lent_on,
                    input.due_on,
                    entry,
                    change.stamp(),
                    change.actor.user_id
                ],
            )?;
            let loan = load(change, change.last_insert_rowid())?;
            change.record(
                Event::new("material.lend", "material", input.material_id.0).after(&loan),
            )?;
            Ok(loan)
        })
    }

    /// Takes materials back from a loan, in kind: they go in at the prices they went out
    /// at (the oldest lot's price first, as they left).
    pub fn return_lent_materials(
        &self,
        actor: &Actor,
        input: &MaterialLoanReturn,
    ) -> Result<MaterialLoan> {
        self.change(actor, Some(Permission::ManageMaterials), |change| {
            let before = load(change, input.loan_id)?;
            let left = Quantity(before.quantity.0 - before.returned.0);
            if input.quantity.0 <= 0 || input.quantity > left {
                return Err(Error::invalid(
                    "quantity",
                    format!("between 0 and what is still out ({left})"),
                ));
            }
            // The prices it went out at, oldest first; what comes back refills them in order.
            let mut portions: Vec<LotPortion> = {
                let mut stmt = change.prepare_cached(
                    "SELECT el.quantity, el.unit_price, el.value FROM material_entry_lots el
                     JOIN material_loans l ON l.out_entry_id = el.entry_id
                     WHERE l.id = ?1 ORDER BY el.lot_id",
                )?;
                stmt.query_map([input.loan_id], |r| {
                    Ok(LotPortion {
                        quantity: r.get(0)?,
                        unit_price: r.get(1)?,
                        value: r.get(2)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?
            };
            // Skip what earlier returns already put back.
            let mut skip = before.returned.0;
            let mut wanted = input.quantity.0;
            let document = format!("รับคืน {} ({})", before.loan_no, before.letter_no);
            for portion in &mut portions {
                let here = portion.quantity.0.min(skip);
                skip -= here;
                let available = portion.quantity.0 - here;
                let back = available.min(wanted);
                if back == 0 {
                    continue;
                }
                wanted -= back;
                stock::put_in(
                    change,
                    &Entry {
                        material: before.material_id,
                        on_date: input.on_date,
                        kind: EntryKind::Receipt,
                        document_no: &document,
                        party: &before.agency_name,
                        division_id: None,
                        receipt_id: None,
                        reason: "",
                    },
                    Quantity(back),
                    Satang(portion.unit_price.0),
                    &Fields {
                        quantity: "quantity",
                        unit_price: "",
                        date: "onDate",
                    },
                )?;
                if wanted == 0 {
                    break;
                }
            }
            change.execute(
                "UPDATE material_loans SET returned = returned + ?2 WHERE id = ?1",
                params![input.loan_id, input.quantity],
            )?;
            let after = load(change, input.loan_id)?;
            change.record(
                Event::new("material.lend_return", "material", before.material_id.0)
                    .before(&before)
                    .after(&after),
            )?;
            Ok(after)
        })
    }
}
