// The PostgreSQL back end of Store: the same schema, queries and results as the SQLite one (src/store/sqlite/), over a
// synchronous bridge to node-postgres (bridge.ts). One connection per Store; a batch's rows are written with a few
// multi-row statements sent with COMMIT. Input: a postgres:// URL. Output: a Store.
import type { ClaimMention, ClaimStance, Document, EntityMention, EntityType, EventCounts, EventMention, Message, PloverType, QuantityQualifier } from '../../document.js';
import { DuplicateIndex, type FingerprintRecord } from '../../stories/duplicates.js';
import { LIVE_STORY_LIMITS, STORY_TUNING, StoryIndex, antPrior, evictedRouteCounts, type Story, type StoryArchive, type StoryMember, type StoryState } from '../../stories/cluster.js';
import { fromStoryState, storyView } from '../../stories/story-state.js';
import type { PooledSentence } from '../../stories/summary.js';
import type { StoryEntityMention } from '../../stories/story-entities.js';
import { TermStats } from '../../stories/vectors.js';
import { dayNumber } from '../../stories/features.js';
import type { ArticleAnalysis, ArticleRow, ChangeCursor, EntityRecord, ListArticlesOptions, Store, StoreChanges, StoredArticle } from '../store.js';
import type { JobQueue } from '../queue.js';
import { PostgresJobQueue } from './queue-store.js';
import type { ServingStore } from '../serving.js';
import type { SourceStore } from '../sources.js';
import { PgConnection, bulkInsert, type BulkWrite } from './bridge.js';
import { migrate } from './migrate.js';
import { PostgresServingStore } from './serving-store.js';
import { PostgresSourceStore } from './sources-store.js';

export function openPostgresStore(url: string): Store {
  const conn = PgConnection.open(url);
  try {
    migrate(conn);
  } catch (error) {
    conn.close();
    throw error;
  }
  return new PostgresStore(conn);
}

const TEXT = 'text';
const INT = 'integer';
const BIGINT = 'bigint';
const FLOAT = 'double precision';

