-- What the search box forgives (assets/search_fold.rs folds spellings; this table holds
-- the words an office uses for things), and the holding division in the searched text.
--
-- A synonym is a pair read both ways: typing either word finds items written with the
-- other. The office edits the list under ตั้งค่า; these are where it starts. Words are
-- found inside others, so no seed is as short as "tv" or "pc" (which serial numbers hold).
CREATE TABLE search_synonyms (
    id    INTEGER PRIMARY KEY,
    word  TEXT NOT NULL,
    means TEXT NOT NULL,
    UNIQUE (word, means)
) STRICT;

INSERT INTO search_synonyms (word, means) VALUES
    ('แอร์', 'เครื่องปรับอากาศ'),
    ('ปริ้นเตอร์', 'เครื่องพิมพ์'),
    ('พริ้นเตอร์', 'เครื่องพิมพ์'),
    ('printer', 'เครื่องพิมพ์'),
    ('notebook', 'โน้ตบุ๊ก'),
    ('laptop', 'โน้ตบุ๊ก'),
    ('แล็ปท็อป', 'โน้ตบุ๊ก'),
    ('computer', 'คอมพิวเตอร์'),
    ('monitor', 'จอภาพ'),
    ('จอคอม', 'จอภาพ'),
    ('projector', 'โปรเจคเตอร์'),
    ('ups', 'เครื่องสำรองไฟ'),
    ('ทีวี', 'โทรทัศน์'),
    ('copier', 'เครื่องถ่ายเอกสาร'),
    ('ตู้เอกสาร', 'ตู้เหล็กเก็บเอกสาร'),
    ('มอเตอร์ไซค์', 'รถจักรยานยนต์'),
    ('รถกระบะ', 'รถยนต์บรรทุก'),
    ('ไมค์', 'ไมโครโฟน');

-- The division's name and short name are searched too: renaming one changes what many
-- items answer to, so the in-memory copy is rebuilt (a NULL change).
CREATE TRIGGER divisions_generation_rename AFTER UPDATE OF name, short_name ON divisions
BEGIN
    UPDATE search_generation SET n = n + 1;
    INSERT INTO search_changes (generation, asset_id) SELECT n, NULL FROM search_generation;
END;
