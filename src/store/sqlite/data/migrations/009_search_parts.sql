-- Marsad store, schema 9: on PostgreSQL, an article's search document too long for one tsvector is cut into parts
-- (article_search_parts). SQLite's FTS5 index has no such limits: nothing changes here; the file keeps the two back
-- ends' schema numbers the same.
SELECT 1;
