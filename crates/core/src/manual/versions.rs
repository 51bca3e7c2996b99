//! Issuing the manual as numbered versions, and who has acknowledged the one in force: a
//! user with a login reads it and presses "รับทราบ"; the supplies officer records a signed
//! paper list for the rest. A version keeps exactly what it said, so an acknowledgement is
//! of that text; when the rules or the signers change, the manual shows as changed until a
//! new version is issued.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::content::{self, ManualContent};
use crate::audit::Event;
use crate::auth::Permission;
use crate::error::{Error, Result};
use crate::ids::{PersonId, UserId};
use crate::register::{Actor, Register};
use crate::text;

/// An issued version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ManualVersion {
    /// Its number (1, 2, …).
    pub version: u32,
    /// The day issued.
    pub issued_on: NaiveDate,
    /// The SHA-256 of what it said.
    pub content_hash: String,
}

/// The manual: as the rules make it now, and the version in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ManualView {
    /// What the version in force says (or, before the first is issued, the draft).
    pub content: ManualContent,
    /// The version in force.
    pub issued: Option<ManualVersion>,
    /// What the rules and settings make it now, when that differs from the version in force.
    pub draft: Option<ManualContent>,
    /// When the acting user acknowledged the version in force.
    pub acknowledged_on: Option<NaiveDate>,
    /// Whether the acting user may acknowledge it (linked to the staff directory, not yet).
    pub can_acknowledge: bool,
}

/// A signed paper list of acknowledgements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PaperAcknowledgements {
    /// Who signed.
    pub person_ids: Vec<PersonId>,
    /// The day they signed.
    pub acknowledged_on: NaiveDate,
    /// The list's reference.
    pub document_no: String,
}

/// One person of the staff directory and their acknowledgement of the version in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AcknowledgementRow {
    /// The person.
    pub person_id: PersonId,
    /// Name.
    pub name: String,
    /// Position.
    pub position: String,
    /// Division.
    pub division_name: Option<String>,
    /// The day acknowledged, if they have.
    pub acknowledged_on: Option<NaiveDate>,
    /// `login` or `paper`.
    pub how: Option<String>,
    /// The paper list's reference.
    pub document_no: String,
}

/// Who has and has not acknowledged the version in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Acknowledgements {
    /// The version in force.
    pub version: Option<ManualVersion>,
    /// Every active person of the staff directory, by division and name.
    pub people: Vec<AcknowledgementRow>,
    /// How many have acknowledged.
    pub acknowledged: u32,
}

