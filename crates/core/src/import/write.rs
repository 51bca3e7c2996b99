//! Writing an import: what is missing created, then every importable item inserted as
//! one batch, inside the caller's transaction.
//!
//! Rows arrive one by one while the rest of the file is still being judged (on another
//! thread, see `Register::import`), so each is turned into a record and staged at once;
//! nothing reaches `assets` before [`BatchWriter::finish`].

use std::collections::HashMap;

use rusqlite::params;

use super::judge::Importable;
use super::resolve::{CategoryRef, CustodianRef, DivisionRef, LocationRef, person_key};
use super::{DryRun, ImportPlan, ImportReport};
use crate::assets::AssetStatus;
use crate::assets::categories::{self, Category, CategoryInput};
use crate::assets::records::{AssetInput, BulkInsert, CodeAllocator, ValidAsset};
use crate::assets::search_index;
use crate::audit::Event;
use crate::error::{Error, Result};
use crate::ids::{BatchId, CategoryId, DivisionId, LocationId, PersonId};
use crate::org::{DivisionInput, LocationInput, PersonInput, divisions, locations, staff};
use crate::register::Change;

/// One import batch being written.
pub(super) struct BatchWriter {
    batch: BatchId,
    file_name: String,
    sheets: Vec<String>,
    /// Names of the categories, divisions and locations created, in order.
    created: Vec<String>,
    known_categories: HashMap<CategoryId, Category>,
    new_categories: HashMap<String, Category>,
    new_divisions: HashMap<String, DivisionId>,
    new_locations: HashMap<(DivisionId, String), LocationId>,
    /// People added to the staff directory, by [`person_key`].
    new_people: HashMap<String, PersonId>,
    bulk: BulkInsert,
    /// Rows with their own code, staged so far.
    with_code: usize,
    /// Rows without a code, numbered at the end: every code the file brings must be in
    /// place first, so that a number handed out can never collide with one further down.
    without_code: Vec<(ValidAsset, u32, AssetStatus)>,
}

impl BatchWriter {
    /// Opens a new batch for `file_name` read with `plan`.
    pub fn new(change: &Change<'_>, file_name: &str, plan: &ImportPlan) -> Result<Self> {
        let sheets: Vec<String> = plan.sheets.iter().map(|s| s.name.clone()).collect();
        change.execute(
            "INSERT INTO import_batches (file_name, sheets, row_count, user_id, imported_at)
             VALUES (?1, ?2, 0, ?3, ?4)",
            params![
                file_name,
                serde_json::to_string(&sheets).unwrap_or_default(),
                change.actor.user_id,
                change.stamp()
            ],
        )?;
        let batch = BatchId(change.last_insert_rowid());
        // Until `finish`, inserted assets do not bump the search's counter one by one.
        search_index::pause(change)?;
        Ok(Self {
            batch,
            file_name: file_name.to_owned(),
            sheets,
            created: Vec::new(),
            known_categories: HashMap::new(),
            new_categories: HashMap::new(),
            new_divisions: HashMap::new(),
            new_locations: HashMap::new(),
            new_people: HashMap::new(),
            bulk: BulkInsert::new(change)?,
            with_code: 0,
            without_code: Vec::new(),
        })
    }

    /// Takes one importable row: creates what it names that is missing and stages it.
    pub fn add(&mut self, change: &Change<'_>, item: Importable) -> Result<()> {
        let Importable { asset, resolved } = item;
        let category = match resolved.category {
            Some(reference) => self.category(change, reference)?,
            None => {
                return Err(Error::Internal(
                    "an importable row without a category".into(),
                ));
            }
        };
        let division = match &resolved.division {
            Some(d) => Some(self.division(change, d)?),
            None => None,
        };
        let location = match &resolved.location {
            None => None,
            Some(LocationRef::Existing(id)) => Some(*id),
            Some(LocationRef::New(d, name)) => {
                let d = self.division(change, d)?;
                Some(self.location(change, d, name)?)
            }
        };
        let (custodian_id, custodian_as_written) = match resolved.custodian {
            None => (None, String::new()),
            Some(CustodianRef::Existing(id)) => (Some(id), String::new()),
            Some(CustodianRef::New { written, division }) => {
                let division = match &division {
                    Some(d) => Some(self.division(change, d)?),
                    None => None,
                };
                (
                    Some(self.person(change, &written, division)?),
                    String::new(),
                )
            }
            Some(CustodianRef::AsWritten(written)) => (None, written),
        };
        let acquired_on = asset
            .acquired_on
            .ok_or_else(|| Error::Internal("an importable row without a date".into()))?;
        // Every code of a range written on one line (the first alone otherwise).
        let codes = if asset.last_code.is_empty() {
            Vec::new()
        } else {
            asset.codes()
        };
        // The row's texts move into the record: copying 100,000 rows' worth is measurable.
        let valid = ValidAsset {
            code: asset.code.clone(),
            input: AssetInput {
                code: asset.code,
                name: asset.name,
                brand: asset.brand,
                model: asset.model,
                serial_no: asset.serial_no,
                category_id: Some(category.id),
                unit: asset.unit,
                acquired_on: Some(acquired_on),
                document_no: asset.document_no,
                acquisition_method: asset.acquisition_method,
                funding_source: asset.funding_source,
                vendor: asset.vendor,
                unit_price: asset.unit_price.unwrap_or_default(),
                useful_life_years: asset.useful_life_years,
                division_id: division,
                location_id: location,
                custodian_id,
                custodian_as_written,
                notes: asset.notes,
                // The dry run warned about codes outside the scheme, row by row, and the
                // user went ahead: a register brought in keeps its codes.
                keep_code_as_written: true,
            },
            useful_life_years: asset
                .useful_life_years
                .unwrap_or(category.useful_life_years),
            acquired_on,
            category,
        };
        if valid.code.is_empty() {
            self.without_code
                .push((valid, asset.quantity, asset.status));
        } else if codes.is_empty() {
            self.bulk.stage(change, &valid, &valid.code, asset.status)?;
            self.with_code += 1;
        } else {
            for code in &codes {
                self.bulk.stage(change, &valid, code, asset.status)?;
            }
            self.with_code += 1;
        }
        Ok(())
    }

