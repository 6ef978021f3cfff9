// The prepared SQL statements of the SQLite store, compiled once per connection.
// Input: an open, migrated database. Output: named statements.
import type Database from 'better-sqlite3';

export function prepareStatements(db: Database.Database) {
  const p = (sql: string) => db.prepare(sql);
  return {
    hasArticle: p('SELECT 1 FROM articles WHERE id = ?'),
    countArticles: p('SELECT COUNT(*) AS n FROM articles'),
    insertArticle: p(`INSERT INTO articles (id, input, title, text, outlet, published, url, language, duplicate_of, duplicate_score, story_id, sentences, messages, stored_at)
      VALUES (@id, @input, @title, @text, @outlet, @published, @url, @language, @duplicate_of, @duplicate_score, @story_id, @sentences, @messages, @stored_at)`),
    getArticle: p('SELECT * FROM articles WHERE id = ?'),
    articleIdsInOrder: p('SELECT id FROM articles ORDER BY seq'),
    listArticles: p('SELECT * FROM articles ORDER BY seq LIMIT ? OFFSET ?'),
    listArticlesOfStory: p('SELECT * FROM articles WHERE story_id = ? ORDER BY seq LIMIT ? OFFSET ?'),
    insertEntityStub: p('INSERT OR IGNORE INTO entities (id, type, name_ar) VALUES (?, ?, ?)'),
    upsertEntity: p(`INSERT INTO entities (id, type, name_ar, name_en, lon, lat) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET type = excluded.type, name_ar = excluded.name_ar, name_en = excluded.name_en, lon = excluded.lon, lat = excluded.lat`),
    getEntity: p('SELECT * FROM entities WHERE id = ?'),
    insertMention: p('INSERT OR IGNORE INTO entity_mentions (article_seq, article_id, entity_id, type, start, "end", text, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    mentionsOf: p(`SELECT entity_id, type, start, "end", text, source FROM entity_mentions WHERE article_seq = (SELECT seq FROM articles WHERE id = ?) ORDER BY start, "end"`),
    storyEntityMentions: p(`SELECT m.entity_id, m.type, m.text FROM story_articles AS sa JOIN articles AS a ON a.id = sa.article_id
      JOIN entity_mentions AS m ON m.article_seq = a.seq
      WHERE sa.story_id = ? ORDER BY sa.position, m.start, m."end"`),
    insertTime: p('INSERT OR IGNORE INTO times (article_seq, article_id, start, "end", text, value) VALUES (?, ?, ?, ?, ?, ?)'),
    timesOf: p(`SELECT start, "end", text, value FROM times WHERE article_seq = (SELECT seq FROM articles WHERE id = ?) ORDER BY start`),
    insertQuantity: p('INSERT OR IGNORE INTO quantities (article_seq, article_id, start, "end", text, value, unit, qualifier) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    quantitiesOf: p(`SELECT start, "end", text, value, unit, qualifier FROM quantities WHERE article_seq = (SELECT seq FROM articles WHERE id = ?) ORDER BY start`),
    // Positional parameters, bound in this column order (sqlite-store.ts eventValues).
    insertEvent: p(`INSERT OR IGNORE INTO events (article_seq, article_id, position, start, "end", trigger_start, trigger_end, type, mode, context, qualifiers,
        actors, recipients, location, date, counts, attribution, status)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    eventsOf: p(`SELECT * FROM events WHERE article_seq = (SELECT seq FROM articles WHERE id = ?) ORDER BY start, "end", trigger_start, position`),
    // Positional, in this column order (sqlite-store.ts claimValues).
    insertClaim: p(`INSERT OR IGNORE INTO claims (article_seq, article_id, position, start, "end", speaker, speaker_text, unnamed, cue, cue_start, cue_end, stance, about)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    claimsOf: p(`SELECT * FROM claims WHERE article_seq = (SELECT seq FROM articles WHERE id = ?) ORDER BY start, "end", cue_start, position`),
    insertFingerprint: p('INSERT OR IGNORE INTO fingerprints (article_id, grp, exact_hash, shingle_count, signature, duplicate_of) VALUES (?, ?, ?, ?, ?, ?)'),
    allFingerprints: p('SELECT article_id, grp, exact_hash, shingle_count, signature, duplicate_of FROM fingerprints ORDER BY seq'),
    insertStoryArticle: p(`INSERT OR IGNORE INTO story_articles (story_id, article_id, position)
      VALUES (?, ?, (SELECT COUNT(*) FROM story_articles WHERE story_id = ?))`),
    storyArticleIds: p('SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY position'),
    upsertStory: p(`INSERT INTO stories (id, seq, title, summary, central_article_id, article_count, first_published, last_published, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET title = excluded.title, summary = excluded.summary, central_article_id = excluded.central_article_id,
        article_count = excluded.article_count, first_published = excluded.first_published, last_published = excluded.last_published, updated_at = excluded.updated_at`),
    listStories: p('SELECT * FROM stories ORDER BY seq'),
    insertStoryArticleAt: p('INSERT OR IGNORE INTO story_articles (story_id, article_id, position) VALUES (?, ?, ?)'),
    storyOfArticle: p('SELECT story_id FROM story_articles WHERE article_id = ?'),
    markStory: p(`INSERT INTO stories (id, seq, title, summary, central_article_id, article_count, first_published, last_published, updated_at, view_stale)
      VALUES (?, ?, '', '', ?, ?, ?, ?, ?, 1)
      ON CONFLICT (id) DO UPDATE SET article_count = excluded.article_count, first_published = excluded.first_published,
        last_published = excluded.last_published, updated_at = excluded.updated_at, view_stale = 1`),
    staleStoryIds: p('SELECT id FROM stories WHERE view_stale = 1 ORDER BY seq'),
    setStoryView: p('UPDATE stories SET title = ?, summary = ?, central_article_id = ?, view_stale = 0 WHERE id = ?'),
    upsertStoryState: p(`INSERT INTO story_state (story_id, state, seq, last_day, active, version) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (story_id) DO UPDATE SET state = excluded.state, last_day = excluded.last_day, active = excluded.active, version = excluded.version`),
    getStoryState: p('SELECT state FROM story_state WHERE story_id = ?'),
    allStoryStates: p('SELECT story_id, state FROM story_state'),
    storyIdsBySeq: p('SELECT story_id FROM story_state ORDER BY seq'),
    liveStoryStates: p('SELECT state FROM story_state WHERE last_day IS NULL OR last_day >= ? ORDER BY active DESC LIMIT ?'),
    maxStorySeq: p('SELECT MAX(seq) AS n FROM story_state'),
    insertStoryMember: p('INSERT OR IGNORE INTO story_members (story_id, position, member) VALUES (?, ?, ?)'),
    storyMembers: p('SELECT member FROM story_members WHERE story_id = ? ORDER BY position'),
    insertStorySentence: p('INSERT OR IGNORE INTO story_sentences (story_id, position, sentence) VALUES (?, ?, ?)'),
    storySentences: p('SELECT sentence FROM story_sentences WHERE story_id = ? ORDER BY position'),
    getTerm: p('SELECT df FROM term_frequencies WHERE term = ?'),
    // One statement per batch: the store version, then a JSON array of [term, df] pairs ("WHERE true" keeps ON CONFLICT
    // unambiguous after SELECT).
    upsertTerms: p(`INSERT INTO term_frequencies (term, df, version) SELECT value ->> 0, value ->> 1, ? FROM json_each(?) WHERE true
      ON CONFLICT (term) DO UPDATE SET df = excluded.df, version = excluded.version`),
    allTerms: p('SELECT term, df FROM term_frequencies'),
    getCounter: p('SELECT value FROM counters WHERE name = ?'),
    setCounter: p('INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value'),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
