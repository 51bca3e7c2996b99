//! The dry run's core: every row of every planned sheet read, checked and matched with
//! the register, each with its verdict. Nothing is written here.

use chrono::NaiveDate;

use super::columns::{self, Field};
use super::resolve::{self, CategoryRef, Resolver};
use super::rows::{self, RowKind};
use super::values::{RowIssue, Severity, Source};
use super::workbook::Workbook;
use super::{DryRun, ImportPlan, ImportedAsset, RowStatus, RowVerdict};
use crate::calendar::FiscalYear;
use crate::error::{Error, Result};

/// A data row that passed, with what it resolved to.
pub(super) struct Importable {
    pub asset: ImportedAsset,
    pub resolved: resolve::Resolved,
}

/// What the verdicts keep of each data row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Verdicts {
    /// The values as they will be stored, for the wizard and the command line to show.
    WithValues,
    /// Only the verdict: the import itself needs the counts, and copying 100,000 rows'
    /// values only to drop them costs a tenth of a second.
    CountsOnly,
}

/// Reads every planned sheet and judges every row; hands each row that can be imported,
/// with its resolved values, to `importable` as soon as it is judged (which returns
/// `false` to stop early: the judging then ends without a full verdict). Needs no
/// connection, so it can run beside the one writing the rows.
pub(super) fn judge(
    mut resolver: Resolver,
    book: &Workbook,
    plan: &ImportPlan,
    today: NaiveDate,
    keep: Verdicts,
    importable: &mut dyn FnMut(Importable) -> bool,
) -> Result<DryRun> {
    let mut verdicts = Vec::new();
    let mut sheet_divisions = Vec::new();
    let mut items = 0;
    'sheets: for sheet_plan in &plan.sheets {
        let sheet = book
            .sheets
            .iter()
            .find(|s| s.name == sheet_plan.name)
            .ok_or_else(|| {
                Error::invalid("sheet", format!("there is no sheet {}", sheet_plan.name))
            })?;
        let header_index = (sheet_plan.header_row as usize)
            .checked_sub(1)
            .ok_or_else(|| Error::invalid("headerRow", "rows count from 1"))?;
        if !sheet_plan.mapping.contains(&Some(Field::Name)) {
            return Err(Error::invalid(
                "mapping",
                format!(
                    "sheet {}: choose the column holding the item's name",
                    sheet.name
                ),
            ));
        }
        let headers = columns::headers_of(sheet, header_index);
        let clue = resolver.sheet_clue(sheet, header_index);
        sheet_divisions.push(resolver.sheet_division(&clue));
        let mut heading: Option<String> = None;
        for (index, cells) in sheet.rows.iter().enumerate().skip(header_index + 1) {
            let row = index as u32 + 1;
            let skipped = |code: &str, message: &str| RowVerdict {
                sheet: sheet.name.clone(),
                row,
                status: RowStatus::Skipped,
                issues: vec![RowIssue::new(Severity::Warning, code, None, "", message)],
                asset: None,
            };
            let (asset, mut issues) = match rows::interpret(cells, &sheet_plan.mapping, &headers) {
                RowKind::Blank => {
                    verdicts.push(skipped("blank", "blank row"));
                    continue;
                }
                RowKind::Subtotal => {
                    verdicts.push(skipped("subtotal", "subtotal row"));
                    continue;
                }
                RowKind::RepeatedHeader => {
                    verdicts.push(skipped("repeated_header", "the header row repeated"));
                    continue;
                }
                RowKind::Heading(text) => {
                    let mut verdict = skipped("heading", "sub-heading");
                    verdict.issues[0].value = text.clone();
                    heading = Some(text);
                    verdicts.push(verdict);
                    continue;
                }
                RowKind::Data(asset, issues) => (*asset, issues),
            };
            let mut asset = asset;
            let has_date_issue = issues.iter().any(|i| i.field == Some(Field::AcquiredOn));
            let has_price_issue = issues.iter().any(|i| i.field == Some(Field::UnitPrice));
            let mut push = |severity, code: &str, field, value: &str, message: &str| {
                issues.push(RowIssue::new(severity, code, field, value, message));
            };
            if asset.name.is_empty() {
                push(
                    Severity::Error,
                    "required",
                    Some(Field::Name),
                    "",
                    "no name",
                );
            }
            match asset.acquired_on {
                None if !has_date_issue => push(
                    Severity::Error,
                    "required",
                    Some(Field::AcquiredOn),
                    "",
                    "no acquisition date",
                ),
                Some(d) if d > today => push(
                    Severity::Error,
                    "future_date",
                    Some(Field::AcquiredOn),
                    &d.to_string(),
                    "acquired in the future",
                ),
                _ => {}
            }
            if asset.unit_price.is_none() && !has_price_issue {
                push(
                    Severity::Error,
                    "required",
                    Some(Field::UnitPrice),
                    "",
                    "no unit price",
                );
            }
            let is_range = asset.sources.code == Some(Source::CodeRange);
            match (asset.quantity, asset.code.is_empty()) {
                (0, _) => push(
                    Severity::Error,
                    "bad_number",
                    Some(Field::Quantity),
                    "0",
                    "quantity 0",
                ),
                (n, false) if n > 1 && !is_range => push(
                    Severity::Error,
                    "quantity_with_code",
                    Some(Field::Quantity),
                    &n.to_string(),
                    "several items cannot share one code; write the range of their codes \
                     (401-65-0012 ถึง 0016) or leave the code empty",
                ),
                (n, true) if n > 1 => push(
                    Severity::Warning,
                    "many_items",
                    Some(Field::Quantity),
                    &n.to_string(),
                    "one record per item, numbered in order",
                ),
                _ => {}
            }
            if let Some(life) = asset.useful_life_years
                && !(1..=100).contains(&life)
            {
                push(
                    Severity::Error,
                    "bad_number",
                    Some(Field::UsefulLife),
                    &life.to_string(),
                    "useful life between 1 and 100 years",
                );
            }
            let resolved =
                resolver.resolve(&mut asset, heading.as_deref(), &clue, row, &mut issues);
            if let (Some(CategoryRef::Existing { type_code, .. }), Some(date)) =
                (&resolved.category, asset.acquired_on)
                && !asset.code.is_empty()
                && !resolver.fits_scheme(
                    &asset.code,
                    type_code,
                    FiscalYear::of(date),
                    resolved.division.as_ref(),
                )
            {
                issues.push(RowIssue::new(
                    Severity::Warning,
                    "code_format",
                    Some(Field::Code),
                    &asset.code,
                    "does not follow the code scheme; kept as written",
                ));
            }
            if asset.code.is_empty() {
                asset.sources.code = Some(Source::Numbered);
                if asset.quantity == 1 {
                    issues.push(RowIssue::new(
                        Severity::Warning,
                        "will_number",
                        Some(Field::Code),
                        "",
                        "no code: the next free code will be given",
                    ));
                }
            }
            issues.sort_by_key(|i| std::cmp::Reverse(i.severity));
            let status = if issues.iter().any(|i| i.severity == Severity::Error) {
                RowStatus::Error
            } else if issues.is_empty() {
                RowStatus::Ready
            } else {
                RowStatus::Warning
            };
            let (shown, kept) = match (status, keep) {
                (RowStatus::Error, _) => (Some(asset), None),
                (_, Verdicts::WithValues) => (Some(asset.clone()), Some(asset)),
                (_, Verdicts::CountsOnly) => (None, Some(asset)),
            };
            if let Some(asset) = kept {
                items += asset.quantity;
                if !importable(Importable { asset, resolved }) {
                    break 'sheets;
                }
            }
            verdicts.push(RowVerdict {
                sheet: sheet.name.clone(),
                row,
                status,
                issues,
                asset: shown,
            });
        }
    }
    let count = |s: RowStatus| verdicts.iter().filter(|v| v.status == s).count() as u32;
    let dry = DryRun {
        ready: count(RowStatus::Ready),
        warnings: count(RowStatus::Warning),
        errors: count(RowStatus::Error),
        skipped: count(RowStatus::Skipped),
        importable: count(RowStatus::Ready) + count(RowStatus::Warning),
        items,
        new_categories: resolver.new_categories,
        new_divisions: resolver.new_divisions,
        new_locations: resolver.new_locations,
        new_people: resolver.new_people,
        sheets: sheet_divisions,
        rows: verdicts,
    };
    Ok(dry)
}
