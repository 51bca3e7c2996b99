//! Helpers for the core's own tests: a register in memory on a fixed clock, set up with
//! an administrator, and users holding any role.

use std::sync::Arc;

use chrono::NaiveDate;

use crate::auth::{NewUserInput, Role, RoleGrant};
use crate::clock::FixedClock;
use crate::ids::DivisionId;
use crate::org::DivisionInput;
use crate::register::{Actor, Register};
use crate::setup::SetupInput;

/// Password of every test account.
pub const PASSWORD: &str = "correct horse";

/// A fresh register on a clock stopped at 09:00 on 1 Oct 2024 (first day of FY2568).
pub fn register() -> (Register, Arc<FixedClock>) {
    let date = NaiveDate::from_ymd_opt(2024, 10, 1).unwrap();
    let clock = Arc::new(FixedClock::on_date(date));
    let register = Register::open_in_memory_with_clock(clock.clone()).unwrap();
    (register, clock)
}

/// Like [`register`], in the file `dir/phatsadu.sqlite` (reads then go through the
/// register's reading connections, as in the app).
pub fn register_on_file(dir: &std::path::Path) -> (Register, Arc<FixedClock>) {
    let date = NaiveDate::from_ymd_opt(2024, 10, 1).unwrap();
    let clock = Arc::new(FixedClock::on_date(date));
    let register = Register::open_with_clock(dir.join("phatsadu.sqlite"), clock.clone()).unwrap();
    (register, clock)
}

/// The setup wizard's input for อบต.แม่กรณ์ with administrator `admin`.
pub fn setup_input() -> SetupInput {
    crate::sample::sample_setup(PASSWORD, false)
}

/// A register that has been set up, and its administrator.
pub fn set_up() -> (Register, Arc<FixedClock>, Actor) {
    set_up_from(register())
}

/// Like [`set_up`], in a file in `dir`.
pub fn set_up_on_file(dir: &std::path::Path) -> (Register, Arc<FixedClock>, Actor) {
    set_up_from(register_on_file(dir))
}

fn set_up_from(
    (register, clock): (Register, Arc<FixedClock>),
) -> (Register, Arc<FixedClock>, Actor) {
    let session = register.complete_setup(&setup_input()).unwrap();
    let admin = session.actor();
    (register, clock, admin)
}

/// Creates a division and returns its id.
pub fn division(register: &Register, admin: &Actor, name: &str) -> DivisionId {
    register
        .create_division(
            admin,
            &DivisionInput {
                name: name.into(),
                short_name: String::new(),
            },
        )
        .unwrap()
        .id
}

/// Creates a user holding `roles` (password [`PASSWORD`]) and returns them as an actor.
pub fn user(register: &Register, admin: &Actor, username: &str, roles: &[RoleGrant]) -> Actor {
    let user = register
        .create_user(
            admin,
            &NewUserInput {
                username: username.into(),
                full_name: format!("คุณ {username}"),
                password: PASSWORD.into(),
                person_id: None,
                roles: roles.to_vec(),
            },
        )
        .unwrap();
    Actor::User(user.id)
}

/// A user holding one plain role.
pub fn user_with(register: &Register, admin: &Actor, username: &str, role: Role) -> Actor {
    user(register, admin, username, &[RoleGrant::plain(role)])
}

/// Number of audit entries.
pub fn audit_count(register: &Register) -> i64 {
    register
        .conn()
        .query_row("SELECT count(*) FROM audit_log", [], |row| row.get(0))
        .unwrap()
}

/// Disposes of `asset` the only way the program allows, on a register holding the sample
/// accounts: the officer proposes its destruction, the mayor approves, the officer records
/// the witness record and writes it off, all on `on`.
pub fn dispose(register: &Register, asset: crate::ids::AssetId, on: NaiveDate) {
    use crate::disposal::{
        DisposalDecision, DisposalInput, DisposalItemInput, DisposalMethod, DisposalResult,
    };
    let login = |username: &str| {
        register
            .login(&crate::auth::LoginInput {
                username: username.into(),
                password: "demo1234".into(),
            })
            .unwrap()
            .actor()
    };
    let (officer, mayor) = (login("officer"), login("mayor"));
    let proposed = register
        .propose_disposal(
            &officer,
            &DisposalInput {
                reason: "ชำรุดจนซ่อมไม่ได้".into(),
                proposed_on: on,
                round_id: None,
                items: vec![DisposalItemInput {
                    asset_id: asset,
                    method: DisposalMethod::Destruction,
                    note: String::new(),
                }],
            },
        )
        .unwrap();
    register
        .decide_disposal(
            &mayor,
            &DisposalDecision {
                disposal_id: proposed.id,
                approve: true,
                approval_no: "คำสั่ง 1/2568".into(),
                approved_on: on,
                reason: String::new(),
            },
        )
        .unwrap();
    register
        .record_disposal_result(
            &officer,
            &DisposalResult {
                disposal_id: proposed.id,
                asset_id: asset,
                method: DisposalMethod::Destruction,
                done_on: on,
                counterparty: String::new(),
                document_no: "บันทึกการทำลาย 1/2568".into(),
                proceeds: crate::money::Satang(0),
            },
        )
        .unwrap();
    register
        .write_off_disposal(&officer, proposed.id, on)
        .unwrap();
}
