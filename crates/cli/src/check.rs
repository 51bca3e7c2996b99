//! `check`: inventory check rounds from a script — set one up, open it, print its sheets,
//! load a scanner's list of codes, close it, apply what it proposes, print the report. Every
//! step goes through the same core calls as the app, so the same rules refuse the same things.

use std::path::PathBuf;

use base64::Engine as _;
use clap::{Args, Subcommand, ValueEnum};
use phatsadu_core::calendar::parse_date;
use phatsadu_core::checks::{
    ApplyProposals, CheckRound, CloseRound, CodeListInput, CodeListReport, MemberInput, MemberRole,
    RoundInput, RoundKind, RoundListQuery, RoundScope,
};
use phatsadu_core::{Actor, DataDir, Error, Register};
use phatsadu_forms::checks as printouts;
use phatsadu_forms::forms::check_sheet::SheetOptions;
use serde_json::{Value, json};

use crate::lookup::{category_by, division_by, location_by, person_by, round_by};
use crate::print::write_file;
use crate::{Outcome, serialise};

/// `check STEP …`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(subcommand)]
    step: Step,
}

#[derive(Debug, Subcommand)]
enum Step {
    /// The rounds, newest first.
    List {
        /// Only this fiscal year's (B.E.).
        #[arg(long)]
        fiscal_year: Option<i32>,
    },
    /// Set up a round (a draft until `open`); prints its id.
    Create(Box<CreateArgs>),
    /// Open a draft round: its expected list is fixed as of its as-of date.
    Open { round: String },
    /// Print a round's check sheets (one PDF, or one per division with --per-division).
    Sheets {
        round: String,
        /// Only this division's sheets.
        #[arg(long)]
        division: Option<String>,
        /// One file per division, written into --out (a folder).
        #[arg(long, conflicts_with = "division")]
        per_division: bool,
        /// Tick the boxes from the counts recorded so far.
        #[arg(long)]
        with_results: bool,
        /// A file, or a folder to write the printout's own name into (default: here).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Replace files that exist.
        #[arg(long)]
        force: bool,
    },
    /// Load a scanner's list of codes (.txt/.csv, one a line); --dry-run only shows each
    /// code's result.
    Load {
        round: String,
        file: PathBuf,
        /// Where the codes were scanned (items of other locations count as found elsewhere).
        #[arg(long)]
        at: Option<String>,
        #[arg(long)]
        dry_run: bool,
    },
    /// Close an open round; --rest-not-found marks every line still uncounted not found.
    Close {
        round: String,
        #[arg(long)]
        rest_not_found: bool,
    },
    /// Apply every pending move and status change a closed round proposes.
    Apply { round: String },
    /// Print the round's report (the annual report for an annual round) as PDF or xlsx.
    Report {
        round: String,
        #[arg(long)]
        xlsx: bool,
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long)]
        force: bool,
    },
}

/// Periodic or annual, as typed.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Kind {
    Periodic,
    Annual,
}

#[derive(Debug, Args)]
struct CreateArgs {
    #[arg(long, value_enum)]
    kind: Kind,
    /// The round's name (an annual round's default: "ตรวจสอบพัสดุประจำปีงบประมาณ <year>").
    #[arg(long)]
    name: Option<String>,
    /// The fiscal year an annual round checks (B.E.); its dates are proposed from ข้อ ๒๑๓.
    #[arg(long)]
    fiscal_year: Option<i32>,
    /// The day the expected list is as of (default: today, or the annual proposal's).
    #[arg(long)]
    as_of: Option<String>,
    /// First day of counting (ISO or Thai, e.g. 01/10/2568).
    #[arg(long)]
    starts: Option<String>,
    /// Last day of counting.
    #[arg(long)]
    ends: Option<String>,
    /// A division in scope, by name or short name (repeatable).
    #[arg(long)]
    division: Vec<String>,
    /// A location in scope, by name; "division/location" when names repeat (repeatable).
    #[arg(long)]
    location: Vec<String>,
    /// Only this category, by name or type code (repeatable).
    #[arg(long)]
    category: Vec<String>,
    /// A member, "full name" or "full name=role" (role: chair, member, secretary, checker;
    /// default checker, or for an annual round chair, member, …, secretary in order).
    #[arg(long, required = true)]
    member: Vec<String>,
    #[arg(long, default_value = "")]
    order_no: String,
    #[arg(long)]
    order_date: Option<String>,
    /// The round's supplies officer, by full name (annual: default the first one).
    #[arg(long)]
    officer: Option<String>,
    /// Open it at once.
    #[arg(long)]
    open: bool,
}