/** Row writes, each sent as one statement per batch (column order = the values' order in the row arrays). */
const W = {
  article: bulkInsert('articles', [
    ['id', TEXT], ['input', TEXT], ['title', TEXT], ['text', TEXT], ['outlet', TEXT], ['published', TEXT], ['url', TEXT], ['language', TEXT],
    ['duplicate_of', TEXT], ['duplicate_score', FLOAT], ['story_id', TEXT], ['sentences', TEXT], ['messages', TEXT], ['stored_at', TEXT],
  ], ''),
  entityStub: bulkInsert('entities', [['id', TEXT], ['type', TEXT], ['name_ar', TEXT]], 'ON CONFLICT DO NOTHING'),
  mention: bulkInsert('entity_mentions', [
    ['article_id', TEXT], ['entity_id', TEXT], ['type', TEXT], ['start', INT], ['"end"', INT], ['text', TEXT], ['source', TEXT],
  ], 'ON CONFLICT DO NOTHING'),
  time: bulkInsert('times', [['article_id', TEXT], ['start', INT], ['"end"', INT], ['text', TEXT], ['value', TEXT]], 'ON CONFLICT DO NOTHING'),
  quantity: bulkInsert('quantities', [
    ['article_id', TEXT], ['start', INT], ['"end"', INT], ['text', TEXT], ['value', FLOAT], ['unit', TEXT], ['qualifier', TEXT],
  ], 'ON CONFLICT DO NOTHING'),
  event: bulkInsert('events', [
    ['article_id', TEXT], ['position', INT], ['start', INT], ['"end"', INT], ['trigger_start', INT], ['trigger_end', INT], ['type', TEXT],
    ['mode', TEXT], ['context', TEXT], ['qualifiers', TEXT], ['actors', TEXT], ['recipients', TEXT], ['location', TEXT], ['date', TEXT],
    ['counts', TEXT], ['attribution', TEXT], ['status', TEXT],
  ], 'ON CONFLICT DO NOTHING'),
  claim: bulkInsert('claims', [
    ['article_id', TEXT], ['position', INT], ['start', INT], ['"end"', INT], ['speaker', TEXT], ['speaker_text', TEXT], ['unnamed', INT],
    ['cue', TEXT], ['cue_start', INT], ['cue_end', INT], ['stance', TEXT], ['about', TEXT],
  ], 'ON CONFLICT DO NOTHING'),
  fingerprint: bulkInsert('fingerprints', [
    ['article_id', TEXT], ['grp', TEXT], ['exact_hash', TEXT], ['shingle_count', INT], ['signature', 'bytea'], ['duplicate_of', TEXT],
  ], 'ON CONFLICT DO NOTHING'),
  storyArticleAt: bulkInsert('story_articles', [['story_id', TEXT], ['article_id', TEXT], ['position', INT]], 'ON CONFLICT DO NOTHING'),
  entity: bulkInsert('entities', [['id', TEXT], ['type', TEXT], ['name_ar', TEXT], ['name_en', TEXT], ['lon', FLOAT], ['lat', FLOAT]],
    `ON CONFLICT (id) DO UPDATE SET type = excluded.type, name_ar = excluded.name_ar, name_en = excluded.name_en, lon = excluded.lon, lat = excluded.lat`,
    (row) => row[0] as string),
  counter: bulkInsert('counters', [['name', TEXT], ['value', BIGINT]], 'ON CONFLICT (name) DO UPDATE SET value = excluded.value', (row) => row[0] as string),
  term: bulkInsert('term_frequencies', [['term', TEXT], ['df', BIGINT], ['version', BIGINT]],
    'ON CONFLICT (term) DO UPDATE SET df = excluded.df, version = excluded.version', (row) => row[0] as string),
  storyMember: bulkInsert('story_members', [['story_id', TEXT], ['position', INT], ['member', TEXT]], 'ON CONFLICT DO NOTHING'),
  storySentence: bulkInsert('story_sentences', [['story_id', TEXT], ['position', INT], ['sentence', TEXT]], 'ON CONFLICT DO NOTHING'),
  storyState: bulkInsert('story_state', [['story_id', TEXT], ['state', TEXT], ['seq', BIGINT], ['last_day', BIGINT], ['active', INT], ['version', BIGINT]],
    'ON CONFLICT (story_id) DO UPDATE SET state = excluded.state, last_day = excluded.last_day, active = excluded.active, version = excluded.version',
    (row) => row[0] as string),
  markStory: bulkInsert('stories', [
    ['id', TEXT], ['seq', BIGINT], ['title', TEXT], ['summary', TEXT], ['central_article_id', TEXT], ['article_count', INT],
    ['first_published', TEXT], ['last_published', TEXT], ['updated_at', TEXT], ['view_stale', INT],
  ], `ON CONFLICT (id) DO UPDATE SET article_count = excluded.article_count, first_published = excluded.first_published,
      last_published = excluded.last_published, updated_at = excluded.updated_at, view_stale = 1`, (row) => row[0] as string),
  storyView: {
    table: 'stories',
    sql: `UPDATE stories SET title = v.title, summary = v.summary, central_article_id = v.central, view_stale = 0
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS v(title, summary, central, id) WHERE stories.id = v.id`,
    key: (row) => row[3] as string,
  } satisfies BulkWrite,
};

interface ArticleDbRow {
  id: string; input: string; title: string; text: string; outlet: string | null; published: string | null; url: string | null;
  language: string; duplicate_of: string | null; story_id: string | null; sentences: string; messages: string;
}

function toArticleRow(r: ArticleDbRow): ArticleRow {
  return {
    id: r.id, input: r.input, title: r.title, outlet: r.outlet, published: r.published, url: r.url,
    language: r.language, duplicateOf: r.duplicate_of, storyId: r.story_id,
  };
}

const ARTICLE_COLUMNS = 'id, input, title, text, outlet, published, url, language, duplicate_of, story_id, sentences, messages';

/**
 * An article with its layers in one query: each layer a JSON array of value arrays, in the order (and with the tie
 * breaks) SQLite reads them in. Numbers in JSON are PostgreSQL's shortest exact form, so they parse to the same doubles.
 */
