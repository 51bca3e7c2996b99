-- Requisitions of materials asked for in the program (ใบเบิกพัสดุ, ข้อ ๒๐๔–๒๐๖): a division
-- asks, its head signs, the head of supplies approves (or cuts), the supplies officer issues
-- all or part; what is left is issued later or closed with a reason.

CREATE TABLE material_requisitions (
    id               INTEGER PRIMARY KEY,
    requisition_no   TEXT NOT NULL UNIQUE,          -- บ.<n>/<B.E. fiscal year>
    division_id      INTEGER NOT NULL REFERENCES divisions (id),
    requester_id     INTEGER NOT NULL REFERENCES people (id),
    purpose          TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('submitted', 'endorsed', 'approved',
                         'partly_issued', 'issued', 'closed', 'rejected', 'cancelled')),
    asked_on         TEXT NOT NULL,
    entered_by       INTEGER REFERENCES users (id),
    created_at       TEXT NOT NULL,
    -- The division head's signature (or a stand-in's, for whom and in which words).
    endorsed_by      INTEGER REFERENCES users (id),
    endorsed_for     INTEGER REFERENCES users (id),
    endorsed_wording TEXT,
    endorsed_at      TEXT,
    -- The head of supplies' approval (อนุมัติ), likewise.
    approved_by      INTEGER REFERENCES users (id),
    approved_for     INTEGER REFERENCES users (id),
    approved_wording TEXT,
    approved_at      TEXT,
    approval_note    TEXT NOT NULL DEFAULT '',      -- why quantities were cut
    -- A refusal at either signature, a cancellation, or closing what was not issued.
    ended_by         INTEGER REFERENCES users (id),
    ended_at         TEXT,
    end_reason       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX material_requisitions_by_status ON material_requisitions (status, division_id);

CREATE TABLE material_requisition_counters (
    fiscal_year INTEGER PRIMARY KEY,
    last        INTEGER NOT NULL
) STRICT;

-- What was asked, approved and issued, in thousandths of the unit (as on the card).
CREATE TABLE material_requisition_lines (
    requisition_id INTEGER NOT NULL REFERENCES material_requisitions (id),
    line_no        INTEGER NOT NULL,
    material_id    INTEGER NOT NULL REFERENCES materials (id),
    requested      INTEGER NOT NULL CHECK (requested > 0),
    approved       INTEGER CHECK (approved >= 0 AND approved <= requested),
    issued         INTEGER NOT NULL DEFAULT 0 CHECK (issued >= 0),
    note           TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (requisition_id, line_no),
    CHECK (approved IS NULL OR issued <= approved)
) WITHOUT ROWID, STRICT;

-- Each time the officer issues on a requisition: who gave, who received, when.
CREATE TABLE material_requisition_issues (
    id             INTEGER PRIMARY KEY,
    requisition_id INTEGER NOT NULL REFERENCES material_requisitions (id),
    issued_on      TEXT NOT NULL,
    issued_by      INTEGER REFERENCES users (id),
    received_by    INTEGER NOT NULL REFERENCES people (id),
    created_at     TEXT NOT NULL
) STRICT;
CREATE INDEX material_requisition_issues_by_requisition ON material_requisition_issues (requisition_id);

-- The card entries an issuing wrote.
ALTER TABLE material_entries ADD COLUMN requisition_issue_id INTEGER
    REFERENCES material_requisition_issues (id);

-- Materials lent to another agency (ข้อ ๒๑๒), never to a person, and returned in kind:
-- the loan goes out of the card like an issue (to the agency) and what comes back goes in
-- at the prices it went out at.
CREATE TABLE material_loans (
    id            INTEGER PRIMARY KEY,
    loan_no       TEXT NOT NULL UNIQUE,           -- ยว.<n>/<B.E. fiscal year>
    agency_name   TEXT NOT NULL,
    letter_no     TEXT NOT NULL,                  -- the agency's letter asking
    material_id   INTEGER NOT NULL REFERENCES materials (id),
    quantity      INTEGER NOT NULL CHECK (quantity > 0),
    returned      INTEGER NOT NULL DEFAULT 0 CHECK (returned >= 0 AND returned <= quantity),
    lent_on       TEXT NOT NULL,
    due_on        TEXT NOT NULL,
    out_entry_id  INTEGER NOT NULL REFERENCES material_entries (id),
    created_at    TEXT NOT NULL,
    created_by    INTEGER REFERENCES users (id)
) STRICT;

CREATE TABLE material_loan_counters (
    fiscal_year INTEGER PRIMARY KEY,
    last        INTEGER NOT NULL
) STRICT;

-- The annual check's count of the materials (ข้อ ๒๑๓): the book balance of every item at
-- the end of the round's as-of day, what the committee counted, and the adjustment that
-- applied a difference. A blind count hides the book balance until the round closes.
CREATE TABLE material_counts (
    round_id            INTEGER NOT NULL REFERENCES check_rounds (id),
    material_id         INTEGER NOT NULL REFERENCES materials (id),
    book                INTEGER NOT NULL,
    book_value          INTEGER NOT NULL,
    counted             INTEGER CHECK (counted >= 0),
    counted_by          TEXT,
    counted_at          TEXT,
    adjustment_entry_id INTEGER REFERENCES material_entries (id),
    PRIMARY KEY (round_id, material_id)
) WITHOUT ROWID, STRICT;

CREATE TABLE material_count_rounds (
    round_id   INTEGER PRIMARY KEY REFERENCES check_rounds (id),
    blind      INTEGER NOT NULL CHECK (blind IN (0, 1)),
    started_at TEXT NOT NULL
) STRICT;
