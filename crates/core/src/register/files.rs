//! Where the register lives on disk, and the lock that says the app has it open.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Environment variable that overrides the data directory (tests, or people who keep
/// the register on another disk).
pub const DATA_DIR_ENV: &str = "PHATSADU_DATA_DIR";

/// The folder holding the register file, its lock and its automatic backups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// A data directory at an explicit path.
    pub fn at(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// The data directory to use: `explicit` if given, else `$PHATSADU_DATA_DIR`, else the
    /// user's data directory (`~/.local/share/phatsadu` on Linux, `%APPDATA%\phatsadu` on
    /// Windows, `~/Library/Application Support/phatsadu` on macOS).
    pub fn resolve(explicit: Option<PathBuf>) -> Result<Self> {
        if let Some(root) = explicit {
            return Ok(Self::at(root));
        }
        if let Some(root) = std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
            return Ok(Self::at(root));
        }
        let base = directories::BaseDirs::new().ok_or_else(|| {
            Error::Internal("cannot find the user's home directory; set PHATSADU_DATA_DIR".into())
        })?;
        Ok(Self::at(base.data_dir().join("phatsadu")))
    }

    /// The folder itself.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A short, stable fingerprint of this folder's path (hex), used to tell apart app
    /// instances working on different registers.
    pub fn instance_key(&self) -> String {
        use sha2::{Digest, Sha256};
        let absolute = std::path::absolute(&self.root).unwrap_or_else(|_| self.root.clone());
        let digest = Sha256::digest(absolute.to_string_lossy().as_bytes());
        hex::encode(&digest[..6])
    }

    /// The register file.
    pub fn register_file(&self) -> PathBuf {
        self.root.join("phatsadu.sqlite")
    }

    /// The folder for automatic safety copies (before a migration or a restore).
    pub fn backups_dir(&self) -> PathBuf {
        self.root.join("backups")
    }

    /// Creates the folder if needed and proves it can be written.
    pub fn ensure_writable(&self) -> Result<()> {
        let not_writable = || Error::DataDirNotWritable {
            path: self.root.clone(),
        };
        fs::create_dir_all(&self.root).map_err(|_| not_writable())?;
        let probe = self.root.join(".phatsadu-write-test");
        fs::write(&probe, b"ok").map_err(|_| not_writable())?;
        // The probe only proves the folder is writable; leaving it behind would be harmless.
        let _ = fs::remove_file(&probe);
        Ok(())
    }

    /// Takes the lock that marks the register as open in the app. Held until dropped.
    /// Fails with [`Error::FileInUse`] if another process holds it.
    pub fn lock(&self) -> Result<RegisterLock> {
        self.ensure_writable()?;
        let path = self.root.join("phatsadu.lock");
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => Ok(RegisterLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(Error::FileInUse {
                path: self.register_file(),
            }),
            Err(TryLockError::Error(e)) => Err(Error::io(&path, e)),
        }
    }
}

/// Proof that this process holds the data directory's lock; released on drop.
#[derive(Debug)]
pub struct RegisterLock {
    _file: File,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_is_exclusive_until_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::at(dir.path());
        let first = data.lock().unwrap();
        assert!(matches!(data.lock(), Err(Error::FileInUse { .. })));
        drop(first);
        assert!(data.lock().is_ok());
    }

    #[test]
    fn a_data_dir_under_a_file_is_not_writable() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("plain-file");
        fs::write(&file, b"x").unwrap();
        let data = DataDir::at(file.join("phatsadu"));
        assert!(matches!(
            data.ensure_writable(),
            Err(Error::DataDirNotWritable { .. })
        ));
    }

    #[test]
    fn instance_keys_differ_by_folder() {
        assert_eq!(
            DataDir::at("/a").instance_key(),
            DataDir::at("/a").instance_key()
        );
        assert_ne!(
            DataDir::at("/a").instance_key(),
            DataDir::at("/b").instance_key()
        );
        assert_eq!(DataDir::at("/a").instance_key().len(), 12);
    }

    #[test]
    fn explicit_path_wins() {
        let data = DataDir::resolve(Some(PathBuf::from("/tmp/x"))).unwrap();
        assert_eq!(
            data.register_file(),
            PathBuf::from("/tmp/x/phatsadu.sqlite")
        );
    }
}
