//! Every screen as its users read it, in Thai, at 1366×768 (the commonest office laptop):
//! the sample organisation walked through as the supplies officer, a division head and the
//! administrator, a screenshot of each screen, and a failure on any English left on a Thai
//! screen — a word of the English messages that no Thai message uses, or a code or key
//! (`in_use`, `audit.details`, `assetId`) shown instead of its words.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use phatsadu_e2e::{App, Result};

/// The WebDriver code of the Enter key.
const ENTER: &str = "\u{E007}";
use regex::Regex;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "end-to-end: needs a display and WebKitWebDriver; scripts/test.sh runs it under Xvfb"]
async fn every_screen_in_thai_at_1366_by_768() {
    let mut app = App::start_with("screens", &["sample-data"])
        .await
        .expect("the app starts");
    let mut outcome = walk(&mut app).await;
    if outcome.is_err() && app.eval("return 1;").await.is_err() {
        // The web view itself is gone (its page answers nothing, not even a screenshot):
        // seen once in a clean-clone CI run, after the search-words settings screen, and
        // not reproduced in four runs by hand; its cause is not known yet. The walk runs
        // once more in a fresh app, loudly; a second loss, or any finding of the walk
        // while the page answers, still fails.
        println!("the web view stopped answering ({outcome:?}); walking again in a new app");
        let _ = app.stop().await;
        app = App::start_with("screens-again", &["sample-data"])
            .await
            .expect("the app starts again");
        outcome = walk(&mut app).await;
    }
    app.finish(outcome).await;
}

/// Latin words a Thai screen may show beyond its messages' and its data's: names of
/// things (the program, the language switch's "English", file formats, standards) and
/// units. Anything else in Latin letters on a Thai screen is English left in it.
const NAMES_AND_UNITS: &[&str] = &[
    "phatsadu", "english", "pdf", "csv", "xlsx", "xls", "xlsb", "ods", "zip", "excel", "usb",
    "https", "sha", "qr", "ita", "mb", "kb", "gb", "jpeg", "png", "webp", "heic", "utf", "tis",
    "windows", "linux", "id",
];

/// Latin words of the register's own data (names, brands, models, serial numbers, codes
/// that people typed): shown as they were written, they are not English of the screen.
/// The audit log's and settings' JSON and the search index are left out: their keys are
/// the program's, not the people's.
fn data_words(register: &Path) -> BTreeSet<String> {
    let conn =
        rusqlite::Connection::open_with_flags(register, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             AND name NOT IN ('audit_log', 'settings', 'idempotency_keys', 'manual_versions')
             AND name NOT LIKE 'search%'",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<std::result::Result<_, _>>()
        .unwrap();
    let word = Regex::new(r"[A-Za-z]{3,}").unwrap();
    let mut words = BTreeSet::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for i in 0..columns {
                if let Ok(rusqlite::types::ValueRef::Text(text)) = row.get_ref(i) {
                    for w in word.find_iter(&String::from_utf8_lossy(text)) {
                        words.insert(w.as_str().to_lowercase());
                    }
                }
            }
        }
    }
    words
}

/// Latin words the Thai messages use on purpose (PDF, Excel, Enter, HTTPS).
fn thai_message_words() -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/i18n");
    let word = Regex::new(r"[A-Za-z]{3,}").unwrap();
    let mut words = BTreeSet::new();
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.to_string_lossy().ends_with("th.ts") {
            let text = fs::read_to_string(&path).unwrap();
            // Values only: the keys ("error.required") are the program's.
            for line in text.lines() {
                if let Some((_, value)) = line.split_once("\": ") {
                    for w in word.find_iter(value) {
                        words.insert(w.as_str().to_lowercase());
                    }
                }
            }
        }
    }
    words
}

/// Words of the English messages that no Thai message uses: on a Thai screen, one of
/// these is English left untranslated. (Words Thai messages use on purpose — PDF, Excel,
/// Enter — are allowed by the same rule.)
fn english_only_words() -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/i18n");
    let message = Regex::new(r#""[^"]+":\s*\n?\s*"((?:[^"\\]|\\.)*)""#).unwrap();
    let word = Regex::new(r"[A-Za-z]{4,}").unwrap();
    let placeholder = Regex::new(r"\{\w+\}").unwrap();
    let mut english = BTreeSet::new();
    let mut thai = BTreeSet::new();
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let words = if name.ends_with("en.ts") {
            &mut english
        } else if name.ends_with("th.ts") {
            &mut thai
        } else {
            continue;
        };
        let text = fs::read_to_string(&path).unwrap();
        for m in message.captures_iter(&text) {
            // Placeholders ({name}) are filled with data, not words of the message.
            let value = placeholder.replace_all(&m[1], "");
            for w in word.find_iter(&value) {
                words.insert(w.as_str().to_lowercase());
            }
        }
    }
    english.difference(&thai).cloned().collect()
}

