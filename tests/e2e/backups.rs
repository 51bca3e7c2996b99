//! Backups in the real window, on the sample อบต.: the administrator backs up now, adds a
//! division, puts the copy back from the list (asked first, in Thai), lands on the login
//! screen told why, and finds the register as the copy had it, the restore in the audit
//! log; then saves the problem report.
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
async fn a_copy_made_now_is_put_back_from_the_list() {
    let mut app = App::start_with("backups", &["sample-data"])
        .await
        .expect("the app starts");
    let outcome = walk_through(&mut app).await;
    app.finish(outcome).await;
}

async fn open_backups(app: &App) -> Result<()> {
    app.click("nav-settings").await?;
    app.click("settings-backup").await?;
    app.wait_for_text("backup-status", "").await?;
    Ok(())
}

async fn division_names(app: &App) -> Result<String> {
    app.click("nav-settings").await?;
    app.click("settings-divisions").await?;
    app.wait_for_any_text("division-row", "").await?;
    app.text("page-title").await?;
    let rows = app.find_all("division-row").await?;
    let mut names = String::new();
    for row in rows {
        names.push_str(&row.text().await.map_err(|e| e.to_string())?);
        names.push('\n');
    }
    Ok(names)
}

async fn walk_through(app: &mut App) -> Result<()> {
    app.log_in_as("itadmin", PASSWORD).await?;
    open_backups(app).await?;
    app.click("backup-now").await?;
    app.wait_for_text("backup-last-good", "วันนี้").await?;
    app.screenshot("backed-up").await?;

    // A division added after the copy.
    app.click("settings-divisions").await?;
    app.fill("division-new-name", "กองทดสอบย้อนทะเบียน").await?;
    app.click("division-add").await?;
    app.wait_for_any_text("division-row", "กองทดสอบย้อนทะเบียน")
        .await?;

    // The newest copy (the one just made) put back, after the question.
    open_backups(app).await?;
    app.click("backup-restore").await?;
    app.wait_for_text("backup-restore-confirm", "ทุกรายการที่บันทึกหลังเวลานั้น")
        .await?;
    app.screenshot("restore-asked").await?;
    app.click("backup-restore-confirm-yes").await?;
    app.wait_for_text("login-notice", "ย้อนทะเบียน").await?;
    app.screenshot("restored-login").await?;

    app.log_in_as("itadmin", PASSWORD).await?;
    let names = division_names(app).await?;
    if names.contains("กองทดสอบย้อนทะเบียน") {
        return Err(format!(
            "the division made after the copy is still there:\n{names}"
        ));
    }
    app.click("settings-audit").await?;
    app.wait_for_any_text("audit-row", "").await?;
    let mut recent = String::new();
    for row in app.find_all("audit-row").await?.into_iter().take(5) {
        recent.push_str(&row.text().await.map_err(|e| e.to_string())?);
        recent.push('\n');
    }
    // Its login, then the restore itself, by the administrator.
    let restore = recent
        .lines()
        .position(|l| l.contains("กู้คืนไฟล์ทะเบียนจากสำเนา"));
    if restore.is_none() {
        return Err(format!(
            "the restore is not among the newest entries:\n{recent}"
        ));
    }

    // The problem report, saved where exports go.
    open_backups(app).await?;
    app.click("diagnostics-save").await?;
    let saved = app.wait_for_text("diagnostics-saved", ".zip").await?;
    println!("  {saved}");
    app.screenshot("diagnostics").await?;
    Ok(())
}
