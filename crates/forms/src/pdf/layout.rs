//! Laying a form out page by page: paragraphs, labelled fields, check boxes, tables whose
//! header repeats on every page and whose rows never split unless taller than a page,
//! signature blocks, and "หน้า x/y" stamped on every page at the end.
//!
//! Coordinates are points from the top-left corner of the sheet.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use phatsadu_core::calendar::{Digits, to_thai_digits};

use super::FormError;
use super::codes::qr_rects;
use super::fonts::{Weight, font};
use super::page::{Image, MM, Orientation, Page};
use super::text::{Shaped, clean, shape};

/// Thinnest rule drawn: forms.md asks for at least 0.5 pt so photocopies keep it.
pub const HAIRLINE: f32 = 0.5;

/// Baseline to baseline, in ems.
const LEADING: f32 = 1.4;

/// Horizontal alignment of text in its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    /// Flush left.
    #[default]
    Left,
    /// Centred.
    Center,
    /// Flush right (amounts).
    Right,
}

impl Align {
    /// How far from the box's left edge a line `used` points wide starts in a box
    /// `width` points wide.
    pub fn offset(self, width: f32, used: f32) -> f32 {
        match self {
            Align::Left => 0.0,
            Align::Center => (width - used) / 2.0,
            Align::Right => width - used,
        }
    }
}

/// How a piece of text is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// Font size in points.
    pub size: f32,
    /// Regular or bold.
    pub weight: Weight,
    /// Alignment in its box.
    pub align: Align,
}

impl Style {
    /// Body text: 13 pt. Official documents are set in TH Sarabun at 16 pt; the OFL
    /// Sarabun draws its letters about a quarter larger on the same body, so 13 pt
    /// prints at the size offices are used to.
    pub const BODY: Style = Style {
        size: 13.0,
        weight: Weight::Regular,
        align: Align::Left,
    };
    /// A document's title: bold 17 pt, centred.
    pub const TITLE: Style = Style {
        size: 17.0,
        weight: Weight::Bold,
        align: Align::Center,
    };

    /// This style in bold.
    pub const fn bold(self) -> Style {
        Style {
            weight: Weight::Bold,
            ..self
        }
    }

    /// This style at `size` points.
    pub const fn sized(self, size: f32) -> Style {
        Style { size, ..self }
    }

    /// This style aligned `align`.
    pub const fn aligned(self, align: Align) -> Style {
        Style { align, ..self }
    }

    /// Distance between baselines. Sarabun's marks stack high above and below the line,
    /// so Thai needs more room than Latin text.
    pub fn line_height(&self) -> f32 {
        self.size * LEADING
    }

    /// Distance from the top of a line box to its baseline.
    fn ascent(&self) -> f32 {
        let f = font(self.weight);
        let box_h = f.ascender - f.descender;
        // Centre the font's box in the line box.
        self.size * (f.ascender + (LEADING - box_h) / 2.0)
    }
}

/// One column of a [`Table`].
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The header text.
    pub title: String,
    /// Share of the table's width (any unit: they are added up).
    pub width: f32,
    /// Alignment of the column's cells.
    pub align: Align,
}

impl Column {
    /// A column `width` shares wide, left-aligned.
    pub fn new(title: &str, width: f32) -> Column {
        Column {
            title: title.to_owned(),
            width,
            align: Align::Left,
        }
    }

    /// The same column with `align`.
    pub fn aligned(self, align: Align) -> Column {
        Column { align, ..self }
    }
}

/// What a table cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text, wrapped at Thai word boundaries to the cell's width.
    Text(String),
    /// A QR code of the text, centred in the cell (print the text in a cell of its own).
    Qr(String),
    /// A check box in the middle of the cell, ticked or empty (a check sheet's columns of
    /// found / not found and conditions).
    Check(bool),
}

impl Cell {
    /// A text cell.
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }
}

/// One row of a [`Table`]: cells with how many columns each spans.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Cells left to right with their column spans (which add up to the column count).
    pub cells: Vec<(Cell, usize)>,
    /// Set in bold (totals).
    pub bold: bool,
    /// A group's heading across the table, set from the left (a totals row's label is
    /// set from the right, against its numbers).
    pub heading: bool,
}

impl Row {
    /// One cell per column.
    pub fn new(cells: Vec<Cell>) -> Row {
        Row {
            cells: cells.into_iter().map(|c| (c, 1)).collect(),
            bold: false,
            heading: false,
        }
    }

