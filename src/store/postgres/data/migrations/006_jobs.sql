-- Marsad store, schema 6 (PostgreSQL): the job queue `marsad worker` processes share, and the change versions that let
-- each worker bring its in-memory indexes up to date with what the others stored (docs/queue.md).

-- One job per input record. A queued job is claimable when lease_until is NULL or past; a worker that dies leaves its
-- lease to expire. A done job no longer keeps its page (its articles hold the text).
CREATE TABLE jobs (
  id bigserial PRIMARY KEY,
  input text COLLATE "C" NOT NULL UNIQUE,
  page text,                                -- JSON RawPage; NULL once done
  status text COLLATE "C" NOT NULL DEFAULT 'queued', -- queued | done | failed
  attempts integer NOT NULL DEFAULT 0,      -- claims so far
  leased_by text COLLATE "C",
  lease_until bigint,                       -- milliseconds since the epoch
  error text COLLATE "C",
  enqueued_at text COLLATE "C" NOT NULL,
  done_at text COLLATE "C"
);
CREATE INDEX jobs_queued ON jobs (id) WHERE status = 'queued';
CREATE INDEX jobs_failed ON jobs (done_at) WHERE status = 'failed';

-- store_version counts saveStoryIndex calls; each writes it on the story states and terms it changes, so a process
-- re-reads only what changed since the version it last saw.
ALTER TABLE story_state ADD COLUMN version bigint NOT NULL DEFAULT 0;
CREATE INDEX story_state_version ON story_state (version);
ALTER TABLE term_frequencies ADD COLUMN version bigint NOT NULL DEFAULT 0;
CREATE INDEX term_frequencies_version ON term_frequencies (version);
INSERT INTO counters (name, value) VALUES ('store_version', 0) ON CONFLICT (name) DO NOTHING;
