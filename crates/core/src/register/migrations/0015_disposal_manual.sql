-- After the check (ข้อ ๒๑๔–๒๑๘): fact-finding, disposal and write-off with the notice to the
-- State Audit Office; the borrowing manual's versions and who acknowledged them; the rule
-- table of ข้อ ๒๐๘ that both the enforcement and the manual read.

-- Who decides each kind of loan (ข้อ ๒๐๘). `loans::approvers` enforces it and the manual
-- (its text and its flowchart) is written from it, so the two can never disagree.
CREATE TABLE loan_approval_rules (
    kind     TEXT NOT NULL CHECK (kind IN ('inside', 'outside', 'agency')),
    seq      INTEGER NOT NULL,
    approver TEXT NOT NULL CHECK (approver IN ('division_head', 'agency_head')),
    PRIMARY KEY (kind, seq)
) WITHOUT ROWID, STRICT;
INSERT INTO loan_approval_rules (kind, seq, approver) VALUES
    ('inside', 1, 'division_head'),
    ('inside', 2, 'agency_head'),
    ('outside', 1, 'agency_head'),
    ('agency', 1, 'agency_head');

-- The borrower's undertaking (ข้อ ๒๐๗, ๒๑๐), ticked on the request: when.
ALTER TABLE loans ADD COLUMN undertaking_at TEXT;

-- Fact-finding (ข้อ ๒๑๔): a case for one item or a group, from the annual report, a check
-- round or a loan's compensation case; a committee finds normal wear or someone liable, or
-- the agency head waives the committee for plain normal wear.
CREATE TABLE fact_findings (
    id              INTEGER PRIMARY KEY,
    case_no         TEXT NOT NULL UNIQUE,              -- สข.<n>/<B.E. fiscal year>
    subject         TEXT NOT NULL,                     -- what was found, and how
    round_id        INTEGER REFERENCES check_rounds (id),
    compensation_id INTEGER REFERENCES compensation_cases (id),
    status          TEXT NOT NULL CHECK (status IN ('open', 'concluded')),
    opened_on       TEXT NOT NULL,
    order_no        TEXT NOT NULL DEFAULT '',          -- the committee's appointment
    order_on        TEXT,
    members         TEXT NOT NULL DEFAULT '[]',        -- JSON: [{name, position, role}]
    waived_by       INTEGER REFERENCES users (id),     -- the agency head (or a stand-in)
    waived_for      INTEGER REFERENCES users (id),
    waived_wording  TEXT,
    finding         TEXT CHECK (finding IN ('normal_wear', 'liable')),
    liable_name     TEXT NOT NULL DEFAULT '',
    liable_amount   INTEGER,                           -- satang
    conclusion      TEXT NOT NULL DEFAULT '',
    concluded_on    TEXT,
    created_at      TEXT NOT NULL,
    created_by      INTEGER REFERENCES users (id),
    CHECK (status = 'open' OR finding IS NOT NULL)
) STRICT;
CREATE TABLE fact_finding_items (
    case_id  INTEGER NOT NULL REFERENCES fact_findings (id),
    asset_id INTEGER NOT NULL REFERENCES assets (id),
    PRIMARY KEY (case_id, asset_id)
) WITHOUT ROWID, STRICT;
CREATE INDEX fact_finding_items_by_asset ON fact_finding_items (asset_id);
CREATE TABLE fact_finding_counters (
    fiscal_year INTEGER PRIMARY KEY,
    last        INTEGER NOT NULL
) STRICT;

-- Disposal (ข้อ ๒๑๕–๒๑๘): a batch of items, each with its method, approved by the agency
-- head, carried out (proceeds, the receiving body, the witness record), then written off
-- in one step, and the State Audit Office told within 30 days.
CREATE TABLE disposals (
    id              INTEGER PRIMARY KEY,
    disposal_no     TEXT NOT NULL UNIQUE,              -- จน.<n>/<B.E. fiscal year>
    reason          TEXT NOT NULL,
    round_id        INTEGER REFERENCES check_rounds (id),
    status          TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'rejected', 'written_off')),
    proposed_on     TEXT NOT NULL,
    proposed_by     INTEGER REFERENCES users (id),
    created_at      TEXT NOT NULL,
    decided_by      INTEGER REFERENCES users (id),
    decided_for     INTEGER REFERENCES users (id),
    decided_wording TEXT,
    decided_at      TEXT,
    approval_no     TEXT NOT NULL DEFAULT '',
    approved_on     TEXT,
    reject_reason   TEXT NOT NULL DEFAULT '',
    written_off_on  TEXT,
    written_off_by  INTEGER REFERENCES users (id),
    notice_no       TEXT NOT NULL DEFAULT '',          -- the letter to สตง.
    notice_sent_on  TEXT
) STRICT;
CREATE INDEX disposals_by_status ON disposals (status);
CREATE TABLE disposal_items (
    disposal_id     INTEGER NOT NULL REFERENCES disposals (id),
    asset_id        INTEGER NOT NULL REFERENCES assets (id),
    seq             INTEGER NOT NULL,
    method          TEXT NOT NULL CHECK (method IN ('sale_auction', 'sale_specific', 'exchange',
                        'transfer_state', 'transfer_charity', 'conversion', 'destruction',
                        'write_off_lost')),
    condition       TEXT NOT NULL,                     -- the item's status when proposed
    cost            INTEGER NOT NULL,                  -- satang
    net_book_value  INTEGER NOT NULL,                  -- satang, on the day proposed
    fact_finding_id INTEGER REFERENCES fact_findings (id),
    note            TEXT NOT NULL DEFAULT '',
    done_on         TEXT,                              -- the result
    counterparty    TEXT NOT NULL DEFAULT '',          -- buyer, receiving body
    document_no     TEXT NOT NULL DEFAULT '',          -- receipt, hand-over or witness record
    proceeds        INTEGER,                           -- satang
    PRIMARY KEY (disposal_id, asset_id)
) WITHOUT ROWID, STRICT;
CREATE INDEX disposal_items_by_asset ON disposal_items (asset_id);
CREATE TABLE disposal_counters (
    fiscal_year INTEGER PRIMARY KEY,
    last        INTEGER NOT NULL
) STRICT;

-- The manual on using and borrowing government property, as issued: each version keeps
-- what it said (JSON) and its hash; a new version when the rules or signers change.
CREATE TABLE manual_versions (
    id           INTEGER PRIMARY KEY,
    version      INTEGER NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    content      TEXT NOT NULL,
    issued_on    TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    created_by   INTEGER REFERENCES users (id)
) STRICT;
CREATE TABLE manual_acknowledgements (
    version_id      INTEGER NOT NULL REFERENCES manual_versions (id),
    person_id       INTEGER NOT NULL REFERENCES people (id),
    acknowledged_on TEXT NOT NULL,
    how             TEXT NOT NULL CHECK (how IN ('login', 'paper')),
    document_no     TEXT NOT NULL DEFAULT '',          -- the signed paper list
    recorded_by     INTEGER REFERENCES users (id),
    created_at      TEXT NOT NULL,
    PRIMARY KEY (version_id, person_id)
) WITHOUT ROWID, STRICT;
