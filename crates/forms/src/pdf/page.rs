//! Pages as lists of marks (text lines, rules, boxes, filled modules), in points with
//! the origin at the top left, the way a form is designed. Nothing here knows PDF.

use std::sync::Arc;

use super::fonts::Weight;
use super::text::{Glyph, LineSpan, Shaped};

/// A4 in points.
pub const A4_WIDTH: f32 = 595.28;
/// A4 in points.
pub const A4_HEIGHT: f32 = 841.89;
/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;

/// Which way up the sheet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Orientation {
    /// Taller than wide.
    #[default]
    Portrait,
    /// Wider than tall.
    Landscape,
}

impl Orientation {
    /// Width and height of an A4 sheet this way up, in points.
    pub fn a4(self) -> (f32, f32) {
        match self {
            Orientation::Portrait => (A4_WIDTH, A4_HEIGHT),
            Orientation::Landscape => (A4_HEIGHT, A4_WIDTH),
        }
    }
}

/// One line of shaped text placed on a page.
#[derive(Debug, Clone)]
pub(crate) struct TextMark {
    /// Left end of the baseline.
    pub x: f32,
    pub baseline: f32,
    pub size: f32,
    pub weight: Weight,
    pub glyphs: Vec<Glyph>,
    /// What the line says, for copy-paste (`/ActualText`).
    pub text: String,
}

/// Something drawn on a page.
#[derive(Debug, Clone)]
pub(crate) enum Mark {
    Text(TextMark),
    /// A straight rule.
    Line {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
    },
    /// A rectangle outline.
    Frame {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        width: f32,
    },
    /// Filled black rectangles (x, y, w, h): QR modules, barcode bars, check marks.
    Fill(Vec<[f32; 4]>),
    /// A picture stretched over the box (x, y, w, h).
    Image {
        image: Arc<Image>,
        place: [f32; 4],
    },
}

/// A raster picture (the organisation's logo), embedded once however often it is drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Eight-bit RGBA, row by row from the top (`width × height × 4` bytes).
    pub rgba: Vec<u8>,
}

impl Image {
    /// Height over width.
    pub fn aspect(&self) -> f32 {
        self.height as f32 / self.width.max(1) as f32
    }
}

/// One sheet of a document.
#[derive(Debug, Clone)]
pub struct Page {
    /// Width in points.
    pub width: f32,
    /// Height in points.
    pub height: f32,
    pub(crate) marks: Vec<Mark>,
}

impl Page {
    /// An empty A4 page.
    pub fn a4(orientation: Orientation) -> Page {
        let (width, height) = orientation.a4();
        Page {
            width,
            height,
            marks: Vec::new(),
        }
    }

    /// Places one wrapped line of `shaped` with its baseline at `baseline`.
    pub(crate) fn text_line(
        &mut self,
        shaped: &Shaped,
        line: &LineSpan,
        x: f32,
        baseline: f32,
        size: f32,
    ) {
        if line.glyphs.is_empty() {
            return;
        }
        self.marks.push(Mark::Text(TextMark {
            x,
            baseline,
            size,
            weight: shaped.weight,
            glyphs: shaped.glyphs[line.glyphs.clone()].to_vec(),
            text: shaped.text[line.text.clone()].to_owned(),
        }));
    }

    /// A rule from `from` to `to`, `width` points thick.
    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32) {
        self.marks.push(Mark::Line { from, to, width });
    }

    /// A rectangle outline.
    pub fn frame(&mut self, x: f32, y: f32, w: f32, h: f32, width: f32) {
        self.marks.push(Mark::Frame { x, y, w, h, width });
    }

    /// Filled rectangles, e.g. the dark modules of a QR code.
    pub fn fill(&mut self, rects: Vec<[f32; 4]>) {
        if !rects.is_empty() {
            self.marks.push(Mark::Fill(rects));
        }
    }

    /// `image` stretched over the box from (`x`, `y`), `w` × `h` points.
    pub fn image(&mut self, image: &Arc<Image>, x: f32, y: f32, w: f32, h: f32) {
        self.marks.push(Mark::Image {
            image: Arc::clone(image),
            place: [x, y, w, h],
        });
    }

    /// The texts on this page, in drawing order (for tests and debugging).
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.marks.iter().filter_map(|m| match m {
            Mark::Text(t) => Some(t.text.as_str()),
            _ => None,
        })
    }
}
