//! Counting away from the PC: a handheld scanner's memory, or codes typed into a text file
//! (.txt or .csv, one code a line, with or without the time each was scanned), loaded into
//! a round. A dry run shows each line's result first and changes nothing; loading it for
//! real counts each code exactly as a scan would, in one transaction.

use base64::Engine;
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::counting::{ScanInput, ScanOutcome, scan_in};
use super::{CountMethod, store};
use crate::assets::codes::code_key;
use crate::error::{Error, Result};
use crate::ids::{LocationId, RoundId};
use crate::register::{Actor, Register};

/// Largest list accepted (a scanner's memory holds a few thousand codes).
pub const MAX_LIST_BYTES: usize = 5 * 1024 * 1024;

/// Most lines in one list.
pub const MAX_LIST_LINES: usize = 50_000;

/// A list of codes to load into a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CodeListInput {
    /// The round.
    pub round_id: RoundId,
    /// The file's name.
    pub file_name: String,
    /// Its bytes, base64-encoded.
    pub data_base64: String,
    /// Where the codes were scanned (items of other locations are found elsewhere).
    pub location_id: Option<LocationId>,
    /// Only show what loading would do.
    pub dry_run: bool,
}

/// One line of the list and what it did (or would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CodeListLine {
    /// Its line number in the file (from 1).
    pub line_no: u32,
    /// The code read from it.
    pub code: String,
    /// When the scanner recorded it (UTC), if the line says.
    pub scanned_at: Option<String>,
    /// What it found.
    pub outcome: Option<ScanOutcome>,
    /// The item's name, when the register has it.
    pub name: String,
    /// Why the line is not a code: `not_a_code` (garbage, too long, control characters).
    pub problem: Option<String>,
}

/// What a list did (or would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CodeListReport {
    /// Every line that held something, in file order (blank lines and a header are left out).
    pub lines: Vec<CodeListLine>,
    /// How the file was read: `UTF-8`, `UTF-16` or `Windows-874`.
    pub encoding: String,
    /// Lines that counted an item of the list.
    pub counted: u32,
    /// Lines whose item was counted already (earlier, or earlier in the file).
    pub already_counted: u32,
    /// Lines that found an item not on the list.
    pub unexpected: u32,
    /// Lines that are not codes.
    pub problems: u32,
    /// Whether the counts were written (not a dry run).
    pub applied: bool,
}

/// Words a scanner's export may carry on its first line instead of a code.
const HEADER_WORDS: [&str; 8] = [
    "code",
    "barcode",
    "data",
    "รหัส",
    "รหัสครุภัณฑ์",
    "หมายเลขครุภัณฑ์",
    "time",
    "เวลา",
];

/// Decodes a list in whichever encoding a scanner or Notepad wrote it.
fn decode(bytes: &[u8]) -> (String, &'static str) {
    let utf16 = |bytes: &[u8], little: bool| -> String {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|p| {
                if little {
                    u16::from_le_bytes([p[0], p[1]])
                } else {
                    u16::from_be_bytes([p[0], p[1]])
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return (String::from_utf8_lossy(rest).into_owned(), "UTF-8");
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return (utf16(rest, true), "UTF-16");
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return (utf16(rest, false), "UTF-16");
    }
    // UTF-16 without a byte-order mark: ASCII codes with a zero byte after each.
    let zeros = bytes.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    if bytes.len() >= 4 && zeros * 2 >= bytes.len() / 2 {
        return (utf16(bytes, true), "UTF-16");
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), "UTF-8"),
        Err(_) => (
            encoding_rs::WINDOWS_874.decode(bytes).0.into_owned(),
            "Windows-874",
        ),
    }
}

