-- Marsad store, schema 10: an article's annotation rows (mentions, times, quantities, events, claims) are keyed by the
-- article's arrival number (articles.seq) before the rest of their key, instead of by its id. These tables are WITHOUT
-- ROWID: rows are stored in key order, and article ids are hashes, so every stored batch wrote its rows into pages all
-- over each table, and committing a batch cost more as the store grew. Keyed by seq, a batch's rows go to the end of
-- each table. article_id stays, for joins and answers; reads of one article look its seq up first.

CREATE TABLE entity_mentions_by_seq (
  article_seq INTEGER NOT NULL,
  article_id TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  type TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  text TEXT NOT NULL,
  source TEXT NOT NULL,
  PRIMARY KEY (article_seq, start, "end", entity_id)
) WITHOUT ROWID;
INSERT INTO entity_mentions_by_seq (article_seq, article_id, entity_id, type, start, "end", text, source)
  SELECT a.seq, m.article_id, m.entity_id, m.type, m.start, m."end", m.text, m.source
  FROM entity_mentions m JOIN articles a ON a.id = m.article_id ORDER BY a.seq;
DROP TABLE entity_mentions;
ALTER TABLE entity_mentions_by_seq RENAME TO entity_mentions;
CREATE INDEX entity_mentions_entity ON entity_mentions (entity_id);

CREATE TABLE times_by_seq (
  article_seq INTEGER NOT NULL,
  article_id TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  text TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (article_seq, start, "end")
) WITHOUT ROWID;
INSERT INTO times_by_seq (article_seq, article_id, start, "end", text, value)
  SELECT a.seq, t.article_id, t.start, t."end", t.text, t.value FROM times t JOIN articles a ON a.id = t.article_id ORDER BY a.seq;
DROP TABLE times;
ALTER TABLE times_by_seq RENAME TO times;
CREATE INDEX times_value ON times (value);

CREATE TABLE quantities_by_seq (
  article_seq INTEGER NOT NULL,
  article_id TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  text TEXT NOT NULL,
  value REAL NOT NULL,
  unit TEXT,
  qualifier TEXT,
  PRIMARY KEY (article_seq, start, "end")
) WITHOUT ROWID;
INSERT INTO quantities_by_seq (article_seq, article_id, start, "end", text, value, unit, qualifier)
  SELECT a.seq, q.article_id, q.start, q."end", q.text, q.value, q.unit, q.qualifier FROM quantities q JOIN articles a ON a.id = q.article_id ORDER BY a.seq;
DROP TABLE quantities;
ALTER TABLE quantities_by_seq RENAME TO quantities;

CREATE TABLE events_by_seq (
  article_seq INTEGER NOT NULL,
  article_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  trigger_start INTEGER NOT NULL,
  trigger_end INTEGER NOT NULL,
  type TEXT NOT NULL,
  mode TEXT,
  context TEXT,
  qualifiers TEXT NOT NULL,
  actors TEXT NOT NULL,
  recipients TEXT NOT NULL,
  location TEXT,
  date TEXT,
  counts TEXT NOT NULL,
  attribution TEXT,
  status TEXT NOT NULL,
  PRIMARY KEY (article_seq, position)
) WITHOUT ROWID;
INSERT INTO events_by_seq (article_seq, article_id, position, start, "end", trigger_start, trigger_end, type, mode, context, qualifiers,
    actors, recipients, location, date, counts, attribution, status)
  SELECT a.seq, e.article_id, e.position, e.start, e."end", e.trigger_start, e.trigger_end, e.type, e.mode, e.context, e.qualifiers,
    e.actors, e.recipients, e.location, e.date, e.counts, e.attribution, e.status
  FROM events e JOIN articles a ON a.id = e.article_id ORDER BY a.seq;
DROP TABLE events;
ALTER TABLE events_by_seq RENAME TO events;
CREATE INDEX events_type ON events (type);
CREATE INDEX events_date ON events (date);
CREATE INDEX events_location ON events (location);

CREATE TABLE claims_by_seq (
  article_seq INTEGER NOT NULL,
  article_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  speaker TEXT,
  speaker_text TEXT NOT NULL,
  unnamed INTEGER NOT NULL,
  cue TEXT NOT NULL,
  cue_start INTEGER NOT NULL,
  cue_end INTEGER NOT NULL,
  stance TEXT NOT NULL,
  about TEXT NOT NULL,
  PRIMARY KEY (article_seq, position)
) WITHOUT ROWID;
INSERT INTO claims_by_seq (article_seq, article_id, position, start, "end", speaker, speaker_text, unnamed, cue, cue_start, cue_end, stance, about)
  SELECT a.seq, c.article_id, c.position, c.start, c."end", c.speaker, c.speaker_text, c.unnamed, c.cue, c.cue_start, c.cue_end, c.stance, c.about
  FROM claims c JOIN articles a ON a.id = c.article_id ORDER BY a.seq;
DROP TABLE claims;
ALTER TABLE claims_by_seq RENAME TO claims;
CREATE INDEX claims_speaker ON claims (speaker);
