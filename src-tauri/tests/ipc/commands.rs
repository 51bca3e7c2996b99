//! Every command as the UI calls it: opening the register, setup and login, the error shape,
//! each role refused what it may not do, the asset register and borrowing.

use crate::common::{Ui, thai_today};
use phatsadu_api::OPERATIONS;
use phatsadu_app::state::AppState;
use phatsadu_core::DataDir;
use serde_json::{Value, json};

#[test]
fn a_register_that_cannot_be_opened_is_explained_not_crashed() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, b"x").unwrap();
    let ui = Ui::with_state(AppState::open(DataDir::at(blocker.join("phatsadu"))));
    let status = ui.ok("app_status", None);
    assert_eq!(status["startupError"]["code"], "data_dir_not_writable");
    assert_eq!(
        status["startupError"]["details"]["path"],
        blocker.join("phatsadu").display().to_string()
    );
    assert_eq!(
        ui.err("login", Some(json!({"username": "a", "password": "b"})))["code"],
        "data_dir_not_writable"
    );
}

#[test]
fn a_foreign_file_in_the_data_directory_is_refused_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::at(dir.path());
    std::fs::write(data.register_file(), b"PK\x03\x04 spreadsheet").unwrap();
    let ui = Ui::with_state(AppState::open(data.clone()));
    assert_eq!(
        ui.ok("app_status", None)["startupError"]["code"],
        "not_a_register"
    );
    assert_eq!(
        std::fs::read(data.register_file()).unwrap(),
        b"PK\x03\x04 spreadsheet"
    );
}

#[test]
fn every_declared_operation_answers_through_ipc() {
    let ui = Ui::new();
    for op in OPERATIONS {
        // Without a session most operations refuse; what matters is that none is unknown.
        if let Err(error) = ui.call(op.name, Some(json!({}))) {
            assert_ne!(error["code"], "unknown_operation", "{}: {error}", op.name);
        }
    }
    let error = ui.err("no_such_operation", None);
    assert_eq!(error["code"], "unknown_operation");
}

#[test]
fn first_run_status_then_setup_logs_the_admin_in() {
    let ui = Ui::new();
    let status = ui.ok("app_status", None);
    assert_eq!(status["needsSetup"], true);
    assert_eq!(status["session"], Value::Null);
    assert_eq!(status["startupError"], Value::Null);
    let session = ui.setup();
    assert_eq!(session["username"], "admin");
    assert!(
        session["permissions"]
            .as_array()
            .unwrap()
            .contains(&json!("manage_users"))
    );
    let status = ui.ok("app_status", None);
    assert_eq!(status["needsSetup"], false);
    assert_eq!(status["organisationName"], "องค์การบริหารส่วนตำบลแม่กรณ์");
    assert_eq!(status["session"]["username"], "admin");
    let again = ui.err("complete_setup", Some(json!({
        "organisation": { "name": "x", "shortName": "", "province": "", "district": "", "subdistrict": "", "address": "", "phone": "" },
        "admin": { "username": "other", "fullName": "x", "password": "password123" },
        "loadSampleData": false
    })));
    assert_eq!(again["code"], "setup_already_done");
}

#[test]
fn errors_arrive_as_code_message_and_details() {
    let ui = Ui::new();
    ui.setup();
    let err = ui.err(
        "create_division",
        Some(json!({ "name": "กองช่าง", "shortName": "" })),
    );
    assert_eq!(err["code"], "duplicate");
    assert_eq!(
        err["details"],
        json!({ "field": "name", "value": "กองช่าง" })
    );
    assert!(err["message"].as_str().unwrap().contains("already exists"));
    let err = ui.err(
        "create_division",
        Some(json!({ "name": "   ", "shortName": "" })),
    );
    assert_eq!(err["code"], "required");
    assert_eq!(err["details"]["field"], "name");
    let err = ui.err("create_division", Some(json!({ "shortName": "" })));
    assert!(
        err.is_string() || err.is_object(),
        "a malformed input is refused: {err}"
    );
}

