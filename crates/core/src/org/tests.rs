use super::*;
use crate::auth::Role;
use crate::error::Error;
use crate::register::Actor;
use crate::testing::{self, audit_count};

fn division_input(name: &str) -> DivisionInput {
    DivisionInput {
        name: name.into(),
        short_name: String::new(),
    }
}

#[test]
fn blank_division_names_are_refused_by_field() {
    let (register, _clock, admin) = testing::set_up();
    let before = audit_count(&register);
    for blank in ["", "   ", "\u{00A0}\u{200B}"] {
        let err = register
            .create_division(&admin, &division_input(blank))
            .unwrap_err();
        assert_eq!(err.details(), serde_json::json!({"field": "name"}));
    }
    assert!(register.list_divisions(&admin).unwrap().is_empty());
    assert_eq!(audit_count(&register), before);
}

#[test]
fn duplicate_divisions_are_refused_whatever_the_spacing() {
    let (register, _clock, admin) = testing::set_up();
    let created = register
        .create_division(&admin, &division_input("  กองการศึกษา  ศาสนาและวัฒนธรรม "))
        .unwrap();
    assert_eq!(created.name, "กองการศึกษา ศาสนาและวัฒนธรรม", "stored cleaned");
    let err = register
        .create_division(&admin, &division_input("กองการศึกษา\u{00A0}ศาสนาและวัฒนธรรม"))
        .unwrap_err();
    assert!(
        matches!(&err, Error::Duplicate { field, value } if field == "name" && value == "กองการศึกษา ศาสนาและวัฒนธรรม")
    );
    assert_eq!(register.list_divisions(&admin).unwrap().len(), 1);
}

#[test]
fn renaming_onto_another_division_is_refused_and_deactivating_keeps_it() {
    let (register, _clock, admin) = testing::set_up();
    let palad = testing::division(&register, &admin, "สำนักปลัด");
    testing::division(&register, &admin, "กองคลัง");
    let rename = DivisionUpdate {
        id: palad,
        name: "กองคลัง".into(),
        short_name: "กค.".into(),
        active: true,
    };
    assert_eq!(
        register
            .update_division(&admin, &rename)
            .unwrap_err()
            .code(),
        "duplicate"
    );
    let off = DivisionUpdate {
        name: "สำนักปลัด".into(),
        short_name: "สป.".into(),
        active: false,
        ..rename
    };
    let updated = register.update_division(&admin, &off).unwrap();
    assert!(!updated.active);
    assert_eq!(updated.short_name, "สป.");
    let missing = DivisionUpdate {
        id: crate::ids::DivisionId(77),
        ..off
    };
    assert_eq!(
        register
            .update_division(&admin, &missing)
            .unwrap_err()
            .code(),
        "not_found"
    );
}

#[test]
fn locations_are_unique_within_a_division_only() {
    let (register, _clock, admin) = testing::set_up();
    let finance = testing::division(&register, &admin, "กองคลัง");
    let works = testing::division(&register, &admin, "กองช่าง");
    let add = |division, name: &str| {
        register.create_location(
            &admin,
            &LocationInput {
                division_id: division,
                name: name.into(),
            },
        )
    };
    add(finance, "ห้องเก็บของ").unwrap();
    assert_eq!(add(finance, "ห้องเก็บของ ").unwrap_err().code(), "duplicate");
    add(works, "ห้องเก็บของ").unwrap();
    let listed = register
        .list_locations(
            &admin,
            &LocationQuery {
                division_id: Some(works),
                include_inactive: false,
            },
        )
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].division_name, "กองช่าง");
    assert_eq!(
        register.list_divisions(&admin).unwrap()[0].location_count,
        1
    );
}

