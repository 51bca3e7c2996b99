//! After the check through the IPC, as the UI calls it: only the supplies staff propose and
//! carry out a disposal, only the agency head approves it; staff acknowledge the manual
//! themselves; the evidence pack is saved as a folder with its zip beside it.

use crate::common::{Ui, thai_today};
use serde_json::json;

#[test]
fn a_disposal_is_proposed_approved_carried_out_and_written_off_by_the_right_people() {
    let ui = Ui::new();
    ui.setup();
    let today = thai_today();
    let folder = tempfile::tempdir().unwrap();
    let folder = folder.path().display().to_string();
    ui.as_user("officer");
    let item = ui.items_of("กองช่าง", 1).remove(0);
    let proposal = json!({
        "reason": "ไม่จำเป็นต้องใช้ในราชการ", "proposedOn": today, "roundId": null,
        "items": [{ "assetId": item, "method": "transfer_state", "note": "" }]
    });
    // Staff cannot propose; the officer can; nobody but the agency head approves.
    ui.as_user("staff");
    assert_eq!(
        ui.err("propose_disposal", Some(proposal.clone()))["code"],
        "permission_denied"
    );
    ui.as_user("officer");
    let proposed = ui.ok("propose_disposal", Some(proposal));
    let id = proposed["id"].clone();
    assert_eq!(proposed["status"], "proposed");
    let decision = json!({ "disposalId": id, "approve": true, "approvalNo": "คำสั่ง 300/2569",
                           "approvedOn": today, "reason": "" });
    let refused = ui.err("decide_disposal", Some(decision.clone()));
    assert_eq!(refused["code"], "not_the_approver", "{refused}");
    ui.as_user("mayor");
    let waiting = ui.ok(
        "list_disposals",
        Some(json!({ "statuses": ["proposed"], "fiscalYear": null })),
    );
    assert!(
        waiting
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == id && r["waitingForMe"] == true)
    );
    assert_eq!(
        ui.ok("decide_disposal", Some(decision))["status"],
        "approved"
    );

    // The officer records the transfer (the receiving body named), writes it off, prints.
    ui.as_user("officer");
    let mut result = json!({ "disposalId": id, "assetId": item, "method": "transfer_state",
                             "doneOn": today, "counterparty": "", "documentNo": "ใบรับมอบ 5/2569",
                             "proceeds": 0 });
    let missing = ui.err("record_disposal_result", Some(result.clone()));
    assert_eq!(missing["details"]["field"], "counterparty");
    result["counterparty"] = json!("โรงเรียนบ้านแม่กรณ์");
    ui.ok("record_disposal_result", Some(result));
    let done = ui.ok(
        "write_off_disposal",
        Some(json!({ "disposalId": id, "onDate": today })),
    );
    assert_eq!(done["status"], "written_off");
    assert!(done["noticeDueOn"].is_string());
    for document in ["request", "result", "notice"] {
        let saved = ui.ok(
            "print_disposal_document",
            Some(json!({ "disposalId": id, "document": document, "folder": folder })),
        );
        assert!(std::path::Path::new(saved["path"].as_str().unwrap()).is_file());
    }
    let item_now = ui.ok("asset_detail", Some(item.clone()));
    assert_eq!(item_now["asset"]["status"], "disposed");
}

#[test]
fn staff_acknowledge_the_manual_and_the_evidence_pack_is_saved_whole() {
    let ui = Ui::new();
    ui.setup();
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().display().to_string();
    ui.as_user("staff");
    let manual = ui.ok("manual", None);
    assert_eq!(manual["issued"]["version"], 1);
    assert_eq!(manual["canAcknowledge"], true);
    assert!(
        manual["content"]["flow"]["branches"]
            .as_array()
            .unwrap()
            .len()
            >= 2
    );
    ui.ok("acknowledge_manual", None);
    let again = ui.ok("manual", None);
    assert_eq!(again["canAcknowledge"], false);
    assert!(again["acknowledgedOn"].is_string());
    // Only the supplies staff issue it or record paper lists.
    assert_eq!(ui.err("issue_manual", None)["code"], "permission_denied");
    ui.as_user("officer");
    let list = ui.ok("manual_acknowledgements", None);
    assert!(list["acknowledged"].as_u64().unwrap() >= 6);

    // The pack, from the window: a folder of files with the zip beside it.
    let year = {
        use chrono::Datelike;
        let today = (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive();
        if today.month() >= 10 {
            today.year() + 544
        } else {
            today.year() + 543
        }
    };
    assert!(ui.ok("ita_pack_progress", Some(json!("job-1"))).is_null());
    let pack = ui.ok(
        "make_ita_pack",
        Some(json!({ "fiscalYear": year, "job": "job-1", "folder": folder })),
    );
    let saved = std::path::PathBuf::from(pack["saved"]["path"].as_str().unwrap());
    assert!(saved.is_dir());
    assert!(saved.with_extension("zip").is_file());
    let files = pack["files"].as_array().unwrap();
    assert_eq!(std::fs::read_dir(&saved).unwrap().count(), files.len());
    // A second pack does not touch the first: it takes the next free name.
    let second = ui.ok(
        "make_ita_pack",
        Some(json!({ "fiscalYear": year, "job": "job-2", "folder": folder })),
    );
    assert_ne!(second["saved"]["path"], pack["saved"]["path"]);
    let empty = ui.err(
        "make_ita_pack",
        Some(json!({ "fiscalYear": 2550, "job": "job-3", "folder": folder })),
    );
    assert_eq!(empty["details"]["field"], "fiscalYear");
}
