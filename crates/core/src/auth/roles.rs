//! Roles people hold and what each role may do.
//!
//! | permission            | admin | officer | head of supplies | division head | agency head | committee | viewer |
//! |-----------------------|:-----:|:-------:|:----------------:|:-------------:|:-----------:|:---------:|:------:|
//! | view_register         |   ✓   |    ✓    |        ✓         |       ✓       |      ✓      |     ✓     |   ✓    |
//! | manage_divisions      |   ✓   |    ✓    |        ✓         |               |             |           |        |
//! | manage_staff          |   ✓   |    ✓    |        ✓         |               |             |           |        |
//! | manage_register       |       |    ✓    |        ✓         |               |             |           |        |
//! | manage_organisation   |   ✓   |         |                  |               |             |           |        |
//! | manage_users          |   ✓   |         |                  |               |             |           |        |
//! | view_audit_log        |   ✓   |         |        ✓         |               |      ✓      |           |        |
//! | request_loan          |   ✓   |    ✓    |        ✓         |       ✓       |      ✓      |     ✓     |   ✓    |
//! | manage_loans          |       |    ✓    |        ✓         |               |             |           |        |
//! | approve_loans         |       |         |                  |       ✓       |      ✓      |           |        |
//! | manage_delegations    |   ✓   |         |        ✓         |               |      ✓      |           |        |
//! | manage_checks         |       |    ✓    |        ✓         |               |             |           |        |
//! | manage_materials      |       |    ✓    |        ✓         |               |             |           |        |
//! | manage_disposals      |       |    ✓    |        ✓         |               |             |           |        |
//!
//! Anyone with a login may ask to borrow for themselves (their account linked to a person
//! in the staff directory); the supplies officer and the head of supplies enter requests
//! for others from signed paper, hand items out, take them back and chase overdue loans.
//! `approve_loans` shows the approval inbox; whether a user may decide a given request is
//! decided per request by the rule of ข้อ ๒๐๘ and the delegations in force
//! (`loans::approvers`), so a delegate without the role may decide while standing in.
//!
//! Check rounds (ข้อ ๒๑๓) are set up, opened and printed by the supplies officer and the
//! head of supplies (`manage_checks`); who counts in a round, and who closes it, is decided
//! per round by its members (`checks`): a committee member counts whatever role they hold,
//! and a supplies officer may never sit on the annual committee.
//!
//! The register itself (assets, categories, imports) is kept by the supplies officer and
//! the head of supplies, as ข้อ ๒๐๓ assigns it; an administrator who also keeps it holds
//! both roles. Division heads and everyone else may look.
//!
//! The table is the rule: [`Role::grants`] is its only implementation, and the UI only
//! hides what a session's permissions lack.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::DivisionId;

/// A role a user holds. A user may hold several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// ผู้ดูแลระบบ: accounts, organisation settings.
    Administrator,
    /// เจ้าหน้าที่พัสดุ: keeps the register, issues and receives items.
    SuppliesOfficer,
    /// หัวหน้าเจ้าหน้าที่: supervises the supplies officer.
    HeadOfSupplies,
    /// หัวหน้าส่วนราชการ / ผู้อำนวยการกอง: approves in-premises loans of their division.
    DivisionHead,
    /// หัวหน้าหน่วยงานของรัฐ (นายก อบต. or ปลัด by delegation).
    AgencyHead,
    /// กรรมการตรวจสอบพัสดุ: counts and reports in check rounds.
    CheckCommittee,
    /// ผู้ดูข้อมูล: may look, may not change.
    Viewer,
}

impl Role {
    /// Every role, in the order the UI lists them.
    pub const ALL: [Role; 7] = [
        Role::Administrator,
        Role::SuppliesOfficer,
        Role::HeadOfSupplies,
        Role::DivisionHead,
        Role::AgencyHead,
        Role::CheckCommittee,
        Role::Viewer,
    ];

