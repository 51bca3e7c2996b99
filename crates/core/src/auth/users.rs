//! Login accounts and the roles they hold (administered by people with `manage_users`).

use std::collections::BTreeSet;

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::password;
use super::roles::{Permission, Role, RoleGrant};
use crate::audit::Event;
use crate::error::{Error, Result};
use crate::ids::{DivisionId, PersonId, UserId};
use crate::register::{Actor, Change, Register};
use crate::text;

/// Longest full name accepted.
const MAX_NAME: usize = 200;

/// An account as administrators see it (never with its password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// Id.
    pub id: UserId,
    /// Login name (lower case).
    pub username: String,
    /// Name shown in the app and the audit log.
    pub full_name: String,
    /// The staff-directory entry of this person, if linked.
    pub person_id: Option<PersonId>,
    /// Roles held.
    pub roles: Vec<RoleGrant>,
    /// Switched-off accounts cannot log in.
    pub active: bool,
    /// Set while the account waits after too many wrong passwords (UTC, RFC 3339).
    pub locked_until: Option<String>,
    /// Last successful login (UTC, RFC 3339).
    pub last_login_at: Option<String>,
    /// Whether the next login must start by choosing a new password.
    pub must_change_password: bool,
}

/// A new account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewUserInput {
    /// Login name: 3–32 letters a–z, digits, dot, dash or underscore.
    pub username: String,
    /// Name shown in the app.
    pub full_name: String,
    /// First password (the user is asked to change it at first login).
    pub password: String,
    /// Link to the staff directory.
    pub person_id: Option<PersonId>,
    /// At least one role.
    pub roles: Vec<RoleGrant>,
}

/// Changes to an existing account (the login name never changes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UserUpdate {
    /// Which account.
    pub id: UserId,
    /// Name shown in the app.
    pub full_name: String,
    /// Link to the staff directory.
    pub person_id: Option<PersonId>,
    /// At least one role.
    pub roles: Vec<RoleGrant>,
    /// Whether the account may log in.
    pub active: bool,
}

/// An administrator setting a new password for someone who forgot theirs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResetPasswordInput {
    /// Whose password.
    pub user_id: UserId,
    /// The new password, to be changed by its owner at next login.
    pub new_password: String,
}

