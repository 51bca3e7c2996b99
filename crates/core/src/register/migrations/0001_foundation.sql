-- Foundation: organisation, settings, people, accounts, roles and the audit log.
-- Dates are ISO 8601 text (instants in UTC with a 'Z'); B.E. appears only at the edges.

CREATE TABLE organisation (
    id          INTEGER PRIMARY KEY CHECK (id = 1),   -- exactly one row
    name        TEXT NOT NULL,
    short_name  TEXT NOT NULL DEFAULT '',
    province    TEXT NOT NULL DEFAULT '',
    district    TEXT NOT NULL DEFAULT '',
    subdistrict TEXT NOT NULL DEFAULT '',
    address     TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    updated_at  TEXT
) STRICT;

-- Small program-wide settings; each value is JSON.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Public and local holidays, for counting working days (e.g. the 30-working-day report deadline).
CREATE TABLE holidays (
    date TEXT PRIMARY KEY,
    name TEXT NOT NULL
) STRICT;

CREATE TABLE divisions (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL UNIQUE,     -- text::name_key(name): duplicates ignore case/spacing
    short_name TEXT NOT NULL DEFAULT '',
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE locations (
    id          INTEGER PRIMARY KEY,
    division_id INTEGER NOT NULL REFERENCES divisions (id),
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  TEXT NOT NULL,
    UNIQUE (division_id, name_key)
) STRICT;

-- The staff directory: people who may borrow or sign. A person need not have a login.
CREATE TABLE people (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL DEFAULT '',
    first_name  TEXT NOT NULL,
    last_name   TEXT NOT NULL DEFAULT '',
    position    TEXT NOT NULL DEFAULT '',
    division_id INTEGER REFERENCES divisions (id),
    phone       TEXT NOT NULL DEFAULT '',
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX people_by_division ON people (division_id);

CREATE TABLE users (
    id                   INTEGER PRIMARY KEY,
    username             TEXT NOT NULL,
    username_key         TEXT NOT NULL UNIQUE,
    full_name            TEXT NOT NULL,
    person_id            INTEGER UNIQUE REFERENCES people (id),
    password_hash        TEXT NOT NULL,          -- argon2id PHC string; never the password
    must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
    active               INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    failed_logins        INTEGER NOT NULL DEFAULT 0,
    locked_until         TEXT,
    last_login_at        TEXT,
    created_at           TEXT NOT NULL
) STRICT;

CREATE TABLE user_roles (
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN ('administrator', 'supplies_officer',
                    'head_of_supplies', 'division_head', 'agency_head', 'check_committee', 'viewer')),
    division_id INTEGER REFERENCES divisions (id),
    -- only a division head is tied to a division, and always to one
    CHECK ((role = 'division_head') = (division_id IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX user_roles_unique ON user_roles (user_id, role, ifnull(division_id, 0));

-- Append-only, hash-chained record of every change. Corrections are new entries.
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,   -- 1, 2, 3 ... without gaps
    at          TEXT NOT NULL,         -- UTC, RFC 3339 with milliseconds
    user_id     INTEGER,               -- NULL for the system (setup, command line)
    username    TEXT NOT NULL,         -- copied so the log reads the same after renames
    action      TEXT NOT NULL,         -- e.g. 'division.create'
    entity      TEXT NOT NULL,         -- e.g. 'division'
    entity_id   TEXT,
    before_json TEXT,
    after_json  TEXT,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
) STRICT;
CREATE INDEX audit_by_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_by_user ON audit_log (user_id);
CREATE INDEX audit_by_time ON audit_log (at);

-- The program never edits or deletes audit entries; these triggers stop accidents.
-- (Someone with the file can drop them; the hash chain is what proves tampering.)
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
