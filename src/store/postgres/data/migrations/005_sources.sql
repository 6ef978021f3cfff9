-- Marsad store, schema 5 (PostgreSQL): the outlets `marsad watch` follows (docs/watch.md) and the items their feeds and
-- section pages listed. An item is recorded 'pending' before it is fetched and becomes 'stored' only after its article
-- is. seq is the order items were recorded in (SQLite's rowid): pending items are processed oldest first.

CREATE TABLE sources (
  id bigserial PRIMARY KEY,
  name text COLLATE "C" NOT NULL UNIQUE,    -- also the outlet of its articles
  url text COLLATE "C" NOT NULL,
  kind text COLLATE "C" NOT NULL CHECK (kind IN ('feed', 'page')),
  added_at text COLLATE "C" NOT NULL,
  etag text COLLATE "C",                    -- validators of the last successful poll, for a conditional GET
  last_modified text COLLATE "C",
  last_polled_at text COLLATE "C",
  last_status text COLLATE "C",             -- 'ok', 'not-modified' or the failure code (src/watch/fetch/types.ts)
  last_error text COLLATE "C",
  consecutive_failures integer NOT NULL DEFAULT 0
);

CREATE TABLE source_items (
  seq bigserial,
  source_id bigint NOT NULL,                -- sources.id (removing a source removes its items)
  item_key text COLLATE "C" NOT NULL,       -- the feed's guid or id, else the item's absolute link
  url text COLLATE "C" NOT NULL,
  title text COLLATE "C",                   -- what the feed said: fallbacks for the page's own metadata
  published text COLLATE "C",
  first_seen text COLLATE "C" NOT NULL,
  status text COLLATE "C" NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'stored', 'failed', 'skipped')),
  article_id text COLLATE "C",
  attempts integer NOT NULL DEFAULT 0,
  last_error text COLLATE "C",
  PRIMARY KEY (source_id, item_key)
);
CREATE INDEX source_items_status ON source_items (status, source_id);
