//! A small register for the materials tests: an officer linked to the staff directory, a
//! division with a requester, the office type, and a clock at the end of fiscal year 2568.

use chrono::NaiveDate;

use super::*;
use crate::auth::Role;
use crate::error::Result;
use crate::ids::{DivisionId, MaterialId, MaterialTypeId, PersonId};
use crate::money::Satang;
use crate::org::PersonInput;
use crate::register::{Actor, Register};
use crate::testing;

pub(super) struct World {
    pub(super) register: Register,
    pub(super) clock: std::sync::Arc<crate::clock::FixedClock>,
    pub(super) officer: Actor,
    pub(super) officer_person: PersonId,
    pub(super) office: MaterialTypeId,
    pub(super) works: DivisionId,
    pub(super) requester: PersonId,
}

pub(super) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub(super) fn world() -> World {
    let (register, clock, admin) = testing::set_up();
    let works = testing::division(&register, &admin, "กองช่าง");
    let person = |first: &str| {
        register
            .create_person(
                &admin,
                &PersonInput {
                    title: "นาย".into(),
                    first_name: first.into(),
                    last_name: "ใจดี".into(),
                    division_id: Some(works),
                    ..Default::default()
                },
            )
            .unwrap()
            .id
    };
    let requester = person("สมชาย");
    let officer_person = person("ธนากร");
    let officer = testing::user_with(&register, &admin, "officer", Role::SuppliesOfficer);
    if let Actor::User(id) = officer {
        register
            .raw_connection_for_tests()
            .execute(
                "UPDATE users SET person_id = ?1 WHERE id = ?2",
                rusqlite::params![officer_person, id],
            )
            .unwrap();
    }
    let office = register
        .list_material_types(&officer)
        .unwrap()
        .into_iter()
        .find(|t| t.name == "วัสดุสำนักงาน")
        .unwrap()
        .id;
    // Entries are dated up to "today": the clock stands at 1 Oct 2024; move it on.
    clock.set(d(2025, 9, 30).and_hms_opt(3, 0, 0).unwrap().and_utc());
    World {
        register,
        clock,
        officer,
        officer_person,
        office,
        works,
        requester,
    }
}

impl World {
    pub(super) fn material(&self, code: &str, unit: &str, divisible: bool) -> MaterialId {
        self.register
            .create_material(
                &self.officer,
                &MaterialInput {
                    code: code.into(),
                    name: format!("วัสดุ {code}"),
                    unit: unit.into(),
                    divisible,
                    type_id: Some(self.office),
                    minimum: Quantity::units(5),
                    ..MaterialInput::default()
                },
            )
            .unwrap()
            .id
    }

    pub(super) fn receive(
        &self,
        on: NaiveDate,
        material: MaterialId,
        quantity: Quantity,
        price: i64,
    ) {
        self.register
            .receive_materials(
                &self.officer,
                &ReceiptInput {
                    received_on: on,
                    document_no: format!("ตร.{on}"),
                    vendor: "หจก.เชียงรายเครื่องเขียน".into(),
                    notes: String::new(),
                    lines: vec![ReceiptLine {
                        material_id: material,
                        quantity,
                        unit_price: Satang(price),
                    }],
                },
            )
            .unwrap();
    }

    pub(super) fn issue(
        &self,
        on: NaiveDate,
        material: MaterialId,
        quantity: Quantity,
    ) -> Result<Vec<IssuedLine>> {
        self.register.issue_paper_requisition(
            &self.officer,
            &PaperIssue {
                requisition_no: format!("บ.{on}"),
                division_id: self.works,
                requester_id: self.requester,
                on_date: on,
                lines: vec![IssueLine {
                    material_id: material,
                    quantity,
                }],
            },
        )
    }

    pub(super) fn card(&self, material: MaterialId) -> StockCard {
        self.register
            .stock_card(&self.officer, material, d(2024, 10, 1), d(2025, 9, 30))
            .unwrap()
    }
}
