//! The ITA evidence pack of a fiscal year: every record the integrity assessment asks for
//! about the use of government property, made at one moment from one snapshot of the
//! register, with a cover listing each file's SHA-256 and the audit chain's verified head
//! hash, and a `SHA256SUMS.txt` for `sha256sum -c`.
//!
//! ```text
//!  snapshot ──▶ loan register (PDF, xlsx) · follow-ups · periodic checks (form 7)
//!           ──▶ annual report (PDF, xlsx) · public notice · fact-finding and disposals
//!           ──▶ each disposal's request, result, notice · the manual · acknowledgements
//!           ──▶ cover (hashes, audit head) · SHA256SUMS.txt ──▶ folder + zip, whole or not
//! ```
//!
//! The pack is built in memory; [`write_pack`] writes it to a fresh folder and a zip of it
//! beside, through a temporary name renamed at the end, so a crash or a full disk leaves
//! nothing half written.

use std::io::Write;
use std::path::{Path, PathBuf};

use phatsadu_core::calendar::FiscalYear;
use phatsadu_core::checks::{RoundKind, RoundListQuery};
use phatsadu_core::disposal::DisposalQuery;
use phatsadu_core::loans::LoanQuery;
use phatsadu_core::{Actor, Error, Register};
use sha2::{Digest, Sha256};

use crate::disposal::{DisposalDocument, disposal_document, public_notice_pdf};
use crate::exports::{SpreadsheetFormat, loan_list};
use crate::forms::evidence::{self, CoverLine};
use crate::printing::{form_error, letterhead};

/// One file of the pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackFile {
    /// Its name in the folder.
    pub name: String,
    /// What it is, as the cover lists it.
    pub title: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

impl PackFile {
    /// Its SHA-256, in hex.
    pub fn sha256(&self) -> String {
        hex::encode(Sha256::digest(&self.bytes))
    }
}

/// A finished pack, in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pack {
    /// The fiscal year (B.E.).
    pub fiscal_year: i32,
    /// The folder's name ("หลักฐานITA-ปีงบประมาณ2568").
    pub folder_name: String,
    /// The files: the cover first, `SHA256SUMS.txt` last.
    pub files: Vec<PackFile>,
    /// The audit chain's head hash, verified.
    pub audit_head: String,
}

/// How far the making of a pack has come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// Steps done.
    pub done: usize,
    /// Steps in all.
    pub total: usize,
    /// What is being made now.
    pub label: String,
}

/// The steps of a pack before the cover, for the progress bar.
const STEPS: usize = 10;

