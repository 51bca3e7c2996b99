use chrono::Duration;

use super::*;
use crate::clock::Clock;
use crate::error::Error;
use crate::register::Actor;
use crate::testing::{self, PASSWORD, audit_count};

fn login(register: &crate::Register, username: &str, password: &str) -> crate::Result<Session> {
    register.login(&LoginInput {
        username: username.into(),
        password: password.into(),
    })
}

#[test]
fn the_right_password_logs_in_any_case_of_name() {
    let (register, _clock, _admin) = testing::set_up();
    let session = login(&register, " ADMIN ", PASSWORD).unwrap();
    let info = session.info();
    assert_eq!(info.username, "admin");
    assert_eq!(info.roles, vec![RoleGrant::plain(Role::Administrator)]);
    assert!(info.permissions.contains(&Permission::ManageUsers));
    assert_eq!(info.idle_timeout_minutes, 30);
    assert!(!info.logged_in_at.is_empty());
}

#[test]
fn wrong_password_and_unknown_user_get_the_same_answer() {
    let (register, _clock, _admin) = testing::set_up();
    let wrong = login(&register, "admin", "not the password").unwrap_err();
    let unknown = login(&register, "nobody", PASSWORD).unwrap_err();
    assert_eq!(wrong.code(), "invalid_credentials");
    assert_eq!(unknown.code(), "invalid_credentials");
    assert_eq!(wrong.to_string(), unknown.to_string());
}

#[test]
fn five_wrong_passwords_lock_the_account_for_five_minutes() {
    let (register, clock, _admin) = testing::set_up();
    for attempt in 1..=4 {
        let err = login(&register, "admin", "wrong password").unwrap_err();
        assert_eq!(err.code(), "invalid_credentials", "attempt {attempt}");
    }
    let fifth = login(&register, "admin", "wrong password").unwrap_err();
    let Error::AccountLocked { until } = fifth else {
        panic!("the fifth failure locks: {fifth:?}")
    };
    assert_eq!(until, clock.now() + LOCKOUT);
    // Even the right password waits.
    clock.advance(Duration::minutes(4) + Duration::seconds(59));
    let err = login(&register, "admin", PASSWORD).unwrap_err();
    assert_eq!(err.code(), "account_locked");
    assert!(
        err.details()["until"]
            .as_str()
            .unwrap()
            .starts_with("2024-10-01T02:05")
    );
    clock.advance(Duration::seconds(2));
    assert!(login(&register, "admin", PASSWORD).is_ok());
}

#[test]
fn a_lock_that_ran_out_gives_five_fresh_attempts_and_success_resets_the_count() {
    let (register, clock, _admin) = testing::set_up();
    for _ in 0..5 {
        let _ = login(&register, "admin", "wrong password");
    }
    clock.advance(LOCKOUT + Duration::seconds(1));
    for _ in 0..4 {
        assert_eq!(
            login(&register, "admin", "wrong").unwrap_err().code(),
            "invalid_credentials"
        );
    }
    assert!(login(&register, "admin", PASSWORD).is_ok());
    for _ in 0..4 {
        assert_eq!(
            login(&register, "admin", "wrong").unwrap_err().code(),
            "invalid_credentials"
        );
    }
    assert!(
        login(&register, "admin", PASSWORD).is_ok(),
        "count restarted after success"
    );
}

#[test]
fn failed_logins_are_audited_without_the_password() {
    let (register, _clock, admin) = testing::set_up();
    let before = audit_count(&register);
    let _ = login(&register, "admin", "Secret-Guess-123");
    let _ = login(&register, "ghost", "Another-Guess-456");
    assert_eq!(audit_count(&register), before + 2);
    let page = register
        .list_audit(
            &admin,
            &crate::audit::AuditQuery {
                limit: 2,
                ..Default::default()
            },
        )
        .unwrap();
    assert!(page.entries.iter().all(|e| e.action == "auth.login_failed"));
    assert_eq!(page.entries[0].username.as_deref(), Some("ghost"));
}

#[test]
fn passwords_are_never_stored_in_clear_anywhere() {
    let (register, _clock, admin) = testing::set_up();
    let officer = testing::user_with(&register, &admin, "officer", Role::SuppliesOfficer);
    register
        .change_password(
            &officer,
            &ChangePasswordInput {
                current_password: PASSWORD.into(),
                new_password: "ใหม่-New-Password-9".into(),
            },
        )
        .unwrap();
    let _ = login(&register, "officer", "Typo-Password-7");
    let conn = register.raw_connection_for_tests();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for i in 0..columns {
                if let Ok(Some(text)) = row.get::<_, Option<String>>(i) {
                    for secret in [PASSWORD, "ใหม่-New-Password-9", "Typo-Password-7"] {
                        assert!(!text.contains(secret), "{table} holds a password in clear");
                    }
                }
            }
        }
    }
}

