//! Phatsadu's desktop shell: a Tauri window over `phatsadu-core`.
//!
//! The shell only unpacks IPC calls, finds the logged-in user, calls one core operation
//! and maps the error (see `commands`). It holds the open register and the session in
//! [`state::AppState`]. Bindings for the UI are generated from the same Rust types
//! (`bindings`).

pub mod awake;
pub mod door;
pub mod files;
pub mod host;
pub mod remote;
pub mod state;

use phatsadu_api::ApiResult;
use phatsadu_core::DataDir;
use tauri::Manager;

use crate::state::AppState;

/// The one IPC command: runs the named operation of `phatsadu_api`'s list with its
/// input — here, or on the office host this PC is paired with (then the UI's `key` makes
/// a retried write happen once). Every operation reaches the UI through here, as every
/// one reaches a browser through the server's single route, so the doors cannot differ.
#[tauri::command]
async fn call<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    operation: String,
    input: Option<serde_json::Value>,
    key: Option<String>,
) -> ApiResult<serde_json::Value> {
    let input = input.unwrap_or_default();
    let kind = phatsadu_api::operation(&operation).map(|op| op.kind);
    let remote = app.state::<AppState>().office.current();
    if let (Some(remote), Some(kind)) = (remote, kind)
        && kind != phatsadu_api::Kind::Local
    {
        return remote.forward(&operation, input, kind, key).await;
    }
    // The register's operations block (SQLite, PDF layout): off the async runtime.
    tauri::async_runtime::spawn_blocking(move || {
        phatsadu_api::run(app.state::<AppState>().inner(), &operation, input)
    })
    .await
    .map_err(|e| phatsadu_api::ApiError::new("internal", e.to_string(), serde_json::Value::Null))?
}

/// Registers the IPC command on `builder` (the real app and the IPC tests share this).
pub fn with_commands<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.invoke_handler(tauri::generate_handler![call])
}

/// Starts the desktop app.
pub fn run() {
    let data_dir = DataDir::resolve(None).unwrap_or_else(|e| {
        eprintln!("phatsadu: {e}; using ./phatsadu-data");
        DataDir::at("phatsadu-data")
    });
    // One window per register file: a second start on the same data directory focuses the
    // first window; another data directory (e.g. a test's) may run alongside.
    let single_instance = tauri_plugin_single_instance::Builder::new()
        .dbus_id(format!("th.phatsadu.desktop.r{}", data_dir.instance_key()))
        .callback(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        })
        .build();
    // How long each stage of a start takes goes to the log: "the program is slow to open"
    // is then a question the diagnostics zip answers (and the start-up benchmark reads it).
    let begun = std::time::Instant::now();
    let since = move || u64::try_from(begun.elapsed().as_millis()).unwrap_or(u64::MAX);
    phatsadu_api::logging::start(data_dir.root(), "desktop");
    let state = AppState::open(data_dir);
    tracing::info!(ms = since(), "register opened");
    let first_status = first_status_script(&state);
    let mut builder = with_commands(tauri::Builder::default()).plugin(single_instance);
    if let Some(script) = first_status {
        builder = builder.plugin(
            tauri::plugin::Builder::<tauri::Wry>::new("first-status")
                .js_init_script(script)
                .build(),
        );
    }
    let app = builder
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .setup(move |app| {
            tracing::info!(ms = since(), "window set up");
            start_host_if_on(&app.state::<AppState>());
            Ok(())
        })
        .on_page_load(move |_, payload| {
            let stage = match payload.event() {
                tauri::webview::PageLoadEvent::Started => "page started",
                tauri::webview::PageLoadEvent::Finished => "page loaded",
            };
            tracing::info!(ms = since(), "{stage}");
        })
        .on_window_event(ask_before_closing_while_clients_connected)
        .build(tauri::generate_context!());
    match app {
        Ok(app) => app.run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                app.state::<AppState>().host.stop();
            }
        }),
        Err(e) => {
            eprintln!("phatsadu: the window could not start: {e}");
            std::process::exit(1);
        }
    }
}

/// A script that hands the page the status its first screen needs (login, setup, or why the
/// register would not open), answered here before the window exists. Asking over the IPC
/// instead was the page's one wait on the program at start (25–45 ms on the start-up
/// benchmark, the web view's channel opening). Only the first page of a start takes it: a
/// reload (sessionStorage outlives it) asks afresh, since setup or a login may have changed
/// the answer. None on a PC paired with the office host, whose status comes from the host.
fn first_status_script(state: &AppState) -> Option<String> {
    if state.office.current().is_some() {
        return None;
    }
    let status = phatsadu_api::run(state, "app_status", serde_json::Value::Null).ok()?;
    // JSON is a JavaScript expression as it stands.
    let status = serde_json::to_string(&status).ok()?;
    Some(format!(
        "try {{ if (!sessionStorage.getItem(\"phatsadu.firstStatus\")) {{ \
         sessionStorage.setItem(\"phatsadu.firstStatus\", \"taken\"); \
         window.__phatsaduFirstStatus = Promise.resolve({status}); }} }} catch (e) {{}}"
    ))
}

/// Serves the office network at launch when an administrator turned host mode on.
fn start_host_if_on(state: &AppState) {
    let Ok(register) = state.shared_register() else {
        return;
    };
    match register.network_settings_at_start() {
        Ok(settings) if settings.host_enabled => {
            state
                .host
                .apply(register, state.data_dir().root(), &settings);
        }
        Ok(_) => {}
        Err(e) => eprintln!("phatsadu: the host setting could not be read: {e}"),
    }
}

/// Closing the window of a PC that serves other devices cuts them off mid-work: while
/// any is connected, ask first (in Thai; the buttons say what they do).
fn ask_before_closing_while_clients_connected(window: &tauri::Window, event: &tauri::WindowEvent) {
    use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};
    let tauri::WindowEvent::CloseRequested { api, .. } = event else {
        return;
    };
    let connected = window.state::<AppState>().host.connections();
    if connected == 0 {
        return;
    }
    api.prevent_close();
    let closing = window.clone();
    window
        .dialog()
        .message(format!(
            "เครื่องนี้เป็นเครื่องแม่ข่ายของทะเบียนพัสดุ และมีอุปกรณ์อื่นเชื่อมต่ออยู่ {connected} การเชื่อมต่อ \
             หากปิดโปรแกรม ผู้ที่ใช้งานจากเครื่องอื่นจะทำงานต่อไม่ได้จนกว่าจะเปิดโปรแกรมอีกครั้ง"
        ))
        .title("ปิดโปรแกรมพัสดุ?")
        .kind(MessageDialogKind::Warning)
        .buttons(MessageDialogButtons::OkCancelCustom(
            "ปิดโปรแกรม".into(),
            "ยังไม่ปิด".into(),
        ))
        .show(move |close| {
            if close {
                closing.state::<AppState>().host.stop();
                let _ = closing.destroy();
            }
        });
}