    /// Writes every staged item into `assets`, numbers the rows without a code, and
    /// records the batch in the audit log. `dry` is the whole file's verdict.
    pub fn finish(mut self, change: &Change<'_>, dry: &DryRun) -> Result<ImportReport> {
        let rows = (self.with_code + self.without_code.len()) as u32;
        // Written before any number is handed out, so that the allocator sees these codes.
        let mut items = self.bulk.flush(change, Some(self.batch))?;
        let mut codes = CodeAllocator::new(change)?;
        for (valid, quantity, status) in &self.without_code {
            for _ in 0..*quantity {
                let code = codes.next(change, valid)?;
                self.bulk.stage(change, valid, &code, *status)?;
            }
        }
        items += self.bulk.flush(change, Some(self.batch))?;
        let items = items as u32;
        search_index::resume(change)?;
        codes.finish(change)?;
        change.execute(
            "UPDATE import_batches SET row_count = ?1 WHERE id = ?2",
            params![items, self.batch],
        )?;
        change.record(Event::new("import.batch", "import", self.batch).after(
            &serde_json::json!({
                "fileName": self.file_name,
                "sheets": self.sheets,
                "rows": rows,
                "items": items,
                "rowsLeftOut": dry.errors,
                "created": self.created,
            }),
        ))?;
        let codes = change
            .prepare("SELECT code FROM assets WHERE batch_id = ?1 ORDER BY id")?
            .query_map([self.batch], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(ImportReport {
            batch_id: self.batch,
            items,
            rows,
            rows_left_out: dry.errors,
            created: self.created,
            codes,
            refused: Default::default(),
        })
    }

    /// The category a row names, created the first time a new one is met.
    fn category(&mut self, change: &Change<'_>, reference: CategoryRef) -> Result<Category> {
        match reference {
            CategoryRef::Existing { id, .. } => {
                if let Some(c) = self.known_categories.get(&id) {
                    return Ok(c.clone());
                }
                let c = categories::load(change, id)?;
                self.known_categories.insert(id, c.clone());
                Ok(c)
            }
            CategoryRef::New { name, type_code } => {
                let key = crate::text::name_key(&name);
                if let Some(c) = self.new_categories.get(&key) {
                    return Ok(c.clone());
                }
                let c = categories::create(
                    change,
                    &CategoryInput {
                        name,
                        type_code,
                        useful_life_years: 10,
                    },
                )?;
                self.created.push(c.name.clone());
                self.new_categories.insert(key, c.clone());
                Ok(c)
            }
        }
    }

    /// The division a row names, created the first time a new one is met.
    fn division(&mut self, change: &Change<'_>, reference: &DivisionRef) -> Result<DivisionId> {
        let name = match reference {
            DivisionRef::Existing(id) => return Ok(*id),
            DivisionRef::New(name) => name,
        };
        let key = crate::text::name_key(name);
        if let Some(id) = self.new_divisions.get(&key) {
            return Ok(*id);
        }
        let d = divisions::create(
            change,
            &DivisionInput {
                name: name.clone(),
                short_name: String::new(),
            },
        )?;
        self.created.push(d.name.clone());
        self.new_divisions.insert(key, d.id);
        Ok(d.id)
    }

    /// A person the staff directory lacks, added to it (in `division`) the first time
    /// they are met; the title is split off as the directory keeps it.
    fn person(
        &mut self,
        change: &Change<'_>,
        written: &str,
        division: Option<DivisionId>,
    ) -> Result<PersonId> {
        let key = person_key(written);
        if let Some(id) = self.new_people.get(&key) {
            return Ok(*id);
        }
        let (title, first_name, last_name) = staff::split_name(written);
        let person = staff::create(
            change,
            &PersonInput {
                title,
                first_name,
                last_name,
                division_id: division,
                ..Default::default()
            },
        )?;
        self.created.push(person.full_name.clone());
        self.new_people.insert(key, person.id);
        Ok(person.id)
    }

    /// A new location of `division`, created the first time it is met.
    fn location(
        &mut self,
        change: &Change<'_>,
        division: DivisionId,
        name: &str,
    ) -> Result<LocationId> {
        let key = (division, crate::text::name_key(name));
        if let Some(id) = self.new_locations.get(&key) {
            return Ok(*id);
        }
        let l = locations::create(
            change,
            &LocationInput {
                division_id: division,
                name: name.to_owned(),
            },
        )?;
        self.created.push(l.name.clone());
        self.new_locations.insert(key, l.id);
        Ok(l.id)
    }
}
