//! First run: the organisation's details and the first administrator.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::Event;
use crate::auth::users::{NewUserInput, create_user};
use crate::auth::{Role, RoleGrant, Session};
use crate::error::{Error, Result};
use crate::org::{OrganisationInput, organisation};
use crate::register::{ActorInfo, Register};
use crate::sample;

/// The first administrator's account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AdminAccountInput {
    /// Login name.
    pub username: String,
    /// Display name.
    pub full_name: String,
    /// Password (at least 8 characters).
    pub password: String,
}

/// Everything the setup wizard asks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetupInput {
    /// The organisation's details.
    pub organisation: OrganisationInput,
    /// The first administrator.
    pub admin: AdminAccountInput,
    /// Fill the register with the sample organisation's divisions, staff and demo users.
    pub load_sample_data: bool,
}

/// What the start screen needs to know before anyone logs in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RegisterStatus {
    /// No account exists yet: show the setup wizard.
    pub needs_setup: bool,
    /// The organisation's name, once set up.
    pub organisation_name: Option<String>,
    /// Its short name (อบต.แม่กรณ์), when it has one: where space is short, such as the
    /// host's name in a list of hosts on the LAN.
    pub organisation_short_name: Option<String>,
}

impl Register {
    /// Whether the first-run setup still has to happen (no accounts exist).
    pub fn needs_setup(&self) -> Result<bool> {
        let conn = self.conn();
        let users: i64 = conn.query_row("SELECT count(*) FROM users", [], |row| row.get(0))?;
        Ok(users == 0)
    }

    /// What the start screen shows before login.
    pub fn status(&self) -> Result<RegisterStatus> {
        let needs_setup = self.needs_setup()?;
        let org = organisation::load(&self.conn())?;
        Ok(RegisterStatus {
            needs_setup,
            organisation_name: Some(org.name).filter(|n| !n.is_empty()),
            organisation_short_name: Some(org.short_name).filter(|n| !n.is_empty()),
        })
    }

    /// Stores the organisation and creates the first administrator, optionally with the
    /// sample data, all in one transaction; then logs the administrator in. Refused once
    /// any account exists. Field errors are named by their path (`organisation.name`,
    /// `admin.password`).
    pub fn complete_setup(&self, input: &SetupInput) -> Result<Session> {
        let admin = self.change_as(ActorInfo::system("setup"), |change| {
            let users: i64 =
                change.query_row("SELECT count(*) FROM users", [], |row| row.get(0))?;
            if users > 0 {
                return Err(Error::SetupAlreadyDone);
            }
            organisation::save(change, &input.organisation)
                .map_err(|e| e.within("organisation."))?;
            let account = NewUserInput {
                username: input.admin.username.clone(),
                full_name: input.admin.full_name.clone(),
                password: input.admin.password.clone(),
                person_id: None,
                roles: vec![RoleGrant::plain(Role::Administrator)],
            };
            let admin = create_user(change, &account, false, "admin.")?;
            change.record(Event::new("setup.complete", "organisation", 1).after(
                &serde_json::json!({
                    "organisation": organisation::load(change)?,
                    "admin": admin.username,
                    "sampleData": input.load_sample_data,
                }),
            ))?;
            if input.load_sample_data {
                sample::load_into(change, sample::SampleOptions::default())?;
            }
            Ok(admin.id)
        })?;
        if input.load_sample_data {
            self.load_sample_activity(&mut sample::SampleReport::default())?;
        }
        self.start_session(admin)
    }
}
