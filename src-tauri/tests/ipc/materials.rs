//! Materials through the IPC, as the UI calls them: the supplies staff keep the catalogue
//! and the cards; a division head and a viewer may read them but change nothing; an
//! issue beyond the balance and one to the officer's own name are refused.

use crate::common::{Ui, thai_today};
use serde_json::{Value, json};

fn office_type(ui: &Ui) -> Value {
    ui.ok("list_material_types", None)
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "วัสดุสำนักงาน")
        .unwrap()["id"]
        .clone()
}

fn paper(type_id: &Value) -> Value {
    json!({ "code": "ว-IPC-01", "name": "กระดาษ A4 80 แกรม", "unit": "รีม", "divisible": false,
            "typeId": type_id, "locationId": null, "minimum": 5000, "notes": "" })
}

#[test]
fn the_supplies_staff_keep_the_cards_and_others_only_read_them() {
    let ui = Ui::new();
    ui.setup();
    let today = thai_today();

    // Others may look, not keep.
    ui.as_user("head.works");
    let type_id = office_type(&ui);
    assert_eq!(
        ui.err("create_material", Some(paper(&type_id)))["code"],
        "permission_denied"
    );
    ui.as_user("staff");
    assert_eq!(
        ui.err("create_material", Some(paper(&type_id)))["code"],
        "permission_denied"
    );

    // The officer: a material, a receipt of two lots, an issue across both.
    ui.as_user("officer");
    let material = ui.ok("create_material", Some(paper(&type_id)));
    let id = material["id"].clone();
    let receipt = |price: i64, quantity: i64| {
        json!({ "receivedOn": today, "documentNo": "ตร.1/2569", "vendor": "หจก.เครื่องเขียน",
                "notes": "", "lines": [{ "materialId": id, "quantity": quantity, "unitPrice": price }] })
    };
    ui.ok("receive_materials", Some(receipt(11_000, 10_000)));
    ui.ok("receive_materials", Some(receipt(11_550, 20_000)));
    let works = ui
        .ok("list_divisions", None)
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "กองช่าง")
        .unwrap()["id"]
        .clone();
    let issue = |requester: Value, quantity: i64| {
        json!({ "requisitionNo": "บ.1/2569", "divisionId": works, "requesterId": requester,
                "onDate": today, "lines": [{ "materialId": id, "quantity": quantity }] })
    };
    let someone = ui.person("ธนากร ปัญญาดี");
    let issued = ui.ok(
        "issue_paper_requisition",
        Some(issue(someone.clone(), 15_000)),
    );
    let portions = issued[0]["portions"].as_array().unwrap();
    assert_eq!(portions.len(), 2);
    assert_eq!(
        (portions[0]["value"].as_i64(), portions[1]["value"].as_i64()),
        (Some(110_000), Some(57_750))
    );
    let beyond = ui.err("issue_paper_requisition", Some(issue(someone, 16_000)));
    assert_eq!(beyond["code"], "not_enough_stock", "{beyond}");
    assert_eq!(beyond["details"]["available"], "15");
    // Not to the officer's own name.
    let own = ui.ok("current_session", None)["personId"].clone();
    assert!(!own.is_null(), "the demo officer is in the staff directory");
    let to_self = ui.err("issue_paper_requisition", Some(issue(own, 1_000)));
    assert_eq!(
        to_self["details"]["rule"], "issuer_is_requester",
        "{to_self}"
    );

    // A division head reads the card and the balances.
    ui.as_user("head.works");
    let card = ui.ok(
        "stock_card",
        Some(json!({ "materialId": id, "from": today, "to": today })),
    );
    assert_eq!(card["entries"].as_array().unwrap().len(), 3);
    assert_eq!(card["entries"][2]["balance"], 15_000);
    let balances = ui.ok("material_balances", Some(json!(today)));
    let row = balances
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["materialId"] == id)
        .unwrap();
    assert_eq!(row["value"], 173_250);
    assert_eq!(
        ui.err("close_materials_period", Some(json!(today)))["code"],
        "permission_denied"
    );
}

#[test]
fn a_requisition_goes_from_the_staff_to_their_head_to_supplies_and_is_issued_in_part() {
    let ui = Ui::new();
    ui.setup();
    let today = thai_today();
    ui.as_user("officer");
    let type_id = office_type(&ui);
    let id = ui.ok("create_material", Some(paper(&type_id)))["id"].clone();
    ui.ok(
        "receive_materials",
        Some(
            json!({ "receivedOn": today, "documentNo": "ตร.2/2569", "vendor": "", "notes": "",
                     "lines": [{ "materialId": id, "quantity": 30_000, "unitPrice": 11_000 }] }),
        ),
    );
    // The staff member (สำนักปลัด) asks for herself; more than the card holds is refused.
    ui.as_user("staff");
    let ask = |quantity: i64| {
        json!({ "requesterId": null, "divisionId": null, "purpose": "ใช้พิมพ์เอกสารประชุมสภา",
                "lines": [{ "materialId": id, "quantity": quantity, "note": "" }] })
    };
    let beyond = ui.err("create_requisition", Some(ask(31_000)));
    assert_eq!(beyond["code"], "not_enough_stock", "{beyond}");
    let asked = ui.ok("create_requisition", Some(ask(10_000)));
    let rid = asked["id"].clone();
    assert_eq!(asked["status"], "submitted");
    assert_eq!(asked["divisionName"], "สำนักปลัด");
    // Another division's head may not sign it; the page names who may.
    ui.as_user("head.works");
    let sign = json!({ "requisitionId": rid, "approve": true, "reason": "" });
    let wrong = ui.err("endorse_requisition", Some(sign.clone()));
    assert_eq!(wrong["code"], "not_the_approver", "{wrong}");
    ui.as_user("head.palad");
    let view = ui.ok("requisition", Some(rid.clone()));
    assert_eq!(view["steps"]["endorse"], true);
    assert_eq!(
        ui.ok("endorse_requisition", Some(sign))["status"],
        "endorsed"
    );
    // The head of supplies cuts it to 6 with a note.
    ui.as_user("supplyhead");
    let approved = ui.ok(
        "approve_requisition",
        Some(
            json!({ "requisitionId": rid, "approve": true, "reason": "คงเหลือสำหรับกองอื่น",
                     "cuts": [{ "lineNo": 1, "quantity": 6_000 }] }),
        ),
    );
    assert_eq!(approved["lines"][0]["approved"], 6_000);
    // A viewer cannot issue; the officer issues 4 now.
    ui.as_user("staff");
    let give = |quantity: i64| {
        json!({ "requisitionId": rid, "onDate": today, "receivedBy": null,
                "lines": [{ "lineNo": 1, "quantity": quantity }] })
    };
    assert_eq!(
        ui.err("issue_requisition", Some(give(4_000)))["code"],
        "permission_denied"
    );
    ui.as_user("officer");
    let part = ui.ok("issue_requisition", Some(give(4_000)));
    assert_eq!(part["status"], "partly_issued");
    assert_eq!(part["issuedValue"], 44_000);
    let waiting = ui.ok(
        "list_requisitions",
        Some(json!({ "statuses": [], "divisionId": null, "waitingForMe": true, "mine": false })),
    );
    assert!(
        waiting.as_array().unwrap().iter().any(|r| r["id"] == rid),
        "the rest waits for the officer: {waiting}"
    );
}
