//! Backups through the IPC, as the window calls them, on a register in a real data folder:
//! the first start of the day makes the day's copy by itself; the officer backs up now,
//! only the administrator chooses the second folder and restores; a restore puts the copy
//! back, ends the session, and the administrator finds the restore in the audit log.

use crate::common::Ui;
use phatsadu_app::state::AppState;
use phatsadu_core::DataDir;
use serde_json::json;

fn copies(ui: &Ui) -> Vec<serde_json::Value> {
    ui.ok("backup_status", None)["copies"]
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn backups_are_made_listed_chosen_and_restored_by_the_right_people() {
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::at(dir.path().join("data"));
    let ui = Ui::with_state(AppState::open(data.clone()));
    ui.setup();
    ui.as_user("officer");
    // Set up moments ago: nothing yet, so the home screen would warn.
    let status = ui.ok("backup_status", None);
    assert_eq!(status["available"], true);
    let made = ui.ok("back_up_now", None);
    assert_eq!(made["copy"]["reason"], "manual");
    let status = ui.ok("backup_status", None);
    assert_eq!(status["overdue"], false);
    assert_eq!(status["daysSinceGood"], 0);
    assert_eq!(status["lastGood"]["fileName"], made["copy"]["fileName"]);

    // The officer may not choose the second folder or restore.
    let settings = json!({ "secondFolder": null, "warnAfterDays": 5 });
    assert_eq!(
        ui.err("update_backup_settings", Some(settings.clone()))["code"],
        "permission_denied"
    );
    let copy = json!({ "place": "local", "fileName": made["copy"]["fileName"] });
    assert_eq!(
        ui.err("restore_backup", Some(copy.clone()))["code"],
        "permission_denied"
    );

    // The administrator: a folder that is not there is named as the field at fault.
    ui.call("logout", None).unwrap();
    ui.login("admin", "admin-password").unwrap();
    let wrong = ui.err(
        "update_backup_settings",
        Some(json!({ "secondFolder": "/no/such/usb", "warnAfterDays": 5 })),
    );
    assert_eq!(wrong["details"]["field"], "secondFolder");
    let usb = tempfile::tempdir().unwrap();
    let usb_path = usb.path().display().to_string();
    ui.ok(
        "update_backup_settings",
        Some(json!({ "secondFolder": usb_path, "warnAfterDays": 5 })),
    );
    let second = ui.ok("back_up_now", None);
    assert_eq!(second["second"]["outcome"], "copied");
    assert!(
        copies(&ui).iter().any(|c| c["place"] == "second"),
        "the second folder's copy is listed"
    );

    // A division made after the first copy disappears when it is put back.
    ui.ok(
        "create_division",
        Some(json!({ "name": "กองสวัสดิการสังคม", "shortName": "" })),
    );
    let report = ui.ok("restore_backup", Some(copy));
    assert_eq!(report["restored"]["fileName"], made["copy"]["fileName"]);
    assert_eq!(report["previousCopy"]["reason"], "restore");
    // The session ended with the restore.
    assert_eq!(ui.err("list_divisions", None)["code"], "not_logged_in");
    ui.login("admin", "admin-password").unwrap();
    let names: Vec<String> = ui
        .ok("list_divisions", None)
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap().to_owned())
        .collect();
    assert!(!names.contains(&"กองสวัสดิการสังคม".to_owned()), "{names:?}");
    let audit = ui.ok(
        "list_audit",
        Some(json!({ "text": null, "userId": null, "entity": null, "from": null, "to": null, "offset": 0, "limit": 5 })),
    );
    assert!(
        audit["entries"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "register.restore" && e["username"] == "admin"),
        "{audit}"
    );
    assert_eq!(ui.ok("verify_audit", None)["ok"], true);
}
