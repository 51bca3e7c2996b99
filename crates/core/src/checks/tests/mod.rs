//! Check rounds against the sample organisation (its divisions, places, staff and
//! accounts, without its generated assets) on 1 Oct 2024, with a handful of items of
//! กองช่าง in two places, one of them out on a loan, one disposed, one of สำนักปลัด.

mod closing;
mod counting;
mod rounds;
mod to_disposal;

use std::sync::Arc;

use chrono::NaiveDate;

use super::*;
use crate::assets::records::NewAssets;
use crate::assets::{AssetInput, AssetStatus};
use crate::clock::FixedClock;
use crate::ids::{AssetId, CategoryId, DivisionId, LocationId, PersonId, RoundId};
use crate::loans::{Decision, HandOut, ItemCondition, LoanKind, LoanRequest};
use crate::money::Satang;
use crate::register::{Actor, Register};

pub(super) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub(super) struct World {
    pub register: Register,
    pub clock: Arc<FixedClock>,
    pub officer: Actor,
    /// committee1 (ธนากร, สำนักปลัด) and committee2 (ณัฐพล, กองช่าง): check_committee accounts.
    pub checker1: Actor,
    pub checker2: Actor,
    /// committee3 (ปวีณา).
    pub checker3: Actor,
    pub viewer: Actor,
    pub works: DivisionId,
    pub palad: DivisionId,
    /// ห้องกองช่าง ชั้น 2 and โรงเก็บเครื่องมือช่าง.
    pub office: LocationId,
    pub shed: LocationId,
    /// ห้องปลัด อบต. (another division's).
    pub palad_room: LocationId,
    /// Four items in the office, 405-66-0001 … 0004.
    pub in_office: Vec<AssetId>,
    /// Two items in the shed, 407-66-0001, 0002.
    pub in_shed: Vec<AssetId>,
    /// An item of the shed out on loan 1/2568 (407-66-0003).
    pub on_loan: AssetId,
    /// A disposed item of กองช่าง.
    pub disposed: AssetId,
    /// An item of สำนักปลัด (401-66-0001).
    pub elsewhere: AssetId,
}

pub(super) fn log_in(register: &Register, username: &str) -> Actor {
    register
        .login(&crate::auth::LoginInput {
            username: username.into(),
            password: "demo1234".into(),
        })
        .unwrap()
        .actor()
}

pub(super) fn person_named(register: &Register, actor: &Actor, first: &str) -> PersonId {
    register
        .list_staff(actor, &Default::default())
        .unwrap()
        .into_iter()
        .find(|p| p.first_name == first)
        .unwrap_or_else(|| panic!("no person {first}"))
        .id
}

fn category(register: &Register, actor: &Actor, type_code: &str) -> CategoryId {
    register
        .list_categories(actor)
        .unwrap()
        .into_iter()
        .find(|c| c.type_code == type_code)
        .unwrap()
        .id
}

fn location(register: &Register, actor: &Actor, name: &str) -> (DivisionId, LocationId) {
    let found = register
        .list_locations(actor, &Default::default())
        .unwrap()
        .into_iter()
        .find(|l| l.name == name)
        .unwrap();
    (found.division_id, found.id)
}

fn items(
    world_register: &Register,
    officer: &Actor,
    name: &str,
    type_code: &str,
    place: (DivisionId, LocationId),
    count: u32,
) -> Vec<AssetId> {
    world_register
        .create_assets(
            officer,
            &NewAssets {
                asset: AssetInput {
                    name: name.into(),
                    category_id: Some(category(world_register, officer, type_code)),
                    acquired_on: Some(d(2023, 5, 10)),
                    unit_price: Satang(1_250_000),
                    division_id: Some(place.0),
                    location_id: Some(place.1),
                    ..Default::default()
                },
                count,
            },
        )
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect()
}

