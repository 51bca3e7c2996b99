use chrono::{Duration, NaiveDate};

use super::*;
use crate::auth::Role;
use crate::error::Error;
use crate::org::DivisionInput;
use crate::register::Actor;
use crate::testing::{self, audit_count};

/// A register with a handful of audited changes: setup, three divisions.
fn with_history() -> (crate::Register, Actor) {
    let (register, _clock, admin) = testing::set_up();
    for name in ["สำนักปลัด", "กองคลัง", "กองช่าง"] {
        testing::division(&register, &admin, name);
    }
    (register, admin)
}

#[test]
fn an_untouched_chain_verifies() {
    let (register, admin) = with_history();
    let result = register.verify_audit(&admin).unwrap();
    assert!(result.ok, "{result:?}");
    assert_eq!(result.entries_checked, audit_count(&register));
    assert_eq!(result.first_broken_seq, None);
    assert_eq!(result.head_hash.len(), 64);
}

#[test]
fn editing_an_entry_with_raw_sql_is_named_by_verify() {
    let (register, admin) = with_history();
    {
        let conn = register.raw_connection_for_tests();
        // The trigger stops the program itself from editing...
        let refused = conn.execute("UPDATE audit_log SET username = 'x' WHERE seq = 3", []);
        assert!(refused.is_err());
        // ...but someone with the file and a SQLite tool can drop it.
        // Packed as the program packs, so only the content differs.
        let (packing, forged) = packing::pack(None, Some(r#"{"name":"กองปลอม"}"#)).unwrap();
        conn.execute_batch("DROP TRIGGER audit_log_no_update;")
            .unwrap();
        conn.execute(
            "UPDATE audit_log SET packing = ?1, changes = ?2 WHERE seq = 3",
            rusqlite::params![packing, forged],
        )
        .unwrap();
    }
    let result = register.verify_audit(&admin).unwrap();
    assert!(!result.ok);
    assert_eq!(result.first_broken_seq, Some(3));
    assert!(result.problem.unwrap().contains("content"));
}

#[test]
fn an_edited_hash_is_named() {
    let (register, admin) = with_history();
    {
        let conn = register.raw_connection_for_tests();
        conn.execute_batch(
            "DROP TRIGGER audit_log_no_update;
             UPDATE audit_log SET hash = x'ffff' WHERE seq = 2;",
        )
        .unwrap();
    }
    let result = register.verify_audit(&admin).unwrap();
    // Entry 2's own hash no longer matches its content.
    assert_eq!(result.first_broken_seq, Some(2));
}

#[test]
fn recomputing_an_edited_entrys_hash_breaks_the_next_one() {
    let (register, admin) = with_history();
    {
        let conn = register.raw_connection_for_tests();
        // Someone edits entry 2's name and gives it a hash of their own making: entry 2
        // now looks whole, but entry 3 was hashed with the old one.
        conn.execute_batch(
            "DROP TRIGGER audit_log_no_update;
             UPDATE audit_log SET username = 'someone', hash = zeroblob(32) WHERE seq = 2;",
        )
        .unwrap();
    }
    let result = register.verify_audit(&admin).unwrap();
    assert_eq!(result.first_broken_seq, Some(2));
}

#[test]
fn damaged_stored_changes_are_named_and_still_listed() {
    let (register, admin) = with_history();
    {
        let conn = register.raw_connection_for_tests();
        conn.execute_batch(
            "DROP TRIGGER audit_log_no_update;
             UPDATE audit_log SET changes = x'00112233' WHERE seq = 3;",
        )
        .unwrap();
    }
    let result = register.verify_audit(&admin).unwrap();
    assert_eq!(result.first_broken_seq, Some(3));
    assert!(result.problem.unwrap().contains("cannot be read"));
    let page = register
        .list_audit(
            &admin,
            &AuditQuery {
                limit: 500,
                ..Default::default()
            },
        )
        .unwrap();
    let damaged = page.entries.iter().find(|e| e.seq == 3).unwrap();
    assert!(
        damaged
            .after
            .as_ref()
            .unwrap()
            .as_str()
            .unwrap()
            .contains("อ่านไม่ได้")
    );
}

#[test]
fn the_text_search_reads_inside_the_packed_changes() {
    let (register, admin) = with_history();
    // "กองคลัง" is only in the division's JSON, never in a name, action or id.
    let found = register
        .list_audit(
            &admin,
            &AuditQuery {
                text: Some("กองคลัง".into()),
                limit: 10,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(found.total, 1, "{found:?}");
    assert_eq!(found.entries[0].action, "division.create");
    let none = register
        .list_audit(
            &admin,
            &AuditQuery {
                text: Some("กองปลอม".into()),
                limit: 10,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(none.total, 0);
}

#[test]
fn deleting_an_entry_is_named_by_its_number() {
    let (register, admin) = with_history();
    {
        let conn = register.raw_connection_for_tests();
        conn.execute_batch(
            "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 2;",
        )
        .unwrap();
    }
    let result = register.verify_audit(&admin).unwrap();
    assert_eq!(result.first_broken_seq, Some(2));
    assert!(result.problem.unwrap().contains("missing"));
}

#[test]
fn a_refused_change_leaves_no_entry() {
    let (register, admin) = with_history();
    let before = audit_count(&register);
    let err = register
        .create_division(
            &admin,
            &DivisionInput {
                name: " กองช่าง ".into(),
                short_name: String::new(),
            },
        )
        .unwrap_err();
    assert!(matches!(err, Error::Duplicate { .. }));
    assert_eq!(audit_count(&register), before);
}

#[test]
fn entries_record_who_what_and_the_state_after() {
    let (register, admin) = with_history();
    let page = register
        .list_audit(
            &admin,
            &AuditQuery {
                limit: 10,
                ..Default::default()
            },
        )
        .unwrap();
    let newest = &page.entries[0];
    assert_eq!(newest.action, "division.create");
    assert_eq!(newest.entity, "division");
    assert_eq!(newest.username.as_deref(), Some("admin"));
    assert_eq!(newest.after.as_ref().unwrap()["name"], "กองช่าง");
    assert!(newest.before.is_none());
    assert!(
        page.entries.windows(2).all(|w| w[0].seq > w[1].seq),
        "newest first"
    );
}

#[test]
fn filters_by_day_user_entity_and_text_with_paging() {
    let (register, clock, admin) = testing::set_up();
    let officer = testing::user_with(&register, &admin, "officer", Role::SuppliesOfficer);
    testing::division(&register, &officer, "สำนักปลัด");
    // Two Thai days later, 23:30 local = 16:30 UTC: still 3 Oct in Thailand.
    clock.advance(Duration::days(2) + Duration::hours(14) + Duration::minutes(30));
    testing::division(&register, &officer, "กองคลัง");
    testing::division(&register, &admin, "กองช่าง");

    let query = |q: AuditQuery| register.list_audit(&admin, &q).unwrap();
    let oct3 = NaiveDate::from_ymd_opt(2024, 10, 3).unwrap();
    let on_oct3 = query(AuditQuery {
        from: Some(oct3),
        to: Some(oct3),
        limit: 50,
        ..Default::default()
    });
    assert_eq!(on_oct3.total, 2);
    let Actor::User(officer_id) = officer else {
        unreachable!()
    };
    let by_officer = query(AuditQuery {
        user_id: Some(officer_id),
        limit: 50,
        ..Default::default()
    });
    assert_eq!(by_officer.total, 2);
    let divisions = query(AuditQuery {
        entity: Some("division".into()),
        limit: 2,
        ..Default::default()
    });
    assert_eq!(divisions.total, 3);
    assert_eq!(divisions.entries.len(), 2);
    let second_page = query(AuditQuery {
        entity: Some("division".into()),
        limit: 2,
        offset: 2,
        ..Default::default()
    });
    assert_eq!(second_page.entries.len(), 1);
    assert_eq!(
        second_page.entries[0].after.as_ref().unwrap()["name"],
        "สำนักปลัด"
    );
    let found = query(AuditQuery {
        text: Some("คลัง".into()),
        limit: 50,
        ..Default::default()
    });
    assert_eq!(found.total, 1);
    let literal = query(AuditQuery {
        text: Some("%".into()),
        limit: 50,
        ..Default::default()
    });
    assert_eq!(
        literal.total, 0,
        "% is matched literally, not as a wildcard"
    );
}

#[test]
fn only_some_roles_may_read_the_log() {
    let (register, _clock, admin) = testing::set_up();
    let officer = testing::user_with(&register, &admin, "officer", Role::SuppliesOfficer);
    let head = testing::user_with(&register, &admin, "agencyhead", Role::AgencyHead);
    let err = register
        .list_audit(&officer, &AuditQuery::default())
        .unwrap_err();
    assert!(matches!(
        err,
        Error::PermissionDenied {
            permission: "view_audit_log"
        }
    ));
    assert!(register.verify_audit(&officer).is_err());
    assert!(register.list_audit(&head, &AuditQuery::default()).is_ok());
}

#[test]
fn the_first_entry_is_hashed_after_the_zeros_as_documented() {
    use sha2::{Digest, Sha256};
    let (register, _clock, _admin) = testing::set_up();
    let conn = register.raw_connection_for_tests();
    let entry = conn
        .query_row(
            "SELECT seq, at, user_id, username, action, entity, entity_id, packing, changes, hash
             FROM audit_log WHERE seq = 1",
            [],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, Option<String>>(6)?,
                    r.get::<_, i64>(7)?,
                    r.get::<_, Vec<u8>>(8)?,
                    r.get::<_, Vec<u8>>(9)?,
                ))
            },
        )
        .unwrap();
    let (seq, at, user_id, username, action, entity, entity_id, packing, changes, hash) = entry;
    let changes = packing::unpack(packing, &changes).unwrap();
    // The format every register's chain has used since schema 1 (README: the audit log).
    let content = serde_json::json!([
        seq,
        at,
        user_id,
        username,
        action,
        entity,
        entity_id,
        changes.before,
        changes.after
    ]);
    let expected = Sha256::digest(format!("{GENESIS_HASH}\n{content}"));
    assert_eq!(hash, expected.to_vec());
}

#[test]
fn entries_name_the_actor_and_the_record_as_people_know_them() {
    let (register, admin) = with_history();
    let page = register
        .list_audit(
            &admin,
            &AuditQuery {
                entity: Some("division".into()),
                limit: 10,
                ..Default::default()
            },
        )
        .unwrap();
    let newest = &page.entries[0];
    assert_eq!(newest.record.as_deref(), Some("กองช่าง"));
    assert_eq!(newest.username.as_deref(), Some("admin"));
    let full_name = testing::setup_input().admin.full_name;
    assert_eq!(newest.actor_name.as_deref(), Some(full_name.as_str()));
    // The actor's full name finds their entries, as a login name does.
    let by_name = register
        .list_audit(
            &admin,
            &AuditQuery {
                text: Some(full_name),
                limit: 10,
                ..Default::default()
            },
        )
        .unwrap();
    assert!(by_name.total >= 3, "{}", by_name.total);
}

#[test]
fn the_command_line_says_which_account_ran_it() {
    let Actor::System(label) = Actor::command_line() else {
        panic!("the command line acts as the system");
    };
    assert!(label.starts_with("cli:"), "{label}");
    assert_ne!(label, "cli:unknown", "the system knows who runs this test");
}
