// The store interface the rest of Marsad uses; SQL lives only in the back ends (src/store/sqlite/).
// Input: analysed articles, entity descriptions, story index changes. Output: stored rows, rebuilt indexes, listings.
import type { Document, EntityType } from '../document.js';
import type { DuplicateIndex, FingerprintRecord } from '../stories/duplicates.js';
import type { Story, StoryIndex } from '../stories/cluster.js';
import type { StoryEntityMention } from '../stories/story-entities.js';
import type { ServingStore } from './serving.js';

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

export interface Store {
  close(): void;
  /** What `marsad serve` reads: story views, events, search (src/store/serving.ts). */
  readonly serving: ServingStore;
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
   * document frequencies); the titles and summaries of changed stories are marked stale, not recomputed.
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
}
