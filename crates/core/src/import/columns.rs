//! Which column holds what: the fields an import fills, the header names offices use for
//! them, finding the header row under title rows, and suggesting a mapping.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::workbook::{Cell, Sheet};

/// A field of the register a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Field {
    /// รหัส/หมายเลขครุภัณฑ์.
    Code,
    /// ชื่อ/รายการ.
    Name,
    /// ยี่ห้อ.
    Brand,
    /// รุ่น.
    Model,
    /// "ยี่ห้อ/รุ่น" in one column (split at the first slash).
    BrandModel,
    /// หมายเลขเครื่อง.
    SerialNo,
    /// ประเภท.
    Category,
    /// หน่วยนับ.
    Unit,
    /// จำนวน.
    Quantity,
    /// วันที่ได้มา.
    AcquiredOn,
    /// ที่เอกสาร.
    DocumentNo,
    /// วิธีการได้มา.
    AcquisitionMethod,
    /// แหล่งเงิน.
    FundingSource,
    /// ผู้ขาย.
    Vendor,
    /// ราคาต่อหน่วย.
    UnitPrice,
    /// อายุการใช้งาน.
    UsefulLife,
    /// ส่วนราชการ.
    Division,
    /// สถานที่ตั้ง.
    Location,
    /// ผู้รับผิดชอบ.
    Custodian,
    /// สถานะ/สภาพ.
    Status,
    /// หมายเหตุ.
    Notes,
    /// A column the register has no field for ("เลขทะเบียนรถ", "งบประมาณปี"): each value is
    /// kept in the item's notes as "header: value", so nothing the file had is lost. Any
    /// number of columns may be kept this way.
    KeepInNotes,
}

/// Header words per field, already normalised (see [`normalise_header`]). Longer, more
/// specific names are tried first, so "ราคาต่อหน่วย" wins over "ราคา".
const SYNONYMS: &[(Field, &[&str])] = &[
    (
        Field::Code,
        &[
            "รหัสครุภัณฑ์",
            "หมายเลขครุภัณฑ์",
            "เลขทะเบียนครุภัณฑ์",
            "เลขทะเบียน",
            "เลขครุภัณฑ์",
            "รหัสพัสดุ",
            "หมายเลขพัสดุ",
            "รหัส",
            "assetcode",
            "code",
        ],
    ),
    (
        Field::BrandModel,
        &["ยี่ห้อรุ่น", "ยี่ห้อแบบ", "ยี่ห้อชนิดแบบขนาด", "brandmodel"],
    ),
    (
        Field::SerialNo,
        &[
            "หมายเลขประจำเครื่อง",
            "หมายเลขเครื่อง",
            "เลขเครื่อง",
            "serialnumber",
            "serialno",
            "serial",
            "sn",
        ],
    ),
    (
        Field::Name,
        &[
            "ชื่อครุภัณฑ์",
            "ชื่อพัสดุ",
            "ประเภทชนิดลักษณะ",
            "ชื่อชนิด",
            "รายการ",
            "รายละเอียด",
            "ชื่อ",
            "name",
            "description",
            "item",
        ],
    ),
    (Field::Brand, &["ยี่ห้อ", "brand", "make"]),
    (Field::Model, &["รุ่น", "แบบ", "model"]),
    (
        Field::Category,
        &["ประเภทครุภัณฑ์", "หมวดครุภัณฑ์", "ประเภท", "หมวด", "category"],
    ),
    (Field::Unit, &["หน่วยนับ", "หน่วย", "unit"]),
    (Field::Quantity, &["จำนวนหน่วย", "จำนวน", "quantity", "qty"]),
    (
        Field::AcquiredOn,
        &[
            "วันที่ได้มา",
            "วันเดือนปีที่ได้มา",
            "วันที่ซื้อ",
            "วันที่รับ",
            "วันที่ตรวจรับ",
            "วันเดือนปี",
            "วดป",
            "วันที่",
            "dateacquired",
            "date",
        ],
    ),
    (
        Field::DocumentNo,
        &[
            "เลขที่เอกสาร",
            "ที่เอกสาร",
            "เลขที่ใบส่งของ",
            "เลขที่สัญญา",
            "เลขที่ฎีกา",
            "เอกสาร",
            "documentno",
        ],
    ),
    (
        Field::AcquisitionMethod,
        &[
            "วิธีการได้มา",
            "วิธีได้มา",
            "วิธีการจัดซื้อจัดจ้าง",
            "วิธีการจัดซื้อ",
            "วิธีการ",
            "method",
        ],
    ),
    (
        Field::FundingSource,
        &[
            "แหล่งเงิน",
            "แหล่งที่มาของเงิน",
            "ประเภทเงิน",
            "งบประมาณ",
            "funding",
        ],
    ),
    (
        Field::Vendor,
        &[
            "ผู้ขายผู้รับจ้างผู้บริจาค",
            "ผู้ขายผู้รับจ้าง",
            "ผู้ขาย",
            "ผู้รับจ้าง",
            "ผู้บริจาค",
            "ร้านค้า",
            "บริษัท",
            "vendor",
            "supplier",
        ],
    ),
    (
        Field::UnitPrice,
        &[
            "ราคาต่อหน่วย",
            "ราคาหน่วยละ",
            "ราคาทุน",
            "ราคาบาท",
            "ราคา",
            "unitprice",
            "price",
            "cost",
        ],
    ),
    (
        Field::UsefulLife,
        &["อายุการใช้งาน", "อายุการใช้งานปี", "อายุปี", "usefullife"],
    ),
    (
        Field::Division,
        &[
            "ส่วนราชการ",
            "หน่วยงานที่รับผิดชอบ",
            "กองฝ่าย",
            "กอง",
            "หน่วยงาน",
            "division",
            "department",
        ],
    ),
    (
        Field::Location,
        &[
            "สถานที่ตั้ง",
            "สถานที่เก็บ",
            "ที่ตั้ง",
            "สถานที่",
            "ห้อง",
            "location",
            "room",
        ],
    ),
    (
        Field::Custodian,
        &[
            "ผู้รับผิดชอบ",
            "ผู้ใช้ผู้รับผิดชอบ",
            "ผู้ครอบครอง",
            "ผู้ดูแล",
            "ผู้ใช้",
            "custodian",
            "user",
        ],
    ),
    (Field::Status, &["สถานะ", "สภาพ", "status", "condition"]),
    (
        Field::Notes,
        &["หมายเหตุ", "notes", "note", "remark", "remarks"],
    ),
];

