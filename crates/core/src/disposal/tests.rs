//! Fact-finding and disposal on the sample อบต. (fixed clock): each step by the person the
//! regulation names, and every refusal changing nothing.

use chrono::{Days, NaiveDate};

use super::*;
use crate::assets::{AssetStatus, Transfer};
use crate::error::Error;
use crate::ids::{AssetId, DisposalId};
use crate::money::Satang;
use crate::register::{Actor, Register};
use crate::testing::{self, audit_count};

struct Sample {
    register: Register,
    clock: std::sync::Arc<crate::clock::FixedClock>,
    officer: Actor,
    mayor: Actor,
    today: NaiveDate,
}

fn login(register: &Register, username: &str) -> Actor {
    register
        .login(&crate::auth::LoginInput {
            username: username.into(),
            password: "demo1234".into(),
        })
        .unwrap()
        .actor()
}

fn sample() -> Sample {
    let (register, clock) = testing::register();
    register
        .load_sample_data(&Actor::System("test".into()))
        .unwrap();
    let officer = login(&register, "officer");
    let mayor = login(&register, "mayor");
    let today = register.clock().today();
    Sample {
        register,
        clock,
        officer,
        mayor,
        today,
    }
}

impl Sample {
    /// `n` items of `status` that no loan holds and no case has.
    fn items(&self, status: &str, n: usize) -> Vec<AssetId> {
        let conn = self.register.raw_connection_for_tests();
        let mut stmt = conn
            .prepare(
                "SELECT id FROM assets WHERE status = ?1 AND id NOT IN (
                     SELECT asset_id FROM loan_items li JOIN loans l ON l.id = li.loan_id
                     WHERE l.status IN ('approved', 'out', 'submitted', 'draft'))
                 ORDER BY code LIMIT ?2",
            )
            .unwrap();
        stmt.query_map(rusqlite::params![status, n as i64], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<Vec<AssetId>>>()
            .unwrap()
    }

    fn propose(&self, items: &[(AssetId, DisposalMethod)]) -> crate::error::Result<Disposal> {
        self.register.propose_disposal(
            &self.officer,
            &DisposalInput {
                reason: "ชำรุดเสียหายจนไม่อาจซ่อมแซมให้ใช้งานได้ ตามรายงานผลการตรวจสอบพัสดุประจำปี".into(),
                proposed_on: self.today,
                round_id: None,
                items: items
                    .iter()
                    .map(|&(asset_id, method)| DisposalItemInput {
                        asset_id,
                        method,
                        note: String::new(),
                    })
                    .collect(),
            },
        )
    }

    fn approve(&self, who: &Actor, id: DisposalId) -> crate::error::Result<Disposal> {
        self.register.decide_disposal(
            who,
            &DisposalDecision {
                disposal_id: id,
                approve: true,
                approval_no: "คำสั่ง อบต.แม่กรณ์ ที่ 15/2568".into(),
                approved_on: self.today,
                reason: String::new(),
            },
        )
    }

    fn sold(&self, id: DisposalId, asset: AssetId, baht: i64) -> DisposalResult {
        DisposalResult {
            disposal_id: id,
            asset_id: asset,
            method: DisposalMethod::SaleAuction,
            done_on: self.today,
            counterparty: "นายสมบัติ รับซื้อของเก่า".into(),
            document_no: "ใบเสร็จรับเงิน เล่ม 3 เลขที่ 41".into(),
            proceeds: Satang::baht(baht),
        }
    }

    fn status(&self, asset: AssetId) -> AssetStatus {
        self.register
            .asset_detail(&self.officer, asset)
            .unwrap()
            .asset
            .status
    }
}

