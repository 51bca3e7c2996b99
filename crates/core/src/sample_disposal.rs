//! The sample's after-the-check records and its manual, so a trainer can show the whole
//! trail on the sample อบต.: the manual issued and acknowledged by some (by login and on a
//! signed paper list, the rest still to do); a fact-finding waived by the mayor for normal
//! wear and its two items sold and written off, the notice to สตง. still to send; a
//! fact-finding with its committee on the loan that came back damaged; and a disposal
//! waiting for the mayor.
//!
//! Each step is taken through the same operations people use, by the demo account who
//! would take it, dated in the past where the operation takes a date.

use chrono::{Days, NaiveDate};
use rusqlite::OptionalExtension;

use crate::disposal::{
    CommitteeMember, DisposalDecision, DisposalInput, DisposalItemInput, DisposalMethod,
    DisposalResult, FactFindingCommittee, FactFindingInput, FactFindingWaiver,
};
use crate::error::{Error, Result};
use crate::ids::{AssetId, CompensationId, PersonId};
use crate::manual::PaperAcknowledgements;
use crate::money::Satang;
use crate::register::{Actor, Register};

fn user(register: &Register, username: &str) -> Result<Actor> {
    register
        .conn()
        .query_row(
            "SELECT id FROM users WHERE username = ?1",
            [username],
            |r| r.get(0),
        )
        .optional()?
        .map(Actor::User)
        .ok_or_else(|| Error::Internal(format!("sample disposal: no user {username}")))
}