    /// A totals row: `label` across the first `span` columns, then one cell per column.
    pub fn total(label: &str, span: usize, rest: Vec<Cell>) -> Row {
        let mut cells = vec![(Cell::text(label), span)];
        cells.extend(rest.into_iter().map(|c| (c, 1)));
        Row {
            cells,
            bold: true,
            heading: false,
        }
    }

    /// A group's heading (a category, a type): bold, across all `columns`, from the left.
    pub fn heading(label: &str, columns: usize) -> Row {
        Row {
            cells: vec![(Cell::text(label), columns)],
            bold: true,
            heading: true,
        }
    }
}

/// A ruled table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The columns.
    pub columns: Vec<Column>,
    /// The body rows.
    pub rows: Vec<Row>,
    /// Body text size.
    pub size: f32,
    /// Side of a QR code in a cell, in points.
    pub qr_size: f32,
}

impl Table {
    /// A table with `columns`, body text at 12 pt.
    pub fn new(columns: Vec<Column>) -> Table {
        Table {
            columns,
            rows: Vec::new(),
            size: 12.0,
            qr_size: 14.0 * MM,
        }
    }
}

/// A signature block: "ลงชื่อ ......... role", "( name )", position, date.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Signature {
    /// Lines above the signature line, e.g. the decision with its boxes.
    pub above: Vec<String>,
    /// What the signer signs as, e.g. "ผู้ยืม".
    pub role: String,
    /// The signer's name, or blank for ink.
    pub name: Option<String>,
    /// Their position, or blank for ink.
    pub position: Option<String>,
    /// The date, or blank for ink.
    pub date: Option<String>,
}

const CELL_PAD_X: f32 = 3.0;
const CELL_PAD_Y: f32 = 2.0;
const DOTS: &str = "..........................................";
/// The least room a signature line leaves for the pen: about 5 cm.
const SIGNING_ROOM: f32 = 48.0 * MM;

/// A document being laid out, page by page.
#[derive(Debug)]
pub struct Flow {
    orientation: Orientation,
    /// Margins: top, right, bottom, left, in points.
    margins: [f32; 4],
    pages: Vec<Page>,
    y: f32,
    digits: Digits,
    /// What each page belongs to (a check sheet's division and location), printed in its
    /// footer; `section` is the current one, taken by every new page.
    sections: Vec<String>,
    section: String,
    /// Shaped strings by weight and text: registers repeat themselves (statuses,
    /// places, dates, prices, headers), and shaping is the costly step of laying out.
    shaped: RefCell<HashMap<(Weight, String), Shaped>>,
    /// Names never broken across lines (the office's place names, which the dictionary
    /// does not know and cuts inside).
    whole: Vec<String>,
}

/// Entries kept in the shaping cache before it starts afresh.
const SHAPE_CACHE_LIMIT: usize = 20_000;

impl Flow {
    /// A new document on A4 with the margins of Thai official letters (top 2.5 cm, left
    /// 3 cm, right 2 cm, bottom 2 cm; the footer sits in the bottom margin).
    pub fn new(orientation: Orientation, digits: Digits) -> Flow {
        let mut flow = Flow {
            orientation,
            margins: [25.0 * MM, 20.0 * MM, 20.0 * MM, 30.0 * MM],
            pages: Vec::new(),
            y: 0.0,
            digits,
            sections: Vec::new(),
            section: String::new(),
            shaped: RefCell::new(HashMap::new()),
            whole: Vec::new(),
        };
        flow.new_page();
        flow
    }

    /// The same flow, never breaking a line inside one of `names` (as printed: their
    /// digits as the flow prints digits).
    pub fn keeping_whole(mut self, names: &[&str]) -> Flow {
        self.whole = names
            .iter()
            .map(|n| self.prepare(n.trim()))
            .filter(|n| !n.is_empty())
            .collect();
        self
    }

    /// The same flow with other margins (top, right, bottom, left, in millimetres).
    pub fn with_margins_mm(mut self, margins: [f32; 4]) -> Flow {
        self.margins = margins.map(|m| m * MM);
        self.y = self.margins[0];
        self
    }

    /// Width between the left and right margins.
    pub fn content_width(&self) -> f32 {
        self.page_width() - self.margins[1] - self.margins[3]
    }

    fn page_width(&self) -> f32 {
        self.orientation.a4().0
    }

    fn bottom(&self) -> f32 {
        self.orientation.a4().1 - self.margins[2]
    }

