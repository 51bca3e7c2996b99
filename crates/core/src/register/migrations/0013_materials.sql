-- Materials (วัสดุ, ข้อ ๒๐๔–๒๐๖): the catalogue, receipts as cost lots, and the stock card
-- of every item (บัญชีวัสดุ), each entry with the balance after it.
--
-- Quantities are whole thousandths of the item's unit (12.5 ลิตร is 12500), so that fuel
-- and cloth can be measured while reams and boxes stay whole; money is satang.

CREATE TABLE material_types (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL UNIQUE,
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL
) STRICT;

INSERT INTO material_types (name, name_key, created_at) VALUES
    ('วัสดุสำนักงาน', 'วัสดุสำนักงาน', '2024-10-01T00:00:00Z'),
    ('วัสดุงานบ้านงานครัว', 'วัสดุงานบ้านงานครัว', '2024-10-01T00:00:00Z'),
    ('วัสดุคอมพิวเตอร์', 'วัสดุคอมพิวเตอร์', '2024-10-01T00:00:00Z'),
    ('วัสดุเชื้อเพลิงและหล่อลื่น', 'วัสดุเชื้อเพลิงและหล่อลื่น', '2024-10-01T00:00:00Z'),
    ('วัสดุไฟฟ้าและวิทยุ', 'วัสดุไฟฟ้าและวิทยุ', '2024-10-01T00:00:00Z'),
    ('วัสดุก่อสร้าง', 'วัสดุก่อสร้าง', '2024-10-01T00:00:00Z'),
    ('วัสดุการเกษตร', 'วัสดุการเกษตร', '2024-10-01T00:00:00Z'),
    ('วัสดุวิทยาศาสตร์หรือการแพทย์', 'วัสดุวิทยาศาสตร์หรือการแพทย์', '2024-10-01T00:00:00Z'),
    ('วัสดุยานพาหนะและขนส่ง', 'วัสดุยานพาหนะและขนส่ง', '2024-10-01T00:00:00Z'),
    ('วัสดุโฆษณาและเผยแพร่', 'วัสดุโฆษณาและเผยแพร่', '2024-10-01T00:00:00Z'),
    ('วัสดุเครื่องแต่งกาย', 'วัสดุเครื่องแต่งกาย', '2024-10-01T00:00:00Z'),
    ('วัสดุกีฬา', 'วัสดุกีฬา', '2024-10-01T00:00:00Z');

CREATE TABLE materials (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL,
    code_key      TEXT NOT NULL UNIQUE,        -- codes::code_key: one code in any digit script
    name          TEXT NOT NULL,
    unit          TEXT NOT NULL,               -- รีม, กล่อง, ด้าม, ลิตร …
    divisible     INTEGER NOT NULL DEFAULT 0 CHECK (divisible IN (0, 1)),
    type_id       INTEGER NOT NULL REFERENCES material_types (id),
    location_id   INTEGER REFERENCES locations (id),   -- the store it is kept in
    minimum       INTEGER NOT NULL DEFAULT 0 CHECK (minimum >= 0),
    notes         TEXT NOT NULL DEFAULT '',
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    -- The card's last entry, kept with every entry in the same transaction.
    balance       INTEGER NOT NULL DEFAULT 0 CHECK (balance >= 0),
    balance_value INTEGER NOT NULL DEFAULT 0 CHECK (balance_value >= 0),
    last_entry_on TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX materials_by_type ON materials (type_id, code);

-- A receipt (รับเข้า): one delivery with its inspection record or purchase order.
CREATE TABLE material_receipts (
    id          INTEGER PRIMARY KEY,
    received_on TEXT NOT NULL,
    document_no TEXT NOT NULL,
    vendor      TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    created_by  INTEGER REFERENCES users (id)
) STRICT;

-- The stock card: every receipt, issue and adjustment of an item, in date order (an entry
-- is never dated before the item's last one), each with the balance after it.
CREATE TABLE material_entries (
    id            INTEGER PRIMARY KEY,
    material_id   INTEGER NOT NULL REFERENCES materials (id),
    on_date       TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('opening', 'receipt', 'issue', 'adjust_in', 'adjust_out')),
    document_no   TEXT NOT NULL DEFAULT '',   -- ใบตรวจรับ / PO, requisition no., adjustment ref.
    party         TEXT NOT NULL DEFAULT '',   -- the vendor or the division, as printed
    division_id   INTEGER REFERENCES divisions (id),
    receipt_id    INTEGER REFERENCES material_receipts (id),
    reason        TEXT NOT NULL DEFAULT '',   -- an adjustment's
    quantity      INTEGER NOT NULL,           -- signed: in > 0, out < 0
    value         INTEGER NOT NULL,           -- signed satang
    balance       INTEGER NOT NULL CHECK (balance >= 0),
    balance_value INTEGER NOT NULL CHECK (balance_value >= 0),
    created_at    TEXT NOT NULL,
    created_by    INTEGER REFERENCES users (id)
) STRICT;
CREATE INDEX material_entries_card ON material_entries (material_id, on_date, id);

-- A cost lot: what one receipt (or opening balance, or count surplus) brought in at one
-- price, and what is left of it. Issues take the oldest lots first (FIFO).
CREATE TABLE material_lots (
    id              INTEGER PRIMARY KEY,
    material_id     INTEGER NOT NULL REFERENCES materials (id),
    entry_id        INTEGER NOT NULL REFERENCES material_entries (id),
    received_on     TEXT NOT NULL,
    unit_price      INTEGER NOT NULL CHECK (unit_price >= 0),   -- satang per whole unit
    quantity        INTEGER NOT NULL CHECK (quantity > 0),
    remaining       INTEGER NOT NULL CHECK (remaining >= 0),
    remaining_value INTEGER NOT NULL CHECK (remaining_value >= 0)
) STRICT;
CREATE INDEX material_lots_open ON material_lots (material_id, received_on, id) WHERE remaining > 0;
-- The lot an entry made (a card shows a receipt's price from it).
CREATE INDEX material_lots_by_entry ON material_lots (entry_id);

-- Which lots an entry going out took, at which price (an issue across two lots shows both).
CREATE TABLE material_entry_lots (
    entry_id   INTEGER NOT NULL REFERENCES material_entries (id),
    lot_id     INTEGER NOT NULL REFERENCES material_lots (id),
    quantity   INTEGER NOT NULL CHECK (quantity > 0),
    unit_price INTEGER NOT NULL,
    value      INTEGER NOT NULL,
    PRIMARY KEY (entry_id, lot_id)
) WITHOUT ROWID, STRICT;
