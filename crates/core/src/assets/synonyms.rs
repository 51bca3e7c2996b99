//! The office's own words for things, which the search box reads both ways: typing แอร์
//! finds the เครื่องปรับอากาศ, typing printer finds the เครื่องพิมพ์ (migration 0011 seeds a
//! list; the office edits it under ตั้งค่า).

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::search_fold::fold;
use crate::audit::Event;
use crate::auth::Permission;
use crate::error::{Error, Result};
use crate::register::{Actor, Register};
use crate::text;

/// Longest word or phrase on either side of a synonym.
const MAX_WORD: usize = 60;
/// Most synonyms a list may hold (each search reads them all).
const MAX_SYNONYMS: usize = 500;

/// Two ways of saying the same thing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchSynonym {
    /// What people type, e.g. แอร์.
    pub word: String,
    /// What the register calls it, e.g. เครื่องปรับอากาศ.
    pub means: String,
}

/// The folded pairs a search expands its words with.
pub(crate) struct Expansions {
    pairs: Vec<(String, String)>,
}

impl Expansions {
    /// The synonyms in force, folded.
    pub fn load(conn: &Connection) -> Result<Self> {
        let mut stmt = conn.prepare_cached("SELECT word, means FROM search_synonyms")?;
        let pairs = stmt
            .query_map([], |r| {
                Ok((fold(&r.get::<_, String>(0)?), fold(&r.get::<_, String>(1)?)))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Self { pairs })
    }

    /// The folded `word` and every way of saying it: each side of a synonym found in it
    /// replaced by the other side ("แอร์ไดกิ้น" also as "เครื่องปรับอากาศไดกิ้น").
    pub fn of(&self, word: &str) -> Vec<String> {
        let mut ways = vec![word.to_owned()];
        for (a, b) in &self.pairs {
            for (from, to) in [(a, b), (b, a)] {
                if !from.is_empty() && word.contains(from.as_str()) {
                    let other = word.replace(from.as_str(), to);
                    if !ways.contains(&other) {
                        ways.push(other);
                    }
                }
            }
        }
        ways
    }
}

impl Register {
    /// The search's synonyms, in the order the office sees them (by word).
    pub fn search_synonyms(&self, actor: &Actor) -> Result<Vec<SearchSynonym>> {
        self.read(actor, Some(Permission::ViewRegister), |conn, _| load(conn))
    }

    /// Replaces the search's synonyms with `list` (blank lines ignored). A line with one
    /// side empty, a word that means itself, or a pair given twice is refused, naming the
    /// line (`synonyms.N.word` / `synonyms.N.means`, N from 1); nothing changed is refused
    /// as such, with no audit entry.
    pub fn update_search_synonyms(
        &self,
        actor: &Actor,
        list: &[SearchSynonym],
    ) -> Result<Vec<SearchSynonym>> {
        self.change(actor, Some(Permission::ManageRegister), |change| {
            let clean = validate(list)?;
            let before = load(change)?;
            change.execute("DELETE FROM search_synonyms", [])?;
            let mut insert = change
                .prepare_cached("INSERT INTO search_synonyms (word, means) VALUES (?1, ?2)")?;
            for synonym in &clean {
                insert.execute([&synonym.word, &synonym.means])?;
            }
            let after = load(change)?;
            change.record_edit(
                Event::new("settings.update", "settings", "search_synonyms")
                    .before(&before)
                    .after(&after),
            )?;
            Ok(after)
        })
    }
}

fn load(conn: &Connection) -> Result<Vec<SearchSynonym>> {
    let mut stmt =
        conn.prepare_cached("SELECT word, means FROM search_synonyms ORDER BY word, means")?;
    let list = stmt
        .query_map([], |r| {
            Ok(SearchSynonym {
                word: r.get(0)?,
                means: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(list)
}

/// The list cleaned and checked, line by line.
fn validate(list: &[SearchSynonym]) -> Result<Vec<SearchSynonym>> {
    if list.len() > MAX_SYNONYMS {
        return Err(Error::invalid(
            "synonyms",
            format!("at most {MAX_SYNONYMS}"),
        ));
    }
    let mut clean: Vec<SearchSynonym> = Vec::with_capacity(list.len());
    let mut seen: Vec<(String, String)> = Vec::with_capacity(list.len());
    for (i, synonym) in list.iter().enumerate() {
        let line = i + 1;
        let word = text::optional(&format!("synonyms.{line}.word"), &synonym.word, MAX_WORD)?;
        let means = text::optional(&format!("synonyms.{line}.means"), &synonym.means, MAX_WORD)?;
        match (word.is_empty(), means.is_empty()) {
            (true, true) => continue,
            (true, false) => return Err(Error::required(format!("synonyms.{line}.word"))),
            (false, true) => return Err(Error::required(format!("synonyms.{line}.means"))),
            (false, false) => {}
        }
        let (a, b) = (fold(&word), fold(&means));
        if a.is_empty() || b.is_empty() || a == b {
            return Err(Error::invalid(
                format!("synonyms.{line}.means"),
                "a word cannot mean itself",
            ));
        }
        let pair = if a < b { (a, b) } else { (b, a) };
        if seen.contains(&pair) {
            return Err(Error::Duplicate {
                field: format!("synonyms.{line}.word"),
                value: word,
            });
        }
        seen.push(pair);
        clean.push(SearchSynonym { word, means });
    }
    Ok(clean)
}
