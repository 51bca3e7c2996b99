//! Asset (and shelf) labels on A4 sticker stock (forms.md §6): the organisation, the code in large
//! type, a QR code of the code, and the short name; and a calibration page that prints
//! the grid outline so a misaligned printer can be corrected with the offsets.

use phatsadu_core::print_settings::LabelStock;

use super::Letterhead;
use crate::pdf::{Align, Flow, FormError, MM, Metadata, Orientation, Style, to_pdf};

/// What one label carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelItem {
    /// The code printed in large type.
    pub code: String,
    /// What the QR code holds: the code itself when a keyboard-wedge scanner can type it
    /// (ASCII), else a key of ASCII the count screen knows (a scanner types keystrokes of
    /// a US keyboard, so Thai letters would arrive as other characters).
    pub scan: String,
    /// The item's short name.
    pub name: String,
}

/// Where label `index` (0-based, across then down) sits on its sheet: (x, y, w, h) in points.
fn cell(stock: &LabelStock, index: usize) -> (f32, f32, f32, f32) {
    let per_sheet = (stock.columns * stock.rows) as usize;
    let on_sheet = index % per_sheet;
    let (col, row) = (
        on_sheet % stock.columns as usize,
        on_sheet / stock.columns as usize,
    );
    let mm = |v: f64| v as f32 * MM;
    let x = mm(stock.margin_left_mm + stock.offset_x_mm)
        + col as f32 * mm(stock.label_width_mm + stock.gap_x_mm);
    let y = mm(stock.margin_top_mm + stock.offset_y_mm)
        + row as f32 * mm(stock.label_height_mm + stock.gap_y_mm);
    (x, y, mm(stock.label_width_mm), mm(stock.label_height_mm))
}

fn check(stock: &LabelStock) -> Result<(), FormError> {
    stock.validate().map_err(|e| match e {
        phatsadu_core::Error::InvalidValue { field, reason } => FormError::Layout { field, reason },
        other => FormError::Layout {
            field: "labelStock".into(),
            reason: other.to_string(),
        },
    })
}

/// Labels for `items` on `stock`, as many sheets as they need, starting at label
/// `skip` of the first sheet (to use up a part-used sheet).
pub fn labels(
    head: &Letterhead,
    stock: &LabelStock,
    items: &[LabelItem],
    skip: usize,
) -> Result<Vec<u8>, FormError> {
    check(stock)?;
    if items.is_empty() {
        return Err(FormError::Empty);
    }
    let per_sheet = (stock.columns * stock.rows) as usize;
    let skip = skip % per_sheet;
    let mut flow = head.flow(Orientation::Portrait);
    let org = if head.organisation.short_name.trim().is_empty() {
        head.name().to_owned()
    } else {
        head.organisation.short_name.trim().to_owned()
    };
    for (i, item) in items.iter().enumerate() {
        let index = i + skip;
        if index > 0 && index.is_multiple_of(per_sheet) {
            flow.new_page();
        }
        let (x, y, w, h) = cell(stock, index);
        label(&mut flow, &org, item, x, y, w, h)?;
    }
    // Labels carry no page numbers: the sheet is cut up.
    let pages = flow.into_pages();
    to_pdf(
        &pages,
        &Metadata {
            title: "ป้ายครุภัณฑ์".into(),
        },
    )
}

fn label(
    flow: &mut Flow,
    org: &str,
    item: &LabelItem,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
) -> Result<(), FormError> {
    let pad = 2.5 * MM;
    let qr = (h - 2.0 * pad).min(w * 0.42);
    flow.qr_at(&item.scan, x + pad * 0.6, y + (h - qr) / 2.0, qr)?;
    let tx = x + pad * 0.6 + qr + pad * 0.4;
    let tw = (x + w - pad) - tx;
    let small = Style::BODY.sized((h / MM / 37.0 * 10.0).clamp(7.0, 11.0));
    let mut top = y + pad * 0.8;
    top += flow.lines_at(org, small.bold(), tx, top, tw, 1);
    // The code as large as the space allows, up to 20 pt.
    let mut code_style = Style::BODY.bold().sized(20.0);
    let width = flow.measure(&item.code, code_style);
    if width > tw {
        code_style = code_style.sized((20.0 * tw / width).max(7.0));
    }
    top += flow.lines_at(&item.code, code_style, tx, top, tw, 1);
    let room = ((y + h - pad * 0.6 - top) / small.line_height())
        .floor()
        .max(1.0) as usize;
    flow.lines_at(&item.name, small, tx, top, tw, room.min(3));
    Ok(())
}

/// The calibration page: every label's outline with its number and a cross at its
/// centre, and the offsets in force, to hold against a sheet of stock to the light.
pub fn calibration(head: &Letterhead, stock: &LabelStock) -> Result<Vec<u8>, FormError> {
    check(stock)?;
    let mut flow = head.flow(Orientation::Portrait);
    let per_sheet = (stock.columns * stock.rows) as usize;
    let style = Style::BODY.sized(9.0).aligned(Align::Center);
    for index in 0..per_sheet {
        let (x, y, w, h) = cell(stock, index);
        flow.frame_at(x, y, w, h, 0.5);
        let (cx, cy) = (x + w / 2.0, y + h / 2.0);
        flow.line_at((cx - 4.0 * MM, cy), (cx + 4.0 * MM, cy), 0.5);
        flow.line_at((cx, cy - 4.0 * MM), (cx, cy + 4.0 * MM), 0.5);
        flow.lines_at(&format!("{}", index + 1), style, x, y + 1.0 * MM, w, 1);
    }
    let note = format!(
        "หน้าทดสอบตำแหน่งป้าย {} × {} ดวง ขนาด {:.1} × {:.1} มม. เลื่อนขวา {:.1} มม. เลื่อนลง {:.1} มม.",
        stock.columns,
        stock.rows,
        stock.label_width_mm,
        stock.label_height_mm,
        stock.offset_x_mm,
        stock.offset_y_mm
    );
    let (_, y, _, h) = cell(stock, 0);
    flow.lines_at(
        &note,
        Style::BODY.sized(10.0).aligned(Align::Center),
        0.0,
        y + h / 2.0 + 3.0 * MM,
        210.0 * MM,
        2,
    );
    let pages = flow.into_pages();
    to_pdf(
        &pages,
        &Metadata {
            title: "หน้าทดสอบตำแหน่งป้าย".into(),
        },
    )
}