#[test]
fn change_password_checks_the_current_one_and_the_policy() {
    let (register, _clock, admin) = testing::set_up();
    let change = |current: &str, new: &str| {
        register.change_password(
            &admin,
            &ChangePasswordInput {
                current_password: current.into(),
                new_password: new.into(),
            },
        )
    };
    assert_eq!(
        change("wrong one", "brand new pass").unwrap_err().code(),
        "wrong_password"
    );
    assert_eq!(
        change(PASSWORD, "short").unwrap_err().code(),
        "password_too_weak"
    );
    assert_eq!(
        change(PASSWORD, PASSWORD).unwrap_err().code(),
        "invalid_value"
    );
    assert!(
        login(&register, "admin", PASSWORD).is_ok(),
        "nothing changed yet"
    );
    change(PASSWORD, "brand new pass").unwrap();
    assert!(login(&register, "admin", PASSWORD).is_err());
    assert!(login(&register, "admin", "brand new pass").is_ok());
}

#[test]
fn an_admin_reset_forces_a_change_and_lifts_a_lock() {
    let (register, _clock, admin) = testing::set_up();
    let officer = testing::user_with(&register, &admin, "officer", Role::SuppliesOfficer);
    let Actor::User(officer_id) = officer.clone() else {
        unreachable!()
    };
    for _ in 0..5 {
        let _ = login(&register, "officer", "wrong password");
    }
    let reset = ResetPasswordInput {
        user_id: officer_id,
        new_password: "temporary-1".into(),
    };
    let refused = register.reset_password(&officer, &reset).unwrap_err();
    assert_eq!(refused.code(), "permission_denied");
    register.reset_password(&admin, &reset).unwrap();
    let session = login(&register, "officer", "temporary-1").unwrap();
    assert!(session.info().must_change_password);
}

#[test]
fn new_users_are_validated() {
    let (register, _clock, admin) = testing::set_up();
    let base = NewUserInput {
        username: "somchai".into(),
        full_name: "นายสมชาย ใจดี".into(),
        password: PASSWORD.into(),
        person_id: None,
        roles: vec![RoleGrant::plain(Role::Viewer)],
    };
    let try_create = |change: &dyn Fn(&mut NewUserInput)| {
        let mut input = base.clone();
        change(&mut input);
        register.create_user(&admin, &input)
    };
    register.create_user(&admin, &base).unwrap();
    let before = audit_count(&register);
    let dup = try_create(&|u| u.username = "SomChai".into()).unwrap_err();
    assert_eq!(
        dup.details(),
        serde_json::json!({"field": "username", "value": "somchai"})
    );
    assert_eq!(
        try_create(&|u| u.username = "  ".into())
            .unwrap_err()
            .code(),
        "required"
    );
    assert_eq!(
        try_create(&|u| u.username = "สมชาย".into())
            .unwrap_err()
            .code(),
        "invalid_value"
    );
    assert_eq!(
        try_create(&|u| {
            u.username = "other".into();
            u.password = "1234567".into();
        })
        .unwrap_err()
        .code(),
        "password_too_weak"
    );
    assert_eq!(
        try_create(&|u| {
            u.username = "other".into();
            u.roles = vec![];
        })
        .unwrap_err()
        .details()["field"],
        "roles"
    );
    assert_eq!(
        try_create(&|u| {
            u.username = "other".into();
            u.roles = vec![RoleGrant::plain(Role::DivisionHead)];
        })
        .unwrap_err()
        .code(),
        "invalid_value"
    );
    assert_eq!(
        try_create(&|u| {
            u.username = "other".into();
            u.roles = vec![RoleGrant::division_head(crate::ids::DivisionId(999))];
        })
        .unwrap_err()
        .code(),
        "not_found"
    );
    assert_eq!(audit_count(&register), before, "refusals change nothing");
}

#[test]
fn a_division_head_is_tied_to_a_division_and_holds_several_roles() {
    let (register, _clock, admin) = testing::set_up();
    let works = testing::division(&register, &admin, "กองช่าง");
    let head = testing::user(
        &register,
        &admin,
        "head.works",
        &[
            RoleGrant::division_head(works),
            RoleGrant::plain(Role::CheckCommittee),
        ],
    );
    let Actor::User(id) = head else {
        unreachable!()
    };
    let info = register.session_info(id).unwrap();
    assert_eq!(info.roles.len(), 2);
    assert!(info.roles.contains(&RoleGrant::division_head(works)));
    assert_eq!(
        info.permissions,
        vec![
            Permission::ViewRegister,
            Permission::RequestLoan,
            Permission::ApproveLoans
        ]
    );
}

