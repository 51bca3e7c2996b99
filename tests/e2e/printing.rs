//! Printing from the real window, as an office does it: the administrator gives the
//! organisation its emblem, the officer prints a borrow slip from a loan and labels for
//! two assets ticked in the list; each PDF lands in the user's folder and reads back
//! with the right Thai text, the emblem and the ticked codes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::path::{Path, PathBuf};
use std::process::Command;

use phatsadu_e2e::{App, Result};

#[tokio::test(flavor = "multi_thread")]
#[ignore = "end-to-end: needs a display and WebKitWebDriver; scripts/test.sh runs it under Xvfb"]
async fn logo_borrow_slip_and_labels_for_a_selection() {
    let mut app = App::start_prepared("printing", &[&["sample-data"]])
        .await
        .expect("the app starts");
    let outcome = walk_through(&mut app).await;
    app.finish(outcome).await;
}

/// A round emblem on a transparent square, written where the file picker can find it.
fn emblem(dir: &Path) -> Result<PathBuf> {
    let image = image::RgbaImage::from_fn(480, 480, |x, y| {
        let (dx, dy) = (x as f32 - 240.0, y as f32 - 240.0);
        let r = (dx * dx + dy * dy).sqrt();
        if r < 230.0 && (r > 200.0 || (dy > 0.0 && dy < 60.0 && dx.abs() < 150.0)) {
            image::Rgba([14, 110, 100, 255])
        } else if r < 200.0 && dy < 0.0 && dx.abs() < -dy {
            image::Rgba([220, 160, 30, 255])
        } else {
            image::Rgba([0, 0, 0, 0])
        }
    });
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let path = dir.join("ตรา-อบต.png");
    image.save(&path).map_err(|e| e.to_string())?;
    Ok(path)
}

/// The saved file named in a print notice ("บันทึก PDF ไว้ที่ /…/x.pdf …").
fn saved_pdf(message: &str) -> Result<PathBuf> {
    let start = message
        .find('/')
        .ok_or_else(|| format!("no path in {message:?}"))?;
    let end = message
        .find(".pdf")
        .ok_or_else(|| format!("no .pdf in {message:?}"))?;
    let path = PathBuf::from(&message[start..end + 4]);
    if !path.is_file() {
        return Err(format!("the notice names {path:?}, which is not a file"));
    }
    Ok(path)
}

fn pdf_text(path: &Path) -> Result<String> {
    let out = Command::new("pdftotext")
        .args(["-raw"])
        .arg(path)
        .arg("-")
        .output()
        .map_err(|e| e.to_string())?;
    Ok(String::from_utf8_lossy(&out.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect())
}

fn image_count(path: &Path) -> Result<usize> {
    let out = Command::new("pdfimages")
        .arg("-list")
        .arg(path)
        .output()
        .map_err(|e| e.to_string())?;
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(2)
        .filter(|l| l.split_whitespace().nth(2) == Some("image"))
        .count())
}

