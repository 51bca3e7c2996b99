//! The operations: each unpacks its input, asks the door for the actor, calls one core
//! operation and maps the error. Rules live in core, never here.
//!
//! Every operation takes no input or one `input`, so the generated TypeScript wrappers
//! (see `bindings.rs`) all look alike.

pub mod assets;
pub mod audit;
pub mod backups;
pub mod checks;
pub mod diagnostics;
pub mod disposal;
pub mod loans;
pub mod manual;
pub mod material_reports;
pub mod materials;
pub mod network;
pub mod office;
pub mod organisation;
pub mod printing;
pub mod register_io;
pub mod requisitions;
pub mod session;
pub mod staff;
pub mod structure;
pub mod users;
