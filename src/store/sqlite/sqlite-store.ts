// The SQLite back end of Store (better-sqlite3): WAL journal, prepared statements, one transaction per batch.
// Input: a database file path (":memory:" for tests). Output: a Store.
import Database from 'better-sqlite3';
import type { ClaimMention, ClaimStance, Document, EntityMention, EntityType, EventCounts, EventMention, Message, PloverType, QuantityQualifier } from '../../document.js';
import { DuplicateIndex, type FingerprintRecord } from '../../stories/duplicates.js';
import { LIVE_STORY_LIMITS, STORY_TUNING, StoryIndex, antPrior, evictedRouteCounts, type Story, type StoryArchive, type StoryMember, type StoryState } from '../../stories/cluster.js';
import { fromStoryState, storyView } from '../../stories/story-state.js';
import type { PooledSentence } from '../../stories/summary.js';
import type { StoryEntityMention } from '../../stories/story-entities.js';
import { TermStats } from '../../stories/vectors.js';
import { dayNumber } from '../../stories/features.js';
import type { ArticleAnalysis, ArticleRow, ChangeCursor, EntityRecord, ListArticlesOptions, Store, StoreChanges, StoredArticle } from '../store.js';
import { migrate } from './migrate.js';
import { SqliteServingStore } from './serving-store.js';
import type { ServingStore } from '../serving.js';
import { SqliteSourceStore } from './sources-store.js';
import type { SourceStore } from '../sources.js';
import { prepareStatements, type Statements } from './statements.js';
import { SqliteJobQueue } from './queue-store.js';
import type { JobQueue } from '../queue.js';
import { SqliteChangeLog, toFingerprintRecord, type FingerprintDbRow } from './changes.js';