/// `check …`.
pub fn check(data_dir: &DataDir, args: CheckArgs) -> Result<Outcome, Error> {
    let register = Register::open_in(data_dir)?;
    let actor = Actor::command_line();
    let (r, a) = (&register, &actor);
    match args.step {
        Step::List { fiscal_year } => {
            let rounds = r.list_rounds(a, &RoundListQuery { fiscal_year })?;
            let text = rounds.iter().map(describe).collect::<Vec<_>>().join("\n");
            Ok(Outcome::ok(text, serialise(&rounds)))
        }
        Step::Create(create) => {
            let input = round_input(r, a, &create)?;
            let mut round = r.create_round(a, &input)?;
            if create.open {
                round = r.open_round(a, round.id)?;
            }
            Ok(Outcome::ok(describe(&round), serialise(&round)))
        }
        Step::Open { round } => {
            let round = r.open_round(a, round_by(r, a, &round)?)?;
            Ok(Outcome::ok(describe(&round), serialise(&round)))
        }
        Step::Sheets {
            round,
            division,
            per_division,
            with_results,
            out,
            force,
        } => {
            let id = round_by(r, a, &round)?;
            let options = SheetOptions { with_results };
            let printouts = if per_division {
                printouts::check_sheets_per_division(r, a, id, options)?
            } else {
                let division = division.map(|d| division_by(r, a, &d)).transpose()?;
                vec![printouts::check_sheets(r, a, id, division, options)?]
            };
            let mut written = Vec::new();
            for p in &printouts {
                let path = write_file(&p.bytes, &p.file_name, out.as_deref(), force)?;
                written.push(json!({ "path": path.display().to_string(), "bytes": p.bytes.len() }));
            }
            let text = written
                .iter()
                .map(|w| {
                    format!(
                        "wrote {} ({} bytes)",
                        w["path"].as_str().unwrap_or(""),
                        w["bytes"]
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            Ok(Outcome::ok(text, Value::Array(written)))
        }
        Step::Load {
            round,
            file,
            at,
            dry_run,
        } => {
            let bytes = std::fs::read(&file).map_err(|e| Error::io(&file, e))?;
            let location_id = at.map(|l| location_by(r, a, &l)).transpose()?;
            let input = CodeListInput {
                round_id: round_by(r, a, &round)?,
                file_name: file
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                data_base64: base64::engine::general_purpose::STANDARD.encode(bytes),
                location_id,
                dry_run,
            };
            let report = r.load_code_list(a, &input)?;
            Ok(Outcome::ok(describe_list(&report), serialise(&report)))
        }
        Step::Close {
            round,
            rest_not_found,
        } => {
            let input = CloseRound {
                round_id: round_by(r, a, &round)?,
                rest_not_found,
            };
            let round = r.close_round(a, &input)?;
            let proposals = r.round_proposals(a, round.id)?;
            Ok(Outcome::ok(
                format!("{}; {} proposals", describe(&round), proposals.len()),
                json!({ "round": serialise(&round), "proposals": serialise(&proposals) }),
            ))
        }
        Step::Apply { round } => {
            let input = ApplyProposals {
                round_id: round_by(r, a, &round)?,
                proposal_ids: Vec::new(),
            };
            let applied = r.apply_proposals(a, &input)?;
            Ok(Outcome::ok(
                format!("applied {applied} proposals"),
                json!({ "applied": applied }),
            ))
        }
        Step::Report {
            round,
            xlsx,
            out,
            force,
        } => {
            let id = round_by(r, a, &round)?;
            let (bytes, name) = if xlsx {
                printouts::report_workbook(r, a, id)?
            } else {
                let p = printouts::report(r, a, id)?;
                (p.bytes, p.file_name)
            };
            let path = write_file(&bytes, &name, out.as_deref(), force)?;
            Ok(Outcome::ok(
                format!("wrote {} ({} bytes)", path.display(), bytes.len()),
                json!({ "path": path.display().to_string(), "bytes": bytes.len() }),
            ))
        }
    }
}

/// The round as the core takes it: names resolved, the annual dates proposed where not given.
fn round_input(register: &Register, actor: &Actor, args: &CreateArgs) -> Result<RoundInput, Error> {
    let today = register.clock().today();
    let date = |field: &str, text: &Option<String>| -> Result<Option<chrono::NaiveDate>, Error> {
        text.as_deref()
            .map(|t| parse_date(t).map_err(|e| Error::invalid(field, format!("{e}"))))
            .transpose()
    };
    let kind = match args.kind {
        Kind::Periodic => RoundKind::Periodic,
        Kind::Annual => RoundKind::Annual,
    };
    let proposal = match (kind, args.fiscal_year) {
        (RoundKind::Annual, Some(year)) => Some(register.propose_annual_round(actor, year)?),
        (RoundKind::Annual, None) => {
            return Err(Error::Required {
                field: "fiscalYear".into(),
            });
        }
        _ => None,
    };
    let as_of = date("asOf", &args.as_of)?
        .or(proposal.as_ref().map(|p| p.as_of))
        .unwrap_or(today);
    let starts_on = date("startsOn", &args.starts)?
        .or(proposal.as_ref().map(|p| p.starts_on))
        .unwrap_or(today);
    let ends_on = date("endsOn", &args.ends)?
        .or(proposal.as_ref().map(|p| p.report_due_on))
        .unwrap_or(starts_on);
    let name = match (&args.name, &proposal) {
        (Some(name), _) => name.clone(),
        (None, Some(p)) => p.name.clone(),
        (None, None) => {
            return Err(Error::Required {
                field: "name".into(),
            });
        }
    };
    let scope = RoundScope {
        division_ids: args
            .division
            .iter()
            .map(|d| division_by(register, actor, d))
            .collect::<Result<_, _>>()?,
        location_ids: args
            .location
            .iter()
            .map(|l| location_by(register, actor, l))
            .collect::<Result<_, _>>()?,
        category_ids: args
            .category
            .iter()
            .map(|c| category_by(register, actor, c))
            .collect::<Result<_, _>>()?,
    };
    let count = args.member.len();
    let members = args
        .member
        .iter()
        .enumerate()
        .map(|(i, m)| member(register, actor, kind, m, i, count))
        .collect::<Result<_, _>>()?;
    let officer_id = match &args.officer {
        Some(name) => Some(person_by(register, actor, name)?),
        None => proposal.as_ref().and_then(|p| p.officer_id),
    };
    Ok(RoundInput {
        kind,
        name,
        fiscal_year: args.fiscal_year,
        as_of,
        starts_on,
        ends_on,
        scope,
        members,
        order_no: args.order_no.clone(),
        order_date: date("orderDate", &args.order_date)?
            .or(proposal.as_ref().map(|p| p.order_date)),
        order_signer: proposal.map(|p| p.order_signer).unwrap_or_default(),
        officer_id,
        notes: String::new(),
    })
}

/// "full name" or "full name=role"; an annual committee without roles reads chair first and
/// secretary last.
fn member(
    register: &Register,
    actor: &Actor,
    kind: RoundKind,
    text: &str,
    index: usize,
    count: usize,
) -> Result<MemberInput, Error> {
    let (name, role) = match text.rsplit_once('=') {
        Some((name, role)) => {
            let role = MemberRole::from_code(role.trim()).ok_or_else(|| {
                Error::invalid(
                    "members",
                    format!("no role {role}; use chair, member, secretary or checker"),
                )
            })?;
            (name, role)
        }
        None if kind == RoundKind::Periodic => (text, MemberRole::Checker),
        None if index == 0 => (text, MemberRole::Chair),
        None if index + 1 == count => (text, MemberRole::Secretary),
        None => (text, MemberRole::Member),
    };
    Ok(MemberInput {
        person_id: person_by(register, actor, name)?,
        role,
    })
}

/// "#3 ตรวจนับ… (periodic, open): 12/40 counted".
fn describe(round: &CheckRound) -> String {
    format!(
        "#{} {} ({}, {}): {}/{} counted",
        round.id,
        round.name,
        round.kind.as_str(),
        round.status.as_str(),
        round.progress.counted,
        round.progress.expected
    )
}

/// A line per code with what it found, then the totals.
fn describe_list(report: &CodeListReport) -> String {
    let mut text: Vec<String> = report
        .lines
        .iter()
        .map(|l| {
            let what = match (&l.problem, l.outcome) {
                (Some(problem), _) => problem.clone(),
                (None, Some(outcome)) => outcome.as_str().to_owned(),
                (None, None) => String::new(),
            };
            format!("line {}: {} {what} {}", l.line_no, l.code, l.name)
        })
        .collect();
    text.push(format!(
        "{} ({}): {} counted, {} already counted, {} not on the list, {} not codes{}",
        if report.applied { "loaded" } else { "dry run" },
        report.encoding,
        report.counted,
        report.already_counted,
        report.unexpected,
        report.problems,
        if report.applied {
            ""
        } else {
            "; nothing was written"
        }
    ));
    text.join("\n")
}