#[test]
fn nothing_works_without_login_and_logout_ends_the_session() {
    let ui = Ui::new();
    ui.setup();
    ui.ok("logout", None);
    assert_eq!(ui.err("list_divisions", None)["code"], "not_logged_in");
    assert_eq!(ui.ok("current_session", None), Value::Null);
    let wrong = ui.login("admin", "wrong-password").unwrap_err();
    assert_eq!(wrong["code"], "invalid_credentials");
    ui.login("admin", "admin-password").unwrap();
    assert_eq!(ui.ok("list_divisions", None).as_array().unwrap().len(), 6);
}

#[test]
fn each_role_is_refused_what_it_may_not_do() {
    let ui = Ui::new();
    ui.setup();
    let division = json!({ "name": "กองใหม่", "shortName": "" });
    let person = json!({ "title": "นาย", "firstName": "ทดสอบ", "lastName": "ระบบ", "position": "", "divisionId": null, "phone": "" });
    let org = json!({ "name": "อบต.", "shortName": "", "province": "", "district": "", "subdistrict": "", "address": "", "phone": "" });
    // (user, command, input, refused with this permission or allowed when None)
    let cases: Vec<(&str, &str, Option<Value>, Option<&str>)> = vec![
        (
            "staff",
            "create_division",
            Some(division.clone()),
            Some("manage_divisions"),
        ),
        (
            "staff",
            "create_person",
            Some(person.clone()),
            Some("manage_staff"),
        ),
        (
            "staff",
            "list_audit",
            Some(
                json!({"from":null,"to":null,"userId":null,"entity":null,"text":null,"offset":0,"limit":10}),
            ),
            Some("view_audit_log"),
        ),
        (
            "head.works",
            "create_division",
            Some(division.clone()),
            Some("manage_divisions"),
        ),
        ("head.works", "list_users", None, Some("manage_users")),
        (
            "committee1",
            "update_organisation",
            Some(org.clone()),
            Some("manage_organisation"),
        ),
        ("officer", "list_users", None, Some("manage_users")),
        (
            "officer",
            "update_organisation",
            Some(org.clone()),
            Some("manage_organisation"),
        ),
        ("officer", "verify_audit", None, Some("view_audit_log")),
        (
            "officer",
            "set_logo",
            Some(json!({ "fileName": "logo.png", "dataBase64": ONE_PIXEL_PNG })),
            Some("manage_organisation"),
        ),
        ("officer", "remove_logo", None, Some("manage_organisation")),
        ("officer", "get_logo", None, None),
        ("officer", "create_division", Some(division.clone()), None),
        ("officer", "create_person", Some(person.clone()), None),
        ("mayor", "verify_audit", None, None),
        ("mayor", "list_users", None, Some("manage_users")),
        (
            "supplyhead",
            "list_audit",
            Some(
                json!({"from":null,"to":null,"userId":null,"entity":null,"text":null,"offset":0,"limit":10}),
            ),
            None,
        ),
        (
            "staff",
            "list_staff",
            Some(json!({"text":null,"divisionId":null,"includeInactive":false})),
            None,
        ),
    ];
    for (user, cmd, input, refused) in cases {
        ui.ok("logout", None);
        ui.login(user, "demo1234").unwrap();
        match (ui.call(cmd, input), refused) {
            (Err(e), Some(permission)) => {
                assert_eq!(e["code"], "permission_denied", "{user} {cmd}: {e}");
                assert_eq!(e["details"]["permission"], permission, "{user} {cmd}");
            }
            (Ok(_), None) => {}
            (result, expected) => {
                panic!("{user} {cmd}: expected refusal {expected:?}, got {result:?}")
            }
        }
    }
}

/// A one-pixel PNG.
const ONE_PIXEL_PNG: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

