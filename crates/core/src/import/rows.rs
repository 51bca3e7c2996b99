//! Reading one spreadsheet row: is it data, a category sub-heading, a subtotal or blank,
//! and if data, what does each cell mean? Every problem becomes a named issue; nothing is
//! dropped without a reason.

use chrono::{Duration, NaiveDate};

use super::code_range::{CodeCell, read_code};
use super::columns::Field;
use super::values::{ImportedAsset, RowIssue, Severity, Source};
use super::workbook::Cell;
use crate::assets::AssetStatus;
use crate::money::Satang;
use crate::text;

/// What a row turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum RowKind {
    /// Nothing in it.
    Blank,
    /// A "รวม ..." line.
    Subtotal,
    /// The header repeated (sheets printed with a header on every page).
    RepeatedHeader,
    /// A sub-heading naming the category of the rows below it.
    Heading(String),
    /// An item.
    Data(Box<ImportedAsset>, Vec<RowIssue>),
}

/// A cell's text, cleaned. A cell holding only dashes or dots ("-", "–", "...") is
/// how registers kept by hand say "nothing here", so it reads as empty.
fn text_of(cell: &Cell) -> String {
    let text = match cell {
        Cell::Empty => return String::new(),
        Cell::Text(t) => text::clean(t),
        other => text::clean(&other.display()),
    };
    if text
        .chars()
        .all(|c| matches!(c, '-' | '–' | '—' | '.' | ' '))
    {
        String::new()
    } else {
        text
    }
}

/// Reads a date cell, an Excel serial number or B.E. text.
fn read_date(cell: &Cell, issues: &mut Vec<RowIssue>) -> Option<NaiveDate> {
    match cell {
        Cell::Date(d) => Some(*d),
        Cell::Number(n) if (1.0..2_958_466.0).contains(n) => {
            // An Excel serial day number that lost its date format.
            NaiveDate::from_ymd_opt(1899, 12, 30)
                .and_then(|epoch| epoch.checked_add_signed(Duration::days(*n as i64)))
        }
        Cell::Empty => None,
        other => {
            let written = text_of(other);
            if written.is_empty() {
                return None;
            }
            match crate::calendar::parse_date(&written) {
                Ok(d) => Some(d),
                Err(e) => {
                    issues.push(RowIssue::new(
                        Severity::Error,
                        "bad_date",
                        Some(Field::AcquiredOn),
                        &written,
                        e.to_string(),
                    ));
                    None
                }
            }
        }
    }
}

/// Reads a price: a number cell, or text such as "25,000.00 บาท" or Thai digits.
fn read_price(cell: &Cell, issues: &mut Vec<RowIssue>) -> Option<Satang> {
    match cell {
        Cell::Empty => None,
        Cell::Number(n) if *n < 0.0 => {
            issues.push(RowIssue::new(
                Severity::Error,
                "negative_price",
                Some(Field::UnitPrice),
                &cell.display(),
                "negative price",
            ));
            None
        }
        Cell::Number(n) => Some(Satang((n * 100.0).round() as i64)),
        other => {
            let written = text_of(other);
            if written.is_empty() {
                return None;
            }
            let parsed = Satang::parse(&written);
            if parsed.is_none() {
                let code = if written.trim_start().starts_with('-') {
                    "negative_price"
                } else {
                    "bad_price"
                };
                issues.push(RowIssue::new(
                    Severity::Error,
                    code,
                    Some(Field::UnitPrice),
                    &written,
                    "not an amount of baht",
                ));
            }
            parsed
        }
    }
}

fn read_whole(cell: &Cell, field: Field, issues: &mut Vec<RowIssue>) -> Option<u32> {
    let written = text_of(cell);
    if written.is_empty() {
        return None;
    }
    let digits = crate::calendar::to_arabic_digits(&written);
    let number = digits
        .trim_end_matches(|c: char| !c.is_ascii_digit())
        .trim()
        .parse::<u32>()
        .ok();
    if number.is_none() {
        issues.push(RowIssue::new(
            Severity::Error,
            "bad_number",
            Some(field),
            &written,
            "not a whole number",
        ));
    }
    number
}

