//! Sample materials: the 80 items of `assets/sample/materials.json` with a year of cards
//! (opening balances a year ago, a receipt each month at slowly rising prices, the
//! divisions' signed paper requisitions each month, a count difference) and requisitions
//! asked in the program in every state, so a trainer can show the stock cards, FIFO, what
//! is under its level and each signer's inbox.
//!
//! Made through the same operations people use, by the demo accounts who would take each
//! step, so every rule (dates in order, the balance, who signs, separation of duties)
//! applies and the audit log tells the story.

use chrono::{Days, NaiveDate};
use rusqlite::OptionalExtension;
use serde::Deserialize;

use crate::calendar::FiscalYear;
use crate::error::{Error, Result};
use crate::ids::{DivisionId, LocationId, MaterialId, MaterialRequisitionId, PersonId, UserId};
use crate::materials::requisitions::{
    ApprovalLine, RequisitionApproval, RequisitionCancel, RequisitionClose, RequisitionInput,
    RequisitionIssue, RequisitionLineInput, RequisitionSignature,
};
use crate::materials::{
    Adjustment, AdjustmentReason, IssueLine, MaterialInput, OpeningBalance, PaperIssue, Quantity,
    ReceiptInput, ReceiptLine,
};
use crate::money::Satang;
use crate::register::{Actor, Register};

#[derive(Deserialize)]
struct SampleMaterials {
    materials: Vec<SampleMaterial>,
}

#[derive(Deserialize)]
struct SampleMaterial {
    code: String,
    name: String,
    unit: String,
    #[serde(rename = "type")]
    type_name: String,
    price: i64,
    minimum: i64,
    divisible: bool,
}

struct Item {
    id: MaterialId,
    price: i64,
    minimum: i64,
}

fn lookup<T: rusqlite::types::FromSql>(register: &Register, sql: &str, key: &str) -> Result<T> {
    register
        .conn()
        .query_row(sql, [key], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::Internal(format!("sample materials: nothing for {key}")))
}

fn user(register: &Register, username: &str) -> Result<Actor> {
    lookup::<UserId>(
        register,
        "SELECT id FROM users WHERE username = ?1",
        username,
    )
    .map(Actor::User)
}

fn person(register: &Register, first_name: &str) -> Result<PersonId> {
    lookup(
        register,
        "SELECT id FROM people WHERE first_name = ?1",
        first_name,
    )
}

fn division(register: &Register, name: &str) -> Result<DivisionId> {
    lookup(register, "SELECT id FROM divisions WHERE name = ?1", name)
}

fn units(n: i64) -> Quantity {
    Quantity::units(n.max(1))
}

fn balance(register: &Register, id: MaterialId) -> Result<Quantity> {
    Ok(register
        .conn()
        .query_row("SELECT balance FROM materials WHERE id = ?1", [id], |r| {
            r.get(0)
        })?)
}

/// Who asks for each division on paper (never a supplies officer: they issue).
const ASKERS: [(&str, &str); 6] = [
    ("สำนักปลัด", "วีระพงษ์"),
    ("กองคลัง", "ศิริพร"),
    ("กองช่าง", "ณัฐพล"),
    ("กองการศึกษา ศาสนาและวัฒนธรรม", "ชัยวัฒน์"),
    ("กองสาธารณสุขและสิ่งแวดล้อม", "รัชนี"),
    ("ศูนย์พัฒนาเด็กเล็กบ้านแม่กรณ์", "ดารุณี"),
];

