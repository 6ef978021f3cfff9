-- Marsad store, schema 5: the outlets `marsad watch` follows (docs/watch.md) and the items their feeds and section
-- pages listed. An item is recorded 'pending' before it is fetched and becomes 'stored' only after its article is.

CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,               -- also the outlet of its articles
  url TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('feed', 'page')),
  added_at TEXT NOT NULL,
  etag TEXT,                               -- validators of the last successful poll, for a conditional GET
  last_modified TEXT,
  last_polled_at TEXT,
  last_status TEXT,                        -- 'ok', 'not-modified' or the failure code (src/watch/fetch/types.ts)
  last_error TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE source_items (
  source_id INTEGER NOT NULL,              -- sources.id (removing a source removes its items)
  item_key TEXT NOT NULL,                  -- the feed's guid or id, else the item's absolute link
  url TEXT NOT NULL,
  title TEXT,                              -- what the feed said: fallbacks for the page's own metadata
  published TEXT,
  first_seen TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'stored', 'failed', 'skipped')),
  article_id TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  PRIMARY KEY (source_id, item_key)
);
-- Pending items are processed oldest first (rowid order: the order they were recorded in).
CREATE INDEX source_items_status ON source_items (status, source_id);
