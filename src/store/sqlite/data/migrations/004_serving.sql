-- Marsad store, schema 4: what `marsad serve` reads (docs/api.md). Built after each run from the run's knowledge
-- (src/views/), so a request reads one row instead of re-assembling a story from its articles.

-- One row per story: the list entry and the full story page as JSON (src/serve/api-types.ts StorySummary, StoryDetail).
CREATE TABLE story_views (
  story_id TEXT PRIMARY KEY,
  updated_at TEXT NOT NULL,                -- when an article last joined the story: the list's order
  first_published TEXT,
  last_published TEXT,
  summary_json TEXT NOT NULL,
  detail_json TEXT NOT NULL,
  built_at TEXT NOT NULL
);
CREATE INDEX story_views_updated ON story_views (updated_at DESC, story_id);
CREATE INDEX story_views_first ON story_views (first_published);
CREATE INDEX story_views_last ON story_views (last_published);

-- The events of each story view, for GET /api/events and the event-type and place filters (event_json: EventOut).
CREATE TABLE story_events (
  story_id TEXT NOT NULL,
  event_id TEXT NOT NULL,
  type TEXT NOT NULL,
  date TEXT,
  location TEXT,
  lon REAL,
  lat REAL,
  event_json TEXT NOT NULL,
  PRIMARY KEY (story_id, event_id)
);
CREATE INDEX story_events_type ON story_events (type);
CREATE INDEX story_events_date ON story_events (date);
CREATE INDEX story_events_location ON story_events (location);
CREATE INDEX story_events_event ON story_events (event_id);

-- Arabic-aware full-text search over pre-normalised text (src/views/search-text.ts): each word is indexed as its
-- normalised, clitic-free, lightly stemmed form, and each entity mention as a token for its canonical id, so a query
-- matches whatever the spelling. Contentless: snippets are cut from articles.text. rowid = articles.seq.
CREATE VIRTUAL TABLE article_search USING fts5(title, body, entities, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
-- rowid = story_views.rowid.
CREATE VIRTUAL TABLE story_search USING fts5(title, summary, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
CREATE INDEX articles_outlet ON articles (outlet);