async fn walk_through(app: &mut App) -> Result<()> {
    // The administrator uploads the emblem on the organisation page.
    app.log_in_as("admin", "demo1234").await?;
    app.click("nav-settings").await?;
    app.click("settings-organisation").await?;
    app.find("org-logo-none").await?;
    let file = emblem(&app.home_dir())?;
    app.find("org-logo-upload")
        .await?
        .send_keys(&file.display().to_string())
        .await
        .map_err(|e| e.to_string())?;
    app.find("org-logo-preview").await?;
    app.wait_for_text("notice", "ตราสัญลักษณ์").await?;
    app.scroll_to("org-logo").await?;
    app.screenshot("organisation-logo").await?;

    // The officer prints the borrow slip of a loan: saved, named, with the emblem.
    app.log_in_as("officer", "demo1234").await?;
    app.click("nav-loans").await?;
    app.click("loan-open").await?;
    let loan_no = app.text("page-title").await?;
    app.click("loan-print-slip").await?;
    let notice = app.wait_for_text("notice", ".pdf").await?;
    let slip = saved_pdf(&notice)?;
    if !slip.starts_with(app.home_dir()) {
        return Err(format!(
            "the slip went to {slip:?}, outside the user's home"
        ));
    }
    let text = pdf_text(&slip)?;
    if !text.contains("ใบยืมพัสดุ") || !text.contains("องค์การบริหารส่วนตำบลแม่กรณ์")
    {
        return Err(format!("the slip reads {text:?}"));
    }
    let number: String = loan_no
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '/')
        .collect();
    if !text.contains(&number) {
        return Err(format!("the slip lacks its number {number}: {text:?}"));
    }
    if image_count(&slip)? != 1 {
        return Err("the slip does not carry the emblem".into());
    }
    app.screenshot("loan-slip-printed").await?;

    // Two assets ticked in the list (the second found by searching) get labels.
    app.click("nav-assets").await?;
    app.wait_for_text("asset-row", "").await?;
    let rows = app.find_all("asset-row").await?;
    let first_code = rows[0].text().await.map_err(|e| e.to_string())?;
    let first_code = first_code
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_owned();
    app.find_all("asset-select").await?[0]
        .click()
        .await
        .map_err(|e| e.to_string())?;
    app.fill("asset-search", "เครื่องพิมพ์เลเซอร์").await?;
    app.wait_for_text("asset-row", "เครื่องพิมพ์เลเซอร์").await?;
    let printer = app.find_all("asset-row").await?[0]
        .text()
        .await
        .map_err(|e| e.to_string())?;
    let printer_code = printer.split_whitespace().next().unwrap_or("").to_owned();
    app.find_all("asset-select").await?[0]
        .click()
        .await
        .map_err(|e| e.to_string())?;
    app.wait_for_text("asset-selected-count", "2").await?;
    app.wait_for_text("assets-print-labels", "2").await?;
    app.screenshot("assets-selected").await?;
    app.click("assets-print-labels").await?;
    let result = app.wait_for_text("export-result", ".pdf").await?;
    let labels = saved_pdf(&result)?;
    let text = pdf_text(&labels)?;
    for code in [&first_code, &printer_code] {
        if code.is_empty() || !text.contains(code.as_str()) {
            return Err(format!("the labels lack {code:?}: {text:?}"));
        }
    }
    app.screenshot("labels-printed").await?;

    // The filtered list as PDF, and the register sheet of one printer.
    app.click("assets-print-list").await?;
    let list = saved_pdf(&app.wait_for_text("export-result", "ทะเบียนครุภัณฑ์-").await?)?;
    let text = pdf_text(&list)?;
    if !text.contains("ทะเบียนครุภัณฑ์") || !text.contains(&printer_code)
    {
        return Err(format!("the list PDF reads {text:?}"));
    }
    app.find_all("asset-row").await?[0]
        .click()
        .await
        .map_err(|e| e.to_string())?;
    app.click("asset-print-sheet").await?;
    let sheet = saved_pdf(&app.wait_for_text("notice", ".pdf").await?)?;
    let text = pdf_text(&sheet)?;
    if !text.contains("ทะเบียนคุมทรัพย์สิน") || !text.contains(&printer_code)
    {
        return Err(format!("the register sheet reads {text:?}"));
    }

    // The year's loan register, and a calibration page for the label stock.
    app.click("nav-loans").await?;
    app.click("loans-print").await?;
    let register = saved_pdf(&app.wait_for_text("loans-exported", ".pdf").await?)?;
    if !pdf_text(&register)?.contains("ทะเบียนคุมการยืมพัสดุ")
    {
        return Err("the loan register PDF lacks its title".into());
    }
    app.click("nav-settings").await?;
    app.click("settings-printing").await?;
    app.click("label-print-calibration").await?;
    let calibration = saved_pdf(&app.wait_for_text("notice", ".pdf").await?)?;
    if !calibration.is_file() {
        return Err("no calibration page".into());
    }
    app.screenshot("print-settings").await?;

    // The home screen's "due this week" opens the loans it counts, and only those.
    app.click("nav-home").await?;
    let counted = app.text("dash-dueThisWeek").await?;
    let counted: usize = counted
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| format!("no count on the tile: {counted:?}"))?;
    app.click("dash-dueThisWeek").await?;
    app.wait_for_text("loan-focus", "7 วัน").await?;
    if counted > 0 {
        app.wait_for_text("loan-row", "").await?;
    }
    let listed = app.find_all("loan-row").await?.len();
    if listed != counted {
        return Err(format!(
            "the tile counts {counted}, the list shows {listed}"
        ));
    }
    app.screenshot("loans-due-this-week").await?;
    Ok(())
}
