//! The desktop window as a door onto the operations: its one session, this PC's folders.

use std::path::PathBuf;

use phatsadu_api::ops::network::HostStatus;
use phatsadu_api::ops::office::{Connection, FoundOfficeHost, HostCandidate, Pairing};
use phatsadu_api::{ApiResult, Door, SavedFile};
use phatsadu_core::auth::{Session, SessionInfo};
use phatsadu_core::network::NetworkSettings;
use phatsadu_core::{Actor, Register};

use crate::files;
use crate::state::AppState;

impl Door for AppState {
    fn register(&self) -> ApiResult<&Register> {
        AppState::register(self)
    }

    fn actor(&self) -> ApiResult<Actor> {
        AppState::actor(self)
    }

    fn begin(&self, session: Session) -> ApiResult<SessionInfo> {
        AppState::begin(self, session)
    }

    fn end(&self) -> ApiResult<()> {
        AppState::end(self)
    }

    fn current(&self) -> ApiResult<Option<SessionInfo>> {
        AppState::current(self)
    }

    fn refresh(&self) -> ApiResult<()> {
        AppState::refresh(self)
    }

    fn data_folder(&self) -> Option<PathBuf> {
        Some(self.data_dir().root().to_path_buf())
    }

    fn register_place(&self) -> String {
        self.data_dir().register_file().display().to_string()
    }

    fn startup_error(&self) -> Option<phatsadu_api::ApiError> {
        AppState::startup_error(self).cloned()
    }

    fn save(
        &self,
        folder: Option<String>,
        file_name: &str,
        bytes: &[u8],
        rows: usize,
    ) -> ApiResult<SavedFile> {
        let path = files::save(&files::chosen_folder(folder), file_name, bytes)?;
        Ok(SavedFile {
            path: path.display().to_string(),
            rows: u32::try_from(rows).unwrap_or(u32::MAX),
            url: None,
        })
    }

    fn save_pack(
        &self,
        folder: Option<String>,
        pack: &phatsadu_forms::ita_pack::Pack,
    ) -> ApiResult<SavedFile> {
        // The folder and its zip beside it, under a name not yet taken in the chosen folder.
        let dir = files::chosen_folder(folder);
        std::fs::create_dir_all(&dir)
            .map_err(|_| phatsadu_core::Error::FolderNotWritable { path: dir.clone() })?;
        let mut out = dir.join(&pack.folder_name);
        let mut n = 2;
        while out.exists() || out.with_extension("zip").exists() {
            out = dir.join(format!("{} ({n})", pack.folder_name));
            n += 1;
        }
        let (folder, _zip) = phatsadu_forms::ita_pack::write_pack(pack, &out)?;
        Ok(SavedFile {
            path: folder.display().to_string(),
            rows: 0,
            url: None,
        })
    }

    fn default_folder(&self) -> ApiResult<String> {
        Ok(files::default_folder().display().to_string())
    }

    fn open_path(&self, path: &str) -> ApiResult<()> {
        let path = PathBuf::from(path);
        if !files::may_open(&path) {
            return Err(phatsadu_core::Error::invalid(
                "path",
                "only saved files and folders can be opened",
            )
            .into());
        }
        tauri_plugin_opener::open_path(&path, None::<&str>).map_err(|e| {
            phatsadu_core::Error::io(&path, std::io::Error::other(e.to_string())).into()
        })
    }

    fn host_status(&self, settings: NetworkSettings) -> ApiResult<HostStatus> {
        Ok(self.host.status(settings))
    }

    fn apply_host(&self, settings: NetworkSettings) -> ApiResult<HostStatus> {
        let register = self.shared_register()?;
        self.host.apply(register, self.data_dir().root(), &settings);
        Ok(self.host.status(settings))
    }

    fn find_host(&self, address: &str) -> ApiResult<HostCandidate> {
        self.office.find(address)
    }

    fn discover_hosts(&self) -> ApiResult<Vec<FoundOfficeHost>> {
        self.office.discover()
    }

    fn pair(&self, pairing: Pairing) -> ApiResult<Connection> {
        self.office.pair(pairing)
    }

    fn forget_pairing(&self) -> ApiResult<Connection> {
        self.office.forget()
    }

    fn connection(&self) -> ApiResult<Connection> {
        Ok(self.office.connection())
    }
}
