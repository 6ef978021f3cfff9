// The store interface the rest of Marsad uses; SQL lives only in the back ends (src/store/sqlite/).
// Input: analysed articles, entity descriptions, story index changes. Output: stored rows, rebuilt indexes, listings.
import type { Document, EntityType } from '../document.js';
import type { DuplicateIndex, FingerprintRecord } from '../stories/duplicates.js';
import type { Story, StoryIndex, StoryMember, StoryState } from '../stories/cluster.js';
import type { PooledSentence } from '../stories/summary.js';
import type { StoryEntityMention } from '../stories/story-entities.js';
import type { ServingStore } from './serving.js';
import type { SourceStore } from './sources.js';
import type { JobQueue } from './queue.js';

/** One analysed article with the links the duplicates-and-stories stage gave it. */
export interface ArticleAnalysis {
  doc: Document;
  duplicateOf: string | null;
  duplicateScore?: number | null;
  storyId: string | null;
  /** The article's position among its story's members (StoryIndex.memberCount − 1 after placing); else counted. */
  storyPosition?: number;
  /** The duplicate fingerprint (DuplicateIndex.add's result); without it the article is not found as an original later. */
  fingerprint?: FingerprintRecord | null;
}

export interface ArticleRow {
  id: string;
  input: string;
  title: string;
  outlet: string | null;
  published: string | null;
  url: string | null;
  language: string;
  duplicateOf: string | null;
  storyId: string | null;
}

/** A stored article as getArticle returns it, with the links its row holds. */
export interface StoredArticle {
  doc: Document;
  storyId: string | null;
  duplicateOf: string | null;
}

export interface EntityRecord {
  id: string;
  type: EntityType;
  nameAr: string | null;
  nameEn: string | null;
  lon: number | null;
  lat: number | null;
}

export interface ListArticlesOptions {
  storyId?: string;
  limit?: number;
  offset?: number;
}

/**
 * Where a process's in-memory indexes stand in the store's history (docs/queue.md): the store version (a counter each
 * saveStoryIndex increments) and the last fingerprint sequence number they hold. Opaque outside the back ends.
 */
export interface ChangeCursor {
  version: number;
  fingerprints: number;
}

/** What was stored after a cursor: enough to bring loaded indexes up to date without reloading them. */
export interface StoreChanges {
  /** The store's position now. */
  cursor: ChangeCursor;
  /** Fingerprints stored after the cursor, in arrival order. */
  fingerprints: FingerprintRecord[];
  /** The counters as saved now (absolute values). */
  docCount: number;
  newestDay: number | null;
  /** One past the highest story seq saved. */
  nextStorySeq: number;
  /** Terms whose document frequency was saved after the cursor, with their frequency now. */
  df: [string, number][];
  /** Compact states (members and pool empty) of the stories saved after the cursor, by seq. */
  stories: StoryState[];
}

export interface Store {
  close(): void;
  /** The jobs `marsad worker` processes share (src/store/queue.ts). */
  readonly queue: JobQueue;
  /**
   * Runs `fn` as a write transaction holding the store-wide writer lock, so processes sharing the store place and store
   * articles one at a time (SQLite: BEGIN IMMEDIATE; PostgreSQL: pg_advisory_xact_lock). Nested calls join the outer
   * transaction; call it outermost (inside a plain `transaction` it cannot take the lock first).
   */
  exclusive<T>(fn: () => T): T;
  /** The store's position now (read it inside `exclusive` to pair it with what was loaded or written there). */
  changeCursor(): ChangeCursor;
  /** What was stored after `cursor`, or null when nothing was (the cheap, common answer). */
  changesSince(cursor: ChangeCursor): StoreChanges | null;
  /** A story's members from position `members` on and pool sentences from position `sentences` on. */
  storyTail(storyId: string, members: number, sentences: number): { members: StoryMember[]; pool: PooledSentence[] };
  /** What `marsad serve` reads: story views, events, search (src/store/serving.ts). */
  readonly serving: ServingStore;
  /** The outlets `marsad watch` follows and the items their feeds listed (src/store/sources.ts). */
  readonly sources: SourceStore;
  /** Runs `fn` atomically: all of its writes land or none do. Nested calls join the outer transaction. */
  transaction<T>(fn: () => T): T;
  hasArticle(id: string): boolean;
  /** Stores the article, its annotation layers, its fingerprint and its story membership. A stored id is left unchanged. */
  putArticle(analysis: ArticleAnalysis): void;
  /** The stored Document (without tokens, which are recomputed from the text when needed), or null. */
  getArticle(id: string): Document | null;
  /** The stored article's row (provenance, story and duplicate links), or null. */
  getArticleRow(id: string): ArticleRow | null;
  /** Names and coordinates of entities (from the knowledge base); mentions alone only record id and type. */
  upsertEntities(records: EntityRecord[]): void;
  getEntity(id: string): EntityRecord | null;
  /** Entity mentions of a story's stored articles, in story order then text order (what StoryEntities is rebuilt from). */
  storyEntityMentions(storyId: string): StoryEntityMention[];
  /** A DuplicateIndex holding the fingerprints of every stored article, in arrival order. */
  loadDuplicateIndex(): DuplicateIndex;
  loadStoryIndex(): StoryIndex;
  /**
   * Writes what changed in `index` since it was loaded or last saved (story states, new members and summary sentences,
   * document frequencies); the titles and summaries of changed stories are marked stale, not recomputed. Increments
   * the store version and records it on each story state and term it writes (what changesSince reads).
   */
  saveStoryIndex(index: StoryIndex): void;
  /** Recomputes stale titles and summaries (with `index`'s statistics when given); returns how many. */
  refreshStoryViews(index?: StoryIndex): number;
  /** Articles in arrival order. */
  listArticles(options?: ListArticlesOptions): ArticleRow[];
  /** Every stored article with its layers and links, in arrival order (what `marsad export` renders). */
  storedArticles(): Iterable<StoredArticle>;
  /** Every story with a fresh title and summary (stale ones are recomputed first). */
  listStories(): Story[];
  articleCount(): number;
  /**
   * A number that changes whenever another connection (another process) commits to the store, so a long-running
   * reader (`serve`) knows its caches and in-memory indexes are stale. A connection's own commits need not change it.
   */
  dataVersion(): number;
}