/// Loads the sample materials; returns how many items and requisitions were made.
pub(crate) fn load(register: &Register) -> Result<(usize, usize)> {
    let sample: SampleMaterials =
        serde_json::from_str(include_str!("../../../assets/sample/materials.json"))
            .map_err(|e| Error::Internal(format!("sample materials: {e}")))?;
    let officer = user(register, "officer")?;
    let today = register.today();
    let start = today - Days::new(360);
    let fiscal = FiscalYear::of(today).be_year();
    let store: Option<LocationId> = lookup(
        register,
        "SELECT id FROM locations WHERE name = ?1",
        "ห้องพัสดุ",
    )
    .ok();
    let types = register.list_material_types(&officer)?;
    let mut items = Vec::with_capacity(sample.materials.len());
    for m in &sample.materials {
        let type_id = types.iter().find(|t| t.name == m.type_name).map(|t| t.id);
        let made = register.create_material(
            &officer,
            &MaterialInput {
                code: m.code.clone(),
                name: m.name.clone(),
                unit: m.unit.clone(),
                divisible: m.divisible,
                type_id,
                location_id: store,
                minimum: Quantity::units(m.minimum),
                notes: String::new(),
            },
        )?;
        items.push(Item {
            id: made.id,
            price: m.price,
            minimum: m.minimum,
        });
    }
    // What the paper cards held a year ago, a little cheaper than today; the items never
    // restocked (every 13th) started just under their level.
    for (n, item) in items.iter().enumerate() {
        let opening = if n % 13 == 0 {
            item.minimum - 1
        } else {
            item.minimum * 2 + 4
        };
        register.record_opening_balance(
            &officer,
            &OpeningBalance {
                material_id: item.id,
                on_date: start,
                quantity: units(opening),
                unit_price: Satang(item.price * 95 / 100),
                document_no: "บัญชีวัสดุ (กระดาษ) ปีก่อน".into(),
            },
        )?;
    }
    let askers: Vec<(DivisionId, PersonId)> = ASKERS
        .iter()
        .map(|(d, p)| Ok((division(register, d)?, person(register, p)?)))
        .collect::<Result<_>>()?;
    for month in 1..=11_u64 {
        // A receipt at the start of each month, for a third of the items; every 13th item
        // is never restocked, so some end the year under their level.
        let received_on = start + Days::new(30 * month - 25);
        let lines: Vec<ReceiptLine> = items
            .iter()
            .enumerate()
            .filter(|(n, _)| (*n as u64) % 3 == month % 3 && n % 13 != 0)
            .map(|(_, item)| ReceiptLine {
                material_id: item.id,
                quantity: units(item.minimum + 6),
                unit_price: Satang(item.price * (100 + month as i64) / 100),
            })
            .collect();
        register.receive_materials(
            &officer,
            &ReceiptInput {
                received_on,
                document_no: format!("ตร.{month}/{}", FiscalYear::of(received_on).be_year()),
                vendor: if month % 2 == 0 {
                    "หจก.เชียงรายศึกษาภัณฑ์"
                } else {
                    "ร้านแม่กรณ์พาณิชย์"
                }
                .into(),
                notes: String::new(),
                lines,
            },
        )?;
        // Each division's signed paper requisition in the middle of the month.
        let issued_on = start + Days::new(30 * month - 10);
        for (k, (division_id, requester)) in askers.iter().enumerate() {
            let mut lines = Vec::new();
            for j in 0..3_usize {
                let item = &items[(month as usize * 7 + k * 13 + j * 29) % items.len()];
                let want = units(item.minimum / 4 + 1);
                if lines.iter().all(|l: &IssueLine| l.material_id != item.id)
                    && balance(register, item.id)? >= want
                {
                    lines.push(IssueLine {
                        material_id: item.id,
                        quantity: want,
                    });
                }
            }
            if lines.is_empty() {
                continue;
            }
            register.issue_paper_requisition(
                &officer,
                &PaperIssue {
                    requisition_no: format!(
                        "บ.ก.{}/{}",
                        month as usize * 10 + k,
                        FiscalYear::of(issued_on).be_year()
                    ),
                    division_id: *division_id,
                    requester_id: *requester,
                    on_date: issued_on,
                    lines,
                },
            )?;
        }
    }
    // Last month's count of the store found two reams of paper short.
    register.adjust_material(
        &officer,
        &Adjustment {
            material_id: items[0].id,
            on_date: today - Days::new(3),
            increase: false,
            quantity: Quantity::units(2),
            unit_price: Satang(0),
            reason: AdjustmentReason::CountDifference,
            document_no: format!("รายงานตรวจนับคลังวัสดุ {fiscal}"),
            explanation: "ตรวจนับแล้วขาด 2 รีม (ชำรุดจากน้ำรั่ว)".into(),
        },
    )?;
    let made = requisitions(register, &items, today)?;
    Ok((items.len(), made))
}

fn ask(
    register: &Register,
    actor: &Actor,
    requester: Option<PersonId>,
    purpose: &str,
    lines: &[(&Item, i64)],
) -> Result<MaterialRequisitionId> {
    Ok(register
        .create_requisition(
            actor,
            &RequisitionInput {
                requester_id: requester,
                division_id: None,
                purpose: purpose.into(),
                lines: lines
                    .iter()
                    .map(|(item, n)| RequisitionLineInput {
                        material_id: item.id,
                        quantity: units(*n),
                        note: String::new(),
                    })
                    .collect(),
            },
        )?
        .id)
}

fn sign(
    register: &Register,
    head: &str,
    id: MaterialRequisitionId,
    yes: bool,
    why: &str,
) -> Result<()> {
    register.endorse_requisition(
        &user(register, head)?,
        &RequisitionSignature {
            requisition_id: id,
            approve: yes,
            reason: why.into(),
        },
    )?;
    Ok(())
}

