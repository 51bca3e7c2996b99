//! `import` and `export`: moving the register in and out of spreadsheets.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use phatsadu_core::assets::{AssetQuery, AssetSort, AssetStatus};
use phatsadu_core::import::{
    DryRun, ImportPlan, ImportRequest, ImportSource, RefusedRows, RowStatus, Severity, SheetPlan,
    refused_rows,
};
use phatsadu_core::{Actor, DataDir, Error, Register};
use phatsadu_forms::exports::{SpreadsheetFormat, asset_list};
use phatsadu_forms::refused::refused_rows_xlsx;
use serde_json::json;

use crate::{Outcome, serialise};

/// Options of `import`.
#[derive(Args)]
pub struct ImportArgs {
    /// The spreadsheet (.xlsx, .xls, .ods or .csv).
    file: PathBuf,
    /// Only these sheets (repeatable; default: every sheet with a header row).
    #[arg(long = "sheet", value_name = "NAME")]
    sheets: Vec<String>,
    /// A JSON import plan: the sheets, header rows and column fields instead of the
    /// suggestions, and/or the choices a dry run asked for — `aliases` (a name, type code or
    /// sheet taken to mean an existing category or division) and `newCategories` (a name for
    /// each type code no category has).
    #[arg(long, value_name = "M.json")]
    mapping: Option<PathBuf>,
    /// Judge every row and print the verdicts; write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Import the valid rows and leave out those with errors.
    #[arg(long)]
    only_valid: bool,
    /// Create categories, divisions, locations and staff entries the file names but the
    /// register lacks.
    #[arg(long)]
    create_missing: bool,
    /// Write the rows left out (or that a dry run, or a refused import, found wrong) to
    /// this .xlsx: their original columns and a column เหตุที่ไม่นำเข้า saying why. Fix
    /// them there and import that file. Replaced if it exists; not written when no row
    /// is refused.
    #[arg(long, value_name = "FILE.xlsx")]
    refused_out: Option<PathBuf>,
}

/// File format of `export`.
#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// Excel workbook.
    Xlsx,
    /// CSV, UTF-8 with BOM.
    Csv,
}

/// Options of `export`.
#[derive(Args)]
pub struct ExportArgs {
    /// The file to write.
    out: PathBuf,
    /// xlsx or csv (default: from the file's extension).
    #[arg(long, value_enum)]
    format: Option<Format>,
    #[command(flatten)]
    filters: AssetFilters,
    /// Replace OUT if it exists.
    #[arg(long)]
    force: bool,
}

/// Which assets a list holds, as the asset list's filters in the app.
#[derive(Debug, Clone, clap::Args)]
pub struct AssetFilters {
    /// What the search box would hold.
    #[arg(long)]
    text: Option<String>,
    /// Only this division (name or short name).
    #[arg(long)]
    division: Option<String>,
    /// Only this category (name or type code).
    #[arg(long)]
    category: Option<String>,
    /// Only this status (e.g. in_use, damaged, or the Thai word).
    #[arg(long)]
    status: Option<String>,
    /// Only items acquired in this fiscal year (B.E., e.g. 2568).
    #[arg(long)]
    fiscal_year: Option<i32>,
}

