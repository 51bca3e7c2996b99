//! The one error type of the core, with stable codes.
//!
//! Every front door (desktop shell, command line, later the office server) shows an
//! error by its [`Error::code`]: a short snake_case string that never changes once
//! released, so the UI can keep a Thai sentence per code. [`Error::details`] carries
//! the facts the sentence needs (which field, which value, until when), and the
//! English `Display` text is for logs and the command line.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::calendar::DateParseError;

/// Result type of every core operation.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A required field was empty (or only spaces).
    #[error("{field} is required")]
    Required {
        /// The input field, in the camelCase name the UI uses (e.g. `name`, `admin.username`).
        field: String,
    },
    /// A text field is longer than allowed.
    #[error("{field} is longer than {max} characters")]
    TooLong {
        /// The input field.
        field: String,
        /// The maximum number of characters.
        max: usize,
    },
    /// The value would duplicate an existing record's unique value.
    #[error("{field} \"{value}\" already exists")]
    Duplicate {
        /// The input field.
        field: String,
        /// The value as the user typed it.
        value: String,
    },
    /// A record the caller referred to does not exist.
    #[error("{entity} {id} does not exist")]
    NotFound {
        /// The kind of record (`division`, `user`, ...).
        entity: &'static str,
        /// Its id as text.
        id: String,
    },
    /// A value is present but not acceptable.
    #[error("{field} is not valid: {reason}")]
    InvalidValue {
        /// The input field.
        field: String,
        /// Why, in English, for logs.
        reason: String,
    },
    /// A new password is too short.
    #[error("the password must be at least {min_length} characters")]
    PasswordTooWeak {
        /// The minimum length.
        min_length: usize,
    },
    /// The current password given to change a password was wrong.
    #[error("the current password is wrong")]
    WrongPassword,
    /// Unknown user name or wrong password; deliberately does not say which.
    #[error("wrong user name or password")]
    InvalidCredentials,
    /// Too many failed logins; the account waits until `until`.
    #[error("the account is locked until {until}")]
    AccountLocked {
        /// When the lock ends (UTC).
        until: chrono::DateTime<chrono::Utc>,
    },
    /// The account was switched off by an administrator.
    #[error("the account is disabled")]
    AccountDisabled,
    /// An edit that would change nothing: nothing was written and no audit entry made.
    #[error("nothing changed in this {entity}")]
    NothingChanged {
        /// The kind of record (`asset`, `division`, `settings`, ...).
        entity: &'static str,
    },
    /// A write sent again under an idempotency key already committed: it was done once
    /// and is not done again.
    #[error("this request ({operation}) was already carried out")]
    AlreadyDone {
        /// The operation the key was first used for.
        operation: String,
    },
    /// The operation needs a logged-in user.
    #[error("not logged in")]
    NotLoggedIn,
    /// The session ended after the configured idle time.
    #[error("the session expired after inactivity")]
    SessionExpired,
    /// The acting user's roles do not allow this.
    #[error("permission denied: {permission}")]
    PermissionDenied {
        /// The permission that was missing.
        permission: &'static str,
    },
    /// First-run setup was attempted on a register that already has users.
    #[error("setup has already been completed")]
    SetupAlreadyDone,
    /// The register has no users yet; run the first-run setup.
    #[error("first-run setup is required")]
    SetupRequired,
    /// Removing the role or account would leave nobody who can administer the register.
    #[error("the last active administrator cannot be removed or disabled")]
    CannotRemoveLastAdmin,
    /// An import was asked to write everything but some rows have errors.
    #[error("{rows} rows have errors; fix them or import only the valid rows")]
    ImportHasErrors {
        /// How many rows.
        rows: u32,
    },
    /// Separation of duties (regulation ข้อ ๒๐๘–๒๐๙): one person may not hold two roles
    /// in one loan. `rule` says which: `approver_is_borrower`, `officer_is_borrower`.
    #[error("separation of duties: {rule}")]
    SeparationOfDuties {
        /// Which rule.
        rule: &'static str,
    },
    /// The acting user may not decide this request (not its approver, nor standing in).
    #[error("only {approvers} may decide this request")]
    NotTheApprover {
        /// Who may, for the message (names joined by ", "; empty if nobody is set up).
        approvers: String,
    },
    /// An item cannot be lent for the dates asked.
    #[error("{asset_code} is not available: {reason}")]
    AssetNotAvailable {
        /// The item's code.
        asset_code: String,
        /// `on_loan`, `reserved` (approved for overlapping dates) or its status
        /// (`disposed`, `lost`, `under_repair`, `awaiting_disposal`).
        reason: String,
        /// The conflicting loan's slip number, if a loan is the reason.
        loan_no: Option<String>,
    },
    /// More of a material was asked to go out than its card holds.
    #[error("only {available} {unit} of {material_code} are in stock")]
    NotEnoughStock {
        /// The item's code.
        material_code: String,
        /// What its card holds (at the entry's date), as a number of units.
        available: String,
        /// Its unit (รีม, ลิตร …).
        unit: String,
    },
    /// A materials entry is dated in a period that has been closed (e.g. at 30 September).
    #[error("materials are closed up to {closed_through}")]
    PeriodClosed {
        /// The last day of the closed period.
        closed_through: chrono::NaiveDate,
    },
    /// The loan is not in a state that allows this step (e.g. approving twice).
    #[error("a loan that is {status} cannot be {action}")]
    InvalidTransition {
        /// The loan's current status.
        status: &'static str,
        /// The step refused: `edited`, `submitted`, `decided`, `handed_out`, `returned`,
        /// `cancelled`, `followed_up`.
        action: &'static str,
    },
    /// A requisition of materials is not in a state that allows this step (e.g. issuing
    /// before it is approved, signing twice).
    #[error("a requisition that is {status} cannot be {action}")]
    RequisitionState {
        /// Its status: `submitted`, `endorsed`, `approved`, `partly_issued`, `issued`,
        /// `closed`, `rejected` or `cancelled`.
        status: &'static str,
        /// The step refused: `endorsed`, `approved`, `rejected`, `issued`, `cancelled`,
        /// `closed`.
        action: &'static str,
    },
    /// An item cannot go into a fact-finding case or a disposal, or cannot be written off
    /// yet; `reason` says why in a code the UI words, `reference` names the loan, case or
    /// disposal in the way.
    #[error("{asset_code} cannot be used here: {reason}")]
    ItemNotEligible {
        /// The input field (`items[2].assetId`, `assetIds`, `items`).
        field: String,
        /// The item's code.
        asset_code: String,
        /// `disposed`, `in_disposal`, `on_loan`, `open_case`, `listed_twice`,
        /// `lost_needs_write_off`, `not_lost`, `lost_needs_case`, `no_result`.
        reason: &'static str,
        /// The loan, case or disposal number in the way, if any.
        reference: Option<String>,
    },
    /// A disposal or fact-finding case is not in the state the step needs (approving twice,
    /// recording a result before approval, writing off what is not done).
    #[error("a case that is {status} cannot be {action}")]
    DisposalState {
        /// Its status: a disposal's `proposed`, `approved`, `rejected` or `written_off`; a
        /// fact-finding case's `open` or `concluded`.
        status: &'static str,
        /// The step refused: `decided`, `recorded`, `written_off`, `noticed`, `waived`,
        /// `concluded`, `changed`.
        action: &'static str,
    },
    /// A check round is not in the state the step needs (counting in a round not opened
    /// or already closed, editing an open one).
    #[error("the check round is {status}; it must be {needs}")]
    RoundState {
        /// The round's status: `draft`, `open` or `closed`.
        status: &'static str,
        /// The status the step needs.
        needs: &'static str,
    },
    /// The acting user is not a member of the round (only its committee or checkers count,
    /// and only its chair or a checker closes it).
    #[error("only {who} of this round may do this")]
    NotARoundMember {
        /// `checker` (to count) or `chair` (to close an annual round).
        who: &'static str,
    },
    /// A supplies officer may not sit on the annual check committee (ข้อ ๒๑๓).
    #[error("{name} is a supplies officer and may not sit on the check committee")]
    CommitteeIncludesOfficer {
        /// Who.
        name: String,
    },
    /// A round cannot close while lines are neither counted nor marked not found.
    #[error("{lines} lines are not decided yet")]
    LinesUndecided {
        /// How many.
        lines: u32,
    },
    /// A date could not be read.
    #[error(transparent)]
    InvalidDate(#[from] DateParseError),
    /// The register file was written by a newer version of Phatsadu.
    #[error(
        "the register file has schema version {file_version}, newer than this program's {program_version}; install a newer Phatsadu"
    )]
    SchemaTooNew {
        /// Schema version found in the file.
        file_version: i64,
        /// The newest schema this program knows.
        program_version: i64,
    },
    /// The file is a SQLite database of some other program.
    #[error("{} is not a Phatsadu register", path.display())]
    NotARegister {
        /// The file.
        path: PathBuf,
    },
    /// The file is not a readable SQLite database at all.
    #[error("{} is damaged or not a database", path.display())]
    FileCorrupt {
        /// The file.
        path: PathBuf,
    },
    /// The data directory cannot be created or written.
    #[error("cannot write to the data directory {}", path.display())]
    DataDirNotWritable {
        /// The directory.
        path: PathBuf,
    },
    /// The register file is read-only.
    #[error("the register file {} is read-only", path.display())]
    FileReadOnly {
        /// The file.
        path: PathBuf,
    },
    /// A folder chosen for saving files cannot be created or written.
    #[error("cannot save files in {}", path.display())]
    FolderNotWritable {
        /// The folder.
        path: PathBuf,
    },
    /// The register is open in the Phatsadu app, so the operation must wait.
    #[error("{} is in use by a running Phatsadu; close the app first", path.display())]
    FileInUse {
        /// The file.
        path: PathBuf,
    },
    /// The disk holding `path` is full: nothing was written (the transaction or the copy
    /// was abandoned whole).
    #[error("the disk holding {} is full", path.display())]
    DiskFull {
        /// The file or folder being written.
        path: PathBuf,
    },
    /// The disk refused a write for another reason than space (a failing or removed disk,
    /// a file-size limit): nothing was written (the transaction was abandoned whole).
    #[error("the disk refused to write {}", path.display())]
    DiskWriteFailed {
        /// The file being written.
        path: PathBuf,
    },
    /// A backup copy is damaged: it fails SQLite's integrity check or its audit log does
    /// not verify, so it is neither kept nor restored.
    #[error("the backup {} is damaged: {problem}", path.display())]
    BackupDamaged {
        /// The copy.
        path: PathBuf,
        /// What the check found (for the developers; the UI words it from the code).
        problem: String,
    },
    /// A file-system operation failed.
    #[error("cannot access {}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// An unexpected database failure (a bug or a broken disk); details are logged.
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    /// Something that should not happen; the message is for the developers.
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    /// The stable code the UI keys its message on. Never rename a released code.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Required { .. } => "required",
            Error::TooLong { .. } => "too_long",
            Error::Duplicate { .. } => "duplicate",
            Error::NotFound { .. } => "not_found",
            Error::InvalidValue { .. } => "invalid_value",
            Error::PasswordTooWeak { .. } => "password_too_weak",
            Error::WrongPassword => "wrong_password",
            Error::InvalidCredentials => "invalid_credentials",
            Error::AccountLocked { .. } => "account_locked",
            Error::AccountDisabled => "account_disabled",
            Error::NothingChanged { .. } => "nothing_changed",
            Error::AlreadyDone { .. } => "already_done",
            Error::NotLoggedIn => "not_logged_in",
            Error::SessionExpired => "session_expired",
            Error::PermissionDenied { .. } => "permission_denied",
            Error::SetupAlreadyDone => "setup_already_done",
            Error::SetupRequired => "setup_required",
            Error::CannotRemoveLastAdmin => "cannot_remove_last_admin",
            Error::ImportHasErrors { .. } => "import_has_errors",
            Error::SeparationOfDuties { .. } => "separation_of_duties",
            Error::NotTheApprover { .. } => "not_the_approver",
            Error::AssetNotAvailable { .. } => "asset_not_available",
            Error::NotEnoughStock { .. } => "not_enough_stock",
            Error::PeriodClosed { .. } => "period_closed",
            Error::InvalidTransition { .. } => "invalid_transition",
            Error::RequisitionState { .. } => "requisition_state",
            Error::DisposalState { .. } => "disposal_state",
            Error::ItemNotEligible { .. } => "item_not_eligible",
            Error::RoundState { .. } => "round_state",
            Error::NotARoundMember { .. } => "not_a_round_member",
            Error::CommitteeIncludesOfficer { .. } => "committee_includes_officer",
            Error::LinesUndecided { .. } => "lines_undecided",
            Error::InvalidDate(_) => "invalid_date",
            Error::SchemaTooNew { .. } => "schema_too_new",
            Error::NotARegister { .. } => "not_a_register",
            Error::FileCorrupt { .. } => "file_corrupt",
            Error::DiskFull { .. } => "disk_full",
            Error::DiskWriteFailed { .. } => "disk_write_failed",
            Error::BackupDamaged { .. } => "backup_damaged",
            Error::DataDirNotWritable { .. } => "data_dir_not_writable",
            Error::FileReadOnly { .. } => "file_read_only",
            Error::FolderNotWritable { .. } => "folder_not_writable",
            Error::FileInUse { .. } => "file_in_use",
            Error::Io { .. } => "io",
            Error::Database(_) | Error::Internal(_) => "internal",
        }
    }

    /// The facts a UI message needs, as a JSON object with camelCase keys.
    pub fn details(&self) -> Value {
        match self {
            Error::Required { field } => json!({ "field": field }),
            Error::TooLong { field, max } => json!({ "field": field, "max": max }),
            Error::Duplicate { field, value } => json!({ "field": field, "value": value }),
            Error::NotFound { entity, id } => json!({ "entity": entity, "id": id }),
            Error::InvalidValue { field, reason } => json!({ "field": field, "reason": reason }),
            Error::PasswordTooWeak { min_length } => json!({ "minLength": min_length }),
            Error::AccountLocked { until } => json!({ "until": until.to_rfc3339() }),
            Error::PermissionDenied { permission } => json!({ "permission": permission }),
            Error::NothingChanged { entity } => json!({ "entity": entity }),
            Error::AlreadyDone { operation } => json!({ "operation": operation }),
            Error::ImportHasErrors { rows } => json!({ "rows": rows }),
            Error::SeparationOfDuties { rule } => json!({ "rule": rule }),
            Error::NotTheApprover { approvers } => json!({ "approvers": approvers }),
            Error::AssetNotAvailable {
                asset_code,
                reason,
                loan_no,
            } => json!({ "assetCode": asset_code, "reason": reason, "loanNo": loan_no }),
            Error::NotEnoughStock {
                material_code,
                available,
                unit,
            } => json!({ "materialCode": material_code, "available": available, "unit": unit }),
            Error::PeriodClosed { closed_through } => json!({ "closedThrough": closed_through }),
            Error::InvalidTransition { status, action } => {
                json!({ "status": status, "action": action })
            }
            Error::ItemNotEligible {
                field,
                asset_code,
                reason,
                reference,
            } => {
                json!({ "field": field, "assetCode": asset_code, "reason": reason, "reference": reference })
            }
            Error::RequisitionState { status, action }
            | Error::DisposalState { status, action } => {
                json!({ "status": status, "action": action })
            }
            Error::RoundState { status, needs } => json!({ "status": status, "needs": needs }),
            Error::NotARoundMember { who } => json!({ "who": who }),
            Error::CommitteeIncludesOfficer { name } => json!({ "name": name, "field": "members" }),
            Error::LinesUndecided { lines } => json!({ "lines": lines }),
            Error::InvalidDate(e) => json!({ "input": e.input, "part": e.part }),
            Error::SchemaTooNew {
                file_version,
                program_version,
            } => json!({ "fileVersion": file_version, "programVersion": program_version }),
            Error::NotARegister { path }
            | Error::FileCorrupt { path }
            | Error::DataDirNotWritable { path }
            | Error::FileReadOnly { path }
            | Error::FolderNotWritable { path }
            | Error::FileInUse { path }
            | Error::DiskFull { path }
            | Error::DiskWriteFailed { path }
            | Error::BackupDamaged { path, .. }
            | Error::Io { path, .. } => json!({ "path": path.display().to_string() }),
            _ => json!({}),
        }
    }

    /// Shorthand for [`Error::Required`].
    pub fn required(field: impl Into<String>) -> Self {
        Error::Required {
            field: field.into(),
        }
    }

    /// An item that cannot be used here (see [`Error::ItemNotEligible`]).
    pub fn not_eligible(
        field: impl Into<String>,
        asset_code: &str,
        reason: &'static str,
        reference: Option<String>,
    ) -> Self {
        Error::ItemNotEligible {
            field: field.into(),
            asset_code: asset_code.to_owned(),
            reason,
            reference,
        }
    }

    /// Shorthand for [`Error::InvalidValue`].
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidValue {
            field: field.into(),
            reason: reason.into(),
        }
    }

    /// Shorthand for [`Error::Duplicate`].
    pub fn duplicate(field: impl Into<String>, value: impl Into<String>) -> Self {
        Error::Duplicate {
            field: field.into(),
            value: value.into(),
        }
    }

    /// Shorthand for [`Error::NotFound`].
    pub fn not_found(entity: &'static str, id: impl ToString) -> Self {
        Error::NotFound {
            entity,
            id: id.to_string(),
        }
    }

    /// The same error with `prefix` put before its field name, so an error from checking
    /// a nested part of an input names the whole path (e.g. `organisation.name`).
    pub fn within(self, prefix: &str) -> Self {
        if prefix.is_empty() {
            return self;
        }
        let prefixed = |field: String| format!("{prefix}{field}");
        match self {
            Error::Required { field } => Error::Required {
                field: prefixed(field),
            },
            Error::TooLong { field, max } => Error::TooLong {
                field: prefixed(field),
                max,
            },
            Error::Duplicate { field, value } => Error::Duplicate {
                field: prefixed(field),
                value,
            },
            Error::InvalidValue { field, reason } => Error::InvalidValue {
                field: prefixed(field),
                reason,
            },
            other => other,
        }
    }

    /// Shorthand for [`Error::Io`].
    ///
    /// A full disk (or a file-size limit reached) becomes [`Error::DiskFull`], so the
    /// person is told what to do about it rather than an operating-system message.
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        use std::io::ErrorKind;
        let path = path.as_ref().to_path_buf();
        match source.kind() {
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded | ErrorKind::FileTooLarge => {
                Error::DiskFull { path }
            }
            _ => Error::Io { path, source },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable_snake_case() {
        let samples = [
            Error::required("name"),
            Error::duplicate("name", "กองช่าง"),
            Error::not_found("division", 7),
            Error::PasswordTooWeak { min_length: 8 },
            Error::InvalidCredentials,
            Error::SchemaTooNew {
                file_version: 9,
                program_version: 1,
            },
            Error::Internal("x".into()),
        ];
        let codes: Vec<_> = samples.iter().map(Error::code).collect();
        assert_eq!(
            codes,
            [
                "required",
                "duplicate",
                "not_found",
                "password_too_weak",
                "invalid_credentials",
                "schema_too_new",
                "internal"
            ]
        );
    }

    #[test]
    fn within_prefixes_field_names_only() {
        let e = Error::required("name").within("organisation.");
        assert_eq!(e.details(), json!({"field": "organisation.name"}));
        assert!(matches!(
            Error::InvalidCredentials.within("x."),
            Error::InvalidCredentials
        ));
    }

    #[test]
    fn details_name_the_field_and_value() {
        let e = Error::duplicate("name", "กองช่าง");
        assert_eq!(e.details(), json!({"field": "name", "value": "กองช่าง"}));
        let e = Error::SchemaTooNew {
            file_version: 9,
            program_version: 1,
        };
        assert_eq!(e.details()["fileVersion"], 9);
    }
}
