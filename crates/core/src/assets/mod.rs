//! The asset register (ครุภัณฑ์): records, categories, codes, depreciation, photos,
//! custody and status history, search.

pub mod categories;
pub mod codes;
pub mod depreciation;
pub mod lifecycle;
pub mod photos;
pub mod records;
pub mod search;
pub(crate) mod search_cache;
pub(crate) mod search_index;
pub mod settings;
pub mod status;

pub use categories::{Category, CategoryInput, CategoryUpdate};
pub use lifecycle::{StatusChange, Transfer};
pub use photos::{NewPhoto, PhotoInfo, PhotoRequest};
pub use records::{
    Asset, AssetDetail, AssetEvent, AssetInput, AssetUpdate, CodeRequest, NewAssets,
};
pub use search::{AssetPage, AssetQuery, AssetRow, AssetSort};
pub use settings::RegisterSettings;
pub use status::AssetStatus;

#[cfg(test)]
mod tests;
