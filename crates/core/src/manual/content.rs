//! The manual's text, written from the program's own rules and this organisation's settings:
//! the rule table of ข้อ ๒๐๘ (`loans::rules`) with the names in force for each case and the
//! delegations, the longest loan without a reason, the follow-up of ข้อ ๒๑๑, the check
//! schedule, whom to ask. Because the same table drives the enforcement, the manual cannot
//! tell staff one thing while the program does another.

use chrono::NaiveDate;
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::error::Result;
use crate::loans::LoanKind;
use crate::loans::rules::{Approver, approval_rules};

/// One numbered section of the manual.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ManualSection {
    /// Its heading.
    pub title: String,
    /// Its paragraphs (a paragraph starting "- " is a bullet).
    pub paragraphs: Vec<String>,
}

/// One branch of the borrowing flowchart: the cases one set of approvers decides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FlowBranch {
    /// The cases of ข้อ ๒๐๘, in words.
    pub cases: Vec<String>,
    /// Who decides them (posts).
    pub approvers: Vec<String>,
}

/// What the borrowing flowchart draws, read from the same rule table as the enforcement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BorrowingFlow {
    /// One branch per distinct set of approvers, in the order of the cases.
    pub branches: Vec<FlowBranch>,
    /// Days the lender has to follow up an overdue loan (ข้อ ๒๑๑).
    pub follow_up_days: u32,
}

/// The manual as written now, or as a version issued it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ManualContent {
    /// The organisation's name.
    pub organisation: String,
    /// The sections, in order.
    pub sections: Vec<ManualSection>,
    /// The flowchart.
    pub flow: BorrowingFlow,
    /// Who signs it (the agency head).
    pub signer_name: String,
    /// Their position.
    pub signer_position: String,
}