#[test]
fn locations_need_an_active_division() {
    let (register, _clock, admin) = testing::set_up();
    let old = testing::division(&register, &admin, "กองเก่า");
    register
        .update_division(
            &admin,
            &DivisionUpdate {
                id: old,
                name: "กองเก่า".into(),
                short_name: String::new(),
                active: false,
            },
        )
        .unwrap();
    let err = register
        .create_location(
            &admin,
            &LocationInput {
                division_id: old,
                name: "ห้อง 1".into(),
            },
        )
        .unwrap_err();
    assert_eq!(err.details()["field"], "divisionId");
    let err = register
        .create_location(
            &admin,
            &LocationInput {
                division_id: crate::ids::DivisionId(99),
                name: "ห้อง 1".into(),
            },
        )
        .unwrap_err();
    assert_eq!(err.details()["field"], "divisionId");
}

#[test]
fn inactive_locations_are_hidden_unless_asked_for() {
    let (register, _clock, admin) = testing::set_up();
    let finance = testing::division(&register, &admin, "กองคลัง");
    let room = register
        .create_location(
            &admin,
            &LocationInput {
                division_id: finance,
                name: "ห้องเก่า".into(),
            },
        )
        .unwrap();
    register
        .update_location(
            &admin,
            &LocationUpdate {
                id: room.id,
                division_id: finance,
                name: room.name.clone(),
                active: false,
            },
        )
        .unwrap();
    let active = register
        .list_locations(&admin, &LocationQuery::default())
        .unwrap();
    assert!(active.is_empty());
    let all = register
        .list_locations(
            &admin,
            &LocationQuery {
                division_id: None,
                include_inactive: true,
            },
        )
        .unwrap();
    assert_eq!(all.len(), 1);
}

fn person(first: &str, last: &str) -> PersonInput {
    PersonInput {
        title: "นาย".into(),
        first_name: first.into(),
        last_name: last.into(),
        position: "นายช่างโยธา".into(),
        division_id: None,
        phone: "081 234 5678".into(),
    }
}

#[test]
fn the_staff_directory_finds_thai_names_without_spaces() {
    let (register, _clock, admin) = testing::set_up();
    let works = testing::division(&register, &admin, "กองช่าง");
    let mut somchai = person("สมชาย", "ใจดี");
    somchai.division_id = Some(works);
    let created = register.create_person(&admin, &somchai).unwrap();
    assert_eq!(created.full_name, "นายสมชาย ใจดี");
    assert_eq!(created.division_name.as_deref(), Some("กองช่าง"));
    register
        .create_person(&admin, &person("สมศรี", "มีสุข"))
        .unwrap();
    let find = |text: &str, division| {
        register
            .list_staff(
                &admin,
                &StaffQuery {
                    text: Some(text.into()),
                    division_id: division,
                    include_inactive: false,
                },
            )
            .unwrap()
    };
    assert_eq!(
        find("ชายใจ", None).len(),
        0,
        "first and last name are separate words"
    );
    assert_eq!(find("ใจดี", None).len(), 1);
    assert_eq!(find("สม", None).len(), 2);
    assert_eq!(find("สม", Some(works)).len(), 1);
    assert_eq!(
        find("นายสมชาย", None).len(),
        1,
        "title joined to the name, as written"
    );
    assert_eq!(find("5678", None).len(), 2, "phone");
}

