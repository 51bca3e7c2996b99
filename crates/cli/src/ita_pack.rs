//! `ita-pack --fiscal-year 2568 OUT`: the ITA evidence pack of a fiscal year, as the folder
//! OUT and OUT.zip beside it, written whole or not at all; each step is reported on standard
//! error as it is made.

use std::path::PathBuf;

use clap::Args;
use phatsadu_core::{Actor, DataDir, Error, Register};
use phatsadu_forms::ita_pack::{build, write_pack};
use serde_json::json;

use crate::Outcome;

/// `ita-pack`.
#[derive(Debug, Args)]
pub struct PackArgs {
    /// The fiscal year (B.E.), e.g. 2568.
    #[arg(long)]
    fiscal_year: i32,
    /// The folder to make (must not exist, or be empty); OUT.zip is written beside it.
    out: PathBuf,
}

/// Makes the pack.
pub fn ita_pack(data_dir: &DataDir, args: PackArgs) -> Result<Outcome, Error> {
    let register = Register::open_in(data_dir)?;
    let actor = Actor::command_line();
    let started = std::time::Instant::now();
    let pack = build(&register, &actor, args.fiscal_year, &mut |p| {
        eprintln!("[{}/{}] {}", p.done, p.total, p.label);
    })?;
    let (folder, zip) = write_pack(&pack, &args.out)?;
    let files: Vec<_> = pack
        .files
        .iter()
        .map(|f| json!({ "name": f.name, "title": f.title, "bytes": f.bytes.len(), "sha256": f.sha256() }))
        .collect();
    let mut text = format!(
        "หลักฐาน ITA ปีงบประมาณ {}: {} ไฟล์ ใน {} และ {} ({:.1} วินาที)\nบันทึกการใช้งาน head hash: {}\n",
        pack.fiscal_year,
        pack.files.len(),
        folder.display(),
        zip.display(),
        started.elapsed().as_secs_f64(),
        pack.audit_head
    );
    for f in &pack.files {
        text.push_str(&format!("{}  {}\n", f.sha256(), f.name));
    }
    Ok(Outcome::ok(
        text.trim_end().to_owned(),
        json!({
            "fiscalYear": pack.fiscal_year,
            "folder": folder,
            "zip": zip,
            "auditHead": pack.audit_head,
            "files": files,
        }),
    ))
}