const ARTICLE_WITH_LAYERS = `SELECT ${ARTICLE_COLUMNS},
  (SELECT coalesce(json_agg(json_build_array(entity_id, type, start, "end", text, source) ORDER BY start, "end", entity_id), '[]')
    FROM entity_mentions WHERE article_id = a.id)::text AS mentions,
  (SELECT coalesce(json_agg(json_build_array(start, "end", text, value) ORDER BY start, "end"), '[]') FROM times WHERE article_id = a.id)::text AS times,
  (SELECT coalesce(json_agg(json_build_array(start, "end", text, value, unit, qualifier) ORDER BY start, "end"), '[]')
    FROM quantities WHERE article_id = a.id)::text AS quantities,
  (SELECT coalesce(json_agg(json_build_array(start, "end", speaker, speaker_text, unnamed, cue, cue_start, cue_end, stance, about)
    ORDER BY start, "end", cue_start, position), '[]') FROM claims WHERE article_id = a.id)::text AS claims,
  (SELECT coalesce(json_agg(json_build_array(start, "end", trigger_start, trigger_end, type, mode, context, qualifiers, actors, recipients,
    location, date, counts, attribution, status) ORDER BY start, "end", trigger_start, position), '[]') FROM events WHERE article_id = a.id)::text AS events
  FROM articles a`;

interface ArticleWithLayers extends ArticleDbRow {
  mentions: string; times: string; quantities: string; claims: string; events: string;
}

type MentionValues = [string, EntityType, number, number, string, EntityMention['source']];
type TimeValues = [number, number, string, string];
type QuantityValues = [number, number, string, number, string | null, QuantityQualifier | null];
type ClaimValues = [number, number, string | null, string, number, string, number, number, ClaimStance, string];
type EventValues = [number, number, number, number, PloverType, string | null, string | null, string, string, string, string | null, string | null, string, string | null, EventMention['status']];

function toDocument(row: ArticleWithLayers): Document {
  return {
    id: row.id, input: row.input, title: row.title, text: row.text, outlet: row.outlet, published: row.published, url: row.url,
    language: row.language, tokens: [],
    sentences: (JSON.parse(row.sentences) as [number, number][]).map(([start, end]) => ({ start, end })),
    entities: (JSON.parse(row.mentions) as MentionValues[]).map(([entityId, type, start, end, text, source]) => ({ start, end, text, type, entityId, source })),
    times: (JSON.parse(row.times) as TimeValues[]).map(([start, end, text, value]) => ({ start, end, text, value })),
    quantities: (JSON.parse(row.quantities) as QuantityValues[]).map(([start, end, text, value, unit, qualifier]) => ({
      start, end, text, value, ...(unit !== null ? { unit } : {}), ...(qualifier !== null ? { qualifier } : {}),
    })),
    claims: (JSON.parse(row.claims) as ClaimValues[]).map(([start, end, speaker, speakerText, unnamed, cue, cueStart, cueEnd, stance, about]): ClaimMention => ({
      start, end, speaker, speakerText, unnamed: unnamed === 1, cue, cueSpan: { start: cueStart, end: cueEnd }, stance, about: JSON.parse(about) as string[],
    })),
    events: (JSON.parse(row.events) as EventValues[]).map(([start, end, triggerStart, triggerEnd, type, mode, context, qualifiers, actors, recipients, location, date, counts, attribution, status]): EventMention => ({
      start, end, type, ...(mode !== null ? { mode } : {}), ...(context !== null ? { context } : {}),
      qualifiers: JSON.parse(qualifiers) as string[], trigger: { start: triggerStart, end: triggerEnd },
      actors: JSON.parse(actors) as string[], recipients: JSON.parse(recipients) as string[],
      location, date, counts: JSON.parse(counts) as EventCounts, attribution, status,
    })),
    messages: JSON.parse(row.messages) as Message[],
  };
}

type FingerprintValues = [string, string, string, number, Uint8Array, string | null];

function toFingerprintRecord([articleId, group, exactHash, shingleCount, signature, duplicateOf]: FingerprintValues): FingerprintRecord {
  const bytes = new Uint8Array(signature); // a copy: aligned for the Uint32Array view
  return { articleId, group, exactHash, shingleCount, signature: new Uint32Array(bytes.buffer, 0, bytes.byteLength / 4), duplicateOf };
}

/** First key of the writer lock (the second is the schema's hash), so stores in other schemas do not wait on it. */
const WRITER_LOCK = 0x6d617273; // "mars"

/** How many articles storedArticles reads per query. */
const STORED_ARTICLES_PAGE = 200;

class PostgresStore implements Store, StoryArchive {
  readonly serving: ServingStore;
  readonly sources: SourceStore;
  readonly queue: JobQueue;

  constructor(private readonly conn: PgConnection) {
    this.serving = new PostgresServingStore(conn);
    this.sources = new PostgresSourceStore(conn);
    this.queue = new PostgresJobQueue(conn);
  }

