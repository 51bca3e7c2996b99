// Hide the console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// Every Rust allocation of the app goes through mimalloc (see the workspace's Cargo.toml
/// for why); the web view keeps its own.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    phatsadu_app::run();
}
