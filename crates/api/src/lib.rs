//! Phatsadu's operations, declared once for every front door.
//!
//! The desktop window (Tauri IPC) and the office network (HTTPS) both call
//! [`dispatch`] with an operation's name and its JSON input; the TypeScript bindings are
//! generated from the same list ([`bindings`]). A door therefore cannot miss an operation
//! or check one differently: the list below is the only place an operation is named.
//!
//! Each operation is plain: serde types in, serde types out, and a [`Door`] that says who
//! is acting (from the door's own session, never from the request) and where produced
//! files go.

pub mod bindings;
pub mod door;
pub mod error;
pub mod logging;
pub mod ops;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

pub use door::Door;
pub use error::{ApiError, ApiResult};
pub use list::{OPERATIONS, binding_specs, dispatch};
pub use logging::run;
pub use ops::register_io::SavedFile;

/// The major version of this list. A network client of another major version is told
/// which version to install; it rises when an operation is removed or changes its types
/// incompatibly.
pub const API_MAJOR: u32 = 1;

/// Whether an operation changes the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Kind {
    /// Reads only (printing and exporting included: they write a file, not the register).
    Read,
    /// Changes the register. Over the network each carries an idempotency key so that a
    /// retry after a dropped connection is never done twice.
    Write,
    /// Begins or ends the caller's session (login, logout): the door's own business, and
    /// safe to repeat, so not keyed.
    Session,
    /// Concerns this PC only (pairing with the office host): a desktop client runs it
    /// itself and never forwards it to the host.
    Local,
}

/// One declared operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Operation {
    /// Its name, snake_case, as the UI calls it.
    pub name: &'static str,
    /// Whether it writes.
    pub kind: Kind,
}

/// Looks an operation up by name.
pub fn operation(name: &str) -> Option<&'static Operation> {
    OPERATIONS.iter().find(|op| op.name == name)
}

/// Reads `raw` as an operation's input; a mismatch names the field
/// (`items[0].assetId`) so the UI, and the log, can say which.
fn decode<T: DeserializeOwned>(raw: Value) -> ApiResult<T> {
    serde_path_to_error::deserialize(raw).map_err(|e| {
        let field = e.path().to_string();
        let field = if field == "." { String::new() } else { field };
        ApiError::invalid_input(&field, e.into_inner().to_string())
    })
}

/// Writes an operation's result as JSON.
fn encode<T: Serialize>(out: T) -> ApiResult<Value> {
    serde_json::to_value(out).map_err(|e| ApiError::new("internal", e.to_string(), Value::Null))
}

/// Calls one operation: with input when it is declared with one, without otherwise.
macro_rules! call_operation {
    ($door:expr, $raw:expr, $func:path,) => {{
        let _ = $raw;
        $crate::encode($func($door)?)
    }};
    ($door:expr, $raw:expr, $func:path, $input:ty) => {{
        let input: $input = $crate::decode($raw)?;
        $crate::encode($func($door, input)?)
    }};
}

/// The binding of one operation: with input when declared with one.
macro_rules! bind_operation {
    ($name:ident, , $output:ty) => {
        $crate::bindings::query::<$output>(stringify!($name))
    };
    ($name:ident, $input:ty, $output:ty) => {
        $crate::bindings::command::<$input, $output>(stringify!($name))
    };
}

/// Declares the operation list: [`OPERATIONS`], [`dispatch`] and the bindings' specs.
macro_rules! operations {
    ($($kind:ident $name:ident ($($input:ty)?) -> $output:ty = $module:ident :: $func:ident;)*) => {
        /// Every operation, in the order the UI's bindings list them.
        pub const OPERATIONS: &[$crate::Operation] = &[
            $($crate::Operation { name: stringify!($name), kind: operations!(@kind $kind) }),*
        ];

        /// Runs the operation called `name` with its JSON `input` (ignored by operations
        /// that take none) through `door`.
        pub fn dispatch(door: &dyn $crate::Door, name: &str, input: serde_json::Value) -> $crate::ApiResult<serde_json::Value> {
            match name {
                $(stringify!($name) => call_operation!(door, input, $crate::ops::$module::$func, $($input)?),)*
                _ => Err($crate::ApiError::unknown_operation(name)),
            }
        }

        /// Every operation's TypeScript signature (see [`bindings`]).
        pub fn binding_specs() -> Vec<$crate::bindings::CommandSpec> {
            vec![$(bind_operation!($name, $($input)?, $output)),*]
        }
    };
    (@kind read) => { $crate::Kind::Read };
    (@kind write) => { $crate::Kind::Write };
    (@kind session) => { $crate::Kind::Session };
    (@kind local) => { $crate::Kind::Local };
}

mod list;
