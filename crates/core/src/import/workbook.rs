//! Reading a spreadsheet file into plain sheets of cells.
//!
//! Excel (.xlsx, .xls, .xlsb), OpenDocument (.ods) and CSV are read with well-kept crates
//! (calamine, csv, encoding_rs). CSV arrives as UTF-8 (with or without a byte-order
//! mark) or as Windows-874/TIS-620, which older Thai programs write; comma, semicolon
//! and tab separators are recognised. Merged cells are filled with their top-left value,
//! so a division name merged down a column applies to every row it covers.

use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};
use chrono::{Datelike, NaiveDate};

use crate::error::{Error, Result};

/// Largest file accepted (a 100,000-row register is about 8 MB as .xlsx).
pub const MAX_FILE_BYTES: usize = 40 * 1024 * 1024;

/// One cell's value, as the import understands it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing in it.
    Empty,
    /// Text (not yet cleaned).
    Text(String),
    /// A number.
    Number(f64),
    /// A date cell.
    Date(NaiveDate),
}

impl Cell {
    /// The cell as people would read it.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.to_string(),
        }
    }

    /// Whether the cell holds nothing visible.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => crate::text::clean(t).is_empty(),
            _ => false,
        }
    }
}

/// A sheet: its name and its rows (row 0 is the spreadsheet's row 1).
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The tab's name (for CSV, the file name).
    pub name: String,
    /// Rows of cells.
    pub rows: Vec<Vec<Cell>>,
}

/// What kind of file it was, and its sheets.
#[derive(Debug, Clone, PartialEq)]
pub struct Workbook {
    /// e.g. `xlsx`, `csv (UTF-8)`, `csv (Windows-874)`.
    pub format: String,
    /// Its sheets in order.
    pub sheets: Vec<Sheet>,
}

/// Why a whole file is refused, as the error's field (`file.empty`, …) so that the UI
/// can say it in Thai.
#[derive(Debug, Clone, Copy)]
enum Refusal {
    Empty,
    TooLarge,
    Password,
    NotSpreadsheet,
    Damaged,
}

fn refuse_as(kind: Refusal, reason: impl Into<String>) -> Error {
    let field = match kind {
        Refusal::Empty => "file.empty",
        Refusal::TooLarge => "file.tooLarge",
        Refusal::Password => "file.password",
        Refusal::NotSpreadsheet => "file.notSpreadsheet",
        Refusal::Damaged => "file.damaged",
    };
    Error::invalid(field, reason)
}

/// Reads `bytes` (the contents of `file_name`) into sheets.
pub fn read(file_name: &str, bytes: &[u8]) -> Result<Workbook> {
    if bytes.is_empty() {
        return Err(refuse_as(Refusal::Empty, "the file is empty"));
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(refuse_as(
            Refusal::TooLarge,
            format!("larger than {} MB", MAX_FILE_BYTES / 1024 / 1024),
        ));
    }
    let lower = file_name.to_lowercase();
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    let is_ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    if is_ole && contains(bytes, &utf16("EncryptedPackage")) {
        // An .xlsx saved with a password is an encrypted OLE container.
        return Err(refuse_as(
            Refusal::Password,
            "the spreadsheet is password-protected; save a copy without a password",
        ));
    }
    if is_zip || is_ole {
        return read_workbook(bytes);
    }
    if lower.ends_with(".xlsx")
        || lower.ends_with(".xls")
        || lower.ends_with(".ods")
        || lower.ends_with(".xlsb")
    {
        return Err(refuse_as(
            Refusal::NotSpreadsheet,
            "not a spreadsheet (the file is damaged or of another kind)",
        ));
    }
    read_csv(file_name, bytes)
}

fn utf16(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn read_workbook(bytes: &[u8]) -> Result<Workbook> {
    // An .xlsx keeps its merged cells after each sheet's data, so finding them means
    // parsing every sheet's XML a second time: do that on the other core meanwhile.
    std::thread::scope(|scope| {
        let merges = scope.spawn(|| xlsx_merged_regions(bytes));
        let mut book = read_sheets(bytes)?;
        if let Ok(Some(merges)) = merges.join() {
            for sheet in &mut book.sheets {
                for region in merges.iter().filter(|(name, _)| *name == sheet.name) {
                    fill_merged(&mut sheet.rows, region.1.start, region.1.end);
                }
            }
        }
        Ok(book)
    })
}

/// The merged regions of an .xlsx by sheet name, or `None` for other formats (whose
/// readers report merges without a second pass) and files calamine cannot open.
fn xlsx_merged_regions(bytes: &[u8]) -> Option<Vec<(String, calamine::Dimensions)>> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).ok()?;
    let calamine::Sheets::Xlsx(xlsx) = &mut book else {
        return None;
    };
    let mut regions = Vec::new();
    for name in xlsx.sheet_names() {
        for dimensions in xlsx.merge_cells_by_sheet_name(&name).unwrap_or_default() {
            regions.push((name.clone(), dimensions));
        }
    }
    Some(regions)
}