fn field_of(err: &Error) -> String {
    err.details()["field"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn a_disposal_runs_from_proposal_through_approval_and_results_to_write_off_and_the_notice() {
    let s = sample();
    let damaged = s.items("damaged", 2);
    assert_eq!(damaged.len(), 2, "the sample has damaged items");
    let proposed = s
        .propose(&[
            (damaged[0], DisposalMethod::SaleAuction),
            (damaged[1], DisposalMethod::SaleAuction),
        ])
        .unwrap();
    assert_eq!(proposed.status, DisposalStatus::Proposed);
    assert!(proposed.disposal_no.starts_with("จน.1/"));
    assert!(proposed.items.iter().all(|i| i.net_book_value <= i.cost));
    // The officer cannot decide it; the agency head can, and the items wait for disposal.
    let before = audit_count(&s.register);
    let refused = s.approve(&s.officer, proposed.id).unwrap_err();
    assert_eq!(refused.code(), "not_the_approver", "{refused:?}");
    assert_eq!(audit_count(&s.register), before);
    assert!(
        s.register
            .disposal(&s.mayor, proposed.id)
            .unwrap()
            .steps
            .decide
    );
    let approved = s.approve(&s.mayor, proposed.id).unwrap();
    assert_eq!(approved.status, DisposalStatus::Approved);
    assert_eq!(
        approved.target_on,
        s.today.checked_add_days(Days::new(60)),
        "sixty days to carry it out"
    );
    assert_eq!(s.status(damaged[0]), AssetStatus::AwaitingDisposal);

    // Results: a write-off before every item is done names the one left.
    s.register
        .record_disposal_result(&s.officer, &s.sold(proposed.id, damaged[0], 1250))
        .unwrap();
    let early = s
        .register
        .write_off_disposal(&s.officer, proposed.id, s.today)
        .unwrap_err();
    assert_eq!(field_of(&early), "items");
    s.register
        .record_disposal_result(&s.officer, &s.sold(proposed.id, damaged[1], 800))
        .unwrap();
    let done = s
        .register
        .write_off_disposal(&s.officer, proposed.id, s.today)
        .unwrap();
    assert_eq!(done.status, DisposalStatus::WrittenOff);
    assert_eq!(done.total_proceeds, Satang::baht(2050));
    assert_eq!(
        done.notice_due_on,
        s.today.checked_add_days(Days::new(30)),
        "the State Audit Office within thirty days"
    );
    // The items are disposed, with the approval's reference, and stay read-only.
    let detail = s.register.asset_detail(&s.officer, damaged[0]).unwrap();
    assert_eq!(detail.asset.status, AssetStatus::Disposed);
    assert!(
        detail
            .events
            .iter()
            .any(|e| e.document_no == "คำสั่ง อบต.แม่กรณ์ ที่ 15/2568")
    );
    let moved = s.register.transfer_assets(
        &s.officer,
        &Transfer {
            asset_ids: vec![damaged[0]],
            division_id: None,
            location_id: None,
            custodian_id: None,
            on_date: s.today,
            document_no: String::new(),
            reason: "ย้าย".into(),
        },
    );
    assert!(moved.is_err(), "a disposed item is not moved");
    {
        let conn = s.register.raw_connection_for_tests();
        let lent = crate::loans::requests::unavailability(
            &conn, damaged[0], s.today, s.today, None, s.today,
        )
        .unwrap();
        assert!(lent.is_some(), "a disposed item is not lent");
    }
    // Nothing more to record; the notice is recorded once.
    let again = s
        .register
        .record_disposal_result(&s.officer, &s.sold(proposed.id, damaged[0], 1))
        .unwrap_err();
    assert_eq!(again.code(), "disposal_state");
    let notice = NoticeSent {
        disposal_id: proposed.id,
        notice_no: "ชร 75001/99".into(),
        sent_on: s.today,
    };
    let noticed = s
        .register
        .record_disposal_notice(&s.officer, &notice)
        .unwrap();
    assert_eq!(noticed.notice_sent_on, Some(s.today));
    assert!(
        s.register
            .record_disposal_notice(&s.officer, &notice)
            .is_err()
    );
    let rows = s
        .register
        .list_disposals(&s.officer, &DisposalQuery::default())
        .unwrap();
    assert_eq!(rows[0].notice_due_on, None, "told: no deadline left");
    let _ = &s.clock;
}

#[test]
fn bad_input_is_refused_by_its_field_and_changes_nothing() {
    let s = sample();
    let damaged = s.items("damaged", 3);
    let lost = s.items("in_use", 1)[0];
    s.register
        .change_asset_status(
            &s.officer,
            &crate::assets::StatusChange {
                asset_id: lost,
                status: AssetStatus::Lost,
                on_date: s.today,
                document_no: String::new(),
                reason: "ไม่พบในการตรวจนับ".into(),
            },
        )
        .unwrap();
    let before = audit_count(&s.register);
    // A lost item is written off as lost, and only after a fact-finding.
    let err = s
        .propose(&[(lost, DisposalMethod::SaleAuction)])
        .unwrap_err();
    assert_eq!(field_of(&err), "items[0].method");
    let err = s
        .propose(&[(lost, DisposalMethod::WriteOffLost)])
        .unwrap_err();
    assert_eq!(err.details()["reason"], "lost_needs_case", "{err}");
    let err = s
        .propose(&[(damaged[0], DisposalMethod::WriteOffLost)])
        .unwrap_err();
    assert_eq!(field_of(&err), "items[0].method");
    let err = s
        .propose(&[
            (damaged[0], DisposalMethod::Destruction),
            (damaged[0], DisposalMethod::Destruction),
        ])
        .unwrap_err();
    assert_eq!(field_of(&err), "items[1].assetId");
    assert_eq!(audit_count(&s.register), before, "nothing written");

    // Written off without approval: refused by its state.
    let proposed = s
        .propose(&[
            (damaged[0], DisposalMethod::TransferState),
            (damaged[1], DisposalMethod::SaleSpecific),
        ])
        .unwrap();
    let err = s
        .register
        .write_off_disposal(&s.officer, proposed.id, s.today)
        .unwrap_err();
    assert_eq!(err.code(), "disposal_state");
    // An item already in a disposal under way cannot enter another.
    let err = s
        .propose(&[(damaged[0], DisposalMethod::Destruction)])
        .unwrap_err();
    assert_eq!(field_of(&err), "items[0].assetId");
    s.approve(&s.mayor, proposed.id).unwrap();
    let before = audit_count(&s.register);
    // A transfer without its receiving body; proceeds below zero; money from a transfer.
    let mut transfer = s.sold(proposed.id, damaged[0], 0);
    transfer.method = DisposalMethod::TransferState;
    transfer.counterparty = " ".into();
    let err = s
        .register
        .record_disposal_result(&s.officer, &transfer)
        .unwrap_err();
    assert_eq!(field_of(&err), "counterparty");
    transfer.counterparty = "โรงเรียนบ้านแม่กรณ์".into();
    transfer.proceeds = Satang(-100);
    let err = s
        .register
        .record_disposal_result(&s.officer, &transfer)
        .unwrap_err();
    assert_eq!(field_of(&err), "proceeds");
    transfer.proceeds = Satang(100);
    let err = s
        .register
        .record_disposal_result(&s.officer, &transfer)
        .unwrap_err();
    assert_eq!(field_of(&err), "proceeds");
    let mut future = s.sold(proposed.id, damaged[1], 10);
    future.done_on = s.today.succ_opt().unwrap();
    let err = s
        .register
        .record_disposal_result(&s.officer, &future)
        .unwrap_err();
    assert_eq!(field_of(&err), "doneOn");
    assert_eq!(audit_count(&s.register), before, "nothing written");
    // A disposed item gets no new fact-finding case.
    transfer.proceeds = Satang(0);
    s.register
        .record_disposal_result(&s.officer, &transfer)
        .unwrap();
    s.register
        .record_disposal_result(&s.officer, &s.sold(proposed.id, damaged[1], 10))
        .unwrap();
    s.register
        .write_off_disposal(&s.officer, proposed.id, s.today)
        .unwrap();
    let err = s
        .register
        .open_fact_finding(
            &s.officer,
            &FactFindingInput {
                asset_ids: vec![damaged[0]],
                subject: "ชำรุด".into(),
                opened_on: s.today,
                round_id: None,
                compensation_id: None,
            },
        )
        .unwrap_err();
    assert_eq!(field_of(&err), "assetIds");
    // A status change to "disposed" is refused: only a write-off disposes.
    let err = s
        .register
        .change_asset_status(
            &s.officer,
            &crate::assets::StatusChange {
                asset_id: damaged[2],
                status: AssetStatus::Disposed,
                on_date: s.today,
                document_no: "คำสั่ง 1/2568".into(),
                reason: "ขาย".into(),
            },
        )
        .unwrap_err();
    assert_eq!(field_of(&err), "status");
}

#[test]
fn nobody_approves_a_disposal_they_proposed() {
    let s = sample();
    let damaged = s.items("damaged", 1);
    // The ปลัด is the agency head and, here, also keeps the register.
    let palad = login(&s.register, "palad");
    let Actor::User(palad_id) = palad else {
        panic!("a user")
    };
    s.register
        .raw_connection_for_tests()
        .execute(
            "INSERT INTO user_roles (user_id, role, division_id) VALUES (?1, 'head_of_supplies', NULL)",
            [palad_id],
        )
        .unwrap();
    let proposed = s
        .register
        .propose_disposal(
            &palad,
            &DisposalInput {
                reason: "ชำรุด".into(),
                proposed_on: s.today,
                round_id: None,
                items: vec![DisposalItemInput {
                    asset_id: damaged[0],
                    method: DisposalMethod::Destruction,
                    note: String::new(),
                }],
            },
        )
        .unwrap();
    let err = s.approve(&palad, proposed.id).unwrap_err();
    assert!(
        matches!(
            err,
            Error::SeparationOfDuties {
                rule: "approver_is_proposer"
            }
        ),
        "{err:?}"
    );
    assert!(
        !s.register
            .disposal(&palad, proposed.id)
            .unwrap()
            .steps
            .decide
    );
    s.approve(&s.mayor, proposed.id).unwrap();
}

#[test]
fn a_fact_finding_is_waived_for_normal_wear_or_concluded_by_its_committee() {
    let s = sample();
    let worn = s.items("deteriorated", 2);
    let open = |ids: Vec<AssetId>, compensation| {
        s.register.open_fact_finding(
            &s.officer,
            &FactFindingInput {
                asset_ids: ids,
                subject: "พบเสื่อมสภาพจากการตรวจสอบพัสดุประจำปี".into(),
                opened_on: s.today,
                round_id: None,
                compensation_id: compensation,
            },
        )
    };
    let case = open(worn.clone(), None).unwrap();
    assert!(case.case_no.starts_with("สข.1/"));
    // An item is in one open case at a time; a disposal waits for it to conclude.
    assert_eq!(
        field_of(&open(vec![worn[0]], None).unwrap_err()),
        "assetIds"
    );
    assert_eq!(
        field_of(
            &s.propose(&[(worn[0], DisposalMethod::Destruction)])
                .unwrap_err()
        ),
        "items[0].assetId"
    );
    // No committee yet: the officer cannot conclude it; the officer cannot waive it.
    let conclusion = FactFindingConclusion {
        case_id: case.id,
        finding: Finding::NormalWear,
        liable_name: String::new(),
        liable_amount: None,
        conclusion: "เสื่อมสภาพตามอายุการใช้งาน".into(),
        concluded_on: s.today,
    };
    assert_eq!(
        field_of(
            &s.register
                .conclude_fact_finding(&s.officer, &conclusion)
                .unwrap_err()
        ),
        "caseId"
    );
    let waiver = FactFindingWaiver {
        case_id: case.id,
        reason: "ใช้งานมากว่าสิบปี เสื่อมสภาพตามปกติ".into(),
        waived_on: s.today,
    };
    assert_eq!(
        s.register
            .waive_fact_finding(&s.officer, &waiver)
            .unwrap_err()
            .code(),
        "not_the_approver"
    );
    let waived = s.register.waive_fact_finding(&s.mayor, &waiver).unwrap();
    assert!(waived.concluded);
    assert_eq!(waived.finding, Some(Finding::NormalWear));
    assert!(waived.waived_by_name.is_some());
    // Concluded: the items may now be proposed, and the disposal names the case.
    let proposed = s
        .propose(&[(worn[0], DisposalMethod::Destruction)])
        .unwrap();
    assert_eq!(
        proposed.items[0].fact_finding_no.as_deref(),
        Some(case.case_no.as_str())
    );

    // From a loan's compensation case (the sample's, its committee appointed): the
    // committee finds the borrower liable, and the loan's case is settled at that amount.
    let case = s
        .register
        .list_fact_findings(&s.officer, true)
        .unwrap()
        .into_iter()
        .find(|c| c.compensation_id.is_some())
        .expect("the sample's case from the damaged loan");
    assert!(!case.order_no.is_empty() && case.members.len() == 3);
    let compensation = case.compensation_id.unwrap().0;
    assert_eq!(
        field_of(
            &s.register
                .waive_fact_finding(
                    &s.mayor,
                    &FactFindingWaiver {
                        case_id: case.id,
                        reason: "x".into(),
                        waived_on: s.today,
                    }
                )
                .unwrap_err()
        ),
        "caseId",
        "a committee was appointed: it finds"
    );
    let mut liable = conclusion.clone();
    liable.case_id = case.id;
    liable.finding = Finding::Liable;
    liable.liable_name = "ผู้ยืม".into();
    assert_eq!(
        field_of(
            &s.register
                .conclude_fact_finding(&s.officer, &liable)
                .unwrap_err()
        ),
        "liableAmount"
    );
    liable.liable_amount = Some(Satang::baht(3500));
    let concluded = s
        .register
        .conclude_fact_finding(&s.officer, &liable)
        .unwrap();
    assert_eq!(concluded.liable_amount, Some(Satang::baht(3500)));
    let agreed: (String, i64) = s
        .register
        .raw_connection_for_tests()
        .query_row(
            "SELECT remedy, agreed_value FROM compensation_cases WHERE id = ?1",
            [compensation],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(agreed, ("pay".to_owned(), 350_000));
}