/// Whether a (cleaned) text reads like a subtotal line.
fn is_subtotal(text: &str) -> bool {
    // Nearly every cell of a register starts otherwise: decide those without allocating.
    if !text.starts_with(['ร', 'ย', 't', 'T', 's', 'S']) {
        return false;
    }
    let bare: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    ["รวม", "ยอดรวม", "รวมทั้งสิ้น", "รวมเงิน", "total", "subtotal"]
        .iter()
        .any(|w| bare.starts_with(w))
}

/// The status from its column, else from a remark that names one ("ชำรุด", "จำหน่ายแล้ว
/// 2566"), each read from a remark with a warning so the officer sees it. A status word
/// the program does not know is kept in the notes, so the file's value is not lost.
fn read_status(
    written: &str,
    notes: &mut String,
    issues: &mut Vec<RowIssue>,
) -> (AssetStatus, Option<Source>) {
    let in_notes = AssetStatus::named_in(notes);
    if !written.is_empty() {
        if let Some(status) = AssetStatus::from_thai(written) {
            if let Some(other) = in_notes.filter(|s| *s != status) {
                issues.push(
                    RowIssue::new(
                        Severity::Warning,
                        "status_notes_differ",
                        Some(Field::Notes),
                        notes,
                        format!(
                            "the remark says {}; the status column's {} is kept",
                            other.thai(),
                            status.thai()
                        ),
                    )
                    .with_detail(other.thai()),
                );
            }
            return (status, Some(Source::Column));
        }
        issues.push(RowIssue::new(
            Severity::Warning,
            "unknown_status",
            Some(Field::Status),
            written,
            "unknown status; kept in the notes",
        ));
        let kept = format!("สภาพตามไฟล์: {written}");
        *notes = if notes.is_empty() {
            kept
        } else {
            format!("{notes} ({kept})")
        };
    }
    match in_notes {
        Some(status) => {
            issues.push(
                RowIssue::new(
                    Severity::Warning,
                    "status_from_notes",
                    Some(Field::Status),
                    notes,
                    format!("status {} read from the remark", status.thai()),
                )
                .with_detail(status.thai()),
            );
            (status, Some(Source::Notes))
        }
        None => (AssetStatus::InUse, None),
    }
}

