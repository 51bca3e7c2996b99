//! The sample organisation, as a trainer would show it: setup with sample data, the staff
//! directory and its Thai search, users and roles, the English switch, and a viewer who
//! is offered only what their role allows.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use phatsadu_e2e::{App, Result};

#[tokio::test(flavor = "multi_thread")]
#[ignore = "end-to-end: needs a display and WebKitWebDriver; scripts/test.sh runs it under Xvfb"]
async fn sample_organisation_tour() {
    let mut app = App::start("sample-tour").await.expect("the app starts");
    let outcome = tour(&mut app).await;
    app.finish(outcome).await;
}

async fn tour(app: &mut App) -> Result<()> {
    app.fill("setup-org-name", "องค์การบริหารส่วนตำบลแม่กรณ์")
        .await?;
    app.fill("setup-org-short-name", "อบต.แม่กรณ์").await?;
    app.click("setup-next").await?;
    app.fill("setup-admin-username", "admin").await?;
    app.fill("setup-admin-fullname", "ผู้ดูแลระบบ").await?;
    app.fill("setup-admin-password", "phatsadu-2569").await?;
    app.fill("setup-admin-password2", "phatsadu-2569").await?;
    app.click("setup-next").await?;
    app.click("setup-sample-data").await?;
    app.click("setup-finish").await?;
    app.wait_for_text("current-user", "ผู้ดูแลระบบ").await?;

    // The staff directory holds the sample's ~30 people; Thai search finds one by surname.
    app.click("nav-settings").await?;
    app.click("settings-staff").await?;
    app.wait_for_text("staff-row", "").await?;
    let everyone = app.find_all("staff-row").await?.len();
    if everyone < 30 {
        return Err(format!("expected about 30 staff, found {everyone}"));
    }
    app.screenshot("staff").await?;
    app.fill("staff-search", "แก้วมูล").await?;
    app.wait_for_text("staff-row", "พิมพ์ชนก").await?;
    let found = app.find_all("staff-row").await?.len();
    if found != 1 {
        return Err(format!(
            "searching แก้วมูล should find one person, found {found}"
        ));
    }

    // Users and roles, in Thai.
    app.click("settings-users").await?;
    // "admin" is also inside "itadmin": wait for the list, then look for the row that
    // begins with the setup's administrator.
    app.wait_for_any_text("user-row", "admin").await?;
    let users = app.find_all("user-row").await?;
    let mut texts = Vec::new();
    for row in users {
        texts.push(row.text().await.map_err(|e| e.to_string())?);
    }
    if !texts.iter().any(|t| t.starts_with("admin")) {
        return Err(format!(
            "the administrator made in the setup wizard is not in the user list: {texts:?}"
        ));
    }
    let all = texts.join("\n");
    for expected in [
        "officer",
        "เจ้าหน้าที่พัสดุ",
        "head.works",
        "หัวหน้ากองช่าง",
        "mayor",
        "หัวหน้าหน่วยงานของรัฐ",
    ] {
        if !all.contains(expected) {
            return Err(format!("the users list lacks {expected:?}"));
        }
    }
    app.screenshot("users").await?;

    // English is one click away and is remembered; Thai comes back the same way.
    app.click("lang-switch").await?;
    app.wait_for_text("nav-assets", "Asset register").await?;
    app.wait_for_text("today", "B.E.").await?;
    app.screenshot("english").await?;
    app.click("lang-switch").await?;
    app.wait_for_text("nav-assets", "ทะเบียนครุภัณฑ์").await?;

    // A viewer sees the directory but not users, the audit log or the organisation.
    // (log_in_as also chooses the demo account's own password, asked at first login.)
    app.log_in_as("staff", "demo1234").await?;
    app.wait_for_text("current-user", "กมลชนก").await?;
    app.click("nav-settings").await?;
    app.find("settings-staff").await?;
    for hidden in ["settings-users", "settings-audit", "settings-organisation"] {
        if !app.find_all(hidden).await?.is_empty() {
            return Err(format!("a viewer should not be offered {hidden}"));
        }
    }
    app.click("settings-divisions").await?;
    app.wait_for_text("division-row", "สำนักปลัด").await?;
    if !app.find_all("division-add").await?.is_empty() {
        return Err("a viewer should not be offered to add divisions".into());
    }
    app.screenshot("viewer-divisions").await?;
    Ok(())
}
