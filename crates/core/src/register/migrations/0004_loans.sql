-- Borrowing (ข้อ ๒๐๗–๒๑๒): loans with their items, the approvers' delegations, follow-ups
-- of overdue loans and compensation for items returned damaged or not at all.

-- An approver standing in for another for a date range, recorded from the written order.
CREATE TABLE delegations (
    id           INTEGER PRIMARY KEY,
    principal_id INTEGER NOT NULL REFERENCES users (id),
    delegate_id  INTEGER NOT NULL REFERENCES users (id),
    -- how the slip words it: 'acting_for' ปฏิบัติราชการแทน, 'acting_in_place' รักษาราชการแทน
    wording      TEXT NOT NULL CHECK (wording IN ('acting_for', 'acting_in_place')),
    starts_on    TEXT NOT NULL,
    ends_on      TEXT NOT NULL,
    document_no  TEXT NOT NULL DEFAULT '',
    revoked_at   TEXT,
    created_at   TEXT NOT NULL,
    CHECK (principal_id <> delegate_id),
    CHECK (starts_on <= ends_on)
) STRICT;
CREATE INDEX delegations_by_delegate ON delegations (delegate_id);

-- Slip numbers run per fiscal year: 1/2568, 2/2568, …
CREATE TABLE loan_counters (
    fiscal_year INTEGER PRIMARY KEY,
    last        INTEGER NOT NULL
) STRICT;

CREATE TABLE loans (
    id                  INTEGER PRIMARY KEY,
    loan_no             TEXT NOT NULL UNIQUE,
    status              TEXT NOT NULL CHECK (status IN
                            ('draft', 'submitted', 'approved', 'rejected', 'out', 'closed', 'cancelled')),
    -- 'inside' the premises, 'outside' them, or to another 'agency' (ข้อ ๒๐๘)
    kind                TEXT NOT NULL CHECK (kind IN ('inside', 'outside', 'agency')),
    borrower_id         INTEGER REFERENCES people (id),
    agency_name         TEXT NOT NULL DEFAULT '',
    agency_letter_no    TEXT NOT NULL DEFAULT '',
    purpose             TEXT NOT NULL,
    place_of_use        TEXT NOT NULL DEFAULT '',
    starts_on           TEXT NOT NULL,
    due_on              TEXT NOT NULL,
    long_loan_reason    TEXT NOT NULL DEFAULT '',
    notes               TEXT NOT NULL DEFAULT '',
    -- the division whose head approves an inside loan (all its items are held there)
    division_id         INTEGER REFERENCES divisions (id),
    paper_no            TEXT NOT NULL DEFAULT '',   -- the signed paper request it was typed from
    entered_by          INTEGER REFERENCES users (id),
    submitted_at        TEXT,
    decided_at          TEXT,
    decided_by          INTEGER REFERENCES users (id),
    decided_for         INTEGER REFERENCES users (id),   -- the principal, when a delegate decided
    decided_wording     TEXT,
    decision_reason     TEXT NOT NULL DEFAULT '',
    closed_at           TEXT,
    cancelled_at        TEXT,
    cancel_reason       TEXT NOT NULL DEFAULT '',
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    CHECK ((kind = 'agency') = (borrower_id IS NULL)),
    CHECK (starts_on <= due_on)
) STRICT;
CREATE INDEX loans_by_status ON loans (status, due_on);
CREATE INDEX loans_by_borrower ON loans (borrower_id);
CREATE INDEX loans_by_start ON loans (starts_on);

CREATE TABLE loan_items (
    loan_id          INTEGER NOT NULL REFERENCES loans (id),
    asset_id         INTEGER NOT NULL REFERENCES assets (id),
    line             INTEGER NOT NULL,
    -- 'pending' until handed out; 'withdrawn' if it was never taken
    state            TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'out', 'returned', 'withdrawn')),
    handed_out_at    TEXT,
    handed_out_by    INTEGER REFERENCES users (id),
    received_by_name TEXT NOT NULL DEFAULT '',   -- who took it from the officer
    condition_out    TEXT,
    returned_at      TEXT,
    returned_by_name TEXT NOT NULL DEFAULT '',
    received_back_by INTEGER REFERENCES users (id),
    condition_back   TEXT,
    return_notes     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (loan_id, asset_id)
) STRICT;
CREATE INDEX loan_items_by_asset ON loan_items (asset_id);

-- ข้อ ๒๑๑: each chase of an overdue loan.
CREATE TABLE loan_follow_ups (
    id           INTEGER PRIMARY KEY,
    loan_id      INTEGER NOT NULL REFERENCES loans (id),
    round        INTEGER NOT NULL,            -- 1 for the first, 2+ escalate
    on_date      TEXT NOT NULL,
    letter_no    TEXT NOT NULL DEFAULT '',
    method       TEXT NOT NULL CHECK (method IN ('letter', 'phone', 'in_person', 'other')),
    escalated_to TEXT NOT NULL DEFAULT '',    -- the borrower's division head, from round 2
    notes        TEXT NOT NULL DEFAULT '',
    recorded_by  INTEGER REFERENCES users (id),
    created_at   TEXT NOT NULL,
    UNIQUE (loan_id, round)
) STRICT;

-- ข้อ ๒๑๐: an item returned damaged or not returned: repair, replace or pay its value.
CREATE TABLE compensation_cases (
    id              INTEGER PRIMARY KEY,
    loan_id         INTEGER NOT NULL REFERENCES loans (id),
    asset_id        INTEGER NOT NULL REFERENCES assets (id),
    cause           TEXT NOT NULL CHECK (cause IN ('damaged', 'lost')),
    suggested_value INTEGER NOT NULL,         -- satang: net book value on the loan's start date
    remedy          TEXT CHECK (remedy IN ('repair', 'replace', 'pay')),
    agreed_value    INTEGER,
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    resolution      TEXT NOT NULL DEFAULT '',
    document_no     TEXT NOT NULL DEFAULT '',
    opened_at       TEXT NOT NULL,
    closed_on       TEXT,
    UNIQUE (loan_id, asset_id)
) STRICT;
