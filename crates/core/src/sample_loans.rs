//! Sample loans in every state, dated around today, so a trainer can show the approval
//! inbox, the dashboard, overdue follow-up and compensation on the sample อบต.
//!
//! They are made through the same operations people use, by the demo accounts who would
//! take each step, so every rule (approver, separation of duties, availability) applies
//! and the audit log tells the story.

use std::collections::HashSet;

use chrono::{Days, NaiveDate};
use rusqlite::OptionalExtension;

use crate::error::{Error, Result};
use crate::ids::{AssetId, PersonId, UserId};
use crate::loans::{
    Cancellation, Decision, DelegationInput, DelegationWording, FollowUpInput, FollowUpMethod,
    HandOut, ItemCondition, ItemHandOut, ItemReturn, Loan, LoanKind, LoanRequest, Return,
};
use crate::register::{Actor, Register};

/// Picks items and people from the sample and plays each loan's steps.
struct Script<'r> {
    register: &'r Register,
    today: NaiveDate,
    used: HashSet<AssetId>,
}

impl Script<'_> {
    fn user(&self, username: &str) -> Result<Actor> {
        let id: Option<UserId> = self
            .register
            .conn()
            .query_row(
                "SELECT id FROM users WHERE username = ?1",
                [username],
                |r| r.get(0),
            )
            .optional()?;
        id.map(Actor::User)
            .ok_or_else(|| Error::Internal(format!("sample loans: no user {username}")))
    }

    fn person(&self, first_name: &str) -> Result<PersonId> {
        let id: Option<PersonId> = self
            .register
            .conn()
            .query_row(
                "SELECT id FROM people WHERE first_name = ?1",
                [first_name],
                |r| r.get(0),
            )
            .optional()?;
        id.ok_or_else(|| Error::Internal(format!("sample loans: no person {first_name}")))
    }

    /// `n` unused items in use held by `division`, preferring names containing `like`.
    fn items(&mut self, division: &str, like: &str, n: usize) -> Result<Vec<AssetId>> {
        let candidates: Vec<AssetId> = {
            let conn = self.register.conn();
            let mut stmt = conn.prepare(
                "SELECT a.id FROM assets a JOIN divisions d ON d.id = a.division_id
                 WHERE d.name = ?1 AND a.status = 'in_use'
                 ORDER BY instr(a.name, ?2) = 0, a.code",
            )?;
            let rows = stmt.query_map([division, like], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        let picked: Vec<AssetId> = candidates
            .into_iter()
            .filter(|a| !self.used.contains(a))
            .take(n)
            .collect();
        if picked.len() < n {
            return Err(Error::Internal(format!(
                "sample loans: too few items in {division}"
            )));
        }
        self.used.extend(&picked);
        Ok(picked)
    }

    fn day(&self, offset: i64) -> NaiveDate {
        if offset >= 0 {
            self.today.checked_add_days(Days::new(offset as u64))
        } else {
            self.today
                .checked_sub_days(Days::new(offset.unsigned_abs()))
        }
        .unwrap_or(self.today)
    }

    /// A request by a person of the organisation, entered by the officer from paper.
    #[allow(clippy::too_many_arguments)]
    fn request(
        &self,
        kind: LoanKind,
        borrower: PersonId,
        purpose: &str,
        place: &str,
        from: i64,
        to: i64,
        items: Vec<AssetId>,
        paper_no: &str,
    ) -> LoanRequest {
        LoanRequest {
            kind,
            borrower_id: Some(borrower),
            agency_name: String::new(),
            agency_letter_no: String::new(),
            purpose: purpose.into(),
            place_of_use: place.into(),
            starts_on: self.day(from),
            due_on: self.day(to),
            long_loan_reason: String::new(),
            notes: String::new(),
            asset_ids: items,
            paper_no: paper_no.into(),
            submit: true,
            undertaking: true,
        }
    }

    fn approve(&self, who: &str, loan: &Loan) -> Result<Loan> {
        self.register.decide_loan(
            &self.user(who)?,
            &Decision {
                loan_id: loan.id,
                approve: true,
                reason: String::new(),
            },
        )
    }

    fn hand_out(&self, loan: &Loan, to: &str) -> Result<Loan> {
        self.register.hand_out(
            &self.user("officer2")?,
            &HandOut {
                loan_id: loan.id,
                items: loan
                    .items
                    .iter()
                    .map(|i| ItemHandOut {
                        asset_id: i.asset_id,
                        condition: ItemCondition::Good,
                    })
                    .collect(),
                received_by_name: to.into(),
            },
        )
    }

    fn give_back(
        &self,
        loan: &Loan,
        by: &str,
        condition: ItemCondition,
        notes: &str,
    ) -> Result<Loan> {
        self.register.return_items(
            &self.user("officer2")?,
            &Return {
                loan_id: loan.id,
                items: loan
                    .items
                    .iter()
                    .map(|i| ItemReturn {
                        asset_id: i.asset_id,
                        condition,
                        notes: notes.into(),
                    })
                    .collect(),
                returned_by_name: by.into(),
            },
        )
    }
}

/// Plays the sample loans; returns how many were made.
pub(crate) fn load(register: &Register) -> Result<usize> {
    let mut s = Script {
        register,
        today: register.today(),
        used: HashSet::new(),
    };
    let officer = s.user("officer")?;
    let staff = s.user("staff")?;
    let mut made = 0;

    // Returned in good order last month.
    let kamonchanok = s.person("กมลชนก")?;
    let items = s.items("สำนักปลัด", "โปรเจกเตอร์", 1)?;
    let loan = register.create_loan(
        &officer,
        &s.request(
            LoanKind::Inside,
            kamonchanok,
            "ใช้ในการประชุมประชาคมหมู่บ้าน หมู่ 3",
            "ห้องประชุมสภา",
            -40,
            -38,
            items,
            "สป. 101/2569",
        ),
    )?;
    let loan = s.approve("head.palad", &loan)?;
    let loan = s.hand_out(&loan, "นางสาวกมลชนก วงศ์ไชย")?;
    s.give_back(&loan, "นางสาวกมลชนก วงศ์ไชย", ItemCondition::Good, "")?;
    made += 1;

    // Out now, due back in three days.
    let nattapon = s.person("ณัฐพล")?;
    let items = s.items("กองช่าง", "เครื่อง", 2)?;
    let loan = register.create_loan(
        &officer,
        &s.request(
            LoanKind::Inside,
            nattapon,
            "ซ่อมแซมรางระบายน้ำหน้าที่ทำการ",
            "ที่ทำการ อบต.แม่กรณ์",
            -4,
            3,
            items,
            "กช. 88/2569",
        ),
    )?;
    let loan = s.approve("head.works", &loan)?;
    s.hand_out(&loan, "นายณัฐพล เรือนคำ")?;
    made += 1;

    // Taken outside, overdue 12 days, chased once within the 7 days.
    let pawina = s.person("ปวีณา")?;
    let items = s.items("กองการศึกษา ศาสนาและวัฒนธรรม", "กล้อง", 1)?;
    let loan = register.create_loan(
        &officer,
        &s.request(
            LoanKind::Outside,
            pawina,
            "ถ่ายภาพกิจกรรมวันเด็กแห่งชาติ",
            "โรงเรียนบ้านแม่กรณ์",
            -20,
            -12,
            items,
            "กศ. 45/2569",
        ),
    )?;
    let loan = s.approve("mayor", &loan)?;
    let loan = s.hand_out(&loan, "นางสาวปวีณา บุญมา")?;
    register.record_follow_up(
        &officer,
        &FollowUpInput {
            loan_id: loan.id,
            on_date: s.day(-8),
            letter_no: "ชร 80601/ว 212".into(),
            method: FollowUpMethod::Letter,
            notes: "แจ้งให้ส่งคืนภายใน 3 วัน".into(),
        },
    )?;
    made += 1;

    // Overdue 9 days and not chased yet: the follow-up is late.
    let rachanee = s.person("รัชนี")?;
    let items = s.items("กองสาธารณสุขและสิ่งแวดล้อม", "เครื่อง", 1)?;
    let loan = register.create_loan(
        &officer,
        &s.request(
            LoanKind::Inside,
            rachanee,
            "ออกหน่วยตรวจคัดกรองความดันโลหิต",
            "ศาลาอเนกประสงค์ หมู่ 7",
            -15,
            -9,
            items,
            "กส. 31/2569",
        ),
    )?;
    let loan = s.approve("head.health", &loan)?;
    s.hand_out(&loan, "นางสาวรัชนี ใจคำ")?;
    made += 1;

    // Came back damaged: a compensation case is open.
    let eakachai = s.person("เอกชัย")?;
    let items = s.items("กองช่าง", "สว่าน", 1)?;
    let loan = register.create_loan(
        &officer,
        &s.request(
            LoanKind::Inside,
            eakachai,
            "ติดตั้งป้ายประชาสัมพันธ์",
            "ศูนย์ราชการ",
            -10,
            -6,
            items,
            "กช. 90/2569",
        ),
    )?;
    let loan = s.approve("head.works", &loan)?;
    let loan = s.hand_out(&loan, "นายเอกชัย มณีวรรณ")?;
    s.give_back(
        &loan,
        "นายเอกชัย มณีวรรณ",
        ItemCondition::Damaged,
        "สายไฟขาด ใช้งานไม่ได้",
    )?;
    made += 1;

    // Lent to a school (another agency) by the agency head.
    let items = s.items("ศูนย์พัฒนาเด็กเล็กบ้านแม่กรณ์", "โต๊ะ", 2)?;
    let school = LoanRequest {
        kind: LoanKind::Agency,
        borrower_id: None,
        agency_name: "โรงเรียนบ้านแม่กรณ์".into(),
        agency_letter_no: "ศธ 04076.123/88".into(),
        ..s.request(
            LoanKind::Agency,
            kamonchanok,
            "จัดสอบธรรมศึกษา",
            "โรงเรียนบ้านแม่กรณ์",
            -2,
            5,
            items,
            "",
        )
    };
    let loan = register.create_loan(&officer, &school)?;
    let loan = s.approve("palad", &loan)?;
    s.hand_out(&loan, "นายอำนวย ครูใหญ่ (ผู้แทนโรงเรียน)")?;
    made += 1;

    // Waiting for the head of สำนักปลัด: กมลชนก asked herself.
    let items = s.items("สำนักปลัด", "เก้าอี้", 2)?;
    register.create_loan(
        &staff,
        &s.request(
            LoanKind::Inside,
            kamonchanok,
            "จัดประชุมคณะกรรมการชุมชน",
            "ห้องประชุมสภา",
            2,
            3,
            items,
            "",
        ),
    )?;
    made += 1;

    // Waiting for the agency head: taken outside.
    let weerapong = s.person("วีระพงษ์")?;
    let items = s.items("สำนักปลัด", "วิทยุ", 1)?;
    register.create_loan(
        &officer,
        &s.request(
            LoanKind::Outside,
            weerapong,
            "ใช้ประสานงานเวรป้องกันไฟป่า",
            "จุดสกัดไฟป่า ดอยแม่กรณ์",
            1,
            7,
            items,
            "สป. 130/2569",
        ),
    )?;
    made += 1;

    // Approved for next week by a stand-in of the head of กองการศึกษา.
    let head_edu = s.user("head.edu")?;
    let stand_in = s.user("committee3")?;
    let (Actor::User(principal_id), Actor::User(delegate_id)) = (&head_edu, &stand_in) else {
        return Err(Error::Internal("sample loans: users expected".into()));
    };
    register.create_delegation(
        &head_edu,
        &DelegationInput {
            principal_id: *principal_id,
            delegate_id: *delegate_id,
            wording: DelegationWording::ActingInPlace,
            starts_on: s.day(-3),
            ends_on: s.day(14),
            document_no: "คำสั่ง อบต.แม่กรณ์ ที่ 412/2569".into(),
        },
    )?;
    let chaiwat = s.person("ชัยวัฒน์")?;
    let items = s.items("กองการศึกษา ศาสนาและวัฒนธรรม", "", 1)?;
    let loan = register.create_loan(
        &officer,
        &s.request(
            LoanKind::Inside,
            chaiwat,
            "จัดงานประเพณีลอยกระทง",
            "ลานวัดแม่กรณ์",
            7,
            9,
            items,
            "กศ. 52/2569",
        ),
    )?;
    s.approve("committee3", &loan)?;
    made += 1;

    // Refused, and withdrawn.
    let somboon = s.person("สมบูรณ์")?;
    let items = s.items("กองสาธารณสุขและสิ่งแวดล้อม", "", 1)?;
    let loan = register.create_loan(
        &officer,
        &s.request(
            LoanKind::Inside,
            somboon,
            "ใช้ส่วนตัวในงานบุญที่บ้าน",
            "บ้านเลขที่ 45 หมู่ 2",
            1,
            2,
            items,
            "กส. 33/2569",
        ),
    )?;
    register.decide_loan(
        &s.user("head.health")?,
        &Decision {
            loan_id: loan.id,
            approve: false,
            reason: "ไม่ใช่การใช้ในราชการ (ข้อ ๒๐๗)".into(),
        },
    )?;
    made += 1;
    let items = s.items("สำนักปลัด", "", 1)?;
    let loan = register.create_loan(
        &officer,
        &s.request(
            LoanKind::Inside,
            kamonchanok,
            "ซ้อมแผนป้องกันอัคคีภัย",
            "ที่ทำการ อบต.",
            3,
            3,
            items,
            "สป. 131/2569",
        ),
    )?;
    register.cancel_loan(
        &officer,
        &Cancellation {
            loan_id: loan.id,
            reason: "เลื่อนการซ้อมแผนออกไป".into(),
        },
    )?;
    made += 1;

    // A draft กมลชนก has begun for next week and not yet sent: no approver sees it yet.
    let items = s.items("สำนักปลัด", "โต๊ะ", 2)?;
    register.create_loan(
        &staff,
        &LoanRequest {
            submit: false,
            undertaking: true,
            ..s.request(
                LoanKind::Inside,
                kamonchanok,
                "จัดโต๊ะรับลงทะเบียนงานวันเด็กแห่งชาติ",
                "ลานหน้าที่ทำการ อบต.",
                7,
                8,
                items,
                "",
            )
        },
    )?;
    made += 1;
    Ok(made)
}
