//! The register's searchable text held in memory: every text search is answered here.
//!
//! At 100,000 items an FTS5 trigram index (this module's predecessor, dropped in
//! migration 0007) found the hits quickly, but ranking them (which column matched, then
//! by code) meant visiting every hit's row: 30–40 ms for a word that matches 20,000
//! items, and keeping the index cost 1.4 s of every 100,000-row import. The same text
//! kept here as one line per item, in code order, is scanned with a SIMD substring
//! search in a few milliseconds, with the tiers and filters decided on the way and only
//! the page's rows read from SQLite.
//!
//! The copy follows `search_generation.n` (migration 0006, bumped by triggers on every
//! change to assets, location names and people's names): when it moved by a few steps
//! that `search_changes` (migration 0008) lists item by item, only those items are read
//! again and moved into place (an edit costs a millisecond, not the 200 ms of reading
//! 100,000 rows); after a rename, a bulk import or many changes it is rebuilt whole.
//! The counter is kept by triggers in the file itself, so it moves whichever connection
//! or program writes. (SQLite's `data_version` is no help here: it is per connection,
//! and the register reads through several; a restore replaces the file only while no
//! register is open on it, so that one starts a new copy.) The counter is read inside
//! the same read transaction as the search.

use chrono::NaiveDate;
use memchr::memmem::Finder;
use rusqlite::Connection;

use super::codes::code_key;
use super::search::AssetQuery;
use super::search_fold::{SEP, fold, fold_into};
use super::status::AssetStatus;
use super::synonyms::Expansions;
use crate::calendar::FiscalYear;
use crate::error::Result;
use crate::text;

/// What the filters look at, per item.
struct Facts {
    id: i64,
    /// The code as stored: the copy's order is `ORDER BY code, id`.
    code: String,
    division_id: Option<i64>,
    category_id: i64,
    status: AssetStatus,
    location_id: Option<i64>,
    acquired_on: NaiveDate,
    unit_price: i64,
}

/// One text per item, all in one buffer so that a word is looked for in every item by
/// one pass of a SIMD substring search, not 100,000 short ones. Items are separated by
/// a newline, which a cleaned search word never contains.
struct Column {
    text: String,
    /// Where each item's text starts; one more entry at the end.
    starts: Vec<usize>,
}

impl Column {
    fn new(capacity: usize) -> Self {
        Self {
            text: String::with_capacity(capacity),
            starts: Vec::new(),
        }
    }

    fn push(&mut self, entry: &str) {
        self.starts.push(self.text.len());
        self.text.push_str(entry);
    }

    fn finish(&mut self) {
        self.starts.push(self.text.len());
    }

    /// Takes item `index`'s text out (the items after it move up by one).
    fn remove(&mut self, index: usize) {
        let (from, to) = (self.starts[index], self.starts[index + 1]);
        self.text.replace_range(from..to, "");
        self.starts.remove(index);
        for start in &mut self.starts[index..] {
            *start -= to - from;
        }
    }

    /// Puts `entry` in as item `index` (the items from there move down by one).
    fn insert(&mut self, index: usize, entry: &str) {
        let at = self.starts[index];
        self.text.insert_str(at, entry);
        self.starts.insert(index, at);
        for start in &mut self.starts[index + 1..] {
            *start += entry.len();
        }
    }

    /// Marks in `hits` every item whose text contains `finder`'s needle; with
    /// `at_start`, only where the text begins with it; with `whole`, only where the text
    /// is exactly it.
    fn mark(&self, finder: &Finder<'_>, hits: &mut [bool], at_start: bool, whole: bool) {
        let needle = finder.needle().len();
        let mut item = 0;
        for at in finder.find_iter(self.text.as_bytes()) {
            // Offsets come in order: walk forward to the item holding this one.
            while item + 1 < self.starts.len() && self.starts[item + 1] <= at {
                item += 1;
            }
            if item >= hits.len() {
                break;
            }
            let begins = at == self.starts[item];
            let ends = at + needle + 1 == self.starts[item + 1];
            if (!at_start || begins) && (!whole || (begins && ends)) {
                hits[item] = true;
            }
        }
    }
}

/// The in-memory copy and the generation it was built at.
pub(crate) struct SearchCache {
    generation: i64,
    /// Per item, in `ORDER BY code, id` order.
    facts: Vec<Facts>,
    /// Code, name, brand, model and serial number, folded (`search_fold`): "what the item
    /// is" (tier 2).
    item: Column,
    /// Location, custodian and holding division, folded: "where it is or who holds it"
    /// (tier 3).
    place: Column,
    /// The code's key (capitals and digits), for codes typed any way.
    keys: Column,
}

/// One item's fields folded (`search_fold`) and joined into one entry of a [`Column`];
/// separated by [`SEP`], so that no search word can match across two of them.
fn entry(parts: &[&str]) -> String {
    let mut text = String::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            text.push(SEP);
        }
        fold_into(part, &mut text);
    }
    text.push('\n');
    text
}