impl AssetFilters {
    /// The query these filters make, and the filters in Thai words for the list's title.
    pub fn query(&self, register: &Register, actor: &Actor) -> Result<(AssetQuery, String), Error> {
        let args = self;
        let mut query = AssetQuery {
            text: args.text.clone(),
            fiscal_year: args.fiscal_year,
            sort: AssetSort::Code,
            ..Default::default()
        };
        let mut described = Vec::new();
        if let Some(name) = &args.division {
            let key = phatsadu_core::text::name_key(name);
            let division = register
                .list_divisions(actor)?
                .into_iter()
                .find(|d| {
                    phatsadu_core::text::name_key(&d.name) == key
                        || phatsadu_core::text::name_key(&d.short_name) == key
                })
                .ok_or_else(|| Error::invalid("division", format!("no division named {name}")))?;
            described.push(format!("ส่วนราชการ: {}", division.name));
            query.division_id = Some(division.id);
        }
        if let Some(name) = &args.category {
            let key = phatsadu_core::text::name_key(name);
            let category = register
                .list_categories(actor)?
                .into_iter()
                .find(|c| {
                    phatsadu_core::text::name_key(&c.name) == key || c.type_code == name.trim()
                })
                .ok_or_else(|| Error::invalid("category", format!("no category {name}")))?;
            described.push(format!("ประเภท: {}", category.name));
            query.category_id = Some(category.id);
        }
        if let Some(status) = &args.status {
            let found = AssetStatus::from_code(status.trim())
                .or_else(|| AssetStatus::from_thai(status))
                .ok_or_else(|| Error::invalid("status", format!("unknown status {status}")))?;
            described.push(format!("สถานะ: {}", found.thai()));
            query.status = Some(found);
        }
        if let Some(year) = args.fiscal_year {
            described.push(format!("ปีงบประมาณ: {year}"));
        }
        if let Some(text) = &args.text {
            described.push(format!("ค้นหา: {text}"));
        }
        Ok((query, described.join("  ")))
    }
}
fn read_file(path: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

/// `import FILE`.
pub fn import(data_dir: &DataDir, args: ImportArgs) -> Result<Outcome, Error> {
    let register = Register::open_in(data_dir)?;
    let actor = Actor::command_line();
    let name = args
        .file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("import")
        .to_owned();
    let source = ImportSource::from_bytes(&name, &read_file(&args.file)?);
    // A mapping file may hold a whole plan, or only the choices a dry run asked for
    // (aliases, new categories' names) with the suggested sheets and columns.
    let mut plan = match &args.mapping {
        Some(path) => serde_json::from_slice::<ImportPlan>(&read_file(path)?)
            .map_err(|e| Error::invalid("mapping", format!("{}: {e}", path.display())))?,
        None => ImportPlan::default(),
    };
    plan.create_missing |= args.create_missing;
    if plan.sheets.is_empty() {
        let inspection = register.inspect_import(&actor, &source)?;
        plan.sheets = inspection
            .sheets
            .into_iter()
            .filter(|s| args.sheets.is_empty() || args.sheets.contains(&s.name))
            .filter_map(|s| {
                Some(SheetPlan {
                    header_row: s.header_row?,
                    name: s.name,
                    mapping: s.mapping,
                })
            })
            .collect();
        if plan.sheets.is_empty() {
            return Err(Error::invalid(
                "sheet",
                "no sheet with a header row to import",
            ));
        }
    }
    let out = args.refused_out.as_deref();
    if args.dry_run {
        let dry = register.dry_run_import(&actor, &source, &plan)?;
        let mut text = describe(&dry);
        if let Some(path) = out {
            text.push('\n');
            text.push_str(&write_refused(
                path,
                &refused_rows(&source, &plan, &dry.rows)?,
            )?);
        }
        return Ok(Outcome {
            text,
            ok: dry.errors == 0,
            value: serialise(&dry),
        });
    }
    let request = ImportRequest {
        source,
        plan,
        only_valid_rows: args.only_valid,
    };
    let report = match register.import(&actor, &request) {
        Ok(report) => report,
        // Refused as a whole for its errors: the rows to fix, for the next try.
        Err(e @ Error::ImportHasErrors { .. }) => {
            if let Some(path) = out {
                let dry = register.dry_run_import(&actor, &request.source, &request.plan)?;
                let refused = refused_rows(&request.source, &request.plan, &dry.rows)?;
                eprintln!("{}", write_refused(path, &refused)?);
            }
            return Err(e);
        }
        Err(e) => return Err(e),
    };
    let mut text = format!(
        "imported {} items from {} rows as batch {} ({} rows with errors left out)",
        report.items, report.rows, report.batch_id, report.rows_left_out
    );
    if let (Some(first), Some(last)) = (report.codes.first(), report.codes.last()) {
        text.push_str(&format!("\nnew codes: {first} … {last}"));
    }
    if let Some(path) = out {
        text.push('\n');
        text.push_str(&write_refused(path, &report.refused)?);
    }
    Ok(Outcome::ok(text, serialise(&report)))
}

/// Writes the refused rows to `path` as .xlsx (unless there are none); says what it did.
fn write_refused(path: &Path, refused: &RefusedRows) -> Result<String, Error> {
    if refused.is_empty() {
        return Ok(format!("no row refused; {} not written", path.display()));
    }
    let export = refused_rows_xlsx(refused)?;
    std::fs::write(path, &export.bytes).map_err(|e| Error::io(path, e))?;
    Ok(format!(
        "wrote the {} refused rows to {}",
        export.rows,
        path.display()
    ))
}

/// A dry run for people: the counts, then every row that is not simply ready.
fn describe(dry: &DryRun) -> String {
    let mut lines = vec![format!(
        "{} ready, {} with warnings, {} with errors, {} skipped; {} items would be created",
        dry.ready, dry.warnings, dry.errors, dry.skipped, dry.items
    )];
    for sheet in &dry.sheets {
        let from = sheet.from.map(|f| {
            format!(
                " (from the {})",
                serialise(&f).as_str().unwrap_or("").replace('_', " ")
            )
        });
        lines.push(match (&sheet.division, sheet.candidates.as_slice()) {
            (Some(division), _) => format!(
                "sheet {}: rows that name no division go to {division}{}",
                sheet.sheet,
                from.unwrap_or_default()
            ),
            (None, []) => format!("sheet {}: names no division", sheet.sheet),
            (None, candidates) => format!(
                "sheet {}: could be any of {}; choose with an alias of kind sheet in --mapping",
                sheet.sheet,
                candidates
                    .iter()
                    .map(|c| format!("{} (id {})", c.name, c.id))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    }
    for verdict in dry.rows.iter().filter(|v| v.status != RowStatus::Ready) {
        for issue in &verdict.issues {
            let label = match (verdict.status, issue.severity) {
                (RowStatus::Skipped, _) => "skipped",
                (_, Severity::Error) => "ERROR",
                (_, Severity::Warning) => "warning",
            };
            lines.push(format!(
                "{}!{}: {label} {} {} — {}",
                verdict.sheet, verdict.row, issue.code, issue.value, issue.message
            ));
        }
    }
    lines.join("\n")
}

/// `export OUT`.
pub fn export(data_dir: &DataDir, args: ExportArgs) -> Result<Outcome, Error> {
    let register = Register::open_in(data_dir)?;
    let actor = Actor::command_line();
    let format = args.format.unwrap_or(
        if args
            .out
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
        {
            Format::Csv
        } else {
            Format::Xlsx
        },
    );
    if args.out.exists() && !args.force {
        return Err(Error::invalid(
            "out",
            format!("{} exists; add --force to replace it", args.out.display()),
        ));
    }
    let (query, described) = args.filters.query(&register, &actor)?;
    let format = match format {
        Format::Xlsx => SpreadsheetFormat::Xlsx,
        Format::Csv => SpreadsheetFormat::Csv,
    };
    let export = asset_list(&register, &actor, &query, &described, format)?;
    let bytes = export.bytes;
    std::fs::write(&args.out, &bytes).map_err(|e| Error::io(&args.out, e))?;
    Ok(Outcome::ok(
        format!("wrote {} assets to {}", export.rows, args.out.display()),
        json!({ "path": args.out.display().to_string(), "assets": export.rows, "bytes": bytes.len() }),
    ))
}
