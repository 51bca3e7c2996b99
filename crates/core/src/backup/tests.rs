//! Automatic copies, their retention on disk, the second folder, the status the screens
//! read, and restoring from the list — on a register in a temporary folder with a fixed
//! clock (09:00, 1 October 2024 unless moved).

use std::fs;
use std::path::Path;

use chrono::Duration;

use super::*;
use crate::auth::Role;
use crate::register::{Actor, DataDir};
use crate::testing::{self, division, set_up_on_file, user_with};

fn local_copies(dir: &Path) -> Vec<BackupCopy> {
    copies::list(&DataDir::at(dir).backups_dir(), BackupPlace::Local).unwrap()
}

fn division_names(register: &Register, actor: &Actor) -> Vec<String> {
    register
        .list_divisions(actor)
        .unwrap()
        .into_iter()
        .map(|d| d.name)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

#[test]
fn the_daily_copy_is_made_once_a_day_checked_and_named_for_when_and_why() {
    let dir = tempfile::tempdir().unwrap();
    let (register, clock, _admin) = set_up_on_file(dir.path());
    let run = register
        .back_up_if_due()
        .unwrap()
        .expect("none made today yet");
    let copy = run.copy.expect("made");
    assert_eq!(copy.file_name, "phatsadu-20241001-090000-daily.sqlite");
    assert_eq!(copy.reason, BackupReason::Daily);
    assert_eq!(run.second, SecondCopy::NotChosen);
    verify(&DataDir::at(dir.path()).backups_dir().join(&copy.file_name)).unwrap();
    assert!(register.back_up_if_due().unwrap().is_none(), "one a day");
    clock.advance(Duration::hours(20));
    let next = register.back_up_if_due().unwrap().expect("a new day");
    assert_eq!(
        next.copy.unwrap().file_name,
        "phatsadu-20241002-050000-daily.sqlite"
    );
    // Nothing but copies and the run's record in the folder (no stray WAL files).
    let mut names: Vec<String> = fs::read_dir(DataDir::at(dir.path()).backups_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "last-run.json",
            "phatsadu-20241001-090000-daily.sqlite",
            "phatsadu-20241002-050000-daily.sqlite"
        ]
    );
}

#[test]
fn a_copy_cut_short_by_a_power_cut_is_cleared_away_and_never_listed() {
    let dir = tempfile::tempdir().unwrap();
    let (register, _clock, _admin) = set_up_on_file(dir.path());
    let backups = DataDir::at(dir.path()).backups_dir();
    fs::create_dir_all(&backups).unwrap();
    let torn = backups.join("phatsadu-20241001-085959-daily.sqlite.partial");
    fs::write(&torn, b"SQLite format 3\0 and then the power went").unwrap();
    assert!(local_copies(dir.path()).is_empty());
    register.back_up_if_due().unwrap().unwrap();
    assert!(!torn.exists());
    assert_eq!(local_copies(dir.path()).len(), 1);
}

#[test]
fn two_months_of_working_days_leave_what_the_retention_rule_keeps() {
    let dir = tempfile::tempdir().unwrap();
    let (register, clock, _admin) = set_up_on_file(dir.path());
    // 1 October .. 30 November 2024, a copy each morning; two before imports on the 30th.
    for _ in 0..61 {
        register.back_up_if_due().unwrap();
        clock.advance(Duration::days(1));
    }
    clock.advance(Duration::days(-1) + Duration::hours(2));
    register.back_up(BackupReason::Import).unwrap();
    clock.advance(Duration::hours(3));
    register.back_up(BackupReason::Import).unwrap();
    let kept: Vec<String> = local_copies(dir.path())
        .iter()
        .map(|c| c.file_name.clone())
        .collect();
    assert_eq!(
        kept,
        [
            "phatsadu-20241130-140000-import.sqlite",
            "phatsadu-20241130-110000-import.sqlite",
            "phatsadu-20241130-090000-daily.sqlite",
            "phatsadu-20241129-090000-daily.sqlite",
            "phatsadu-20241128-090000-daily.sqlite",
            "phatsadu-20241127-090000-daily.sqlite",
            "phatsadu-20241126-090000-daily.sqlite",
            "phatsadu-20241125-090000-daily.sqlite",
            "phatsadu-20241124-090000-daily.sqlite",
            // Sundays of the weeks before, and October's last.
            "phatsadu-20241117-090000-daily.sqlite",
            "phatsadu-20241110-090000-daily.sqlite",
            "phatsadu-20241031-090000-daily.sqlite",
        ]
    );
}

