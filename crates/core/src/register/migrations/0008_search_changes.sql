-- Which items each step of `search_generation` changed, so that the in-memory search
-- (assets/search_cache.rs) re-reads only those instead of all 100,000 after an edit.
-- A NULL asset_id means "too much to list" (a place or person renamed, a bulk import):
-- the copy is then rebuilt whole. Only the last 500 steps are kept; a copy further behind
-- than that rebuilds too. Written by the same triggers that bump the counter, in the same
-- transaction as the change, so the list can never miss one.
CREATE TABLE search_changes (
    generation INTEGER NOT NULL,
    asset_id   INTEGER
) STRICT;
CREATE INDEX search_changes_by_generation ON search_changes (generation);

DROP TRIGGER assets_generation_insert;
DROP TRIGGER assets_generation_update;
DROP TRIGGER assets_generation_delete;
DROP TRIGGER locations_generation_rename;
DROP TRIGGER people_generation_rename;

CREATE TRIGGER assets_generation_insert AFTER INSERT ON assets
WHEN NOT EXISTS (SELECT 1 FROM search_index_paused)
BEGIN
    UPDATE search_generation SET n = n + 1;
    INSERT INTO search_changes (generation, asset_id) SELECT n, new.id FROM search_generation;
    DELETE FROM search_changes WHERE generation <= (SELECT n - 500 FROM search_generation);
END;

CREATE TRIGGER assets_generation_update AFTER UPDATE ON assets
BEGIN
    UPDATE search_generation SET n = n + 1;
    INSERT INTO search_changes (generation, asset_id) SELECT n, new.id FROM search_generation;
    DELETE FROM search_changes WHERE generation <= (SELECT n - 500 FROM search_generation);
END;

CREATE TRIGGER assets_generation_delete AFTER DELETE ON assets
BEGIN
    UPDATE search_generation SET n = n + 1;
    INSERT INTO search_changes (generation, asset_id) SELECT n, old.id FROM search_generation;
    DELETE FROM search_changes WHERE generation <= (SELECT n - 500 FROM search_generation);
END;

CREATE TRIGGER locations_generation_rename AFTER UPDATE OF name ON locations
BEGIN
    UPDATE search_generation SET n = n + 1;
    INSERT INTO search_changes (generation, asset_id) SELECT n, NULL FROM search_generation;
END;

CREATE TRIGGER people_generation_rename AFTER UPDATE OF title, first_name, last_name ON people
BEGIN
    UPDATE search_generation SET n = n + 1;
    INSERT INTO search_changes (generation, asset_id) SELECT n, NULL FROM search_generation;
END;