    /// The left margin: where the column starts.
    pub fn left(&self) -> f32 {
        self.margins[3]
    }

    /// How far down the page the flow has come, in points from the top.
    pub fn y(&self) -> f32 {
        self.y
    }

    /// Room left on this page.
    pub fn remaining(&self) -> f32 {
        self.bottom() - self.y
    }

    /// Pages laid out so far.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    fn page(&mut self) -> &mut Page {
        // new() always makes the first page.
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Starts a new page.
    pub fn new_page(&mut self) {
        self.pages.push(Page::a4(self.orientation));
        self.sections.push(self.section.clone());
        self.y = self.margins[0];
    }

    /// Names what this page and the pages after it belong to, for their footers.
    pub fn set_section(&mut self, section: &str) {
        self.section = section.to_owned();
        if let Some(last) = self.sections.last_mut() {
            *last = section.to_owned();
        }
    }

    /// Starts a new page unless `height` points still fit on this one.
    pub fn keep(&mut self, height: f32) {
        if self.remaining() < height && self.y > self.margins[0] {
            self.new_page();
        }
    }

    /// Vertical space.
    pub fn gap(&mut self, points: f32) {
        self.y += points;
    }

    /// Text as printed: cleaned of invisible characters, digits as the office prints them.
    fn prepare(&self, text: &str) -> String {
        let text = clean(text);
        match self.digits {
            Digits::Thai => to_thai_digits(&text),
            Digits::Arabic => text,
        }
    }

    fn shape(&self, text: &str, style: Style) -> Shaped {
        let key = (style.weight, self.prepare(text));
        let mut cache = self.shaped.borrow_mut();
        if let Some(hit) = cache.get(&key) {
            return hit.clone();
        }
        if cache.len() >= SHAPE_CACHE_LIMIT {
            cache.clear();
        }
        let shaped = shape(&key.1, key.0);
        cache.insert(key, shaped.clone());
        shaped
    }

    /// A paragraph across the content width, continuing on the next page if need be.
    pub fn paragraph(&mut self, text: &str, style: Style) {
        let (x, width) = (self.left(), self.content_width());
        self.paragraph_in(text, style, x, width);
    }

    /// A paragraph in the column from `x`, `width` points wide.
    pub fn paragraph_in(&mut self, text: &str, style: Style, x: f32, width: f32) {
        let shaped = self.shape(text, style);
        for line in shaped.wrap(width / style.size, &self.whole) {
            self.keep(style.line_height());
            let dx = style.align.offset(width, line.width * style.size);
            let baseline = self.y + style.ascent();
            self.page()
                .text_line(&shaped, &line, x + dx, baseline, style.size);
            self.y += style.line_height();
        }
    }

    /// Text on one line at an exact place, not moving the flow (headers, footers, labels).
    /// Returns the text's width in points.
    pub fn text_at(&mut self, text: &str, style: Style, x: f32, top: f32, width: f32) -> f32 {
        let shaped = self.shape(text, style);
        let line = shaped.single_line();
        let w = line.width * style.size;
        let dx = style.align.offset(width, w);
        let baseline = top + style.ascent();
        self.page()
            .text_line(&shaped, &line, x + dx, baseline, style.size);
        w
    }

    /// Up to `max_lines` lines of `text` wrapped in the box from (`x`, `top`), `width`
    /// wide, not moving the flow; a last line that cannot hold the rest ends in "…".
    /// Returns the height used.
    pub fn lines_at(
        &mut self,
        text: &str,
        style: Style,
        x: f32,
        top: f32,
        width: f32,
        max_lines: usize,
    ) -> f32 {
        let shaped = self.shape(text, style);
        let mut lines = shaped.wrap(width / style.size, &self.whole);
        if lines.len() > max_lines.max(1) {
            lines.truncate(max_lines.max(1));
            if let Some(last) = lines.last() {
                // Re-set the last line with an ellipsis, shortening it until it fits.
                let mut keep = shaped.text[last.text.clone()].to_owned();
                loop {
                    let candidate = format!("{}…", keep.trim_end());
                    let test = self.shape(&candidate, style);
                    if test.width() * style.size <= width || keep.is_empty() {
                        let n = lines.len();
                        let mut y = top;
                        for line in &lines[..n - 1] {
                            self.place(&shaped, line, style, x, y, width);
                            y += style.line_height();
                        }
                        let single = test.single_line();
                        self.place(&test, &single, style, x, y, width);
                        return n as f32 * style.line_height();
                    }
                    keep.pop();
                }
            }
        }
        let mut y = top;
        for line in &lines {
            self.place(&shaped, line, style, x, y, width);
            y += style.line_height();
        }
        lines.len() as f32 * style.line_height()
    }

