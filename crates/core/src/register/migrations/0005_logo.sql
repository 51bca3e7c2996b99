-- The organisation's emblem, printed at the head of its forms. One row at most, kept in
-- the register file like photos so that one backup holds everything.
CREATE TABLE organisation_logo (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    file_name  TEXT NOT NULL DEFAULT '',
    -- PNG, so that a transparent background stays transparent on the page
    image      BLOB NOT NULL,
    width      INTEGER NOT NULL CHECK (width > 0),
    height     INTEGER NOT NULL CHECK (height > 0),
    updated_at TEXT NOT NULL
) STRICT;
