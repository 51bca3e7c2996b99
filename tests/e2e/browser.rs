//! The office network as its users meet it: a staff member files a borrow request from
//! their own session, and the division head, on another PC, opens the host's address in
//! a browser (Debian's Chromium), logs in, chooses a password of their own and approves
//! it. The host is the headless `phatsadu-server` on 127.0.0.1 with its own data folder.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout
)]

use phatsadu_core::Register;
use phatsadu_core::sample::sample_setup;
use phatsadu_e2e::{App, Result, app_binary};
use phatsadu_server::child::ServerProcess;
use phatsadu_server::client::HostClient;
use serde_json::{Value, json};

const ADMIN_PASSWORD: &str = "Maekorn-admin-2568";
const STAFF_PASSWORD: &str = "Maekorn-staff-2568";

/// The sample register with an administrator of its own, served on a free port.
fn start_host(data: &std::path::Path) -> ServerProcess {
    let register = Register::open(data.join("phatsadu.sqlite")).unwrap();
    register
        .complete_setup(&sample_setup(ADMIN_PASSWORD, true))
        .unwrap();
    drop(register);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let server = app_binary().unwrap().with_file_name("phatsadu-server");
    ServerProcess::start(&server, data, port).unwrap()
}

/// The staff member's own request, filed from their session: (loan, the head of the
/// borrower's division who decides it).
async fn staff_files_a_request(staff: &HostClient) -> (Value, &'static str) {
    let key = || format!("browser-test-{}", rand_suffix());
    staff
        .call(
            "login",
            &json!({ "username": "staff", "password": "demo1234" }),
            None,
        )
        .await
        .unwrap();
    staff
        .call(
            "change_password",
            &json!({ "currentPassword": "demo1234", "newPassword": STAFF_PASSWORD }),
            Some(&key()),
        )
        .await
        .unwrap();
    let session = staff
        .call("current_session", &Value::Null, None)
        .await
        .unwrap();
    let me = session["personId"].clone();
    let people = staff
        .call("list_staff", &json!({ "includeInactive": false }), None)
        .await
        .unwrap();
    let division = people
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == me)
        .map(|p| p["divisionId"].clone())
        .unwrap();
    let assets = staff
        .call(
            "list_assets",
            &json!({ "divisionId": division, "status": "in_use", "sort": "code",
                     "descending": false, "offset": 0, "limit": 30 }),
            None,
        )
        .await
        .unwrap();
    let today = (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive();
    for row in assets["rows"].as_array().unwrap() {
        let request = json!({
            "kind": "inside", "borrowerId": me, "agencyName": "", "agencyLetterNo": "",
            "purpose": "ใช้ในการประชุมประจำเดือน", "placeOfUse": "ห้องประชุมสภา",
            "startsOn": today, "dueOn": today + chrono::Duration::days(3),
            "longLoanReason": "", "notes": "", "assetIds": [row["id"]], "paperNo": "",
            "submit": true, "undertaking": true,
        });
        if let Ok(loan) = staff.call("create_loan", &request, Some(&key())).await {
            let head = match loan["divisionName"].as_str().unwrap_or_default() {
                "สำนักปลัด" => "head.palad",
                "กองช่าง" => "head.works",
                "กองคลัง" => "supplyhead",
                "กองสาธารณสุขและสิ่งแวดล้อม" => {
                    "head.health"
                }
                "ศูนย์พัฒนาเด็กเล็กบ้านแม่กรณ์" => {
                    "head.child"
                }
                _ => "head.edu",
            };
            return (loan, head);
        }
    }
    panic!("the staff member's division has an item free to borrow");
}