pub(super) fn world() -> World {
    let (register, clock) = crate::testing::register();
    register
        .complete_setup(&crate::testing::setup_input())
        .unwrap();
    register
        .load_sample_data_with(
            &Actor::System("test".into()),
            crate::sample::SampleOptions { assets: false },
        )
        .unwrap();
    let officer = log_in(&register, "officer");
    let office = location(&register, &officer, "ห้องกองช่าง ชั้น 2");
    let shed = location(&register, &officer, "โรงเก็บเครื่องมือช่าง");
    let palad_room = location(&register, &officer, "ห้องปลัด อบต.");
    let in_office = items(&register, &officer, "เครื่องสำรวจ GPS", "405", office, 4);
    let mut shed_items = items(&register, &officer, "สว่านไฟฟ้า", "407", shed, 3);
    let on_loan = shed_items.pop().unwrap();
    let disposed = items(&register, &officer, "เครื่องตัดหญ้า", "407", shed, 1)[0];
    crate::testing::dispose(&register, disposed, d(2024, 9, 1));
    let elsewhere = items(&register, &officer, "โต๊ะทำงาน", "401", palad_room, 1)[0];
    // ณัฐพล's colleague เอกชัย borrows a drill for use on site.
    let borrower = person_named(&register, &officer, "เอกชัย");
    let loan = register
        .create_loan(
            &officer,
            &LoanRequest {
                kind: LoanKind::Inside,
                borrower_id: Some(borrower),
                agency_name: String::new(),
                agency_letter_no: String::new(),
                purpose: "ซ่อมท่อประปาหมู่ 3".into(),
                place_of_use: "โรงเก็บเครื่องมือช่าง".into(),
                starts_on: d(2024, 10, 1),
                due_on: d(2024, 10, 8),
                long_loan_reason: String::new(),
                notes: String::new(),
                asset_ids: vec![on_loan],
                paper_no: "ย 1".into(),
                submit: true,
                undertaking: true,
            },
        )
        .unwrap();
    register
        .decide_loan(
            &log_in(&register, "head.works"),
            &Decision {
                loan_id: loan.id,
                approve: true,
                reason: String::new(),
            },
        )
        .unwrap();
    register
        .hand_out(
            &officer,
            &HandOut {
                loan_id: loan.id,
                items: vec![crate::loans::ItemHandOut {
                    asset_id: on_loan,
                    condition: ItemCondition::Good,
                }],
                received_by_name: "นายเอกชัย มณีวรรณ".into(),
            },
        )
        .unwrap();
    World {
        checker1: log_in(&register, "committee1"),
        checker2: log_in(&register, "committee2"),
        checker3: log_in(&register, "committee3"),
        viewer: log_in(&register, "staff"),
        works: office.0,
        palad: palad_room.0,
        office: office.1,
        shed: shed.1,
        palad_room: palad_room.1,
        in_office,
        in_shed: shed_items,
        on_loan,
        disposed,
        elsewhere,
        register,
        clock,
        officer,
    }
}

impl World {
    /// A periodic round of กองช่าง counted by committee1 and committee2, as of today.
    pub fn periodic_input(&self) -> RoundInput {
        RoundInput {
            kind: RoundKind::Periodic,
            name: "ตรวจนับกองช่าง ไตรมาส 1/2568".into(),
            fiscal_year: None,
            as_of: d(2024, 10, 1),
            starts_on: d(2024, 10, 1),
            ends_on: d(2024, 10, 4),
            scope: RoundScope {
                division_ids: vec![self.works],
                ..Default::default()
            },
            members: vec![
                MemberInput {
                    person_id: person_named(&self.register, &self.officer, "ธนากร"),
                    role: MemberRole::Checker,
                },
                MemberInput {
                    person_id: person_named(&self.register, &self.officer, "ณัฐพล"),
                    role: MemberRole::Checker,
                },
            ],
            order_no: String::new(),
            order_date: None,
            order_signer: String::new(),
            officer_id: None,
            notes: String::new(),
        }
    }

    /// The periodic round, opened.
    pub fn open_periodic(&self) -> RoundId {
        let round = self
            .register
            .create_round(&self.officer, &self.periodic_input())
            .unwrap();
        self.register.open_round(&self.officer, round.id).unwrap();
        round.id
    }

    /// The code of an asset.
    pub fn code(&self, asset: AssetId) -> String {
        self.register
            .asset_detail(&self.officer, asset)
            .unwrap()
            .asset
            .code
    }

    /// A scan by `who`, where they count (`None`: anywhere).
    pub fn scan(
        &self,
        who: &Actor,
        round: RoundId,
        code: &str,
        at: Option<LocationId>,
    ) -> crate::Result<ScanResult> {
        self.register.scan(
            who,
            &ScanInput {
                round_id: round,
                code: code.into(),
                location_id: at,
                condition: None,
            },
        )
    }

    /// Applies every pending move and status change of a closed round, as `who`.
    pub fn apply_all(&self, who: &Actor, round: RoundId) -> crate::Result<u32> {
        self.register.apply_proposals(
            who,
            &ApplyProposals {
                round_id: round,
                proposal_ids: vec![],
            },
        )
    }

    /// The round's line of an asset.
    pub fn line(&self, round: RoundId, asset: AssetId) -> CheckLine {
        self.register
            .round_lines(
                &self.officer,
                &LineQuery {
                    round_id: round,
                    division_id: None,
                    location_id: None,
                    filter: LineFilter::All,
                    text: None,
                    offset: 0,
                    limit: 1000,
                },
            )
            .unwrap()
            .rows
            .into_iter()
            .find(|l| l.asset_id == asset)
            .unwrap()
    }
}
