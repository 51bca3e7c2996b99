//! The asset register (ครุภัณฑ์): records, categories, codes, depreciation, photos,
//! custody and status history, search.

/// The custodian's name as lists, forms and the search show it, in SQL over `assets a`
/// left-joined to `people p`: the person in the directory, else the name an import kept
/// as written, else NULL.
macro_rules! custodian_name_sql {
    () => {
        "CASE WHEN p.id IS NOT NULL THEN p.title || p.first_name || ' ' || p.last_name
              WHEN a.custodian_as_written <> '' THEN a.custodian_as_written END"
    };
}

pub mod categories;
pub mod codes;
pub mod depreciation;
pub mod lifecycle;
pub mod photos;
pub mod records;
pub mod search;
pub(crate) mod search_cache;
pub(crate) mod search_fold;
pub(crate) mod search_index;
pub mod settings;
pub mod status;
pub mod summary;
pub mod synonyms;

pub use categories::{Category, CategoryInput, CategoryUpdate};
pub use lifecycle::{StatusChange, Transfer};
pub use photos::{NewPhoto, PhotoInfo, PhotoRequest};
pub use records::{
    Asset, AssetDetail, AssetEvent, AssetInput, AssetUpdate, CodeRequest, NewAssets,
};
pub use search::{AssetPage, AssetQuery, AssetRow, AssetSort};
pub use settings::RegisterSettings;
pub use status::AssetStatus;
pub use summary::RegisterSummary;
pub use synonyms::SearchSynonym;

#[cfg(test)]
mod search_concurrency_tests;
#[cfg(test)]
mod search_tests;
#[cfg(test)]
mod tests;
