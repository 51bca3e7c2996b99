//! `print`: the app's printouts as PDF files, for scripting and batch printing. Each
//! writes the same bytes the app's "พิมพ์" button saves.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use phatsadu_core::print_settings::LabelStock;
use phatsadu_core::{Actor, DataDir, Error, Register};
use phatsadu_forms::printing;
use serde_json::json;

use crate::Outcome;
use crate::lookup::{asset_by_code, category_by, loan_by_no};
use crate::register_io::AssetFilters;

/// `print WHAT [--out PATH]`.
#[derive(Debug, Args)]
pub struct PrintArgs {
    #[command(subcommand)]
    what: Printable,
    /// A file to write, or a folder to write the printout's own name into (default: here).
    #[arg(long, global = true)]
    out: Option<PathBuf>,
    /// Replace the file if it exists.
    #[arg(long, global = true)]
    force: bool,
}

#[derive(Debug, Subcommand)]
enum Printable {
    /// The borrow slip (ใบยืมพัสดุ) of a loan, by its slip number, e.g. 12/2568.
    Slip { loan_no: String },
    /// The follow-up letter for an overdue loan (the next round unless --round).
    FollowUp {
        loan_no: String,
        #[arg(long)]
        round: Option<u32>,
    },
    /// Register sheets (ทะเบียนคุมทรัพย์สิน): of one asset by code, or of a whole category.
    RegisterSheet {
        /// An asset code.
        code: Option<String>,
        /// A category's name or type code, instead of a code.
        #[arg(long, conflicts_with = "code")]
        category: Option<String>,
    },
    /// Labels for the given asset codes, or for every asset the filters select.
    Labels {
        /// Asset codes.
        codes: Vec<String>,
        #[command(flatten)]
        filters: AssetFilters,
        #[command(flatten)]
        stock: StockArgs,
        /// Labels already used on the first sheet.
        #[arg(long, default_value_t = 0)]
        skip: usize,
    },
    /// The calibration page for the label stock.
    Calibration {
        #[command(flatten)]
        stock: StockArgs,
    },
    /// The asset list with the given filters.
    List {
        #[command(flatten)]
        filters: AssetFilters,
    },
    /// The loan register of a fiscal year (default: the current one).
    Loans {
        #[arg(long)]
        fiscal_year: Option<i32>,
    },
}

/// A label stock other than the one in the print settings.
#[derive(Debug, Clone, Args)]
struct StockArgs {
    /// a4-3x8, a4-2x7 or a4-3x7.
    #[arg(long)]
    stock: Option<String>,
    /// Printer correction to the right, mm (negative: left).
    #[arg(long, allow_hyphen_values = true)]
    offset_x: Option<f64>,
    /// Printer correction downwards, mm (negative: up).
    #[arg(long, allow_hyphen_values = true)]
    offset_y: Option<f64>,
}

impl StockArgs {
    fn resolve(&self, register: &Register, actor: &Actor) -> Result<Option<LabelStock>, Error> {
        if self.stock.is_none() && self.offset_x.is_none() && self.offset_y.is_none() {
            return Ok(None);
        }
        let mut stock = match &self.stock {
            Some(id) => LabelStock::presets()
                .into_iter()
                .find(|p| p.preset == id.trim())
                .ok_or_else(|| {
                    Error::invalid(
                        "stock",
                        format!("no label stock {id}; try a4-3x8, a4-2x7 or a4-3x7"),
                    )
                })?,
            None => register.print_settings(actor)?.label_stock,
        };
        if let Some(x) = self.offset_x {
            stock.offset_x_mm = x;
        }
        if let Some(y) = self.offset_y {
            stock.offset_y_mm = y;
        }
        Ok(Some(stock))
    }
}

/// `print …`.
pub fn print(data_dir: &DataDir, args: PrintArgs) -> Result<Outcome, Error> {
    let register = Register::open_in(data_dir)?;
    let actor = Actor::command_line();
    let printout = match &args.what {
        Printable::Slip { loan_no } => {
            printing::loan_slip(&register, &actor, loan_by_no(&register, &actor, loan_no)?)?
        }
        Printable::FollowUp { loan_no, round } => printing::follow_up_letter(
            &register,
            &actor,
            loan_by_no(&register, &actor, loan_no)?,
            *round,
        )?,
        Printable::RegisterSheet { code, category } => match (code, category) {
            (Some(code), _) => printing::asset_register_sheet(
                &register,
                &actor,
                asset_by_code(&register, &actor, code)?,
            )?,
            (None, Some(name)) => printing::category_register_sheets(
                &register,
                &actor,
                category_by(&register, &actor, name)?,
            )?,
            (None, None) => return Err(Error::invalid("code", "give an asset code or --category")),
        },
        Printable::Labels {
            codes,
            filters,
            stock,
            skip,
        } => {
            let ids = if codes.is_empty() {
                let (query, _) = filters.query(&register, &actor)?;
                register
                    .assets_for_export(&actor, &query)?
                    .into_iter()
                    .map(|a| a.id)
                    .collect()
            } else {
                codes
                    .iter()
                    .map(|c| asset_by_code(&register, &actor, c))
                    .collect::<Result<Vec<_>, _>>()?
            };
            let stock = stock.resolve(&register, &actor)?;
            printing::asset_labels(&register, &actor, &ids, stock.as_ref(), *skip)?
        }
        Printable::Calibration { stock } => {
            let stock = stock.resolve(&register, &actor)?;
            printing::label_calibration(&register, &actor, stock.as_ref())?
        }
        Printable::List { filters } => {
            let (query, words) = filters.query(&register, &actor)?;
            printing::asset_list(&register, &actor, &query, &words)?
        }
        Printable::Loans { fiscal_year } => {
            printing::loan_register(&register, &actor, *fiscal_year)?
        }
    };
    let path = write_file(
        &printout.bytes,
        &printout.file_name,
        args.out.as_deref(),
        args.force,
    )?;
    Ok(Outcome::ok(
        format!("wrote {} ({} bytes)", path.display(), printout.bytes.len()),
        json!({ "path": path.display().to_string(), "bytes": printout.bytes.len() }),
    ))
}

/// Writes a printout whole or not at all: to a temporary name beside it, then renamed.
/// `out` is a file, or a folder to write `file_name` into (default: the current folder).
pub(crate) fn write_file(
    bytes: &[u8],
    file_name: &str,
    out: Option<&Path>,
    force: bool,
) -> Result<PathBuf, Error> {
    let out = out.unwrap_or(Path::new("."));
    let path = if out.is_dir() {
        out.join(file_name)
    } else {
        out.to_path_buf()
    };
    if path.exists() && !force {
        return Err(Error::invalid(
            "out",
            format!("{} exists; add --force to replace it", path.display()),
        ));
    }
    let mut partial = path.clone().into_os_string();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    std::fs::write(&partial, bytes).map_err(|e| Error::io(&partial, e))?;
    std::fs::rename(&partial, &path).map_err(|e| Error::io(&path, e))?;
    Ok(path)
}
