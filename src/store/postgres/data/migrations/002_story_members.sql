-- Marsad store, schema 2 (PostgreSQL): a story's state is saved compactly (centroid, latest vectors, entity counts) and
-- its members and pool sentences are appended once each. Title and summary are recomputed lazily: view_stale = 1 marks
-- a row whose title/summary predate its last change. (The SQLite migration also moves the members and pools of stores
-- written by schema 1; a PostgreSQL store starts at this schema, so there is nothing to move.)

CREATE TABLE story_members (
  story_id text COLLATE "C" NOT NULL,
  position integer NOT NULL,
  member text NOT NULL,                     -- JSON StoryMember
  PRIMARY KEY (story_id, position)
);

CREATE TABLE story_sentences (
  story_id text COLLATE "C" NOT NULL,
  position integer NOT NULL,
  sentence text NOT NULL,                   -- JSON PooledSentence
  PRIMARY KEY (story_id, position)
);

-- Columns that select the stories a run keeps in memory (src/stories/README.md, "Memory").
ALTER TABLE story_state ADD COLUMN seq bigint NOT NULL DEFAULT 0;
ALTER TABLE story_state ADD COLUMN last_day bigint;
ALTER TABLE story_state ADD COLUMN active integer NOT NULL DEFAULT 0;
CREATE INDEX story_state_live ON story_state (last_day, active);

ALTER TABLE stories ADD COLUMN view_stale integer NOT NULL DEFAULT 0;
CREATE INDEX stories_stale ON stories (view_stale) WHERE view_stale = 1;
