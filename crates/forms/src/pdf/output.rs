//! Pages to PDF bytes through printpdf.
//!
//! Each font is subset to the glyphs the document uses (allsorts, the subsetter printpdf
//! itself builds on) before it is embedded, and every text line is wrapped in a marked
//! content span carrying `/ActualText`, because a glyph-to-Unicode map cannot say what a
//! Thai cluster reads as (one glyph appears in several clusters).

use std::collections::{BTreeMap, BTreeSet};

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset};
use printpdf::{
    Codepoint, Color, DictItem, FontId, Greyscale, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Pt, TextItem, TextMatrix,
};

use super::FormError;
use super::fonts::{Font, Weight, font};
use super::page::{Mark, Page, TextMark};

/// What a finished document says about itself.
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    /// Shown as the PDF's title.
    pub title: String,
}

/// A subset font ready to embed, and how the document's glyph ids map into it.
struct Embedded {
    id: FontId,
    remap: BTreeMap<u16, u16>,
    /// `/W` advances of the subset font, by new glyph id, in thousandths of an em.
    widths: BTreeMap<u16, f32>,
}

/// Writes `pages` as one PDF.
pub fn to_pdf(pages: &[Page], meta: &Metadata) -> Result<Vec<u8>, FormError> {
    if pages.is_empty() {
        return Err(FormError::Empty);
    }
    let mut doc = PdfDocument::new(&meta.title);
    let mut fonts: BTreeMap<Weight, Embedded> = BTreeMap::new();
    for weight in Weight::ALL {
        let used: BTreeSet<u16> = pages
            .iter()
            .flat_map(|p| p.marks.iter())
            .filter_map(|m| match m {
                Mark::Text(t) if t.weight == weight => Some(t.glyphs.iter().map(|g| g.gid)),
                _ => None,
            })
            .flatten()
            .collect();
        if !used.is_empty() {
            fonts.insert(weight, embed(&mut doc, font(weight), &used)?);
        }
    }
    let printed: Vec<PdfPage> = pages.iter().map(|p| page_ops(p, &fonts)).collect();
    let options = PdfSaveOptions {
        // Compressed below at a fast level: lopdf's own pass uses the slowest, which
        // was a fifth of the time of a 5,000-row list.
        optimize: false,
        // Already subset above; printpdf's own subsetting needs its HTML layout feature.
        subset_fonts: false,
        // We emit raw `re`/`f` for module fills, which printpdf passes on only when
        // told the operators are intended.
        secure: false,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc
        .with_pages(printed)
        .to_lopdf_document(&options, &mut warnings);
    compress_streams(&mut lo)?;
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| FormError::Font(format!("writing the PDF: {e}")))?;
    Ok(bytes)
}

/// Deflates every stream not yet filtered (page contents, font programs).
fn compress_streams(doc: &mut lopdf::Document) -> Result<(), FormError> {
    use std::io::Write;
    for object in doc.objects.values_mut() {
        if let lopdf::Object::Stream(stream) = object {
            if stream.dict.get(b"Filter").is_ok() || !stream.allows_compression {
                continue;
            }
            let mut encoder =
                flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
            encoder
                .write_all(&stream.content)
                .map_err(|e| FormError::Font(e.to_string()))?;
            let packed = encoder
                .finish()
                .map_err(|e| FormError::Font(e.to_string()))?;
            if packed.len() < stream.content.len() {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(packed);
            }
        }
    }
    Ok(())
}

