// A run of `analyze`: pages in, stored and placed articles out, in arrival order.
// Input: raw pages or ingest errors. Output: events (article analysed / record failed), streamed to a sink.
import type { Document } from './document.js';
import type { IngestError, RawPage } from './ingest/types.js';
import { isIngestError } from './ingest/types.js';
import { applyManifest, ManifestCache } from './ingest/manifest.js';
import { cleanPage } from './clean/clean.js';
import type { PipelineContext } from './pipeline.js';
import { inlineAnnotator, type AnnotationResult, type Annotator, type IdentifiedDraft } from './annotate-pool.js';
import { articleId } from './stories/ids.js';
import type { Store } from './store/store.js';
import { loadIndexes, storeBatch, type StoryIndexes } from './store/batch.js';

export interface AnalyzeOptions {
  /** Publication date (YYYY-MM-DD) for articles whose input gives none. */
  published?: string;
  /** Articles per annotation batch and store transaction. */
  batchSize?: number;
  /** Where annotation runs; the calling thread by default (see workerAnnotator for both cores). */
  annotator?: Annotator;
}

export type AnalyzeEvent =
  | { kind: 'article'; doc: Document; storyId: string | null; duplicateOf: string | null; alreadyStored: boolean }
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
  private readonly manifests = new ManifestCache();
  private readonly annotator: Annotator;
  private drafts: IdentifiedDraft[] = [];
  /** Batches handed to the annotator, oldest first: placed and stored strictly in this order. */
  private readonly inFlight: Promise<AnnotationResult[]>[] = [];

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
      if (isIngestError(item)) emit({ kind: 'error', input: item.input, reason: item.reason, stage: 'ingest' });
      else this.cleanPage(item, emit);
      if (this.drafts.length >= batchSize) this.dispatch();
      // Two batches in flight: the annotator works on the next while this thread stores the last.
      while (this.inFlight.length > 2) await this.storeOldest(emit);
    }
    this.dispatch();
    while (this.inFlight.length > 0) await this.storeOldest(emit);
    return stats;
  }

  private cleanPage(raw: RawPage, emit: (event: AnalyzeEvent) => void): void {
    const page = this.withDefaults(applyManifest(raw, this.manifests));
    let drafts;
    try {
      drafts = cleanPage(page).articles;
    } catch (error) {
      emit({ kind: 'error', input: page.input, reason: `cleaning failed: ${String(error)}`, stage: 'clean' });
      return;
    }
    if (drafts.length === 0) {
      emit({ kind: 'error', input: page.input, reason: 'no article text left after removing boilerplate', stage: 'clean' });
      return;
    }
    for (const draft of drafts) this.drafts.push({ id: articleId(draft), draft });
  }

  private withDefaults(page: RawPage): RawPage {
    return page.published || !this.options.published ? page : { ...page, published: this.options.published };
  }

  private dispatch(): void {
    if (this.drafts.length === 0) return;
    this.inFlight.push(this.annotator.annotate(this.drafts));
    this.drafts = [];
  }

  private async storeOldest(emit: (event: AnalyzeEvent) => void): Promise<void> {
    const results = await this.inFlight.shift()!;
    const docs: Document[] = [];
    for (const result of results) {
      if (result.ok) docs.push(result.doc);
      else emit({ kind: 'error', input: result.input, reason: result.reason, stage: 'annotate' });
    }
    if (docs.length === 0) return;
    const placements = storeBatch(this.store, this.indexes, docs);
    placements.forEach((placement, i) => {
      const doc = docs[i];
      if (!placement.skipped) {
        emit({ kind: 'article', doc, storyId: placement.storyId, duplicateOf: placement.duplicateOf, alreadyStored: false });
        return;
      }
      // Skipped: the same article was stored by an earlier run, or earlier in this one.
      const row = this.store.getArticleRow(doc.id);
      const storyId = row?.storyId ?? this.indexes.stories.storyOf(doc.id) ?? null;
      emit({ kind: 'article', doc, storyId, duplicateOf: row?.duplicateOf ?? null, alreadyStored: true });
    });
  }
}
