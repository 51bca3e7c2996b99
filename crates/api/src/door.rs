//! What an operation needs from the front door it came through.
//!
//! The desktop window and the office network's HTTPS server are two doors onto the same
//! operations. They differ in three things only, and this trait names them: where the
//! acting user's session lives (one window's memory, or a cookie's row on the host), where
//! a produced file goes (a folder on this PC, or a download to the browser), and what the
//! start screen says about the register. Everything else — every rule — is in core.

use phatsadu_core::auth::{Session, SessionInfo};
use phatsadu_core::{Actor, Register};

use phatsadu_core::network::NetworkSettings;

use crate::error::{ApiError, ApiResult};
use crate::ops::network::HostStatus;
use crate::ops::office::{Connection, FoundOfficeHost, HostCandidate, Pairing};
use crate::ops::register_io::SavedFile;

/// One front door's view of the caller. Operations take `&dyn Door` and nothing else.
pub trait Door {
    /// The open register, or why it could not be opened.
    fn register(&self) -> ApiResult<&Register>;

    /// The logged-in user, from this door's own session (never from the request). Counts
    /// as activity; an idle session ends here with `session_expired`.
    fn actor(&self) -> ApiResult<Actor>;

    /// Makes a fresh login this caller's session and returns what the UI is told of it.
    fn begin(&self, session: Session) -> ApiResult<SessionInfo>;

    /// Ends this caller's session, if any (recorded as a logout).
    fn end(&self) -> ApiResult<()>;

    /// This caller's session, without counting as activity; `None` when logged out.
    fn current(&self) -> ApiResult<Option<SessionInfo>>;

    /// Re-reads the user's roles and flags after something about them changed.
    fn refresh(&self) -> ApiResult<()>;

    /// What the start screen shows as the register in use: a file path on the desktop,
    /// the host's address for a network client.
    fn register_place(&self) -> String;

    /// Why the register could not be opened, if it could not.
    fn startup_error(&self) -> Option<ApiError>;

    /// Hands a produced file (a printout, an export) to the caller: the desktop saves it
    /// in `folder` (or its default folder), the server keeps it for the browser to
    /// download. `rows` is what a spreadsheet holds (0 for a printout).
    fn save(
        &self,
        folder: Option<String>,
        file_name: &str,
        bytes: &[u8],
        rows: usize,
    ) -> ApiResult<SavedFile>;

    /// Hands a finished evidence pack to the caller: by default its zip, as a file to
    /// save or download; the desktop writes the folder and the zip beside it.
    fn save_pack(
        &self,
        folder: Option<String>,
        pack: &phatsadu_forms::ita_pack::Pack,
    ) -> ApiResult<SavedFile> {
        let zip = pack.zip()?;
        self.save(folder, &format!("{}.zip", pack.folder_name), &zip, 0)
    }

    /// The data folder (its `logs/` go into a problem report). By default the folder of
    /// the open register's file.
    fn data_folder(&self) -> Option<std::path::PathBuf> {
        let register = self.register().ok()?;
        register.path()?.parent().map(std::path::Path::to_path_buf)
    }

    /// The folder files go to unless the user chose another.
    fn default_folder(&self) -> ApiResult<String>;

    /// Opens a saved file with the system's program, where the door can.
    fn open_path(&self, path: &str) -> ApiResult<()>;

    /// The office-network host's state on this PC, given its `settings`.
    fn host_status(&self, settings: NetworkSettings) -> ApiResult<HostStatus>;

    /// Starts or stops this PC's host to match `settings` (just saved), and says how it
    /// went.
    fn apply_host(&self, settings: NetworkSettings) -> ApiResult<HostStatus>;

    /// Asks the host at `address` who it is (the desktop as a client of the office host).
    fn find_host(&self, address: &str) -> ApiResult<HostCandidate>;

    /// Lists the hosts that answer on the LAN (mDNS), for a person to choose from.
    fn discover_hosts(&self) -> ApiResult<Vec<FoundOfficeHost>>;

    /// Pairs this PC with a host, pinning its certificate.
    fn pair(&self, pairing: Pairing) -> ApiResult<Connection>;

    /// Forgets the host paired with.
    fn forget_pairing(&self) -> ApiResult<Connection>;

    /// Which register this PC uses.
    fn connection(&self) -> ApiResult<Connection>;
}
