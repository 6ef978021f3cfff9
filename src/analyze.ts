// A run of `analyze`: pages in, stored and placed articles out, in arrival order.
// Input: raw pages or ingest errors. Output: events (article analysed / record failed), streamed to a sink.
import type { Document } from './document.js';
import type { IngestError, RawPage } from './ingest/types.js';
import { isIngestError } from './ingest/types.js';
import type { PipelineContext } from './pipeline.js';
import { inlineAnnotator, type Annotator, type PageOutcome } from './annotate-pool.js';
import type { PreparedPlacement } from './stories/prepare.js';
import type { Story } from './stories/cluster.js';
import type { Store } from './store/store.js';
import { StoredArticleCache } from './knowledge/gather.js';
import { type BatchResult, catchUp, loadIndexes, storeBatch, type StoryIndexes } from './store/batch.js';
import type { SearchText } from './views/search-text.js';
import { indexRunArticles } from './views/publish.js';

export interface AnalyzeOptions {
  /** Publication date (YYYY-MM-DD) for articles whose input gives none. */
  published?: string;
  /** Pages per annotation batch and store transaction. */
  batchSize?: number;
  /** Where annotation runs; the calling thread by default (see workerAnnotator for both cores). */
  annotator?: Annotator;
}

/** Events come in arrival order of the records; an article's `doc` carries no tokens (as in the store). */
export type AnalyzeEvent =
  | {
      kind: 'article'; doc: Document; storyId: string | null; duplicateOf: string | null; alreadyStored: boolean; searchText?: SearchText;
      /** Already in the search index with its stored entity ids (the run indexed it when it stored it). */
      searchIndexed?: boolean;
    }
  | { kind: 'error'; input: string; reason: string; stage: string };

export interface RunStats {
  articles: number;
  alreadyStored: number;
  duplicates: number;
  errors: number;
  touchedStories: Set<string>;
}

/** Runs pages through cleaning, annotation, duplicates, stories and the store. Never throws on bad records. */
export class Analyzer {
  readonly indexes: StoryIndexes;
  /** Stored articles this run read or stored, for the next assemblies of their stories (finishRun). */
  readonly storedArticles = new StoredArticleCache();
  private readonly annotator: Annotator;
  /** Records read since the last dispatch, in arrival order (ingest errors keep their place among the pages). */
  private items: (RawPage | IngestError)[] = [];
  private pageCount = 0;
  /** Batches handed to the annotator, oldest first: placed, stored and reported strictly in this order. */
  private readonly inFlight: { items: (RawPage | IngestError)[]; outcomes: Promise<PageOutcome[][]> }[] = [];

  constructor(
    context: PipelineContext,
    private readonly store: Store,
    private readonly options: AnalyzeOptions = {},
  ) {
    this.indexes = loadIndexes(store);
    this.annotator = options.annotator ?? inlineAnnotator(context);
  }

  async run(items: AsyncIterable<RawPage | IngestError> | Iterable<RawPage | IngestError>, sink: (event: AnalyzeEvent) => void): Promise<RunStats> {
    const stats: RunStats = { articles: 0, alreadyStored: 0, duplicates: 0, errors: 0, touchedStories: new Set() };
    const emit = (event: AnalyzeEvent): void => {
      if (event.kind === 'error') stats.errors++;
      else {
        stats.articles++;
        if (event.alreadyStored) stats.alreadyStored++;
        if (event.duplicateOf) stats.duplicates++;
        if (event.storyId) stats.touchedStories.add(event.storyId);
      }
      sink(event);
    };
    const batchSize = this.options.batchSize ?? 100;
    for await (const item of items) {
      this.items.push(isIngestError(item) ? item : this.withDefaults(item));
      if (!isIngestError(item)) this.pageCount++;
      if (this.pageCount >= batchSize) this.dispatch();
      // Two batches in flight: the annotator works on the next while this thread stores the last.
      while (this.inFlight.length > 2) await this.storeOldest(emit);
    }
    this.dispatch();
    while (this.inFlight.length > 0) await this.storeOldest(emit);
    // Titles and summaries of the stories this run changed, computed once rather than every batch.
    // Under the writer lock and caught up, as storeBatch: another process may be writing the same stories.
    this.store.exclusive(() => {
      catchUp(this.store, this.indexes);
      this.store.refreshStoryViews(this.indexes.stories);
    });
    return stats;
  }