export function openSqliteStore(path: string): Store {
  // Workers sharing the file wait for each other's write transactions (docs/queue.md) rather than fail after 5 s; set
  // at construction, so switching a new file to WAL and migrating it wait too.
  const db = new Database(path, { timeout: 60_000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = OFF');
  // A 64 MB page cache keeps the b-tree pages that batches keep touching (indexes, story rows) out of the WAL reads.
  db.pragma('cache_size = -65536');
  // Checkpoint (copy the WAL into the database and sync it) every ~40 MB rather than every 4 MB of batches.
  db.pragma('wal_autocheckpoint = 10000');
  migrate(db);
  return new SqliteStore(db, prepareStatements(db));
}

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

interface EventDbRow {
  article_id: string; position: number; start: number; end: number; trigger_start: number; trigger_end: number;
  type: PloverType; mode: string | null; context: string | null; qualifiers: string; actors: string; recipients: string;
  location: string | null; date: string | null; counts: string; attribution: string | null; status: EventMention['status'];
}

/** An event row's values in the column order of the insertEvent statement (positional: cheaper to bind than names). */
function eventValues(articleSeq: number, articleId: string, position: number, e: EventMention): unknown[] {
  return [
    articleSeq, articleId, position, e.start, e.end, e.trigger.start, e.trigger.end, e.type, e.mode ?? null, e.context ?? null,
    JSON.stringify(e.qualifiers), JSON.stringify(e.actors), JSON.stringify(e.recipients), e.location, e.date,
    JSON.stringify(e.counts), e.attribution, e.status,
  ];
}

function toEvent(r: EventDbRow): EventMention {
  return {
    start: r.start, end: r.end, type: r.type,
    ...(r.mode !== null ? { mode: r.mode } : {}), ...(r.context !== null ? { context: r.context } : {}),
    qualifiers: JSON.parse(r.qualifiers) as string[], trigger: { start: r.trigger_start, end: r.trigger_end },
    actors: JSON.parse(r.actors) as string[], recipients: JSON.parse(r.recipients) as string[],
    location: r.location, date: r.date, counts: JSON.parse(r.counts) as EventCounts, attribution: r.attribution, status: r.status,
  };
}

interface ClaimDbRow {
  article_id: string; position: number; start: number; end: number; speaker: string | null; speaker_text: string;
  unnamed: number; cue: string; cue_start: number; cue_end: number; stance: ClaimStance; about: string;
}

/** A claim row's values in the column order of the insertClaim statement. */
function claimValues(articleSeq: number, articleId: string, position: number, c: ClaimMention): unknown[] {
  return [
    articleSeq, articleId, position, c.start, c.end, c.speaker, c.speakerText, c.unnamed ? 1 : 0, c.cue, c.cueSpan.start, c.cueSpan.end, c.stance,
    JSON.stringify(c.about),
  ];
}

function toClaim(r: ClaimDbRow): ClaimMention {
  return {
    start: r.start, end: r.end, speaker: r.speaker, speakerText: r.speaker_text, unnamed: r.unnamed === 1,
    cue: r.cue, cueSpan: { start: r.cue_start, end: r.cue_end }, stance: r.stance, about: JSON.parse(r.about) as string[],
  };
}

class SqliteStore implements Store, StoryArchive {
  readonly serving: ServingStore;
  readonly sources: SourceStore;
  readonly queue: JobQueue;
  private readonly changes: SqliteChangeLog;

  constructor(private readonly db: Database.Database, private readonly q: Statements) {
    this.queue = new SqliteJobQueue(db);
    this.changes = new SqliteChangeLog(db);
    this.serving = new SqliteServingStore(db);
    this.sources = new SqliteSourceStore(db);
  }

  close(): void {
    this.db.close();
  }

  transaction<T>(fn: () => T): T {
    return this.db.inTransaction ? fn() : this.db.transaction(fn)();
  }

  exclusive<T>(fn: () => T): T {
    // IMMEDIATE takes the write lock at BEGIN: reading the store's changes and then writing cannot meet a newer commit.
    return this.db.inTransaction ? fn() : this.db.transaction(fn).immediate();
  }

  changeCursor(): ChangeCursor {
    return this.changes.cursor();
  }

  changesSince(cursor: ChangeCursor): StoreChanges | null {
    return this.changes.changesSince(cursor);
  }

  storyTail(storyId: string, members: number, sentences: number): { members: StoryMember[]; pool: PooledSentence[] } {
    return this.changes.storyTail(storyId, members, sentences);
  }

  hasArticle(id: string): boolean {
    return this.q.hasArticle.get(id) !== undefined;
  }

  private dataVersionQuery: Database.Statement | null = null;

  dataVersion(): number {
    // SQLite's own counter: it changes when another connection commits (WAL index header), cheap to read.
    this.dataVersionQuery ??= this.db.prepare('PRAGMA data_version').pluck();
    return this.dataVersionQuery.get() as number;
  }

  articleCount(): number {
    return (this.q.countArticles.get() as { n: number }).n;
  }

  putArticle(a: ArticleAnalysis): void {
    const doc = a.doc;
    this.transaction(() => {
      if (this.hasArticle(doc.id)) return;
      // The article's arrival number keys its annotation rows (migration 010).
      const seq = Number(this.q.insertArticle.run({
        id: doc.id, input: doc.input, title: doc.title, text: doc.text, outlet: doc.outlet, published: doc.published, url: doc.url,
        language: doc.language, duplicate_of: a.duplicateOf, duplicate_score: a.duplicateScore ?? null, story_id: a.storyId,
        sentences: JSON.stringify(doc.sentences.map((s) => [s.start, s.end])), messages: JSON.stringify(doc.messages),
        stored_at: new Date().toISOString(),
      }).lastInsertRowid);
      for (const m of doc.entities) {
        this.q.insertEntityStub.run(m.entityId, m.type, m.text);
        this.q.insertMention.run(seq, doc.id, m.entityId, m.type, m.start, m.end, m.text, m.source);
      }
      for (const t of doc.times) this.q.insertTime.run(seq, doc.id, t.start, t.end, t.text, t.value);
      for (const x of doc.quantities) this.q.insertQuantity.run(seq, doc.id, x.start, x.end, x.text, x.value, x.unit ?? null, x.qualifier ?? null);
      doc.events.forEach((e, position) => this.q.insertEvent.run(...eventValues(seq, doc.id, position, e)));
      doc.claims.forEach((c, position) => this.q.insertClaim.run(...claimValues(seq, doc.id, position, c)));
      if (a.fingerprint) this.putFingerprint(a.fingerprint);
      if (a.storyId && a.storyPosition !== undefined) this.q.insertStoryArticleAt.run(a.storyId, doc.id, a.storyPosition);
      else if (a.storyId) this.q.insertStoryArticle.run(a.storyId, doc.id, a.storyId);
    });
  }

  private putFingerprint(f: FingerprintRecord): void {
    const signature = Buffer.from(f.signature.buffer, f.signature.byteOffset, f.signature.byteLength);
    this.q.insertFingerprint.run(f.articleId, f.group, f.exactHash, f.shingleCount, signature, f.duplicateOf);
  }

  getArticle(id: string): Document | null {
    const row = this.q.getArticle.get(id) as ArticleDbRow | undefined;
    if (!row) return null;
    const mentions = this.q.mentionsOf.all(id) as { entity_id: string; type: EntityType; start: number; end: number; text: string; source: EntityMention['source'] }[];
    const times = this.q.timesOf.all(id) as { start: number; end: number; text: string; value: string }[];
    const quantities = this.q.quantitiesOf.all(id) as { start: number; end: number; text: string; value: number; unit: string | null; qualifier: QuantityQualifier | null }[];
    return {
      id: row.id, input: row.input, title: row.title, text: row.text, outlet: row.outlet, published: row.published, url: row.url,
      language: row.language, tokens: [],
      sentences: (JSON.parse(row.sentences) as [number, number][]).map(([start, end]) => ({ start, end })),
      entities: mentions.map((m) => ({ start: m.start, end: m.end, text: m.text, type: m.type, entityId: m.entity_id, source: m.source })),
      times: times.map((t) => ({ start: t.start, end: t.end, text: t.text, value: t.value })),
      quantities: quantities.map((x) => ({
        start: x.start, end: x.end, text: x.text, value: x.value,
        ...(x.unit !== null ? { unit: x.unit } : {}), ...(x.qualifier !== null ? { qualifier: x.qualifier } : {}),
      })),
      claims: (this.q.claimsOf.all(id) as ClaimDbRow[]).map(toClaim),
      events: (this.q.eventsOf.all(id) as EventDbRow[]).map(toEvent),
      messages: JSON.parse(row.messages) as Message[],
    };
  }

  upsertEntities(records: EntityRecord[]): void {
    this.transaction(() => {
      for (const e of records) this.q.upsertEntity.run(e.id, e.type, e.nameAr, e.nameEn, e.lon, e.lat);
    });
  }

  getEntity(id: string): EntityRecord | null {
    const row = this.q.getEntity.get(id) as { id: string; type: EntityType; name_ar: string | null; name_en: string | null; lon: number | null; lat: number | null } | undefined;
    return row ? { id: row.id, type: row.type, nameAr: row.name_ar, nameEn: row.name_en, lon: row.lon, lat: row.lat } : null;
  }

  storyEntityMentions(storyId: string): StoryEntityMention[] {
    const rows = this.q.storyEntityMentions.raw().all(storyId) as [string, EntityType, string][];
    return rows.map(([entityId, type, text]) => ({ entityId, type, text }));
  }

  loadDuplicateIndex(): DuplicateIndex {
    const rows = this.q.allFingerprints.iterate() as IterableIterator<FingerprintDbRow>;
    return DuplicateIndex.fromRecords(
      (function* () {
        for (const r of rows) yield toFingerprintRecord(r);
      })(),
    );
  }

  /** The index with the stories a run keeps in memory: the same set an uninterrupted run holds (see LiveStoryLimits). */
  loadStoryIndex(): StoryIndex {
    const docCount = this.counter('doc_count') ?? 0;
    const newestDay = this.counter('newest_day');
    const df = (this.q.allTerms.raw().all() as [string, number][]);
    const { maxLive, lateDays } = LIVE_STORY_LIMITS;
    const oldestLive = newestDay === null ? -Infinity : newestDay - STORY_TUNING.windowDays - lateDays;
    const stories = (this.q.liveStoryStates.pluck().all(oldestLive, maxLive) as string[]).map((s) => this.withMembers(JSON.parse(s) as StoryState));
    const maxSeq = (this.q.maxStorySeq.get() as { n: number | null }).n;
    const evictedRoutes = evictedRouteCounts(this.statesOutside(new Set(stories.map((s) => s.id))));
    return new StoryIndex({ docCount, df, stories, newestDay, nextSeq: maxSeq === null ? 0 : maxSeq + 1, evictedRoutes }, { archive: this });
  }

  /** Compact states of the stories not in `loaded`, streamed (one pass at load, nothing kept). */
  private *statesOutside(loaded: Set<string>): Generator<StoryState> {
    for (const row of this.q.allStoryStates.raw().iterate() as IterableIterator<[string, string]>) {
      if (!loaded.has(row[0])) yield JSON.parse(row[1]) as StoryState;
    }
  }

  storyOfArticle(articleId: string): string | null {
    return (this.q.storyOfArticle.pluck().get(articleId) as string | undefined) ?? null;
  }

  storyIds(): string[] {
    return this.q.storyIdsBySeq.pluck().all() as string[];
  }

  loadStory(storyId: string): StoryState | null {
    const state = this.q.getStoryState.pluck().get(storyId) as string | undefined;
    return state === undefined ? null : this.withMembers(JSON.parse(state) as StoryState);
  }

  private withMembers(state: StoryState): StoryState {
    const members = (this.q.storyMembers.pluck().all(state.id) as string[]).map((m) => JSON.parse(m) as StoryMember);
    const pool = (this.q.storySentences.pluck().all(state.id) as string[]).map((p) => JSON.parse(p) as PooledSentence);
    return { ...state, members, pool };
  }

  private counter(name: string): number | null {
    return (this.q.getCounter.get(name) as { value: number } | undefined)?.value ?? null;
  }

  /**
   * Appends new members and pool sentences, rewrites the compact state of changed stories and marks their title and
   * summary stale (recomputed by refreshStoryViews or on read): the cost per batch no longer grows with story size.
   */
  saveStoryIndex(index: StoryIndex): void {
    this.transaction(() => {
      const changes = index.takeChanges();
      const version = (this.counter('store_version') ?? 0) + 1;
      this.q.setCounter.run('store_version', version);
      this.q.setCounter.run('doc_count', changes.docCount);
      if (changes.newestDay !== null) this.q.setCounter.run('newest_day', changes.newestDay);
      if (changes.df.length > 0) this.q.upsertTerms.run(version, JSON.stringify(changes.df));
      const now = new Date().toISOString();
      for (const { storyId, position, member } of changes.members) {
        this.q.insertStoryMember.run(storyId, position, JSON.stringify(member));
        this.q.insertStoryArticleAt.run(storyId, member.articleId, position);
      }
      for (const { storyId, position, sentence } of changes.sentences) this.q.insertStorySentence.run(storyId, position, JSON.stringify(sentence));
      for (const { state, articleCount } of changes.stories) {
        this.q.upsertStoryState.run(state.id, JSON.stringify(state), state.seq, dayNumber(state.lastPublished), state.active ?? 0, version);
        const firstMember = changes.members.find((m) => m.storyId === state.id && m.position === 0)?.member.articleId ?? '';
        this.q.markStory.run(state.id, state.seq, firstMember, articleCount, state.firstPublished, state.lastPublished, now);
      }
    });
  }

  /** Computes the title and summary of every story marked stale, with `index`'s statistics or the stored ones. */
  refreshStoryViews(index?: StoryIndex): number {
    const ids = this.q.staleStoryIds.pluck().all() as string[];
    if (ids.length === 0) return 0;
    this.transaction(() => {
      for (const id of ids) {
        const view = index ? index.story(id) : this.storyFromStore(id);
        if (view) this.q.setStoryView.run(view.title, view.summary, view.centralArticleId, id);
      }
    });
    return ids.length;
  }

  /** A story's view from the store alone: IDF from the stored frequencies of the terms its summary needs. */
  private storyFromStore(id: string): Story | null {
    const state = this.loadStory(id);
    if (!state) return null;
    const terms = new Set(state.pool.flatMap((p) => p.terms));
    const df: [string, number][] = [];
    for (const term of terms) {
      const n = this.q.getTerm.pluck().get(term) as number | undefined;
      if (n !== undefined) df.push([term, n]);
    }
    const stats = TermStats.fromState(this.counter('doc_count') ?? 0, df, antPrior());
    return storyView(fromStoryState(state, STORY_TUNING.recentMembers), stats);
  }

  listArticles(options: ListArticlesOptions = {}): ArticleRow[] {
    const rows = (options.storyId !== undefined
      ? this.q.listArticlesOfStory.all(options.storyId, options.limit ?? -1, options.offset ?? 0)
      : this.q.listArticles.all(options.limit ?? -1, options.offset ?? 0)) as ArticleDbRow[];
    return rows.map(toArticleRow);
  }

  *storedArticles(): Generator<StoredArticle> {
    // Ids first: reading each article while a statement iterates would need a second connection.
    const ids = this.q.articleIdsInOrder.pluck().all() as string[];
    for (const id of ids) {
      const doc = this.getArticle(id);
      const row = doc ? this.getArticleRow(id) : null;
      if (doc && row) yield { doc, storyId: row.storyId, duplicateOf: row.duplicateOf };
    }
  }

  getArticleRow(id: string): ArticleRow | null {
    const row = this.q.getArticle.get(id) as ArticleDbRow | undefined;
    return row ? toArticleRow(row) : null;
  }

  listStories(): Story[] {
    this.refreshStoryViews();
    const rows = this.q.listStories.all() as { id: string; title: string; summary: string; central_article_id: string; article_count: number; first_published: string | null; last_published: string | null }[];
    return rows.map((r) => ({
      id: r.id, title: r.title, summary: r.summary, centralArticleId: r.central_article_id, articleCount: r.article_count,
      firstPublished: r.first_published, lastPublished: r.last_published,
      articleIds: this.q.storyArticleIds.pluck().all(r.id) as string[],
    }));
  }
}