  close(): void {
    this.conn.close();
  }

  /** A transaction holding this store's writer lock (an advisory lock keyed by the schema, released at COMMIT). */
  exclusive<T>(fn: () => T): T {
    return this.transaction(() => {
      this.conn.query(`SELECT pg_advisory_xact_lock(${WRITER_LOCK}, hashtext(current_schema()))`);
      return fn();
    });
  }

  changeCursor(): ChangeCursor {
    const [row] = this.conn.queryArrays<[number | null, number | null]>(
      `SELECT (SELECT value FROM counters WHERE name = 'store_version'), (SELECT max(seq) FROM fingerprints)`);
    return { version: row[0] ?? 0, fingerprints: row[1] ?? 0 };
  }

  changesSince(since: ChangeCursor): StoreChanges | null {
    const cursor = this.changeCursor();
    if (cursor.version === since.version && cursor.fingerprints === since.fingerprints) return null;
    const [counters] = this.conn.queryArrays<[number | null, number | null, number | null]>(`SELECT
      (SELECT value FROM counters WHERE name = 'doc_count'), (SELECT value FROM counters WHERE name = 'newest_day'), (SELECT max(seq) FROM story_state)`);
    const fingerprints = this.conn.queryArrays<FingerprintValues>(
      'SELECT article_id, grp, exact_hash, shingle_count, signature, duplicate_of FROM fingerprints WHERE seq > $1 ORDER BY seq', [since.fingerprints]);
    return {
      cursor,
      fingerprints: fingerprints.map(toFingerprintRecord),
      docCount: counters[0] ?? 0,
      newestDay: counters[1] ?? null,
      nextStorySeq: counters[2] === null ? 0 : counters[2] + 1,
      df: this.conn.queryArrays<[string, number]>('SELECT term, df FROM term_frequencies WHERE version > $1 ORDER BY version, term', [since.version]),
      stories: this.conn.column<string>('SELECT state FROM story_state WHERE version > $1 ORDER BY seq', [since.version]).map((s) => JSON.parse(s) as StoryState),
    };
  }

  storyTail(storyId: string, members: number, sentences: number): { members: StoryMember[]; pool: PooledSentence[] } {
    const [row] = this.conn.queryArrays<[string, string]>(`SELECT
        (SELECT coalesce(string_agg(member, ',' ORDER BY position), '') FROM story_members WHERE story_id = $1 AND position >= $2),
        (SELECT coalesce(string_agg(sentence, ',' ORDER BY position), '') FROM story_sentences WHERE story_id = $1 AND position >= $3)`,
    [storyId, members, sentences]);
    return { members: JSON.parse(`[${row[0]}]`) as StoryMember[], pool: JSON.parse(`[${row[1]}]`) as PooledSentence[] };
  }

  /** Counts the commits other connections announced (every write transaction NOTIFYs: see PgConnection). */
  dataVersion(): number {
    return this.conn.othersCommits();
  }

  transaction<T>(fn: () => T): T {
    return this.conn.transaction(fn);
  }

  /**
   * Inside a transaction (a batch asks for every article it places, twice): answered from the ids of stored articles,
   * caught up once per transaction with those stored since (articles are never deleted), and the ids this transaction
   * added; a query per call would cost a round trip to the server each. Outside one: a query.
   */
  hasArticle(id: string): boolean {
    if (!this.conn.inTransaction) return this.conn.queryArrays('SELECT 1 FROM articles WHERE id = $1', [id]).length > 0;
    const ids = this.articleIds;
    if (ids.transaction !== this.conn.transactionNumber) {
      // Pending writes hold no article yet: every putArticle asks here first, so this runs before its rows exist.
      for (const [stored, seq] of this.conn.queryArrays<[string, number]>('SELECT id, seq FROM articles WHERE seq > $1 ORDER BY seq', [ids.seq], { flush: false })) {
        ids.stored.add(stored);
        ids.seq = seq;
      }
      ids.added.clear();
      ids.transaction = this.conn.transactionNumber;
    }
    return ids.stored.has(id) || ids.added.has(id);
  }

  /** What hasArticle knows: committed ids up to `seq`, and the ids transaction number `transaction` added. */
  private readonly articleIds = { stored: new Set<string>(), seq: 0, added: new Set<string>(), transaction: -1 };