#[test]
fn the_last_administrator_cannot_be_removed() {
    let (register, _clock, admin) = testing::set_up();
    let Actor::User(admin_id) = admin.clone() else {
        unreachable!()
    };
    let demote = UserUpdate {
        id: admin_id,
        full_name: "ผู้ดูแลระบบ".into(),
        person_id: None,
        roles: vec![RoleGrant::plain(Role::Viewer)],
        active: true,
    };
    assert_eq!(
        register.update_user(&admin, &demote).unwrap_err().code(),
        "cannot_remove_last_admin"
    );
    let disable = UserUpdate {
        roles: vec![RoleGrant::plain(Role::Administrator)],
        active: false,
        ..demote.clone()
    };
    assert_eq!(
        register.update_user(&admin, &disable).unwrap_err().code(),
        "cannot_remove_last_admin"
    );
    testing::user_with(&register, &admin, "second.admin", Role::Administrator);
    assert!(
        register.update_user(&admin, &demote).is_ok(),
        "another admin remains"
    );
}

#[test]
fn a_disabled_account_cannot_log_in_and_its_session_stops_working() {
    let (register, _clock, admin) = testing::set_up();
    let officer = testing::user_with(&register, &admin, "officer", Role::SuppliesOfficer);
    let session = login(&register, "officer", PASSWORD).unwrap();
    let Actor::User(id) = officer else {
        unreachable!()
    };
    register
        .update_user(
            &admin,
            &UserUpdate {
                id,
                full_name: "คุณ officer".into(),
                person_id: None,
                roles: vec![RoleGrant::plain(Role::SuppliesOfficer)],
                active: false,
            },
        )
        .unwrap();
    assert_eq!(
        login(&register, "officer", PASSWORD).unwrap_err().code(),
        "account_disabled"
    );
    assert_eq!(
        login(&register, "officer", "wrong pass")
            .unwrap_err()
            .code(),
        "invalid_credentials"
    );
    let err = register.list_divisions(&session.actor()).unwrap_err();
    assert_eq!(err.code(), "account_disabled");
}

#[test]
fn sessions_end_after_the_idle_time_and_slide_with_activity() {
    let (register, clock, _admin) = testing::set_up();
    let mut session = login(&register, "admin", PASSWORD).unwrap();
    clock.advance(Duration::minutes(29));
    assert!(session.touch(clock.now()).is_ok());
    clock.advance(Duration::minutes(29));
    assert!(
        session.touch(clock.now()).is_ok(),
        "activity moved the deadline"
    );
    clock.advance(Duration::minutes(31));
    assert_eq!(
        session.touch(clock.now()).unwrap_err().code(),
        "session_expired"
    );
}

#[test]
fn the_idle_time_is_a_setting() {
    let (register, clock, admin) = testing::set_up();
    let settings = crate::settings::AppSettings {
        idle_timeout_minutes: 5,
    };
    register.update_settings(&admin, &settings).unwrap();
    let mut session = login(&register, "admin", PASSWORD).unwrap();
    assert_eq!(session.info().idle_timeout_minutes, 5);
    clock.advance(Duration::minutes(6));
    assert!(session.touch(clock.now()).is_err());
    let bad = crate::settings::AppSettings {
        idle_timeout_minutes: 0,
    };
    assert_eq!(
        register
            .update_settings(&admin, &bad)
            .unwrap_err()
            .details()["field"],
        "idleTimeoutMinutes"
    );
}

#[test]
fn roles_without_the_permission_are_refused_in_core() {
    let (register, _clock, admin) = testing::set_up();
    let viewer = testing::user_with(&register, &admin, "viewer", Role::Viewer);
    let officer = testing::user_with(&register, &admin, "officer", Role::SuppliesOfficer);
    let input = crate::org::DivisionInput {
        name: "กองช่าง".into(),
        short_name: String::new(),
    };
    let err = register.create_division(&viewer, &input).unwrap_err();
    assert!(matches!(
        err,
        Error::PermissionDenied {
            permission: "manage_divisions"
        }
    ));
    assert!(register.create_division(&officer, &input).is_ok());
    assert_eq!(
        register.list_users(&officer).unwrap_err().code(),
        "permission_denied"
    );
    assert!(register.list_divisions(&viewer).is_ok());
    let ghost = Actor::User(crate::ids::UserId(4242));
    assert_eq!(
        register.list_divisions(&ghost).unwrap_err().code(),
        "not_logged_in"
    );
}