#[test]
fn the_second_folder_gets_each_copy_and_a_missing_one_is_said_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    let (register, clock, admin) = set_up_on_file(dir.path());
    let folder = usb.path().join("phatsadu");
    fs::create_dir(&folder).unwrap();
    let settings = BackupSettings {
        second_folder: Some(folder.display().to_string()),
        warn_after_days: 3,
    };
    register.update_backup_settings(&admin, &settings).unwrap();
    let run = register.back_up_if_due().unwrap().unwrap();
    assert!(matches!(run.second, SecondCopy::Copied { .. }), "{run:?}");
    let name = run.copy.unwrap().file_name;
    verify(&folder.join(&name)).unwrap();
    let status = register.backup_status(&admin).unwrap();
    assert_eq!(status.second_folder_present, Some(true));
    assert_eq!(
        status
            .copies
            .iter()
            .map(|c| (c.place, c.file_name.as_str()))
            .collect::<Vec<_>>(),
        [
            (BackupPlace::Local, name.as_str()),
            (BackupPlace::Second, name.as_str())
        ]
    );
    // The USB disk is unplugged: the copy beside the register is still made.
    fs::remove_dir_all(&folder).unwrap();
    clock.advance(Duration::days(1));
    let run = register.back_up_if_due().unwrap().unwrap();
    assert!(run.copy.is_some());
    assert_eq!(
        run.second,
        SecondCopy::FolderMissing {
            folder: folder.display().to_string()
        }
    );
    assert!(!folder.exists(), "a missing folder is never created");
    let status = register.backup_status(&admin).unwrap();
    assert_eq!(status.second_folder_present, Some(false));
    assert_eq!(status.last_run.unwrap().second, run.second);
    assert!(!status.overdue);
}

#[test]
fn settings_name_the_field_that_is_wrong_and_only_the_administrator_changes_them() {
    let dir = tempfile::tempdir().unwrap();
    let (register, _clock, admin) = set_up_on_file(dir.path());
    let officer = user_with(&register, &admin, "officer", Role::SuppliesOfficer);
    let bad = |second: Option<&str>, days: u32| {
        register
            .update_backup_settings(
                &admin,
                &BackupSettings {
                    second_folder: second.map(str::to_owned),
                    warn_after_days: days,
                },
            )
            .unwrap_err()
    };
    assert_eq!(bad(None, 0).details()["field"], "warnAfterDays");
    assert_eq!(
        bad(Some("relative/folder"), 3).details()["field"],
        "secondFolder"
    );
    assert_eq!(
        bad(Some("/no/such/folder"), 3).details()["field"],
        "secondFolder"
    );
    let backups = DataDir::at(dir.path()).backups_dir();
    fs::create_dir_all(&backups).unwrap();
    let own = backups.display().to_string();
    assert_eq!(bad(Some(&own), 3).details()["field"], "secondFolder");
    let err = register
        .update_backup_settings(
            &officer,
            &BackupSettings {
                second_folder: None,
                warn_after_days: 5,
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), "permission_denied");
    assert_eq!(
        register.backup_status(&admin).unwrap().settings,
        BackupSettings {
            second_folder: None,
            warn_after_days: DEFAULT_WARN_AFTER_DAYS
        }
    );
}

#[test]
fn the_home_screen_warns_when_no_good_copy_for_more_than_the_set_days() {
    let dir = tempfile::tempdir().unwrap();
    let (register, clock, admin) = set_up_on_file(dir.path());
    let status = register.backup_status(&admin).unwrap();
    assert!(status.overdue && status.last_good.is_none(), "none yet");
    register.back_up_now(&admin).unwrap();
    let status = register.backup_status(&admin).unwrap();
    assert_eq!(status.days_since_good, Some(0));
    assert!(!status.overdue);
    clock.advance(Duration::days(3));
    assert!(
        !register.backup_status(&admin).unwrap().overdue,
        "3 days: not yet"
    );
    clock.advance(Duration::days(1));
    let status = register.backup_status(&admin).unwrap();
    assert_eq!(status.days_since_good, Some(4));
    assert!(status.overdue);
}

#[test]
fn a_copy_that_cannot_be_written_is_recorded_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (register, _clock, admin) = set_up_on_file(dir.path());
    // Where the folder should be there is a file: nothing can go in.
    fs::write(DataDir::at(dir.path()).backups_dir(), b"not a folder").unwrap();
    let before = testing::audit_count(&register);
    let err = register.back_up_now(&admin).unwrap_err();
    assert!(
        [
            "data_dir_not_writable",
            "folder_not_writable",
            "io_error",
            "io"
        ]
        .contains(&err.code()),
        "{err:?}"
    );
    assert_eq!(testing::audit_count(&register), before);
    assert!(register.verify_audit(&admin).unwrap().ok);
}