/// The English words and raw codes on the current screen (text, placeholders, titles):
/// a word of the English messages, a code or key, or any Latin word that is neither the
/// data's, a Thai message's, nor a name or unit; and a browser file input left visible
/// (its button says "Choose File" in English whatever the page's language).
async fn english_on_screen(
    app: &App,
    vocabulary: &BTreeSet<String>,
    allowed: &BTreeSet<String>,
) -> Result<Vec<String>> {
    let text = app
        .eval(
            // Codes (<code>) and login names (.login, [data-verbatim]) are data, not words of the screen.
            "let body = document.body.innerText;
             for (const el of document.querySelectorAll('code, .login, [data-verbatim]')) {
               const v = el.innerText.trim(); if (v) body = body.split(v).join(' ');
             }
             const bits = [body];
             for (const el of document.querySelectorAll('[placeholder], [title], [aria-label]')) {
               for (const a of ['placeholder', 'title', 'aria-label']) {
                 const v = el.getAttribute(a); if (v) bits.push(v);
               }
             }
             return bits.join('\\n');",
        )
        .await?;
    // File paths, file names and template placeholders ({type}-{yyyy}) are data too.
    let paths = Regex::new(
        r"(?:[A-Za-z]:)?(?:[/\\][\w.\-]+)+|\{[^}]*\}|[\w.\-]+\.(?:sqlite|pdf|xlsx|xls|csv|zip|png|jpe?g|txt|log)\b",
    )
    .unwrap();
    let text = paths.replace_all(text.as_str().unwrap_or_default(), " ");
    let text = text.as_ref();
    let word = Regex::new(r"[A-Za-z]{4,}").unwrap();
    let code = Regex::new(
        r"\b[a-z]+_[a-z_]+\b|\b[a-z]+[A-Z][a-z]+[A-Za-z]*\b|\b(?:error|action|entity|status|field|audit|loans?|checks?|assets?|settings|nav|common)\.[a-z][A-Za-z_.]+\b",
    )
    .unwrap();
    let mut found: Vec<String> = word
        .find_iter(text)
        .map(|w| w.as_str().to_lowercase())
        .filter(|w| vocabulary.contains(w))
        .collect();
    found.extend(code.find_iter(text).map(|m| m.as_str().to_owned()));
    let latin = Regex::new(r"[A-Za-z]{3,}").unwrap();
    found.extend(
        latin
            .find_iter(text)
            .map(|w| w.as_str().to_lowercase())
            .filter(|w| !allowed.contains(w)),
    );
    let native_file_inputs = app
        .eval(
            "return [...document.querySelectorAll('input[type=file]')]
               .filter((el) => el.offsetWidth > 0 && getComputedStyle(el).opacity !== '0').length;",
        )
        .await?;
    if native_file_inputs.as_u64().unwrap_or(0) > 0 {
        found.push("a browser file input (Choose File / No file chosen)".to_owned());
    }
    found.sort();
    found.dedup();
    Ok(found)
}

/// Logs in with the sample's demo password (the harness makes the forced change of a demo
/// password at first login, and remembers the new one).
async fn log_in(walk: &mut Walk<'_>, username: &str) -> Result<()> {
    walk.app.log_in_as(username, "demo1234").await?;
    walk.app.wait_for_text("current-user", "").await?;
    // A forced change leaves the user on the password page; the walk starts at home.
    walk.app.click("nav-home").await?;
    walk.app.wait_for_text("page-title", "").await?;
    Ok(())
}

/// The walk's notebook: each screen's screenshot and what English it showed.
struct Walk<'a> {
    app: &'a mut App,
    vocabulary: BTreeSet<String>,
    /// Latin words that are not English of the screen (see [`english_on_screen`]).
    thai_and_names: BTreeSet<String>,
    problems: Vec<String>,
}

impl Walk<'_> {
    async fn screen(&mut self, name: &str) -> Result<()> {
        // Let lists and counts arrive before reading them.
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        self.app.screenshot(name).await?;
        // The data as it is now (the walk itself adds some).
        let mut allowed = data_words(&self.app.home.path().join("data/phatsadu.sqlite"));
        allowed.extend(self.thai_and_names.iter().cloned());
        let english = english_on_screen(self.app, &self.vocabulary, &allowed).await?;
        if !english.is_empty() {
            self.problems.push(format!("{name}: {english:?}"));
        }
        let overflow = self
            .app
            .eval("return document.documentElement.scrollWidth > window.innerWidth + 1;")
            .await?;
        if overflow.as_bool() == Some(true) {
            self.problems
                .push(format!("{name}: wider than the window (scrolls sideways)"));
        }
        Ok(())
    }
}

