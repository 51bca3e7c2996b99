//! The problem report through the IPC: a zip with the program's version, the register's
//! health and the day's log — which names the operations that ran and the codes of those
//! refused, and holds no password, no name typed into the register, and not the register.

use std::io::Read;

use crate::common::Ui;
use phatsadu_app::state::AppState;
use phatsadu_core::DataDir;
use serde_json::json;

#[test]
fn the_problem_report_says_how_things_are_and_nothing_personal() {
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::at(dir.path().join("data"));
    phatsadu_api::logging::start(data.root(), "test");
    let ui = Ui::with_state(AppState::open(data.clone()));
    ui.setup();
    ui.ok(
        "create_division",
        Some(json!({ "name": "กองสวัสดิการสังคมทดสอบ", "shortName": "" })),
    );
    let refused = ui.err(
        "create_division",
        Some(json!({ "name": "กองสวัสดิการสังคมทดสอบ", "shortName": "" })),
    );
    assert_eq!(refused["code"], "duplicate");
    let folder = tempfile::tempdir().unwrap();
    let saved = ui.ok(
        "save_diagnostics",
        Some(json!({ "folder": folder.path().display().to_string() })),
    );
    let path = saved["path"].as_str().unwrap();
    assert!(path.ends_with(".zip"), "{path}");

    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut everything = String::new();
    let mut names = Vec::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        names.push(file.name().unwrap().to_string());
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        everything.push_str(&text);
    }
    assert!(names.contains(&"about.json".to_owned()), "{names:?}");
    assert!(
        names.iter().any(|n| n.starts_with("logs/phatsadu")),
        "{names:?}"
    );
    assert!(
        !names.iter().any(|n| n.ends_with(".sqlite")),
        "never the register"
    );

    let about: serde_json::Value = {
        let mut text = String::new();
        zip.by_name("about.json")
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        serde_json::from_str(&text).unwrap()
    };
    assert_eq!(about["register"]["integrity"], "ok");
    assert_eq!(about["register"]["auditOk"], true);
    assert_eq!(
        about["register"]["schemaVersion"],
        about["register"]["programSchemaVersion"]
    );
    // The log says what ran and what was refused…
    assert!(
        everything.contains("operation=\"create_division\""),
        "{everything}"
    );
    assert!(everything.contains("code=duplicate"), "{everything}");
    // …and never what was typed.
    for secret in ["admin-password", "กองสวัสดิการสังคมทดสอบ", "demo1234"]
    {
        assert!(!everything.contains(secret), "{secret} is in the report");
    }
}
