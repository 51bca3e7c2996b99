-- The asset register: categories, assets, photos, history, code numbering, imports, search.

-- ประเภทครุภัณฑ์: each body announces its own type codes and useful lives, so they are data.
CREATE TABLE categories (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL,
    name_key          TEXT NOT NULL UNIQUE,
    type_code         TEXT NOT NULL,
    type_code_key     TEXT NOT NULL UNIQUE,
    useful_life_years INTEGER NOT NULL CHECK (useful_life_years BETWEEN 1 AND 100),
    active            INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at        TEXT NOT NULL
) STRICT;

-- Defaults from commonly published tables (regulation.md); every body edits its own.
INSERT INTO categories (name, name_key, type_code, type_code_key, useful_life_years, created_at) VALUES
    ('ครุภัณฑ์สำนักงาน', 'ครุภัณฑ์สำนักงาน', '401', '401', 10, '2026-01-01T00:00:00.000Z'),
    ('ครุภัณฑ์ยานพาหนะและขนส่ง', 'ครุภัณฑ์ยานพาหนะและขนส่ง', '402', '402', 8, '2026-01-01T00:00:00.000Z'),
    ('ครุภัณฑ์ไฟฟ้าและวิทยุ', 'ครุภัณฑ์ไฟฟ้าและวิทยุ', '403', '403', 10, '2026-01-01T00:00:00.000Z'),
    ('ครุภัณฑ์โฆษณาและเผยแพร่', 'ครุภัณฑ์โฆษณาและเผยแพร่', '404', '404', 10, '2026-01-01T00:00:00.000Z'),
    ('ครุภัณฑ์การเกษตร', 'ครุภัณฑ์การเกษตร', '405', '405', 10, '2026-01-01T00:00:00.000Z'),
    ('ครุภัณฑ์โรงงาน', 'ครุภัณฑ์โรงงาน', '406', '406', 10, '2026-01-01T00:00:00.000Z'),
    ('ครุภัณฑ์ก่อสร้าง', 'ครุภัณฑ์ก่อสร้าง', '407', '407', 10, '2026-01-01T00:00:00.000Z'),
    ('ครุภัณฑ์สำรวจ', 'ครุภัณฑ์สำรวจ', '408', '408', 10, '2026-01-01T00:00:00.000Z'),
    ('ครุภัณฑ์วิทยาศาสตร์และการแพทย์', 'ครุภัณฑ์วิทยาศาสตร์และการแพทย์', '409', '409', 10, '2026-01-01T00:00:00.000Z'),
    ('ครุภัณฑ์งานบ้านงานครัว', 'ครุภัณฑ์งานบ้านงานครัว', '410', '410', 10, '2026-01-01T00:00:00.000Z'),
    ('ครุภัณฑ์การศึกษา', 'ครุภัณฑ์การศึกษา', '411', '411', 10, '2026-01-01T00:00:00.000Z'),
    ('ครุภัณฑ์กีฬา', 'ครุภัณฑ์กีฬา', '412', '412', 10, '2026-01-01T00:00:00.000Z'),
    ('ครุภัณฑ์ดนตรีและนาฏศิลป์', 'ครุภัณฑ์ดนตรีและนาฏศิลป์', '413', '413', 10, '2026-01-01T00:00:00.000Z'),
    ('ครุภัณฑ์อาวุธ', 'ครุภัณฑ์อาวุธ', '414', '414', 10, '2026-01-01T00:00:00.000Z'),
    ('ครุภัณฑ์สนาม', 'ครุภัณฑ์สนาม', '415', '415', 10, '2026-01-01T00:00:00.000Z'),
    ('ครุภัณฑ์คอมพิวเตอร์', 'ครุภัณฑ์คอมพิวเตอร์', '416', '416', 5, '2026-01-01T00:00:00.000Z'),
    ('ครุภัณฑ์อื่น', 'ครุภัณฑ์อื่น', '417', '417', 10, '2026-01-01T00:00:00.000Z');

-- A batch of rows brought in from a spreadsheet; undoing it removes its assets as a whole.
CREATE TABLE import_batches (
    id          INTEGER PRIMARY KEY,
    file_name   TEXT NOT NULL,
    sheets      TEXT NOT NULL,           -- JSON array of sheet names
    row_count   INTEGER NOT NULL,
    user_id     INTEGER REFERENCES users (id),
    imported_at TEXT NOT NULL,
    undone_at   TEXT
) STRICT;

