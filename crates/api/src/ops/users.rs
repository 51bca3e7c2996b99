//! Accounts and roles.

use phatsadu_core::auth::{NewUserInput, ResetPasswordInput, User, UserUpdate};

use crate::door::Door;
use crate::error::ApiResult;

/// All accounts.
pub fn list_users(door: &dyn Door) -> ApiResult<Vec<User>> {
    Ok(door.register()?.list_users(&door.actor()?)?)
}

/// Creates an account.
pub fn create_user(door: &dyn Door, input: NewUserInput) -> ApiResult<User> {
    Ok(door.register()?.create_user(&door.actor()?, &input)?)
}

/// Changes an account (if it is the caller's own, the session picks up the new roles).
pub fn update_user(door: &dyn Door, input: UserUpdate) -> ApiResult<User> {
    let user = door.register()?.update_user(&door.actor()?, &input)?;
    door.refresh()?;
    Ok(user)
}

/// Sets a new password for another user.
pub fn reset_password(door: &dyn Door, input: ResetPasswordInput) -> ApiResult<()> {
    Ok(door.register()?.reset_password(&door.actor()?, &input)?)
}
