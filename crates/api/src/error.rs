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

impl ApiError {
    /// An error the door itself raises (not the core): `code` chooses the UI's sentence.
    pub fn new(code: &str, message: impl Into<String>, details: serde_json::Value) -> Self {
        Self {
            code: code.to_owned(),
            message: message.into(),
            details,
        }
    }

    /// No operation of this name exists (a mistyped route, a client of another version).
    pub fn unknown_operation(name: &str) -> Self {
        Self::new(
            "unknown_operation",
            format!("there is no operation {name:?}"),
            serde_json::json!({ "operation": name }),
        )
    }

    /// The input could not be read as the operation's input type; `field` is where
    /// (`items[0].assetId`), empty when the whole body is wrong.
    pub fn invalid_input(field: &str, problem: impl Into<String>) -> Self {
        Self::new(
            "invalid_input",
            problem,
            serde_json::json!({ "field": field }),
        )
    }
}

/// What every operation returns.
pub type ApiResult<T> = Result<T, ApiError>;