    fn place(
        &mut self,
        shaped: &Shaped,
        line: &super::text::LineSpan,
        style: Style,
        x: f32,
        top: f32,
        width: f32,
    ) {
        let w = line.width * style.size;
        let dx = style.align.offset(width, w);
        let baseline = top + style.ascent();
        self.page()
            .text_line(shaped, line, x + dx, baseline, style.size);
    }

    /// How many lines `text` wraps to in a column `width` points wide.
    pub fn line_count(&self, text: &str, style: Style, width: f32) -> usize {
        self.shape(text, style)
            .wrap(width / style.size, &self.whole)
            .len()
            .max(1)
    }

    /// The width `text` takes in `style`, in points.
    pub fn measure(&self, text: &str, style: Style) -> f32 {
        self.shape(text, style).width() * style.size
    }

    /// A QR code of `text`, `size` points square (quiet zone included), top-left at (`x`, `y`).
    pub fn qr_at(&mut self, text: &str, x: f32, y: f32, size: f32) -> Result<(), FormError> {
        let rects = qr_rects(text, x, y, size)?;
        self.page().fill(rects);
        Ok(())
    }

    /// A rectangle outline at an exact place.
    pub fn frame_at(&mut self, x: f32, y: f32, w: f32, h: f32, width: f32) {
        self.page().frame(x, y, w, h, width);
    }

    /// A picture `height` points tall (its width follows its aspect) at an exact
    /// place, not moving the flow. Returns its width.
    pub fn image_at(&mut self, image: &Arc<Image>, x: f32, top: f32, height: f32) -> f32 {
        let width = height / image.aspect().max(0.01);
        self.page().image(image, x, top, width, height);
        width
    }

    /// A picture `height` points tall centred on the column, moving the flow below it.
    pub fn image_centred(&mut self, image: &Arc<Image>, height: f32) {
        self.keep(height);
        let width = height / image.aspect().max(0.01);
        let x = self.left() + Align::Center.offset(self.content_width(), width);
        let top = self.y;
        self.page().image(image, x, top, width, height);
        self.y += height;
    }

    /// A rule at an exact place.
    pub fn line_at(&mut self, from: (f32, f32), to: (f32, f32), width: f32) {
        self.page().line(from, to, width);
    }

    /// Labelled values side by side, `columns` pairs to a line: "label value".
    pub fn fields(&mut self, pairs: &[(&str, String)], columns: usize, style: Style) {
        let columns = columns.max(1);
        let col_w = self.content_width() / columns as f32;
        for chunk in pairs.chunks(columns) {
            let top = self.y;
            let mut lowest = top;
            for (i, (label, value)) in chunk.iter().enumerate() {
                self.y = top;
                let x = self.left() + i as f32 * col_w;
                let shown = if value.trim().is_empty() {
                    DOTS
                } else {
                    value.as_str()
                };
                self.paragraph_in(&format!("{label} {shown}"), style, x, col_w - 6.0);
                lowest = lowest.max(self.y);
            }
            self.y = lowest;
        }
    }

    /// A line of check boxes with their labels: ☐ / ☑ drawn as vectors.
    pub fn options(&mut self, lead: &str, choices: &[(&str, bool)], style: Style) {
        self.keep(style.line_height());
        let top = self.y;
        let mut x = self.left();
        if !lead.is_empty() {
            x += self.text_at(lead, style, x, top, 0.0) + style.size * 0.5;
        }
        for (label, checked) in choices {
            x += self.checkbox(x, top, style, *checked) + style.size * 0.3;
            x += self.text_at(label, style, x, top, 0.0) + style.size;
        }
        self.y += style.line_height();
    }

    /// Draws a check box at the start of a line box; returns its width.
    fn checkbox(&mut self, x: f32, top: f32, style: Style, checked: bool) -> f32 {
        let side = style.size * 0.62;
        let y = top + style.ascent() - side;
        tick_box(self.page(), x, y, side, checked);
        side
    }

    /// `before`, dots, `after`: as many dots as make the line `width` points wide, the
    /// dotted line offices sign or write on.
    pub fn dotted(&self, before: &str, after: &str, style: Style, width: f32) -> String {
        let fixed = self.measure(&format!("{before}{after}"), style);
        let dot = self.measure(".", style).max(0.5);
        let n = ((width - fixed) / dot).floor().clamp(3.0, 400.0) as usize;
        format!("{before}{}{after}", ".".repeat(n))
    }