/// A time stamp as scanners write them, read as Thai time (B.E. years too).
fn read_stamp(text: &str) -> Option<DateTime<Utc>> {
    const FORMATS: [&str; 7] = [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y/%m/%d %H:%M:%S",
        "%d/%m/%Y %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%d/%m/%Y %H:%M",
        "%d-%m-%Y %H:%M:%S",
    ];
    let text = crate::calendar::to_arabic_digits(text.trim());
    let local = FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&text, f).ok())?;
    use chrono::Datelike;
    let local = if local.year() >= 2400 {
        local.with_year(local.year() - 543)?
    } else {
        local
    };
    local
        .and_local_timezone(crate::clock::thai_offset())
        .single()
        .map(|t| t.with_timezone(&Utc))
}

/// One parsed line: its code and time, or why it is not a code.
struct Parsed {
    line_no: u32,
    code: String,
    at: Option<DateTime<Utc>>,
    problem: Option<&'static str>,
}

/// The lines of a list that hold something, read.
fn parse(text: &str) -> Result<Vec<Parsed>> {
    let mut parsed = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        if i >= MAX_LIST_LINES {
            return Err(Error::invalid(
                "file.tooLong",
                format!("more than {MAX_LIST_LINES} lines"),
            ));
        }
        let line = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
        if line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line
            .split(['\t', ',', ';'])
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .collect();
        let at = fields.iter().find_map(|f| read_stamp(f));
        let code = fields
            .iter()
            .find(|f| read_stamp(f).is_none())
            .map(|f| f.trim_matches('"').to_owned())
            .unwrap_or_default();
        if parsed.is_empty() && HEADER_WORDS.contains(&code.to_lowercase().as_str()) {
            continue;
        }
        let garbage = !looks_like_a_code(&code);
        parsed.push(Parsed {
            line_no: i as u32 + 1,
            code,
            at,
            problem: garbage.then_some("not_a_code"),
        });
    }
    Ok(parsed)
}

impl Register {
    /// Loads a list of codes into an open round (only its members may), or with `dry_run`
    /// shows what it would do. A list with lines that are not codes is refused, naming them.
    pub fn load_code_list(&self, actor: &Actor, input: &CodeListInput) -> Result<CodeListReport> {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(input.data_base64.trim())
            .map_err(|_| Error::invalid("file.damaged", "the file could not be read"))?;
        if bytes.is_empty() {
            return Err(Error::invalid("file.empty", "the file is empty"));
        }
        if bytes.len() > MAX_LIST_BYTES {
            return Err(Error::invalid(
                "file.tooLarge",
                format!("larger than {} MB", MAX_LIST_BYTES / 1024 / 1024),
            ));
        }
        let (text, encoding) = decode(&bytes);
        let lines = parse(&text)?;
        if lines.is_empty() {
            return Err(Error::invalid("file.noRows", "no code in the file"));
        }
        let work = |change: &mut crate::register::Change<'_>| -> Result<CodeListReport> {
            let round = store::load_round_for_counting(change, input.round_id, &change.actor)?;
            let mut report = CodeListReport {
                lines: Vec::with_capacity(lines.len()),
                encoding: encoding.to_owned(),
                counted: 0,
                already_counted: 0,
                unexpected: 0,
                problems: 0,
                applied: !input.dry_run,
            };
            for line in &lines {
                let mut shown = CodeListLine {
                    line_no: line.line_no,
                    code: line.code.clone(),
                    scanned_at: line.at.map(crate::clock::stamp),
                    outcome: None,
                    name: String::new(),
                    problem: line.problem.map(str::to_owned),
                };
                if line.problem.is_some() {
                    report.problems += 1;
                } else {
                    let scan = ScanInput {
                        round_id: round.id,
                        code: line.code.clone(),
                        location_id: input.location_id,
                        condition: None,
                    };
                    let at = line.at.unwrap_or_else(|| change.now());
                    let result = scan_in(change, &round, &scan, at, CountMethod::File)?;
                    match result.outcome {
                        ScanOutcome::Here | ScanOutcome::Elsewhere | ScanOutcome::OnLoan => {
                            report.counted += 1
                        }
                        ScanOutcome::AlreadyCounted => report.already_counted += 1,
                        _ => report.unexpected += 1,
                    }
                    shown.outcome = Some(result.outcome);
                    shown.name = result.name;
                }
                report.lines.push(shown);
            }
            if report.problems > 0 && !input.dry_run {
                let named: Vec<String> = report
                    .lines
                    .iter()
                    .filter(|l| l.problem.is_some())
                    .take(20)
                    .map(|l| l.line_no.to_string())
                    .collect();
                return Err(Error::invalid("file.lines", named.join(", ")));
            }
            Ok(report)
        };
        if input.dry_run {
            self.rehearse(actor, None, work)
        } else {
            // A scanner's memory can hold tens of thousands of codes: the log is copied
            // into the file after the answer, not before it.
            self.with_checkpoint_afterwards(|| self.change(actor, None, work))
        }
    }
}