fn rand_suffix() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    format!(
        "{:08}-{:06}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "end-to-end: needs Chromium and chromedriver; scripts/test.sh runs it"]
async fn a_division_head_approves_in_a_browser_what_staff_filed_from_another_session() {
    let data = tempfile::tempdir().unwrap();
    let host = start_host(data.path());
    let staff = HostClient::pinned(&host.address, &host.fingerprint);
    let (loan, head) = staff_files_a_request(&staff).await;
    println!(
        "  {} filed {} for {head} to decide",
        loan["borrowerName"], loan["loanNo"]
    );

    let admin = HostClient::pinned(&host.address, &host.fingerprint);
    admin
        .call(
            "login",
            &json!({ "username": "admin", "password": ADMIN_PASSWORD }),
            None,
        )
        .await
        .unwrap();
    let (round, code) = uncounted_code(&admin).await;

    let mut browser = App::open_in_chromium("browser", &format!("https://{}/", host.address))
        .await
        .expect("Chromium opens the host's address");
    let mut outcome = approve(&mut browser, head, &loan).await;
    if outcome.is_ok() {
        outcome = count(&mut browser, &round, &code).await;
    }
    browser.finish(outcome).await;

    // The staff member's session sees it approved, by the head, from the browser's address.
    let seen = staff.call("loan_detail", &loan["id"], None).await.unwrap();
    assert_eq!(seen["status"], "approved", "{seen}");
    let admin = HostClient::pinned(&host.address, &host.fingerprint);
    admin
        .call(
            "login",
            &json!({ "username": "admin", "password": ADMIN_PASSWORD }),
            None,
        )
        .await
        .unwrap();
    let audit = admin
        .call(
            "list_audit",
            &json!({ "entity": "loan", "offset": 0, "limit": 20 }),
            None,
        )
        .await
        .unwrap();
    let approval = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| {
            e["action"] == "loan.approve" && e["entityId"].as_str() == Some(&loan["id"].to_string())
        })
        .expect("the approval is in the audit log");
    assert_eq!(approval["username"], head);
    assert_eq!(approval["client"], "127.0.0.1");
    // And the code the checker typed is counted in the round.
    let scans = admin
        .call(
            "recent_scans",
            &json!({ "roundId": round["id"], "limit": 5 }),
            None,
        )
        .await
        .unwrap();
    assert!(
        scans
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["typed"] == code.as_str()),
        "{scans}"
    );
}

/// The sample's open annual check and a code in it nobody has counted yet.
async fn uncounted_code(admin: &HostClient) -> (Value, String) {
    let rounds = admin
        .call("list_rounds", &json!({ "fiscalYear": null }), None)
        .await
        .unwrap();
    let round = rounds
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "annual")
        .cloned()
        .expect("the sample has an annual round");
    let lines = admin
        .call(
            "round_lines",
            &json!({ "roundId": round["id"], "filter": "uncounted", "offset": 0, "limit": 1 }),
            None,
        )
        .await
        .unwrap();
    let code = lines["rows"][0]["code"].as_str().unwrap().to_owned();
    (round, code)
}

/// A committee member counts from a browser (a tablet): a code typed, then Enter, as a
/// Bluetooth or USB scanner sends it.
async fn count(browser: &mut App, round: &Value, code: &str) -> Result<()> {
    browser.log_in_as("committee1", "demo1234").await?;
    browser.click("nav-checks").await?;
    let name = round["name"].as_str().unwrap_or_default().to_owned();
    browser.click_where("round-open", &name).await?;
    browser.find("scan-code").await?;
    browser.fill("scan-code", code).await?;
    browser.press("scan-code", "\u{E007}").await?;
    let answer = browser.wait_for_text("scan-answer", code).await?;
    println!("  scanned: {answer}");
    browser.screenshot("scan").await?;
    Ok(())
}

async fn approve(browser: &mut App, head: &str, loan: &Value) -> Result<()> {
    browser.find("login-username").await?;
    browser.screenshot("login").await?;
    browser.log_in_as(head, "demo1234").await?;
    browser.click("nav-loans").await?;
    let name = loan["borrowerName"].as_str().unwrap_or_default().to_owned();
    browser.wait_for_text("inbox-item", &name).await?;
    browser.screenshot("inbox").await?;
    let clicked = browser
        .eval(&format!(
            "const item = [...document.querySelectorAll(\"[data-testid='inbox-item']\")]
               .find(e => e.textContent.includes({name:?}));
             if (!item) return false;
             item.querySelector(\"[data-testid='inbox-approve']\").click();
             return true;"
        ))
        .await?;
    if clicked != Value::Bool(true) {
        return Err(format!("no inbox item names {name}"));
    }
    browser.find("approval-items").await?;
    browser.screenshot("approval").await?;
    browser.click("approval-confirm").await?;
    let notice = browser.wait_for_text("notice", "อนุมัติคำขอเลขที่").await?;
    println!("  {notice}");
    browser.screenshot("approved").await?;
    Ok(())
}
