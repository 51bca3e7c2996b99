//! The states an asset can be in (regulation.md, "Statuses").

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An asset's recorded status. "On loan" is not one of them: it follows from open loans.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS,
)]
#[serde(rename_all = "snake_case")]
pub enum AssetStatus {
    /// ใช้งานได้.
    #[default]
    InUse,
    /// ชำรุด.
    Damaged,
    /// ส่งซ่อม.
    UnderRepair,
    /// เสื่อมสภาพ.
    Deteriorated,
    /// สูญไป.
    Lost,
    /// ไม่จำเป็นต้องใช้.
    NotNeeded,
    /// รอจำหน่าย.
    AwaitingDisposal,
    /// จำหน่ายแล้ว: stays in the register, read-only.
    Disposed,
}

impl AssetStatus {
    /// Every status, in the order forms list them.
    pub const ALL: [AssetStatus; 8] = [
        AssetStatus::InUse,
        AssetStatus::Damaged,
        AssetStatus::UnderRepair,
        AssetStatus::Deteriorated,
        AssetStatus::Lost,
        AssetStatus::NotNeeded,
        AssetStatus::AwaitingDisposal,
        AssetStatus::Disposed,
    ];

    /// The stored code (same as the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            AssetStatus::InUse => "in_use",
            AssetStatus::Damaged => "damaged",
            AssetStatus::UnderRepair => "under_repair",
            AssetStatus::Deteriorated => "deteriorated",
            AssetStatus::Lost => "lost",
            AssetStatus::NotNeeded => "not_needed",
            AssetStatus::AwaitingDisposal => "awaiting_disposal",
            AssetStatus::Disposed => "disposed",
        }
    }

    /// Reads a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == code)
    }

    /// The Thai word printed on forms and spreadsheets.
    pub fn thai(self) -> &'static str {
        match self {
            AssetStatus::InUse => "ใช้งานได้",
            AssetStatus::Damaged => "ชำรุด",
            AssetStatus::UnderRepair => "ส่งซ่อม",
            AssetStatus::Deteriorated => "เสื่อมสภาพ",
            AssetStatus::Lost => "สูญไป",
            AssetStatus::NotNeeded => "ไม่จำเป็นต้องใช้",
            AssetStatus::AwaitingDisposal => "รอจำหน่าย",
            AssetStatus::Disposed => "จำหน่ายแล้ว",
        }
    }

    /// Reads the Thai word back (imports), ignoring spaces.
    pub fn from_thai(text: &str) -> Option<Self> {
        let bare: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        Self::ALL
            .into_iter()
            .find(|s| s.thai() == bare)
            .or(match bare.as_str() {
                "ปกติ" | "ใช้งาน" | "ใช้การได้" | "ดี" => {
                    Some(AssetStatus::InUse)
                }
                "ชำรุดเสียหาย" | "เสีย" => {
                    Some(AssetStatus::Damaged)
                }
                "ซ่อม" | "อยู่ระหว่างซ่อม" => {
                    Some(AssetStatus::UnderRepair)
                }
                "สูญหาย" | "หาย" => Some(AssetStatus::Lost),
                "จำหน่าย" => Some(AssetStatus::Disposed),
                _ => None,
            })
    }
}

impl rusqlite::types::FromSql for AssetStatus {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let code = value.as_str()?;
        Self::from_code(code).ok_or_else(|| {
            rusqlite::types::FromSqlError::Other(format!("unknown status {code}").into())
        })
    }
}

impl rusqlite::ToSql for AssetStatus {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_thai_words_round_trip() {
        for status in AssetStatus::ALL {
            assert_eq!(AssetStatus::from_code(status.as_str()), Some(status));
            assert_eq!(AssetStatus::from_thai(status.thai()), Some(status));
            assert_eq!(serde_json::to_value(status).unwrap(), status.as_str());
        }
        assert_eq!(
            AssetStatus::from_thai(" ใช้งาน ได้ "),
            Some(AssetStatus::InUse)
        );
        assert_eq!(AssetStatus::from_thai("สูญหาย"), Some(AssetStatus::Lost));
        assert_eq!(
            AssetStatus::from_thai("ถูกยืม"),
            None,
            "on loan is derived, not typed"
        );
    }
}