#[test]
fn the_administrator_sets_the_logo_and_a_file_that_is_no_image_is_refused_by_name() {
    let ui = Ui::new();
    ui.setup();
    assert_eq!(ui.ok("get_logo", None), Value::Null);
    assert_eq!(ui.ok("logo_data_url", None), Value::Null);
    let err = ui.err(
        "set_logo",
        Some(json!({ "fileName": "logo.docx", "dataBase64": "UEsDBBQAAAAIAA==" })),
    );
    assert_eq!(err["code"], "invalid_value");
    assert_eq!(err["details"]["field"], "logo");
    assert_eq!(ui.ok("get_logo", None), Value::Null);
    let stored = ui.ok(
        "set_logo",
        Some(json!({ "fileName": "logo.png", "dataBase64": ONE_PIXEL_PNG })),
    );
    assert_eq!(
        (stored["width"].as_u64(), stored["height"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(ui.ok("get_logo", None)["fileName"], "logo.png");
    let url = ui.ok("logo_data_url", None);
    assert!(url.as_str().unwrap().starts_with("data:image/png;base64,"));
    ui.ok("remove_logo", None);
    assert_eq!(ui.ok("get_logo", None), Value::Null);
}

#[test]
fn a_refused_call_changes_nothing() {
    let ui = Ui::new();
    ui.setup();
    let audit =
        json!({"from":null,"to":null,"userId":null,"entity":null,"text":null,"offset":0,"limit":1});
    let before = ui.ok("list_audit", Some(audit.clone()))["total"].clone();
    ui.ok("logout", None);
    ui.login("staff", "demo1234").unwrap();
    ui.err(
        "create_division",
        Some(json!({ "name": "กองลับ", "shortName": "" })),
    );
    ui.ok("logout", None);
    ui.login("admin", "admin-password").unwrap();
    let divisions = ui.ok("list_divisions", None);
    assert!(!divisions.to_string().contains("กองลับ"));
    let after = ui.ok("list_audit", Some(audit))["total"].clone();
    // Only the logins and logouts were recorded.
    assert_eq!(after.as_i64().unwrap(), before.as_i64().unwrap() + 4);
}

#[test]
fn changing_own_password_clears_the_must_change_flag_in_the_session() {
    let ui = Ui::new();
    ui.setup();
    let users = ui.ok("list_users", None);
    let officer = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["username"] == "officer")
        .unwrap();
    ui.ok(
        "reset_password",
        Some(json!({ "userId": officer["id"], "newPassword": "temporary-pass" })),
    );
    ui.ok("logout", None);
    let session = ui.login("officer", "temporary-pass").unwrap();
    assert_eq!(session["mustChangePassword"], true);
    ui.ok(
        "change_password",
        Some(json!({ "currentPassword": "temporary-pass", "newPassword": "my-own-password" })),
    );
    assert_eq!(ui.ok("current_session", None)["mustChangePassword"], false);
}

#[test]
fn only_supplies_officers_and_their_head_keep_the_register() {
    let ui = Ui::new();
    ui.setup();
    let computers = ui
        .ok("list_categories", None)
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["typeCode"] == "416")
        .unwrap()["id"]
        .clone();
    let new_asset = json!({
        "asset": {
            "code": "", "name": "เครื่องคอมพิวเตอร์", "brand": "", "model": "", "serialNo": "",
            "categoryId": computers, "unit": "เครื่อง", "acquiredOn": "2024-10-01", "documentNo": "",
            "acquisitionMethod": "", "fundingSource": "", "vendor": "", "unitPrice": 2500000,
            "usefulLifeYears": null, "divisionId": null, "locationId": null, "custodianId": null, "notes": ""
        },
        "count": 1
    });
    let query = json!({"text": null, "divisionId": null, "categoryId": null, "status": null, "locationId": null,
        "fiscalYear": null, "priceMin": null, "priceMax": null, "sort": "relevance", "descending": false, "offset": 0, "limit": 20});
    let before = ui.ok("list_assets", Some(query.clone()))["total"]
        .as_i64()
        .unwrap();
    // The rule (documented in roles.rs): the register is kept by the supplies officers and
    // the head of supplies only; division heads and everyone else may look.
    for (user, allowed) in [
        ("staff", false),
        ("head.works", false),
        ("mayor", false),
        ("committee1", false),
        ("officer", true),
        ("supplyhead", true),
    ] {
        ui.ok("logout", None);
        ui.login(user, "demo1234").unwrap();
        match ui.call("create_assets", Some(new_asset.clone())) {
            Ok(created) => {
                assert!(allowed, "{user} should not create assets");
                assert_eq!(
                    created[0]["code"].as_str().unwrap().len(),
                    "416-68-0001".len()
                );
            }
            Err(e) => {
                assert!(!allowed, "{user}: {e}");
                assert_eq!(e["code"], "permission_denied", "{user}");
                assert_eq!(e["details"]["permission"], "manage_register");
            }
        }
        assert!(
            ui.call("list_assets", Some(query.clone())).is_ok(),
            "{user} may look"
        );
        let inspect = ui.call(
            "import_inspect",
            Some(json!({"fileName": "x.csv", "dataBase64": "YSxi"})),
        );
        if !allowed {
            assert_eq!(
                inspect.unwrap_err()["code"],
                "permission_denied",
                "{user} may not import"
            );
        }
    }
    ui.ok("logout", None);
    ui.login("officer", "demo1234").unwrap();
    assert_eq!(
        ui.ok("list_assets", Some(query))["total"].as_i64().unwrap(),
        before + 2
    );
}

/// A division head looks after their division's items but does not keep the register:
/// every register write on one of their own items is refused, and the item is unchanged.
#[test]
fn a_division_head_may_not_change_the_register_even_for_their_own_division() {
    let ui = Ui::new();
    ui.setup();
    ui.as_user("officer");
    let item = ui.items_of("กองช่าง", 1).remove(0);
    let before = ui.ok("asset_detail", Some(item.clone()));
    let today = thai_today();
    let asset = &before["asset"];
    let edited = json!({
        "code": asset["code"], "name": "ชื่อใหม่", "brand": "", "model": "", "serialNo": "",
        "categoryId": asset["categoryId"], "unit": "", "acquiredOn": asset["acquiredOn"],
        "documentNo": "", "acquisitionMethod": "", "fundingSource": "", "vendor": "",
        "unitPrice": asset["unitPrice"], "usefulLifeYears": null, "divisionId": asset["divisionId"],
        "locationId": null, "custodianId": null, "notes": ""
    });
    let writes: Vec<(&str, Value)> = vec![
        ("update_asset", json!({ "id": item, "asset": edited })),
        (
            "change_asset_status",
            json!({ "assetId": item, "status": "damaged", "onDate": today, "documentNo": "", "reason": "ชำรุด" }),
        ),
        (
            "transfer_assets",
            json!({ "assetIds": [item], "divisionId": null, "locationId": null, "custodianId": null,
                    "onDate": today, "documentNo": "", "reason": "ย้าย" }),
        ),
        (
            "add_photo",
            json!({ "assetId": item, "fileName": "a.png", "dataBase64": ONE_PIXEL_PNG }),
        ),
        ("undo_import", json!(1)),
        (
            "create_category",
            json!({ "name": "ครุภัณฑ์ใหม่", "typeCode": "499", "usefulLifeYears": 5 }),
        ),
    ];
    ui.as_user("head.works");
    for (command, input) in writes {
        let err = ui.err(command, Some(input));
        assert_eq!(err["code"], "permission_denied", "{command}: {err}");
        assert_eq!(err["details"]["permission"], "manage_register", "{command}");
    }
    // They may still look at it, and it is as it was.
    assert_eq!(ui.ok("asset_detail", Some(item.clone())), before);
}

#[test]
fn asset_errors_name_the_field() {
    let ui = Ui::new();
    ui.setup();
    ui.ok("logout", None);
    ui.login("officer", "demo1234").unwrap();
    let bad = json!({
        "asset": {
            "code": "", "name": "  ", "brand": "", "model": "", "serialNo": "", "categoryId": null, "unit": "",
            "acquiredOn": null, "documentNo": "", "acquisitionMethod": "", "fundingSource": "", "vendor": "",
            "unitPrice": 0, "usefulLifeYears": null, "divisionId": null, "locationId": null, "custodianId": null, "notes": ""
        },
        "count": 1
    });
    let err = ui.err("create_assets", Some(bad));
    assert_eq!(err["code"], "required");
    assert_eq!(err["details"]["field"], "name");
}

fn request(borrower: &Value, items: &[Value]) -> Value {
    let today = thai_today();
    json!({
        "kind": "inside", "borrowerId": borrower, "agencyName": "", "agencyLetterNo": "",
        "purpose": "ใช้ในการประชุมประชาคมหมู่บ้าน", "placeOfUse": "ห้องประชุมสภา",
        "startsOn": today, "dueOn": today, "longLoanReason": "", "notes": "",
        "assetIds": items, "paperNo": "", "submit": true, "undertaking": true
    })
}

#[test]
fn borrowing_is_decided_and_handed_out_by_the_right_people_only() {
    let ui = Ui::new();
    ui.setup();
    ui.as_user("officer");
    let palad_items = ui.items_of("สำนักปลัด", 3);
    let staff_person = ui.person("กมลชนก วงศ์ไชย");
    let other_person = ui.person("สุรชัย คำแก้ว");
    let head_palad_person = ui.person("จันทร์เพ็ญ อินต๊ะ");
    let officer_person = ui.person("พิมพ์ชนก แก้วมูล");

    let no_filter = json!({"fiscalYear": null, "status": null, "overdue": false, "borrowerId": null, "assetId": null});
    let sample_loans = ui
        .ok("list_loans", Some(no_filter.clone()))
        .as_array()
        .unwrap()
        .len();

    // A viewer asks for themselves, not for someone else.
    ui.as_user("staff");
    let session = ui.ok("current_session", None);
    assert_eq!(session["personId"], staff_person);
    let denied = ui.err(
        "create_loan",
        Some(request(&other_person, &palad_items[..1])),
    );
    assert_eq!(denied["code"], "permission_denied");
    let loan = ui.ok(
        "create_loan",
        Some(request(&staff_person, &palad_items[..1])),
    );
    assert_eq!(loan["status"], "submitted");
    let id = loan["id"].clone();
    let decide = |approve: bool| json!({"loanId": id, "approve": approve, "reason": if approve { "" } else { "ไม่ใช่ราชการ" }});

    // Only the head of สำนักปลัด (or the agency head) decides; not the borrower, another
    // division's head or the officer. Each refusal leaves the loan as it was.
    for user in ["staff", "head.works", "officer", "admin"] {
        if user == "admin" {
            let _ = ui.call("logout", None);
            ui.login("admin", "admin-password").unwrap();
        } else {
            ui.as_user(user);
        }
        let before = ui.ok("loan_detail", Some(id.clone()));
        let e = ui.err("decide_loan", Some(decide(true)));
        assert_eq!(e["code"], "not_the_approver", "{user}: {e}");
        assert_eq!(ui.ok("loan_detail", Some(id.clone())), before, "{user}");
    }
    ui.as_user("head.palad");
    let inbox = ui.ok("approval_inbox", None);
    assert!(
        inbox
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["loan"]["id"] == id)
    );
    assert_eq!(
        ui.ok("dashboard", None)["awaitingMyDecision"],
        inbox.as_array().unwrap().len()
    );
    assert_eq!(
        ui.ok("decide_loan", Some(decide(true)))["status"],
        "approved"
    );
    let e = ui.err("decide_loan", Some(decide(false)));
    assert_eq!(e["code"], "invalid_transition");
    assert_eq!(e["details"]["status"], "approved");

    // Only supplies officers hand out.
    let hand_out = json!({"loanId": id, "items": [{"assetId": palad_items[0], "condition": "good"}], "receivedByName": "กมลชนก วงศ์ไชย"});
    for user in ["staff", "head.palad", "mayor"] {
        ui.as_user(user);
        let e = ui.err("hand_out", Some(hand_out.clone()));
        assert_eq!(e["code"], "permission_denied", "{user}");
        assert_eq!(e["details"]["permission"], "manage_loans");
    }
    ui.as_user("officer");
    let on_loan = ui.ok("dashboard", None)["itemsOnLoan"].as_u64().unwrap();
    assert_eq!(ui.ok("hand_out", Some(hand_out))["status"], "out");
    assert_eq!(ui.ok("dashboard", None)["itemsOnLoan"], on_loan + 1);
    // Returning an item that was not handed out is refused by name.
    let e = ui.err(
        "return_items",
        Some(json!({"loanId": id, "items": [{"assetId": palad_items[1], "condition": "good", "notes": ""}], "returnedByName": "x"})),
    );
    assert_eq!(e["code"], "invalid_value");

    // The head of สำนักปลัด borrows from her own division: she cannot approve it.
    let own = ui.ok(
        "create_loan",
        Some(request(&head_palad_person, &palad_items[1..2])),
    );
    ui.as_user("head.palad");
    let e = ui.err(
        "decide_loan",
        Some(json!({"loanId": own["id"], "approve": true, "reason": ""})),
    );
    assert_eq!(e["code"], "separation_of_duties");
    assert_eq!(e["details"]["rule"], "approver_is_borrower");
    ui.as_user("mayor");
    ui.ok(
        "decide_loan",
        Some(json!({"loanId": own["id"], "approve": true, "reason": ""})),
    );

    // The officer borrows: she cannot hand it to herself; the second officer can.
    ui.as_user("officer");
    let mine = ui.ok(
        "create_loan",
        Some(request(&officer_person, &palad_items[2..3])),
    );
    ui.as_user("head.palad");
    ui.ok(
        "decide_loan",
        Some(json!({"loanId": mine["id"], "approve": true, "reason": ""})),
    );
    let give = json!({"loanId": mine["id"], "items": [{"assetId": palad_items[2], "condition": "good"}], "receivedByName": "พิมพ์ชนก แก้วมูล"});
    ui.as_user("officer");
    let e = ui.err("hand_out", Some(give.clone()));
    assert_eq!(e["details"]["rule"], "officer_is_borrower");
    ui.as_user("officer2");
    assert_eq!(ui.ok("hand_out", Some(give))["status"], "out");

    // Chasing overdue loans and settling compensation belong to the officers too.
    ui.as_user("head.palad");
    let e = ui.err(
        "record_follow_up",
        Some(json!({"loanId": id, "onDate": thai_today(), "letterNo": "1", "method": "letter", "notes": ""})),
    );
    assert_eq!(e["details"]["permission"], "manage_loans");
    // Everyone may read the loan register (ITA evidence).
    ui.as_user("staff");
    let all = ui.ok("list_loans", Some(no_filter));
    assert_eq!(all.as_array().unwrap().len(), sample_loans + 3);
}

