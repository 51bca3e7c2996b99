//! The fonts every form is set in: Sarabun (SIL OFL 1.1, see `assets/fonts/OFL.txt`),
//! compiled into the program so that printing never depends on what a PC has installed.

use std::sync::OnceLock;

use rustybuzz::{Direction, Face as ShapingFace, ShapePlan, script};

/// The weight a piece of text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Weight {
    /// Body text.
    Regular,
    /// Titles, headers, totals.
    Bold,
}

impl Weight {
    /// Both weights, in the order their fonts are embedded.
    pub const ALL: [Weight; 2] = [Weight::Regular, Weight::Bold];
}

/// One font file with what shaping and layout need from it.
pub(crate) struct Font {
    /// PostScript name, e.g. `Sarabun-Regular`.
    pub name: &'static str,
    /// The whole TrueType file; each PDF embeds a subset of it.
    pub bytes: &'static [u8],
    pub face: ShapingFace<'static>,
    /// Built once: making a plan is the costly part of shaping a short string.
    pub plan: ShapePlan,
    pub units_per_em: f32,
    /// Ascender and descender (descender negative) in ems.
    pub ascender: f32,
    pub descender: f32,
}

impl Font {
    fn load(name: &'static str, bytes: &'static [u8]) -> Font {
        // The files are compiled in and tested; failing here is a build defect, not input.
        #[allow(clippy::expect_used)]
        let face = ShapingFace::from_slice(bytes, 0).expect("the bundled Sarabun font parses");
        // Thai script for every run: Latin letters and digits shape the same under it, and
        // mixed lines ("ครุภัณฑ์ 416-68-0001") stay one run.
        let plan = ShapePlan::new(&face, Direction::LeftToRight, Some(script::THAI), None, &[]);
        let units_per_em = face.units_per_em() as f32;
        let ascender = face.ascender() as f32 / units_per_em;
        let descender = face.descender() as f32 / units_per_em;
        Font {
            name,
            bytes,
            face,
            plan,
            units_per_em,
            ascender,
            descender,
        }
    }

    /// The advance PDF viewers use for `gid`: `/W` holds whole thousandths of an em,
    /// truncated, as printpdf writes them. Positions are computed against this same
    /// number so that the pen never drifts from where the shaper put a glyph.
    pub fn pdf_width(&self, gid: u16) -> f32 {
        let advance = self
            .face
            .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(gid))
            .unwrap_or(0);
        (advance as f32 * 1000.0 / self.units_per_em).trunc()
    }
}

static REGULAR: OnceLock<Font> = OnceLock::new();
static BOLD: OnceLock<Font> = OnceLock::new();

/// The font for `weight`, loaded on first use.
pub(crate) fn font(weight: Weight) -> &'static Font {
    match weight {
        Weight::Regular => REGULAR.get_or_init(|| {
            Font::load(
                "Sarabun-Regular",
                include_bytes!("../../../../assets/fonts/Sarabun-Regular.ttf"),
            )
        }),
        Weight::Bold => BOLD.get_or_init(|| {
            Font::load(
                "Sarabun-Bold",
                include_bytes!("../../../../assets/fonts/Sarabun-Bold.ttf"),
            )
        }),
    }
}
