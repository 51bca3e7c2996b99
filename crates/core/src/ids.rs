//! Typed ids, so a division id can never be passed where a user id is expected.

use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        #[serde(transparent)]
        pub struct $name(#[ts(type = "number")] pub i64);

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                self.0.to_sql()
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                i64::column_result(value).map($name)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// A login account.
    UserId
);
id_type!(
    /// A division (ส่วนราชการ / กอง) of the organisation.
    DivisionId
);
id_type!(
    /// A location (room, building, site) within a division.
    LocationId
);
id_type!(
    /// A person in the staff directory (may or may not have a login).
    PersonId
);
id_type!(
    /// One physical item in the register.
    AssetId
);
id_type!(
    /// A category (ประเภท) of assets.
    CategoryId
);
id_type!(
    /// A photo attached to an asset.
    PhotoId
);
id_type!(
    /// A batch of assets brought in by one import.
    BatchId
);
id_type!(
    /// A loan (one borrow slip).
    LoanId
);
id_type!(
    /// A delegation of an approver's authority to a stand-in.
    DelegationId
);
id_type!(
    /// A recorded follow-up of an overdue loan.
    FollowUpId
);
id_type!(
    /// A compensation case for an item returned damaged or lost.
    CompensationId
);
id_type!(
    /// A check round (periodic or annual).
    RoundId
);
id_type!(
    /// One expected line of a check round.
    LineId
);
id_type!(
    /// One logged scan of a check round.
    ScanId
);
id_type!(
    /// An item found in a check round that was not on its list.
    UnexpectedId
);
id_type!(
    /// A register change a closed check round proposes.
    ProposalId
);
id_type!(
    /// A material (วัสดุ) of the catalogue.
    MaterialId
);
id_type!(
    /// A type of material (วัสดุสำนักงาน, วัสดุเชื้อเพลิงและหล่อลื่น …).
    MaterialTypeId
);
id_type!(
    /// One entry of a material's stock card.
    MaterialEntryId
);
id_type!(
    /// A receipt of materials (รับเข้า).
    MaterialReceiptId
);
id_type!(
    /// A requisition of materials (ใบเบิกพัสดุ) asked for in the program.
    MaterialRequisitionId
);
id_type!(
    /// A fact-finding case (สอบข้อเท็จจริง, ข้อ ๒๑๔).
    FactFindingId
);
id_type!(
    /// A disposal (การจำหน่ายพัสดุ, ข้อ ๒๑๕–๒๑๗): a batch of items with their methods.
    DisposalId
);