fn approve(
    register: &Register,
    id: MaterialRequisitionId,
    cuts: &[(u32, i64)],
    why: &str,
) -> Result<()> {
    register.approve_requisition(
        &user(register, "supplyhead")?,
        &RequisitionApproval {
            requisition_id: id,
            approve: true,
            cuts: cuts
                .iter()
                .map(|(line_no, n)| ApprovalLine {
                    line_no: *line_no,
                    quantity: units(*n),
                })
                .collect(),
            reason: why.into(),
        },
    )?;
    Ok(())
}

fn issue(
    register: &Register,
    by: &str,
    id: MaterialRequisitionId,
    on: NaiveDate,
    lines: &[(u32, i64)],
) -> Result<()> {
    register.issue_requisition(
        &user(register, by)?,
        &RequisitionIssue {
            requisition_id: id,
            on_date: on,
            received_by: None,
            lines: lines
                .iter()
                .map(|(line_no, n)| ApprovalLine {
                    line_no: *line_no,
                    quantity: units(*n),
                })
                .collect(),
        },
    )?;
    Ok(())
}

/// One requisition in each state, asked today.
fn requisitions(register: &Register, items: &[Item], today: NaiveDate) -> Result<usize> {
    let officer = user(register, "officer")?;
    let staff = user(register, "staff")?;
    let (paper, pens, toner, cement, bags, abate, soap) = (
        &items[1], &items[3], &items[22], &items[62], &items[38], &items[74], &items[45],
    );
    // Waiting for the head of สำนักปลัด: the staff member's own request.
    ask(
        register,
        &staff,
        None,
        "จัดทำเอกสารประชุมสภา อบต. สมัยสามัญ",
        &[(paper, 5), (pens, 10)],
    )?;
    // Waiting for the head of กองช่าง: keyed by the officer for a technician.
    ask(
        register,
        &officer,
        Some(person(register, "ณัฐพล")?),
        "ซ่อมรางระบายน้ำ หมู่ 4",
        &[(cement, 10)],
    )?;
    // Signed by the head of กองสาธารณสุข, waiting for the head of supplies.
    let id = ask(
        register,
        &officer,
        Some(person(register, "รัชนี")?),
        "รณรงค์ป้องกันไข้เลือดออก",
        &[(abate, 1), (bags, 5)],
    )?;
    sign(register, "head.health", id, true, "")?;
    // Approved, waiting for the officer to issue.
    let id = ask(
        register,
        &officer,
        Some(person(register, "ปวีณา")?),
        "กิจกรรมวันเด็กแห่งชาติ",
        &[(paper, 2), (pens, 20)],
    )?;
    sign(register, "head.edu", id, true, "")?;
    approve(register, id, &[], "")?;
    // Cut and issued in part: the rest waits.
    let id = ask(
        register,
        &officer,
        Some(person(register, "ดารุณี")?),
        "ใช้ในศูนย์พัฒนาเด็กเล็ก",
        &[(soap, 4), (paper, 3)],
    )?;
    sign(register, "head.child", id, true, "")?;
    approve(register, id, &[(2, 2)], "กระดาษคงเหลือน้อย แบ่งให้หน่วยงานอื่นด้วย")?;
    issue(register, "officer", id, today, &[(1, 2), (2, 2)])?;
    // Issued in full by the second officer.
    let id = ask(
        register,
        &officer,
        Some(person(register, "ชัยวัฒน์")?),
        "จัดทำทะเบียนนักเรียน",
        &[(toner, 1)],
    )?;
    sign(register, "head.edu", id, true, "")?;
    approve(register, id, &[], "")?;
    issue(register, "officer2", id, today, &[(1, 1)])?;
    // Issued in part, the rest closed.
    let id = ask(
        register,
        &officer,
        Some(person(register, "สมบูรณ์")?),
        "ทำความสะอาดตลาดนัดชุมชน",
        &[(bags, 6)],
    )?;
    sign(register, "head.health", id, true, "")?;
    approve(register, id, &[], "")?;
    issue(register, "officer", id, today, &[(1, 3)])?;
    register.close_requisition(
        &officer,
        &RequisitionClose {
            requisition_id: id,
            reason: "งานเสร็จแล้ว ไม่ต้องใช้ส่วนที่เหลือ".into(),
        },
    )?;
    // Refused by the head of กองช่าง.
    let id = ask(
        register,
        &officer,
        Some(person(register, "จำรัส")?),
        "ทาสีรั้วสำนักงาน",
        &[(cement, 2)],
    )?;
    sign(register, "head.works", id, false, "ยังไม่มีแผนงานนี้ในปีงบประมาณ")?;
    // Withdrawn by the staff member herself.
    let id = ask(register, &staff, None, "จัดบอร์ดประชาสัมพันธ์", &[(pens, 2)])?;
    register.cancel_requisition(
        &staff,
        &RequisitionCancel {
            requisition_id: id,
            reason: "ขอผิดรายการ".into(),
        },
    )?;
    Ok(9)
}
