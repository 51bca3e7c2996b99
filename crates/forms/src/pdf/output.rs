//! Pages to PDF bytes through printpdf.
//!
//! Each font is subset to the glyphs the document uses (allsorts, the subsetter printpdf
//! itself builds on) before it is embedded, and every text line is wrapped in a marked
//! content span carrying `/ActualText`, because a glyph-to-Unicode map cannot say what a
//! Thai cluster reads as (one glyph appears in several clusters).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset};
use printpdf::{
    Codepoint, FontId, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Pt,
    RawImage, RawImageData, RawImageFormat, TextItem, XObjectId,
};

use super::FormError;
use super::fonts::{Font, Weight, font};
use super::page::{Image, Mark, Page, TextMark};

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
    let images = embed_images(&mut doc, pages);
    let mut printed: Vec<PdfPage> = pages.iter().map(|p| page_ops(p, &fonts, &images)).collect();
    printed.push(glyph_census(&fonts));
    let options = PdfSaveOptions {
        // Compressed below at a fast level: lopdf's own pass uses the slowest, which
        // was a fifth of the time of a 5,000-row list.
        optimize: false,
        // Already subset above; printpdf's own subsetting needs its HTML layout feature.
        subset_fonts: false,
        // Each page's content is written here as one raw operation, which printpdf
        // passes on only when told raw operators are intended.
        secure: false,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc
        .with_pages(printed)
        .to_lopdf_document(&options, &mut warnings);
    drop_last_page(&mut lo);
    compress_streams(&mut lo)?;
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| FormError::Font(format!("writing the PDF: {e}")))?;
    Ok(bytes)
}

/// A page that shows every glyph of every font once, as printpdf operations.
///
/// The real pages are raw content that printpdf does not read, and printpdf embeds a
/// font (with its `/W` widths and `/ToUnicode` map) only for the glyphs it sees shown;
/// this page shows them to it and is removed from the document afterwards
/// ([`drop_last_page`]).
fn glyph_census(fonts: &BTreeMap<Weight, Embedded>) -> PdfPage {
    let mut ops = vec![Op::StartTextSection];
    for embedded in fonts.values() {
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(embedded.id.clone()),
            size: Pt(1.0),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(
                embedded
                    .widths
                    .keys()
                    .map(|gid| Codepoint::new(*gid, 0.0))
                    .collect(),
            )],
        });
    }
    ops.push(Op::EndTextSection);
    PdfPage::new(Mm(10.0), Mm(10.0), ops)
}

