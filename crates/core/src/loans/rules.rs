//! The rule of ข้อ ๒๐๘ as a table: for each kind of loan, who decides it. The table is
//! stored in the register (`loan_approval_rules`, seeded by migration 0015 from the
//! regulation) and read by both [`super::approvers`], which enforces it, and the manual
//! (`crate::manual`), which explains it and draws it as a flowchart. Neither has the rule
//! written anywhere else, so what the manual tells staff and what the program lets them do
//! cannot disagree.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{LoanKind, code_enum};
use crate::error::{Error, Result};

/// Who may decide, by the role they hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Approver {
    /// The head of the division holding the items (หัวหน้าหน่วยงานที่รับผิดชอบพัสดุนั้น).
    DivisionHead,
    /// The agency head (หัวหน้าหน่วยงานของรัฐ).
    AgencyHead,
}
code_enum!(Approver {
    DivisionHead => "division_head",
    AgencyHead => "agency_head",
});

impl Approver {
    /// As the manual and the slip name the post.
    pub fn thai(self) -> &'static str {
        match self {
            Approver::DivisionHead => "หัวหน้าหน่วยงานที่รับผิดชอบพัสดุนั้น",
            Approver::AgencyHead => "หัวหน้าหน่วยงานของรัฐ",
        }
    }
}

impl LoanKind {
    /// The case of ข้อ ๒๐๘ in words.
    pub fn thai(self) -> &'static str {
        match self {
            LoanKind::Inside => "บุคคลยืมไปใช้ภายในสถานที่ของหน่วยงาน",
            LoanKind::Outside => "บุคคลยืมไปใช้นอกสถานที่ของหน่วยงาน",
            LoanKind::Agency => "หน่วยงานของรัฐอื่นยืม",
        }
    }

    /// Its clause.
    pub fn clause(self) -> &'static str {
        match self {
            LoanKind::Agency => "ข้อ ๒๐๘ (๑)",
            LoanKind::Inside => "ข้อ ๒๐๘ (๒) (ก)",
            LoanKind::Outside => "ข้อ ๒๐๘ (๒) (ข)",
        }
    }
}

/// Who decides one kind of loan, in the order the rule names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalRule {
    /// The case.
    pub kind: LoanKind,
    /// Who decides it (any one of them).
    pub approvers: Vec<Approver>,
}

/// The rule table, one rule per kind of loan in the order of [`LoanKind::ALL`].
pub fn approval_rules(conn: &Connection) -> Result<Vec<ApprovalRule>> {
    let mut stmt = conn
        .prepare_cached("SELECT approver FROM loan_approval_rules WHERE kind = ?1 ORDER BY seq")?;
    LoanKind::ALL
        .iter()
        .map(|&kind| {
            let approvers = stmt
                .query_map([kind], |r| r.get::<_, Approver>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            if approvers.is_empty() {
                return Err(Error::Internal(format!(
                    "the rule table names nobody to decide a loan of kind {}",
                    kind.as_str()
                )));
            }
            Ok(ApprovalRule { kind, approvers })
        })
        .collect()
}
