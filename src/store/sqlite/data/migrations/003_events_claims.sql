-- Marsad store, schema 3: the per-article event and claim layers (src/document.ts EventMention, ClaimMention).
-- Offsets are UTF-16 code units into articles.text. Lists and objects are JSON; absent optional values are NULL.
-- Articles stored before this migration simply have no rows here (their layers read back empty).

CREATE TABLE events (
  article_id TEXT NOT NULL,
  position INTEGER NOT NULL,               -- index in the article's list (read back in text order)
  start INTEGER NOT NULL,                  -- the evidence span (the clause stating the event)
  "end" INTEGER NOT NULL,
  trigger_start INTEGER NOT NULL,
  trigger_end INTEGER NOT NULL,
  type TEXT NOT NULL,                      -- PLOVER type, lowercase
  mode TEXT,
  context TEXT,
  qualifiers TEXT NOT NULL,                -- JSON string[]
  actors TEXT NOT NULL,                    -- JSON entity ids
  recipients TEXT NOT NULL,                -- JSON entity ids
  location TEXT,                           -- entity id
  date TEXT,                               -- ISO date of the event at the precision said
  counts TEXT NOT NULL,                    -- JSON EventCounts
  attribution TEXT,                        -- entity id
  status TEXT NOT NULL,                    -- reported | planned
  PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX events_type ON events (type);
CREATE INDEX events_date ON events (date);
CREATE INDEX events_location ON events (location);

CREATE TABLE claims (
  article_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  start INTEGER NOT NULL,                  -- what was said
  "end" INTEGER NOT NULL,
  speaker TEXT,                            -- entity id, NULL for unnamed or unresolved sources
  speaker_text TEXT NOT NULL,
  unnamed INTEGER NOT NULL,                -- 0 / 1
  cue TEXT NOT NULL,
  cue_start INTEGER NOT NULL,
  cue_end INTEGER NOT NULL,
  stance TEXT NOT NULL,
  about TEXT NOT NULL,                     -- JSON entity ids
  PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX claims_speaker ON claims (speaker);