/// One item as the copy holds it: its facts and its entry in each column.
struct Item {
    facts: Facts,
    item: String,
    place: String,
    key: String,
}

/// What the copy reads of each item (`build` orders it, `catch_up` adds `WHERE a.id = ?`).
const SELECT_ITEMS: &str = concat!(
    "SELECT a.id, a.code, a.code_key, a.name, a.brand, a.model, a.serial_no,
        ifnull(l.name, ''), ifnull(",
    custodian_name_sql!(),
    ", ''), a.division_id, a.category_id, a.status, a.location_id, a.acquired_on,
        a.unit_price, ifnull(d.name, ''), ifnull(d.short_name, '')
 FROM assets a
 LEFT JOIN locations l ON l.id = a.location_id
 LEFT JOIN people p ON p.id = a.custodian_id
 LEFT JOIN divisions d ON d.id = a.division_id"
);

fn item_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<Item> {
    let text = |i: usize| -> rusqlite::Result<&str> { Ok(r.get_ref(i)?.as_str().unwrap_or("")) };
    let key = text(2)?.to_owned();
    Ok(Item {
        item: entry(&[text(1)?, text(3)?, text(4)?, text(5)?, text(6)?]),
        place: entry(&[text(7)?, text(8)?, text(15)?, text(16)?]),
        key: format!("{key}\n"),
        facts: Facts {
            id: r.get(0)?,
            code: r.get(1)?,
            division_id: r.get(9)?,
            category_id: r.get(10)?,
            status: r.get(11)?,
            location_id: r.get(12)?,
            acquired_on: r.get(13)?,
            unit_price: r.get(14)?,
        },
    })
}

/// More changed items than this since the copy was made, and rebuilding is as quick.
const MOST_ITEMS_TO_CATCH_UP: usize = 200;

/// The version the copy must match: the generation counter.
fn generation(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT n FROM search_generation", [], |r| r.get(0))?)
}

impl SearchCache {
    /// Whether this copy still shows what `conn` holds.
    pub fn is_current(&self, conn: &Connection) -> Result<bool> {
        Ok(generation(conn)? == self.generation)
    }

    /// Reads every item's searchable text.
    pub fn build(conn: &Connection) -> Result<Self> {
        let generation = generation(conn)?;
        let count: i64 = conn.query_row("SELECT count(*) FROM assets", [], |r| r.get(0))?;
        let count = usize::try_from(count).unwrap_or(0);
        let mut cache = Self {
            generation,
            facts: Vec::with_capacity(count),
            item: Column::new(count * 120),
            place: Column::new(count * 60),
            keys: Column::new(count * 12),
        };
        let mut stmt = conn.prepare(&format!("{SELECT_ITEMS} ORDER BY a.code, a.id"))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let Item {
                facts,
                item,
                place,
                key,
            } = item_of(r)?;
            cache.item.push(&item);
            cache.place.push(&place);
            cache.keys.push(&key);
            cache.facts.push(facts);
        }
        cache.item.finish();
        cache.place.finish();
        cache.keys.finish();
        Ok(cache)
    }

    /// Brings the copy up to date by re-reading only the items changed since it was
    /// made. Returns `false`, leaving the copy as it was, when that cannot be done: too
    /// much changed, something unlisted changed (a rename, a bulk import), the steps
    /// are no longer all on record, or the file went back in time.
    pub fn catch_up(&mut self, conn: &Connection) -> Result<bool> {
        let generation = generation(conn)?;
        if generation < self.generation {
            return Ok(false);
        }
        let mut stmt = conn.prepare_cached(
            "SELECT generation, asset_id FROM search_changes WHERE generation > ?1
             ORDER BY generation",
        )?;
        let changes = stmt
            .query_map([self.generation], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, Option<i64>>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut steps: Vec<i64> = changes.iter().map(|(g, _)| *g).collect();
        steps.dedup();
        let complete = i64::try_from(steps.len()).is_ok_and(|n| n == generation - self.generation);
        let mut ids: Vec<i64> = Vec::with_capacity(changes.len());
        for (_, id) in &changes {
            match id {
                Some(id) if !ids.contains(id) => ids.push(*id),
                Some(_) => {}
                None => return Ok(false),
            }
        }
        if !complete || ids.len() > MOST_ITEMS_TO_CATCH_UP {
            return Ok(false);
        }
        let mut read = conn.prepare_cached(&format!("{SELECT_ITEMS} WHERE a.id = ?1"))?;
        for id in ids {
            if let Some(index) = self.facts.iter().position(|f| f.id == id) {
                self.remove(index);
            }
            let mut rows = read.query([id])?;
            if let Some(r) = rows.next()? {
                let item = item_of(r)?;
                self.insert(item);
            }
        }
        self.generation = generation;
        Ok(true)
    }

    /// The copy as text (ids and codes in order, then each column), for tests to compare
    /// a caught-up copy with a rebuilt one.
    #[cfg(test)]
    pub fn describe_for_tests(&self) -> String {
        let facts: Vec<String> = self
            .facts
            .iter()
            .map(|f| format!("{} {} {:?} {:?}", f.id, f.code, f.status, f.location_id))
            .collect();
        format!(
            "{}\n--\n{}{:?}\n{}{:?}\n{}{:?}",
            facts.join("\n"),
            self.item.text,
            self.item.starts,
            self.place.text,
            self.place.starts,
            self.keys.text,
            self.keys.starts
        )
    }

    fn remove(&mut self, index: usize) {
        self.facts.remove(index);
        self.item.remove(index);
        self.place.remove(index);
        self.keys.remove(index);
    }

    /// Puts an item where `ORDER BY code, id` puts it (bytewise, as SQLite compares text).
    fn insert(&mut self, item: Item) {
        let index = self.facts.partition_point(|f| {
            (f.code.as_bytes(), f.id) < (item.facts.code.as_bytes(), item.facts.id)
        });
        self.item.insert(index, &item.item);
        self.place.insert(index, &item.place);
        self.keys.insert(index, &item.key);
        self.facts.insert(index, item.facts);
    }

    /// The ids of the items matching `text_typed` and `query`'s filters, in code order,
    /// each with its tier: 0 the code exactly, 1 codes starting with what was typed, 2
    /// every word found with what the item is (code, name, brand, model, serial), 3
    /// found only with where it is or who holds it.
    pub fn search(
        &self,
        text_typed: &str,
        query: &AssetQuery,
        synonyms: &Expansions,
    ) -> Vec<(i64, u8)> {
        let n = self.facts.len();
        let cleaned = text::clean(text_typed);
        let key = code_key(&cleaned);
        // Each word typed, folded as the entries are, with its synonyms' ways of saying it.
        let words: Vec<Vec<String>> = cleaned
            .split(' ')
            .map(fold)
            .filter(|w| !w.is_empty())
            .map(|w| synonyms.of(&w))
            .collect();
        // Every word, found with the item or with its place.
        let mut all_words = vec![true; n];
        let mut longest_in_item = vec![false; n];
        let longest = words.iter().map(|w| w[0].len()).max().unwrap_or(0);
        for ways in &words {
            let mut in_item = vec![false; n];
            let mut found = vec![false; n];
            // `Expansions::of` always gives the word itself first.
            let Some((word, others)) = ways.split_first() else {
                continue;
            };
            let finder = Finder::new(word.as_bytes());
            self.item.mark(&finder, &mut in_item, false, false);
            self.place.mark(&finder, &mut found, false, false);
            // A synonym says what an item is, never where it is or who holds it: its
            // forms are looked for in the item's own text only.
            for other in others {
                self.item
                    .mark(&Finder::new(other.as_bytes()), &mut in_item, false, false);
            }
            for ((all, place), item) in all_words.iter_mut().zip(&found).zip(&in_item) {
                *all &= *place || *item;
            }
            if word.len() == longest {
                for (longest, now) in longest_in_item.iter_mut().zip(&in_item) {
                    *longest |= *now;
                }
            }
        }
        if words.is_empty() {
            all_words.fill(false);
        }
        // A code typed with other spacing or digits ("416 68 0001", "๔๑๖…") is found by
        // its key: exactly, at the start, or (three characters or more) anywhere.
        let mut exact = vec![false; n];
        let mut prefix = vec![false; n];
        let mut inside = vec![false; n];
        if !key.is_empty() {
            let finder = Finder::new(key.as_bytes());
            self.keys.mark(&finder, &mut exact, true, true);
            self.keys.mark(&finder, &mut prefix, true, false);
            if key.chars().count() >= 3 {
                self.keys.mark(&finder, &mut inside, false, false);
            }
        }
        let fiscal = query.fiscal_year.map(|y| {
            let fy = FiscalYear(y);
            (fy.start(), fy.end())
        });
        let mut hits = Vec::new();
        for (i, facts) in self.facts.iter().enumerate() {
            if !(all_words[i] || prefix[i] || inside[i]) || !passes_filters(facts, query, fiscal) {
                continue;
            }
            let tier = if exact[i] {
                0
            } else if prefix[i] {
                1
            } else if inside[i] || longest_in_item[i] {
                2
            } else {
                3
            };
            hits.push((facts.id, tier));
        }
        hits
    }
}

fn passes_filters(
    entry: &Facts,
    query: &AssetQuery,
    fiscal: Option<(NaiveDate, NaiveDate)>,
) -> bool {
    query
        .division_id
        .is_none_or(|d| entry.division_id == Some(d.0))
        && query.category_id.is_none_or(|c| entry.category_id == c.0)
        && query.status.is_none_or(|s| entry.status == s)
        && query
            .location_id
            .is_none_or(|l| entry.location_id == Some(l.0))
        && fiscal.is_none_or(|(from, to)| (from..=to).contains(&entry.acquired_on))
        && query.price_min.is_none_or(|m| entry.unit_price >= m.0)
        && query.price_max.is_none_or(|m| entry.unit_price <= m.0)
}
