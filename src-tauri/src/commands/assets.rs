//! The asset register: categories, settings, records, history, photos, search.

use phatsadu_core::assets::{
    Asset, AssetDetail, AssetPage, AssetQuery, AssetUpdate, Category, CategoryInput,
    CategoryUpdate, CodeRequest, NewAssets, NewPhoto, PhotoInfo, PhotoRequest, RegisterSettings,
    RegisterSummary, SearchSynonym, StatusChange, Transfer,
};
use phatsadu_core::ids::{AssetId, PhotoId};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

/// Every category.
#[tauri::command(async)]
pub fn list_categories(state: State<'_, AppState>) -> CommandResult<Vec<Category>> {
    Ok(state.register()?.list_categories(&state.actor()?)?)
}

/// Adds a category.
#[tauri::command(async)]
pub fn create_category(
    state: State<'_, AppState>,
    input: CategoryInput,
) -> CommandResult<Category> {
    Ok(state.register()?.create_category(&state.actor()?, &input)?)
}

/// Changes a category.
#[tauri::command(async)]
pub fn update_category(
    state: State<'_, AppState>,
    input: CategoryUpdate,
) -> CommandResult<Category> {
    Ok(state.register()?.update_category(&state.actor()?, &input)?)
}

/// The code template and depreciation basis.
#[tauri::command(async)]
pub fn get_register_settings(state: State<'_, AppState>) -> CommandResult<RegisterSettings> {
    Ok(state.register()?.register_settings(&state.actor()?)?)
}

/// Changes the code template or depreciation basis.
#[tauri::command(async)]
pub fn update_register_settings(
    state: State<'_, AppState>,
    input: RegisterSettings,
) -> CommandResult<RegisterSettings> {
    Ok(state
        .register()?
        .update_register_settings(&state.actor()?, &input)?)
}

/// The search's synonyms (แอร์ = เครื่องปรับอากาศ …).
#[tauri::command(async)]
pub fn list_search_synonyms(state: State<'_, AppState>) -> CommandResult<Vec<SearchSynonym>> {
    Ok(state.register()?.search_synonyms(&state.actor()?)?)
}

/// Replaces the search's synonyms.
#[tauri::command(async)]
pub fn update_search_synonyms(
    state: State<'_, AppState>,
    input: Vec<SearchSynonym>,
) -> CommandResult<Vec<SearchSynonym>> {
    Ok(state
        .register()?
        .update_search_synonyms(&state.actor()?, &input)?)
}

/// The register at a glance (the home screen).
#[tauri::command(async)]
pub fn register_summary(state: State<'_, AppState>) -> CommandResult<RegisterSummary> {
    Ok(state.register()?.register_summary(&state.actor()?)?)
}

/// A page of the asset list.
#[tauri::command(async)]
pub fn list_assets(state: State<'_, AppState>, input: AssetQuery) -> CommandResult<AssetPage> {
    Ok(state.register()?.list_assets(&state.actor()?, &input)?)
}

/// One asset in full.
#[tauri::command(async)]
pub fn asset_detail(state: State<'_, AppState>, input: AssetId) -> CommandResult<AssetDetail> {
    Ok(state.register()?.asset_detail(&state.actor()?, input)?)
}

/// Creates one or more identical items.
#[tauri::command(async)]
pub fn create_assets(state: State<'_, AppState>, input: NewAssets) -> CommandResult<Vec<Asset>> {
    Ok(state.register()?.create_assets(&state.actor()?, &input)?)
}

/// Edits an asset.
#[tauri::command(async)]
pub fn update_asset(state: State<'_, AppState>, input: AssetUpdate) -> CommandResult<Asset> {
    Ok(state.register()?.update_asset(&state.actor()?, &input)?)
}

/// Records a new status.
#[tauri::command(async)]
pub fn change_asset_status(
    state: State<'_, AppState>,
    input: StatusChange,
) -> CommandResult<Asset> {
    Ok(state
        .register()?
        .change_asset_status(&state.actor()?, &input)?)
}

/// Moves items to another division, location or custodian.
#[tauri::command(async)]
pub fn transfer_assets(state: State<'_, AppState>, input: Transfer) -> CommandResult<Vec<Asset>> {
    Ok(state.register()?.transfer_assets(&state.actor()?, &input)?)
}

/// The next free code for a category, date and division.
#[tauri::command(async)]
pub fn next_asset_code(state: State<'_, AppState>, input: CodeRequest) -> CommandResult<String> {
    Ok(state.register()?.next_asset_code(&state.actor()?, &input)?)
}

/// Attaches a photo.
#[tauri::command(async)]
pub fn add_photo(state: State<'_, AppState>, input: NewPhoto) -> CommandResult<PhotoInfo> {
    Ok(state.register()?.add_photo(&state.actor()?, &input)?)
}

/// Removes a photo.
#[tauri::command(async)]
pub fn remove_photo(state: State<'_, AppState>, input: PhotoId) -> CommandResult<()> {
    Ok(state.register()?.remove_photo(&state.actor()?, input)?)
}

/// A photo or its thumbnail as a data URL.
#[tauri::command(async)]
pub fn photo_data_url(state: State<'_, AppState>, input: PhotoRequest) -> CommandResult<String> {
    Ok(state.register()?.photo_data_url(&state.actor()?, &input)?)
}