  articleCount(): number {
    return this.conn.value<number>('SELECT count(*) FROM articles') ?? 0;
  }

  putArticle(a: ArticleAnalysis): void {
    const doc = a.doc;
    const row = this.conn.addRow.bind(this.conn);
    this.transaction(() => {
      if (this.hasArticle(doc.id)) return;
      this.articleIds.added.add(doc.id);
      row(W.article, [
        doc.id, doc.input, doc.title, doc.text, doc.outlet, doc.published, doc.url, doc.language, a.duplicateOf, a.duplicateScore ?? null,
        a.storyId, JSON.stringify(doc.sentences.map((s) => [s.start, s.end])), JSON.stringify(doc.messages), new Date().toISOString(),
      ]);
      for (const m of doc.entities) {
        row(W.entityStub, [m.entityId, m.type, m.text]);
        row(W.mention, [doc.id, m.entityId, m.type, m.start, m.end, m.text, m.source]);
      }
      for (const t of doc.times) row(W.time, [doc.id, t.start, t.end, t.text, t.value]);
      for (const x of doc.quantities) row(W.quantity, [doc.id, x.start, x.end, x.text, x.value, x.unit ?? null, x.qualifier ?? null]);
      doc.events.forEach((e, position) => row(W.event, [
        doc.id, position, e.start, e.end, e.trigger.start, e.trigger.end, e.type, e.mode ?? null, e.context ?? null,
        JSON.stringify(e.qualifiers), JSON.stringify(e.actors), JSON.stringify(e.recipients), e.location, e.date,
        JSON.stringify(e.counts), e.attribution, e.status,
      ]));
      doc.claims.forEach((c, position) => row(W.claim, [
        doc.id, position, c.start, c.end, c.speaker, c.speakerText, c.unnamed ? 1 : 0, c.cue, c.cueSpan.start, c.cueSpan.end, c.stance,
        JSON.stringify(c.about),
      ]));
      if (a.fingerprint) this.putFingerprint(a.fingerprint);
      if (a.storyId && a.storyPosition !== undefined) row(W.storyArticleAt, [a.storyId, doc.id, a.storyPosition]);
      // Position counted in SQL: a plain statement, so it runs after every row buffered before it.
      else if (a.storyId) {
        this.conn.exec(`INSERT INTO story_articles (story_id, article_id, position)
          VALUES ($1, $2, (SELECT count(*) FROM story_articles WHERE story_id = $1)) ON CONFLICT DO NOTHING`, [a.storyId, doc.id]);
      }
    });
  }

  private putFingerprint(f: FingerprintRecord): void {
    const signature = Buffer.from(f.signature.buffer, f.signature.byteOffset, f.signature.byteLength);
    this.conn.addRow(W.fingerprint, [f.articleId, f.group, f.exactHash, f.shingleCount, signature, f.duplicateOf]);
  }

  getArticle(id: string): Document | null {
    const [row] = this.conn.query<ArticleWithLayers>(`${ARTICLE_WITH_LAYERS} WHERE a.id = $1`, [id]);
    return row ? toDocument(row) : null;
  }

  upsertEntities(records: EntityRecord[]): void {
    this.transaction(() => {
      for (const e of records) this.conn.addRow(W.entity, [e.id, e.type, e.nameAr, e.nameEn, e.lon, e.lat]);
    });
  }

  getEntity(id: string): EntityRecord | null {
    const [row] = this.conn.query<{ id: string; type: EntityType; name_ar: string | null; name_en: string | null; lon: number | null; lat: number | null }>(
      'SELECT id, type, name_ar, name_en, lon, lat FROM entities WHERE id = $1', [id]);
    return row ? { id: row.id, type: row.type, nameAr: row.name_ar, nameEn: row.name_en, lon: row.lon, lat: row.lat } : null;
  }

  storyEntityMentions(storyId: string): StoryEntityMention[] {
    const rows = this.conn.queryArrays<[string, EntityType, string]>(`SELECT m.entity_id, m.type, m.text FROM story_articles AS sa
      JOIN entity_mentions AS m ON m.article_id = sa.article_id WHERE sa.story_id = $1 ORDER BY sa.position, m.start, m."end", m.entity_id`, [storyId]);
    return rows.map(([entityId, type, text]) => ({ entityId, type, text }));
  }

