-- A counter that moves whenever anything a search reads changes, so that the in-memory
-- search (assets/search_cache.rs) knows when to rebuild. Bulk imports pause the per-row
-- bump (as they pause indexing) and bump it once at the end.
CREATE TABLE search_generation (
    only INTEGER PRIMARY KEY CHECK (only = 1),
    n    INTEGER NOT NULL
) STRICT;
INSERT INTO search_generation (only, n) VALUES (1, 0);

CREATE TRIGGER assets_generation_insert AFTER INSERT ON assets
WHEN NOT EXISTS (SELECT 1 FROM search_index_paused)
BEGIN
    UPDATE search_generation SET n = n + 1;
END;

CREATE TRIGGER assets_generation_update AFTER UPDATE ON assets
BEGIN
    UPDATE search_generation SET n = n + 1;
END;

CREATE TRIGGER assets_generation_delete AFTER DELETE ON assets
BEGIN
    UPDATE search_generation SET n = n + 1;
END;

CREATE TRIGGER locations_generation_rename AFTER UPDATE OF name ON locations
BEGIN
    UPDATE search_generation SET n = n + 1;
END;

CREATE TRIGGER people_generation_rename AFTER UPDATE OF title, first_name, last_name ON people
BEGIN
    UPDATE search_generation SET n = n + 1;
END;
