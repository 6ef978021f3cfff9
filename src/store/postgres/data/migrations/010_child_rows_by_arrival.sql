-- Marsad store, schema 10: on SQLite, an article's annotation rows are now keyed by its arrival number, so a batch's
-- rows are appended instead of written all over WITHOUT ROWID tables (commits had grown with the store). PostgreSQL
-- keeps rows in heap files in insertion order whatever the key (only the primary-key index takes article ids in
-- random order) and receives a batch in a few multi-row INSERTs; the change was measured on SQLite only, and nothing
-- changes here. The file keeps the two back ends' schema numbers the same.
SELECT 1;
