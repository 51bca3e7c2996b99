//! `check` from the command line: a periodic round of one division set up, printed, counted
//! from a scanner's list (shown first with --dry-run), closed, applied and reported, each
//! step refusing what the rules refuse and changing nothing when it does.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

mod common;
use common::{cli, json, ok};

/// The codes of a division's items, as the register writes them.
fn codes_of(data: &Path, division: &str, limit: i64) -> Vec<String> {
    let conn = rusqlite::Connection::open(data.join("phatsadu.sqlite")).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT a.code FROM assets a JOIN divisions d ON d.id = a.division_id
             WHERE d.name = ?1 AND a.status <> 'disposed' ORDER BY a.code LIMIT ?2",
        )
        .unwrap();
    stmt.query_map(rusqlite::params![division, limit], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn a_round_is_run_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(&cli(&data, &["sample-data"]));

    // Set up and open a round of กองช่าง with one checker.
    let out = cli(
        &data,
        &[
            "check",
            "create",
            "--kind",
            "periodic",
            "--name",
            "ตรวจนับกองช่าง ไตรมาส 1",
            "--division",
            "กองช่าง",
            "--member",
            "นายธนากร ปัญญาดี",
            "--open",
            "--json",
        ],
    );
    ok(&out);
    let round = json(&out);
    assert_eq!(round["status"], "open");
    let id = round["id"].to_string();
    let expected = round["progress"]["expected"].as_u64().unwrap();
    assert!(expected > 10, "กองช่าง has its sample items: {round}");

    // Its sheet prints as one PDF.
    let out = cli(
        &data,
        &[
            "check",
            "sheets",
            &id,
            "--out",
            dir.path().to_str().unwrap(),
            "--json",
        ],
    );
    ok(&out);
    let written = json(&out);
    let sheet = written[0]["path"].as_str().unwrap();
    assert!(std::fs::read(sheet).unwrap().starts_with(b"%PDF"));

    // A scanner's list: two items, one twice, a Thai-digit code nobody registered.
    let codes = codes_of(&data, "กองช่าง", 2);
    let list = dir.path().join("scanner.txt");
    std::fs::write(
        &list,
        format!(
            "barcode\n{}\n\n{}\n{}\n๙๙๙-๖๘-๐๐๐๑\n",
            codes[0], codes[1], codes[0]
        ),
    )
    .unwrap();
    let out = cli(
        &data,
        &[
            "check",
            "load",
            &id,
            list.to_str().unwrap(),
            "--dry-run",
            "--json",
        ],
    );
    ok(&out);
    let dry = json(&out);
    let outcomes: Vec<&str> = dry["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(outcomes, ["here", "here", "already_counted", "unknown"]);
    assert_eq!(dry["applied"], false);
    let listed = json(&cli(&data, &["check", "list", "--json"]));
    let this = |rounds: &serde_json::Value| {
        rounds
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == round["id"])
            .cloned()
            .unwrap()
    };
    assert_eq!(
        this(&listed)["progress"]["counted"],
        0,
        "a dry run writes nothing"
    );

    // A list with a line that is not a code is refused by its line number, nothing counted.
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, format!("{}\nNO READ\n", codes[0])).unwrap();
    let out = cli(
        &data,
        &["check", "load", &id, bad.to_str().unwrap(), "--json"],
    );
    assert!(!out.status.success());
    let refusal = json(&out);
    assert_eq!(refusal["error"]["details"]["field"], "file.lines");
    assert_eq!(refusal["error"]["details"]["reason"], "2");
    let listed = json(&cli(&data, &["check", "list", "--json"]));
    assert_eq!(this(&listed)["progress"]["counted"], 0);

    let out = cli(
        &data,
        &["check", "load", &id, list.to_str().unwrap(), "--json"],
    );
    ok(&out);
    let loaded = json(&out);
    assert_eq!(
        (loaded["counted"].as_u64(), loaded["unexpected"].as_u64()),
        (Some(2), Some(1))
    );

    // Closing with lines uncounted needs the named choice.
    let out = cli(&data, &["check", "close", &id, "--json"]);
    assert!(!out.status.success());
    let refusal = json(&out);
    assert_eq!(refusal["error"]["code"], "lines_undecided");
    // Items out on a loan are explained by it; the rest, less the two counted, are named.
    let conn = rusqlite::Connection::open(data.join("phatsadu.sqlite")).unwrap();
    let on_loan: i64 = conn
        .query_row(
            "SELECT count(*) FROM check_lines WHERE round_id = ?1 AND loan_id IS NOT NULL AND result IS NULL",
            [round["id"].as_i64().unwrap()],
            |r| r.get(0),
        )
        .unwrap();
    drop(conn);
    assert_eq!(
        refusal["error"]["details"]["lines"].as_u64(),
        Some(expected - 2 - on_loan as u64)
    );
    let out = cli(
        &data,
        &["check", "close", &id, "--rest-not-found", "--json"],
    );
    ok(&out);
    let closed = json(&out);
    assert_eq!(closed["round"]["status"], "closed");
    let proposals = closed["proposals"].as_array().unwrap();
    assert!(
        proposals.iter().any(|p| p["kind"] == "register"),
        "the unknown code"
    );
    let to_apply = proposals.iter().filter(|p| p["kind"] != "register").count();

    let out = cli(&data, &["check", "apply", &id, "--json"]);
    ok(&out);
    assert_eq!(json(&out)["applied"].as_u64(), Some(to_apply as u64));
    let out = cli(
        &data,
        &["check", "load", &id, list.to_str().unwrap(), "--json"],
    );
    assert_eq!(
        json(&out)["error"]["code"],
        "round_state",
        "a closed round takes no counts"
    );

    let report = dir.path().join("report.pdf");
    let out = cli(
        &data,
        &["check", "report", &id, "--out", report.to_str().unwrap()],
    );
    ok(&out);
    assert!(std::fs::read(&report).unwrap().starts_with(b"%PDF"));
    ok(&cli(&data, &["verify-audit"]));
}

#[test]
fn an_annual_committee_with_the_supplies_officer_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    ok(&cli(dir.path(), &["sample-data", "--no-assets"]));
    let out = cli(
        dir.path(),
        &[
            "check",
            "create",
            "--kind",
            "annual",
            "--fiscal-year",
            "2570",
            "--member",
            "นายธนากร ปัญญาดี",
            "--member",
            "นางสาวพิมพ์ชนก แก้วมูล",
            "--json",
        ],
    );
    assert!(!out.status.success());
    let refusal = json(&out);
    assert_eq!(refusal["error"]["code"], "committee_includes_officer");
    assert_eq!(refusal["error"]["details"]["name"], "นางสาวพิมพ์ชนก แก้วมูล");
    let listed = json(&cli(dir.path(), &["check", "list", "--json"]));
    assert!(
        listed
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["fiscalYear"] != 2570 || r["kind"] != "annual"),
        "nothing was created"
    );
    let out = cli(
        dir.path(),
        &[
            "check",
            "create",
            "--kind",
            "annual",
            "--fiscal-year",
            "2570",
            "--member",
            "นายธนากร ปัญญาดี",
            "--member",
            "นายณัฐพล เรือนคำ",
            "--member",
            "นางสาวปวีณา บุญมา",
            "--json",
        ],
    );
    ok(&out);
    let round = json(&out);
    assert_eq!(round["members"][0]["role"], "chair");
    assert_eq!(round["members"][2]["role"], "secretary");
    assert_eq!(round["startsOn"], "2027-10-01");
}
