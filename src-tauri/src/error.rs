//! The error shape the UI receives: `{ code, message, details }`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An error as sent to the UI. The UI shows a Thai sentence chosen by `code` and filled
/// from `details`; `message` (English) is only a fallback and for logs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ApiError {
    /// Stable snake_case code, e.g. `duplicate`.
    pub code: String,
    /// English description, for logs and unknown codes.
    pub message: String,
    /// Facts for the message, e.g. `{ "field": "name", "value": "กองช่าง" }`.
    pub details: serde_json::Value,
}

impl From<phatsadu_core::Error> for ApiError {
    fn from(error: phatsadu_core::Error) -> Self {
        if error.code() == "internal" {
            // Not the user's fault: keep a trace for whoever looks at the terminal or log.
            eprintln!("phatsadu: internal error: {error}");
        }
        Self {
            code: error.code().to_owned(),
            message: error.to_string(),
            details: error.details(),
        }
    }
}

/// What every command returns.
pub type CommandResult<T> = Result<T, ApiError>;
