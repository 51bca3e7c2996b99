//! Materials by the right people only, in the real window, on the sample อบต.: a staff
//! member asks for paper for her division, her head signs from his inbox, the head of
//! supplies cuts the quantity with a reason, the supplies officer issues part of it, and
//! the item's stock card shows the issue under the requisition's number, priced from the
//! oldest lot; the annual count finds a difference the officer applies; another agency
//! borrows paper and returns it in kind; the month's receipts and issues print.
//! Screenshots of each screen for the note.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::panic
)]

use phatsadu_e2e::{App, Result};

const PASSWORD: &str = "demo1234";

#[tokio::test(flavor = "multi_thread")]
#[ignore = "end-to-end: needs a display and WebKitWebDriver; scripts/test.sh runs it under Xvfb"]
async fn a_division_asks_its_head_signs_supplies_cuts_and_the_officer_issues_part() {
    let mut app = App::start_with("materials", &["sample-data"])
        .await
        .expect("the app starts");
    let outcome = walk_through(&mut app).await;
    app.finish(outcome).await;
}

/// Opens the materials area's "waiting for me" tab and the requisition numbered `no`.
async fn open_waiting(app: &App, no: &str) -> Result<()> {
    app.click("nav-materials").await?;
    app.click("materials-tab-waiting").await?;
    app.click_where("requisition-open", no).await?;
    app.wait_for_text("requisition-title", no).await?;
    Ok(())
}

