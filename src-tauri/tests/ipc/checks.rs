//! Check rounds through the IPC, as the UI calls them: only the round's checkers count,
//! only the chair or a checker closes, only the supplies officer applies what it proposes,
//! and a viewer prints the sheets but changes nothing.

use crate::common::{Ui, thai_today};
use serde_json::{Value, json};

fn division(ui: &Ui, name: &str) -> Value {
    ui.ok("list_divisions", None)
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == name)
        .unwrap()["id"]
        .clone()
}

/// A periodic round of สำนักปลัด counted by committee1 and committee2, as of today.
fn round_input(ui: &Ui) -> Value {
    let today = thai_today();
    json!({
        "kind": "periodic", "name": "ตรวจนับสำนักปลัด", "fiscalYear": null,
        "asOf": today, "startsOn": today, "endsOn": today,
        "scope": { "divisionIds": [division(ui, "สำนักปลัด")], "locationIds": [], "categoryIds": [] },
        "members": [
            { "personId": ui.person("ธนากร ปัญญาดี"), "role": "checker" },
            { "personId": ui.person("ณัฐพล เรือนคำ"), "role": "checker" }
        ],
        "orderNo": "", "orderDate": null, "orderSigner": "", "officerId": null, "notes": ""
    })
}

/// That round, set up and opened by the officer.
fn open_round(ui: &Ui) -> Value {
    ui.as_user("officer");
    let round = ui.ok("create_round", Some(round_input(ui)));
    assert_eq!(round["status"], "draft");
    let opened = ui.ok("open_round", Some(round["id"].clone()));
    assert_eq!(opened["status"], "open");
    assert!(opened["progress"]["expected"].as_u64().unwrap() > 5);
    round["id"].clone()
}

fn first_codes(ui: &Ui, round: &Value, n: usize) -> Vec<String> {
    ui.ok(
        "round_lines",
        Some(
            json!({ "roundId": round, "divisionId": null, "locationId": null, "filter": "all",
                     "text": null, "offset": 0, "limit": n }),
        ),
    )["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["code"].as_str().unwrap().to_owned())
        .collect()
}

fn scan(ui: &Ui, round: &Value, code: &str) -> Result<Value, Value> {
    ui.call(
        "scan",
        Some(json!({ "roundId": round, "code": code, "locationId": null, "condition": null })),
    )
}

#[test]
fn only_the_rounds_checkers_count_and_a_viewer_prints_but_changes_nothing() {
    let ui = Ui::new();
    ui.setup();
    let round = open_round(&ui);
    let codes = first_codes(&ui, &round, 3);
    // The officer who set the round up is not one of its checkers.
    let err = scan(&ui, &round, &codes[0]).unwrap_err();
    assert_eq!(err["code"], "not_a_round_member");
    assert_eq!(err["details"]["who"], "checker");
    ui.as_user("staff");
    let folder = tempfile::tempdir().unwrap();
    let printed = ui.ok(
        "print_check_sheets",
        Some(json!({ "roundId": round, "divisionId": null, "perDivision": false, "withResults": false,
                     "folder": folder.path().display().to_string() })),
    );
    let path = printed[0]["path"].as_str().unwrap();
    assert!(std::fs::read(path).unwrap().starts_with(b"%PDF"));
    assert_eq!(
        scan(&ui, &round, &codes[0]).unwrap_err()["code"],
        "not_a_round_member"
    );
    assert_eq!(
        ui.err("create_round", Some(round_input(&ui)))["code"],
        "permission_denied"
    );
    assert_eq!(
        ui.err("open_round", Some(round.clone()))["code"],
        "permission_denied"
    );
    ui.as_user("committee3");
    assert_eq!(
        scan(&ui, &round, &codes[0]).unwrap_err()["code"],
        "not_a_round_member"
    );
    let summary = ui.ok("round_summary", Some(round.clone()));
    assert_eq!(summary["total"]["counted"], 0, "nothing was counted");
    // committee1 counts; a second scan of the same item says who counted it.
    ui.as_user("committee1");
    let first = scan(&ui, &round, &codes[0]).unwrap();
    assert_eq!(first["outcome"], "here");
    let again = scan(&ui, &round, &codes[0]).unwrap();
    assert_eq!(again["outcome"], "already_counted");
    assert_eq!(again["countedBy"], "นายธนากร ปัญญาดี");
    let unknown = scan(&ui, &round, "000-00-0000").unwrap();
    assert_eq!(unknown["outcome"], "unknown");
}

#[test]
fn closing_needs_a_named_choice_and_only_the_officer_applies_what_it_proposes() {
    let ui = Ui::new();
    ui.setup();
    let round = open_round(&ui);
    let codes = first_codes(&ui, &round, 2);
    ui.as_user("committee2");
    for code in &codes {
        scan(&ui, &round, code).unwrap();
    }
    let err = ui.err(
        "close_round",
        Some(json!({ "roundId": round, "restNotFound": false })),
    );
    assert_eq!(err["code"], "lines_undecided");
    assert!(err["details"]["lines"].as_u64().unwrap() > 0);
    let closed = ui.ok(
        "close_round",
        Some(json!({ "roundId": round, "restNotFound": true })),
    );
    assert_eq!(closed["status"], "closed");
    assert_eq!(closed["closedAs"], "นายณัฐพล เรือนคำ (ผู้ตรวจนับ)");
    let proposals = ui.ok("round_proposals", Some(round.clone()));
    assert!(
        !proposals.as_array().unwrap().is_empty(),
        "the items not found are proposed as lost"
    );
    let apply = json!({ "roundId": round, "proposalIds": [] });
    assert_eq!(
        ui.err("apply_proposals", Some(apply.clone()))["code"],
        "permission_denied"
    );
    ui.as_user("staff");
    assert_eq!(
        ui.err("apply_proposals", Some(apply.clone()))["code"],
        "permission_denied"
    );
    ui.as_user("officer");
    let applied = ui.ok("apply_proposals", Some(apply));
    assert!(applied.as_u64().unwrap() > 0);
    let history = ui.ok(
        "asset_checks",
        Some(
            ui.ok(
                "round_lines",
                Some(
                    json!({ "roundId": round, "divisionId": null, "locationId": null,
            "filter": "not_found", "text": null, "offset": 0, "limit": 1 }),
                ),
            )["rows"][0]["assetId"]
                .clone(),
        ),
    );
    assert_eq!(history[0]["result"], "not_found");
    let dashboard = ui.ok("check_dashboard", None);
    let open: Vec<&Value> = dashboard["openRounds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["id"])
        .collect();
    assert!(
        !open.contains(&&round),
        "a closed round is not among the open ones"
    );
    assert!(
        open.len() == 1,
        "the sample's annual round is still being counted"
    );
}
