//! Accounts, roles, passwords, logins and sessions.
//!
//! Passwords are hashed with argon2id and never stored, returned or logged in clear.
//! Five wrong passwords in a row lock the account for five minutes. A [`Session`] ends
//! on logout or after the configured idle time; every operation re-reads the user's
//! roles from the register, so a change of roles takes effect at once.

mod login;
pub(crate) mod password;
pub mod roles;
mod session;
pub(crate) mod users;

pub use login::{ChangePasswordInput, LOCKOUT, LoginInput, MAX_FAILED_LOGINS};
pub use password::{MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH};
pub use roles::{Permission, Role, RoleGrant, permissions_of};
pub use session::{Session, SessionInfo};
pub use users::{NewUserInput, ResetPasswordInput, User, UserUpdate};

#[cfg(test)]
mod tests;