  loadDuplicateIndex(): DuplicateIndex {
    const rows = this.conn.queryArrays<FingerprintValues>('SELECT article_id, grp, exact_hash, shingle_count, signature, duplicate_of FROM fingerprints ORDER BY seq');
    return DuplicateIndex.fromRecords(rows.map(toFingerprintRecord));
  }

  /** The index with the stories a run keeps in memory: the same set an uninterrupted run holds (see LiveStoryLimits). */
  loadStoryIndex(): StoryIndex {
    const docCount = this.counter('doc_count') ?? 0;
    const newestDay = this.counter('newest_day');
    const df = this.conn.queryArrays<[string, number]>('SELECT term, df FROM term_frequencies ORDER BY term');
    const { maxLive, lateDays } = LIVE_STORY_LIMITS;
    const oldestLive = newestDay === null ? Number.MIN_SAFE_INTEGER : newestDay - STORY_TUNING.windowDays - lateDays;
    // Ties on `active` in the order SQLite's plan for this query gives them (undated first, then by day, then written order).
    const stories = this.statesWithMembers(`WHERE last_day IS NULL OR last_day >= $1 ORDER BY active DESC, last_day ASC NULLS FIRST, seq LIMIT $2`,
      [oldestLive, maxLive]);
    const maxSeq = this.conn.value<number | null>('SELECT max(seq) FROM story_state') ?? null;
    const evictedRoutes = evictedRouteCounts(this.statesOutside(new Set(stories.map((s) => s.id))));
    return new StoryIndex({ docCount, df, stories, newestDay, nextSeq: maxSeq === null ? 0 : maxSeq + 1, evictedRoutes }, { archive: this });
  }

  /** Compact states of the stories not in `loaded`, read a page at a time. */
  private *statesOutside(loaded: Set<string>): Generator<StoryState> {
    let after = -1;
    for (;;) {
      const rows = this.conn.queryArrays<[string, string, number]>('SELECT story_id, state, seq FROM story_state WHERE seq > $1 ORDER BY seq LIMIT 1000', [after]);
      for (const [id, state] of rows) if (!loaded.has(id)) yield JSON.parse(state) as StoryState;
      if (rows.length < 1000) return;
      after = rows[rows.length - 1][2];
    }
  }

  storyOfArticle(articleId: string): string | null {
    return this.conn.value<string>('SELECT story_id FROM story_articles WHERE article_id = $1', [articleId]) ?? null;
  }

  storyIds(): string[] {
    return this.conn.column<string>('SELECT story_id FROM story_state ORDER BY seq');
  }

  loadStory(storyId: string): StoryState | null {
    return this.statesWithMembers('WHERE story_id = $1', [storyId])[0] ?? null;
  }

  /** Story states chosen by `where` (conditions, order, limit on story_state s), each with its members and pool, in one query. */
  private statesWithMembers(where: string, params: unknown[]): StoryState[] {
    const rows = this.conn.queryArrays<[string, string, string]>(`SELECT s.state,
        (SELECT coalesce(string_agg(member, ',' ORDER BY position), '') FROM story_members WHERE story_id = s.story_id),
        (SELECT coalesce(string_agg(sentence, ',' ORDER BY position), '') FROM story_sentences WHERE story_id = s.story_id)
      FROM story_state s ${where}`, params);
    return rows.map(([state, members, pool]) => ({
      ...(JSON.parse(state) as StoryState), members: JSON.parse(`[${members}]`) as StoryMember[], pool: JSON.parse(`[${pool}]`) as PooledSentence[],
    }));
  }

  private counter(name: string): number | null {
    return this.conn.value<number>('SELECT value FROM counters WHERE name = $1', [name]) ?? null;
  }

  /** As SQLite's: appends new members and sentences, rewrites the compact state of changed stories, marks them stale. */
  saveStoryIndex(index: StoryIndex): void {
    this.transaction(() => {
      const changes = index.takeChanges();
      const row = this.conn.addRow.bind(this.conn);
      const version = (this.counter('store_version') ?? 0) + 1;
      row(W.counter, ['store_version', version]);
      row(W.counter, ['doc_count', changes.docCount]);
      if (changes.newestDay !== null) row(W.counter, ['newest_day', changes.newestDay]);
      for (const [term, df] of changes.df) row(W.term, [term, df, version]);
      const now = new Date().toISOString();
      for (const { storyId, position, member } of changes.members) {
        row(W.storyMember, [storyId, position, JSON.stringify(member)]);
        row(W.storyArticleAt, [storyId, member.articleId, position]);
      }
      for (const { storyId, position, sentence } of changes.sentences) row(W.storySentence, [storyId, position, JSON.stringify(sentence)]);
      for (const { state, articleCount } of changes.stories) {
        row(W.storyState, [state.id, JSON.stringify(state), state.seq, dayNumber(state.lastPublished), state.active ?? 0, version]);
        const firstMember = changes.members.find((m) => m.storyId === state.id && m.position === 0)?.member.articleId ?? '';
        row(W.markStory, [state.id, state.seq, '', '', firstMember, articleCount, state.firstPublished, state.lastPublished, now, 1]);
      }
    });
  }

