//! What the shell keeps between commands: the open register and the current session.

use std::sync::{Arc, Mutex, MutexGuard};

use phatsadu_core::auth::{Session, SessionInfo};
use phatsadu_core::register::RegisterLock;
use phatsadu_core::{Actor, Clock, DataDir, Register, SystemClock};

use phatsadu_api::{ApiError, ApiResult};

/// The clock the app runs on: the computer's; in debug builds only, a day given by
/// `PHATSADU_TEST_TODAY` (YYYY-MM-DD), so the end-to-end test can open the app after a
/// loan's due date. Release builds ignore the variable: nobody can backdate a register.
fn clock() -> Arc<dyn Clock> {
    #[cfg(debug_assertions)]
    if let Some(day) = std::env::var("PHATSADU_TEST_TODAY")
        .ok()
        .and_then(|d| d.parse::<chrono::NaiveDate>().ok())
    {
        return Arc::new(phatsadu_core::ShiftedClock::to_date(day));
    }
    Arc::new(SystemClock)
}

/// The app's state, managed by Tauri.
pub struct AppState {
    data_dir: DataDir,
    /// The office-network host, when this PC serves the register.
    pub host: crate::host::DesktopHost,
    /// The office host this PC works on, when it is a client of one.
    pub office: crate::remote::OfficeLink,
    /// The open register, or why it could not be opened (shown by the start screen).
    opened: Result<Opened, ApiError>,
}

struct Opened {
    /// Shared with the office-network host when this PC serves the register.
    register: Arc<Register>,
    session: Mutex<Option<Session>>,
    /// Held while the app runs so `phatsadu-cli restore` cannot swap the file underneath.
    _lock: Option<RegisterLock>,
}

impl AppState {
    /// Locks the data directory and opens (or creates) its register. A failure is kept
    /// and reported to the UI rather than crashing the app.
    pub fn open(data_dir: DataDir) -> Self {
        let opened = data_dir
            .lock()
            .and_then(|lock| {
                let register = Register::open_with_clock(data_dir.register_file(), clock())?;
                Ok((lock, register))
            })
            .map(|(lock, register)| {
                let register = Arc::new(register);
                // The first start of the day makes the day's copy (on its own thread: the
                // window does not wait for it), and every hour after checks again.
                phatsadu_core::backup::start_daily_backups(&register);
                Opened {
                    register,
                    session: Mutex::new(None),
                    _lock: Some(lock),
                }
            })
            .map_err(ApiError::from);
        if let Err(e) = &opened {
            tracing::error!(code = %e.code, "the register did not open");
            eprintln!(
                "phatsadu: cannot open the register in {}: {}",
                data_dir.root().display(),
                e.message
            );
        }
        Self {
            office: crate::remote::OfficeLink::load(data_dir.root()),
            data_dir,
            host: crate::host::DesktopHost::default(),
            opened,
        }
    }

    /// State over an already-open register (tests use an in-memory one).
    pub fn with_register(register: Register, data_dir: DataDir) -> Self {
        Self {
            office: crate::remote::OfficeLink::load(data_dir.root()),
            data_dir,
            host: crate::host::DesktopHost::default(),
            opened: Ok(Opened {
                register: Arc::new(register),
                session: Mutex::new(None),
                _lock: None,
            }),
        }
    }

    /// The data directory in use.
    pub fn data_dir(&self) -> &DataDir {
        &self.data_dir
    }

    /// Why the register could not be opened, if it could not.
    pub fn startup_error(&self) -> Option<&ApiError> {
        self.opened.as_ref().err()
    }

    /// The register, or the error that kept it closed.
    pub fn register(&self) -> ApiResult<&Register> {
        self.opened
            .as_ref()
            .map(|o| o.register.as_ref())
            .map_err(Clone::clone)
    }

    /// The register, shared (for the office-network host).
    pub fn shared_register(&self) -> ApiResult<Arc<Register>> {
        self.opened
            .as_ref()
            .map(|o| o.register.clone())
            .map_err(Clone::clone)
    }

    fn session(&self) -> ApiResult<MutexGuard<'_, Option<Session>>> {
        let opened = self.opened.as_ref().map_err(Clone::clone)?;
        Ok(opened
            .session
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()))
    }

    /// The logged-in user for the next operation. Records activity; a session idle for
    /// too long ends here, is recorded in the audit log, and the UI is told why.
    pub fn actor(&self) -> ApiResult<Actor> {
        let register = self.register()?;
        let mut slot = self.session()?;
        let Some(session) = slot.as_mut() else {
            return Err(phatsadu_core::Error::NotLoggedIn.into());
        };
        match session.touch(register.clock().now()) {
            Ok(actor) => Ok(actor),
            Err(expired) => {
                if let Some(session) = slot.take() {
                    register.logout(&session, true)?;
                }
                Err(expired.into())
            }
        }
    }

    /// Makes `session` the current one and returns what the UI needs to know of it.
    pub fn begin(&self, session: Session) -> ApiResult<SessionInfo> {
        let info = session.info().clone();
        *self.session()? = Some(session);
        Ok(info)
    }

    /// Ends the current session, if any (recorded as a logout).
    pub fn end(&self) -> ApiResult<()> {
        let register = self.register()?;
        if let Some(session) = self.session()?.take() {
            register.logout(&session, false)?;
        }
        Ok(())
    }

    /// The current session's description, without counting as activity. An expired
    /// session is reported as none.
    pub fn current(&self) -> ApiResult<Option<SessionInfo>> {
        let register = self.register()?;
        let slot = self.session()?;
        Ok(slot
            .as_ref()
            .filter(|s| !s.is_expired(register.clock().now()))
            .map(|s| s.info().clone()))
    }

    /// Re-reads the current user's roles and flags after something about them changed.
    pub fn refresh(&self) -> ApiResult<()> {
        let register = self.register()?;
        let mut slot = self.session()?;
        if let Some(session) = slot.as_mut() {
            match register.session_info(session.info().user_id) {
                Ok(info) => session.refresh(info),
                // The user just switched off their own account: the session ends.
                Err(phatsadu_core::Error::NotLoggedIn) => *slot = None,
                Err(other) => return Err(other.into()),
            }
        }
        Ok(())
    }
}
