//! Borrow requests (ข้อ ๒๐๙): entering, editing, submitting, cancelling; and whether the
//! items are free for the dates asked.
//!
//! Anyone with a login may ask to borrow for themselves; the supplies officer and the head
//! of supplies also type in requests signed on paper for anyone (with the paper's number).
//! An inside loan's items must all be held by one division, since that division's head
//! decides it: items of several divisions go in one request per division (the error names
//! the items that differ), which keeps each slip signable by one approver.

use std::collections::HashSet;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ItemState, Loan, LoanKind, LoanStatus, store};
use crate::assets::AssetStatus;
use crate::audit::Event;
use crate::auth::Permission;
use crate::error::{Error, Result};
use crate::ids::{AssetId, DivisionId, LoanId, PersonId};
use crate::register::{Actor, Change, Register};
use crate::text;

/// Most items on one slip.
pub const MAX_ITEMS: usize = 300;

const MAX_DAYS_KEY: &str = "loans.max_days";

/// What a borrower asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LoanRequest {
    /// Which case of ข้อ ๒๐๘.
    pub kind: LoanKind,
    /// The borrowing person (inside/outside loans).
    pub borrower_id: Option<PersonId>,
    /// The borrowing agency (agency loans).
    pub agency_name: String,
    /// The agency's letter number.
    pub agency_letter_no: String,
    /// What for: official business only (ข้อ ๒๐๗).
    pub purpose: String,
    /// Where the items will be used.
    pub place_of_use: String,
    /// First day.
    pub starts_on: NaiveDate,
    /// Return date.
    pub due_on: NaiveDate,
    /// Why, when longer than the configured maximum.
    pub long_loan_reason: String,
    /// Notes.
    pub notes: String,
    /// The items, in slip order.
    pub asset_ids: Vec<AssetId>,
    /// The signed paper request's number, when an officer types it in.
    pub paper_no: String,
    /// Send to the approver now (else keep as a draft).
    pub submit: bool,
    /// The borrower's undertaking, ticked on the form: the items are for official business
    /// only (ข้อ ๒๐๗), and will come back in working order or be repaired, replaced or paid
    /// for (ข้อ ๒๑๐). A request is not sent without it.
    #[serde(default)]
    pub undertaking: bool,
}

/// New contents for a draft or a request not yet decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LoanUpdate {
    /// The loan.
    pub loan_id: LoanId,
    /// What it now asks for.
    pub request: LoanRequest,
}

/// Cancelling a request before anything is handed out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Cancellation {
    /// The loan.
    pub loan_id: LoanId,
    /// Why (required).
    pub reason: String,
}

/// The body's borrowing rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LoanSettings {
    /// Longest loan, in days (first and last day counted), without a stated reason.
    pub max_days: u32,
}

impl Default for LoanSettings {
    fn default() -> Self {
        Self { max_days: 30 }
    }
}

pub(crate) fn settings(conn: &Connection) -> Result<LoanSettings> {
    Ok(crate::settings::get(conn, MAX_DAYS_KEY)?
        .map(|max_days| LoanSettings { max_days })
        .unwrap_or_default())
}

