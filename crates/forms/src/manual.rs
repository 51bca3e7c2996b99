//! Printouts of the manual, read as the acting user: the manual (the version in force, or
//! the draft when none was issued or `draft` is asked) with its flowchart, and the
//! acknowledgement sheet.

use phatsadu_core::{Actor, Error, Register};

use crate::forms::{acknowledgement_sheet, file_name, manual};
use crate::printing::{Printout, form_error, letterhead};

/// The manual with its flowchart page: the version in force (what staff acknowledge), or
/// the draft as the rules and settings make it now.
pub fn manual_pdf(register: &Register, actor: &Actor, draft: bool) -> Result<Printout, Error> {
    let head = letterhead(register, actor)?;
    let view = register.manual(actor)?;
    let (content, version) = match (draft, view.draft) {
        (true, Some(now)) => (now, None),
        _ => (view.content, view.issued),
    };
    let number = version
        .as_ref()
        .map_or_else(|| "ร่าง".to_owned(), |v| format!("ฉบับที่{}", v.version));
    Ok(Printout {
        bytes: manual::manual(&head, &content, version.as_ref()).map_err(form_error)?,
        file_name: file_name("คู่มือการใช้และการยืมทรัพย์สินของราชการ", &number, head.today),
    })
}

/// The acknowledgement sheet of the version in force (only those yet to sign, if asked).
pub fn acknowledgement_sheet_pdf(
    register: &Register,
    actor: &Actor,
    pending_only: bool,
) -> Result<Printout, Error> {
    let head = letterhead(register, actor)?;
    let list = register.manual_acknowledgements(actor)?;
    Ok(Printout {
        bytes: acknowledgement_sheet::acknowledgement_sheet(&head, &list, pending_only)
            .map_err(form_error)?,
        file_name: file_name("บัญชีลงนามรับทราบคู่มือ", "", head.today),
    })
}