-- One record per physical item (quantity 1), as ข้อ ๒๐๓ asks.
CREATE TABLE assets (
    id                 INTEGER PRIMARY KEY,
    code               TEXT NOT NULL,
    code_key           TEXT NOT NULL UNIQUE,   -- codes::code_key(code): variants are one code
    name               TEXT NOT NULL,
    brand              TEXT NOT NULL DEFAULT '',
    model              TEXT NOT NULL DEFAULT '',
    serial_no          TEXT NOT NULL DEFAULT '',
    category_id        INTEGER NOT NULL REFERENCES categories (id),
    unit               TEXT NOT NULL DEFAULT '',
    acquired_on        TEXT NOT NULL,          -- ISO date
    document_no        TEXT NOT NULL DEFAULT '',
    acquisition_method TEXT NOT NULL DEFAULT '',
    funding_source     TEXT NOT NULL DEFAULT '',
    vendor             TEXT NOT NULL DEFAULT '',
    unit_price         INTEGER NOT NULL CHECK (unit_price >= 0),   -- satang
    useful_life_years  INTEGER NOT NULL CHECK (useful_life_years BETWEEN 1 AND 100),
    division_id        INTEGER REFERENCES divisions (id),
    location_id        INTEGER REFERENCES locations (id),
    custodian_id       INTEGER REFERENCES people (id),
    status             TEXT NOT NULL DEFAULT 'in_use' CHECK (status IN ('in_use', 'damaged',
                           'under_repair', 'deteriorated', 'lost', 'not_needed',
                           'awaiting_disposal', 'disposed')),
    notes              TEXT NOT NULL DEFAULT '',
    batch_id           INTEGER REFERENCES import_batches (id),
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
) STRICT;
CREATE INDEX assets_by_code ON assets (code);
CREATE INDEX assets_by_name ON assets (name);
CREATE INDEX assets_by_category ON assets (category_id);
CREATE INDEX assets_by_division ON assets (division_id);
CREATE INDEX assets_by_location ON assets (location_id);
CREATE INDEX assets_by_custodian ON assets (custodian_id);
CREATE INDEX assets_by_status ON assets (status);
CREATE INDEX assets_by_acquired ON assets (acquired_on);
CREATE INDEX assets_by_price ON assets (unit_price);
CREATE INDEX assets_by_batch ON assets (batch_id);

-- Photos live in the register file, so one backup holds everything.
CREATE TABLE asset_photos (
    id        INTEGER PRIMARY KEY,
    asset_id  INTEGER NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    image     BLOB NOT NULL,        -- JPEG, longest side at most 1600 px
    thumbnail BLOB NOT NULL,        -- JPEG, longest side 240 px
    width     INTEGER NOT NULL,
    height    INTEGER NOT NULL,
    added_at  TEXT NOT NULL
) STRICT;
CREATE INDEX asset_photos_by_asset ON asset_photos (asset_id);

-- Custody transfers and status changes, with their paperwork.
CREATE TABLE asset_events (
    id          INTEGER PRIMARY KEY,
    asset_id    INTEGER NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('transfer', 'status')),
    happened_on TEXT NOT NULL,          -- ISO date of the document
    document_no TEXT NOT NULL DEFAULT '',
    reason      TEXT NOT NULL DEFAULT '',
    before_json TEXT NOT NULL,
    after_json  TEXT NOT NULL,
    user_id     INTEGER REFERENCES users (id),
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX asset_events_by_asset ON asset_events (asset_id, happened_on);

-- The last running number handed out per code group (e.g. '416-68-'): only ever grows,
-- so a number is never silently reused, even after an import is undone.
CREATE TABLE code_counters (
    group_key TEXT PRIMARY KEY,
    last_seq  INTEGER NOT NULL
) STRICT;

-- Search as you type, in Thai without spaces: trigram full-text index over the text people
-- look for. Kept in step by the triggers below; place and custodian are copied in.
CREATE VIRTUAL TABLE asset_search USING fts5 (
    code, name, brand, model, serial_no, place, custodian,
    tokenize = 'trigram', content = '', contentless_delete = 1
);

CREATE TRIGGER assets_search_insert AFTER INSERT ON assets
BEGIN
    INSERT INTO asset_search (rowid, code, name, brand, model, serial_no, place, custodian)
    VALUES (new.id, new.code || ' ' || new.code_key, new.name, new.brand, new.model, new.serial_no,
            ifnull((SELECT name FROM locations WHERE id = new.location_id), ''),
            ifnull((SELECT title || first_name || ' ' || last_name FROM people WHERE id = new.custodian_id), ''));
END;

CREATE TRIGGER assets_search_update AFTER UPDATE OF code, name, brand, model, serial_no,
    location_id, custodian_id ON assets
BEGIN
    DELETE FROM asset_search WHERE rowid = old.id;
    INSERT INTO asset_search (rowid, code, name, brand, model, serial_no, place, custodian)
    VALUES (new.id, new.code || ' ' || new.code_key, new.name, new.brand, new.model, new.serial_no,
            ifnull((SELECT name FROM locations WHERE id = new.location_id), ''),
            ifnull((SELECT title || first_name || ' ' || last_name FROM people WHERE id = new.custodian_id), ''));
END;

CREATE TRIGGER assets_search_delete AFTER DELETE ON assets
BEGIN
    DELETE FROM asset_search WHERE rowid = old.id;
END;

-- Renaming a location or a person re-indexes the assets that point at them.
CREATE TRIGGER locations_search_rename AFTER UPDATE OF name ON locations
BEGIN
    UPDATE assets SET location_id = location_id WHERE location_id = new.id;
END;

CREATE TRIGGER people_search_rename AFTER UPDATE OF title, first_name, last_name ON people
BEGIN
    UPDATE assets SET custodian_id = custodian_id WHERE custodian_id = new.id;
END;