fn embed(doc: &mut PdfDocument, font: &Font, used: &BTreeSet<u16>) -> Result<Embedded, FormError> {
    // .notdef first: allsorts numbers the subset in the order asked.
    let ids: Vec<u16> = std::iter::once(0)
        .chain(used.iter().copied().filter(|g| *g != 0))
        .collect();
    let scope = ReadScope::new(font.bytes);
    let data = scope
        .read::<FontData<'_>>()
        .map_err(|e| FormError::Font(e.to_string()))?;
    let provider = data
        .table_provider(0)
        .map_err(|e| FormError::Font(e.to_string()))?;
    let bytes = subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
        .map_err(|e| FormError::Font(e.to_string()))?;
    let mut warnings = Vec::new();
    let mut parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
        .ok_or_else(|| FormError::Font("the subset font does not parse".into()))?;
    // The ISO 32000 subset tag: six capitals before the name tell readers (and pdffonts)
    // the program holds only some glyphs. Derived from the glyph set, so one document
    // always gets the same file.
    parsed.font_name = Some(format!("{}+{}", subset_tag(&ids), font.name));
    let remap: BTreeMap<u16, u16> = ids
        .iter()
        .enumerate()
        .map(|(new, old)| (*old, new as u16))
        .collect();
    let widths = ids
        .iter()
        .enumerate()
        .map(|(new, old)| (new as u16, font.pdf_width(*old)))
        .collect();
    Ok(Embedded {
        id: doc.add_font(&parsed),
        remap,
        widths,
    })
}