/// Removes the document's last page (the glyph census) and its content stream.
fn drop_last_page(doc: &mut lopdf::Document) {
    let pages = doc.get_pages();
    let Some((&number, &page_id)) = pages.iter().next_back() else {
        return;
    };
    let contents = doc
        .get_dictionary(page_id)
        .ok()
        .and_then(|page| page.get(b"Contents").ok())
        .and_then(|c| c.as_reference().ok());
    doc.delete_pages(&[number]);
    if let Some(id) = contents {
        doc.objects.remove(&id);
    }
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

/// Adds each distinct picture once (a logo on every page of a list is one object), keyed
/// by its address.
fn embed_images(doc: &mut PdfDocument, pages: &[Page]) -> HashMap<*const Image, XObjectId> {
    let mut ids = HashMap::new();
    for page in pages {
        for mark in &page.marks {
            if let Mark::Image { image, .. } = mark {
                ids.entry(Arc::as_ptr(image)).or_insert_with(|| {
                    doc.add_image(&RawImage {
                        pixels: RawImageData::U8(image.rgba.clone()),
                        width: image.width as usize,
                        height: image.height as usize,
                        // printpdf splits the alpha channel into the image's soft mask.
                        data_format: RawImageFormat::RGBA8,
                        tag: Vec::new(),
                    })
                });
            }
        }
    }
    ids
}

fn page_ops(
    page: &Page,
    fonts: &BTreeMap<Weight, Embedded>,
    images: &HashMap<*const Image, XObjectId>,
) -> PdfPage {
    let h = page.height;
    // The whole page is written here as content-stream text and handed to printpdf as
    // one raw operation: as printpdf operations a page of a long list was thousands of
    // small objects (every number a float, every glyph run a vector), and turning them
    // into text was a third of the time of a 5,000-row list.
    let mut content = ContentWriter::default();
    content.raw("0 g 0 G\n");
    // Pictures first, so that nothing printed over them is hidden.
    for mark in &page.marks {
        if let Mark::Image {
            image,
            place: [x, y, w, ih],
        } = mark
            && let Some(id) = images.get(&Arc::as_ptr(image))
        {
            content.raw("q ");
            content.op(&[*w, 0.0, 0.0, *ih, *x, h - y - ih], "cm");
            content.raw("/");
            content.raw(&id.0);
            content.raw(" Do Q\n");
        }
    }
    let mut text = TextState::default();
    for mark in &page.marks {
        if let Mark::Text(t) = mark
            && let Some(embedded) = fonts.get(&t.weight)
        {
            text_ops(&mut content, &mut text, t, embedded, h);
        }
    }
    if text.open {
        content.raw("ET\n");
    }
    // Rules, frames and module fills after the text, as one path program.
    for mark in &page.marks {
        match mark {
            Mark::Text(_) | Mark::Image { .. } => {}
            Mark::Line { from, to, width } => {
                content.stroke_width(*width);
                content.op(&[from.0, h - from.1], "m");
                content.op(&[to.0, h - to.1], "l");
                content.raw("S\n");
            }
            Mark::Frame {
                x,
                y,
                w,
                h: fh,
                width,
            } => {
                content.stroke_width(*width);
                content.op(&[*x, h - y - fh, *w, *fh], "re");
                content.raw("S\n");
            }
            Mark::Fill(rects) => {
                for [x, y, w, rh] in rects {
                    content.op(&[*x, h - y - rh, *w, *rh], "re");
                }
                content.raw("f\n");
            }
        }
    }
    let ops = vec![Op::Unknown {
        key: content.out,
        value: Vec::new(),
    }];
    PdfPage::new(
        Mm(page.width / super::page::MM),
        Mm(h / super::page::MM),
        ops,
    )
}

/// Writes content-stream operators as text, numbers to a hundredth of a point.
#[derive(Default)]
struct ContentWriter {
    out: String,
    /// The line width last set, so that it is set again only when it changes.
    width: Option<f32>,
}

impl ContentWriter {
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

    fn raw(&mut self, text: &str) {
        self.out.push_str(text);
    }

    fn number(&mut self, v: f32) {
        push_number(&mut self.out, v);
    }

    /// A hex string of two-byte glyph ids, as an Identity-H font reads them.
    fn glyph_ids(&mut self, ids: &[u16]) {
        self.out.push('<');
        self.hex_units(ids.iter().copied());
        self.out.push('>');
    }

    /// Sixteen-bit units as four hex digits each.
    fn hex_units(&mut self, units: impl Iterator<Item = u16>) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        for unit in units {
            for shift in [12, 8, 4, 0] {
                self.out
                    .push(char::from(HEX[usize::from((unit >> shift) & 0xF)]));
            }
        }
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
    out: &mut ContentWriter,
    state: &mut TextState,
    t: &TextMark,
    embedded: &Embedded,
    page_height: f32,
) {
    // Inside the text object: a marked-content span may not straddle BT/ET.
    if !state.open {
        out.raw("BT\n");
        state.open = true;
    }
    // The real text as UTF-16BE with its byte-order mark, which every reader takes for
    // any script.
    out.raw("/Span <</ActualText <FEFF");
    out.hex_units(t.text.encode_utf16());
    out.raw(">>> BDC\n");
    if state.font != Some((t.weight, t.size)) {
        out.raw("/");
        out.raw(&embedded.id.0);
        out.raw(" ");
        out.number(t.size);
        out.raw(" Tf\n");
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
                r.flush(out, t, baseline);
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
                last.1 += kern;
            }
            r.glyphs.push((gid, 0.0));
            r.at = x + embedded.widths.get(&gid).copied().unwrap_or(0.0) / 1000.0;
        }
        pen += g.advance;
    }
    if let Some(r) = run.take() {
        r.flush(out, t, baseline);
    }
    out.raw("EMC\n");
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
    /// Subset glyph id, and the kern after it in thousandths of an em.
    glyphs: Vec<(u16, f32)>,
}

impl Run {
    /// Writes `1 0 0 1 x y Tm [<ids> kern <ids> …] TJ`, glyphs with no kern between
    /// them sharing one string.
    fn flush(self, out: &mut ContentWriter, t: &TextMark, baseline: f32) {
        if self.glyphs.is_empty() {
            return;
        }
        out.raw("1 0 0 1 ");
        out.op(
            &[t.x + self.start * t.size, baseline + self.y_offset * t.size],
            "Tm",
        );
        out.raw("[");
        let mut pending: Vec<u16> = Vec::with_capacity(self.glyphs.len());
        for (gid, kern) in &self.glyphs {
            pending.push(*gid);
            // Kerns below a hundredth of a unit are rounding noise of the em arithmetic.
            if kern.abs() >= 0.005 {
                out.glyph_ids(&pending);
                pending.clear();
                out.number(*kern);
            }
        }
        if !pending.is_empty() {
            out.glyph_ids(&pending);
        }
        out.raw("] TJ\n");
    }
}