async fn walk(app: &mut App) -> Result<()> {
    app.set_window_size(1366, 768).await?;
    let mut walk = Walk {
        app,
        vocabulary: english_only_words(),
        thai_and_names: thai_message_words()
            .into_iter()
            .chain(NAMES_AND_UNITS.iter().map(|w| (*w).to_owned()))
            .collect(),
        problems: Vec::new(),
    };
    if walk.vocabulary.len() < 200 {
        return Err(format!(
            "only {} English-only words read from the messages",
            walk.vocabulary.len()
        ));
    }
    walk.screen("login").await?;

    // The supplies officer's day.
    log_in(&mut walk, "officer").await?;
    walk.screen("home-officer").await?;
    walk.app.click("nav-assets").await?;
    walk.app.wait_for_text("asset-row", "").await?;
    walk.screen("asset-list").await?;
    walk.app.fill("asset-search", "แอร์").await?;
    walk.app.wait_for_text("asset-row", "เครื่องปรับอากาศ").await?;
    walk.screen("asset-search-synonym").await?;
    // A scanner types a code and Enter: the item opens (its code spelt another way too).
    walk.app.fill("asset-search", "401 60 0001").await?;
    walk.app.press("asset-search", ENTER).await?;
    walk.app.wait_for_text("asset-back", "").await?;
    walk.app
        .wait_for_text("asset-detail-code", "401-60-0001")
        .await?;
    walk.screen("asset-detail").await?;
    walk.app.click("asset-back").await?;
    walk.app.click("asset-add").await?;
    walk.screen("asset-form").await?;
    walk.app.click("nav-assets").await?;
    walk.app.click("asset-import").await?;
    walk.screen("import-wizard").await?;

    // Materials: the stock, a card, a receipt, the requisitions and one waiting to issue.
    walk.app.click("nav-materials").await?;
    walk.app.click("materials-tab-list").await?;
    walk.app.wait_for_text("material-row", "").await?;
    walk.screen("materials").await?;
    walk.app.click("material-open").await?;
    walk.app.wait_for_text("card-code", "").await?;
    walk.screen("stock-card").await?;
    walk.app.click("card-back").await?;
    walk.app.click("receipt-new").await?;
    walk.screen("receipt-form").await?;
    walk.app.click("nav-materials").await?;
    walk.app.click("materials-tab-requisitions").await?;
    walk.app.wait_for_text("requisition-row", "").await?;
    walk.screen("requisitions").await?;
    walk.app.click("materials-tab-waiting").await?;
    walk.app.click("requisition-open").await?;
    walk.app.wait_for_text("requisition-title", "").await?;
    walk.screen("requisition-detail").await?;
    walk.app.click("step-issue").await?;
    walk.screen("requisition-issue").await?;
    walk.app.click("nav-materials").await?;
    walk.app.click("materials-tab-movements").await?;
    walk.app.wait_for_any_text("movement-row", "").await?;
    walk.screen("material-movements").await?;
    walk.app.click("materials-tab-loans").await?;
    walk.app.click("material-lend-open").await?;
    walk.screen("material-loans").await?;

    walk.app.click("nav-loans").await?;
    walk.app.click("loans-tab-list").await?;
    walk.app.wait_for_text("loan-row", "").await?;
    walk.screen("loan-list").await?;
    walk.app.click("loan-open").await?;
    walk.screen("loan-detail").await?;
    walk.app.click("nav-loans").await?;
    walk.app.click("loans-tab-overdue").await?;
    walk.screen("loan-overdue").await?;
    walk.app.click("loans-tab-list").await?;
    walk.app.click("loan-new").await?;
    walk.screen("loan-form").await?;

    walk.app.click("nav-checks").await?;
    walk.app.click("checks-tab-rounds").await?;
    walk.app.wait_for_text("round-row", "").await?;
    walk.screen("check-rounds").await?;
    walk.app.click("checks-tab-schedule").await?;
    walk.screen("check-schedule").await?;
    walk.app.click("checks-tab-rounds").await?;
    walk.app.click("round-open").await?;
    walk.app.wait_for_text("round-status", "").await?;
    walk.screen("round-detail").await?;
    for tab in ["round-tab-proposals", "round-tab-sheet", "round-tab-count"] {
        if walk.app.find_all(tab).await?.is_empty() {
            continue;
        }
        walk.app.click(tab).await?;
        walk.screen(tab).await?;
    }
    walk.app.click("round-back").await?;
    walk.app.click("round-new").await?;
    walk.screen("round-form").await?;
    walk.app.click("nav-disposal").await?;
    walk.app.wait_for_text("disposal-row", "").await?;
    walk.screen("disposals").await?;
    walk.app.click("disposal-open").await?;
    walk.app.wait_for_text("disposal-title", "").await?;
    walk.screen("disposal-detail").await?;
    walk.app.click("nav-disposal").await?;
    walk.app.click("disposal-tab-cases").await?;
    walk.app.wait_for_text("case-row", "").await?;
    walk.screen("fact-findings").await?;
    walk.app.click("case-open").await?;
    walk.app.wait_for_text("case-title", "").await?;
    walk.screen("fact-finding").await?;
    walk.app.click("nav-disposal").await?;
    walk.app.click("disposal-new").await?;
    walk.screen("disposal-form").await?;
    walk.app.click("nav-reports").await?;
    walk.app.click("reports-tab-manual").await?;
    walk.app.wait_for_text("manual-version", "").await?;
    walk.screen("manual").await?;
    walk.app.click("reports-tab-acknowledgements").await?;
    walk.app.wait_for_text("acks-summary", "").await?;
    walk.screen("acknowledgements").await?;
    walk.app.click("reports-tab-ita").await?;
    walk.screen("ita-pack").await?;

    walk.app.click("nav-settings").await?;
    for page in [
        "organisation",
        "divisions",
        "categories",
        "search",
        "staff",
        "users",
        "borrowing",
        "printing",
        "backup",
        "password",
    ] {
        let id = format!("settings-{page}");
        if walk.app.find_all(&id).await?.is_empty() {
            continue;
        }
        walk.app.click(&id).await?;
        walk.screen(&format!("settings-{page}")).await?;
        if page == "staff" {
            walk.app.click("staff-add").await?;
            walk.app.wait_for_text("staff-form", "").await?;
            walk.screen("staff-form").await?;
        }
    }

    // A division head deciding a request.
    log_in(&mut walk, "head.palad").await?;
    walk.screen("home-head").await?;
    walk.app.click("nav-loans").await?;
    walk.app.click("loans-tab-inbox").await?;
    walk.screen("loan-inbox").await?;
    // Deciding: what is lent, the borrower's record, a comment and a confirmation.
    walk.app.click("inbox-approve").await?;
    walk.app.wait_for_text("approval-panel", "").await?;
    walk.screen("approval-panel").await?;

    // The administrator reading the audit log, an entry opened.
    log_in(&mut walk, "itadmin").await?;
    walk.app.click("nav-settings").await?;
    walk.app.click("settings-audit").await?;
    walk.app.wait_for_text("audit-row", "").await?;
    walk.app.click("audit-details").await?;
    walk.app.wait_for_text("audit-diff", "").await?;
    walk.app.scroll_to("audit-diff").await?;
    walk.screen("audit-log").await?;
    walk.app.click("settings-organisation").await?;
    walk.screen("settings-organisation").await?;
    walk.app.click("settings-backup").await?;
    walk.app.wait_for_text("backup-copies", "").await?;
    walk.screen("settings-backup-admin").await?;
    walk.app.click("settings-users").await?;
    walk.screen("users").await?;
    walk.app.click("user-add").await?;
    walk.app.wait_for_text("user-form", "").await?;
    walk.screen("user-form").await?;
    // Host mode turned on: the addresses, the fingerprint to read aloud, the QR code.
    walk.app.click("settings-network").await?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| e.to_string())?
        .port();
    walk.app.fill("network-port", &port.to_string()).await?;
    walk.app.click("network-enabled").await?;
    walk.app.click("network-save").await?;
    walk.app
        .wait_for_text("network-status", "เปิดให้เชื่อมต่ออยู่")
        .await?;
    walk.app.find("network-qr").await?;
    let fingerprint = walk.app.text("network-fingerprint").await?;
    println!("  host on port {port}, fingerprint {fingerprint}");
    walk.screen("settings-network").await?;
    // Another PC's first step: its connect screen finds this host on the network
    // (mDNS) and, chosen, shows the same fingerprint to compare.
    walk.app.click("logout").await?;
    walk.app.click("open-connect").await?;
    walk.app.click("connect-search").await?;
    walk.app
        .click_where("connect-choose", &format!(":{port}"))
        .await?;
    let shown = walk.app.wait_for_text("connect-fingerprint", "").await?;
    if shown.trim() != fingerprint.trim() {
        return Err(format!(
            "the connect screen shows {shown:?}, the host {fingerprint:?}"
        ));
    }
    walk.screen("connect-host").await?;
    walk.app.click("connect-cancel").await?;
    log_in(&mut walk, "itadmin").await?;
    walk.app.click("nav-settings").await?;
    walk.app.click("settings-network").await?;
    walk.app
        .wait_for_text("network-status", "เปิดให้เชื่อมต่ออยู่")
        .await?;
    walk.app.click("network-enabled").await?;
    walk.app.click("network-save").await?;
    walk.app.wait_for_text("network-status", "ปิดอยู่").await?;

    if walk.problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "English or overflow on Thai screens:\n{}",
            walk.problems.join("\n")
        ))
    }
}
