//! Helpers for reading generated PDFs back with poppler-utils (installed by
//! scripts/lib.sh): the text a person would copy, the page count, and pages as images.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// Where previews are kept for a human look: `target/forms-preview/<name>.pdf`.
pub fn save(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/forms-preview");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The text of every page, as `pdftotext` extracts it (poppler honours `/ActualText`).
pub fn text_of(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-raw"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils)");
    assert!(
        out.status.success(),
        "pdftotext: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The text of each page separately.
pub fn pages_text(pdf: &Path) -> Vec<String> {
    text_of(pdf)
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

/// The text's lines as drawn (pdftotext -raw), each trimmed: where the lines broke.
pub fn printed_lines(pdf: &Path) -> Vec<String> {
    text_of(pdf).lines().map(|l| l.trim().to_owned()).collect()
}

/// Page count, as `pdfinfo` reads it (which also proves the file is a well-formed PDF).
pub fn page_count(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo runs");
    assert!(
        out.status.success(),
        "pdfinfo: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let info = String::from_utf8(out.stdout).unwrap();
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|n| n.trim().parse().unwrap())
        .expect("pdfinfo prints Pages:")
}

/// Renders `page` (1-based) at `dpi` to a PNG next to the PDF and returns its path.
pub fn render(pdf: &Path, page: usize, dpi: u32) -> PathBuf {
    let prefix = pdf.with_extension("").to_string_lossy().to_string() + &format!("-p{page}");
    let status = Command::new("pdftoppm")
        .args([
            "-png",
            "-singlefile",
            "-r",
            &dpi.to_string(),
            "-f",
            &page.to_string(),
            "-l",
            &page.to_string(),
        ])
        .arg(pdf)
        .arg(&prefix)
        .status()
        .expect("pdftoppm runs");
    assert!(status.success());
    PathBuf::from(prefix + ".png")
}

/// Fonts embedded in the file, as `pdffonts` lists them: (name, embedded, subset).
pub fn fonts(pdf: &Path) -> Vec<(String, bool, bool)> {
    let out = Command::new("pdffonts")
        .arg(pdf)
        .output()
        .expect("pdffonts runs");
    let listing = String::from_utf8(out.stdout).unwrap();
    listing
        .lines()
        .skip(2)
        .map(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            let n = cols.len();
            // name … emb sub uni object ID
            (
                cols[0].to_owned(),
                cols[n - 5] == "yes",
                cols[n - 4] == "yes",
            )
        })
        .collect()
}

/// Collapses all whitespace, since text extraction lays words out with spaces.
pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Images in the file as `pdfimages -list` shows them: (page, type, width, height), where
/// type is `image` or `smask` (an image's transparency).
pub fn images(pdf: &Path) -> Vec<(usize, String, u32, u32)> {
    let out = Command::new("pdfimages")
        .arg("-list")
        .arg(pdf)
        .output()
        .expect("pdfimages runs");
    let listing = String::from_utf8(out.stdout).unwrap();
    listing
        .lines()
        .skip(2)
        .map(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            // page num type width height …
            (
                cols[0].parse().unwrap(),
                cols[2].to_owned(),
                cols[3].parse().unwrap(),
                cols[4].parse().unwrap(),
            )
        })
        .collect()
}

/// The sample organisation on 20 Nov 2026 (assets, loans, checks, materials, disposals).
pub fn sample_register() -> phatsadu_core::Register {
    let clock = std::sync::Arc::new(phatsadu_core::FixedClock::on_date(
        chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
    ));
    let register = phatsadu_core::Register::open_in_memory_with_clock(clock).unwrap();
    register
        .load_sample_data(&phatsadu_core::Actor::System("test".into()))
        .unwrap();
    register
}

/// A demo account of the sample, logged in.
pub fn log_in(register: &phatsadu_core::Register, username: &str) -> phatsadu_core::Actor {
    register
        .login(&phatsadu_core::auth::LoginInput {
            username: username.into(),
            password: "demo1234".into(),
        })
        .unwrap()
        .actor()
}
