-- Every text search is now answered from the in-memory copy kept by assets/search_cache.rs
-- (migration 0006 tells it when to rebuild). The FTS5 index and the triggers that kept it
-- cost 1.4 s of every 100,000-row import and a write per edit, and nothing reads it.
DROP TRIGGER IF EXISTS assets_search_insert;
DROP TRIGGER IF EXISTS assets_search_update;
DROP TRIGGER IF EXISTS assets_search_delete;
DROP TRIGGER IF EXISTS locations_search_rename;
DROP TRIGGER IF EXISTS people_search_rename;
DROP TABLE IF EXISTS asset_search;