/// Headers that are known and deliberately not imported (row numbers, totals).
const IGNORED: &[&str] = &[
    "ลำดับ",
    "ลำดับที่",
    "ที่",
    "no",
    "มูลค่ารวม",
    "ราคารวม",
    "รวมเงิน",
    "จำนวนเงิน",
    "total",
    // The column a file of refused rows adds (phatsadu-forms' `refused`): why the row was
    // left out last time, not a value of the item.
    "เหตุที่ไม่นำเข้า",
];

/// A header as compared: cleaned, lower case, without spaces, dots, slashes, brackets.
pub fn normalise_header(text: &str) -> String {
    crate::text::clean(text)
        .chars()
        .filter(|c| {
            !c.is_whitespace() && !matches!(c, '.' | '/' | '(' | ')' | '-' | '_' | ':' | '*' | '#')
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The field a header names, if any.
pub fn field_for_header(header: &str) -> Option<Field> {
    let h = normalise_header(header);
    if h.is_empty() || IGNORED.contains(&h.as_str()) {
        return None;
    }
    // An exact name first, then the longest known name the header starts with.
    SYNONYMS
        .iter()
        .find(|(_, names)| names.contains(&h.as_str()))
        .map(|(field, _)| *field)
        .or_else(|| {
            SYNONYMS
                .iter()
                .flat_map(|(field, names)| names.iter().map(move |n| (*field, *n)))
                .filter(|(_, name)| name.chars().count() >= 3 && h.starts_with(name))
                .max_by_key(|(_, name)| name.chars().count())
                .map(|(field, _)| field)
        })
}

/// Suggested fields for a header row, each field used at most once (the first column
/// that names it wins). A column whose header names no field of the register (and is not
/// a row number or a total) is kept in the notes, and so is one that only begins with the
/// name of a field already taken ("เลขทะเบียนรถ" beside "รหัสครุภัณฑ์"): it holds something
/// else. A second column named exactly as a taken field is the same value again.
pub fn suggest(headers: &[String]) -> Vec<Option<Field>> {
    let mut used = Vec::new();
    headers
        .iter()
        .map(|h| match field_for_header(h) {
            Some(f) if used.contains(&f) && is_exact_name(h) => None,
            Some(f) if used.contains(&f) => Some(Field::KeepInNotes),
            Some(f) => {
                used.push(f);
                Some(f)
            }
            None if is_unknown_header(h) => Some(Field::KeepInNotes),
            None => None,
        })
        .collect()
}

/// Whether a header is one of the field names as it stands (not only beginning with one).
fn is_exact_name(header: &str) -> bool {
    let h = normalise_header(header);
    SYNONYMS
        .iter()
        .any(|(_, names)| names.contains(&h.as_str()))
}

/// A header with text that names no field and is not one deliberately left out.
fn is_unknown_header(header: &str) -> bool {
    let h = normalise_header(header);
    !h.is_empty() && !IGNORED.contains(&h.as_str())
}

/// The row holding the headers: among the first 30, the one naming the most fields
/// (at least two). Title rows above it ("ทะเบียนครุภัณฑ์ อบต. ...") are skipped.
pub fn find_header_row(sheet: &Sheet) -> Option<usize> {
    sheet
        .rows
        .iter()
        .take(30)
        .enumerate()
        .map(|(i, row)| {
            let headers: Vec<String> = row.iter().map(Cell::display).collect();
            let named = suggest(&headers)
                .iter()
                .flatten()
                .filter(|f| **f != Field::KeepInNotes)
                .count();
            (i, named)
        })
        .filter(|(_, score)| *score >= 2)
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(i, _)| i)
}

/// The header texts of a row.
pub fn headers_of(sheet: &Sheet, header_row: usize) -> Vec<String> {
    sheet
        .rows
        .get(header_row)
        .map(|row| {
            row.iter()
                .map(|c| crate::text::clean(&c.display()))
                .collect()
        })
        .unwrap_or_default()
}

/// The key under which a mapping is remembered: the normalised headers in order.
pub fn signature(headers: &[String]) -> String {
    headers
        .iter()
        .map(|h| normalise_header(h))
        .collect::<Vec<_>>()
        .join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_names_offices_use() {
        let cases = [
            ("รหัสครุภัณฑ์", Some(Field::Code)),
            ("หมายเลขครุภัณฑ์", Some(Field::Code)),
            ("เลขทะเบียน", Some(Field::Code)),
            ("ราคาต่อหน่วย", Some(Field::UnitPrice)),
            ("ราคา (บาท)", Some(Field::UnitPrice)),
            ("ราคาต่อหน่วย (บาท)", Some(Field::UnitPrice)),
            ("ยี่ห้อ/รุ่น", Some(Field::BrandModel)),
            ("ยี่ห้อ", Some(Field::Brand)),
            ("วัน เดือน ปี", Some(Field::AcquiredOn)),
            ("ว/ด/ป ที่ได้มา", Some(Field::AcquiredOn)),
            ("สถานที่ตั้ง/ผู้ใช้", Some(Field::Location)),
            ("ผู้ขาย/ผู้รับจ้าง/ผู้บริจาค", Some(Field::Vendor)),
            ("ลำดับที่", None),
            ("มูลค่ารวม", None),
            ("คอลัมน์แปลก", None),
            ("ทะเบียนรถ", None),
            ("", None),
        ];
        for (header, field) in cases {
            assert_eq!(field_for_header(header), field, "{header}");
        }
    }

    #[test]
    fn each_field_is_suggested_once() {
        let headers: Vec<String> = [
            "ที่",
            "รหัส",
            "รายการ",
            "ราคา",
            "ราคาต่อหน่วย",
            "รหัสครุภัณฑ์",
            "เลขทะเบียนรถ",
            "ทะเบียนรถ",
            "",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            suggest(&headers),
            vec![
                None,
                Some(Field::Code),
                Some(Field::Name),
                Some(Field::UnitPrice),
                None,
                None,
                Some(Field::KeepInNotes),
                Some(Field::KeepInNotes),
                None
            ]
        );
    }

    #[test]
    fn the_header_row_is_found_under_title_rows() {
        let text = |t: &str| Cell::Text(t.into());
        let sheet = Sheet {
            name: "สำนักปลัด".into(),
            rows: vec![
                vec![
                    text("ทะเบียนครุภัณฑ์ องค์การบริหารส่วนตำบลแม่กรณ์"),
                    Cell::Empty,
                    Cell::Empty,
                ],
                vec![text("ประจำปีงบประมาณ 2568"), Cell::Empty, Cell::Empty],
                vec![Cell::Empty, Cell::Empty, Cell::Empty],
                vec![text("ลำดับ"), text("หมายเลขครุภัณฑ์"), text("รายการ")],
                vec![Cell::Number(1.0), text("416-68-0001"), text("คอมพิวเตอร์")],
            ],
        };
        assert_eq!(find_header_row(&sheet), Some(3));
        assert_eq!(headers_of(&sheet, 3), ["ลำดับ", "หมายเลขครุภัณฑ์", "รายการ"]);
        let no_headers = Sheet {
            name: "x".into(),
            rows: vec![vec![text("a"), text("b")]],
        };
        assert_eq!(find_header_row(&no_headers), None);
    }
}
