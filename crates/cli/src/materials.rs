//! `materials`: the office's materials from a script — import the catalogue and opening
//! balances from Excel (judge every row first with --dry-run), export the balances,
//! print an item's (or a type's) stock card, print the balances at a date.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use phatsadu_core::assets::codes::code_key;
use phatsadu_core::calendar::{FiscalYear, parse_date};
use phatsadu_core::materials::MaterialQuery;
use phatsadu_core::materials::import::RowOutcome;
use phatsadu_core::{Actor, DataDir, Error, Register};
use phatsadu_forms::exports::SpreadsheetFormat;
use phatsadu_forms::materials::{Cards, balances_pdf, balances_sheet, stock_cards};
use serde_json::json;

use crate::print::write_file;
use crate::{Outcome, serialise};

/// `materials STEP …`.
#[derive(Debug, Args)]
pub struct MaterialsArgs {
    #[command(subcommand)]
    step: Step,
}

#[derive(Debug, Subcommand)]
enum Step {
    /// Import the catalogue and opening balances from .xlsx/.csv: all rows or none.
    Import {
        file: PathBuf,
        /// Judge every row and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The date of balances the file gives without one (default: today).
        #[arg(long)]
        as_of: Option<String>,
    },
    /// Export every item with its balance at a date (default today) to .xlsx or .csv.
    Export {
        #[arg(long)]
        on: Option<String>,
        #[arg(long)]
        csv: bool,
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long)]
        force: bool,
    },
    /// Print the stock card (บัญชีวัสดุ) of an item by code, or of every item of --type.
    Card {
        /// The item's code (any digit script).
        code: Option<String>,
        /// Every item of this type (its name).
        #[arg(long, conflicts_with = "code")]
        r#type: Option<String>,
        /// The fiscal year (B.E.; default: this one).
        #[arg(long)]
        fiscal_year: Option<i32>,
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long)]
        force: bool,
    },
    /// Print every item's balance at the end of a day (default today) by type, as PDF.
    Balances {
        #[arg(long)]
        on: Option<String>,
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long)]
        force: bool,
    },
}

fn day(register: &Register, text: Option<&str>, field: &str) -> Result<chrono::NaiveDate, Error> {
    match text {
        None => Ok(register.clock().today()),
        Some(t) => parse_date(t).map_err(|_| Error::invalid(field, format!("not a date: {t}"))),
    }
}

/// Runs one `materials` step.
pub fn materials(data_dir: &DataDir, args: MaterialsArgs) -> Result<Outcome, Error> {
    let register = Register::open_in(data_dir)?;
    let actor = Actor::command_line();
    match args.step {
        Step::Import {
            file,
            dry_run,
            as_of,
        } => {
            let on = day(&register, as_of.as_deref(), "as-of")?;
            let bytes = std::fs::read(&file).map_err(|e| Error::io(&file, e))?;
            let name = file
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("materials");
            let report = register.import_materials(&actor, name, &bytes, on, dry_run)?;
            let mut text = Vec::new();
            for row in &report.rows {
                let what = match row.outcome {
                    RowOutcome::Created => "new item".to_owned(),
                    RowOutcome::Opening => "opening balance".to_owned(),
                    RowOutcome::Refused => row
                        .problems
                        .iter()
                        .map(|p| format!("refused: {} ({})", p.field, p.reason))
                        .collect::<Vec<_>>()
                        .join("; "),
                };
                let ignored = if row.ignored.is_empty() {
                    String::new()
                } else {
                    format!(" — not imported: {}", row.ignored.join(", "))
                };
                text.push(format!("row {} {}: {what}{ignored}", row.row, row.code));
            }
            text.push(format!(
                "{}: {} new items, {} opening balances, {} rows refused",
                if report.written {
                    "imported"
                } else if dry_run {
                    "dry run, nothing written"
                } else {
                    "nothing written (fix the refused rows and import again)"
                },
                report.created,
                report.openings,
                report.refused
            ));
            Ok(Outcome {
                text: text.join("\n"),
                value: serialise(&report),
                ok: report.refused == 0,
            })
        }
        Step::Export {
            on,
            csv,
            out,
            force,
        } => {
            let on = day(&register, on.as_deref(), "on")?;
            let format = if csv {
                SpreadsheetFormat::Csv
            } else {
                SpreadsheetFormat::Xlsx
            };
            let export = balances_sheet(&register, &actor, on, format)?;
            let path = write_file(&export.bytes, &export.file_name, out.as_deref(), force)?;
            Ok(Outcome::ok(
                format!("wrote {} items to {}", export.rows, path.display()),
                json!({ "path": path.display().to_string(), "rows": export.rows }),
            ))
        }
        Step::Card {
            code,
            r#type,
            fiscal_year,
            out,
            force,
        } => {
            let year =
                fiscal_year.unwrap_or_else(|| FiscalYear::of(register.clock().today()).be_year());
            let which = match (code, r#type) {
                (Some(code), _) => {
                    let key = code_key(&code);
                    let found = register
                        .list_materials(
                            &actor,
                            &MaterialQuery {
                                text: Some(code.clone()),
                                include_inactive: true,
                                ..MaterialQuery::default()
                            },
                        )?
                        .into_iter()
                        .find(|m| code_key(&m.code) == key)
                        .ok_or_else(|| Error::invalid("code", format!("no material {code}")))?;
                    Cards::Material(found.id)
                }
                (None, Some(name)) => {
                    let key = phatsadu_core::text::name_key(&name);
                    let found = register
                        .list_material_types(&actor)?
                        .into_iter()
                        .find(|t| phatsadu_core::text::name_key(&t.name) == key)
                        .ok_or_else(|| {
                            Error::invalid("type", format!("no material type {name}"))
                        })?;
                    Cards::Type(found.id)
                }
                (None, None) => return Err(Error::required("code")),
            };
            let printout = stock_cards(&register, &actor, which, year)?;
            let path = write_file(&printout.bytes, &printout.file_name, out.as_deref(), force)?;
            Ok(Outcome::ok(
                format!("wrote {}", path.display()),
                json!({ "path": path.display().to_string(), "bytes": printout.bytes.len() }),
            ))
        }
        Step::Balances { on, out, force } => {
            let on = day(&register, on.as_deref(), "on")?;
            let printout = balances_pdf(&register, &actor, on)?;
            let path = write_file(&printout.bytes, &printout.file_name, out.as_deref(), force)?;
            Ok(Outcome::ok(
                format!("wrote {}", path.display()),
                json!({ "path": path.display().to_string(), "bytes": printout.bytes.len() }),
            ))
        }
    }
}
