-- Imports index their items in one statement at the end instead of one row at a time.
-- FTS5 flushes its in-memory index at the end of every statement that writes to it, so
-- 100,000 single-row inserts wrote 100,000 tiny index segments and merged them (16 s for a
-- 100,000-row import; one INSERT … SELECT takes about 1 s).
--
-- While the one row of `search_index_paused` exists, inserting an asset does not index it;
-- whoever inserts the row indexes the new assets and deletes it in the same transaction,
-- so a crash can never leave the index paused or incomplete.
CREATE TABLE search_index_paused (
    only INTEGER PRIMARY KEY CHECK (only = 1)
);

DROP TRIGGER assets_search_insert;

CREATE TRIGGER assets_search_insert AFTER INSERT ON assets
WHEN NOT EXISTS (SELECT 1 FROM search_index_paused)
BEGIN
    INSERT INTO asset_search (rowid, code, name, brand, model, serial_no, place, custodian)
    VALUES (new.id, new.code || ' ' || new.code_key, new.name, new.brand, new.model, new.serial_no,
            ifnull((SELECT name FROM locations WHERE id = new.location_id), ''),
            ifnull((SELECT title || first_name || ' ' || last_name FROM people WHERE id = new.custodian_id), ''));
END;
