-- Periodic and annual checks (ข้อ ๒๑๓): rounds, their scope and members, the expected
-- lines fixed when a round opens, every scan, items found that were not expected, and the
-- register changes a closed round proposes.

CREATE TABLE check_rounds (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('periodic', 'annual')),
    fiscal_year     INTEGER NOT NULL,           -- B.E.; for an annual round, the year checked
    as_of           TEXT NOT NULL,              -- the expected list is the register as of this day
    starts_on       TEXT NOT NULL,              -- the days of the count
    ends_on         TEXT NOT NULL,
    report_due_on   TEXT,                       -- annual: 30 working days after the start
    order_no        TEXT NOT NULL DEFAULT '',   -- the appointment (คำสั่งแต่งตั้ง)
    order_date      TEXT,
    order_signer    TEXT NOT NULL DEFAULT '',   -- who signed it, as printed
    officer_id      INTEGER REFERENCES people (id),  -- the supplies officer named on the round
    notes           TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
    created_at      TEXT NOT NULL,
    created_by      INTEGER REFERENCES users (id),
    opened_at       TEXT,
    opened_by       INTEGER REFERENCES users (id),
    closed_at       TEXT,
    closed_by       INTEGER REFERENCES users (id),
    closed_as       TEXT NOT NULL DEFAULT '',   -- the chair's or checker's name who closed it
    rest_not_found  INTEGER NOT NULL DEFAULT 0 CHECK (rest_not_found IN (0, 1))
) STRICT;
-- One annual round per fiscal year.
CREATE UNIQUE INDEX check_rounds_one_annual ON check_rounds (fiscal_year) WHERE kind = 'annual';
CREATE INDEX check_rounds_by_status ON check_rounds (status, starts_on);

-- What a round covers: divisions and locations (any of them), and categories (any of
-- them). Nothing of a kind means no limit of that kind; an annual round has none at all.
CREATE TABLE check_scope (
    round_id INTEGER NOT NULL REFERENCES check_rounds (id) ON DELETE CASCADE,
    kind     TEXT NOT NULL CHECK (kind IN ('division', 'location', 'category')),
    ref_id   INTEGER NOT NULL,
    PRIMARY KEY (round_id, kind, ref_id)
) STRICT;

-- The committee (annual: ประธานกรรมการ, กรรมการ, กรรมการและเลขานุการ) or the checkers.
CREATE TABLE check_members (
    round_id  INTEGER NOT NULL REFERENCES check_rounds (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people (id),
    role      TEXT NOT NULL CHECK (role IN ('chair', 'member', 'secretary', 'checker')),
    seq       INTEGER NOT NULL,
    PRIMARY KEY (round_id, person_id)
) STRICT;

-- The expected list, fixed when the round opens: which items, and where the register had
-- each, who held it, its status and the loan it was out on. Later changes to the register
-- do not move it; the round shows them as differences. What an item is (its code, name,
-- category, price) is read from the register, which keeps one item's identity; keeping the
-- line this narrow is what opens an annual round of 100,000 items in under a second.
CREATE TABLE check_lines (
    id                  INTEGER PRIMARY KEY,
    round_id            INTEGER NOT NULL REFERENCES check_rounds (id),
    seq                 INTEGER NOT NULL,       -- sheet order: division, location, code
    asset_id            INTEGER NOT NULL REFERENCES assets (id),
    division_id         INTEGER,
    location_id         INTEGER,
    custodian_name      TEXT,
    status              TEXT NOT NULL,          -- the register's status at the snapshot
    loan_id             INTEGER,                -- the loan it was out on
    result              TEXT CHECK (result IN ('found', 'found_elsewhere', 'not_found', 'on_loan')),
    condition           TEXT CHECK (condition IN ('in_use', 'damaged', 'deteriorated', 'lost', 'not_needed')),
    found_location_id   INTEGER REFERENCES locations (id),
    found_location_name TEXT,
    counted_by          INTEGER REFERENCES users (id),
    counted_by_name     TEXT,
    counted_at          TEXT,
    method              TEXT CHECK (method IN ('scan', 'sheet', 'file', 'closing')),
    note                TEXT NOT NULL DEFAULT '',
    UNIQUE (asset_id, round_id)                 -- also an item's history, by asset
) STRICT;
CREATE INDEX check_lines_by_round ON check_lines (round_id, seq);
-- Progress per place read from the index alone (the lines are written in place order, so
-- this index is filled in a few runs, not at random).
CREATE INDEX check_lines_by_place ON check_lines (round_id, division_id, location_id, result);

-- Items found that are not on the round's list: in the register but outside the round
-- (asset_id), or not in the register at all.
CREATE TABLE check_unexpected (
    id            INTEGER PRIMARY KEY,
    round_id      INTEGER NOT NULL REFERENCES check_rounds (id),
    code          TEXT NOT NULL,
    code_key      TEXT NOT NULL,
    asset_id      INTEGER REFERENCES assets (id),
    description   TEXT NOT NULL DEFAULT '',
    location_id   INTEGER REFERENCES locations (id),
    location_name TEXT,
    condition     TEXT CHECK (condition IN ('in_use', 'damaged', 'deteriorated', 'lost', 'not_needed')),
    found_by      INTEGER REFERENCES users (id),
    found_by_name TEXT NOT NULL,
    found_at      TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE UNIQUE INDEX check_unexpected_once ON check_unexpected (round_id, code_key) WHERE code_key <> '';

-- Every scan, including those that changed nothing (already counted), for the record.
CREATE TABLE check_scans (
    id            INTEGER PRIMARY KEY,
    round_id      INTEGER NOT NULL REFERENCES check_rounds (id),
    at            TEXT NOT NULL,
    user_id       INTEGER REFERENCES users (id),
    user_name     TEXT NOT NULL,
    typed         TEXT NOT NULL,
    location_id   INTEGER REFERENCES locations (id),
    outcome       TEXT NOT NULL,
    line_id       INTEGER REFERENCES check_lines (id),
    unexpected_id INTEGER REFERENCES check_unexpected (id),
    counted       INTEGER NOT NULL DEFAULT 0 CHECK (counted IN (0, 1)),  -- this scan made the count
    source        TEXT NOT NULL DEFAULT 'scan' CHECK (source IN ('scan', 'file')),
    undone_at     TEXT
) STRICT;
CREATE INDEX check_scans_by_round ON check_scans (round_id, id);

-- What closing a round proposes to change in the register; nothing changes until the
-- supplies officer applies a proposal.
CREATE TABLE check_proposals (
    id             INTEGER PRIMARY KEY,
    round_id       INTEGER NOT NULL REFERENCES check_rounds (id),
    kind           TEXT NOT NULL CHECK (kind IN ('move', 'status', 'register')),
    asset_id       INTEGER REFERENCES assets (id),
    line_id        INTEGER REFERENCES check_lines (id),
    unexpected_id  INTEGER REFERENCES check_unexpected (id),
    to_location_id INTEGER REFERENCES locations (id),
    to_status      TEXT,
    reason         TEXT NOT NULL,
    state          TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'applied', 'dismissed')),
    decided_at     TEXT,
    decided_by     INTEGER REFERENCES users (id),
    decision_note  TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX check_proposals_by_round ON check_proposals (round_id, state);