  /** Views (title, summary, members) of stories by id, in memory or in the store; in the order of `ids`. */
  storyViews(ids: Iterable<string>): Story[] {
    return [...ids].map((id) => this.indexes.stories.story(id)).filter((s): s is Story => s !== undefined);
  }

  private withDefaults(page: RawPage): RawPage {
    return page.published || !this.options.published ? page : { ...page, published: this.options.published };
  }

  private dispatch(): void {
    if (this.items.length === 0) return;
    const pages = this.items.filter((item): item is RawPage => !isIngestError(item));
    this.inFlight.push({ items: this.items, outcomes: pages.length > 0 ? this.annotator.analyse(pages) : Promise.resolve([]) });
    this.items = [];
    this.pageCount = 0;
  }

  private async storeOldest(emit: (event: AnalyzeEvent) => void): Promise<void> {
    const batch = this.inFlight.shift()!;
    const outcomes = await batch.outcomes;
    const docs: Document[] = [];
    const prepared: PreparedPlacement[] = [];
    for (const page of outcomes) {
      for (const outcome of page) {
        if (outcome.kind !== 'article') continue;
        docs.push(outcome.doc);
        prepared.push(outcome.prepared);
      }
    }
    const events: AnalyzeEvent[] = [];
    // The batch's new articles enter the search index in the transaction that stores them, as a queue worker does: the
    // index never lacks a stored article, and the work falls in this thread's waits for the annotator rather than
    // after the run (publishRun passes over articles marked searchIndexed).
    this.store.exclusive(() => {
      const placements = docs.length > 0 ? storeBatch(this.store, this.indexes, docs, prepared) : [];
      let nextPage = 0;
      let nextDoc = 0;
      for (const item of batch.items) {
        if (isIngestError(item)) {
          events.push({ kind: 'error', input: item.input, reason: item.reason, stage: 'ingest' });
          continue;
        }
        for (const outcome of outcomes[nextPage++]) {
          if (outcome.kind === 'error') events.push({ kind: 'error', input: outcome.input, reason: outcome.reason, stage: outcome.stage });
          else events.push(placedArticleEvent(this.store, this.indexes, outcome.doc, placements[nextDoc++], outcome.searchText));
        }
      }
      const fresh = events.filter((e): e is ArticleEvent => e.kind === 'article' && !e.alreadyStored);
      if (fresh.length === 0) return;
      indexRunArticles(this.store, fresh);
      for (const event of fresh) event.searchIndexed = true;
    });
    for (const event of events) emit(event);
  }
}

export type ArticleEvent = Extract<AnalyzeEvent, { kind: 'article' }>;

/** The article as stored: a placed one with its merged entity ids (BatchResult.doc), a skipped one with the stored ids. */
export function placedArticleEvent(store: Store, indexes: StoryIndexes, doc: Document, placement: BatchResult, searchText?: SearchText): ArticleEvent {
  if (!placement.skipped) {
    return { kind: 'article', doc: placement.doc, storyId: placement.storyId, duplicateOf: placement.duplicateOf, alreadyStored: false, searchText };
  }
  // Skipped: the same article was stored by an earlier run, or earlier in this one (by another process, for a worker).
  const row = store.getArticleRow(doc.id);
  const storyId = row?.storyId ?? indexes.stories.storyOf(doc.id) ?? null;
  const stored = row ? store.getArticle(doc.id) : null;
  const asStored = stored ? { ...doc, entities: stored.entities } : doc;
  return { kind: 'article', doc: asStored, storyId, duplicateOf: row?.duplicateOf ?? null, alreadyStored: true, searchText };
}
