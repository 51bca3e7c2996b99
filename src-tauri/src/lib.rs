//! Phatsadu's desktop shell: a Tauri window over `phatsadu-core`.
//!
//! The shell only unpacks IPC calls, finds the logged-in user, calls one core operation
//! and maps the error (see `commands`). It holds the open register and the session in
//! [`state::AppState`]. Bindings for the UI are generated from the same Rust types
//! (`bindings`).

pub mod bindings;
pub mod commands;
pub mod error;
pub mod files;
pub mod state;

use phatsadu_core::DataDir;
use tauri::Manager;

use crate::state::AppState;

/// Declares the command list once: the IPC handler, and the names the tests compare with
/// the bindings.
macro_rules! app_commands {
    ($($module:ident :: $name:ident),* $(,)?) => {
        /// Every command's name, in registration order.
        pub const COMMAND_NAMES: &[&str] = &[$(stringify!($name)),*];

        /// Registers every command on `builder` (the real app and the IPC tests share this).
        pub fn with_commands<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
            builder.invoke_handler(tauri::generate_handler![$(commands::$module::$name),*])
        }
    };
}

app_commands![
    session::app_status,
    session::complete_setup,
    session::login,
    session::logout,
    session::current_session,
    session::change_password,
    organisation::get_organisation,
    organisation::update_organisation,
    organisation::get_logo,
    organisation::logo_data_url,
    organisation::set_logo,
    organisation::remove_logo,
    organisation::get_settings,
    organisation::update_settings,
    structure::list_divisions,
    structure::create_division,
    structure::update_division,
    structure::list_locations,
    structure::create_location,
    structure::update_location,
    staff::list_staff,
    staff::create_person,
    staff::update_person,
    users::list_users,
    users::create_user,
    users::update_user,
    users::reset_password,
    audit::list_audit,
    audit::verify_audit,
    assets::list_categories,
    assets::create_category,
    assets::update_category,
    assets::get_register_settings,
    assets::update_register_settings,
    assets::list_search_synonyms,
    assets::update_search_synonyms,
    assets::register_summary,
    assets::list_assets,
    assets::asset_detail,
    assets::create_assets,
    assets::update_asset,
    assets::change_asset_status,
    assets::transfer_assets,
    assets::next_asset_code,
    assets::add_photo,
    assets::remove_photo,
    assets::photo_data_url,
    register_io::import_inspect,
    register_io::import_dry_run,
    register_io::import_commit,
    register_io::list_import_batches,
    register_io::undo_import,
    register_io::export_assets,
    register_io::save_refused_rows,
    register_io::default_folder,
    register_io::open_path,
    loans::create_loan,
    loans::update_loan,
    loans::submit_loan,
    loans::cancel_loan,
    loans::decide_loan,
    loans::hand_out,
    loans::return_items,
    loans::withdraw_items,
    loans::record_follow_up,
    loans::decide_compensation,
    loans::open_compensation_cases,
    loans::list_loans,
    loans::loan_detail,
    loans::loan_steps,
    loans::check_loan_items,
    loans::approval_inbox,
    loans::dashboard,
    loans::overdue_loans,
    loans::list_delegations,
    loans::delegation_candidates,
    loans::create_delegation,
    loans::revoke_delegation,
    loans::get_loan_settings,
    loans::update_loan_settings,
    loans::export_loans,
    printing::print_loan_slip,
    printing::print_follow_up_letter,
    printing::print_asset_register_sheet,
    printing::print_category_register_sheets,
    printing::print_asset_labels,
    printing::print_label_calibration,
    printing::print_asset_list,
    printing::print_loan_register,
    printing::get_print_settings,
    printing::update_print_settings,
    printing::label_presets,
    checks::propose_annual_round,
    checks::create_round,
    checks::update_round,
    checks::open_round,
    checks::cancel_round,
    checks::list_rounds,
    checks::check_round,
    checks::round_lines,
    checks::round_summary,
    checks::recent_scans,
    checks::scan,
    checks::undo_scan,
    checks::record_count,
    checks::add_unexpected,
    checks::load_code_list,
    checks::close_round,
    checks::round_proposals,
    checks::apply_proposals,
    checks::dismiss_proposal,
    checks::register_found,
    checks::asset_checks,
    checks::check_dashboard,
    checks::check_schedule,
    checks::get_check_settings,
    checks::update_check_settings,
    checks::check_report,
    checks::periodic_summary,
    checks::print_check_sheets,
    checks::print_check_report,
    checks::export_check_report,
    checks::print_appointment_order,
    checks::print_periodic_summary,
];

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
    let state = AppState::open(data_dir);
    let result = with_commands(tauri::Builder::default())
        .plugin(single_instance)
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("phatsadu: the window could not start: {e}");
        std::process::exit(1);
    }
}