    /// A horizontal rule across the content width.
    pub fn rule(&mut self) {
        let (x0, x1, y) = (self.left(), self.left() + self.content_width(), self.y);
        self.page().line((x0, y), (x1, y), HAIRLINE);
    }

    /// One signature block in the right half of the page, as memos sign.
    pub fn signature_right(&mut self, block: &Signature, style: Style) {
        let half = self.content_width() / 2.0;
        self.signatures_in(
            std::slice::from_ref(block),
            1,
            style,
            self.left() + half,
            half,
        );
    }

    /// Signature blocks, `per_row` side by side; a row of blocks never splits across pages.
    pub fn signatures(&mut self, blocks: &[Signature], per_row: usize, style: Style) {
        let (x, width) = (self.left(), self.content_width());
        self.signatures_in(blocks, per_row, style, x, width);
    }

    /// Like [`Flow::signatures`], without the position line: for hand-over and return,
    /// where who signs matters and their post does not.
    pub fn signatures_without_position(
        &mut self,
        blocks: &[Signature],
        per_row: usize,
        style: Style,
    ) {
        let (x, width) = (self.left(), self.content_width());
        self.lay_signatures(blocks, per_row, style, x, width, false);
    }

    fn signatures_in(
        &mut self,
        blocks: &[Signature],
        per_row: usize,
        style: Style,
        x0: f32,
        width: f32,
    ) {
        self.lay_signatures(blocks, per_row, style, x0, width, true);
    }

    /// The lines of one signature block, the signature line first among its own: the
    /// dotted line is at least [`SIGNING_ROOM`] long, so a long role ("หัวหน้าส่วนราชการ
    /// ของผู้ยืม") goes under the name instead of squeezing it.
    fn signature_lines(
        &self,
        block: &Signature,
        style: Style,
        room: f32,
        positions: bool,
    ) -> Vec<String> {
        let mut lines = block.above.clone();
        let role = if block.role.is_empty() {
            String::new()
        } else {
            format!(" {}", block.role)
        };
        let role_fits = room - self.measure(&format!("ลงชื่อ{role}"), style) >= SIGNING_ROOM;
        if role_fits {
            lines.push(self.dotted("ลงชื่อ", &role, style, room));
        } else {
            lines.push(self.dotted("ลงชื่อ", "", style, room.min(SIGNING_ROOM * 1.4)));
        }
        lines.push(match block.name.as_deref() {
            Some(name) => format!("( {name} )"),
            None => self.dotted("(", ")", style, room * 0.8),
        });
        if !role_fits {
            lines.push(block.role.clone());
        }
        if positions {
            lines.push(match block.position.as_deref() {
                Some(p) => format!("ตำแหน่ง {p}"),
                None => self.dotted("ตำแหน่ง ", "", style, room * 0.9),
            });
        }
        lines.push(match block.date.as_deref() {
            Some(d) => format!("วันที่ {d}"),
            None => self.dotted("วันที่ ", "", style, room * 0.8),
        });
        lines
    }

    fn lay_signatures(
        &mut self,
        blocks: &[Signature],
        per_row: usize,
        style: Style,
        x0: f32,
        width: f32,
        positions: bool,
    ) {
        let per_row = per_row.max(1);
        let col_w = width / per_row as f32;
        let room = col_w - 12.0;
        let centred = style.aligned(Align::Center);
        for chunk in blocks.chunks(per_row) {
            let laid: Vec<(usize, Vec<String>)> = chunk
                .iter()
                .map(|b| {
                    (
                        b.above.len(),
                        self.signature_lines(b, style, room, positions),
                    )
                })
                .collect();
            // Blocks side by side sign on one level: shorter preambles start lower.
            let above = laid.iter().map(|(a, _)| *a).max().unwrap_or(0);
            let lines = laid
                .iter()
                .map(|(a, l)| above - a + l.len())
                .max()
                .unwrap_or(4);
            self.keep(lines as f32 * style.line_height() + style.size);
            let top = self.y;
            let mut lowest = top;
            for (i, (own_above, block_lines)) in laid.iter().enumerate() {
                self.y = top + (above - own_above) as f32 * style.line_height();
                let x = x0 + i as f32 * col_w;
                for line in block_lines {
                    self.paragraph_in(line, centred, x, col_w);
                }
                lowest = lowest.max(self.y);
            }
            self.y = lowest + style.size * 0.6;
        }
    }

