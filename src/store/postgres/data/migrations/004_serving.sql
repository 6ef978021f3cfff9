-- Marsad store, schema 4 (PostgreSQL): what `marsad serve` reads (docs/api.md). Built after each run from the run's
-- knowledge (src/views/), so a request reads one row instead of re-assembling a story from its articles.

-- One row per story: the list entry and the full story page as JSON (src/serve/api-types.ts StorySummary, StoryDetail).
CREATE TABLE story_views (
  story_id text COLLATE "C" PRIMARY KEY,
  updated_at text COLLATE "C" NOT NULL,     -- when an article last joined the story: the list's order
  first_published text COLLATE "C",
  last_published text COLLATE "C",
  summary_json text NOT NULL,
  detail_json text NOT NULL,
  built_at text COLLATE "C" NOT NULL
);
CREATE INDEX story_views_updated ON story_views (updated_at DESC, story_id);
CREATE INDEX story_views_first ON story_views (first_published);
CREATE INDEX story_views_last ON story_views (last_published);

-- The events of each story view, for GET /api/events and the event-type and place filters (event_json: EventOut).
-- seq is the order rows were written in (SQLite's rowid): the stories of an event are listed in that order.
CREATE TABLE story_events (
  seq bigserial,
  story_id text COLLATE "C" NOT NULL,
  event_id text COLLATE "C" NOT NULL,
  type text COLLATE "C" NOT NULL,
  date text COLLATE "C",
  location text COLLATE "C",
  lon double precision,
  lat double precision,
  event_json text COLLATE "C" NOT NULL,
  PRIMARY KEY (story_id, event_id)
);
CREATE INDEX story_events_type ON story_events (type);
CREATE INDEX story_events_date ON story_events (date);
CREATE INDEX story_events_location ON story_events (location);
CREATE INDEX story_events_event ON story_events (event_id);

-- Arabic-aware full-text search over pre-normalised text (src/views/search-text.ts), as SQLite's FTS5 tables: each
-- word is indexed as its normalised, clitic-free, lightly stemmed form and each entity mention as a token for its
-- canonical id. The tsvector is built by the store (src/store/postgres/search.ts), not by a text-search configuration:
-- its lexemes are the very tokens FTS5 indexes, weighted by field (title A, entities B, body C), so both back ends
-- find the same articles. seq = articles.seq.
CREATE TABLE article_search (
  seq bigint PRIMARY KEY,
  document tsvector NOT NULL
);
CREATE INDEX article_search_document ON article_search USING gin (document);
-- One row per story view: its title (A) and summary (B).
CREATE TABLE story_search (
  story_id text COLLATE "C" PRIMARY KEY,
  document tsvector NOT NULL
);
CREATE INDEX story_search_document ON story_search USING gin (document);
CREATE INDEX articles_outlet ON articles (outlet);