impl Register {
    /// Every account, by login name.
    pub fn list_users(&self, actor: &Actor) -> Result<Vec<User>> {
        self.read(actor, Some(Permission::ManageUsers), |conn, _| {
            let mut stmt = conn.prepare(&format!("{SELECT_USER} ORDER BY username"))?;
            let users = stmt
                .query_map([], user_from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            users
                .into_iter()
                .map(|mut user| {
                    user.roles = roles_of(conn, user.id)?;
                    Ok(user)
                })
                .collect()
        })
    }

    /// Creates an account.
    pub fn create_user(&self, actor: &Actor, input: &NewUserInput) -> Result<User> {
        self.change(actor, Some(Permission::ManageUsers), |change| {
            create_user(change, input, true, "")
        })
    }

    /// Changes an account's name, person link, roles or active flag.
    pub fn update_user(&self, actor: &Actor, input: &UserUpdate) -> Result<User> {
        self.change(actor, Some(Permission::ManageUsers), |change| {
            let before = load_user(change, input.id)?;
            let full_name = text::required("fullName", &input.full_name, MAX_NAME)?;
            let roles = check_roles(change, &input.roles)?;
            check_person(change, input.person_id, Some(input.id))?;
            let stays_admin = input.active && roles.iter().any(|g| g.role == Role::Administrator);
            if !stays_admin
                && is_active_admin(&before)
                && other_active_admins(change, input.id)? == 0
            {
                return Err(Error::CannotRemoveLastAdmin);
            }
            change.execute(
                "UPDATE users SET full_name = ?1, person_id = ?2, active = ?3 WHERE id = ?4",
                params![full_name, input.person_id, input.active, input.id],
            )?;
            replace_roles(change, input.id, &roles)?;
            let after = load_user(change, input.id)?;
            change.record_edit(
                Event::new("user.update", "user", input.id)
                    .before(&before)
                    .after(&after),
            )?;
            Ok(after)
        })
    }

    /// Sets a new password for another user, who must change it at next login. Also
    /// lifts a lockout.
    pub fn reset_password(&self, actor: &Actor, input: &ResetPasswordInput) -> Result<()> {
        self.change(actor, Some(Permission::ManageUsers), |change| {
            password::check_policy("newPassword", &input.new_password)?;
            let user = load_user(change, input.user_id)?;
            let hash = password::hash(&input.new_password)?;
            change.execute(
                "UPDATE users SET password_hash = ?1, must_change_password = 1,
                                  failed_logins = 0, locked_until = NULL
                 WHERE id = ?2",
                params![hash, input.user_id],
            )?;
            change.record(
                Event::new("user.reset_password", "user", input.user_id)
                    .after(&serde_json::json!({ "username": user.username })),
            )
        })
    }
}

/// The columns of [`User`] except roles, in the order `user_from_row` reads them.
pub(crate) const SELECT_USER: &str = "SELECT id, username, full_name, person_id, active,
        locked_until, last_login_at, must_change_password FROM users";

pub(crate) fn user_from_row(row: &Row<'_>) -> rusqlite::Result<User> {
    Ok(User {
        id: row.get(0)?,
        username: row.get(1)?,
        full_name: row.get(2)?,
        person_id: row.get(3)?,
        active: row.get(4)?,
        locked_until: row.get(5)?,
        last_login_at: row.get(6)?,
        must_change_password: row.get(7)?,
        roles: Vec::new(),
    })
}

/// One account with its roles.
pub(crate) fn load_user(conn: &Connection, id: UserId) -> Result<User> {
    let mut user = conn
        .query_row(&format!("{SELECT_USER} WHERE id = ?1"), [id], user_from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("user", id))?;
    user.roles = roles_of(conn, id)?;
    Ok(user)
}

/// The roles a user holds, in a stable order.
pub(crate) fn roles_of(conn: &Connection, user: UserId) -> Result<Vec<RoleGrant>> {
    let mut stmt = conn.prepare_cached(
        "SELECT role, division_id FROM user_roles WHERE user_id = ?1 ORDER BY role, division_id",
    )?;
    let grants = stmt
        .query_map([user], |row| Ok((row.get::<_, String>(0)?, row.get(1)?)))?
        .map(|row| {
            let (code, division_id) = row?;
            let role = Role::from_code(&code)
                .ok_or_else(|| Error::Internal(format!("unknown role {code} in the register")))?;
            Ok(RoleGrant { role, division_id })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(grants)
}

/// Validates, inserts and records an account. `must_change` asks for a new password at
/// first login; `prefix` goes before field names in errors (e.g. `admin.` in setup).
pub(crate) fn create_user(
    change: &Change<'_>,
    input: &NewUserInput,
    must_change: bool,
    prefix: &str,
) -> Result<User> {
    let field = |name: &str| format!("{prefix}{name}");
    let username = check_username(&field("username"), &input.username)?;
    let full_name = text::required(&field("fullName"), &input.full_name, MAX_NAME)?;
    password::check_policy(&field("password"), &input.password)?;
    let roles = check_roles(change, &input.roles).map_err(|e| e.within(prefix))?;
    check_person(change, input.person_id, None).map_err(|e| e.within(prefix))?;
    let taken: bool = change.query_row(
        "SELECT EXISTS (SELECT 1 FROM users WHERE username_key = ?1)",
        [&username],
        |row| row.get(0),
    )?;
    if taken {
        return Err(Error::duplicate(field("username"), username));
    }
    let hash = password::hash(&input.password)?;
    change.execute(
        "INSERT INTO users (username, username_key, full_name, person_id, password_hash,
                            must_change_password, created_at)
         VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            username,
            full_name,
            input.person_id,
            hash,
            must_change,
            change.stamp()
        ],
    )?;
    let id = UserId(change.last_insert_rowid());
    replace_roles(change, id, &roles)?;
    let user = load_user(change, id)?;
    change.record(Event::new("user.create", "user", id).after(&user))?;
    Ok(user)
}

/// Login names: 3–32 characters from a–z, 0–9, `.`, `-`, `_`; stored in lower case so
/// "Somchai" and "somchai" are one account.
fn check_username(field: &str, value: &str) -> Result<String> {
    let name = text::required(field, value, 32)?.to_lowercase();
    if name.chars().count() < 3 {
        return Err(Error::invalid(field, "at least 3 characters"));
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'))
    {
        return Err(Error::invalid(
            field,
            "only a-z, 0-9, dot, dash and underscore",
        ));
    }
    Ok(name)
}

/// At least one role; a division head needs an existing division, other roles none.
fn check_roles(conn: &Connection, grants: &[RoleGrant]) -> Result<Vec<RoleGrant>> {
    if grants.is_empty() {
        return Err(Error::required("roles"));
    }
    let mut unique = BTreeSet::new();
    for grant in grants {
        match (grant.role, grant.division_id) {
            (Role::DivisionHead, None) => {
                return Err(Error::invalid("roles", "a division head needs a division"));
            }
            (Role::DivisionHead, Some(division)) => ensure_division(conn, division)?,
            (_, Some(_)) => {
                return Err(Error::invalid(
                    "roles",
                    "only a division head has a division",
                ));
            }
            (_, None) => {}
        }
        unique.insert(*grant);
    }
    Ok(unique.into_iter().collect())
}

fn ensure_division(conn: &Connection, division: DivisionId) -> Result<()> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM divisions WHERE id = ?1)",
        [division],
        |row| row.get(0),
    )?;
    if exists {
        Ok(())
    } else {
        Err(Error::not_found("division", division))
    }
}