    /// The table's column widths in points: the columns' shares of the content width, but
    /// none narrower than its heading's widest word and the cell's padding (a column of
    /// numbers headed "ลำดับ" printed "ลำดั" over "บ"), as a browser's table would. What a
    /// column gains comes from the widest columns, down to their own headings' width;
    /// where there is not room for every heading, the shares stand.
    fn column_widths(&self, table: &Table, header_style: Style) -> Vec<f32> {
        let total: f32 = table
            .columns
            .iter()
            .map(|c| c.width)
            .sum::<f32>()
            .max(f32::EPSILON);
        let scale = self.content_width() / total;
        let mut widths: Vec<f32> = table.columns.iter().map(|c| c.width * scale).collect();
        let least: Vec<f32> = table
            .columns
            .iter()
            .map(|c| {
                let word = self.shape(&c.title, header_style).widest_word(&self.whole);
                // Half a point over, so that rounding cannot cut the word after all.
                word * header_style.size + 2.0 * CELL_PAD_X + 0.5
            })
            .collect();
        let pairs = || widths.iter().zip(&least);
        let mut short: f32 = pairs().map(|(w, l)| (l - w).max(0.0)).sum();
        let spare: f32 = pairs().map(|(w, l)| (w - l).max(0.0)).sum();
        if short <= 0.0 || spare < short {
            return widths;
        }
        // The widest columns give first: they hold running text, which wraps at any word,
        // where a narrow one holds a code or a figure that would be cut.
        let mut givers: Vec<usize> = (0..widths.len()).collect();
        givers.sort_by(|&a, &b| widths[b].total_cmp(&widths[a]));
        for (width, least) in widths.iter_mut().zip(&least) {
            *width = width.max(*least);
        }
        for i in givers {
            let give = (widths[i] - least[i]).max(0.0).min(short);
            widths[i] -= give;
            short -= give;
            if short <= 0.0 {
                break;
            }
        }
        widths
    }

    /// A ruled table with its header row repeated at the top of every page it runs onto.
    pub fn table(&mut self, table: &Table) -> Result<(), FormError> {
        let body = Style::BODY.sized(table.size);
        let header_style = body.bold().aligned(Align::Center);
        let mut edges = vec![self.left()];
        for width in self.column_widths(table, header_style) {
            let last = edges[edges.len() - 1];
            edges.push(last + width);
        }
        let header = LaidRow::header(self, table, &edges, header_style);
        // A header with nothing under it is useless: keep it with the first row.
        let first_h = table.rows.first().map_or(0.0, |r| {
            LaidRow::body(self, table, r, &edges, body).height()
        });
        self.keep(header.height() + first_h.min(self.usable_height() / 2.0));
        header.draw(self, &edges, true);
        for row in &table.rows {
            let mut laid = LaidRow::body(self, table, row, &edges, body);
            loop {
                if laid.height() <= self.remaining() {
                    laid.draw(self, &edges, false);
                    break;
                }
                let fresh_room = self.usable_height() - header.height();
                if laid.height() <= fresh_room || self.remaining() < laid.min_height() {
                    // Move the whole row to the next page (or, if it is taller than a page,
                    // start it there so as much as possible stays together).
                    self.new_page();
                    header.draw(self, &edges, true);
                    if laid.height() <= self.remaining() {
                        continue;
                    }
                }
                // Taller than a page: print what fits, continue below the header overleaf.
                let rest = laid.split(self.remaining());
                laid.draw(self, &edges, false);
                self.new_page();
                header.draw(self, &edges, true);
                laid = rest;
            }
        }
        Ok(())
    }

    fn usable_height(&self) -> f32 {
        self.bottom() - self.margins[0]
    }

    /// The pages as laid out, without page numbers (labels, which are cut apart).
    pub fn into_pages(self) -> Vec<Page> {
        self.pages
    }

    /// Stamps "หน้า x/y" (and `footer`, if any, on the left, with the page's section) at the
    /// foot of every page and returns the pages.
    pub fn finish(self, footer: &str) -> Vec<Page> {
        self.finish_signed(footer, &[])
    }