/// Interprets row `cells` with `mapping` (one optional field per column).
pub(crate) fn interpret(cells: &[Cell], mapping: &[Option<Field>], headers: &[String]) -> RowKind {
    // Each cell cleaned once; everything below reads these.
    let texts: Vec<String> = cells.iter().map(text_of).collect();
    let filled: Vec<usize> = (0..cells.len()).filter(|i| !texts[*i].is_empty()).collect();
    if filled.is_empty() {
        return RowKind::Blank;
    }
    if filled.iter().any(|i| is_subtotal(&texts[*i])) {
        return RowKind::Subtotal;
    }
    if !headers.is_empty()
        && texts
            .iter()
            .zip(headers)
            .filter(|(t, h)| !h.is_empty() && *t == *h)
            .count()
            >= 2
    {
        return RowKind::RepeatedHeader;
    }
    let column = |field: Field| mapping.iter().position(|f| *f == Some(field));
    let cell = |field: Field| -> Option<&Cell> { column(field).and_then(|i| cells.get(i)) };
    let text = |field: Field| {
        column(field)
            .and_then(|i| texts.get(i))
            .cloned()
            .unwrap_or_default()
    };
    // One text across the row (a single cell, or one merged across every column) is a
    // sub-heading such as "ครุภัณฑ์สำนักงาน" above the rows of that category.
    let first = &texts[filled[0]];
    if filled
        .iter()
        .all(|i| texts[*i] == *first && matches!(cells[*i], Cell::Text(_)))
    {
        let is_code_only = filled.len() == 1 && column(Field::Code) == Some(filled[0]);
        if !is_code_only {
            return RowKind::Heading(first.clone());
        }
    }
    let mut issues = Vec::new();
    let (brand, model) = match column(Field::BrandModel).and_then(|i| texts.get(i).cloned()) {
        Some(both) if !both.is_empty() => match both.split_once('/') {
            Some((b, m)) => (b.trim().to_owned(), m.trim().to_owned()),
            None => (both, String::new()),
        },
        _ => (text(Field::Brand), text(Field::Model)),
    };
    let written_quantity =
        cell(Field::Quantity).and_then(|c| read_whole(c, Field::Quantity, &mut issues));
    // Codes are kept with Arabic digits, as labels and QR codes print them.
    let code_text = crate::calendar::to_arabic_digits(&text(Field::Code));
    let (code, last_code, quantity, code_source) = match read_code(&code_text, written_quantity) {
        CodeCell::Single(code) => {
            let source = (!code.is_empty()).then_some(Source::Column);
            (code, String::new(), written_quantity.unwrap_or(1), source)
        }
        CodeCell::Range { first, last, count } => {
            if let Some(written) = written_quantity.filter(|q| *q != count) {
                issues.push(
                    RowIssue::new(
                        Severity::Error,
                        "range_quantity",
                        Some(Field::Quantity),
                        &written.to_string(),
                        format!(
                            "the range {code_text} holds {count} codes, the quantity says {written}"
                        ),
                    )
                    .with_detail(count.to_string()),
                );
            }
            (first, last, count, Some(Source::CodeRange))
        }
        CodeCell::BadRange(why) => {
            issues.push(RowIssue::new(
                Severity::Error,
                "bad_code_range",
                Some(Field::Code),
                &code_text,
                why,
            ));
            (
                code_text.clone(),
                String::new(),
                written_quantity.unwrap_or(1),
                None,
            )
        }
    };
    let mut notes = text(Field::Notes);
    // Columns the register has no field for, kept in the notes under their header.
    for (i, field) in mapping.iter().enumerate() {
        if *field == Some(Field::KeepInNotes)
            && let Some(value) = texts.get(i).filter(|v| !v.is_empty())
        {
            let header = headers.get(i).map_or("", String::as_str);
            let kept = if header.is_empty() {
                value.clone()
            } else {
                format!("{header}: {value}")
            };
            notes = if notes.is_empty() {
                kept
            } else {
                format!("{notes}; {kept}")
            };
        }
    }
    let (status, status_source) = read_status(&text(Field::Status), &mut notes, &mut issues);
    let asset = ImportedAsset {
        code,
        last_code,
        name: text(Field::Name),
        brand: Some(text(Field::Brand))
            .filter(|b| !b.is_empty())
            .unwrap_or(brand),
        model: Some(text(Field::Model))
            .filter(|m| !m.is_empty())
            .unwrap_or(model),
        serial_no: text(Field::SerialNo),
        category: text(Field::Category),
        unit: text(Field::Unit),
        quantity,
        acquired_on: cell(Field::AcquiredOn).and_then(|c| read_date(c, &mut issues)),
        document_no: text(Field::DocumentNo),
        acquisition_method: text(Field::AcquisitionMethod),
        funding_source: text(Field::FundingSource),
        vendor: text(Field::Vendor),
        unit_price: cell(Field::UnitPrice).and_then(|c| read_price(c, &mut issues)),
        useful_life_years: cell(Field::UsefulLife)
            .and_then(|c| read_whole(c, Field::UsefulLife, &mut issues)),
        division: text(Field::Division),
        location: text(Field::Location),
        custodian: text(Field::Custodian),
        status,
        notes,
        sources: super::values::Sources {
            code: code_source,
            status: status_source,
            ..Default::default()
        },
    };
    RowKind::Data(Box::new(asset), issues)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    fn mapping() -> Vec<Option<Field>> {
        vec![
            Some(Field::Code),
            Some(Field::Name),
            Some(Field::BrandModel),
            Some(Field::AcquiredOn),
            Some(Field::UnitPrice),
            Some(Field::Status),
        ]
    }

    fn data(cells: Vec<Cell>) -> (ImportedAsset, Vec<RowIssue>) {
        match interpret(&cells, &mapping(), &[]) {
            RowKind::Data(a, i) => (*a, i),
            other => panic!("expected data, got {other:?}"),
        }
    }

    #[test]
    fn a_messy_but_good_row() {
        let (asset, issues) = data(vec![
            t(" ๔๑๖-๖๘-๐๐๐๑\u{00A0}"),
            t("เครื่อง\u{200B}คอมพิวเตอร์  ตั้งโต๊ะ"),
            t("Dell / OptiPlex 3000"),
            t("15 มี.ค. 2565"),
            t("25,000.00 บาท"),
            t("ปกติ"),
        ]);
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(asset.code, "416-68-0001", "Thai digits stored as Arabic");
        assert_eq!(asset.name, "เครื่องคอมพิวเตอร์ ตั้งโต๊ะ");
        assert_eq!(
            (asset.brand.as_str(), asset.model.as_str()),
            ("Dell", "OptiPlex 3000")
        );
        assert_eq!(asset.acquired_on, NaiveDate::from_ymd_opt(2022, 3, 15));
        assert_eq!(asset.unit_price, Some(Satang(2_500_000)));
        assert_eq!(asset.status, AssetStatus::InUse);
        assert_eq!(asset.quantity, 1);
    }

    #[test]
    fn date_cells_serial_numbers_and_numbers() {
        let (asset, _) = data(vec![
            t("1"),
            t("โต๊ะ"),
            Cell::Empty,
            Cell::Date(NaiveDate::from_ymd_opt(2024, 10, 1).unwrap()),
            Cell::Number(2500.5),
            Cell::Empty,
        ]);
        assert_eq!(asset.acquired_on, NaiveDate::from_ymd_opt(2024, 10, 1));
        assert_eq!(asset.unit_price, Some(Satang(250_050)));
        let (asset, _) = data(vec![
            t("1"),
            t("โต๊ะ"),
            Cell::Empty,
            Cell::Number(45566.0),
            Cell::Empty,
            Cell::Empty,
        ]);
        assert_eq!(
            asset.acquired_on,
            NaiveDate::from_ymd_opt(2024, 10, 1),
            "Excel serial 45566"
        );
    }

    #[test]
    fn bad_values_name_their_field() {
        let (_, issues) = data(vec![
            t("1"),
            t("โต๊ะ"),
            Cell::Empty,
            t("31/02/2567"),
            t("สองพัน"),
            t("ยืมไป"),
        ]);
        let codes: Vec<_> = issues
            .iter()
            .map(|i| (i.code.as_str(), i.field, i.severity))
            .collect();
        assert_eq!(
            codes,
            [
                ("unknown_status", Some(Field::Status), Severity::Warning),
                ("bad_date", Some(Field::AcquiredOn), Severity::Error),
                ("bad_price", Some(Field::UnitPrice), Severity::Error),
            ]
        );
        let (_, issues) = data(vec![
            t("1"),
            t("โต๊ะ"),
            Cell::Empty,
            Cell::Empty,
            Cell::Number(-5.0),
            Cell::Empty,
        ]);
        assert_eq!(issues[0].code, "negative_price");
        let (_, issues) = data(vec![
            t("1"),
            t("โต๊ะ"),
            Cell::Empty,
            Cell::Empty,
            t("-1,000"),
            Cell::Empty,
        ]);
        assert_eq!(issues[0].code, "negative_price");
    }

    #[test]
    fn blanks_subtotals_headings_and_repeated_headers() {
        let m = mapping();
        assert_eq!(
            interpret(&[Cell::Empty, t(" \u{00A0}")], &m, &[]),
            RowKind::Blank
        );
        assert_eq!(
            interpret(
                &[
                    Cell::Empty,
                    t("รวม ครุภัณฑ์สำนักงาน"),
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Number(5000.0)
                ],
                &m,
                &[]
            ),
            RowKind::Subtotal
        );
        assert_eq!(
            interpret(
                &[
                    Cell::Empty,
                    t("รวมทั้งสิ้น"),
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Number(5000.0)
                ],
                &m,
                &[]
            ),
            RowKind::Subtotal
        );
        assert_eq!(
            interpret(&[Cell::Empty, t(" ครุภัณฑ์สำนักงาน ")], &m, &[]),
            RowKind::Heading("ครุภัณฑ์สำนักงาน".into())
        );
        let merged = vec![t("ครุภัณฑ์คอมพิวเตอร์"); 6];
        assert_eq!(
            interpret(&merged, &m, &[]),
            RowKind::Heading("ครุภัณฑ์คอมพิวเตอร์".into()),
            "a heading merged across the row"
        );
        assert!(
            matches!(interpret(&[t("416-68-0001")], &m, &[]), RowKind::Data(..)),
            "a code alone is an item with errors, not a heading"
        );
        let headers: Vec<String> = ["รหัส", "รายการ"].iter().map(|s| s.to_string()).collect();
        assert_eq!(
            interpret(&[t("รหัส"), t("รายการ")], &m, &headers),
            RowKind::RepeatedHeader
        );
    }
}
