-- Marsad store, schema 1: articles with their annotation layers, entities, duplicate fingerprints and stories.
-- Offsets (start, end) are UTF-16 code units into articles.text, as in src/document.ts.

CREATE TABLE articles (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,   -- arrival order
  id TEXT NOT NULL UNIQUE,
  input TEXT NOT NULL,
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  outlet TEXT,
  published TEXT,
  url TEXT,
  language TEXT NOT NULL,
  duplicate_of TEXT,
  duplicate_score REAL,
  story_id TEXT,
  sentences TEXT NOT NULL,                 -- JSON [[start, end], ...]
  messages TEXT NOT NULL,                  -- JSON Message[]
  stored_at TEXT NOT NULL
);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_story ON articles (story_id);
CREATE INDEX articles_duplicate ON articles (duplicate_of);

CREATE TABLE entities (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  name_ar TEXT,
  name_en TEXT,
  lon REAL,
  lat REAL
);

CREATE TABLE entity_mentions (
  article_id TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  type TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  text TEXT NOT NULL,
  source TEXT NOT NULL,
  PRIMARY KEY (article_id, start, "end", entity_id)
) WITHOUT ROWID;
CREATE INDEX entity_mentions_entity ON entity_mentions (entity_id);

CREATE TABLE times (
  article_id TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  text TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (article_id, start, "end")
) WITHOUT ROWID;
CREATE INDEX times_value ON times (value);

CREATE TABLE quantities (
  article_id TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  text TEXT NOT NULL,
  value REAL NOT NULL,
  unit TEXT,
  qualifier TEXT,
  PRIMARY KEY (article_id, start, "end")
) WITHOUT ROWID;

-- One row per article, in arrival order: what DuplicateIndex is rebuilt from (no texts needed).
CREATE TABLE fingerprints (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  article_id TEXT NOT NULL UNIQUE,
  grp TEXT NOT NULL,
  exact_hash TEXT NOT NULL,
  shingle_count INTEGER NOT NULL,
  signature BLOB NOT NULL,                 -- MinHash values, uint32 little-endian
  duplicate_of TEXT
);

CREATE TABLE stories (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  central_article_id TEXT NOT NULL,
  article_count INTEGER NOT NULL,
  first_published TEXT,
  last_published TEXT,
  updated_at TEXT NOT NULL
);

CREATE TABLE story_articles (
  story_id TEXT NOT NULL,
  article_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (story_id, article_id)
) WITHOUT ROWID;
CREATE INDEX story_articles_article ON story_articles (article_id);

-- StoryIndex state: one JSON StoryState per story, document frequencies, and counters (doc_count).
CREATE TABLE story_state (
  story_id TEXT PRIMARY KEY,
  state TEXT NOT NULL
);
CREATE TABLE term_frequencies (
  term TEXT PRIMARY KEY,
  df INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