    /// Like [`Flow::finish`], with a line above the page number on every page where each of
    /// `signers` initials it ("ลงชื่อ ........ name"), as check sheets are signed page by page.
    /// The bottom margin must leave room for two lines.
    pub fn finish_signed(mut self, footer: &str, signers: &[String]) -> Vec<Page> {
        let count = self.pages.len();
        let style = Style::BODY.sized(12.0);
        let foot = self.orientation.a4().1 - self.margins[2];
        let (sign_top, number_top) = if signers.is_empty() {
            (foot, foot + 4.0 * MM)
        } else {
            (foot + 2.0 * MM, foot + 2.0 * MM + style.line_height())
        };
        let (left, width) = (self.left(), self.content_width());
        let signed: Vec<String> = signers
            .iter()
            .map(|name| {
                self.dotted(
                    "ลงชื่อ",
                    &format!(" {name}"),
                    style,
                    width / signers.len() as f32 - 8.0,
                )
            })
            .collect();
        for index in 0..count {
            let number = self.prepare(&format!("หน้า {}/{}", index + 1, count));
            let section = self.sections.get(index).cloned().unwrap_or_default();
            let footer = match (footer.is_empty(), section.is_empty()) {
                (_, true) => footer.to_owned(),
                (true, false) => section,
                (false, false) => format!("{footer} · {section}"),
            };
            let last = self.pages.len() - 1;
            // Draw on page `index` by temporarily treating it as the current one.
            self.pages.swap(index, last);
            for (i, line) in signed.iter().enumerate() {
                let share = width / signed.len() as f32;
                self.text_at(line, style, left + i as f32 * share, sign_top, share);
            }
            self.text_at(
                &number,
                style.aligned(Align::Right),
                left,
                number_top,
                width,
            );
            if !footer.is_empty() {
                self.text_at(&footer, style, left, number_top, width * 0.75);
            }
            self.pages.swap(index, last);
        }
        self.pages
    }
}

/// A check box with its top-left corner at (`x`, `y`), ticked in two strokes if `ticked`.
fn tick_box(page: &mut Page, x: f32, y: f32, side: f32, ticked: bool) {
    page.frame(x, y, side, side, 0.8);
    if ticked {
        page.line(
            (x + side * 0.18, y + side * 0.55),
            (x + side * 0.42, y + side * 0.82),
            1.4,
        );
        page.line(
            (x + side * 0.42, y + side * 0.82),
            (x + side * 0.9, y + side * 0.12),
            1.4,
        );
    }
}

/// A table row measured and wrapped, ready to draw (possibly in pieces).
struct LaidRow {
    cells: Vec<LaidCell>,
    line_height: f32,
    ascent: f32,
    bold_header: bool,
}

struct LaidCell {
    x: f32,
    width: f32,
    align: Align,
    content: CellContent,
}

enum CellContent {
    Lines {
        shaped: Shaped,
        lines: Vec<super::text::LineSpan>,
        size: f32,
    },
    Qr {
        text: String,
        size: f32,
    },
    Check {
        ticked: bool,
        side: f32,
    },
}

impl LaidRow {
    fn header(flow: &Flow, table: &Table, edges: &[f32], style: Style) -> LaidRow {
        let row = Row::new(
            table
                .columns
                .iter()
                .map(|c| Cell::text(c.title.clone()))
                .collect(),
        );
        let mut laid = LaidRow::lay(flow, table, &row, edges, style, true);
        laid.bold_header = true;
        laid
    }

    fn body(flow: &Flow, table: &Table, row: &Row, edges: &[f32], style: Style) -> LaidRow {
        let style = if row.bold { style.bold() } else { style };
        LaidRow::lay(flow, table, row, edges, style, false)
    }

    fn lay(
        flow: &Flow,
        table: &Table,
        row: &Row,
        edges: &[f32],
        style: Style,
        header: bool,
    ) -> LaidRow {
        let mut col = 0;
        let mut cells = Vec::with_capacity(row.cells.len());
        for (cell, span) in &row.cells {
            let span = (*span).max(1);
            let end = (col + span).min(table.columns.len());
            if col >= end {
                break;
            }
            let x = edges[col];
            let width = edges[end] - x;
            let align = if row.heading {
                Align::Left
            } else if header || span > 1 && row.bold {
                if header { Align::Center } else { Align::Right }
            } else {
                table.columns[col].align
            };
            let content = match cell {
                Cell::Text(text) => {
                    let shaped = flow.shape(text, style);
                    let inner = (width - 2.0 * CELL_PAD_X).max(style.size) / style.size;
                    let lines = shaped.wrap(inner, &flow.whole);
                    CellContent::Lines {
                        shaped,
                        lines,
                        size: style.size,
                    }
                }
                Cell::Qr(text) => CellContent::Qr {
                    text: text.clone(),
                    size: table.qr_size.min(width - 2.0 * CELL_PAD_X),
                },
                Cell::Check(ticked) => CellContent::Check {
                    ticked: *ticked,
                    side: (style.size * 0.75).min(width - 2.0 * CELL_PAD_X),
                },
            };
            cells.push(LaidCell {
                x,
                width,
                align,
                content,
            });
            col = end;
        }
        LaidRow {
            cells,
            line_height: style.line_height(),
            ascent: style.ascent(),
            bold_header: false,
        }
    }

