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

/// Words a remark uses for an item's state, longest first at each place. `None` marks a
/// phrase that names no status but contains one's word ("ซ่อมแล้ว" is repaired, not under
/// repair; "ไม่ชำรุด" is not damaged), so that word is not read inside it.
const REMARK_WORDS: &[(&str, Option<AssetStatus>)] = &[
    ("ไม่จำเป็นต้องใช้", Some(AssetStatus::NotNeeded)),
    ("ไม่ได้ใช้งาน", Some(AssetStatus::NotNeeded)),
    ("ไม่ใช้แล้ว", Some(AssetStatus::NotNeeded)),
    ("ใช้งานไม่ได้", Some(AssetStatus::Damaged)),
    ("ใช้การไม่ได้", Some(AssetStatus::Damaged)),
    ("ขออนุมัติจำหน่าย", Some(AssetStatus::AwaitingDisposal)),
    ("ขอจำหน่าย", Some(AssetStatus::AwaitingDisposal)),
    ("เสนอจำหน่าย", Some(AssetStatus::AwaitingDisposal)),
    ("รอการจำหน่าย", Some(AssetStatus::AwaitingDisposal)),
    ("รอจำหน่าย", Some(AssetStatus::AwaitingDisposal)),
    ("จำหน่ายแล้ว", Some(AssetStatus::Disposed)),
    ("แทงจำหน่าย", Some(AssetStatus::Disposed)),
    ("ตัดจำหน่าย", Some(AssetStatus::Disposed)),
    ("จำหน่าย", Some(AssetStatus::Disposed)),
    ("อยู่ระหว่างซ่อม", Some(AssetStatus::UnderRepair)),
    ("ระหว่างซ่อม", Some(AssetStatus::UnderRepair)),
    ("ส่งซ่อม", Some(AssetStatus::UnderRepair)),
    ("ซ่อมแล้ว", None),
    ("รอซ่อม", Some(AssetStatus::Damaged)),
    ("ไม่ชำรุด", None),
    ("ชำรุด", Some(AssetStatus::Damaged)),
    ("เสื่อมสภาพ", Some(AssetStatus::Deteriorated)),
    ("สูญหาย", Some(AssetStatus::Lost)),
    ("สูญไป", Some(AssetStatus::Lost)),
    ("หายไป", Some(AssetStatus::Lost)),
];

/// When a remark names several states, the one it ends in: an item damaged and then
/// disposed of is disposed; damaged and sent for repair is under repair.
const LATEST_FIRST: [AssetStatus; 7] = [
    AssetStatus::Disposed,
    AssetStatus::AwaitingDisposal,
    AssetStatus::Lost,
    AssetStatus::UnderRepair,
    AssetStatus::Damaged,
    AssetStatus::Deteriorated,
    AssetStatus::NotNeeded,
];

impl AssetStatus {
    /// The status a remark names ("ชำรุด", "ส่งซ่อม", "จำหน่ายแล้ว 2566"), if any: where it
    /// names several, the latest in an item's life (see `LATEST_FIRST`). "In use" is never
    /// read from a remark: it is what an item is unless something else is said.
    pub fn named_in(remark: &str) -> Option<AssetStatus> {
        let bare: String = remark.chars().filter(|c| !c.is_whitespace()).collect();
        let mut found = Vec::new();
        let mut rest = bare.as_str();
        while let Some(c) = rest.chars().next() {
            match REMARK_WORDS.iter().find(|(word, _)| rest.starts_with(word)) {
                Some((word, status)) => {
                    found.extend(*status);
                    rest = &rest[word.len()..];
                }
                None => rest = &rest[c.len_utf8()..],
            }
        }
        LATEST_FIRST.into_iter().find(|s| found.contains(s))
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

    #[test]
    fn remarks_that_name_a_status() {
        let cases = [
            ("ชำรุด", Some(AssetStatus::Damaged)),
            ("ส่งซ่อม ร้านสมชาย 12/2567", Some(AssetStatus::UnderRepair)),
            ("เสื่อมสภาพ", Some(AssetStatus::Deteriorated)),
            ("จำหน่ายแล้ว 2566", Some(AssetStatus::Disposed)),
            ("รอจำหน่าย", Some(AssetStatus::AwaitingDisposal)),
            ("ชำรุด จำหน่ายแล้ว ๒๕๖๖", Some(AssetStatus::Disposed)),
            ("ชำรุด ส่งซ่อมแล้ว", Some(AssetStatus::UnderRepair)),
            ("สูญหาย แจ้งความแล้ว", Some(AssetStatus::Lost)),
            ("ไม่จำเป็นต้องใช้", Some(AssetStatus::NotNeeded)),
            ("ซ่อมแล้ว ใช้งานได้", None),
            ("ไม่ชำรุด", None),
            ("ย้ายจากห้องประชุม", None),
            ("", None),
        ];
        for (remark, status) in cases {
            assert_eq!(AssetStatus::named_in(remark), status, "{remark}");
        }
    }
}