/// Six capital letters from an FNV-1a hash of the glyph ids.
fn subset_tag(ids: &[u16]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for id in ids {
        for byte in id.to_be_bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    (0..6)
        .map(|i| char::from(b'A' + ((hash >> (i * 8)) % 26) as u8))
        .collect()
}

fn page_ops(page: &Page, fonts: &BTreeMap<Weight, Embedded>) -> PdfPage {
    let h = page.height;
    let mut ops = Vec::with_capacity(page.marks.len() * 7 + 4);
    ops.push(Op::SetFillColor { col: black() });
    ops.push(Op::SetOutlineColor { col: black() });
    // Rules, frames and module fills go into one path program per page, written here
    // directly: as printpdf operations they were half a million small objects for a page
    // set of QR codes, each number formatted as a float.
    let mut path = PathWriter::default();
    let mut text = TextState::default();
    for mark in &page.marks {
        match mark {
            Mark::Text(t) => {
                if let Some(embedded) = fonts.get(&t.weight) {
                    text_ops(&mut ops, &mut text, t, embedded, h);
                }
            }
            Mark::Line { from, to, width } => {
                path.stroke_width(*width);
                path.op(&[from.0, h - from.1], "m");
                path.op(&[to.0, h - to.1], "l");
                path.paint("S");
            }
            Mark::Frame {
                x,
                y,
                w,
                h: fh,
                width,
            } => {
                path.stroke_width(*width);
                path.op(&[*x, h - y - fh, *w, *fh], "re");
                path.paint("S");
            }
            Mark::Fill(rects) => {
                for [x, y, w, rh] in rects {
                    path.op(&[*x, h - y - rh, *w, *rh], "re");
                }
                path.paint("f");
            }
        }
    }
    if text.open {
        ops.push(Op::EndTextSection);
    }
    if !path.out.is_empty() {
        ops.push(Op::Unknown {
            key: path.out,
            value: Vec::new(),
        });
    }
    PdfPage::new(
        Mm(page.width / super::page::MM),
        Mm(h / super::page::MM),
        ops,
    )
}

/// Writes PDF path operators as text, numbers to a hundredth of a point.
#[derive(Default)]
struct PathWriter {
    out: String,
    width: Option<f32>,
}

impl PathWriter {
    fn stroke_width(&mut self, width: f32) {
        if self.width != Some(width) {
            self.op(&[width], "w");
            self.width = Some(width);
        }
    }

    fn op(&mut self, operands: &[f32], operator: &str) {
        for v in operands {
            push_number(&mut self.out, *v);
            self.out.push(' ');
        }
        self.out.push_str(operator);
        self.out.push('\n');
    }

    fn paint(&mut self, operator: &str) {
        self.out.push_str(operator);
        self.out.push('\n');
    }
}

/// Appends `v` rounded to two decimals, without trailing zeros. Written by hand: this
/// runs for every corner of every QR module and table rule.
fn push_number(out: &mut String, v: f32) {
    let mut centi = (f64::from(v) * 100.0).round() as i64;
    if centi < 0 {
        out.push('-');
        centi = -centi;
    }
    push_digits(out, (centi / 100) as u64);
    let frac = (centi % 100) as u8;
    if frac != 0 {
        out.push('.');
        out.push(char::from(b'0' + frac / 10));
        if !frac.is_multiple_of(10) {
            out.push(char::from(b'0' + frac % 10));
        }
    }
}

fn push_digits(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &b in &buf[i..] {
        out.push(char::from(b));
    }
}

/// One line of text: a marked-content span with the line's real text, then the glyphs,
/// each drawn where the shaper put it. Glyphs on the baseline share one `TJ` whose kerns
/// make up the difference between the shaper's advances and the font's `/W` widths;
/// a glyph the font lifts or lowers (a tone mark over an upper vowel) gets its own
/// text matrix.
fn text_ops(
    ops: &mut Vec<Op>,
    state: &mut TextState,
    t: &TextMark,
    embedded: &Embedded,
    page_height: f32,
) {
    ops.push(Op::BeginMarkedContentWithProperties {
        tag: "Span".into(),
        properties: DictItem::Dict {
            map: BTreeMap::from([(
                "ActualText".to_owned(),
                DictItem::String {
                    data: utf16_text_string(&t.text),
                    literal: false,
                },
            )]),
        },
    });
    if !state.open {
        ops.push(Op::StartTextSection);
        state.open = true;
    }
    if state.font != Some((t.weight, t.size)) {
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(embedded.id.clone()),
            size: Pt(t.size),
        });
        state.font = Some((t.weight, t.size));
    }
    let baseline = page_height - t.baseline;
    let mut pen = 0.0_f32; // where the shaper's pen is, in ems from t.x
    let mut run: Option<Run> = None;
    for g in &t.glyphs {
        let gid = embedded.remap.get(&g.gid).copied().unwrap_or(0);
        let x = pen + g.x_offset;
        let y_off = g.y_offset;
        let fits_run = run.as_ref().is_some_and(|r| r.y_offset == y_off);
        if !fits_run {
            if let Some(r) = run.take() {
                r.flush(ops, t, baseline);
            }
            run = Some(Run {
                start: x,
                y_offset: y_off,
                at: x,
                glyphs: Vec::new(),
            });
        }
        if let Some(r) = run.as_mut() {
            // TJ numbers are thousandths of an em, positive moving left.
            let kern = (r.at - x) * 1000.0;
            // (The first glyph of a run is where the run starts: nothing to move.)
            if let Some(last) = r.glyphs.last_mut() {
                last.offset += kern;
            }
            r.glyphs.push(Codepoint::new(gid, 0.0));
            r.at = x + embedded.widths.get(&gid).copied().unwrap_or(0.0) / 1000.0;
        }
        pen += g.advance;
    }
    if let Some(r) = run.take() {
        r.flush(ops, t, baseline);
    }
    ops.push(Op::EndMarkedContentWithProperties);
}

/// One text object per page (`BT` … `ET`) holding every line, each in its own marked
/// content span; the font is set again only when it changes.
#[derive(Default)]
struct TextState {
    open: bool,
    font: Option<(Weight, f32)>,
}

/// Glyphs that share one baseline offset, shown with one text matrix.
struct Run {
    start: f32,
    y_offset: f32,
    /// Where the viewer's pen is after the glyphs so far, in ems.
    at: f32,
    glyphs: Vec<Codepoint>,
}

impl Run {
    fn flush(self, ops: &mut Vec<Op>, t: &TextMark, baseline: f32) {
        if self.glyphs.is_empty() {
            return;
        }
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(
                Pt(t.x + self.start * t.size),
                Pt(baseline + self.y_offset * t.size),
            ),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(self.glyphs)],
        });
    }
}

fn black() -> Color {
    Color::Greyscale(Greyscale {
        percent: 0.0,
        icc_profile: None,
    })
}

/// A PDF text string in UTF-16BE with its byte-order mark, which every reader takes
/// for any script.
fn utf16_text_string(text: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_be_bytes());
    }
    out
}
