//! The walking skeleton, as a person uses it: first-run setup → logout → a wrong password
//! shows a Thai error → login → create a division → see it in the audit log.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use chrono::Datelike;
use phatsadu_e2e::{App, Result};

const THAI_MONTHS: [&str; 12] = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
];

#[tokio::test(flavor = "multi_thread")]
#[ignore = "end-to-end: needs a display and WebKitWebDriver; scripts/test.sh runs it under Xvfb"]
async fn setup_login_division_audit() {
    let mut app = App::start("foundation").await.expect("the app starts");
    let outcome = walk_through(&mut app).await;
    app.finish(outcome).await;
}

async fn walk_through(app: &mut App) -> Result<()> {
    // 1. First run: the setup wizard.
    app.find("setup-org-name").await?;
    app.screenshot("setup-wizard").await?;
    // The program handed the page this status before it started (no wait on the IPC).
    let handed = app
        .eval("return sessionStorage.getItem('phatsadu.firstStatus');")
        .await?;
    if handed != "taken" {
        return Err(format!(
            "the first status was not handed to the page: {handed}"
        ));
    }
    // The first screen anyone sees shows its button without scrolling (1280×700 window).
    let in_view = app
        .eval(
            "const r = document.querySelector('[data-testid=setup-next]').getBoundingClientRect();
             return [Math.round(r.bottom), innerHeight];",
        )
        .await?;
    if in_view[0].as_i64() > in_view[1].as_i64() {
        return Err(format!("the setup button is below the fold: {in_view}"));
    }
    app.fill("setup-org-name", "องค์การบริหารส่วนตำบลแม่กรณ์")
        .await?;
    app.fill("setup-org-short-name", "อบต.แม่กรณ์").await?;
    app.fill("setup-province", "เชียงราย").await?;
    app.fill("setup-district", "เมืองเชียงราย").await?;
    app.fill("setup-subdistrict", "แม่กรณ์").await?;
    app.click("setup-next").await?;
    app.fill("setup-admin-username", "admin").await?;
    app.fill("setup-admin-fullname", "สมชาย ผู้ดูแล").await?;
    app.fill("setup-admin-password", "phatsadu-2569").await?;
    app.fill("setup-admin-password2", "phatsadu-2569").await?;
    app.screenshot("setup-admin").await?;
    app.click("setup-next").await?;
    app.screenshot("setup-summary").await?;
    app.click("setup-finish").await?;

    // 2. The app frame, in Thai, with today's date in the Buddhist Era.
    app.wait_for_text("current-user", "สมชาย").await?;
    let today = chrono::Local::now().date_naive();
    let be_year = (today.year() + 543).to_string();
    let month = THAI_MONTHS[today.month0() as usize];
    let shown = app.text("today").await?;
    if !(shown.contains(&be_year) && shown.contains(month)) {
        return Err(format!(
            "today should read like \"{} {month} {be_year}\", got {shown:?}",
            today.day()
        ));
    }
    app.text("nav-assets").await.and_then(|t| {
        t.contains("ทะเบียนครุภัณฑ์")
            .then_some(())
            .ok_or(format!("navigation is not in Thai: {t:?}"))
    })?;
    app.screenshot("home").await?;
    // A reload asks the program afresh: still logged in, not sent back to the setup wizard
    // by the status handed to the first page.
    app.reload().await?;
    app.wait_for_text("current-user", "สมชาย").await?;

    // 3. Log out, then a wrong password gets a Thai error.
    app.click("logout").await?;
    app.find("login-username").await?;
    app.fill("login-username", "admin").await?;
    app.fill("login-password", "not-the-password").await?;
    app.click("login-submit").await?;
    app.wait_for_text("login-error", "ไม่ถูกต้อง").await?;
    app.screenshot("login-wrong-password").await?;

    // 4. The right password.
    app.fill("login-password", "phatsadu-2569").await?;
    app.click("login-submit").await?;
    app.wait_for_text("current-user", "สมชาย").await?;

    // 5. Create a division; a duplicate is refused in Thai.
    app.click("nav-settings").await?;
    app.click("settings-divisions").await?;
    app.fill("division-new-name", "กองช่าง").await?;
    app.fill("division-new-short", "กช.").await?;
    app.click("division-add").await?;
    app.wait_for_text("division-row", "กองช่าง").await?;
    app.fill("division-new-name", " กองช่าง ").await?;
    app.click("division-add").await?;
    app.wait_for_text("form-error", "มีอยู่แล้ว").await?;
    app.screenshot("divisions").await?;

    // 6. The audit log shows it, newest first, and the chain verifies.
    app.click("settings-audit").await?;
    app.wait_for_text("audit-row", "กองช่าง").await?;
    app.click("audit-verify").await?;
    app.wait_for_text("audit-verify-result", "ถูกต้อง").await?;
    app.screenshot("audit-log").await?;

    // 7. Starting the app again on the same register hands over to this window and exits.
    let second = app.start_second_instance(std::time::Duration::from_secs(20))?;
    if !second.success() {
        return Err(format!("the second instance exited with {second}"));
    }
    app.wait_for_text("current-user", "สมชาย").await?;
    Ok(())
}
