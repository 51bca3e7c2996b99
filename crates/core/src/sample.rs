//! The sample organisation (อบต.แม่กรณ์) for trying the program.
//!
//! The data lives in `assets/sample/foundation.json`, so it can be read and edited
//! without touching code. Loading it goes through the same validation and audit entries
//! as typing it in by hand.

use std::collections::HashMap;

use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::audit::Event;
use crate::auth::users::{NewUserInput, create_user};
use crate::auth::{Permission, Role, RoleGrant};
use crate::error::{Error, Result};
use crate::ids::{DivisionId, PersonId};
use crate::org::{DivisionInput, LocationInput, OrganisationInput, PersonInput};
use crate::org::{divisions, locations, staff};
use crate::print_settings::PrintSettings;
use crate::register::{Actor, Change, Register};
use crate::settings::Holiday;
use crate::setup::{AdminAccountInput, SetupInput};

/// The sample data file, built into the program.
const SAMPLE_JSON: &str = include_str!("../../../assets/sample/foundation.json");

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Sample {
    demo_password: String,
    organisation: OrganisationInput,
    admin: SampleAdmin,
    divisions: Vec<SampleDivision>,
    people: Vec<SamplePerson>,
    users: Vec<SampleUser>,
    holidays: Vec<Holiday>,
    /// Who signs the sample's forms, its memo header and label stock.
    printing: PrintSettings,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SampleAdmin {
    username: String,
    full_name: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SampleDivision {
    name: String,
    short_name: String,
    locations: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SamplePerson {
    title: String,
    first_name: String,
    last_name: String,
    position: String,
    division: String,
    phone: String,
}

#[derive(Deserialize)]
struct SampleUser {
    username: String,
    /// "first last" of a person in `people`.
    person: String,
    roles: Vec<SampleRole>,
}

#[derive(Deserialize)]
struct SampleRole {
    role: Role,
    division: Option<String>,
}

/// What loading the sample data created.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SampleReport {
    /// Divisions created.
    pub divisions: usize,
    /// Locations created.
    pub locations: usize,
    /// People created.
    pub people: usize,
    /// Demo accounts created (all with [`SampleReport::demo_password`]).
    pub users: Vec<String>,
    /// Holidays added.
    pub holidays: usize,
    /// Assets created.
    pub assets: usize,
    /// Sample loans made (in every state, dated around today).
    pub loans: usize,
    /// Sample check rounds made (one closed periodic round, one annual round in progress).
    pub checks: usize,
    /// Sample materials made, each with a year of its stock card.
    pub materials: usize,
    /// Sample requisitions of materials (one in each state).
    pub requisitions: usize,
    /// Sample disposals (one written off, one waiting for the mayor), with the manual
    /// issued and partly acknowledged.
    pub disposals: usize,
    /// The password of every demo account.
    pub demo_password: String,
}

fn sample() -> Result<Sample> {
    serde_json::from_str(SAMPLE_JSON).map_err(|e| Error::Internal(format!("sample data: {e}")))
}

/// What to load besides the organisation's structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SampleOptions {
    /// The ~600 sample assets and the sample loans (left out when only the structure is
    /// wanted).
    pub assets: bool,
}

impl Default for SampleOptions {
    fn default() -> Self {
        Self { assets: true }
    }
}

/// The setup of the sample organisation, อบต.แม่กรณ์ in เชียงราย, with the administrator
/// `admin` (ผู้ดูแลระบบ) holding `admin_password`: what its setup wizard is given. For tests,
/// benchmarks and demonstrations that need a register set up as the sample's is.
pub fn sample_setup(admin_password: &str, load_sample_data: bool) -> SetupInput {
    SetupInput {
        organisation: OrganisationInput {
            name: "องค์การบริหารส่วนตำบลแม่กรณ์".into(),
            short_name: "อบต.แม่กรณ์".into(),
            province: "เชียงราย".into(),
            ..OrganisationInput::default()
        },
        admin: AdminAccountInput {
            username: "admin".into(),
            full_name: "ผู้ดูแลระบบ".into(),
            password: admin_password.into(),
        },
        load_sample_data,
    }
}

impl Register {
    /// Fills the register with the sample organisation, assets included (see
    /// [`Register::load_sample_data_with`]).
    pub fn load_sample_data(&self, actor: &Actor) -> Result<SampleReport> {
        self.load_sample_data_with(actor, SampleOptions::default())
    }

    /// Fills the register with the sample organisation. On a register that was never set
    /// up, this also sets it up with the sample organisation and an `admin` account (demo
    /// password); otherwise it needs `manage_organisation` and a register without divisions.
    pub fn load_sample_data_with(
        &self,
        actor: &Actor,
        options: SampleOptions,
    ) -> Result<SampleReport> {
        let sample = sample()?;
        let set_up_here = self.needs_setup()?;
        if set_up_here {
            let input = SetupInput {
                organisation: sample.organisation.clone(),
                admin: AdminAccountInput {
                    username: sample.admin.username.clone(),
                    full_name: sample.admin.full_name.clone(),
                    password: sample.demo_password.clone(),
                },
                load_sample_data: false,
            };
            self.complete_setup(&input)?;
        }
        let mut report = self.change(actor, Some(Permission::ManageOrganisation), |change| {
            if set_up_here {
                // The `admin` made here has the demo password too.
                change.execute(
                    "UPDATE users SET must_change_password = 1 WHERE username_key = ?1",
                    [sample.admin.username.to_lowercase()],
                )?;
            }
            load_into(change, options)
        })?;
        if options.assets {
            self.load_sample_activity(&mut report)?;
        }
        Ok(report)
    }

    /// The sample's dated records, made step by step by the demo accounts, each its own
    /// transaction, once the organisation and its assets exist: loans in every state, check
    /// rounds, a year of materials and requisitions, disposals and the manual. The setup
    /// wizard's sample and `sample-data` both end here, so they are the same organisation.
    pub(crate) fn load_sample_activity(&self, report: &mut SampleReport) -> Result<()> {
        report.loans = crate::sample_loans::load(self)?;
        report.checks = crate::sample_checks::load(self)?;
        (report.materials, report.requisitions) = crate::sample_materials::load(self)?;
        report.disposals = crate::sample_disposal::load(self)?;
        Ok(())
    }
}

/// Loads divisions, locations, people, demo users and holidays inside `change`.
/// Refused if the register already has divisions (the sample would mix with real data).
pub(crate) fn load_into(change: &mut Change<'_>, options: SampleOptions) -> Result<SampleReport> {
    let sample = sample()?;
    let existing: i64 = change.query_row("SELECT count(*) FROM divisions", [], |row| row.get(0))?;
    if existing > 0 {
        return Err(Error::invalid(
            "sampleData",
            "the register already has divisions",
        ));
    }
    let mut report = SampleReport {
        demo_password: sample.demo_password.clone(),
        ..SampleReport::default()
    };
    let mut division_ids: HashMap<&str, DivisionId> = HashMap::new();
    for d in &sample.divisions {
        let division = divisions::create(
            change,
            &DivisionInput {
                name: d.name.clone(),
                short_name: d.short_name.clone(),
            },
        )?;
        division_ids.insert(&d.name, division.id);
        report.divisions += 1;
        for name in &d.locations {
            locations::create(
                change,
                &LocationInput {
                    division_id: division.id,
                    name: name.clone(),
                },
            )?;
            report.locations += 1;
        }
    }
    let division = |name: &str| {
        division_ids
            .get(name)
            .copied()
            .ok_or_else(|| Error::Internal(format!("sample data: unknown division {name}")))
    };
    let mut person_ids: HashMap<String, PersonId> = HashMap::new();
    for p in &sample.people {
        let person = staff::create(
            change,
            &PersonInput {
                title: p.title.clone(),
                first_name: p.first_name.clone(),
                last_name: p.last_name.clone(),
                position: p.position.clone(),
                division_id: Some(division(&p.division)?),
                phone: p.phone.clone(),
            },
        )?;
        person_ids.insert(format!("{} {}", p.first_name, p.last_name), person.id);
        report.people += 1;
    }
    for u in &sample.users {
        let person = person_ids
            .get(&u.person)
            .copied()
            .ok_or_else(|| Error::Internal(format!("sample data: unknown person {}", u.person)))?;
        let full_name = staff::load(change, person)?.full_name;
        let roles = u
            .roles
            .iter()
            .map(|r| {
                Ok(RoleGrant {
                    role: r.role,
                    division_id: r.division.as_deref().map(division).transpose()?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let input = NewUserInput {
            username: u.username.clone(),
            full_name,
            password: sample.demo_password.clone(),
            person_id: Some(person),
            roles,
        };
        // Everyone knows the demo password: each account asks for its own at first login.
        create_user(change, &input, true, "")?;
        report.users.push(u.username.clone());
    }
    for h in &sample.holidays {
        change.execute(
            "INSERT OR IGNORE INTO holidays (date, name) VALUES (?1, ?2)",
            params![h.date, h.name],
        )?;
        change.record(Event::new("holiday.set", "holiday", h.date).after(h))?;
        report.holidays += 1;
    }
    crate::print_settings::store(change, &sample.printing)?;
    if options.assets {
        report.assets = crate::sample_assets::load(change)?;
    }
    Ok(report)
}
