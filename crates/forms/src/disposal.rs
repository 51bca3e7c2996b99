//! Printouts of disposal, read as the acting user: the request to dispose, the result
//! report and the notice to the State Audit Office of one disposal; and the annual check's
//! public notice.

use phatsadu_core::ids::{DisposalId, RoundId};
use phatsadu_core::{Actor, Error, Register};

use crate::forms::{disposal, file_name, public_notice};
use crate::printing::{Printout, form_error, letterhead};

/// Which of a disposal's documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum DisposalDocument {
    /// รายงานขอจำหน่ายพัสดุ.
    Request,
    /// รายงานผลการจำหน่ายพัสดุ.
    Result,
    /// The notice to สตง. (after the write-off).
    Notice,
}

/// One of a disposal's documents.
pub fn disposal_document(
    register: &Register,
    actor: &Actor,
    id: DisposalId,
    which: DisposalDocument,
) -> Result<Printout, Error> {
    let head = letterhead(register, actor)?;
    let d = register.disposal(actor, id)?;
    let (bytes, title) = match which {
        DisposalDocument::Request => (disposal::disposal_request(&head, &d), "รายงานขอจำหน่ายพัสดุ"),
        DisposalDocument::Result => {
            if d.approved_on.is_none() {
                return Err(Error::invalid(
                    "disposalId",
                    "not approved: nothing to report",
                ));
            }
            (disposal::disposal_result(&head, &d), "รายงานผลการจำหน่ายพัสดุ")
        }
        DisposalDocument::Notice => {
            if d.written_off_on.is_none() {
                return Err(Error::invalid("disposalId", "not written off yet"));
            }
            let province = head.organisation.province.clone();
            (
                disposal::audit_office_notice(&head, &d, &province),
                "แจ้งสตง-การจำหน่ายพัสดุ",
            )
        }
    };
    Ok(Printout {
        bytes: bytes.map_err(form_error)?,
        file_name: file_name(title, &d.disposal_no, head.today),
    })
}

/// The public notice (ประกาศ) of an annual round's result.
pub fn public_notice_pdf(
    register: &Register,
    actor: &Actor,
    round: RoundId,
) -> Result<Printout, Error> {
    let head = letterhead(register, actor)?;
    let report = register.check_report(actor, round)?;
    if report.round.kind != phatsadu_core::checks::RoundKind::Annual {
        return Err(Error::invalid(
            "roundId",
            "only an annual round is announced",
        ));
    }
    Ok(Printout {
        bytes: public_notice::public_notice(&head, &report).map_err(form_error)?,
        file_name: file_name(
            "ประกาศผลการตรวจสอบพัสดุประจำปี",
            &report.round.fiscal_year.to_string(),
            head.today,
        ),
    })
}
