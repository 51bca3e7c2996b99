//! Writing an import: what is missing created, then every importable item inserted as
//! one batch, inside the caller's transaction.

use std::collections::HashMap;

use rusqlite::params;

use super::judge::Importable;
use super::resolve::{CategoryRef, DivisionRef, LocationRef};
use super::{DryRun, ImportPlan, ImportReport};
use crate::assets::categories::{self, Category, CategoryInput};
use crate::assets::records::{self, AssetInput, CodeAllocator, ValidAsset};
use crate::assets::search_index;
use crate::audit::Event;
use crate::error::{Error, Result};
use crate::ids::{BatchId, CategoryId, DivisionId, LocationId};
use crate::org::{DivisionInput, LocationInput, divisions, locations};
use crate::register::Change;

/// Creates what is missing, then every importable item, under one new batch.
pub(super) fn write_batch(
    change: &Change<'_>,
    file_name: &str,
    plan: &ImportPlan,
    dry: &DryRun,
    importable: Vec<Option<Importable>>,
) -> Result<ImportReport> {
    let mut created = Vec::new();
    let mut known_categories: HashMap<CategoryId, Category> = HashMap::new();
    let mut new_categories: HashMap<String, Category> = HashMap::new();
    let mut new_divisions: HashMap<String, DivisionId> = HashMap::new();
    let mut new_locations: HashMap<(DivisionId, String), LocationId> = HashMap::new();
    let sheets: Vec<&str> = plan.sheets.iter().map(|s| s.name.as_str()).collect();
    change.execute(
        "INSERT INTO import_batches (file_name, sheets, row_count, user_id, imported_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![file_name, serde_json::to_string(&sheets).unwrap_or_default(), dry.items, change.actor.user_id, change.stamp()],
    )?;
    let batch = BatchId(change.last_insert_rowid());
    // Items with their own code go in first, so numbers given to items without one can
    // never collide with a code further down the file.
    let mut prepared = Vec::new();
    for item in importable.into_iter().flatten() {
        let Importable { asset, resolved } = item;
        let category = match resolved.category {
            Some(CategoryRef::Existing { id, .. }) => match known_categories.get(&id) {
                Some(c) => c.clone(),
                None => {
                    let c = categories::load(change, id)?;
                    known_categories.insert(id, c.clone());
                    c
                }
            },
            Some(CategoryRef::New { name, type_code }) => {
                match new_categories.get(&crate::text::name_key(&name)) {
                    Some(c) => c.clone(),
                    None => {
                        let c = categories::create(
                            change,
                            &CategoryInput {
                                name: name.clone(),
                                type_code,
                                useful_life_years: 10,
                            },
                        )?;
                        created.push(c.name.clone());
                        new_categories.insert(crate::text::name_key(&name), c.clone());
                        c
                    }
                }
            }
            None => {
                return Err(Error::Internal(
                    "an importable row without a category".into(),
                ));
            }
        };
        let mut division_of = |r: &DivisionRef| -> Result<DivisionId> {
            Ok(match r {
                DivisionRef::Existing(id) => *id,
                DivisionRef::New(name) => match new_divisions.get(&crate::text::name_key(name)) {
                    Some(id) => *id,
                    None => {
                        let d = divisions::create(
                            change,
                            &DivisionInput {
                                name: name.clone(),
                                short_name: String::new(),
                            },
                        )?;
                        created.push(d.name.clone());
                        new_divisions.insert(crate::text::name_key(name), d.id);
                        d.id
                    }
                },
            })
        };
        let division = resolved
            .division
            .as_ref()
            .map(&mut division_of)
            .transpose()?;
        let location = match &resolved.location {
            None => None,
            Some(LocationRef::Existing(id)) => Some(*id),
            Some(LocationRef::New(d, name)) => {
                let d = division_of(d)?;
                let key = (d, crate::text::name_key(name));
                Some(match new_locations.get(&key) {
                    Some(id) => *id,
                    None => {
                        let l = locations::create(
                            change,
                            &LocationInput {
                                division_id: d,
                                name: name.clone(),
                            },
                        )?;
                        created.push(l.name.clone());
                        new_locations.insert(key, l.id);
                        l.id
                    }
                })
            }
        };
        let acquired_on = asset
            .acquired_on
            .ok_or_else(|| Error::Internal("an importable row without a date".into()))?;
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
                custodian_id: resolved.custodian,
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
        prepared.push((valid, asset.quantity, asset.status));
    }
    let mut codes = CodeAllocator::new(change)?;
    let (with_code, without): (Vec<_>, Vec<_>) = prepared
        .into_iter()
        .partition(|(v, _, _)| !v.code.is_empty());
    let rows = (with_code.len() + without.len()) as u32;
    search_index::pause(change)?;
    let mut bulk = records::BulkInsert::new(change)?;
    for (valid, _, status) in &with_code {
        bulk.stage(change, valid, &valid.code, *status)?;
    }
    // Written before any number is handed out, so that the allocator sees these codes.
    let mut items = bulk.flush(change, Some(batch))?;
    for (valid, quantity, status) in &without {
        for _ in 0..*quantity {
            let code = codes.next(change, valid)?;
            bulk.stage(change, valid, &code, *status)?;
        }
    }
    items += bulk.flush(change, Some(batch))?;
    let items = items as u32;
    search_index::resume(change)?;
    codes.finish(change)?;
    change.execute(
        "UPDATE import_batches SET row_count = ?1 WHERE id = ?2",
        params![items, batch],
    )?;
    change.record(
        Event::new("import.batch", "import", batch).after(&serde_json::json!({
            "fileName": file_name,
            "sheets": sheets,
            "rows": rows,
            "items": items,
            "rowsLeftOut": dry.errors,
            "created": created,
        })),
    )?;
    Ok(ImportReport {
        batch_id: batch,
        items,
        rows,
        rows_left_out: dry.errors,
        created,
    })
}
