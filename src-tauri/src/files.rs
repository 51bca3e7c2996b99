//! Saving exported and printed files where the user wants them, and opening them.

use std::path::{Path, PathBuf};

use phatsadu_core::Error;

/// The folder files go to unless the user chose another: `Documents/Phatsadu`.
pub fn default_folder() -> PathBuf {
    directories::UserDirs::new()
        .and_then(|dirs| dirs.document_dir().map(Path::to_path_buf))
        .or_else(|| directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf()))
        .unwrap_or_else(|| PathBuf::from("."))
        .join("Phatsadu")
}

/// The folder the UI asked for (its remembered choice), or the default one when it sent
/// none.
pub fn chosen_folder(folder: Option<String>) -> PathBuf {
    folder
        .filter(|f| !f.trim().is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(default_folder)
}

/// Writes `bytes` as `file_name` in `folder` (created if needed) without replacing an
/// existing file: a second export the same day becomes `name (2).xlsx`. Returns the path.
pub fn save(folder: &Path, file_name: &str, bytes: &[u8]) -> Result<PathBuf, Error> {
    let refuse = || Error::FolderNotWritable {
        path: folder.to_path_buf(),
    };
    std::fs::create_dir_all(folder).map_err(|_| refuse())?;
    let stem = Path::new(file_name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("export");
    let extension = Path::new(file_name)
        .extension()
        .and_then(|s| s.to_str())
        .unwrap_or("bin");
    let mut path = folder.join(file_name);
    let mut n = 2;
    while path.exists() {
        path = folder.join(format!("{stem} ({n}).{extension}"));
        n += 1;
    }
    // Write next to the target, then rename: a crash never leaves half a file behind.
    let partial = path.with_extension(format!("{extension}.partial"));
    std::fs::write(&partial, bytes).map_err(|_| refuse())?;
    std::fs::rename(&partial, &path).map_err(|_| refuse())?;
    Ok(path)
}

/// Whether the app may hand `path` to the system to open: a folder, or a file of a kind
/// the app writes.
pub fn may_open(path: &Path) -> bool {
    path.is_dir()
        || (path.is_file()
            && path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| ["xlsx", "csv", "pdf"].contains(&e.to_lowercase().as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saving_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let first = save(dir.path(), "ทะเบียน.xlsx", b"one").unwrap();
        let second = save(dir.path(), "ทะเบียน.xlsx", b"two").unwrap();
        assert_eq!(first.file_name().unwrap(), "ทะเบียน.xlsx");
        assert_eq!(second.file_name().unwrap(), "ทะเบียน (2).xlsx");
        assert_eq!(std::fs::read(first).unwrap(), b"one");
        assert!(may_open(&second));
        assert!(!may_open(Path::new("/etc/passwd")));
    }

    #[test]
    fn an_unwritable_folder_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a-file");
        std::fs::write(&file, b"x").unwrap();
        let err = save(&file.join("sub"), "x.csv", b"").unwrap_err();
        assert_eq!(err.code(), "folder_not_writable");
    }
}