/// Makes the pack of `fiscal_year` (B.E.) as `actor`, from one snapshot of `register`.
/// Refused naming `fiscalYear` when the year has nothing to show.
pub fn build(
    register: &Register,
    actor: &Actor,
    fiscal_year: i32,
    progress: &mut dyn FnMut(Progress),
) -> Result<Pack, Error> {
    if !(2500..=2700).contains(&fiscal_year) {
        return Err(Error::invalid("fiscalYear", "not a B.E. fiscal year"));
    }
    let year = FiscalYear(fiscal_year);
    let mut step = 0;
    let mut tell = |label: &str| {
        progress(Progress {
            done: step,
            total: STEPS + 1,
            label: label.to_owned(),
        });
        step += 1;
    };
    tell("อ่านข้อมูลชุดเดียวกันทั้งหมด");
    let snap = register.snapshot()?;
    let loans = snap.list_loans(
        actor,
        &LoanQuery {
            fiscal_year: Some(fiscal_year),
            ..LoanQuery::default()
        },
    )?;
    let rounds: Vec<_> = snap
        .list_rounds(actor, &RoundListQuery::default())?
        .into_iter()
        .filter(|r| r.fiscal_year == fiscal_year || year.contains(r.starts_on))
        .collect();
    let disposal_rows = snap.list_disposals(
        actor,
        &DisposalQuery {
            fiscal_year: Some(fiscal_year),
            ..DisposalQuery::default()
        },
    )?;
    let cases: Vec<_> = snap
        .list_fact_findings(actor, false)?
        .into_iter()
        .filter(|c| year.contains(c.opened_on))
        .collect();
    if loans.is_empty() && rounds.is_empty() && disposal_rows.is_empty() && cases.is_empty() {
        return Err(Error::invalid(
            "fiscalYear",
            format!(
                "nothing was recorded in fiscal year {fiscal_year}: no loan, check or disposal"
            ),
        ));
    }
    let head = letterhead(&snap, actor)?;
    let mut files = Vec::new();
    let mut add = |name: String, title: &str, bytes: Vec<u8>| {
        files.push(PackFile {
            name,
            title: title.to_owned(),
            bytes,
        });
    };

    tell("ทะเบียนคุมการยืมพัสดุ");
    let printout = crate::printing::loan_register(&snap, actor, Some(fiscal_year))?;
    add(
        format!("01-ทะเบียนคุมการยืมพัสดุ-{fiscal_year}.pdf"),
        "ทะเบียนคุมการยืมพัสดุ (PDF)",
        printout.bytes,
    );
    let export = loan_list(&snap, actor, Some(fiscal_year), SpreadsheetFormat::Xlsx)?;
    add(
        format!("01-ทะเบียนคุมการยืมพัสดุ-{fiscal_year}.xlsx"),
        "ทะเบียนคุมการยืมพัสดุ (Excel)",
        export.bytes,
    );

    tell("การติดตามทวงคืน");
    let details = snap
        .followed_up_loans(actor, fiscal_year)?
        .into_iter()
        .map(|id| snap.loan_detail(actor, id))
        .collect::<Result<Vec<_>, _>>()?;
    add(
        format!("02-บัญชีการติดตามทวงคืนพัสดุ-{fiscal_year}.pdf"),
        "การติดตามทวงคืนพัสดุที่เกินกำหนด (ข้อ ๒๑๑)",
        evidence::follow_up_register(&head, fiscal_year, &details).map_err(form_error)?,
    );

    tell("การตรวจนับพัสดุประจำงวด");
    if rounds.iter().any(|r| r.kind == RoundKind::Periodic) {
        let printout = crate::checks::periodic_summary(&snap, actor, fiscal_year)?;
        add(
            format!("03-สรุปการตรวจนับพัสดุประจำงวด-{fiscal_year}.pdf"),
            "สรุปการตรวจนับพัสดุประจำงวดของแต่ละส่วนราชการ",
            printout.bytes,
        );
    }

    tell("รายงานผลการตรวจสอบพัสดุประจำปี");
    for round in rounds.iter().filter(|r| r.kind == RoundKind::Annual) {
        let checked = round.fiscal_year;
        let printout = crate::checks::report(&snap, actor, round.id)?;
        add(
            format!("04-รายงานผลการตรวจสอบพัสดุประจำปี-{checked}.pdf"),
            &format!("รายงานผลการตรวจสอบพัสดุประจำปีงบประมาณ {checked}"),
            printout.bytes,
        );
        let (bytes, _) = crate::checks::report_workbook(&snap, actor, round.id)?;
        add(
            format!("04-รายงานผลการตรวจสอบพัสดุประจำปี-{checked}.xlsx"),
            &format!("บัญชีแนบรายงานผลการตรวจสอบพัสดุประจำปี {checked} (Excel)"),
            bytes,
        );
        let notice = public_notice_pdf(&snap, actor, round.id)?;
        add(
            format!("05-ประกาศผลการตรวจสอบพัสดุประจำปี-{checked}.pdf"),
            &format!("ประกาศผลการตรวจสอบพัสดุประจำปี {checked}"),
            notice.bytes,
        );
    }

    tell("การสอบข้อเท็จจริงและการจำหน่าย");
    let disposals = disposal_rows
        .iter()
        .map(|r| snap.disposal(actor, r.id))
        .collect::<Result<Vec<_>, _>>()?;
    add(
        format!("06-ทะเบียนการสอบข้อเท็จจริงและการจำหน่ายพัสดุ-{fiscal_year}.pdf"),
        "การสอบหาข้อเท็จจริงและการจำหน่ายพัสดุ (ข้อ ๒๑๔–๒๑๘)",
        evidence::disposal_register(&head, fiscal_year, &cases, &disposals).map_err(form_error)?,
    );
    tell("เอกสารการจำหน่ายแต่ละเรื่อง");
    for d in &disposals {
        let no = d.disposal_no.replace('/', "-");
        let mut documents = vec![(DisposalDocument::Request, "รายงานขอจำหน่ายพัสดุ")];
        if d.approved_on.is_some() {
            documents.push((DisposalDocument::Result, "รายงานผลการจำหน่ายพัสดุ"));
        }
        if d.written_off_on.is_some() {
            documents.push((DisposalDocument::Notice, "หนังสือแจ้งสำนักงานการตรวจเงินแผ่นดิน"));
        }
        for (which, title) in documents {
            let printout = disposal_document(&snap, actor, d.id, which)?;
            add(
                format!("06-{no}-{title}.pdf"),
                &format!("{title} {}", d.disposal_no),
                printout.bytes,
            );
        }
    }

    tell("คู่มือการใช้และการยืมทรัพย์สินของราชการ");
    let manual = crate::manual::manual_pdf(&snap, actor, false)?;
    add(
        "07-คู่มือการใช้และการยืมทรัพย์สินของราชการ.pdf".to_owned(),
        "คู่มือการใช้และการยืมทรัพย์สินของราชการ พร้อมแผนผังขั้นตอนการยืม",
        manual.bytes,
    );
    tell("บัญชีลงนามรับทราบคู่มือ");
    let sheet = crate::manual::acknowledgement_sheet_pdf(&snap, actor, false)?;
    add(
        "08-บัญชีลงนามรับทราบคู่มือ.pdf".to_owned(),
        "ผู้รับทราบคู่มือ (ในโปรแกรมและลงนามในเอกสาร)",
        sheet.bytes,
    );

    tell("ตรวจสอบบันทึกการใช้งานและทำปก");
    let audit = snap.audit_fingerprint(actor)?;
    if !audit.ok {
        return Err(Error::Internal(format!(
            "the audit log does not verify at entry {:?}: the pack is not made",
            audit.first_broken_seq
        )));
    }
    let lines: Vec<CoverLine> = files
        .iter()
        .map(|f| CoverLine {
            name: f.name.clone(),
            title: f.title.clone(),
            bytes: f.bytes.len(),
            sha256: f.sha256(),
        })
        .collect();
    let made_at =
        crate::forms::stamp_date(Some(&snap.clock().now().to_rfc3339())).unwrap_or_default();
    let cover = evidence::pack_cover(
        &head,
        fiscal_year,
        &lines,
        &audit.head_hash,
        audit.entries_checked,
        &made_at,
    )
    .map_err(form_error)?;
    files.insert(
        0,
        PackFile {
            name: format!("00-ปก-หลักฐานITA-ปีงบประมาณ{fiscal_year}.pdf"),
            title: "ปกและรายการไฟล์พร้อมค่า SHA-256".into(),
            bytes: cover,
        },
    );
    let sums: String = files
        .iter()
        .map(|f| format!("{}  {}\n", f.sha256(), f.name))
        .collect();
    files.push(PackFile {
        name: "SHA256SUMS.txt".into(),
        title: "ค่า SHA-256 ของทุกไฟล์ (sha256sum -c SHA256SUMS.txt)".into(),
        bytes: sums.into_bytes(),
    });
    progress(Progress {
        done: STEPS + 1,
        total: STEPS + 1,
        label: "เสร็จแล้ว".into(),
    });
    Ok(Pack {
        fiscal_year,
        folder_name: format!("หลักฐานITA-ปีงบประมาณ{fiscal_year}"),
        files,
        audit_head: audit.head_hash,
    })
}