#[test]
fn anyone_prints_a_loan_slip_but_only_officers_change_print_settings() {
    let ui = Ui::new();
    ui.setup();
    let folder = tempfile::tempdir().unwrap();
    let folder_text = folder.path().display().to_string();

    // A viewer prints the slip of a sample loan into the chosen folder.
    ui.as_user("staff");
    let loans = ui.ok(
        "list_loans",
        Some(json!({"fiscalYear": null, "status": null, "overdue": false, "borrowerId": null, "assetId": null})),
    );
    let loan = loans.as_array().unwrap()[0]["id"].clone();
    let saved = ui.ok(
        "print_loan_slip",
        Some(json!({"loanId": loan, "folder": folder_text})),
    );
    let path = std::path::PathBuf::from(saved["path"].as_str().unwrap());
    assert!(path.starts_with(folder.path()), "{path:?}");
    assert_eq!(path.extension().unwrap(), "pdf");
    assert!(std::fs::read(&path).unwrap().starts_with(b"%PDF"));

    // A folder that cannot be written (here a file stands where it should be) is named
    // in the refusal, and nothing is left behind.
    let blocked = folder.path().join("not-a-folder");
    std::fs::write(&blocked, b"a file").unwrap();
    let e = ui.err(
        "print_loan_slip",
        Some(json!({"loanId": loan, "folder": blocked.join("pdf").display().to_string()})),
    );
    assert_eq!(e["code"], "folder_not_writable");
    assert!(
        e["details"]["path"]
            .as_str()
            .unwrap()
            .ends_with("not-a-folder/pdf"),
        "{e}"
    );
    assert_eq!(std::fs::read(&blocked).unwrap(), b"a file");
    assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 2);

    // ... reads the print settings, but may not change them.
    let settings = ui.ok("get_print_settings", None);
    let mut changed = settings.clone();
    changed["thaiDigits"] = json!(true);
    let e = ui.err("update_print_settings", Some(changed));
    assert_eq!(e["code"], "permission_denied");
    assert_eq!(e["details"]["permission"], "manage_register");

    // An officer's offset that pushes labels off the sheet is refused by field name and
    // changes nothing.
    ui.as_user("officer");
    let presets = ui.ok("label_presets", None);
    let mut stock = presets
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["preset"] == "a4-2x7")
        .unwrap()
        .clone();
    stock["offsetXMm"] = json!(6.0);
    let mut bad = settings.clone();
    bad["department"] = json!("กองคลัง");
    bad["labelStock"] = stock.clone();
    let e = ui.err("update_print_settings", Some(bad));
    assert_eq!(e["code"], "invalid_value");
    assert_eq!(e["details"]["field"], "labelStock.offsetXMm");
    assert_eq!(ui.ok("get_print_settings", None), settings);
    // The same stock is refused for a calibration page too, before anything is saved.
    let e = ui.err(
        "print_label_calibration",
        Some(json!({"stock": stock, "folder": folder_text})),
    );
    assert_eq!(e["details"]["field"], "labelStock.offsetXMm");
    assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 2);

    // A fitting change is kept.
    stock["offsetXMm"] = json!(-2.0);
    let mut good = settings.clone();
    good["labelStock"] = stock;
    let saved = ui.ok("update_print_settings", Some(good));
    assert_eq!(saved["labelStock"]["offsetXMm"], -2.0);
    assert_eq!(ui.ok("get_print_settings", None), saved);
}