    /// The stored code (same as the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::SuppliesOfficer => "supplies_officer",
            Role::HeadOfSupplies => "head_of_supplies",
            Role::DivisionHead => "division_head",
            Role::AgencyHead => "agency_head",
            Role::CheckCommittee => "check_committee",
            Role::Viewer => "viewer",
        }
    }

    /// Reads a stored code.
    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == code)
    }

    /// Whether this role grants `permission` (the table in the module docs).
    pub fn grants(self, permission: Permission) -> bool {
        use Permission as P;
        use Role as R;
        match permission {
            P::ViewRegister => true,
            P::ManageDivisions | P::ManageStaff => {
                matches!(
                    self,
                    R::Administrator | R::SuppliesOfficer | R::HeadOfSupplies
                )
            }
            P::ManageRegister => matches!(self, R::SuppliesOfficer | R::HeadOfSupplies),
            P::ManageOrganisation | P::ManageUsers => self == R::Administrator,
            P::ViewAuditLog | P::ManageDelegations => {
                matches!(self, R::Administrator | R::HeadOfSupplies | R::AgencyHead)
            }
            P::RequestLoan => true,
            P::ManageLoans | P::ManageChecks | P::ManageMaterials | P::ManageDisposals => {
                matches!(self, R::SuppliesOfficer | R::HeadOfSupplies)
            }
            P::ApproveLoans => matches!(self, R::DivisionHead | R::AgencyHead),
        }
    }
}

/// A role as held by one user; a division head is tied to one division.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoleGrant {
    /// The role.
    pub role: Role,
    /// The division, only (and always) for [`Role::DivisionHead`].
    pub division_id: Option<DivisionId>,
}

impl RoleGrant {
    /// A role not tied to a division.
    pub fn plain(role: Role) -> Self {
        Self {
            role,
            division_id: None,
        }
    }

    /// A division head of `division`.
    pub fn division_head(division: DivisionId) -> Self {
        Self {
            role: Role::DivisionHead,
            division_id: Some(division),
        }
    }
}

/// Something an operation needs the acting user to be allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// Read the register, divisions, locations and staff directory.
    ViewRegister,
    /// Add, rename and switch off divisions and locations.
    ManageDivisions,
    /// Keep the staff directory.
    ManageStaff,
    /// Keep the asset register: records, categories, codes, photos, imports.
    ManageRegister,
    /// Edit the organisation's details and program settings.
    ManageOrganisation,
    /// Create accounts, grant roles, reset passwords.
    ManageUsers,
    /// Read the audit log.
    ViewAuditLog,
    /// Ask to borrow for oneself (an account linked to a person in the staff directory).
    RequestLoan,
    /// Enter requests for others, hand out, take back, chase overdue loans, compensation.
    ManageLoans,
    /// See the approval inbox (deciding a request is checked per request).
    ApproveLoans,
    /// Record anyone's delegations (an approver may always record their own).
    ManageDelegations,
    /// Set up, open, print and cancel check rounds (counting is decided per round).
    ManageChecks,
    /// Keep the materials: catalogue, receipts, issues, adjustments, closing a period.
    ManageMaterials,
    /// Prepare fact-finding cases and disposals, record their results, write items off,
    /// issue the manual and record acknowledgements on paper (the agency head approves a
    /// disposal and may waive a fact-finding committee, checked per case).
    ManageDisposals,
}

impl Permission {
    /// Every permission.
    pub const ALL: [Permission; 14] = [
        Permission::ViewRegister,
        Permission::ManageDivisions,
        Permission::ManageStaff,
        Permission::ManageRegister,
        Permission::ManageOrganisation,
        Permission::ManageUsers,
        Permission::ViewAuditLog,
        Permission::RequestLoan,
        Permission::ManageLoans,
        Permission::ApproveLoans,
        Permission::ManageDelegations,
        Permission::ManageChecks,
        Permission::ManageMaterials,
        Permission::ManageDisposals,
    ];