/// Every sheet's cells; merged cells filled for .xls (see [`read_workbook`] for .xlsx).
fn read_sheets(bytes: &[u8]) -> Result<Workbook> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        let text = e.to_string();
        if text.to_lowercase().contains("password") {
            refuse_as(
                Refusal::Password,
                "the spreadsheet is password-protected; save a copy without a password",
            )
        } else {
            refuse_as(
                Refusal::NotSpreadsheet,
                format!("not a spreadsheet ({text})"),
            )
        }
    })?;
    let format = match &book {
        calamine::Sheets::Xls(_) => "xls",
        calamine::Sheets::Xlsx(_) => "xlsx",
        calamine::Sheets::Xlsb(_) => "xlsb",
        calamine::Sheets::Ods(_) => "ods",
    }
    .to_owned();
    let names = book.sheet_names();
    let mut sheets = Vec::with_capacity(names.len());
    for name in names {
        let range = book.worksheet_range(&name).map_err(|e| {
            refuse_as(
                Refusal::Damaged,
                format!("sheet {name} cannot be read ({e})"),
            )
        })?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let width = range.width() + left as usize;
        let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); top as usize];
        rows.extend(range.rows().map(|row| {
            let mut cells = vec![Cell::Empty; left as usize];
            cells.extend(row.iter().map(cell_of));
            cells.resize(width, Cell::Empty);
            cells
        }));
        let merged = match &mut book {
            calamine::Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            _ => Vec::new(),
        };
        for region in merged {
            fill_merged(&mut rows, region.start, region.end);
        }
        sheets.push(Sheet { name, rows });
    }
    Ok(Workbook { format, sheets })
}

/// Copies a merged region's top-left value into every cell it covers.
fn fill_merged(rows: &mut [Vec<Cell>], start: (u32, u32), end: (u32, u32)) {
    let (r0, c0) = (start.0 as usize, start.1 as usize);
    let Some(value) = rows.get(r0).and_then(|r| r.get(c0)).cloned() else {
        return;
    };
    for r in r0..=(end.0 as usize).min(rows.len().saturating_sub(1)) {
        for c in c0..=end.1 as usize {
            if let Some(cell) = rows[r].get_mut(c)
                && (r, c) != (r0, c0)
            {
                *cell = value.clone();
            }
        }
    }
}

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.into()),
        Data::DateTime(dt) => dt
            .as_datetime()
            .map(|d| Cell::Date(be_typed_into_ad(d.date())))
            .unwrap_or(Cell::Number(dt.as_f64())),
        Data::DateTimeIso(s) => NaiveDate::parse_from_str(&s[..s.len().min(10)], "%Y-%m-%d")
            .map(|d| Cell::Date(be_typed_into_ad(d)))
            .unwrap_or_else(|_| Cell::Text(s.clone())),
        Data::DurationIso(s) => Cell::Text(s.clone()),
    }
}

/// A date cell whose year is 2400 or later was a B.E. date typed into an Excel that
/// thought it A.D. (a common slip in Thai offices): take 543 years off.
fn be_typed_into_ad(date: NaiveDate) -> NaiveDate {
    if date.year() >= 2400 {
        date.with_year(date.year() - 543).unwrap_or(date)
    } else {
        date
    }
}

