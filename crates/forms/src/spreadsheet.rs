//! Writing a table as .xlsx or .csv.
//!
//! Both keep Thai text as text and B.E. dates as text ("15/03/2567": Excel would turn a
//! date cell into A.D.), amounts as numbers with two decimals. The .xlsx has a title
//! above a styled, frozen, filterable header row and sensible column widths; the .csv
//! is UTF-8 with a byte-order mark so Excel opens the Thai correctly.

use chrono::NaiveDate;
use phatsadu_core::calendar::{DateStyle, Digits, format_date};
use phatsadu_core::money::Satang;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook};

/// What a column holds, which decides how a cell is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text.
    Text,
    /// A whole number.
    Integer,
    /// Baht and satang.
    Money,
    /// A date, written as B.E. text.
    Date,
    /// A quantity of a material (up to three decimals).
    Quantity,
}

/// A column: its Thai header, its kind and its width in characters.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Header text.
    pub header: String,
    /// Kind of value.
    pub kind: Kind,
    /// Width (characters).
    pub width: f64,
}

impl Column {
    /// A column.
    pub fn new(header: &str, kind: Kind, width: f64) -> Self {
        Self {
            header: header.to_owned(),
            kind,
            width,
        }
    }
}

/// A cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text.
    Text(String),
    /// A whole number.
    Integer(i64),
    /// An amount.
    Money(Satang),
    /// A date.
    Date(NaiveDate),
    /// A quantity of a material, in thousandths of its unit.
    Quantity(phatsadu_core::materials::Quantity),
    /// Nothing.
    Empty,
}

/// A titled table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Lines above the header (organisation, report name, date).
    pub title: Vec<String>,
    /// The sheet's name.
    pub sheet_name: String,
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows.
    pub rows: Vec<Vec<Value>>,
}

/// Errors while writing (only an internal failure of the writer can cause one).
#[derive(Debug, thiserror::Error)]
#[error("cannot write the spreadsheet: {0}")]
pub struct WriteError(String);

fn be_text(date: NaiveDate) -> String {
    format_date(date, DateStyle::Numeric, Digits::Arabic)
}

/// The table as an .xlsx file.
pub fn to_xlsx(table: &Table) -> Result<Vec<u8>, WriteError> {
    to_xlsx_book(&[table])
}

/// A worksheet name Excel accepts for `wanted`: at most 31 characters, none of the
/// symbols it refuses, and unlike every name in `used` (to which it is added).
pub(crate) fn sheet_name(wanted: &str, used: &mut Vec<String>) -> String {
    let mut name: String = wanted
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(28)
        .collect();
    if name.is_empty() {
        name = format!("Sheet{}", used.len() + 1);
    }
    while used.contains(&name) {
        name.push('_');
    }
    used.push(name.clone());
    name
}

/// Several tables as one .xlsx file, a worksheet each (a report and its annexes).
pub fn to_xlsx_book(tables: &[&Table]) -> Result<Vec<u8>, WriteError> {
    let fail = |e: rust_xlsxwriter::XlsxError| WriteError(e.to_string());
    let mut book = Workbook::new();
    let formats = Formats::new();
    let mut used: Vec<String> = Vec::new();
    for table in tables {
        let name = sheet_name(&table.sheet_name, &mut used);
        let sheet = book.add_worksheet();
        sheet.set_name(&name).map_err(fail)?;
        write_sheet(sheet, table, &formats).map_err(fail)?;
    }
    book.save_to_buffer().map_err(fail)
}

/// The cell formats every sheet uses.
struct Formats {
    title: Format,
    header: Format,
    text: Format,
    money: Format,
    integer: Format,
    quantity: Format,
    centred: Format,
}

impl Formats {
    fn new() -> Self {
        let font = "Sarabun";
        let cell = || {
            Format::new()
                .set_font_name(font)
                .set_border(FormatBorder::Thin)
        };
        Self {
            title: Format::new()
                .set_bold()
                .set_font_size(14)
                .set_font_name(font),
            header: cell()
                .set_bold()
                .set_background_color(Color::RGB(0xD2F0EB))
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            text: cell(),
            money: cell().set_num_format("#,##0.00"),
            integer: cell().set_num_format("0"),
            quantity: cell().set_num_format("#,##0.###"),
            centred: cell().set_align(FormatAlign::Center),
        }
    }
}

fn write_sheet(
    sheet: &mut rust_xlsxwriter::Worksheet,
    table: &Table,
    f: &Formats,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    for (i, line) in table.title.iter().enumerate() {
        sheet.write_string_with_format(i as u32, 0, line, &f.title)?;
    }
    let header_row = table.title.len() as u32 + u32::from(!table.title.is_empty());
    for (c, column) in table.columns.iter().enumerate() {
        let c = c as u16;
        sheet.write_string_with_format(header_row, c, &column.header, &f.header)?;
        sheet.set_column_width(c, column.width)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = header_row + 1 + r as u32;
        for (c, value) in row.iter().enumerate() {
            let c = c as u16;
            match value {
                Value::Text(t) => sheet.write_string_with_format(r, c, t, &f.text),
                Value::Integer(n) => sheet.write_number_with_format(r, c, *n as f64, &f.integer),
                // Satang to baht: exact for any amount an office holds (< 2^53 satang).
                Value::Money(m) => {
                    sheet.write_number_with_format(r, c, m.0 as f64 / 100.0, &f.money)
                }
                Value::Date(d) => sheet.write_string_with_format(r, c, be_text(*d), &f.centred),
                // Thousandths to units: exact in a double for any stock an office holds.
                Value::Quantity(q) => {
                    sheet.write_number_with_format(r, c, q.0 as f64 / 1000.0, &f.quantity)
                }
                Value::Empty => sheet.write_blank(r, c, &f.text),
            }?;
        }
    }
    sheet.set_freeze_panes(header_row + 1, 0)?;
    if !table.columns.is_empty() {
        let last_row = header_row + table.rows.len() as u32;
        sheet.autofilter(header_row, 0, last_row, table.columns.len() as u16 - 1)?;
    }
    Ok(())
}

/// The table as CSV: UTF-8 with a byte-order mark, no title lines, a header row.
pub fn to_csv(table: &Table) -> Result<Vec<u8>, WriteError> {
    let mut out = vec![0xEF, 0xBB, 0xBF];
    {
        let mut writer = csv::Writer::from_writer(&mut out);
        writer
            .write_record(table.columns.iter().map(|c| c.header.as_str()))
            .map_err(|e| WriteError(e.to_string()))?;
        for row in &table.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|v| match v {
                    Value::Text(t) => t.clone(),
                    Value::Integer(n) => n.to_string(),
                    Value::Money(m) => format!("{}.{:02}", m.0 / 100, m.0 % 100),
                    Value::Date(d) => be_text(*d),
                    Value::Quantity(q) => q.to_string(),
                    Value::Empty => String::new(),
                })
                .collect();
            writer
                .write_record(&cells)
                .map_err(|e| WriteError(e.to_string()))?;
        }
        writer.flush().map_err(|e| WriteError(e.to_string()))?;
    }
    Ok(out)
}
