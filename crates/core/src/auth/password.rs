//! Password policy and argon2id hashing.

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rand_core::OsRng;

use crate::error::{Error, Result};

/// Shortest password accepted.
pub const MIN_PASSWORD_LENGTH: usize = 8;
/// Longest password accepted (hashing a huge input would be a cheap way to slow the app).
pub const MAX_PASSWORD_LENGTH: usize = 128;

/// Refuses passwords that are too short or too long. `field` names the input field.
pub(crate) fn check_policy(field: &str, password: &str) -> Result<()> {
    let length = password.chars().count();
    if password.trim().is_empty() {
        return Err(Error::required(field));
    }
    if length < MIN_PASSWORD_LENGTH {
        return Err(Error::PasswordTooWeak {
            min_length: MIN_PASSWORD_LENGTH,
        });
    }
    if length > MAX_PASSWORD_LENGTH {
        return Err(Error::TooLong {
            field: field.to_owned(),
            max: MAX_PASSWORD_LENGTH,
        });
    }
    Ok(())
}

/// The argon2id hash of `password` as a PHC string (algorithm, parameters, salt, hash).
pub(crate) fn hash(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Internal(format!("password hashing failed: {e}")))
}

/// Whether `password` matches the stored `hash`. A damaged hash never matches.
pub(crate) fn verify(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Spends the same effort as a real check, so a wrong user name takes as long to refuse
/// as a wrong password and the timing does not tell which names exist.
pub(crate) fn verify_against_dummy(password: &str) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash("not a real password").unwrap_or_default());
    let _ = verify(password, dummy);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_argon2id_and_verifies() {
        let h = hash("ลับมาก-secret").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(!h.contains("secret"));
        assert!(verify("ลับมาก-secret", &h));
        assert!(!verify("ลับมาก-secreT", &h));
        assert!(!verify("ลับมาก-secret", "garbage"));
    }

    #[test]
    fn same_password_gets_different_salts() {
        assert_ne!(hash("password1").unwrap(), hash("password1").unwrap());
    }

    #[test]
    fn policy() {
        assert!(matches!(
            check_policy("password", "1234567"),
            Err(Error::PasswordTooWeak { min_length: 8 })
        ));
        assert!(matches!(
            check_policy("password", "        "),
            Err(Error::Required { .. })
        ));
        assert!(check_policy("password", "รหัสผ่านไทย").is_ok());
        assert!(matches!(
            check_policy("password", &"x".repeat(129)),
            Err(Error::TooLong { .. })
        ));
    }
}