impl Pack {
    /// The pack as a zip: its folder and every file in it.
    pub fn zip(&self) -> Result<Vec<u8>, Error> {
        let zip_error = |e: zip::result::ZipError| Error::Internal(format!("zip: {e}"));
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for file in &self.files {
            writer
                .start_file(format!("{}/{}", self.folder_name, file.name), options)
                .map_err(zip_error)?;
            writer
                .write_all(&file.bytes)
                .map_err(|e| Error::Internal(format!("zip: {e}")))?;
        }
        Ok(writer.finish().map_err(zip_error)?.into_inner())
    }
}

/// Writes `pack` as the folder `out` and `out.zip` beside it, whole or not at all. `out`
/// must not exist, or be an empty folder; the zip must not exist.
pub fn write_pack(pack: &Pack, out: &Path) -> Result<(PathBuf, PathBuf), Error> {
    let zip_path = out.with_extension("zip");
    if out.exists() {
        let empty = std::fs::read_dir(out)
            .map_err(|e| Error::io(out, e))?
            .next()
            .is_none();
        if !out.is_dir() || !empty {
            return Err(Error::invalid(
                "out",
                format!("{} exists and is not an empty folder", out.display()),
            ));
        }
    }
    if zip_path.exists() {
        return Err(Error::invalid(
            "out",
            format!("{} exists", zip_path.display()),
        ));
    }
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let stem = out
        .file_name()
        .map_or_else(|| "pack".into(), |n| n.to_string_lossy().into_owned());
    let partial = parent.join(format!(".{stem}.partial-{}", std::process::id()));
    let partial_zip = parent.join(format!(".{stem}.zip.partial-{}", std::process::id()));
    let written = (|| -> Result<(), Error> {
        std::fs::create_dir_all(&partial).map_err(|e| Error::io(&partial, e))?;
        for file in &pack.files {
            let path = partial.join(&file.name);
            std::fs::write(&path, &file.bytes).map_err(|e| Error::io(&path, e))?;
        }
        std::fs::write(&partial_zip, pack.zip()?).map_err(|e| Error::io(&partial_zip, e))?;
        if out.exists() {
            std::fs::remove_dir(out).map_err(|e| Error::io(out, e))?;
        }
        std::fs::rename(&partial, out).map_err(|e| Error::io(out, e))?;
        std::fs::rename(&partial_zip, &zip_path).map_err(|e| Error::io(&zip_path, e))
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_dir_all(&partial);
        let _ = std::fs::remove_file(&partial_zip);
        return Err(e);
    }
    Ok((out.to_path_buf(), zip_path))
}