/// Every refusal of ข้อ ๒๐๗–๒๑๒ arrives as a coded error naming the problem, and the
/// register is exactly as it was: no loan made, the refused loan unchanged.
#[test]
fn bad_loan_requests_are_refused_by_name_and_change_nothing() {
    let ui = Ui::new();
    ui.setup();
    ui.as_user("officer");
    let items = ui.items_of("สำนักปลัด", 6);
    let items = &items[3..];
    let borrower = ui.person("กมลชนก วงศ์ไชย");
    let no_filter = json!({"fiscalYear": null, "status": null, "overdue": false, "borrowerId": null, "assetId": null});
    let count = |ui: &Ui| {
        ui.ok("list_loans", Some(no_filter.clone()))
            .as_array()
            .unwrap()
            .len()
    };
    let before = count(&ui);
    let today = chrono::NaiveDate::parse_from_str(&thai_today(), "%Y-%m-%d").unwrap();
    let day = |n: i64| (today + chrono::Duration::days(n)).to_string();

    let mut due_first = request(&borrower, &items[..1]);
    due_first["startsOn"] = json!(day(3));
    due_first["dueOn"] = json!(day(1));
    let e = ui.err("create_loan", Some(due_first));
    assert_eq!(e["details"]["field"], "dueOn", "{e}");

    let e = ui.err("create_loan", Some(request(&borrower, &[])));
    assert_eq!(e["details"]["field"], "assetIds", "{e}");

    let mut too_long = request(&borrower, &items[..1]);
    too_long["dueOn"] = json!(day(60));
    let e = ui.err("create_loan", Some(too_long.clone()));
    assert_eq!(e["details"]["field"], "longLoanReason", "{e}");
    assert_eq!(count(&ui), before, "no loan was made by a refused request");
    too_long["longLoanReason"] = json!("ใช้ตลอดโครงการ");
    let long = ui.ok("create_loan", Some(too_long));

    // Once approved the item is promised to that loan (a request waiting for a decision
    // does not block another): a second request for overlapping days names both.
    ui.as_user("head.palad");
    let approved = ui.ok(
        "decide_loan",
        Some(json!({"loanId": long["id"], "approve": true, "reason": ""})),
    );
    assert_eq!(approved["status"], "approved");
    ui.as_user("officer");
    let e = ui.err("create_loan", Some(request(&borrower, &items[..1])));
    assert_eq!(e["code"], "asset_not_available", "{e}");
    assert!(
        e.to_string().contains(long["loanNo"].as_str().unwrap()),
        "{e}"
    );

    // A rejected request cannot be handed out, nor decided again.
    let other = ui.ok("create_loan", Some(request(&borrower, &items[1..2])));
    ui.as_user("head.palad");
    let rejected = ui.ok(
        "decide_loan",
        Some(json!({"loanId": other["id"], "approve": false, "reason": "ไม่ใช่งานราชการ"})),
    );
    assert_eq!(rejected["status"], "rejected");
    let e = ui.err(
        "decide_loan",
        Some(json!({"loanId": other["id"], "approve": true, "reason": ""})),
    );
    assert_eq!(e["code"], "invalid_transition");
    ui.as_user("officer");
    let as_it_was = ui.ok("loan_detail", Some(other["id"].clone()));
    let e = ui.err(
        "hand_out",
        Some(json!({"loanId": other["id"], "items": [{"assetId": items[1], "condition": "good"}], "receivedByName": "กมลชนก วงศ์ไชย"})),
    );
    assert_eq!(e["code"], "invalid_transition", "{e}");
    assert_eq!(ui.ok("loan_detail", Some(other["id"].clone())), as_it_was);
    assert_eq!(count(&ui), before + 2);
}