  /** Computes the title and summary of every story marked stale, with `index`'s statistics or the stored ones. */
  refreshStoryViews(index?: StoryIndex): number {
    const ids = this.conn.column<string>('SELECT id FROM stories WHERE view_stale = 1 ORDER BY seq');
    if (ids.length === 0) return 0;
    this.transaction(() => {
      for (const id of ids) {
        const view = index ? index.story(id) : this.storyFromStore(id);
        if (view) this.conn.addRow(W.storyView, [view.title, view.summary, view.centralArticleId, id]);
      }
    });
    return ids.length;
  }

  /** A story's view from the store alone: IDF from the stored frequencies of the terms its summary needs. */
  private storyFromStore(id: string): Story | null {
    const state = this.loadStory(id);
    if (!state) return null;
    const terms = [...new Set(state.pool.flatMap((p) => p.terms))];
    const df = this.conn.queryArrays<[string, number]>(
      'SELECT t.term, t.df FROM unnest($1::text[]) WITH ORDINALITY AS u(term, n) JOIN term_frequencies t ON t.term = u.term ORDER BY u.n', [terms]);
    const stats = TermStats.fromState(this.counter('doc_count') ?? 0, df, antPrior());
    return storyView(fromStoryState(state, STORY_TUNING.recentMembers), stats);
  }

  listArticles(options: ListArticlesOptions = {}): ArticleRow[] {
    const limit = options.limit ?? null;
    const offset = options.offset ?? 0;
    const rows = options.storyId !== undefined
      ? this.conn.query<ArticleDbRow>(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE story_id = $1 ORDER BY seq LIMIT $2 OFFSET $3`, [options.storyId, limit, offset])
      : this.conn.query<ArticleDbRow>(`SELECT ${ARTICLE_COLUMNS} FROM articles ORDER BY seq LIMIT $1 OFFSET $2`, [limit, offset]);
    return rows.map(toArticleRow);
  }

  /** Every article with its layers, a page of articles per query. */
  *storedArticles(): Generator<StoredArticle> {
    let after = 0;
    for (;;) {
      const rows = this.conn.query<ArticleWithLayers & { seq: number }>(
        `${ARTICLE_WITH_LAYERS.replace('SELECT ', 'SELECT seq, ')} WHERE a.seq > $1 ORDER BY a.seq LIMIT $2`, [after, STORED_ARTICLES_PAGE]);
      for (const row of rows) yield { doc: toDocument(row), storyId: row.story_id, duplicateOf: row.duplicate_of };
      if (rows.length < STORED_ARTICLES_PAGE) return;
      after = rows[rows.length - 1].seq;
    }
  }

  getArticleRow(id: string): ArticleRow | null {
    const [row] = this.conn.query<ArticleDbRow>(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = $1`, [id]);
    return row ? toArticleRow(row) : null;
  }

  listStories(): Story[] {
    this.refreshStoryViews();
    const rows = this.conn.query<{ id: string; title: string; summary: string; central_article_id: string; article_count: number; first_published: string | null; last_published: string | null; article_ids: string[] }>(
      `SELECT s.id, s.title, s.summary, s.central_article_id, s.article_count, s.first_published, s.last_published,
        coalesce((SELECT array_agg(article_id ORDER BY position) FROM story_articles WHERE story_id = s.id), '{}') AS article_ids
      FROM stories s ORDER BY s.seq`);
    return rows.map((r) => ({
      id: r.id, title: r.title, summary: r.summary, centralArticleId: r.central_article_id, articleCount: r.article_count,
      firstPublished: r.first_published, lastPublished: r.last_published, articleIds: r.article_ids,
    }));
  }
}
