//! The rows an import refused, as a workbook to fix and import again: a sheet per sheet of
//! the file that had refused rows, under the same name, with its title rows and header as
//! they were, the refused rows' cells as they were (text as text, numbers as numbers, date
//! cells as date cells), and one more column, "เหตุที่ไม่นำเข้า", saying why. The import
//! reads that column as nothing, so the fixed file goes back in as it is.

use std::path::Path;

use phatsadu_core::Error;
use phatsadu_core::import::{OriginalCell, RefusedRows, RefusedSheet};
use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::exports::Export;
use crate::spreadsheet::sheet_name;

/// The reason column's header.
pub const REASON_HEADER: &str = "เหตุที่ไม่นำเข้า";

/// The refused rows as an .xlsx, named after the imported file
/// (`แถวที่ไม่นำเข้า-ทะเบียน.xlsx`). `rows` counts the refused rows.
pub fn refused_rows_xlsx(refused: &RefusedRows) -> Result<Export, Error> {
    let bytes = write_book(refused).map_err(|e| Error::Internal(e.to_string()))?;
    let stem = Path::new(&refused.file_name)
        .file_stem()
        .and_then(|s| s.to_str())
        .filter(|s| !s.is_empty())
        .unwrap_or("นำเข้า");
    Ok(Export {
        bytes,
        rows: refused.count(),
        file_name: format!("แถวที่ไม่นำเข้า-{stem}.xlsx"),
    })
}

fn write_book(refused: &RefusedRows) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let mut used: Vec<String> = Vec::new();
    for sheet in refused.sheets.iter().filter(|s| !s.rows.is_empty()) {
        let name = sheet_name(&sheet.name, &mut used);
        let worksheet = book.add_worksheet();
        worksheet.set_name(&name)?;
        write_sheet(worksheet, sheet)?;
    }
    if used.is_empty() {
        book.add_worksheet();
    }
    book.save_to_buffer()
}

/// Cells up to the last one holding something.
fn filled(cells: &[OriginalCell]) -> usize {
    cells
        .iter()
        .rposition(|c| !matches!(c, OriginalCell::Empty))
        .map_or(0, |i| i + 1)
}

fn write_sheet(worksheet: &mut Worksheet, sheet: &RefusedSheet) -> Result<(), XlsxError> {
    let font = "Sarabun";
    let plain = Format::new().set_font_name(font);
    let header = Format::new()
        .set_font_name(font)
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(0xD2F0EB));
    let reason_header = header.clone().set_background_color(Color::RGB(0xFDE2E1));
    let date = plain.clone().set_num_format("d/m/yyyy");
    let reason = plain
        .clone()
        .set_font_color(Color::RGB(0xB42318))
        .set_text_wrap();
    // The reason goes right of every column the header or a refused row uses.
    let width = sheet.header_rows.last().map_or(0, |h| filled(h)).max(
        sheet
            .rows
            .iter()
            .map(|r| filled(&r.cells))
            .max()
            .unwrap_or(0),
    );
    let reason_column = width as u16;
    let last_header = sheet.header_rows.len().saturating_sub(1);
    for (r, cells) in sheet.header_rows.iter().enumerate() {
        let format = if r == last_header { &header } else { &plain };
        write_cells(worksheet, r as u32, cells, format, &date)?;
    }
    let header_row = last_header as u32;
    worksheet.write_string_with_format(header_row, reason_column, REASON_HEADER, &reason_header)?;
    worksheet.set_column_width(reason_column, 60)?;
    for (i, row) in sheet.rows.iter().enumerate() {
        let r = header_row + 1 + i as u32;
        write_cells(worksheet, r, &row.cells, &plain, &date)?;
        worksheet.write_string_with_format(r, reason_column, &row.reason, &reason)?;
    }
    worksheet.set_freeze_panes(header_row + 1, 0)?;
    Ok(())
}

fn write_cells(
    worksheet: &mut Worksheet,
    row: u32,
    cells: &[OriginalCell],
    format: &Format,
    date_format: &Format,
) -> Result<(), XlsxError> {
    for (c, cell) in cells.iter().enumerate() {
        let c = c as u16;
        match cell {
            OriginalCell::Empty => continue,
            OriginalCell::Text(t) => worksheet.write_string_with_format(row, c, t, format)?,
            OriginalCell::Number(n) => worksheet.write_number_with_format(row, c, *n, format)?,
            OriginalCell::Date(d) => {
                use chrono::Datelike;
                match ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8) {
                    Ok(when) => worksheet.write_datetime_with_format(row, c, when, date_format)?,
                    // Outside what Excel can hold: the date as text, readable all the same.
                    Err(_) => worksheet.write_string_with_format(row, c, d.to_string(), format)?,
                }
            }
        };
    }
    Ok(())
}