/// Up to `n` items of `status` that no loan, case or check line in an open round holds.
fn free_items(register: &Register, status: &str, n: usize) -> Result<Vec<AssetId>> {
    let conn = register.conn();
    let mut stmt = conn.prepare(
        "SELECT a.id FROM assets a WHERE a.status = ?1
           AND a.id NOT IN (SELECT asset_id FROM loan_items)
           AND a.id NOT IN (SELECT asset_id FROM disposal_items)
           AND a.id NOT IN (SELECT asset_id FROM fact_finding_items)
         ORDER BY a.acquired_on, a.code LIMIT ?2",
    )?;
    let ids = stmt
        .query_map(rusqlite::params![status, n as i64], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<AssetId>>>()?;
    Ok(ids)
}

/// Up to `n` people of the staff directory whom no account is linked to.
fn unlinked_people(register: &Register, n: usize) -> Result<Vec<PersonId>> {
    let conn = register.conn();
    let mut stmt = conn.prepare(
        "SELECT p.id FROM people p WHERE p.active = 1
           AND p.id NOT IN (SELECT person_id FROM users WHERE person_id IS NOT NULL)
         ORDER BY p.id LIMIT ?1",
    )?;
    let ids = stmt
        .query_map([n as i64], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<PersonId>>>()?;
    Ok(ids)
}

fn days_ago(today: NaiveDate, days: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(days)).unwrap_or(today)
}

/// The manual issued, and acknowledged by four accounts and on one signed paper list.
fn manual(register: &Register) -> Result<()> {
    let officer = user(register, "officer")?;
    register.issue_manual(&officer)?;
    for username in ["officer", "supplyhead", "head.palad", "mayor"] {
        register.acknowledge_manual(&user(register, username)?)?;
    }
    // The paper list of a staff meeting: the first dozen without a login.
    let people = unlinked_people(register, 12)?;
    if !people.is_empty() {
        register.record_paper_acknowledgements(
            &officer,
            &PaperAcknowledgements {
                person_ids: people,
                acknowledged_on: register.today(),
                document_no: "บัญชีลงนามรับทราบคู่มือ (ประชุมประจำเดือน)".into(),
            },
        )?;
    }
    Ok(())
}

/// Returns how many disposals it made.
pub(crate) fn load(register: &Register) -> Result<usize> {
    manual(register)?;
    let officer = user(register, "officer")?;
    let mayor = user(register, "mayor")?;
    let today = register.today();
    let mut made = 0;

    // Two items worn out by years of use: the mayor waives the committee, they are sold
    // at auction and written off; สตง. is still to be told.
    let worn = free_items(register, "deteriorated", 2)?;
    if worn.len() == 2 {
        let case = register.open_fact_finding(
            &officer,
            &FactFindingInput {
                asset_ids: worn.clone(),
                subject: "พบเสื่อมสภาพจากการตรวจสอบพัสดุประจำปี ใช้งานมานานเกินอายุการใช้งาน".into(),
                opened_on: days_ago(today, 50),
                round_id: None,
                compensation_id: None,
            },
        )?;
        register.waive_fact_finding(
            &mayor,
            &FactFindingWaiver {
                case_id: case.id,
                reason: "เสื่อมสภาพจากการใช้งานตามปกติ ไม่ต้องแต่งตั้งคณะกรรมการสอบหาข้อเท็จจริง".into(),
                waived_on: days_ago(today, 45),
            },
        )?;
        let proposed = register.propose_disposal(
            &officer,
            &DisposalInput {
                reason: "พัสดุเสื่อมสภาพ ไม่จำเป็นต้องใช้ในราชการ ตามผลการสอบหาข้อเท็จจริง".into(),
                proposed_on: days_ago(today, 40),
                round_id: None,
                items: worn
                    .iter()
                    .map(|&asset_id| DisposalItemInput {
                        asset_id,
                        method: DisposalMethod::SaleAuction,
                        note: String::new(),
                    })
                    .collect(),
            },
        )?;
        register.decide_disposal(
            &mayor,
            &DisposalDecision {
                disposal_id: proposed.id,
                approve: true,
                approval_no: "คำสั่ง อบต.แม่กรณ์ ที่ 210/2569".into(),
                approved_on: days_ago(today, 35),
                reason: String::new(),
            },
        )?;
        for (n, &asset_id) in worn.iter().enumerate() {
            register.record_disposal_result(
                &officer,
                &DisposalResult {
                    disposal_id: proposed.id,
                    asset_id,
                    method: DisposalMethod::SaleAuction,
                    done_on: days_ago(today, 20),
                    counterparty: "ร้านเชียงรายรับซื้อของเก่า".into(),
                    document_no: format!("ใบเสร็จรับเงิน เล่ม 12 เลขที่ {}", 31 + n),
                    proceeds: Satang::baht(450 + 150 * n as i64),
                },
            )?;
        }
        register.write_off_disposal(&officer, proposed.id, days_ago(today, 10))?;
        made += 1;
    }

    // The item that came back damaged from a loan: a committee is finding out why.
    let compensation: Option<(CompensationId, AssetId)> = register
        .conn()
        .query_row(
            "SELECT id, asset_id FROM compensation_cases WHERE status = 'open' ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((compensation, asset)) = compensation {
        let case = register.open_fact_finding(
            &officer,
            &FactFindingInput {
                asset_ids: vec![asset],
                subject: "พัสดุส่งคืนในสภาพชำรุดจากการยืม".into(),
                opened_on: days_ago(today, 5),
                round_id: None,
                compensation_id: Some(compensation),
            },
        )?;
        register.appoint_fact_finding_committee(
            &officer,
            &FactFindingCommittee {
                case_id: case.id,
                order_no: "คำสั่ง อบต.แม่กรณ์ ที่ 215/2569".into(),
                order_on: days_ago(today, 4),
                members: vec![
                    CommitteeMember {
                        name: "นายธนากร ปัญญาดี".into(),
                        position: "นักวิเคราะห์นโยบายและแผนชำนาญการ".into(),
                        role: "ประธานกรรมการ".into(),
                    },
                    CommitteeMember {
                        name: "นายณัฐพล เรือนคำ".into(),
                        position: "นายช่างโยธาชำนาญงาน".into(),
                        role: "กรรมการ".into(),
                    },
                    CommitteeMember {
                        name: "นางสาวปวีณา บุญมา".into(),
                        position: "นักวิชาการศึกษาชำนาญการ".into(),
                        role: "กรรมการและเลขานุการ".into(),
                    },
                ],
            },
        )?;
    }

    // Damaged beyond repair: proposed for destruction, waiting for the mayor.
    let broken = free_items(register, "damaged", 2)?;
    if !broken.is_empty() {
        register.propose_disposal(
            &officer,
            &DisposalInput {
                reason: "ชำรุดเสียหายจนซ่อมแซมไม่คุ้มค่า ตามรายงานของช่าง".into(),
                proposed_on: days_ago(today, 2),
                round_id: None,
                items: broken
                    .iter()
                    .map(|&asset_id| DisposalItemInput {
                        asset_id,
                        method: DisposalMethod::Destruction,
                        note: "ซ่อมแซมไม่คุ้มค่า".into(),
                    })
                    .collect(),
            },
        )?;
        made += 1;
    }
    Ok(made)
}
