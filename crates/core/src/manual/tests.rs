//! The manual on the sample อบต.: it is written from the same rule table the loans obey (a
//! changed rule changes both what the program enforces and what the manual says), it is
//! issued in versions when the rules or signers change, and staff acknowledge it.

use super::*;
use crate::error::Error;
use crate::loans::{Decision, LoanKind};
use crate::register::{Actor, Register};
use crate::testing::{self, audit_count};

fn login(register: &Register, username: &str) -> Actor {
    register
        .login(&crate::auth::LoginInput {
            username: username.into(),
            password: "demo1234".into(),
        })
        .unwrap()
        .actor()
}

fn sample() -> Register {
    let (register, _clock) = testing::register();
    register
        .load_sample_data(&Actor::System("test".into()))
        .unwrap();
    register
}

fn text_of(content: &ManualContent) -> String {
    content
        .sections
        .iter()
        .flat_map(|s| std::iter::once(s.title.clone()).chain(s.paragraphs.clone()))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn changing_the_rule_table_changes_both_what_is_enforced_and_what_the_manual_says() {
    let register = sample();
    let officer = login(&register, "officer");
    let head = login(&register, "head.palad");
    let mayor = login(&register, "mayor");
    // As the regulation has it: inside loans by the division head (or the agency head);
    // outside and agency loans by the agency head. Two branches on the flowchart.
    let view = register.manual(&officer).unwrap();
    let flow = &view.content.flow;
    assert_eq!(flow.branches.len(), 2);
    assert_eq!(flow.branches[0].cases, [LoanKind::Inside.thai()]);
    assert_eq!(
        flow.branches[0].approvers,
        ["หัวหน้าหน่วยงานที่รับผิดชอบพัสดุนั้น", "หัวหน้าหน่วยงานของรัฐ"]
    );
    assert_eq!(
        flow.branches[1].cases,
        [LoanKind::Outside.thai(), LoanKind::Agency.thai()]
    );
    let text = text_of(&view.content);
    assert!(text.contains("หัวหน้าหน่วยงานที่รับผิดชอบพัสดุนั้น ได้แก่"), "{text}");
    assert!(
        text.contains("(สำนักปลัด)"),
        "the division heads by name: {text}"
    );
    // The head of สำนักปลัด may decide an inside request of his division's items.
    let waiting = register.approval_inbox(&head).unwrap();
    let inside = waiting
        .iter()
        .find(|i| i.loan.kind == LoanKind::Inside)
        .expect("the sample has an inside request waiting for head.palad");
    let loan = inside.loan.id;

    // The rule changes: only the agency head decides inside loans.
    {
        let conn = register.raw_connection_for_tests();
        conn.execute("DELETE FROM loan_approval_rules WHERE kind = 'inside'", [])
            .unwrap();
        conn.execute(
            "INSERT INTO loan_approval_rules (kind, seq, approver) VALUES ('inside', 1, 'agency_head')",
            [],
        )
        .unwrap();
    }
    // Enforced: the division head can no longer decide it; the agency head can.
    assert!(
        register
            .approval_inbox(&head)
            .unwrap()
            .iter()
            .all(|i| i.loan.id != loan)
    );
    let before = audit_count(&register);
    let refused = register
        .decide_loan(
            &head,
            &Decision {
                loan_id: loan,
                approve: true,
                reason: String::new(),
            },
        )
        .unwrap_err();
    assert!(
        matches!(refused, Error::NotTheApprover { .. }),
        "{refused:?}"
    );
    assert_eq!(audit_count(&register), before);
    // Said: the manual shows as changed (the version in force said otherwise): one
    // branch, every case to the agency head, and no division head named.
    let changed = register
        .manual(&officer)
        .unwrap()
        .draft
        .expect("the rules changed since the version in force");
    assert_eq!(changed.flow.branches.len(), 1);
    assert_eq!(changed.flow.branches[0].cases.len(), 3);
    assert_eq!(changed.flow.branches[0].approvers, ["หัวหน้าหน่วยงานของรัฐ"]);
    assert!(!text_of(&changed).contains("หัวหน้าหน่วยงานที่รับผิดชอบพัสดุนั้น"));
    register
        .decide_loan(
            &mayor,
            &Decision {
                loan_id: loan,
                approve: true,
                reason: String::new(),
            },
        )
        .unwrap();
}

#[test]
fn the_manual_is_issued_in_versions_when_the_rules_or_signers_change() {
    let register = sample();
    let officer = login(&register, "officer");
    let staff = login(&register, "staff");
    // The sample has issued version 1.
    let view = register.manual(&officer).unwrap();
    let first = view.issued.clone().expect("the sample issues version 1");
    assert_eq!(first.version, 1);
    assert!(view.draft.is_none(), "nothing has changed since");
    // Issuing again with nothing changed is refused, and writes nothing.
    let before = audit_count(&register);
    assert!(matches!(
        register.issue_manual(&officer).unwrap_err(),
        Error::NothingChanged { .. }
    ));
    assert_eq!(audit_count(&register), before);
    // A new agency head signs: the manual shows as changed until version 2 is issued.
    let mut print = register.print_settings(&officer).unwrap();
    print.agency_head.name = "นายวีระ ใจซื่อ".into();
    register.update_print_settings(&officer, &print).unwrap();
    let view = register.manual(&officer).unwrap();
    assert_eq!(
        view.draft.as_ref().map(|d| d.signer_name.as_str()),
        Some("นายวีระ ใจซื่อ")
    );
    assert_ne!(
        view.content.signer_name, "นายวีระ ใจซื่อ",
        "v1 keeps what it said"
    );
    // Staff who acknowledged version 1 must acknowledge version 2 again.
    assert!(
        register.manual(&staff).unwrap().can_acknowledge || {
            register.manual(&staff).unwrap().acknowledged_on.is_some()
        }
    );
    let second = register.issue_manual(&officer).unwrap();
    assert_eq!(second.version, 2);
    let view = register.manual(&staff).unwrap();
    assert_eq!(view.content.signer_name, "นายวีระ ใจซื่อ");
    assert!(view.can_acknowledge && view.acknowledged_on.is_none());
}

#[test]
fn staff_acknowledge_by_login_or_on_a_signed_paper_list() {
    let register = sample();
    let officer = login(&register, "officer");
    let staff = login(&register, "staff");
    let list = register.manual_acknowledgements(&officer).unwrap();
    let total = list.people.len();
    let already = list.acknowledged;
    assert!(total > 20, "the staff directory");
    // By login, once.
    let mine = register.manual(&staff).unwrap();
    if mine.can_acknowledge {
        register.acknowledge_manual(&staff).unwrap();
    }
    assert!(matches!(
        register.acknowledge_manual(&staff).unwrap_err(),
        Error::NothingChanged { .. }
    ));
    // On paper, for two who have not: recorded with the list's reference.
    let list = register.manual_acknowledgements(&officer).unwrap();
    let pending: Vec<_> = list
        .people
        .iter()
        .filter(|p| p.acknowledged_on.is_none())
        .take(2)
        .map(|p| p.person_id)
        .collect();
    let today = register.clock().today();
    let mut paper = PaperAcknowledgements {
        person_ids: pending.clone(),
        acknowledged_on: today.succ_opt().unwrap(),
        document_no: "บัญชีลงนามรับทราบ 1/2568".into(),
    };
    let before = audit_count(&register);
    let err = register
        .record_paper_acknowledgements(&officer, &paper)
        .unwrap_err();
    assert_eq!(err.details()["field"], "acknowledgedOn");
    paper.acknowledged_on = today;
    paper.document_no = " ".into();
    let err = register
        .record_paper_acknowledgements(&officer, &paper)
        .unwrap_err();
    assert_eq!(err.details()["field"], "documentNo");
    assert_eq!(audit_count(&register), before, "nothing written");
    paper.document_no = "บัญชีลงนามรับทราบ 1/2568".into();
    assert_eq!(
        register
            .record_paper_acknowledgements(&officer, &paper)
            .unwrap(),
        2
    );
    let list = register.manual_acknowledgements(&officer).unwrap();
    assert_eq!(list.people.len(), total);
    assert!(list.acknowledged >= already + 2);
    let row = list
        .people
        .iter()
        .find(|p| p.person_id == pending[0])
        .unwrap();
    assert_eq!(row.how.as_deref(), Some("paper"));
    assert_eq!(row.document_no, "บัญชีลงนามรับทราบ 1/2568");
    // A viewer may not record paper lists.
    assert!(
        register
            .record_paper_acknowledgements(&staff, &paper)
            .is_err()
    );
}