#[test]
fn the_same_person_twice_is_refused_and_leaving_keeps_them() {
    let (register, _clock, admin) = testing::set_up();
    let p = register
        .create_person(&admin, &person("สมชาย", "ใจดี"))
        .unwrap();
    let err = register
        .create_person(&admin, &person("สมชาย", " ใจดี"))
        .unwrap_err();
    assert_eq!(
        err.details(),
        serde_json::json!({"field": "firstName", "value": "นายสมชาย ใจดี"})
    );
    let left = register
        .update_person(
            &admin,
            &PersonUpdate {
                id: p.id,
                person: person("สมชาย", "ใจดี"),
                active: false,
            },
        )
        .unwrap();
    assert!(!left.active);
    assert!(
        register
            .list_staff(&admin, &StaffQuery::default())
            .unwrap()
            .is_empty()
    );
    let all = register
        .list_staff(
            &admin,
            &StaffQuery {
                include_inactive: true,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(all.len(), 1);
    let blank = PersonInput {
        first_name: " ".into(),
        ..person("", "")
    };
    assert_eq!(
        register
            .create_person(&admin, &blank)
            .unwrap_err()
            .details()["field"],
        "firstName"
    );
}

#[test]
fn staff_may_be_viewed_by_anyone_but_kept_by_officers() {
    let (register, _clock, admin) = testing::set_up();
    let viewer = testing::user_with(&register, &admin, "viewer", Role::Viewer);
    let officer = testing::user_with(&register, &admin, "officer", Role::SuppliesOfficer);
    assert_eq!(
        register
            .create_person(&viewer, &person("ก", "ข"))
            .unwrap_err()
            .code(),
        "permission_denied"
    );
    register.create_person(&officer, &person("ก", "ข")).unwrap();
    assert_eq!(
        register
            .list_staff(&viewer, &StaffQuery::default())
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn the_organisation_is_edited_by_administrators_only() {
    let (register, _clock, admin) = testing::set_up();
    let officer = testing::user_with(&register, &admin, "officer", Role::SuppliesOfficer);
    let mut input = OrganisationInput {
        name: "องค์การบริหารส่วนตำบลแม่กรณ์".into(),
        short_name: "อบต.แม่กรณ์".into(),
        province: "เชียงราย".into(),
        district: "เมืองเชียงราย".into(),
        subdistrict: "แม่กรณ์".into(),
        address: "หมู่ 5".into(),
        phone: "053 000 000".into(),
    };
    assert_eq!(
        register
            .update_organisation(&officer, &input)
            .unwrap_err()
            .code(),
        "permission_denied"
    );
    let saved = register.update_organisation(&admin, &input).unwrap();
    assert_eq!(saved.district, "เมืองเชียงราย");
    assert!(saved.updated_at.is_some());
    assert_eq!(register.organisation(&officer).unwrap(), saved);
    input.name = "  ".into();
    assert_eq!(
        register
            .update_organisation(&admin, &input)
            .unwrap_err()
            .details()["field"],
        "name"
    );
}

#[test]
fn setup_runs_once_and_names_bad_fields_by_path() {
    let (register, _clock) = testing::register();
    assert!(register.needs_setup().unwrap());
    let mut input = testing::setup_input();
    input.organisation.name = " ".into();
    let err = register.complete_setup(&input).unwrap_err();
    assert_eq!(err.details()["field"], "organisation.name");
    let mut input = testing::setup_input();
    input.admin.username = String::new();
    assert_eq!(
        register.complete_setup(&input).unwrap_err().details()["field"],
        "admin.username"
    );
    let mut input = testing::setup_input();
    input.admin.password = "short".into();
    assert_eq!(
        register.complete_setup(&input).unwrap_err().code(),
        "password_too_weak"
    );
    assert!(register.needs_setup().unwrap(), "refusals changed nothing");
    assert_eq!(audit_count(&register), 0);
    let session = register.complete_setup(&testing::setup_input()).unwrap();
    assert_eq!(session.info().username, "admin");
    assert_eq!(
        register
            .complete_setup(&testing::setup_input())
            .unwrap_err()
            .code(),
        "setup_already_done"
    );
}

#[test]
fn sample_data_fills_a_believable_organisation_with_every_role() {
    let (register, _clock) = testing::register();
    let mut input = testing::setup_input();
    input.load_sample_data = true;
    let session = register.complete_setup(&input).unwrap();
    let admin = session.actor();
    let divisions = register.list_divisions(&admin).unwrap();
    assert_eq!(divisions.len(), 6);
    assert_eq!(divisions[0].name, "สำนักปลัด");
    let staff = register.list_staff(&admin, &StaffQuery::default()).unwrap();
    assert!(staff.len() >= 30, "about 30 staff, got {}", staff.len());
    let users = register.list_users(&admin).unwrap();
    for role in Role::ALL {
        assert!(
            users.iter().any(|u| u.roles.iter().any(|g| g.role == role)),
            "someone holds {role:?}"
        );
    }
    let officer = register
        .login(&crate::auth::LoginInput {
            username: "officer".into(),
            password: "demo1234".into(),
        })
        .unwrap();
    // Everyone knows the demo password: each demo account asks for its own at first login.
    assert!(officer.info().must_change_password);
    assert!(
        register
            .work_calendar()
            .unwrap()
            .is_working_day(chrono::NaiveDate::from_ymd_opt(2024, 10, 22).unwrap())
    );
    assert!(
        !register
            .work_calendar()
            .unwrap()
            .is_working_day(chrono::NaiveDate::from_ymd_opt(2024, 10, 23).unwrap())
    );
    assert!(register.verify_audit(&admin).unwrap().ok);
    let again = register.load_sample_data(&admin).unwrap_err();
    assert_eq!(again.details()["field"], "sampleData");
}

#[test]
fn the_command_line_can_load_samples_into_a_fresh_register() {
    let (register, _clock) = testing::register();
    let report = register
        .load_sample_data(&Actor::System("cli:test".into()))
        .unwrap();
    assert_eq!(report.divisions, 6);
    assert!(report.users.contains(&"officer".to_string()));
    let admin = register
        .login(&crate::auth::LoginInput {
            username: "admin".into(),
            password: report.demo_password,
        })
        .unwrap();
    // The demo password is known to all: the admin made here must choose their own.
    assert!(admin.info().must_change_password);
    assert_eq!(
        register.organisation(&admin.actor()).unwrap().short_name,
        "อบต.แม่กรณ์"
    );
}

#[test]
fn sample_data_holds_about_six_hundred_believable_assets() {
    let (register, _clock) = testing::register();
    let report = register
        .load_sample_data(&Actor::System("cli:test".into()))
        .unwrap();
    assert!(
        (550..=700).contains(&report.assets),
        "{} assets",
        report.assets
    );
    let admin = Actor::System("t".into());
    let all = register
        .list_assets(
            &admin,
            &crate::assets::AssetQuery {
                limit: 1,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(all.total as usize, report.assets);
    for division in register.list_divisions(&admin).unwrap() {
        let held = register
            .list_assets(
                &admin,
                &crate::assets::AssetQuery {
                    division_id: Some(division.id),
                    limit: 1,
                    ..Default::default()
                },
            )
            .unwrap();
        assert!(held.total >= 20, "{} holds {}", division.name, held.total);
    }
    let chairs = register
        .list_assets(
            &admin,
            &crate::assets::AssetQuery {
                text: Some("เก้าอี้".into()),
                limit: 500,
                ..Default::default()
            },
        )
        .unwrap();
    assert!(chairs.total >= 10);
    let worn = register
        .list_assets(
            &admin,
            &crate::assets::AssetQuery {
                status: Some(crate::assets::AssetStatus::Deteriorated),
                limit: 1,
                ..Default::default()
            },
        )
        .unwrap();
    assert!(worn.total > 0, "some old items are worn");
    assert!(register.verify_audit(&admin).unwrap().ok);
}

#[test]
fn names_written_on_a_register_split_as_the_directory_keeps_them() {
    use crate::org::staff::split_name as split;
    let owned = |t: &str, f: &str, l: &str| (t.to_owned(), f.to_owned(), l.to_owned());
    assert_eq!(
        split("นางสาวพิมพ์ชนก  แก้วมูล"),
        owned("นางสาว", "พิมพ์ชนก", "แก้วมูล")
    );
    assert_eq!(split("นาย สมชาย ใจดี"), owned("นาย", "สมชาย", "ใจดี"));
    assert_eq!(split("นางมาลี ศรีสุข"), owned("นาง", "มาลี", "ศรีสุข"));
    assert_eq!(split("ว่าที่ร้อยตรีวิชัย มั่นคง"), owned("ว่าที่ร้อยตรี", "วิชัย", "มั่นคง"));
    assert_eq!(split("สมศรี"), owned("", "สมศรี", ""));
    assert_eq!(
        split("ประเสริฐ ณ เชียงใหม่"),
        owned("", "ประเสริฐ", "ณ เชียงใหม่")
    );
    assert_eq!(
        split("นาย"),
        owned("", "นาย", ""),
        "a title alone is a name"
    );
}