#[test]
fn restoring_from_the_list_puts_the_copy_back_keeps_the_present_and_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let (register, clock, admin) = set_up_on_file(dir.path());
    division(&register, &admin, "กองช่าง");
    let copy = register.back_up_now(&admin).unwrap().copy.unwrap();
    clock.advance(Duration::hours(2));
    division(&register, &admin, "กองคลัง");
    assert_eq!(division_names(&register, &admin), ["กองคลัง", "กองช่าง"]);
    let report = register
        .restore_backup(&admin, BackupPlace::Local, &copy.file_name)
        .unwrap();
    assert_eq!(report.restored.file_name, copy.file_name);
    assert_eq!(division_names(&register, &admin), ["กองช่าง"]);
    // The register as it was is kept, checked, with the later division in it.
    let previous = report.previous_copy.expect("kept");
    assert_eq!(previous.reason, BackupReason::Restore);
    let kept = Register::open(
        DataDir::at(dir.path())
            .backups_dir()
            .join(&previous.file_name),
    )
    .unwrap();
    assert_eq!(division_names(&kept, &admin), ["กองคลัง", "กองช่าง"]);
    let audit = register.verify_audit(&admin).unwrap();
    assert!(audit.ok, "{:?}", audit.problem);
    let last = register
        .list_audit(
            &admin,
            &crate::audit::AuditQuery {
                limit: 1,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(last.entries[0].action, "register.restore");
    assert_eq!(last.entries[0].username.as_deref(), Some("admin"));
    // The register keeps working: a change after the restore is written and audited.
    division(&register, &admin, "กองการศึกษา");
    assert!(register.verify_audit(&admin).unwrap().ok);
}

#[test]
fn a_damaged_copy_offered_to_restore_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (register, clock, admin) = set_up_on_file(dir.path());
    let copy = register.back_up_now(&admin).unwrap().copy.unwrap();
    let path = DataDir::at(dir.path()).backups_dir().join(&copy.file_name);
    clock.advance(Duration::hours(1));
    division(&register, &admin, "กองช่าง");
    let copies_before = local_copies(dir.path()).len();
    // Torn in the middle (a bad USB disk): SQLite's check fails.
    let mut bytes = fs::read(&path).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle..middle + 4096].fill(0xA5);
    fs::write(&path, &bytes).unwrap();
    let err = register
        .restore_backup(&admin, BackupPlace::Local, &copy.file_name)
        .unwrap_err();
    assert!(
        ["file_corrupt", "backup_damaged"].contains(&err.code()),
        "{err:?}"
    );
    assert_eq!(division_names(&register, &admin), ["กองช่าง"]);
    assert_eq!(
        local_copies(dir.path()).len(),
        copies_before,
        "no copy made"
    );
    // A name that is not in the list is not a path to anywhere.
    let err = register
        .restore_backup(&admin, BackupPlace::Local, "../phatsadu.sqlite")
        .unwrap_err();
    assert_eq!(err.code(), "not_found");
}

#[test]
fn a_copy_whose_audit_log_was_edited_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (register, _clock, admin) = set_up_on_file(dir.path());
    let copy = register.back_up_now(&admin).unwrap().copy.unwrap();
    let path = DataDir::at(dir.path()).backups_dir().join(&copy.file_name);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        // Someone with a database tool: the append-only triggers go first.
        let triggers: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit_log'",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for t in triggers {
            conn.execute(&format!("DROP TRIGGER \"{t}\""), []).unwrap();
        }
        conn.execute(
            "UPDATE audit_log SET username = 'someone' WHERE seq = 1",
            [],
        )
        .unwrap();
    }
    let err = register
        .restore_backup(&admin, BackupPlace::Local, &copy.file_name)
        .unwrap_err();
    assert_eq!(err.code(), "backup_damaged");
}

#[test]
fn only_the_administrator_restores_and_anyone_keeping_the_register_backs_up() {
    let dir = tempfile::tempdir().unwrap();
    let (register, _clock, admin) = set_up_on_file(dir.path());
    let officer = user_with(&register, &admin, "officer", Role::SuppliesOfficer);
    let viewer = user_with(&register, &admin, "viewer", Role::Viewer);
    let copy = register.back_up_now(&officer).unwrap().copy.unwrap();
    assert_eq!(copy.reason, BackupReason::Manual);
    assert_eq!(
        register.back_up_now(&viewer).unwrap_err().code(),
        "permission_denied"
    );
    let err = register
        .restore_backup(&officer, BackupPlace::Local, &copy.file_name)
        .unwrap_err();
    assert_eq!(err.code(), "permission_denied");
}

#[test]
fn a_register_in_memory_has_no_copies() {
    let (register, _clock, admin) = testing::set_up();
    assert!(register.back_up_if_due().unwrap().is_none());
    let status = register.backup_status(&admin).unwrap();
    assert!(!status.available && !status.overdue);
}