/// Whether a line can be a code: a digit somewhere (every code scheme numbers its items),
/// nothing but letters, digits and the separators codes are written with, and not longer
/// than any code. A scanner's error text ("NO READ", "hello!!") or a stray control
/// character is not one, and is named rather than kept as an item nobody can find.
fn looks_like_a_code(code: &str) -> bool {
    code.chars().count() <= 60
        && code.chars().any(|c| c.is_numeric())
        && code
            .chars()
            .all(|c| c.is_alphanumeric() || " -–—_/.()".contains(c) || is_thai_mark(c))
        && !code_key(code).is_empty()
}

/// Thai vowel and tone marks (not alphanumeric to Rust, but part of Thai words).
fn is_thai_mark(c: char) -> bool {
    ('\u{0E31}'..='\u{0E4E}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_in_every_encoding_scanners_write() {
        let text = "416-68-0001\r\n416-68-0002\r\n";
        let mut utf16: Vec<u8> = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&utf16), (text.to_owned(), "UTF-16"));
        let bare: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&bare).1, "UTF-16", "without a byte-order mark");
        let (thai, _, _) = encoding_rs::WINDOWS_874.encode("๔๑๖-๖๘-๐๐๐๑\n");
        assert_eq!(decode(&thai), ("๔๑๖-๖๘-๐๐๐๑\n".to_owned(), "Windows-874"));
        assert_eq!(decode(text.as_bytes()).1, "UTF-8");
    }

    #[test]
    fn codes_times_headers_blanks_and_garbage() {
        let parsed = parse(
            "barcode,time\n\
             416-68-0001,2026-12-01 10:15:03\n\
             \n\
             01/12/2569 10:16:00\t416-68-0002\n\
             ๔๑๖-๖๘-๐๐๐๓\n\
             \u{1}\u{2}garbage\n\
             ----\n\
             hello world this is not a code!!\n\
             NO READ\n\
             กช.401-68-0004\n",
        )
        .unwrap();
        let codes: Vec<(u32, &str, Option<&str>)> = parsed
            .iter()
            .map(|p| (p.line_no, p.code.as_str(), p.problem))
            .collect();
        assert_eq!(
            codes,
            [
                (2, "416-68-0001", None),
                (4, "416-68-0002", None),
                (5, "๔๑๖-๖๘-๐๐๐๓", None),
                (6, "\u{1}\u{2}garbage", Some("not_a_code")),
                (7, "----", Some("not_a_code")),
                (8, "hello world this is not a code!!", Some("not_a_code")),
                (9, "NO READ", Some("not_a_code")),
                (10, "กช.401-68-0004", None),
            ]
        );
        let at = |i: usize| parsed[i].at.map(|t| t.to_rfc3339());
        assert_eq!(
            at(0).as_deref(),
            Some("2026-12-01T03:15:03+00:00"),
            "Thai time"
        );
        assert_eq!(
            at(1).as_deref(),
            Some("2026-12-01T03:16:00+00:00"),
            "a B.E. year"
        );
        assert_eq!(at(2), None);
    }
}
