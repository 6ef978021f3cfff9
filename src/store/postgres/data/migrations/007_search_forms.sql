-- Marsad store, schema 7: the tokeniser keeps words such as وزير and فرنسا whole (src/arabic/data/whole-words.txt), so
-- the search forms indexed by earlier versions («زير», «رنسا») no longer meet a query's. The search index and the story
-- views built with them are dropped; they are derived data, and `marsad serve` rebuilds both at start-up
-- (backfillViews: articles without a search row, stories without a view).
DELETE FROM article_search;
DELETE FROM story_search;
DELETE FROM story_events;
DELETE FROM story_views;