/// Why an item cannot be lent from `starts_on` to `due_on`, if it cannot. `ignore` is the
/// loan being checked itself.
///
/// An item is taken by a loan that holds it (handed out and not back: until it is back,
/// at least to its due date or today if later) or reserves it (approved, not yet handed
/// out) for overlapping dates. Requests still waiting for a decision do not take items;
/// the approval checks again.
pub(crate) fn unavailability(
    conn: &Connection,
    asset: AssetId,
    starts_on: NaiveDate,
    due_on: NaiveDate,
    ignore: Option<LoanId>,
    today: NaiveDate,
) -> Result<Option<Error>> {
    let (code, status): (String, AssetStatus) = conn
        .query_row(
            "SELECT code, status FROM assets WHERE id = ?1",
            [asset],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("asset", asset))?;
    if matches!(
        status,
        AssetStatus::Disposed
            | AssetStatus::Lost
            | AssetStatus::UnderRepair
            | AssetStatus::AwaitingDisposal
    ) {
        return Ok(Some(Error::AssetNotAvailable {
            asset_code: code,
            reason: status.as_str().to_owned(),
            loan_no: None,
        }));
    }
    let conflict: Option<(String, ItemState)> = conn
        .query_row(
            "SELECT l.loan_no, li.state FROM loan_items li JOIN loans l ON l.id = li.loan_id
             WHERE li.asset_id = ?1 AND l.id IS NOT ?2
               AND ((li.state = 'out' AND l.starts_on <= ?4 AND max(l.due_on, ?5) >= ?3)
                 OR (li.state = 'pending' AND l.status IN ('approved', 'out')
                     AND l.starts_on <= ?4 AND l.due_on >= ?3))
             ORDER BY li.state = 'out' DESC, l.starts_on LIMIT 1",
            params![asset, ignore, starts_on, due_on, today],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(conflict.map(|(loan_no, state)| Error::AssetNotAvailable {
        asset_code: code,
        reason: if state == ItemState::Out {
            "on_loan"
        } else {
            "reserved"
        }
        .to_owned(),
        loan_no: Some(loan_no),
    }))
}

/// Refuses the first item of `assets` that is not free for the dates.
pub(crate) fn check_available(
    conn: &Connection,
    assets: &[AssetId],
    starts_on: NaiveDate,
    due_on: NaiveDate,
    ignore: Option<LoanId>,
    today: NaiveDate,
) -> Result<()> {
    for asset in assets {
        if let Some(error) = unavailability(conn, *asset, starts_on, due_on, ignore, today)? {
            return Err(error);
        }
    }
    Ok(())
}

/// A request that passed every check, with the division that approves it.
struct ValidRequest {
    purpose: String,
    place_of_use: String,
    agency_name: String,
    agency_letter_no: String,
    long_loan_reason: String,
    notes: String,
    paper_no: String,
    division: Option<DivisionId>,
}

fn validate(change: &Change<'_>, input: &LoanRequest, officer: bool) -> Result<ValidRequest> {
    let purpose = text::required("purpose", &input.purpose, 500)?;
    let place_of_use = text::optional("placeOfUse", &input.place_of_use, 300)?;
    let notes = text::optional("notes", &input.notes, 1000)?;
    let paper_no = text::optional("paperNo", &input.paper_no, 100)?;
    let long_loan_reason = text::optional("longLoanReason", &input.long_loan_reason, 500)?;
    let (agency_name, agency_letter_no) = match input.kind {
        LoanKind::Agency => {
            if input.borrower_id.is_some() {
                return Err(Error::invalid(
                    "borrowerId",
                    "an agency loan names the agency, not a person",
                ));
            }
            (
                text::required("agencyName", &input.agency_name, 300)?,
                text::required("agencyLetterNo", &input.agency_letter_no, 100)?,
            )
        }
        LoanKind::Inside | LoanKind::Outside => {
            let borrower = input
                .borrower_id
                .ok_or_else(|| Error::required("borrowerId"))?;
            let active: bool = change
                .query_row("SELECT active FROM people WHERE id = ?1", [borrower], |r| {
                    r.get(0)
                })
                .optional()?
                .ok_or_else(|| Error::not_found("person", borrower))?;
            if !active {
                return Err(Error::invalid(
                    "borrowerId",
                    "this person has left the staff directory",
                ));
            }
            (String::new(), String::new())
        }
    };
    if !officer {
        // Asking for oneself: the borrower is the actor's own person, today or later.
        let own = match change.actor.user_id {
            Some(user) => store::person_of_user(change, user)?,
            None => None,
        };
        if input.kind == LoanKind::Agency || own.is_none() || input.borrower_id != own {
            return Err(Error::PermissionDenied {
                permission: Permission::ManageLoans.as_str(),
            });
        }
        if !paper_no.is_empty() {
            return Err(Error::invalid(
                "paperNo",
                "only the supplies officer enters paper requests",
            ));
        }
        if input.starts_on < change.today() {
            return Err(Error::invalid(
                "startsOn",
                "a request cannot start in the past",
            ));
        }
    }
    if input.due_on < input.starts_on {
        return Err(Error::invalid(
            "dueOn",
            "the return date is before the first day",
        ));
    }
    let max_days = settings(change)?.max_days;
    let days = (input.due_on - input.starts_on).num_days() + 1;
    if days > i64::from(max_days) && long_loan_reason.is_empty() {
        return Err(Error::invalid(
            "longLoanReason",
            format!("a loan of {days} days is longer than {max_days}: give the reason"),
        ));
    }
    if input.asset_ids.is_empty() {
        return Err(Error::required("assetIds"));
    }
    if input.asset_ids.len() > MAX_ITEMS {
        return Err(Error::invalid(
            "assetIds",
            format!("at most {MAX_ITEMS} items on one slip"),
        ));
    }
    let mut seen = HashSet::new();
    let mut divisions: Vec<(Option<DivisionId>, String)> = Vec::new();
    for asset in &input.asset_ids {
        if !seen.insert(*asset) {
            return Err(Error::invalid("assetIds", "an item is listed twice"));
        }
        let (code, division): (String, Option<DivisionId>) = change
            .query_row(
                "SELECT code, division_id FROM assets WHERE id = ?1",
                [asset],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| Error::not_found("asset", asset))?;
        divisions.push((division, code));
    }
    let division = match input.kind {
        LoanKind::Inside => {
            let first = divisions[0].0;
            let others: Vec<&str> = divisions
                .iter()
                .filter(|(d, _)| *d != first)
                .map(|(_, code)| code.as_str())
                .collect();
            if !others.is_empty() {
                return Err(Error::invalid(
                    "assetIds",
                    format!(
                        "items of several divisions need one request each: {}",
                        others.join(", ")
                    ),
                ));
            }
            first
        }
        LoanKind::Outside | LoanKind::Agency => None,
    };
    Ok(ValidRequest {
        purpose,
        place_of_use,
        agency_name,
        agency_letter_no,
        long_loan_reason,
        notes,
        paper_no,
        division,
    })
}

fn write_items(change: &Change<'_>, id: LoanId, assets: &[AssetId]) -> Result<()> {
    change.execute("DELETE FROM loan_items WHERE loan_id = ?1", [id])?;
    let mut insert = change
        .prepare_cached("INSERT INTO loan_items (loan_id, asset_id, line) VALUES (?1, ?2, ?3)")?;
    for (line, asset) in assets.iter().enumerate() {
        insert.execute(params![id, asset, line as i64 + 1])?;
    }
    Ok(())
}

/// Whether the actor keeps loans (officer, head of supplies, or the command line).
pub(crate) fn is_officer(change: &Change<'_>) -> Result<bool> {
    let Some(user) = change.actor.user_id else {
        return Ok(true);
    };
    Ok(crate::auth::users::roles_of(change, user)?
        .iter()
        .any(|g| g.role.grants(Permission::ManageLoans)))
}

/// Whether the actor may change this request: its officer, whoever entered it, or the
/// borrower asking for themselves.
fn may_edit(change: &Change<'_>, head: &store::LoanHead) -> Result<bool> {
    if is_officer(change)? {
        return Ok(true);
    }
    let Some(user) = change.actor.user_id else {
        return Ok(true);
    };
    Ok(head.entered_by == Some(user) || store::is_borrower(change, user, head.loan.borrower_id)?)
}

/// The error for a step the loan's status does not allow.
pub(crate) fn refused(status: LoanStatus, action: &'static str) -> Error {
    Error::InvalidTransition {
        status: status.as_str(),
        action,
    }
}

impl Register {
    /// Enters a borrow request, as a draft or sent to its approver.
    pub fn create_loan(&self, actor: &Actor, input: &LoanRequest) -> Result<Loan> {
        self.change(actor, Some(Permission::RequestLoan), |change| {
            let officer = is_officer(change)?;
            let valid = validate(change, input, officer)?;
            let today = change.today();
            if input.submit {
                if !input.undertaking {
                    return Err(Error::required("undertaking"));
                }
                check_available(change, &input.asset_ids, input.starts_on, input.due_on, None, today)?;
            }
            let loan_no = store::next_loan_no(change, today)?;
            let status = if input.submit {
                LoanStatus::Submitted
            } else {
                LoanStatus::Draft
            };
            let stamp = change.stamp();
            change.execute(
                "INSERT INTO loans (loan_no, status, kind, borrower_id, agency_name, agency_letter_no,
                     purpose, place_of_use, starts_on, due_on, long_loan_reason, notes, division_id,
                     paper_no, entered_by, submitted_at, created_at, updated_at, undertaking_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17,
                         ?18)",
                params![
                    loan_no,
                    status,
                    input.kind,
                    input.borrower_id,
                    valid.agency_name,
                    valid.agency_letter_no,
                    valid.purpose,
                    valid.place_of_use,
                    input.starts_on,
                    input.due_on,
                    valid.long_loan_reason,
                    valid.notes,
                    valid.division,
                    valid.paper_no,
                    change.actor.user_id,
                    input.submit.then_some(&stamp),
                    stamp,
                    input.undertaking.then_some(&stamp)
                ],
            )?;
            let id = LoanId(change.last_insert_rowid());
            write_items(change, id, &input.asset_ids)?;
            let loan = store::load(change, id, today)?;
            change.record(Event::new("loan.create", "loan", id).after(&loan))?;
            Ok(loan)
        })
    }

    /// Rewrites a draft (or a submitted request nobody has decided yet, which goes back
    /// to its approver as it now reads).
    pub fn update_loan(&self, actor: &Actor, update: &LoanUpdate) -> Result<Loan> {
        let (id, input) = (update.loan_id, &update.request);
        self.change(actor, Some(Permission::RequestLoan), |change| {
            let head = store::head(change, id)?;
            if !matches!(head.loan.status, LoanStatus::Draft | LoanStatus::Submitted) {
                return Err(refused(head.loan.status, "edited"));
            }
            if !may_edit(change, &head)? {
                return Err(Error::PermissionDenied {
                    permission: Permission::ManageLoans.as_str(),
                });
            }
            let today = change.today();
            let before = store::load(change, id, today)?;
            let valid = validate(change, input, is_officer(change)?)?;
            let submit = input.submit || head.loan.status == LoanStatus::Submitted;
            if submit && !input.undertaking && head.loan.undertaking_at.is_none() {
                return Err(Error::required("undertaking"));
            }
            if submit {
                check_available(
                    change,
                    &input.asset_ids,
                    input.starts_on,
                    input.due_on,
                    Some(id),
                    today,
                )?;
            }
            let stamp = change.stamp();
            change.execute(
                "UPDATE loans SET status = ?1, kind = ?2, borrower_id = ?3, agency_name = ?4,
                     agency_letter_no = ?5, purpose = ?6, place_of_use = ?7, starts_on = ?8,
                     due_on = ?9, long_loan_reason = ?10, notes = ?11, division_id = ?12,
                     paper_no = ?13, submitted_at = coalesce(submitted_at, ?14), updated_at = ?15,
                     undertaking_at = coalesce(undertaking_at, ?17)
                 WHERE id = ?16",
                params![
                    if submit {
                        LoanStatus::Submitted
                    } else {
                        LoanStatus::Draft
                    },
                    input.kind,
                    input.borrower_id,
                    valid.agency_name,
                    valid.agency_letter_no,
                    valid.purpose,
                    valid.place_of_use,
                    input.starts_on,
                    input.due_on,
                    valid.long_loan_reason,
                    valid.notes,
                    valid.division,
                    valid.paper_no,
                    submit.then_some(&stamp),
                    stamp,
                    id,
                    input.undertaking.then_some(&stamp)
                ],
            )?;
            write_items(change, id, &input.asset_ids)?;
            let after = store::load(change, id, today)?;
            change.record_edit(
                Event::new("loan.update", "loan", id)
                    .before(&before)
                    .after(&after),
            )?;
            Ok(after)
        })
    }

    /// Sends a draft to its approver.
    pub fn submit_loan(&self, actor: &Actor, id: LoanId) -> Result<Loan> {
        self.change(actor, Some(Permission::RequestLoan), |change| {
            let head = store::head(change, id)?;
            if head.loan.status != LoanStatus::Draft {
                return Err(refused(head.loan.status, "submitted"));
            }
            if !may_edit(change, &head)? {
                return Err(Error::PermissionDenied {
                    permission: Permission::ManageLoans.as_str(),
                });
            }
            if head.loan.undertaking_at.is_none() {
                return Err(Error::required("undertaking"));
            }
            let today = change.today();
            let before = store::load(change, id, today)?;
            let assets: Vec<AssetId> = before.items.iter().map(|i| i.asset_id).collect();
            check_available(change, &assets, before.starts_on, before.due_on, Some(id), today)?;
            let stamp = change.stamp();
            change.execute(
                "UPDATE loans SET status = 'submitted', submitted_at = ?1, updated_at = ?1 WHERE id = ?2",
                params![stamp, id],
            )?;
            let after = store::load(change, id, today)?;
            change.record(Event::new("loan.submit", "loan", id).before(&before).after(&after))?;
            Ok(after)
        })
    }

    /// Withdraws a request before anything is handed out.
    pub fn cancel_loan(&self, actor: &Actor, input: &Cancellation) -> Result<Loan> {
        self.change(actor, Some(Permission::RequestLoan), |change| {
            let head = store::head(change, input.loan_id)?;
            if !matches!(
                head.loan.status,
                LoanStatus::Draft | LoanStatus::Submitted | LoanStatus::Approved
            ) {
                return Err(refused(head.loan.status, "cancelled"));
            }
            if !may_edit(change, &head)? {
                return Err(Error::PermissionDenied {
                    permission: Permission::ManageLoans.as_str(),
                });
            }
            let reason = text::required("reason", &input.reason, 500)?;
            let today = change.today();
            let before = store::load(change, input.loan_id, today)?;
            let stamp = change.stamp();
            change.execute(
                "UPDATE loans SET status = 'cancelled', cancelled_at = ?1, cancel_reason = ?2,
                     updated_at = ?1 WHERE id = ?3",
                params![stamp, reason, input.loan_id],
            )?;
            change.execute(
                "UPDATE loan_items SET state = 'withdrawn' WHERE loan_id = ?1",
                [input.loan_id],
            )?;
            let after = store::load(change, input.loan_id, today)?;
            change.record(
                Event::new("loan.cancel", "loan", input.loan_id)
                    .before(&before)
                    .after(&after),
            )?;
            Ok(after)
        })
    }

    /// The borrowing rules.
    pub fn loan_settings(&self, actor: &Actor) -> Result<LoanSettings> {
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            settings(conn)
        })
    }

    /// Changes the borrowing rules.
    pub fn update_loan_settings(
        &self,
        actor: &Actor,
        input: &LoanSettings,
    ) -> Result<LoanSettings> {
        self.change(actor, Some(Permission::ManageLoans), |change| {
            if !(1..=3650).contains(&input.max_days) {
                return Err(Error::invalid("maxDays", "between 1 and 3650 days"));
            }
            let before = settings(change)?;
            crate::settings::put(change, MAX_DAYS_KEY, &input.max_days)?;
            change.record_edit(
                Event::new("settings.update", "settings", "loans")
                    .before(&before)
                    .after(input),
            )?;
            Ok(*input)
        })
    }
}
