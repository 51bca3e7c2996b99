//! The floor of the start-up and memory benchmark (`scripts/bench-startup.sh`): the least a
//! Tauri window built in this workspace can be. The same `tauri` crate with the same features
//! as the app (this is an example of the app's package, so nothing new enters Cargo.lock),
//! one window of the app's size, and a static page with one heading
//! (`examples/floor/page/index.html`) embedded and served the way the app's UI is — but no
//! plugins, no register, no IPC command and no UI framework. What the app costs above this
//! is what the app itself adds.
//!
//! Build: `cargo build --release -p phatsadu-app --example floor_window`; the benchmark
//! drives it through WebKitWebDriver and waits for `[data-testid=floor-ready]`.

// As the app's main.rs: no console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// The app's allocator (src-tauri/src/main.rs), so that its choice is not part of the
/// difference the benchmark measures.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // The floor's own configuration (window, identifier, the page as frontendDist) rather
    // than the app's tauri.conf.json, which would embed the whole UI.
    let context = tauri::generate_context!("examples/floor/tauri.conf.json");
    // The same stages the app logs ("window set up", "page started", "page loaded"), on
    // stderr, so the two starts can be compared stage by stage.
    let begun = std::time::Instant::now();
    let stage =
        move |name: &str| eprintln!("floor_window: {name} ms={}", begun.elapsed().as_millis());
    let built = tauri::Builder::default()
        .setup(move |_| {
            stage("window set up");
            Ok(())
        })
        .on_page_load(move |_, payload| {
            stage(match payload.event() {
                tauri::webview::PageLoadEvent::Started => "page started",
                tauri::webview::PageLoadEvent::Finished => "page loaded",
            })
        });
    if let Err(e) = built.run(context) {
        eprintln!("floor_window: the window could not start: {e}");
        std::process::exit(1);
    }
}
