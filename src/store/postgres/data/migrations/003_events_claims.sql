-- Marsad store, schema 3 (PostgreSQL): the per-article event and claim layers (src/document.ts EventMention,
-- ClaimMention). Offsets are UTF-16 code units into articles.text. Lists and objects are JSON text; absent optional
-- values are NULL.

CREATE TABLE events (
  article_id text COLLATE "C" NOT NULL,
  position integer NOT NULL,                -- index in the article's list (read back in text order)
  start integer NOT NULL,                   -- the evidence span (the clause stating the event)
  "end" integer NOT NULL,
  trigger_start integer NOT NULL,
  trigger_end integer NOT NULL,
  type text COLLATE "C" NOT NULL,           -- PLOVER type, lowercase
  mode text COLLATE "C",
  context text COLLATE "C",
  qualifiers text NOT NULL,                 -- JSON string[]
  actors text NOT NULL,                     -- JSON entity ids
  recipients text NOT NULL,                 -- JSON entity ids
  location text COLLATE "C",                -- entity id
  date text COLLATE "C",                    -- ISO date of the event at the precision said
  counts text NOT NULL,                     -- JSON EventCounts
  attribution text COLLATE "C",             -- entity id
  status text COLLATE "C" NOT NULL,         -- reported | planned
  PRIMARY KEY (article_id, position)
);
CREATE INDEX events_type ON events (type);
CREATE INDEX events_date ON events (date);
CREATE INDEX events_location ON events (location);

CREATE TABLE claims (
  article_id text COLLATE "C" NOT NULL,
  position integer NOT NULL,
  start integer NOT NULL,                   -- what was said
  "end" integer NOT NULL,
  speaker text COLLATE "C",                 -- entity id, NULL for unnamed or unresolved sources
  speaker_text text COLLATE "C" NOT NULL,
  unnamed integer NOT NULL,                 -- 0 / 1
  cue text COLLATE "C" NOT NULL,
  cue_start integer NOT NULL,
  cue_end integer NOT NULL,
  stance text COLLATE "C" NOT NULL,
  about text NOT NULL,                      -- JSON entity ids
  PRIMARY KEY (article_id, position)
);
CREATE INDEX claims_speaker ON claims (speaker);
