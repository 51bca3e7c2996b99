//! Program-wide settings and the holiday list.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::Event;
use crate::auth::Permission;
use crate::calendar::WorkCalendar;
use crate::error::{Error, Result};
use crate::register::{Actor, Register};
use crate::text;

/// Idle minutes before a session ends, unless an administrator changes it.
pub const DEFAULT_IDLE_MINUTES: u32 = 30;
const IDLE_KEY: &str = "session.idle_minutes";

/// Settings an administrator can change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppSettings {
    /// Minutes without activity after which a session ends (1–480).
    pub idle_timeout_minutes: u32,
}

/// A day off that is not a weekend (public holiday or a local one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Holiday {
    /// The day.
    pub date: NaiveDate,
    /// Its name, e.g. วันปิยมหาราช.
    pub name: String,
}

impl Register {
    /// The current settings (any logged-in user may read them).
    pub fn settings(&self, actor: &Actor) -> Result<AppSettings> {
        self.read(actor, None, |conn, _| {
            Ok(AppSettings {
                idle_timeout_minutes: idle_timeout_minutes(conn)?,
            })
        })
    }

    /// Changes the settings.
    pub fn update_settings(&self, actor: &Actor, input: &AppSettings) -> Result<AppSettings> {
        self.change(actor, Some(Permission::ManageOrganisation), |change| {
            if !(1..=480).contains(&input.idle_timeout_minutes) {
                return Err(Error::invalid(
                    "idleTimeoutMinutes",
                    "between 1 and 480 minutes",
                ));
            }
            let before = AppSettings {
                idle_timeout_minutes: idle_timeout_minutes(change)?,
            };
            put(change, IDLE_KEY, &input.idle_timeout_minutes)?;
            change.record_edit(
                Event::new("settings.update", "settings", "app")
                    .before(&before)
                    .after(input),
            )?;
            Ok(input.clone())
        })
    }

    /// Holidays, in date order.
    pub fn holidays(&self, actor: &Actor) -> Result<Vec<Holiday>> {
        self.read(actor, None, |conn, _| load_holidays(conn))
    }

    /// Adds a holiday, or renames the one already on that day.
    pub fn set_holiday(&self, actor: &Actor, holiday: &Holiday) -> Result<Holiday> {
        self.change(actor, Some(Permission::ManageOrganisation), |change| {
            let name = text::required("name", &holiday.name, 200)?;
            change.execute(
                "INSERT INTO holidays (date, name) VALUES (?1, ?2)
                 ON CONFLICT (date) DO UPDATE SET name = excluded.name",
                params![holiday.date, name],
            )?;
            let saved = Holiday {
                date: holiday.date,
                name,
            };
            change.record(Event::new("holiday.set", "holiday", holiday.date).after(&saved))?;
            Ok(saved)
        })
    }

    /// Removes the holiday on `date` (nothing happens if there is none).
    pub fn remove_holiday(&self, actor: &Actor, date: NaiveDate) -> Result<()> {
        self.change(actor, Some(Permission::ManageOrganisation), |change| {
            let name: Option<String> = change
                .query_row("SELECT name FROM holidays WHERE date = ?1", [date], |row| {
                    row.get(0)
                })
                .optional()?;
            if let Some(name) = name {
                change.execute("DELETE FROM holidays WHERE date = ?1", [date])?;
                change.record(
                    Event::new("holiday.remove", "holiday", date).before(&Holiday { date, name }),
                )?;
            }
            Ok(())
        })
    }

    /// The working-day calendar (weekends plus the holiday list).
    pub fn work_calendar(&self) -> Result<WorkCalendar> {
        let conn = self.reader();
        Ok(WorkCalendar::new(
            load_holidays(&conn)?.into_iter().map(|h| h.date),
        ))
    }
}

pub(crate) fn load_holidays(conn: &Connection) -> Result<Vec<Holiday>> {
    let mut stmt = conn.prepare("SELECT date, name FROM holidays ORDER BY date")?;
    let rows = stmt
        .query_map([], |row| {
            Ok(Holiday {
                date: row.get(0)?,
                name: row.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The idle timeout in force.
pub(crate) fn idle_timeout_minutes(conn: &Connection) -> Result<u32> {
    Ok(get(conn, IDLE_KEY)?.unwrap_or(DEFAULT_IDLE_MINUTES))
}

pub(crate) fn get<T: serde::de::DeserializeOwned>(
    conn: &Connection,
    key: &str,
) -> Result<Option<T>> {
    let text: Option<String> = conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |row| {
            row.get(0)
        })
        .optional()?;
    text.map(|t| {
        serde_json::from_str(&t).map_err(|e| Error::Internal(format!("setting {key}: {e}")))
    })
    .transpose()
}

pub(crate) fn put<T: Serialize>(conn: &Connection, key: &str, value: &T) -> Result<()> {
    let text = serde_json::to_string(value).map_err(|e| Error::Internal(e.to_string()))?;
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, text],
    )?;
    Ok(())
}
