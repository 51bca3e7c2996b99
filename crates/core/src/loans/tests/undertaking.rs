//! The borrower's undertaking (ข้อ ๒๐๗, ๒๑๐): a request is not sent to its approver without
//! it; a draft may wait for it; the request records when it was ticked.

use chrono::Duration;

use super::*;

#[test]
fn a_request_is_not_sent_without_the_undertaking_and_records_when_it_was_ticked() {
    let w = world();
    let mut request = w.request(&w.drills[..1], d(2024, 10, 1), d(2024, 10, 3));
    request.undertaking = false;
    let before = testing::audit_count(&w.register);
    let err = w.register.create_loan(&w.officer, &request).unwrap_err();
    assert_eq!(err.details()["field"], "undertaking");
    assert_eq!(testing::audit_count(&w.register), before, "nothing written");
    // A draft may be kept without it, but not sent until it is ticked.
    request.submit = false;
    let draft = w.register.create_loan(&w.officer, &request).unwrap();
    assert_eq!(draft.undertaking_at, None);
    let err = w.register.submit_loan(&w.officer, draft.id).unwrap_err();
    assert_eq!(err.details()["field"], "undertaking");
    request.submit = true;
    request.undertaking = true;
    let sent = w
        .register
        .update_loan(
            &w.officer,
            &LoanUpdate {
                loan_id: draft.id,
                request: request.clone(),
            },
        )
        .unwrap();
    assert_eq!(sent.status, LoanStatus::Submitted);
    let ticked = sent.undertaking_at.clone().expect("recorded");
    // Editing the request later keeps the first tick.
    w.clock.advance(Duration::minutes(5));
    request.place_of_use = "ลานจอดรถ อบต.".into();
    let again = w
        .register
        .update_loan(
            &w.officer,
            &LoanUpdate {
                loan_id: draft.id,
                request,
            },
        )
        .unwrap();
    assert_eq!(again.undertaking_at, Some(ticked));
}
