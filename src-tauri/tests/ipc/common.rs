//! The shell as the UI calls it, on Tauri's mock runtime, shared by the IPC tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use phatsadu_app::state::AppState;
use phatsadu_app::with_commands;
use phatsadu_core::{DataDir, Register};
use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder, mock_context, noop_assets,
};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

/// A window of the app over an in-memory register (or the state given).
pub struct Ui {
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
}

impl Ui {
    pub fn new() -> Self {
        let register = Register::open_in_memory().unwrap();
        Self::with_state(AppState::with_register(
            register,
            DataDir::at("/nonexistent/test"),
        ))
    }

    pub fn with_state(state: AppState) -> Self {
        let app = with_commands(mock_builder())
            .manage(state)
            .build(mock_context(noop_assets()))
            .unwrap();
        let window = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        Self { _app: app, window }
    }

    /// Calls a command the way the UI does; `Ok` is the JSON result, `Err` the error object.
    pub fn call(&self, cmd: &str, input: Option<Value>) -> Result<Value, Value> {
        // The UI's `call` sends every operation through the one IPC command.
        let body = match input {
            Some(input) => json!({ "operation": cmd, "input": input }),
            None => json!({ "operation": cmd }),
        };
        get_ipc_response(
            &self.window,
            InvokeRequest {
                cmd: "call".into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: "tauri://localhost".parse().unwrap(),
                body: InvokeBody::Json(body),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|body| body.deserialize::<Value>().unwrap())
    }

    pub fn ok(&self, cmd: &str, input: Option<Value>) -> Value {
        self.call(cmd, input)
            .unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }

    pub fn err(&self, cmd: &str, input: Option<Value>) -> Value {
        match self.call(cmd, input) {
            Ok(v) => panic!("{cmd} should have failed, got {v}"),
            Err(e) => e,
        }
    }

    pub fn setup(&self) -> Value {
        self.ok(
            "complete_setup",
            Some(json!({
                "organisation": {
                    "name": "องค์การบริหารส่วนตำบลแม่กรณ์", "shortName": "อบต.แม่กรณ์",
                    "province": "เชียงราย", "district": "เมืองเชียงราย", "subdistrict": "แม่กรณ์",
                    "address": "", "phone": ""
                },
                "admin": { "username": "admin", "fullName": "ผู้ดูแลระบบ", "password": "admin-password" },
                "loadSampleData": true
            })),
        )
    }

    pub fn login(&self, username: &str, password: &str) -> Result<Value, Value> {
        self.call(
            "login",
            Some(json!({ "username": username, "password": password })),
        )
    }
}

/// Today in Thailand, as the register's clock sees it.
pub fn thai_today() -> String {
    (chrono::Utc::now() + chrono::Duration::hours(7))
        .date_naive()
        .to_string()
}

impl Ui {
    pub fn as_user(&self, user: &str) {
        let _ = self.call("logout", None);
        self.login(user, "demo1234").unwrap();
    }

    /// Ids of `n` usable items held by the division called `division`.
    pub fn items_of(&self, division: &str, n: usize) -> Vec<Value> {
        let id = self
            .ok("list_divisions", None)
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["name"] == division)
            .unwrap()["id"]
            .clone();
        let query = json!({"text": null, "divisionId": id, "categoryId": null, "status": "in_use", "locationId": null,
            "fiscalYear": null, "priceMin": null, "priceMax": null, "sort": "code", "descending": false, "offset": 0, "limit": 50});
        self.ok("list_assets", Some(query))["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].clone())
            // Skip what the sample loans already lend out or reserve.
            .filter(|id| {
                self.ok("list_loans", Some(json!({"fiscalYear": null, "status": null, "overdue": false, "borrowerId": null, "assetId": id})))
                    .as_array()
                    .unwrap()
                    .is_empty()
            })
            .take(n)
            .collect()
    }

    /// The staff-directory id of the person called `first last`.
    pub fn person(&self, name: &str) -> Value {
        let (first, last) = name.split_once(' ').unwrap();
        self.ok(
            "list_staff",
            Some(json!({"text": null, "divisionId": null, "includeInactive": false})),
        )
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["firstName"] == first && p["lastName"] == last)
        .unwrap()["id"]
            .clone()
    }
}