    fn height(&self) -> f32 {
        let content = self
            .cells
            .iter()
            .map(|c| match &c.content {
                CellContent::Lines { lines, .. } => lines.len() as f32 * self.line_height,
                CellContent::Qr { size, .. } => *size,
                CellContent::Check { .. } => self.line_height,
            })
            .fold(self.line_height, f32::max);
        content + 2.0 * CELL_PAD_Y
    }

    /// The least a piece of this row can be: one line (or its QR code).
    fn min_height(&self) -> f32 {
        let qr = self
            .cells
            .iter()
            .filter_map(|c| match &c.content {
                CellContent::Qr { size, .. } => Some(*size),
                CellContent::Lines { .. } | CellContent::Check { .. } => None,
            })
            .fold(self.line_height, f32::max);
        qr + 2.0 * CELL_PAD_Y
    }

    /// Keeps the lines that fit in `room` points and returns the rest as a new row.
    fn split(&mut self, room: f32) -> LaidRow {
        let fit = (((room - 2.0 * CELL_PAD_Y) / self.line_height).floor() as usize).max(1);
        let cells = self
            .cells
            .iter_mut()
            .map(|c| {
                let content = match &mut c.content {
                    CellContent::Lines {
                        shaped,
                        lines,
                        size,
                    } => {
                        let rest = if lines.len() > fit {
                            lines.split_off(fit)
                        } else {
                            Vec::new()
                        };
                        CellContent::Lines {
                            shaped: shaped.clone(),
                            lines: rest,
                            size: *size,
                        }
                    }
                    // A code or a box is printed once, on the first piece.
                    CellContent::Qr { .. } | CellContent::Check { .. } => CellContent::Lines {
                        shaped: shape("", Weight::Regular),
                        lines: Vec::new(),
                        size: 10.0,
                    },
                };
                LaidCell {
                    x: c.x,
                    width: c.width,
                    align: c.align,
                    content,
                }
            })
            .collect();
        LaidRow {
            cells,
            line_height: self.line_height,
            ascent: self.ascent,
            bold_header: self.bold_header,
        }
    }

    fn draw(&self, flow: &mut Flow, edges: &[f32], top_rule: bool) {
        let h = self.height();
        let top = flow.y;
        let (x0, x1) = (edges[0], edges[edges.len() - 1]);
        let page = flow.page();
        if top_rule {
            page.line((x0, top), (x1, top), 0.8);
        }
        for cell in &self.cells {
            page.line((cell.x, top), (cell.x, top + h), HAIRLINE);
            match &cell.content {
                CellContent::Lines {
                    shaped,
                    lines,
                    size,
                } => {
                    let mut baseline = top + CELL_PAD_Y + self.ascent;
                    let inner = cell.width - 2.0 * CELL_PAD_X;
                    for line in lines {
                        let w = line.width * size;
                        let dx = cell.align.offset(inner, w);
                        page.text_line(shaped, line, cell.x + CELL_PAD_X + dx, baseline, *size);
                        baseline += self.line_height;
                    }
                }
                CellContent::Qr { text, size } => {
                    let x = cell.x + (cell.width - size) / 2.0;
                    // Sizes and positions are finite; an unencodable text was refused
                    // when the row was made, so a failure here leaves the cell empty.
                    if let Ok(rects) = qr_rects(text, x, top + CELL_PAD_Y, *size) {
                        page.fill(rects);
                    }
                }
                CellContent::Check { ticked, side } => {
                    let x = cell.x + (cell.width - side) / 2.0;
                    let y = top + CELL_PAD_Y + self.ascent - side;
                    tick_box(page, x, y, *side, *ticked);
                }
            }
        }
        page.line((x1, top), (x1, top + h), HAIRLINE);
        page.line(
            (x0, top + h),
            (x1, top + h),
            if self.bold_header { 0.8 } else { HAIRLINE },
        );
        flow.y = top + h;
    }
}
