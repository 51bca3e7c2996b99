//! `phatsadu-cli`: the administrator's command line.
//!
//! Works on the same register file as the desktop app, without a window, so it runs on a
//! server or in a script. Every subcommand takes `--data-dir` (default: the app's data
//! directory, or `$PHATSADU_DATA_DIR`), `--json` prints a machine-readable result, and a
//! failure exits non-zero with the error's stable code.

mod check;
mod ita_pack;
mod lookup;
mod materials;
mod print;
mod register_io;

/// The same allocator as the app, so that imports and exports here run as fast as there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use phatsadu_core::register::migrations;
use phatsadu_core::{Actor, DataDir, Error, Register};
use serde_json::{Value, json};

/// Phatsadu (พัสดุ) — asset register command line.
#[derive(Parser)]
#[command(name = "phatsadu-cli", version, about)]
struct Cli {
    /// Folder holding phatsadu.sqlite (default: $PHATSADU_DATA_DIR or the user's data folder).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Print the result as JSON on standard output.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create the register file (or bring an existing one up to date) and show its state.
    Init,
    /// Check the audit log's hash chain; exits 1 and names the first broken entry.
    VerifyAudit,
    /// Write the whole audit log to DEST as JSON lines, oldest first, each entry's columns
    /// exactly as hashed and its hash (anyone can recompute the chain from it).
    ExportAudit {
        /// The new file to write (must not exist).
        dest: PathBuf,
    },
    /// Copy the register to DEST (safe while the app is running).
    Backup {
        /// The new file to write (must not exist).
        dest: PathBuf,
    },
    /// Replace the register with the backup SRC (refused while the app is running).
    Restore {
        /// A backup made with `backup` or a copy of phatsadu.sqlite.
        src: PathBuf,
    },
    /// Fill the register with the sample organisation (อบต.แม่กรณ์) and demo accounts.
    SampleData {
        /// Only the divisions, locations, staff and accounts, not the ~600 sample assets.
        #[arg(long)]
        no_assets: bool,
    },
    /// Import assets from a spreadsheet (judge every row first with --dry-run).
    Import(register_io::ImportArgs),
    /// Export the asset list (optionally filtered) to .xlsx or .csv.
    Export(register_io::ExportArgs),
    /// Print a form as PDF: slip, follow-up, register-sheet, labels, calibration, list, loans.
    Print(print::PrintArgs),
    /// Inventory check rounds: list, create, open, sheets, load, close, apply, report.
    Check(check::CheckArgs),
    /// Materials: import (catalogue and opening balances), export, card, balances.
    Materials(materials::MaterialsArgs),
    /// The ITA evidence pack of a fiscal year: a folder and its zip, with a cover listing
    /// every file's SHA-256 and the audit log's verified head hash.
    ItaPack(ita_pack::PackArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let json = cli.json;
    match run(cli) {
        Ok(Outcome { text, value, ok }) => {
            if json {
                say(&format!("{value:#}"));
            } else {
                say(&text);
            }
            if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(error) => {
            if json {
                say(&format!(
                    "{:#}",
                    json!({ "error": { "code": error.code(), "message": error.to_string(), "details": error.details() } })
                ));
            }
            eprintln!("error [{}]: {error}", error.code());
            ExitCode::FAILURE
        }
    }
}

/// Writes a result to standard output; a reader that stopped early (`| head`) is not an
/// error worth a panic.
fn say(text: &str) {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{text}");
}

/// A subcommand's result: a line for people, a value for scripts, and success or not.
pub(crate) struct Outcome {
    pub(crate) text: String,
    pub(crate) value: Value,
    pub(crate) ok: bool,
}

impl Outcome {
    pub(crate) fn ok(text: String, value: Value) -> Self {
        Self {
            text,
            value,
            ok: true,
        }
    }
}

fn run(cli: Cli) -> Result<Outcome, Error> {
    let data_dir = DataDir::resolve(cli.data_dir)?;
    match cli.command {
        Command::Init => init(&data_dir),
        Command::VerifyAudit => verify_audit(&data_dir),
        Command::ExportAudit { dest } => export_audit(&data_dir, &dest),
        Command::Backup { dest } => {
            let report = Register::open_in(&data_dir)?.backup_to(&dest)?;
            Ok(Outcome::ok(
                format!(
                    "backed up to {} ({} bytes)",
                    report.path.display(),
                    report.bytes
                ),
                serialise(&report),
            ))
        }
        Command::Restore { src } => {
            let who = match Actor::command_line() {
                Actor::System(label) => label,
                Actor::User(_) => "cli".to_owned(),
            };
            let report = phatsadu_core::backup::restore(&data_dir, &src, &who)?;
            let kept = report
                .previous_copy
                .as_ref()
                .map(|p| format!("; the replaced register was kept as {}", p.display()))
                .unwrap_or_default();
            Ok(Outcome::ok(
                format!(
                    "restored {} from {}{kept}",
                    report.path.display(),
                    src.display()
                ),
                serialise(&report),
            ))
        }
        Command::Import(args) => register_io::import(&data_dir, args),
        Command::Export(args) => register_io::export(&data_dir, args),
        Command::Print(args) => print::print(&data_dir, args),
        Command::Check(args) => check::check(&data_dir, args),
        Command::Materials(args) => materials::materials(&data_dir, args),
        Command::ItaPack(args) => ita_pack::ita_pack(&data_dir, args),
        Command::SampleData { no_assets } => {
            let register = Register::open_in(&data_dir)?;
            let options = phatsadu_core::sample::SampleOptions { assets: !no_assets };
            let report = register.load_sample_data_with(&Actor::command_line(), options)?;
            Ok(Outcome::ok(
                format!(
                    "loaded {} divisions, {} locations, {} people, {} assets, {} loans, {} check rounds, {} materials, {} requisitions, {} holidays; demo accounts {} (password {})",
                    report.divisions,
                    report.locations,
                    report.people,
                    report.assets,
                    report.loans,
                    report.checks,
                    report.materials,
                    report.requisitions,
                    report.holidays,
                    report.users.join(", "),
                    report.demo_password
                ),
                serialise(&report),
            ))
        }
    }
}

fn init(data_dir: &DataDir) -> Result<Outcome, Error> {
    let register = Register::open_in(data_dir)?;
    let status = register.status()?;
    let path = data_dir.register_file();
    let state = if status.needs_setup {
        "not set up yet: start the app for the first-run setup, or run `sample-data`".to_owned()
    } else {
        format!(
            "set up for {}",
            status.organisation_name.clone().unwrap_or_default()
        )
    };
    Ok(Outcome::ok(
        format!(
            "register {} (schema version {}) — {state}",
            path.display(),
            migrations::latest_version()
        ),
        json!({
            "path": path.display().to_string(),
            "schemaVersion": migrations::latest_version(),
            "needsSetup": status.needs_setup,
            "organisationName": status.organisation_name,
        }),
    ))
}

fn verify_audit(data_dir: &DataDir) -> Result<Outcome, Error> {
    let register = Register::open_in(data_dir)?;
    let result = register.verify_audit(&Actor::command_line())?;
    let text = match result.first_broken_seq {
        None => format!(
            "audit log intact: {} entries; head hash {}",
            result.entries_checked, result.head_hash
        ),
        Some(seq) => format!(
            "audit log BROKEN at entry {seq}: {}",
            result.problem.clone().unwrap_or_default()
        ),
    };
    Ok(Outcome {
        text,
        ok: result.ok,
        value: serialise(&result),
    })
}

/// Writes the log to `dest` through a `.partial` file, named only once it is complete.
fn export_audit(data_dir: &DataDir, dest: &std::path::Path) -> Result<Outcome, Error> {
    if dest.exists() {
        return Err(Error::io(dest, std::io::ErrorKind::AlreadyExists.into()));
    }
    let register = Register::open_in(data_dir)?;
    let mut partial = dest.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    let written = (|| -> Result<u64, Error> {
        let file = std::fs::File::create(&partial).map_err(|e| Error::io(&partial, e))?;
        let mut out = std::io::BufWriter::new(file);
        let entries = register.export_audit(&Actor::command_line(), &mut out)?;
        let file = out
            .into_inner()
            .map_err(|e| Error::io(&partial, e.into_error()))?;
        file.sync_all().map_err(|e| Error::io(&partial, e))?;
        std::fs::rename(&partial, dest).map_err(|e| Error::io(dest, e))?;
        Ok(entries)
    })();
    let entries = written.inspect_err(|_| {
        let _ = std::fs::remove_file(&partial);
    })?;
    Ok(Outcome::ok(
        format!("{entries} audit entries written to {}", dest.display()),
        json!({ "entries": entries, "path": dest.display().to_string() }),
    ))
}

pub(crate) fn serialise(value: &impl serde::Serialize) -> Value {
    serde_json::to_value(value).unwrap_or_else(|e| json!({ "unserialisable": e.to_string() }))
}
