//! QR codes and Code 128 barcodes as vector rectangles, so they stay sharp at any printer
//! resolution and cost a few hundred bytes each.

use qrcode::{Color, EcLevel};

use super::FormError;

/// The dark modules of the QR code for `text` as rectangles inside a square of `size`
/// points whose top-left corner is (`x`, `y`), the quiet zone included (4 modules each
/// side, as scanners expect). Horizontal runs of dark modules are merged into one
/// rectangle, and equal runs in the rows below into a taller one, which keeps a page of
/// codes small and fast to draw.
pub fn qr_rects(text: &str, x: f32, y: f32, size: f32) -> Result<Vec<[f32; 4]>, FormError> {
    let colors = qr_modules(text)?;
    let n = (colors.len() as f64).sqrt() as usize;
    let quiet = 4;
    let module = size / (n + 2 * quiet) as f32;
    let dark = |r: usize, c: usize| colors[r * n + c] == Color::Dark;
    // Runs per row as (start column, end column), then merged downwards.
    let mut open: Vec<(usize, usize, usize, usize)> = Vec::new(); // (c0, c1, first row, rows)
    let mut done: Vec<(usize, usize, usize, usize)> = Vec::new();
    for r in 0..n {
        let mut runs = Vec::new();
        let mut c = 0;
        while c < n {
            if dark(r, c) {
                let start = c;
                while c < n && dark(r, c) {
                    c += 1;
                }
                runs.push((start, c));
            } else {
                c += 1;
            }
        }
        let mut still_open = Vec::with_capacity(runs.len());
        for block in open.drain(..) {
            if let Some(i) = runs.iter().position(|&(a, b)| a == block.0 && b == block.1) {
                runs.swap_remove(i);
                still_open.push((block.0, block.1, block.2, block.3 + 1));
            } else {
                done.push(block);
            }
        }
        for (a, b) in runs {
            still_open.push((a, b, r, 1));
        }
        open = still_open;
    }
    done.extend(open);
    Ok(done
        .into_iter()
        .map(|(c0, c1, r0, rows)| {
            [
                x + (c0 + quiet) as f32 * module,
                y + (r0 + quiet) as f32 * module,
                (c1 - c0) as f32 * module,
                rows as f32 * module,
            ]
        })
        .collect())
}

/// The modules of the QR code for `text` (row by row), error correction level M.
///
/// Built like `QrCode::with_error_correction_level` but with one fixed mask pattern:
/// choosing the best of the eight by their penalty scores took most of the time of a
/// page of codes, and any mask is valid (scanners read the mask from the format bits;
/// the decoding test proves ours read back).
pub fn qr_modules(text: &str) -> Result<Vec<Color>, FormError> {
    let failed = |e: qrcode::types::QrError| FormError::Code {
        text: text.to_owned(),
        reason: e.to_string(),
    };
    let level = EcLevel::M;
    let bits = qrcode::bits::encode_auto(text.as_bytes(), level).map_err(failed)?;
    let version = bits.version();
    let (data, ec) =
        qrcode::ec::construct_codewords(&bits.into_bytes(), version, level).map_err(failed)?;
    let mut canvas = qrcode::canvas::Canvas::new(version, level);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    canvas.apply_mask(qrcode::canvas::MaskPattern::DiagonalLines);
    Ok(canvas.into_colors())
}

/// The bars of a Code 128 (set B) barcode for `text`, `width` × `height` points with its
/// top-left corner at (`x`, `y`), quiet zones of 10 modules included.
pub fn code128_rects(
    text: &str,
    x: f32,
    y: f32,
    width: f32,
    height: f32,
) -> Result<Vec<[f32; 4]>, FormError> {
    let failed = |reason: String| FormError::Code {
        text: text.to_owned(),
        reason,
    };
    // 'Ɓ' selects character set B (printable ASCII), which asset codes are.
    let barcode = barcoders::sym::code128::Code128::new(format!("Ɓ{text}"))
        .map_err(|e| failed(e.to_string()))?;
    let modules = barcode.encode();
    let quiet = 10;
    let unit = width / (modules.len() + 2 * quiet) as f32;
    let mut rects = Vec::new();
    let mut i = 0;
    while i < modules.len() {
        if modules[i] == 1 {
            let start = i;
            while i < modules.len() && modules[i] == 1 {
                i += 1;
            }
            rects.push([
                x + (start + quiet) as f32 * unit,
                y,
                (i - start) as f32 * unit,
                height,
            ]);
        } else {
            i += 1;
        }
    }
    Ok(rects)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_qr_rectangles_cover_exactly_the_dark_modules() {
        let text = "416-68-0001";
        let modules = qr_modules(text).unwrap();
        let n = (modules.len() as f64).sqrt() as usize;
        let size = (n + 8) as f32; // one point per module
        let rects = qr_rects(text, 0.0, 0.0, size).unwrap();
        let mut painted = vec![false; n * n];
        for [x, y, w, h] in &rects {
            for r in (*y as usize - 4)..(*y as usize - 4 + *h as usize) {
                for c in (*x as usize - 4)..(*x as usize - 4 + *w as usize) {
                    assert!(!painted[r * n + c], "overlap at {r},{c}");
                    painted[r * n + c] = true;
                }
            }
        }
        let dark: Vec<bool> = modules.iter().map(|c| *c == Color::Dark).collect();
        assert_eq!(painted, dark);
        let dark_count = dark.iter().filter(|d| **d).count();
        assert!(
            rects.len() * 2 < dark_count,
            "{} rects for {dark_count} modules",
            rects.len()
        );
    }

    #[test]
    fn barcodes_refuse_what_set_b_cannot_hold() {
        assert!(
            code128_rects("416-68-0001", 0.0, 0.0, 100.0, 20.0)
                .unwrap()
                .len()
                > 10
        );
        assert!(matches!(
            code128_rects("ครุภัณฑ์", 0.0, 0.0, 100.0, 20.0),
            Err(FormError::Code { .. })
        ));
    }
}
