-- Marsad store, schema 1 (PostgreSQL): articles with their annotation layers, entities, duplicate fingerprints and
-- stories. The same tables and columns as the SQLite schema (src/store/sqlite/data/migrations/); text compares and
-- sorts byte by byte (COLLATE "C", as SQLite's BINARY) so both back ends order rows alike. JSON stays text, so what
-- is read back is byte for byte what was written. Offsets (start, end) are UTF-16 code units into articles.text.

CREATE TABLE articles (
  seq bigserial PRIMARY KEY,                -- arrival order
  id text COLLATE "C" NOT NULL UNIQUE,
  input text COLLATE "C" NOT NULL,
  title text COLLATE "C" NOT NULL,
  text text COLLATE "C" NOT NULL,
  outlet text COLLATE "C",
  published text COLLATE "C",
  url text COLLATE "C",
  language text COLLATE "C" NOT NULL,
  duplicate_of text COLLATE "C",
  duplicate_score double precision,
  story_id text COLLATE "C",
  sentences text NOT NULL,                  -- JSON [[start, end], ...]
  messages text NOT NULL,                   -- JSON Message[]
  stored_at text COLLATE "C" NOT NULL
);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_story ON articles (story_id);
CREATE INDEX articles_duplicate ON articles (duplicate_of);

CREATE TABLE entities (
  id text COLLATE "C" PRIMARY KEY,
  type text COLLATE "C" NOT NULL,
  name_ar text COLLATE "C",
  name_en text COLLATE "C",
  lon double precision,
  lat double precision
);

CREATE TABLE entity_mentions (
  article_id text COLLATE "C" NOT NULL,
  entity_id text COLLATE "C" NOT NULL,
  type text COLLATE "C" NOT NULL,
  start integer NOT NULL,
  "end" integer NOT NULL,
  text text COLLATE "C" NOT NULL,
  source text COLLATE "C" NOT NULL,
  PRIMARY KEY (article_id, start, "end", entity_id)
);
CREATE INDEX entity_mentions_entity ON entity_mentions (entity_id);

CREATE TABLE times (
  article_id text COLLATE "C" NOT NULL,
  start integer NOT NULL,
  "end" integer NOT NULL,
  text text COLLATE "C" NOT NULL,
  value text COLLATE "C" NOT NULL,
  PRIMARY KEY (article_id, start, "end")
);
CREATE INDEX times_value ON times (value);

CREATE TABLE quantities (
  article_id text COLLATE "C" NOT NULL,
  start integer NOT NULL,
  "end" integer NOT NULL,
  text text COLLATE "C" NOT NULL,
  value double precision NOT NULL,
  unit text COLLATE "C",
  qualifier text COLLATE "C",
  PRIMARY KEY (article_id, start, "end")
);

-- One row per article, in arrival order: what DuplicateIndex is rebuilt from (no texts needed).
CREATE TABLE fingerprints (
  seq bigserial PRIMARY KEY,
  article_id text COLLATE "C" NOT NULL UNIQUE,
  grp text COLLATE "C" NOT NULL,
  exact_hash text COLLATE "C" NOT NULL,
  shingle_count integer NOT NULL,
  signature bytea NOT NULL,                 -- MinHash values, uint32 little-endian
  duplicate_of text COLLATE "C"
);

CREATE TABLE stories (
  id text COLLATE "C" PRIMARY KEY,
  seq bigint NOT NULL,
  title text COLLATE "C" NOT NULL,
  summary text COLLATE "C" NOT NULL,
  central_article_id text COLLATE "C" NOT NULL,
  article_count integer NOT NULL,
  first_published text COLLATE "C",
  last_published text COLLATE "C",
  updated_at text COLLATE "C" NOT NULL
);

CREATE TABLE story_articles (
  story_id text COLLATE "C" NOT NULL,
  article_id text COLLATE "C" NOT NULL,
  position integer NOT NULL,
  PRIMARY KEY (story_id, article_id)
);
CREATE INDEX story_articles_article ON story_articles (article_id);

-- StoryIndex state: one JSON StoryState per story, document frequencies, and counters (doc_count).
CREATE TABLE story_state (
  story_id text COLLATE "C" PRIMARY KEY,
  state text NOT NULL
);
CREATE TABLE term_frequencies (
  term text COLLATE "C" PRIMARY KEY,
  df bigint NOT NULL
);
CREATE TABLE counters (
  name text COLLATE "C" PRIMARY KEY,
  value bigint NOT NULL
);
