-- Marsad store, schema 2: a story's state is saved compactly (centroid, latest vectors, entity counts) and its members
-- and pool sentences are appended once each, instead of rewriting the whole growing state every batch.
-- Rowid tables: rows of a few KB overflow badly in WITHOUT ROWID b-trees.
-- Title and summary are recomputed lazily: view_stale = 1 marks a row whose title/summary predate its last change.

CREATE TABLE story_members (
  story_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  member TEXT NOT NULL,                    -- JSON StoryMember
  PRIMARY KEY (story_id, position)
);

CREATE TABLE story_sentences (
  story_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  sentence TEXT NOT NULL,                  -- JSON PooledSentence
  PRIMARY KEY (story_id, position)
);

INSERT INTO story_members (story_id, position, member)
  SELECT story_id, CAST(m.key AS INTEGER), m.value FROM story_state, json_each(story_state.state, '$.members') AS m;
INSERT INTO story_sentences (story_id, position, sentence)
  SELECT story_id, CAST(p.key AS INTEGER), p.value FROM story_state, json_each(story_state.state, '$.pool') AS p;
UPDATE story_state SET state = json_set(state, '$.members', json('[]'), '$.pool', json('[]'));

-- Columns that select the stories a run keeps in memory (src/stories/README.md, "Memory").
ALTER TABLE story_state ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE story_state ADD COLUMN last_day INTEGER;
ALTER TABLE story_state ADD COLUMN active INTEGER NOT NULL DEFAULT 0;
UPDATE story_state SET seq = json_extract(state, '$.seq'), active = coalesce(json_extract(state, '$.active'), 0),
  last_day = CAST(julianday(substr(json_extract(state, '$.lastPublished'), 1, 10)) - 2440587.5 AS INTEGER);
CREATE INDEX story_state_live ON story_state (last_day, active);

ALTER TABLE stories ADD COLUMN view_stale INTEGER NOT NULL DEFAULT 0;
CREATE INDEX stories_stale ON stories (view_stale) WHERE view_stale = 1;