/// The linked person must exist and must not already be linked to another account.
fn check_person(
    conn: &Connection,
    person: Option<PersonId>,
    this_user: Option<UserId>,
) -> Result<()> {
    let Some(person) = person else {
        return Ok(());
    };
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM people WHERE id = ?1)",
        [person],
        |row| row.get(0),
    )?;
    if !exists {
        return Err(Error::not_found("person", person));
    }
    let holder: Option<(UserId, String)> = conn
        .query_row(
            "SELECT id, username FROM users WHERE person_id = ?1",
            [person],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    match holder {
        Some((holder, username)) if Some(holder) != this_user => {
            Err(Error::duplicate("personId", username))
        }
        _ => Ok(()),
    }
}

fn replace_roles(conn: &Connection, user: UserId, roles: &[RoleGrant]) -> Result<()> {
    conn.execute("DELETE FROM user_roles WHERE user_id = ?1", [user])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO user_roles (user_id, role, division_id) VALUES (?1, ?2, ?3)",
    )?;
    for grant in roles {
        insert.execute(params![user, grant.role.as_str(), grant.division_id])?;
    }
    Ok(())
}

fn is_active_admin(user: &User) -> bool {
    user.active && user.roles.iter().any(|g| g.role == Role::Administrator)
}

fn other_active_admins(conn: &Connection, except: UserId) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(DISTINCT u.id) FROM users u JOIN user_roles r ON r.user_id = u.id
         WHERE r.role = 'administrator' AND u.active = 1 AND u.id <> ?1",
        [except],
        |row| row.get(0),
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_lower_case_ascii() {
        assert_eq!(
            check_username("username", " Somchai.K ").unwrap(),
            "somchai.k"
        );
        assert!(matches!(
            check_username("username", "สมชาย"),
            Err(Error::InvalidValue { .. })
        ));
        assert!(matches!(
            check_username("username", "ab"),
            Err(Error::InvalidValue { .. })
        ));
        assert!(matches!(
            check_username("username", "   "),
            Err(Error::Required { .. })
        ));
        assert!(matches!(
            check_username("username", "a b c"),
            Err(Error::InvalidValue { .. })
        ));
    }
}