    /// The code used in errors and the UI (same as the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            Permission::ViewRegister => "view_register",
            Permission::ManageDivisions => "manage_divisions",
            Permission::ManageStaff => "manage_staff",
            Permission::ManageRegister => "manage_register",
            Permission::ManageOrganisation => "manage_organisation",
            Permission::ManageUsers => "manage_users",
            Permission::ViewAuditLog => "view_audit_log",
            Permission::RequestLoan => "request_loan",
            Permission::ManageLoans => "manage_loans",
            Permission::ApproveLoans => "approve_loans",
            Permission::ManageDelegations => "manage_delegations",
            Permission::ManageChecks => "manage_checks",
            Permission::ManageMaterials => "manage_materials",
            Permission::ManageDisposals => "manage_disposals",
        }
    }
}

/// The permissions a set of role grants gives, sorted, without repeats.
pub fn permissions_of(grants: &[RoleGrant]) -> Vec<Permission> {
    Permission::ALL
        .into_iter()
        .filter(|p| grants.iter().any(|g| g.role.grants(*p)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_match_serde() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.as_str()), Some(role));
            assert_eq!(serde_json::to_value(role).unwrap(), role.as_str());
        }
        for p in Permission::ALL {
            assert_eq!(serde_json::to_value(p).unwrap(), p.as_str());
        }
        assert_eq!(Role::from_code("root"), None);
    }

    #[test]
    fn the_matrix() {
        use Permission as P;
        use Role as R;
        assert!(R::Viewer.grants(P::ViewRegister));
        assert!(!R::Viewer.grants(P::ManageStaff));
        assert!(R::SuppliesOfficer.grants(P::ManageDivisions));
        assert!(!R::SuppliesOfficer.grants(P::ManageUsers));
        assert!(!R::SuppliesOfficer.grants(P::ViewAuditLog));
        assert!(R::HeadOfSupplies.grants(P::ViewAuditLog));
        assert!(R::AgencyHead.grants(P::ViewAuditLog));
        assert!(!R::DivisionHead.grants(P::ManageDivisions));
        assert!(!R::CheckCommittee.grants(P::ManageStaff));
        assert!(R::Administrator.grants(P::ManageUsers));
        assert!(R::Administrator.grants(P::ManageOrganisation));
        assert!(!R::HeadOfSupplies.grants(P::ManageOrganisation));
        assert!(R::SuppliesOfficer.grants(P::ManageRegister));
        assert!(R::HeadOfSupplies.grants(P::ManageRegister));
        assert!(!R::Administrator.grants(P::ManageRegister));
        assert!(!R::DivisionHead.grants(P::ManageRegister));
        assert!(R::Viewer.grants(P::RequestLoan));
        assert!(R::SuppliesOfficer.grants(P::ManageLoans));
        assert!(!R::DivisionHead.grants(P::ManageLoans));
        assert!(R::DivisionHead.grants(P::ApproveLoans));
        assert!(R::AgencyHead.grants(P::ApproveLoans));
        assert!(!R::SuppliesOfficer.grants(P::ApproveLoans));
        assert!(!R::Administrator.grants(P::ApproveLoans));
        assert!(R::AgencyHead.grants(P::ManageDelegations));
        assert!(!R::DivisionHead.grants(P::ManageDelegations));
        assert!(R::SuppliesOfficer.grants(P::ManageChecks));
        assert!(!R::CheckCommittee.grants(P::ManageChecks));
        assert!(R::HeadOfSupplies.grants(P::ManageMaterials));
        assert!(!R::DivisionHead.grants(P::ManageMaterials));
        assert!(!R::Administrator.grants(P::ManageMaterials));
    }

    #[test]
    fn permissions_of_several_roles_are_the_union() {
        let grants = [
            RoleGrant::plain(Role::SuppliesOfficer),
            RoleGrant::plain(Role::AgencyHead),
        ];
        assert_eq!(
            permissions_of(&grants),
            vec![
                Permission::ViewRegister,
                Permission::ManageDivisions,
                Permission::ManageStaff,
                Permission::ManageRegister,
                Permission::ViewAuditLog,
                Permission::RequestLoan,
                Permission::ManageLoans,
                Permission::ApproveLoans,
                Permission::ManageDelegations,
                Permission::ManageChecks,
                Permission::ManageMaterials,
                Permission::ManageDisposals,
            ]
        );
        assert!(permissions_of(&[]).is_empty());
    }
}
