//! The asset register: categories, settings, records, history, photos, search.

use phatsadu_core::assets::{
    Asset, AssetDetail, AssetPage, AssetQuery, AssetUpdate, Category, CategoryInput,
    CategoryUpdate, CodeRequest, NewAssets, NewPhoto, PhotoInfo, PhotoRequest, RegisterSettings,
    RegisterSummary, SearchSynonym, StatusChange, Transfer,
};
use phatsadu_core::ids::{AssetId, PhotoId};

use crate::door::Door;
use crate::error::ApiResult;

/// Every category.
pub fn list_categories(door: &dyn Door) -> ApiResult<Vec<Category>> {
    Ok(door.register()?.list_categories(&door.actor()?)?)
}

/// Adds a category.
pub fn create_category(door: &dyn Door, input: CategoryInput) -> ApiResult<Category> {
    Ok(door.register()?.create_category(&door.actor()?, &input)?)
}

/// Changes a category.
pub fn update_category(door: &dyn Door, input: CategoryUpdate) -> ApiResult<Category> {
    Ok(door.register()?.update_category(&door.actor()?, &input)?)
}

/// The code template and depreciation basis.
pub fn get_register_settings(door: &dyn Door) -> ApiResult<RegisterSettings> {
    Ok(door.register()?.register_settings(&door.actor()?)?)
}

/// Changes the code template or depreciation basis.
pub fn update_register_settings(
    door: &dyn Door,
    input: RegisterSettings,
) -> ApiResult<RegisterSettings> {
    Ok(door
        .register()?
        .update_register_settings(&door.actor()?, &input)?)
}

/// The search's synonyms (แอร์ = เครื่องปรับอากาศ …).
pub fn list_search_synonyms(door: &dyn Door) -> ApiResult<Vec<SearchSynonym>> {
    Ok(door.register()?.search_synonyms(&door.actor()?)?)
}

/// Replaces the search's synonyms.
pub fn update_search_synonyms(
    door: &dyn Door,
    input: Vec<SearchSynonym>,
) -> ApiResult<Vec<SearchSynonym>> {
    Ok(door
        .register()?
        .update_search_synonyms(&door.actor()?, &input)?)
}

/// The register at a glance (the home screen).
pub fn register_summary(door: &dyn Door) -> ApiResult<RegisterSummary> {
    Ok(door.register()?.register_summary(&door.actor()?)?)
}

/// A page of the asset list.
pub fn list_assets(door: &dyn Door, input: AssetQuery) -> ApiResult<AssetPage> {
    Ok(door.register()?.list_assets(&door.actor()?, &input)?)
}

/// One asset in full.
pub fn asset_detail(door: &dyn Door, input: AssetId) -> ApiResult<AssetDetail> {
    Ok(door.register()?.asset_detail(&door.actor()?, input)?)
}

/// Creates one or more identical items.
pub fn create_assets(door: &dyn Door, input: NewAssets) -> ApiResult<Vec<Asset>> {
    Ok(door.register()?.create_assets(&door.actor()?, &input)?)
}

/// Edits an asset.
pub fn update_asset(door: &dyn Door, input: AssetUpdate) -> ApiResult<Asset> {
    Ok(door.register()?.update_asset(&door.actor()?, &input)?)
}

/// Records a new status.
pub fn change_asset_status(door: &dyn Door, input: StatusChange) -> ApiResult<Asset> {
    Ok(door
        .register()?
        .change_asset_status(&door.actor()?, &input)?)
}

/// Moves items to another division, location or custodian.
pub fn transfer_assets(door: &dyn Door, input: Transfer) -> ApiResult<Vec<Asset>> {
    Ok(door.register()?.transfer_assets(&door.actor()?, &input)?)
}

/// The next free code for a category, date and division.
pub fn next_asset_code(door: &dyn Door, input: CodeRequest) -> ApiResult<String> {
    Ok(door.register()?.next_asset_code(&door.actor()?, &input)?)
}

/// Attaches a photo.
pub fn add_photo(door: &dyn Door, input: NewPhoto) -> ApiResult<PhotoInfo> {
    Ok(door.register()?.add_photo(&door.actor()?, &input)?)
}

/// Removes a photo.
pub fn remove_photo(door: &dyn Door, input: PhotoId) -> ApiResult<()> {
    Ok(door.register()?.remove_photo(&door.actor()?, input)?)
}

/// A photo or its thumbnail as a data URL.
pub fn photo_data_url(door: &dyn Door, input: PhotoRequest) -> ApiResult<String> {
    Ok(door.register()?.photo_data_url(&door.actor()?, &input)?)
}