/// The version in force and its id.
pub(crate) fn latest(conn: &Connection) -> Result<Option<(i64, ManualVersion, ManualContent)>> {
    let row: Option<(i64, u32, NaiveDate, String, String)> = conn
        .query_row(
            "SELECT id, version, issued_on, content_hash, content FROM manual_versions
             ORDER BY version DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    row.map(|(id, version, issued_on, content_hash, content)| {
        let content: ManualContent = serde_json::from_str(&content)
            .map_err(|e| Error::Internal(format!("manual version {version}: {e}")))?;
        Ok((
            id,
            ManualVersion {
                version,
                issued_on,
                content_hash,
            },
            content,
        ))
    })
    .transpose()
}

/// The person in the staff directory a user's account is linked to.
fn person_of(conn: &Connection, user: Option<UserId>) -> Result<Option<PersonId>> {
    let Some(user) = user else {
        return Ok(None);
    };
    Ok(conn
        .query_row("SELECT person_id FROM users WHERE id = ?1", [user], |r| {
            r.get(0)
        })
        .optional()?
        .flatten())
}

fn acknowledged(conn: &Connection, version: i64, person: PersonId) -> Result<Option<NaiveDate>> {
    Ok(conn
        .query_row(
            "SELECT acknowledged_on FROM manual_acknowledgements WHERE version_id = ?1 AND person_id = ?2",
            params![version, person],
            |r| r.get(0),
        )
        .optional()?)
}

impl Register {
    /// The manual in force (or its draft), and whether the acting user has acknowledged it.
    pub fn manual(&self, actor: &Actor) -> Result<ManualView> {
        let today = self.today();
        self.read(actor, Some(Permission::ViewRegister), |conn, info| {
            let now = content::current(conn, today)?;
            let person = person_of(conn, info.user_id)?;
            Ok(match latest(conn)? {
                None => ManualView {
                    content: now.clone(),
                    issued: None,
                    draft: Some(now),
                    acknowledged_on: None,
                    can_acknowledge: false,
                },
                Some((id, version, said)) => {
                    let mine = person
                        .map(|p| acknowledged(conn, id, p))
                        .transpose()?
                        .flatten();
                    ManualView {
                        draft: (now.hash() != version.content_hash).then_some(now),
                        content: said,
                        issued: Some(version),
                        acknowledged_on: mine,
                        can_acknowledge: person.is_some() && mine.is_none(),
                    }
                }
            })
        })
    }

    /// Issues the manual as the rules and settings make it today, as the next version;
    /// refused when it says what the version in force says.
    pub fn issue_manual(&self, actor: &Actor) -> Result<ManualVersion> {
        self.change(actor, Some(Permission::ManageDisposals), |change| {
            let today = change.today();
            let now = content::current(change, today)?;
            let hash = now.hash();
            let previous = latest(change)?;
            if previous
                .as_ref()
                .is_some_and(|(_, v, _)| v.content_hash == hash)
            {
                return Err(Error::NothingChanged { entity: "manual" });
            }
            let version = previous.as_ref().map_or(1, |(_, v, _)| v.version + 1);
            change.execute(
                "INSERT INTO manual_versions (version, content_hash, content, issued_on, created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    version,
                    hash,
                    serde_json::to_string(&now).map_err(|e| Error::Internal(e.to_string()))?,
                    today,
                    change.stamp(),
                    change.actor.user_id
                ],
            )?;
            let issued = ManualVersion {
                version,
                issued_on: today,
                content_hash: hash,
            };
            change.record(Event::new("manual.issue", "manual", version).after(&issued))?;
            Ok(issued)
        })
    }

    /// The acting user acknowledges the version in force ("รับทราบ").
    pub fn acknowledge_manual(&self, actor: &Actor) -> Result<NaiveDate> {
        self.change(actor, Some(Permission::ViewRegister), |change| {
            let Some((id, version, _)) = latest(change)? else {
                return Err(Error::invalid("manual", "no version has been issued yet"));
            };
            let Some(person) = person_of(change, change.actor.user_id)? else {
                return Err(Error::invalid(
                    "personId",
                    "the account is not linked to the staff directory",
                ));
            };
            if acknowledged(change, id, person)?.is_some() {
                return Err(Error::NothingChanged { entity: "manual" });
            }
            let today = change.today();
            change.execute(
                "INSERT INTO manual_acknowledgements (version_id, person_id, acknowledged_on, how,
                     recorded_by, created_at)
                 VALUES (?1, ?2, ?3, 'login', ?4, ?5)",
                params![id, person, today, change.actor.user_id, change.stamp()],
            )?;
            change.record(
                Event::new("manual.acknowledge", "manual", version.version)
                    .after(&serde_json::json!({ "personId": person, "on": today, "how": "login" })),
            )?;
            Ok(today)
        })
    }

    /// Records a signed paper list of acknowledgements of the version in force. Returns how
    /// many were recorded (people already on record are left as they are).
    pub fn record_paper_acknowledgements(
        &self,
        actor: &Actor,
        input: &PaperAcknowledgements,
    ) -> Result<u32> {
        self.change(actor, Some(Permission::ManageDisposals), |change| {
            let Some((id, version, _)) = latest(change)? else {
                return Err(Error::invalid("manual", "no version has been issued yet"));
            };
            if input.person_ids.is_empty() {
                return Err(Error::required("personIds"));
            }
            let document_no = text::required("documentNo", &input.document_no, 200)?;
            if input.acknowledged_on > change.today() {
                return Err(Error::invalid("acknowledgedOn", "is in the future"));
            }
            if input.acknowledged_on < version.issued_on {
                return Err(Error::invalid("acknowledgedOn", "is before the version was issued"));
            }
            let mut recorded = 0;
            for &person in &input.person_ids {
                crate::org::staff::load(change, person)?;
                if acknowledged(change, id, person)?.is_some() {
                    continue;
                }
                change.execute(
                    "INSERT INTO manual_acknowledgements (version_id, person_id, acknowledged_on, how,
                         document_no, recorded_by, created_at)
                     VALUES (?1, ?2, ?3, 'paper', ?4, ?5, ?6)",
                    params![
                        id,
                        person,
                        input.acknowledged_on,
                        document_no,
                        change.actor.user_id,
                        change.stamp()
                    ],
                )?;
                recorded += 1;
            }
            if recorded == 0 {
                return Err(Error::NothingChanged { entity: "manual" });
            }
            change.record(Event::new("manual.acknowledge_paper", "manual", version.version).after(
                &serde_json::json!({
                    "personIds": input.person_ids,
                    "on": input.acknowledged_on,
                    "documentNo": document_no,
                    "recorded": recorded
                }),
            ))?;
            Ok(recorded)
        })
    }

    /// Who has and has not acknowledged the version in force.
    pub fn manual_acknowledgements(&self, actor: &Actor) -> Result<Acknowledgements> {
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            acknowledgements(conn)
        })
    }
}

/// The acknowledgement list, read inside the caller's transaction.
pub(crate) fn acknowledgements(conn: &Connection) -> Result<Acknowledgements> {
    let latest = latest(conn)?;
    let id = latest.as_ref().map_or(-1, |(id, _, _)| *id);
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, trim(p.title || p.first_name || ' ' || p.last_name), p.position, d.name,
                a.acknowledged_on, a.how, ifnull(a.document_no, '')
         FROM people p LEFT JOIN divisions d ON d.id = p.division_id
         LEFT JOIN manual_acknowledgements a ON a.person_id = p.id AND a.version_id = ?1
         WHERE p.active = 1 ORDER BY d.name IS NULL, d.name, p.first_name, p.last_name",
    )?;
    let people = stmt
        .query_map([id], |r| {
            Ok(AcknowledgementRow {
                person_id: r.get(0)?,
                name: r.get(1)?,
                position: r.get(2)?,
                division_name: r.get(3)?,
                acknowledged_on: r.get(4)?,
                how: r.get(5)?,
                document_no: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let acknowledged = people
        .iter()
        .filter(|p| p.acknowledged_on.is_some())
        .count() as u32;
    Ok(Acknowledgements {
        version: latest.map(|(_, v, _)| v),
        people,
        acknowledged,
    })
}