async fn walk_through(app: &mut App) -> Result<()> {
    // The staff member of สำนักปลัด asks.
    app.log_in_as("staff", PASSWORD).await?;
    app.click("nav-materials").await?;
    app.wait_for_any_text("material-row", "สน.002").await?;
    app.screenshot("materials-list").await?;
    app.click("requisition-new").await?;
    app.fill("requisition-purpose", "พิมพ์เอกสารประชุมประชาคมหมู่บ้าน")
        .await?;
    app.select("requisition-material", "สน.002 กระดาษถ่ายเอกสาร A4 70 แกรม")
        .await?;
    app.fill("requisition-quantity", "4").await?;
    // More than the card holds is refused, naming the item and what is there.
    app.fill("requisition-quantity", "5000").await?;
    app.click("requisition-send").await?;
    let refused = app.wait_for_text("form-error", "สน.002").await?;
    if !refused.contains("คงเหลือเพียง") {
        return Err(format!(
            "the refusal does not say what is in stock: {refused}"
        ));
    }
    app.screenshot("requisition-beyond-balance").await?;
    app.fill("requisition-quantity", "4").await?;
    app.click("requisition-send").await?;
    let title = app
        .wait_for_text("requisition-title", "ใบเบิกวัสดุ เลขที่")
        .await?;
    let no = title
        .split_whitespace()
        .find(|w| w.starts_with("บ."))
        .ok_or_else(|| format!("no number in {title:?}"))?
        .to_owned();
    app.wait_for_text("requisition-status", "รอหัวหน้าหน่วยงานลงนาม")
        .await?;
    app.screenshot("requisition-asked").await?;

    // Her head signs it from his inbox; the badge told him it was there.
    app.log_in_as("head.palad", PASSWORD).await?;
    app.find("nav-materials-badge").await?;
    open_waiting(app, &no).await?;
    app.click("step-endorse").await?;
    app.screenshot("requisition-endorse").await?;
    app.click("requisition-confirm").await?;
    app.wait_for_text("requisition-status", "รอหัวหน้าเจ้าหน้าที่อนุมัติ")
        .await?;

    // The head of supplies approves three of the four reams, with her reason.
    app.log_in_as("supplyhead", PASSWORD).await?;
    open_waiting(app, &no).await?;
    app.click("step-approve").await?;
    app.fill("line-amount", "3").await?;
    app.click("requisition-confirm").await?;
    app.wait_for_text("form-error", "เหตุผล").await?;
    app.fill("requisition-reason", "แบ่งให้หน่วยงานอื่นด้วย").await?;
    app.screenshot("requisition-approve-cut").await?;
    app.click("requisition-confirm").await?;
    app.wait_for_text("requisition-status", "อนุมัติแล้ว").await?;
    app.wait_for_text("line-approved", "3").await?;

    // The officer issues two now; one waits.
    app.log_in_as("officer", PASSWORD).await?;
    open_waiting(app, &no).await?;
    app.click("step-issue").await?;
    app.fill("line-amount", "2").await?;
    app.click("requisition-confirm").await?;
    app.wait_for_text("requisition-status", "จ่ายแล้วบางส่วน")
        .await?;
    app.wait_for_text("line-issued", "2").await?;
    app.wait_for_text("requisition-trail", "สุนันทา").await?;
    app.screenshot("requisition-part-issued").await?;
    // Its slip prints with the signatures so far.
    app.click("requisition-print").await?;
    app.wait_for_text("materials-notice", "ใบเบิกพัสดุ-").await?;

    // The card shows the issue under the requisition's number.
    app.click("nav-materials").await?;
    app.click("materials-tab-list").await?;
    app.fill("material-search", "สน.002").await?;
    app.click_where("material-open", "สน.002").await?;
    app.wait_for_text("card-code", "สน.002").await?;
    let rows = app.find_all("card-entry").await?;
    let last = rows
        .last()
        .ok_or("the card has no entries")?
        .text()
        .await
        .map_err(|e| e.to_string())?;
    if !last.contains(&no) || !last.contains("สป.") {
        return Err(format!(
            "the card's last entry is not the issue of {no} to สป.: {last}"
        ));
    }
    app.scroll_to("card-table").await?;
    app.screenshot("stock-card").await?;
    app.click("card-print").await?;
    app.wait_for_text("card-printed", "บัญชีวัสดุ-").await?;
    // A ream found damaged: the card goes down by one with its reason and reference.
    app.click("card-adjust").await?;
    app.fill("adjust-quantity", "1").await?;
    app.select("adjust-reason", "ชำรุดใช้การไม่ได้").await?;
    app.fill("adjust-reference", "บันทึกตรวจสอบคลัง 1/2570")
        .await?;
    app.fill("adjust-explanation", "น้ำรั่วใส่ 1 รีม").await?;
    app.screenshot("card-adjust").await?;
    app.click("adjust-save").await?;
    app.wait_for_text("card-on-hand", "187").await?;
    app.wait_for_any_text("card-entry", "ชำรุดใช้การไม่ได้: น้ำรั่วใส่ 1 รีม")
        .await?;

    // The officer imports the office's Excel: a row with the wrong unit is named and
    // nothing goes in; the corrected file goes in whole.
    let dir = app.home_dir();
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let bad = dir.join("วัสดุ-ผิด.csv");
    std::fs::write(&bad, "รหัส,รายการ,หน่วยนับ,ประเภท,คงเหลือ,ราคาต่อหน่วย,ผู้ขาย\nสน.001,,กล่อง,,5,110.00,\nวส.900,แฟ้มใหม่,แฟ้ม,วัสดุสำนักงาน,5,95.00,ร้านเอ\n")
        .map_err(|e| e.to_string())?;
    app.click("nav-materials").await?;
    app.click("material-import-open").await?;
    app.find("material-import-file")
        .await?
        .send_keys(&bad.display().to_string())
        .await
        .map_err(|e| format!("choosing the file: {e}"))?;
    app.wait_for_text("material-import-summary", "1 แถวที่นำเข้าไม่ได้")
        .await?;
    app.wait_for_any_text("material-import-row", "หน่วยนับ")
        .await?;
    app.wait_for_any_text("material-import-row", "ผู้ขาย: ร้านเอ")
        .await?;
    app.screenshot("material-import-refused").await?;
    let good = dir.join("วัสดุ.csv");
    std::fs::write(
        &good,
        "รหัส,รายการ,หน่วยนับ,ประเภท,คงเหลือ,ราคาต่อหน่วย\nวส.900,แฟ้มใหม่,แฟ้ม,วัสดุสำนักงาน,5,95.00\n",
    )
    .map_err(|e| e.to_string())?;
    app.find("material-import-file")
        .await?
        .send_keys(&good.display().to_string())
        .await
        .map_err(|e| format!("choosing the file: {e}"))?;
    app.wait_for_text("material-import-summary", "เพิ่มรายการใหม่ 1")
        .await?;
    app.click("material-import-go").await?;
    app.wait_for_text("materials-notice", "รายการใหม่ 1").await?;

    // The annual check counts the materials too: the officer starts a blind count, the
    // committee's chair keys what the store has — with no book balance to copy from.
    app.click("nav-checks").await?;
    app.click_where("round-open", "ตรวจสอบพัสดุประจำปีงบประมาณ")
        .await?;
    app.click("round-tab-materials").await?;
    app.click("material-count-start").await?;
    app.wait_for_text("material-count-progress", "ตรวจนับแล้ว 0 จาก")
        .await?;
    app.log_in_as("committee1", PASSWORD).await?;
    app.click("nav-checks").await?;
    app.click_where("round-open", "ตรวจสอบพัสดุประจำปีงบประมาณ")
        .await?;
    app.click("round-tab-materials").await?;
    app.wait_for_text("material-count-progress", "ไม่แสดงจำนวนตามบัญชี")
        .await?;
    // A scanner types the label's code and Enter: that item's count field takes the caret.
    app.fill("material-count-scan", "กษ.๐๐๑").await?;
    app.press("material-count-scan", "\u{E007}").await?;
    let focused = app
        .eval("return document.activeElement && document.activeElement.dataset.testid;")
        .await?;
    if focused.as_str() != Some("material-count-input") {
        return Err(format!(
            "the scan did not move to the item's count: {focused}"
        ));
    }
    app.fill("material-count-input", "35").await?;
    app.press("material-count-input", "\u{E004}").await?; // Tab: the field is left, the count saved
    app.wait_for_text("material-count-progress", "ตรวจนับแล้ว 1 จาก")
        .await?;
    app.screenshot("annual-materials-count").await?;
    app.click("material-count-print").await?;
    app.wait_for_text("material-count-notice", "ใบตรวจนับวัสดุ-")
        .await?;
    // The chair closes the round (what was not counted is marked not found): the book
    // shows again, with the difference the count found.
    app.click("round-tab-results").await?;
    app.click("round-rest-not-found").await?;
    app.click("round-close").await?;
    app.wait_for_text("round-status", "ปิดรอบแล้ว").await?;

    // The officer applies the difference to the card, once, with the round as reference.
    app.log_in_as("officer", PASSWORD).await?;
    app.click("nav-checks").await?;
    app.click_where("round-open", "ตรวจสอบพัสดุประจำปีงบประมาณ")
        .await?;
    app.click("round-tab-materials").await?;
    let line = app
        .wait_for_any_text("material-count-line", "กษ.001")
        .await?;
    if !line.contains("35") {
        return Err(format!("the closed count lost what was counted: {line}"));
    }
    app.screenshot("annual-materials-closed").await?;
    app.click("material-count-apply").await?;
    app.wait_for_text("material-count-notice", "ปรับปรุงบัญชีวัสดุแล้ว 1 รายการ")
        .await?;
    app.click("nav-materials").await?;
    app.click("materials-tab-list").await?;
    app.fill("material-search", "กษ.001").await?;
    // A shelf label for what the list shows.
    app.click("materials-print-labels").await?;
    app.wait_for_text("materials-saved", "ป้ายวัสดุ-1ดวง").await?;
    app.click_where("material-open", "กษ.001").await?;
    app.wait_for_text("card-on-hand", "35").await?;
    app.wait_for_any_text("card-entry", "ผลต่างจากการตรวจนับ")
        .await?;

    // Another agency borrows two reams on its letter, and returns them in kind.
    app.click("nav-materials").await?;
    app.click("materials-tab-loans").await?;
    app.click("material-lend-open").await?;
    app.fill("material-lend-agency", "อบต.ดอยฮาง").await?;
    app.fill("material-lend-letter", "ชร 75001/123").await?;
    app.select("material-lend-item", "สน.002 กระดาษถ่ายเอกสาร A4 70 แกรม")
        .await?;
    app.fill("material-lend-quantity", "2").await?;
    app.fill("material-lend-due", "31/01/2570").await?;
    app.screenshot("material-lend").await?;
    app.click("material-lend-save").await?;
    app.wait_for_text("materials-notice", "อบต.ดอยฮาง").await?;
    app.wait_for_any_text("material-loan-row", "ยว.").await?;
    app.click("material-loan-return").await?;
    app.click("material-return-save").await?;
    app.wait_for_text("materials-notice", "รวมคืน 2 รีม").await?;
    app.wait_for_text("material-loans-empty", "").await?;

    // The month's receipts and issues, by item, printed for the head of supplies.
    app.click("materials-tab-movements").await?;
    app.wait_for_any_text("movement-row", "").await?;
    app.wait_for_text("movements-total", "").await?;
    app.screenshot("material-movements").await?;
    app.click("movements-print").await?;
    app.wait_for_text("movements-saved", "รายงานการรับ-จ่ายวัสดุ-")
        .await?;

    // The home screen counts what waits and what is under its level.
    app.click("nav-home").await?;
    app.wait_for_text("dash-materials-low", "").await?;
    app.screenshot("home-materials").await?;
    Ok(())
}
