//! Borrowing by the right people only, in the real window: the officer enters a paper
//! request, the division head sees the badge and approves it from the inbox, the officer
//! hands the items out and the dashboard counts them; ten days later the loan is overdue
//! and comes back with one item damaged, which opens a compensation case.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::panic
)]

use chrono::{Datelike, Days, NaiveDate};
use phatsadu_e2e::{App, Result};

#[tokio::test(flavor = "multi_thread")]
#[ignore = "end-to-end: needs a display and WebKitWebDriver; scripts/test.sh runs it under Xvfb"]
async fn request_approve_hand_out_overdue_return_damaged() {
    let app = App::start_prepared(
        "loans",
        &[
            &["sample-data", "--no-assets"],
            &[
                "import",
                "assets/sample/import/register-messy.xlsx",
                "--only-valid",
                "--create-missing",
            ],
        ],
    )
    .await
    .expect("the app starts");
    let (app, outcome) = walk_through(app).await;
    app.finish(outcome).await;
}

/// Today in Thailand, as the app's clock sees it.
fn today() -> NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive()
}

/// A date as a Thai officer types it: day/month/B.E. year.
fn typed(date: NaiveDate) -> String {
    format!("{}/{}/{}", date.day(), date.month(), date.year() + 543)
}

async fn walk_through(mut app: App) -> (App, Result<()>) {
    let first = first_day(&mut app).await;
    if first.is_err() {
        return (app, first);
    }
    // Ten days later (the debug build honours PHATSADU_TEST_TODAY).
    let later = today().checked_add_days(Days::new(10)).unwrap().to_string();
    let mut app = match app.restart(&[("PHATSADU_TEST_TODAY", &later)]).await {
        Ok(app) => app,
        Err(e) => panic!("the app restarts: {e}"),
    };
    let second = ten_days_later(&mut app).await;
    (app, second)
}

async fn first_day(app: &mut App) -> Result<()> {
    // The officer types in ณัฐพล's signed paper request for two traffic cones of กองช่าง.
    app.log_in_as("officer", "demo1234").await?;
    app.click("nav-loans").await?;
    app.click("loan-new").await?;
    app.select("loan-borrower", "นายณัฐพล เรือนคำ — นายช่างโยธาชำนาญงาน")
        .await?;
    app.fill("loan-paper-no", "กช. 120/2569").await?;
    app.fill("loan-purpose", "ตั้งจุดกั้นเขตซ่อมถนนสายบ้านแม่กรณ์")
        .await?;
    app.fill("loan-place", "ถนนหมู่ 5").await?;
    let due = today().checked_add_days(Days::new(3)).unwrap();
    app.fill("loan-due", &typed(due)).await?;
    app.fill("loan-item-search", "กรวยจราจร").await?;
    app.wait_for_text("loan-item-results", "407-66-0502")
        .await?;
    app.click("loan-item-add").await?;
    // The second cone by its code, typed with spaces as people do.
    app.fill("loan-item-search", "407 66 0503").await?;
    app.wait_for_text("loan-item-results", "407-66-0503")
        .await?;
    app.click("loan-item-add").await?;
    if app.find_all("loan-item").await?.len() != 2 {
        return Err("two items on the slip".into());
    }
    // Not sent until the borrower ticks the undertaking of ข้อ ๒๐๗/๒๑๐.
    app.click("loan-submit").await?;
    app.wait_for_text("loan-undertaking-error", "ข้อรับรอง")
        .await?;
    app.click("loan-undertaking").await?;
    app.screenshot("request-form").await?;
    app.click("loan-submit").await?;
    app.wait_for_text("loan-status", "รออนุมัติ").await?;
    app.wait_for_text("loan-decision", "นายสมศักดิ์ อุดมสุข").await?;
    let slip = app.text("page-title").await?;
    println!("  {slip}");
    app.screenshot("loan-submitted").await?;

    // The head of กองช่าง logs in: the badge, the inbox, one click.
    app.log_in_as("head.works", "demo1234").await?;
    app.wait_for_text("nav-loans-badge", "1").await?;
    app.wait_for_text("dash-awaitingMine", "1").await?;
    app.screenshot("head-home").await?;
    app.click("nav-loans").await?;
    app.wait_for_text("inbox-item", "นายณัฐพล เรือนคำ").await?;
    app.screenshot("inbox").await?;
    app.click("inbox-approve").await?;
    // Approving shows what is lent, by name, and asks to confirm.
    app.wait_for_text("approval-items", "กรวยจราจร").await?;
    app.screenshot("approval").await?;
    app.click("approval-confirm").await?;
    app.wait_for_text("notice", "อนุมัติคำขอเลขที่").await?;
    app.find("inbox-empty").await?;
    // Where a head records a stand-in for when they are away.
    app.click("nav-settings").await?;
    app.click("settings-borrowing").await?;
    app.find("delegation-form").await?;
    app.screenshot("delegations").await?;

    // The officer hands both cones out; the dashboard counts them.
    app.log_in_as("officer", "demo1234").await?;
    app.click("nav-loans").await?;
    app.wait_for_any_text("loan-row", "นายณัฐพล เรือนคำ").await?;
    app.click("loan-open").await?;
    app.wait_for_text("loan-status", "อนุมัติแล้ว").await?;
    app.click("loan-hand-out").await?;
    app.click("handover-save").await?;
    app.wait_for_text("loan-status", "ยืมอยู่").await?;
    app.wait_for_text("loan-detail-items", "อยู่กับผู้ยืม").await?;
    app.screenshot("loan-out").await?;
    app.click("nav-home").await?;
    app.wait_for_text("dash-itemsOnLoan", "2").await?;
    app.wait_for_text("dash-dueThisWeek", "1").await?;
    app.screenshot("dashboard").await?;
    Ok(())
}

async fn ten_days_later(app: &mut App) -> Result<()> {
    app.log_in_as("officer", "demo1234").await?;
    app.wait_for_text("dash-overdue", "1").await?;
    app.wait_for_text("dash-followUpsLate", "0").await?;
    app.screenshot("dashboard-overdue").await?;
    app.click("dash-overdue").await?;
    app.wait_for_text("overdue-row", "7 วัน").await?;
    app.screenshot("overdue-list").await?;
    app.click("overdue-open").await?;
    app.wait_for_text("loan-overdue-days", "เกินกำหนด 7 วัน")
        .await?;
    app.wait_for_text("follow-up-deadline", "ต้องติดตามครั้งแรกภายในวันที่")
        .await?;

    // Both come back; one is cracked.
    app.click("loan-return").await?;
    app.select("handover-condition", "ชำรุด").await?;
    app.fill("handover-notes", "กรวยแตกที่ฐาน").await?;
    app.click("handover-save").await?;
    app.wait_for_text("loan-status", "คืนครบแล้ว").await?;
    app.wait_for_text("compensation-case", "ชำรุด").await?;
    app.wait_for_text("compensation-case", "รอดำเนินการ").await?;
    app.screenshot("returned-damaged").await?;

    // The cracked cone's record: damaged now, and the loan in its history.
    app.click("nav-assets").await?;
    app.fill("asset-search", "407-66-0502").await?;
    app.wait_for_text("asset-row", "407-66-0502").await?;
    app.click("asset-row").await?;
    app.wait_for_text("asset-detail-code", "407-66-0502")
        .await?;
    app.click("tab-loans").await?;
    app.wait_for_text("asset-loan", "คืนครบแล้ว").await?;
    app.screenshot("asset-loans").await?;
    Ok(())
}
