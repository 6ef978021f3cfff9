// A run of `analyze`: pages in, stored and placed articles out, in arrival order.
// Input: raw pages or ingest errors. Output: events (article analysed / record failed), streamed to a sink.
import type { Document } from './document.js';
import type { IngestError, RawPage } from './ingest/types.js';
import { isIngestError } from './ingest/types.js';
import { applyManifest, ManifestCache } from './ingest/manifest.js';
import { cleanPage } from './clean/clean.js';
import { annotateArticle, type PipelineContext } from './pipeline.js';
import { articleId } from './stories/ids.js';
import type { Store } from './store/store.js';
import { loadIndexes, storeBatch, type StoryIndexes } from './store/batch.js';

export interface AnalyzeOptions {
  /** Publication date (YYYY-MM-DD) for articles whose input gives none. */
  published?: string;
  /** Articles per store transaction. */
  batchSize?: number;
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
  private pending: Document[] = [];

  constructor(
    private readonly context: PipelineContext,
    private readonly store: Store,
    private readonly options: AnalyzeOptions = {},
  ) {
    this.indexes = loadIndexes(store);
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
    for await (const item of items) {
      if (isIngestError(item)) emit({ kind: 'error', input: item.input, reason: item.reason, stage: 'ingest' });
      else this.analysePage(item, emit);
      if (this.pending.length >= (this.options.batchSize ?? 100)) this.flush(emit);
    }
    this.flush(emit);
    return stats;
  }

  private analysePage(raw: RawPage, emit: (event: AnalyzeEvent) => void): void {
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
    for (const draft of drafts) {
      try {
        this.pending.push(annotateArticle(draft, this.context, articleId(draft)));
      } catch (error) {
        // A bug in a stage must not stop the batch: report it against the record and go on.
        emit({ kind: 'error', input: draft.input, reason: `annotation failed: ${String(error)}`, stage: 'annotate' });
      }
    }
  }

  private withDefaults(page: RawPage): RawPage {
    return page.published || !this.options.published ? page : { ...page, published: this.options.published };
  }

  private flush(emit: (event: AnalyzeEvent) => void): void {
    if (this.pending.length === 0) return;
    const docs = this.pending;
    this.pending = [];
    const results = storeBatch(this.store, this.indexes, docs);
    results.forEach((result, i) => {
      const doc = docs[i];
      if (!result.skipped) {
        emit({ kind: 'article', doc, storyId: result.storyId, duplicateOf: result.duplicateOf, alreadyStored: false });
        return;
      }
      const row = this.store.getArticleRow(doc.id);
      // Skipped: the same article was stored by an earlier run, or earlier in this one.
      const storyId = row?.storyId ?? this.indexes.stories.storyOf(doc.id) ?? null;
      emit({ kind: 'article', doc, storyId, duplicateOf: row?.duplicateOf ?? null, alreadyStored: true });
    });
  }
}
