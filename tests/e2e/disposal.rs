//! After the check, in the real window, on the sample อบต.: the committee finds two items
//! damaged and closes the annual round; the supplies officer proposes their disposal from
//! the report's list; the mayor approves from his badge; the officer records their sale and
//! writes them off; a member of staff reads and acknowledges the manual; the officer makes
//! the ITA evidence pack, and its cover lists every file with the hash it really has.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::panic
)]

use phatsadu_e2e::{App, Result};

const PASSWORD: &str = "demo1234";
const ENTER: &str = "\u{E007}";

#[tokio::test(flavor = "multi_thread")]
#[ignore = "end-to-end: needs a display and WebKitWebDriver; scripts/test.sh runs it under Xvfb"]
async fn two_damaged_items_go_from_the_annual_report_to_a_written_off_sale_and_into_the_pack() {
    let mut app = App::start_with("disposal", &["sample-data"])
        .await
        .expect("the app starts");
    let outcome = walk_through(&mut app).await;
    app.finish(outcome).await;
}

async fn open_annual(app: &App) -> Result<()> {
    app.click("nav-checks").await?;
    app.click_where("round-open", "ตรวจสอบพัสดุประจำปีงบประมาณ")
        .await?;
    Ok(())
}

async fn walk_through(app: &mut App) -> Result<()> {
    // The chair keys two lines of the returned sheet as damaged, then closes the round.
    app.log_in_as("committee1", PASSWORD).await?;
    open_annual(app).await?;
    app.click("round-tab-sheet").await?;
    app.find("sheet-grid").await?;
    for _ in 0..2 {
        app.press("sheet-grid", "2").await?;
        app.press("sheet-grid", ENTER).await?;
    }
    app.click("round-tab-results").await?;
    app.click("round-rest-not-found").await?;
    app.click("round-close").await?;
    app.wait_for_text("round-status", "ปิดรอบแล้ว").await?;

    // The officer proposes the two damaged items' disposal from the report's list.
    app.log_in_as("officer", PASSWORD).await?;
    open_annual(app).await?;
    app.click("round-tab-findings").await?;
    app.wait_for_any_text("finding-row", "").await?;
    let ticked = app
        .eval(
            "const boxes = [...document.querySelectorAll('[data-testid=finding-tick][data-condition=damaged]')];
             boxes.slice(0, 2).forEach((b) => b.click());
             return boxes.length;",
        )
        .await?;
    if ticked.as_u64().unwrap_or(0) < 2 {
        return Err(format!("fewer than two damaged findings: {ticked}"));
    }
    app.screenshot("findings").await?;
    app.click("findings-dispose").await?;
    app.wait_for_text("disposal-lines", "").await?;
    if app.find_all("disposal-line").await?.len() != 2 {
        return Err("the two ticked items are not on the proposal".into());
    }
    // The round's proposals are not applied yet: the register still says ใช้งานได้, and the
    // proposal carries what the committee found.
    for line in app.find_all("disposal-line-condition").await? {
        let text = line.text().await.map_err(|e| e.to_string())?;
        if !text.contains("ชำรุด") || !text.contains("ตามผลการตรวจสอบ")
        {
            return Err(format!(
                "a line's condition is not the round's finding: {text:?}"
            ));
        }
    }
    app.fill(
        "disposal-reason",
        "ชำรุดเสียหายจนซ่อมแซมไม่คุ้มค่า ตามรายงานผลการตรวจสอบพัสดุประจำปี",
    )
    .await?;
    app.screenshot("disposal-form").await?;
    app.click("disposal-propose").await?;
    let title = app.wait_for_text("disposal-title", "จน.").await?;
    app.wait_for_text("disposal-status", "รออนุมัติ").await?;
    let no = title
        .split_whitespace()
        .find(|w| w.starts_with("จน."))
        .ok_or_else(|| format!("no number in {title:?}"))?
        .to_owned();
    // The officer may not approve it.
    if !app.find_all("disposal-approve").await?.is_empty() {
        return Err("the proposer is offered the approval".into());
    }

    // The mayor sees it waiting for him, and approves.
    app.log_in_as("mayor", PASSWORD).await?;
    app.find("nav-disposal-badge").await?;
    app.click("nav-disposal").await?;
    app.click_where("disposal-open", &no).await?;
    app.click("disposal-approve").await?;
    app.fill("disposal-reference", "คำสั่ง อบต.แม่กรณ์ ที่ 301/2569")
        .await?;
    app.screenshot("disposal-approve").await?;
    app.click("disposal-confirm").await?;
    app.wait_for_text("disposal-status", "อนุมัติแล้ว").await?;

    // The officer records the sale of each item, then writes them off.
    app.log_in_as("officer", PASSWORD).await?;
    app.click("nav-disposal").await?;
    app.click_where("disposal-open", &no).await?;
    app.wait_for_text("disposal-status", "อนุมัติแล้ว").await?;
    for (n, price) in ["850", "420.50"].iter().enumerate() {
        let buttons = app.find_all("disposal-record").await?;
        buttons[n]
            .click()
            .await
            .map_err(|e| format!("record the result: {e}"))?;
        app.fill("disposal-counterparty", "ร้านเชียงรายรับซื้อของเก่า")
            .await?;
        app.fill(
            "disposal-document",
            &format!("ใบเสร็จรับเงิน เล่ม 13 เลขที่ {}", n + 1),
        )
        .await?;
        app.fill("disposal-proceeds", price).await?;
        app.click("disposal-confirm").await?;
        app.wait_for_text("disposal-detail-notice", "บันทึกผลการจำหน่าย")
            .await?;
    }
    app.wait_for_text("disposal-total-proceeds", "1,270.50")
        .await?;
    app.click("disposal-write-off").await?;
    app.click("disposal-confirm").await?;
    app.wait_for_text("disposal-status", "ลงจ่ายจากทะเบียนแล้ว")
        .await?;
    app.wait_for_text("disposal-notice-state", "ยังไม่แจ้ง")
        .await?;
    app.screenshot("disposal-written-off").await?;
    app.click("disposal-print-request").await?;
    app.wait_for_text("disposal-detail-notice", "รายงานขอจำหน่ายพัสดุ-")
        .await?;

    // A member of staff is asked on the home screen to read the manual, and acknowledges it.
    app.log_in_as("staff", PASSWORD).await?;
    app.click("nav-home").await?;
    app.click("home-manual-read").await?;
    app.wait_for_any_text("manual-branch", "หัวหน้าหน่วยงานของรัฐ")
        .await?;
    app.screenshot("manual").await?;
    app.click("manual-acknowledge").await?;
    app.wait_for_text("manual-acknowledged", "คุณรับทราบฉบับนี้แล้ว")
        .await?;

    // The officer makes the evidence pack; its cover lists each file's hash.
    app.log_in_as("officer", PASSWORD).await?;
    app.click("nav-reports").await?;
    app.click("reports-tab-ita").await?;
    app.click("ita-make").await?;
    let result = app.wait_for_text("ita-result", "ไฟล์").await?;
    app.screenshot("ita-pack").await?;
    let hashes: Vec<String> = app
        .eval(
            "return [...document.querySelectorAll('[data-testid=ita-file] code')].map((c) => c.textContent.trim());",
        )
        .await?
        .as_array()
        .map(|all| {
            all.iter()
                .filter_map(|h| h.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    if hashes.len() < 10 || hashes.iter().any(|h| h.len() != 64) {
        return Err(format!(
            "the pack's files are not listed with hashes: {hashes:?}"
        ));
    }
    // The notice says where the pack is: "… ไว้ที่ <folder> (พร้อมไฟล์ zip)".
    let folder = result
        .split_once("ไว้ที่ ")
        .and_then(|(_, rest)| rest.split_once(" (พร้อม"))
        .map(|(path, _)| std::path::PathBuf::from(path.trim()))
        .ok_or_else(|| format!("no folder in {result:?}"))?;
    if !folder.with_extension("zip").is_file() {
        return Err(format!("no zip beside {}", folder.display()));
    }
    let cover = std::fs::read_dir(&folder)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.to_string_lossy().contains("00-ปก"))
        .ok_or("no cover")?;
    let text = std::process::Command::new("pdftotext")
        .args([cover.to_str().unwrap(), "-"])
        .output()
        .map_err(|e| e.to_string())?
        .stdout;
    let cover_text: String = String::from_utf8_lossy(&text).split_whitespace().collect();
    // Every file but the cover and the sums is on the cover with its hash.
    for hash in &hashes[1..hashes.len() - 1] {
        if !cover_text.contains(hash.as_str()) {
            return Err(format!("{hash} is not on the cover"));
        }
    }
    if !cover_text.contains(&no.replace('/', "-")) {
        return Err(format!("the disposal {no}'s papers are not in the pack"));
    }
    Ok(())
}