/// Reads CSV text in whichever encoding and separator it uses.
fn read_csv(file_name: &str, bytes: &[u8]) -> Result<Workbook> {
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        (String::from_utf8_lossy(rest).into_owned(), "UTF-8")
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        (text.to_owned(), "UTF-8")
    } else {
        let (text, _, _) = encoding_rs::WINDOWS_874.decode(bytes);
        (text.into_owned(), "Windows-874")
    };
    if text.contains('\0') {
        return Err(refuse_as(
            Refusal::NotSpreadsheet,
            "not a spreadsheet or CSV text file",
        ));
    }
    // The separator used most on any of the first lines (a title line may have none).
    let lines: Vec<&str> = text.lines().take(20).collect();
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| {
            lines
                .iter()
                .map(|l| l.bytes().filter(|b| b == d).count())
                .max()
                .unwrap_or(0)
        })
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            refuse_as(
                Refusal::Damaged,
                format!("line {} cannot be read ({e})", rows.len() + 1),
            )
        })?;
        rows.push(
            record
                .iter()
                .map(|v| {
                    if v.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(v.to_owned())
                    }
                })
                .collect(),
        );
    }
    if rows
        .iter()
        .all(|r: &Vec<Cell>| r.iter().all(Cell::is_blank))
    {
        return Err(refuse_as(Refusal::Empty, "the file is empty"));
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    for row in &mut rows {
        row.resize(width, Cell::Empty);
    }
    let name = std::path::Path::new(file_name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(file_name)
        .to_owned();
    Ok(Workbook {
        format: format!("csv ({encoding})"),
        sheets: vec![Sheet { name, rows }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_in_utf8_with_a_bom_and_semicolons() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("รหัส;ชื่อ\n416-68-0001;คอมพิวเตอร์\n".as_bytes());
        let book = read("ทะเบียน.csv", &bytes).unwrap();
        assert_eq!(book.format, "csv (UTF-8)");
        assert_eq!(book.sheets[0].name, "ทะเบียน");
        assert_eq!(book.sheets[0].rows[1][1], Cell::Text("คอมพิวเตอร์".into()));
    }

    #[test]
    fn csv_in_windows_874() {
        let (bytes, _, _) = encoding_rs::WINDOWS_874.encode("รหัส,ชื่อ\n1,โต๊ะทำงาน\n");
        let book = read("old.csv", &bytes).unwrap();
        assert_eq!(book.format, "csv (Windows-874)");
        assert_eq!(book.sheets[0].rows[1][1], Cell::Text("โต๊ะทำงาน".into()));
    }

    #[test]
    fn empty_damaged_and_protected_files_are_refused_by_name() {
        for (name, bytes, words) in [
            ("a.csv", Vec::new(), ("empty", "empty")),
            ("a.csv", b"\n\n ,, \n".to_vec(), ("empty", "empty")),
            (
                "a.xlsx",
                b"PK\x03\x04 not really a zip".to_vec(),
                ("not a spreadsheet", "notSpreadsheet"),
            ),
            (
                "a.xlsx",
                b"hello".to_vec(),
                ("not a spreadsheet", "notSpreadsheet"),
            ),
            (
                "photo.jpg",
                vec![0xFF, 0xD8, 0, 0, 0],
                ("not a spreadsheet", "notSpreadsheet"),
            ),
            (
                "huge.csv",
                vec![b'a'; MAX_FILE_BYTES + 1],
                ("larger than", "tooLarge"),
            ),
        ] {
            let err = read(name, &bytes).unwrap_err();
            let field = err.details()["field"].as_str().unwrap().to_owned();
            assert_eq!(field, format!("file.{}", words.1), "{name}");
            assert!(err.to_string().contains(words.0), "{name}: {err}");
        }
        let mut protected = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        protected.extend(vec![0; 512]);
        protected.extend(utf16("EncryptedPackage"));
        let err = read("secret.xlsx", &protected).unwrap_err();
        assert!(err.to_string().contains("password"));
        assert_eq!(err.details()["field"], "file.password");
        let huge = vec![b'a'; MAX_FILE_BYTES + 1];
        assert!(
            read("big.csv", &huge)
                .unwrap_err()
                .to_string()
                .contains("MB")
        );
    }

    #[test]
    fn b_e_years_in_date_cells_are_corrected() {
        assert_eq!(
            be_typed_into_ad(NaiveDate::from_ymd_opt(2565, 3, 15).unwrap()),
            NaiveDate::from_ymd_opt(2022, 3, 15).unwrap()
        );
        assert_eq!(
            be_typed_into_ad(NaiveDate::from_ymd_opt(2022, 3, 15).unwrap()),
            NaiveDate::from_ymd_opt(2022, 3, 15).unwrap()
        );
    }

    #[test]
    fn an_xlsx_merged_heading_fills_every_cell_it_covers() {
        let bytes = include_bytes!("../../../../assets/sample/import/register-messy.xlsx");
        let book = read("register-messy.xlsx", bytes).unwrap();
        let rows = &book.sheets[0].rows;
        // A5:L5 is a category heading merged across the twelve columns.
        let heading = &rows[4];
        assert!(
            matches!(&heading[0], Cell::Text(t) if !t.is_empty()),
            "{heading:?}"
        );
        assert!(
            heading[..12].iter().all(|c| *c == heading[0]),
            "{heading:?}"
        );
    }

    #[test]
    fn merged_cells_take_their_top_left_value() {
        let mut rows = vec![
            vec![Cell::Text("กองช่าง".into()), Cell::Text("a".into())],
            vec![Cell::Empty, Cell::Text("b".into())],
            vec![Cell::Empty, Cell::Text("c".into())],
        ];
        fill_merged(&mut rows, (0, 0), (2, 0));
        assert!(rows.iter().all(|r| r[0] == Cell::Text("กองช่าง".into())));
    }
}