impl ManualContent {
    /// The SHA-256 of what it says, in hex: two versions with the same hash say the same.
    pub fn hash(&self) -> String {
        let json = serde_json::to_string(self).unwrap_or_default();
        hex(&Sha256::digest(json.as_bytes()))
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Days within which an overdue loan is followed up (ข้อ ๒๑๑).
pub const FOLLOW_UP_DAYS: u32 = 7;

/// The people who hold `role` (and their division for a division head), by name.
fn holders(conn: &Connection, role: &str) -> Result<Vec<(String, Option<String>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT u.full_name, d.name FROM users u JOIN user_roles r ON r.user_id = u.id
         LEFT JOIN divisions d ON d.id = r.division_id
         WHERE u.active = 1 AND r.role = ?1 ORDER BY d.name, u.full_name",
    )?;
    Ok(stmt
        .query_map([role], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Who holds an approver's post, in words: "นายสมชาย (สำนักปลัด), …".
fn names_of(conn: &Connection, approver: Approver) -> Result<String> {
    let people = holders(conn, approver.as_str())?;
    if people.is_empty() {
        return Ok("ยังไม่ได้กำหนดผู้ดำรงตำแหน่งในโปรแกรม".into());
    }
    Ok(people
        .into_iter()
        .map(|(name, division)| match division {
            Some(d) => format!("{name} ({d})"),
            None => name,
        })
        .collect::<Vec<_>>()
        .join(", "))
}

/// The delegations in force on `today` or later, in words.
fn delegations(conn: &Connection, today: NaiveDate) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.full_name, p.full_name, d.wording, d.starts_on, d.ends_on, d.document_no
         FROM delegations d JOIN users p ON p.id = d.principal_id JOIN users s ON s.id = d.delegate_id
         WHERE d.revoked_at IS NULL AND d.ends_on >= ?1 ORDER BY d.starts_on, d.id",
    )?;
    let rows = stmt.query_map(params![today], |r| {
        let wording: crate::loans::DelegationWording = r.get(2)?;
        let (from, to): (NaiveDate, NaiveDate) = (r.get(3)?, r.get(4)?);
        let document: String = r.get(5)?;
        Ok(format!(
            "- {} {}{} ตั้งแต่วันที่ {} ถึงวันที่ {}{}",
            r.get::<_, String>(0)?,
            wording.thai(),
            r.get::<_, String>(1)?,
            crate::calendar::format_date(
                from,
                crate::calendar::DateStyle::Long,
                crate::calendar::Digits::Arabic
            ),
            crate::calendar::format_date(
                to,
                crate::calendar::DateStyle::Long,
                crate::calendar::Digits::Arabic
            ),
            if document.is_empty() {
                String::new()
            } else {
                format!(" ({document})")
            }
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The flowchart's branches: cases grouped by the approvers the rule names for them.
pub(crate) fn flow(conn: &Connection) -> Result<BorrowingFlow> {
    let mut branches: Vec<(Vec<Approver>, Vec<LoanKind>)> = Vec::new();
    for rule in approval_rules(conn)? {
        match branches.iter_mut().find(|(a, _)| *a == rule.approvers) {
            Some((_, kinds)) => kinds.push(rule.kind),
            None => branches.push((rule.approvers, vec![rule.kind])),
        }
    }
    Ok(BorrowingFlow {
        branches: branches
            .into_iter()
            .map(|(approvers, kinds)| FlowBranch {
                cases: kinds.iter().map(|k| k.thai().to_owned()).collect(),
                approvers: approvers.iter().map(|a| a.thai().to_owned()).collect(),
            })
            .collect(),
        follow_up_days: FOLLOW_UP_DAYS,
    })
}

/// The manual as the rules and settings make it on `today`.
pub(crate) fn current(conn: &Connection, today: NaiveDate) -> Result<ManualContent> {
    let organisation = crate::org::organisation::load(conn)?;
    let print = crate::print_settings::load(conn)?;
    let loans = crate::loans::requests::settings(conn)?;
    let every = crate::checks::schedule::every_months(conn)?;
    let rules = approval_rules(conn)?;
    let org = if organisation.name.trim().is_empty() {
        "หน่วยงาน".to_owned()
    } else {
        organisation.name.clone()
    };
    let mut who_decides = Vec::new();
    for rule in &rules {
        let posts: Vec<String> = rule
            .approvers
            .iter()
            .map(|&a| Ok(format!("{} ได้แก่ {}", a.thai(), names_of(conn, a)?)))
            .collect::<Result<_>>()?;
        who_decides.push(format!(
            "- {} ({}): ผู้อนุมัติคือ {}",
            rule.kind.thai(),
            rule.kind.clause(),
            posts.join(" หรือ ")
        ));
    }
    let stand_ins = delegations(conn, today)?;
    if stand_ins.is_empty() {
        who_decides.push("ขณะนี้ไม่มีการมอบอำนาจให้ผู้อื่นอนุมัติแทน".into());
    } else {
        who_decides.push("ผู้ได้รับมอบอำนาจให้อนุมัติแทน:".into());
        who_decides.extend(stand_ins);
    }
    who_decides.push(
        "ผู้อนุมัติอนุมัติการยืมที่ตนเองเป็นผู้ยืมไม่ได้ และเจ้าหน้าที่พัสดุจ่ายหรือรับคืนพัสดุที่ตนเองยืมไม่ได้ โปรแกรมจะไม่ยอมให้บันทึก"
            .into(),
    );
    let contact = |role: &str, signer: &crate::print_settings::Signer| {
        let name = signer.name.trim();
        if name.is_empty() {
            format!("- {role}")
        } else if signer.position.trim().is_empty() {
            format!("- {role}: {name}")
        } else {
            format!("- {role}: {name} ตำแหน่ง {}", signer.position.trim())
        }
    };
    let sections = vec![
        ManualSection {
            title: "วัตถุประสงค์".into(),
            paragraphs: vec![format!(
                "คู่มือนี้กำหนดวิธีปฏิบัติในการใช้และการยืมทรัพย์สินของราชการของ{org} ตามระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560 หมวด 9 เพื่อให้บุคลากรทุกคนทราบและปฏิบัติอย่างถูกต้อง และเพื่อป้องกันการนำทรัพย์สินของราชการไปใช้ประโยชน์ส่วนตน"
            )],
        },
        ManualSection {
            title: "หลักการ: ใช้ในราชการเท่านั้น (ข้อ ๒๐๗)".into(),
            paragraphs: vec![
                "ห้ามยืมหรือนำพัสดุของทางราชการไปใช้ในกิจการที่มิใช่ของทางราชการ ไม่ว่ากรณีใด ๆ".into(),
                "การนำพัสดุออกจากที่ตั้งหรือนอกสถานที่ของหน่วยงานต้องได้รับอนุมัติก่อนทุกครั้ง และผู้ที่ไม่ใช่บุคลากรของหน่วยงานจะนำพัสดุไปไม่ได้".into(),
                "วัสดุ (ของใช้สิ้นเปลือง) ให้ยืมได้เฉพาะหน่วยงานของรัฐอื่นเท่านั้น และต้องคืนเป็นวัสดุชนิดเดียวกัน (ข้อ ๒๑๒)".into(),
            ],
        },
        ManualSection {
            title: "ผู้อนุมัติการยืม (ข้อ ๒๐๘)".into(),
            paragraphs: who_decides,
        },
        ManualSection {
            title: "ขั้นตอนการยืม การรับพัสดุ และการส่งคืน".into(),
            paragraphs: vec![
                "- ผู้ยืมทำหลักฐานการยืมเป็นลายลักษณ์อักษร (ใบยืมพัสดุ หรือคำขอในโปรแกรม) ระบุเหตุผลและกำหนดวันส่งคืน (ข้อ ๒๐๙) และยืนยันว่าจะใช้ในราชการเท่านั้น และจะส่งคืนในสภาพใช้การได้เรียบร้อย".into(),
                "- คำขอส่งถึงผู้อนุมัติตามกรณีข้างต้น ผู้อนุมัติพิจารณาอนุมัติหรือไม่อนุมัติพร้อมเหตุผล".into(),
                "- เจ้าหน้าที่พัสดุจ่ายพัสดุที่อนุมัติแล้ว ตรวจสภาพร่วมกับผู้ยืม และบันทึกผู้รับ".into(),
                "- เมื่อครบกำหนด ผู้ยืมส่งคืนพัสดุต่อเจ้าหน้าที่พัสดุ ซึ่งตรวจสภาพและบันทึกการรับคืน".into(),
                format!(
                    "- การยืมครั้งหนึ่งไม่ควรเกิน {} วัน หากจำเป็นต้องยืมนานกว่านั้นต้องระบุเหตุผลในคำขอ",
                    loans.max_days
                ),
            ],
        },
        ManualSection {
            title: "การติดตามทวงคืน (ข้อ ๒๑๑)".into(),
            paragraphs: vec![format!(
                "เมื่อครบกำหนดแล้วยังไม่ส่งคืน เจ้าหน้าที่พัสดุต้องติดตามทวงคืนภายใน {FOLLOW_UP_DAYS} วันนับแต่วันครบกำหนด หนังสือติดตามให้ผู้ยืมส่งคืนภายใน {} วัน ครั้งที่สองเป็นต้นไปแจ้งหัวหน้าหน่วยงานของผู้ยืมทราบด้วย",
                print.return_within_days
            )],
        },
        ManualSection {
            title: "พัสดุชำรุด เสียหาย หรือสูญหาย (ข้อ ๒๑๐)".into(),
            paragraphs: vec![
                "ผู้ยืมต้องส่งคืนพัสดุในสภาพที่ใช้การได้เรียบร้อย หากชำรุดเสียหายหรือใช้การไม่ได้ หรือสูญหายไป ผู้ยืมต้องจัดการแก้ไขซ่อมแซมให้คงสภาพเดิมโดยเสียค่าใช้จ่ายของตนเอง หรือชดใช้เป็นพัสดุประเภท ชนิด ขนาด ลักษณะ และคุณภาพอย่างเดียวกัน หรือชดใช้เป็นเงินตามราคาที่เป็นอยู่ในขณะยืม".into(),
                "พัสดุที่ชำรุด เสื่อมสภาพ สูญไป หรือไม่จำเป็นต้องใช้ จะมีการสอบหาข้อเท็จจริงและดำเนินการจำหน่ายตามระเบียบ (ข้อ ๒๑๔–๒๑๘)".into(),
            ],
        },
        ManualSection {
            title: "การตรวจสอบพัสดุ (ข้อ ๒๑๓)".into(),
            paragraphs: vec![
                format!(
                    "ตรวจนับพัสดุของทุกส่วนราชการเป็นระยะทุก {every} เดือน และตรวจสอบพัสดุประจำปีโดยคณะกรรมการที่หัวหน้าหน่วยงานของรัฐแต่งตั้ง ภายในเดือนสุดท้ายของปีงบประมาณ ผู้ใช้พัสดุต้องให้ความร่วมมือและแสดงพัสดุที่อยู่ในความรับผิดชอบ"
                ),
            ],
        },
        ManualSection {
            title: "สอบถามหรือแจ้งปัญหา".into(),
            paragraphs: vec![
                contact("เจ้าหน้าที่พัสดุ", &print.supplies_officer),
                contact("หัวหน้าเจ้าหน้าที่", &print.head_of_supplies),
            ],
        },
    ];
    Ok(ManualContent {
        organisation: org,
        sections,
        flow: flow(conn)?,
        signer_name: print.agency_head.name.trim().to_owned(),
        signer_position: print.agency_head.position.trim().to_owned(),
    })
}
