// Page analysis off the main thread: workers clean (or the caller does), annotate and prepare (fingerprint, term
// counts) batches of pages while the main thread places and stores earlier ones, so both cores work. Results come back
// in arrival order.
import { Worker } from 'node:worker_threads';
import type { ArticleDraft, Document } from './document.js';
import type { RawPage } from './ingest/types.js';
import { cleanPage } from './clean/clean.js';
import { annotateArticle, type PipelineContext, type PipelineOptions } from './pipeline.js';
import { articleId } from './stories/ids.js';
import { type PreparedPlacement, preparePlacement } from './stories/prepare.js';
import { type SearchText, searchText } from './views/search-text.js';

/**
 * One article ready to place: its Document without tokens (they stay on the worker; the store does not keep them
 * either), what placing needs from them and its words' search forms. An error value names the record and the stage that
 * failed.
 */
export type PageOutcome =
  | { kind: 'article'; doc: Document; prepared: PreparedPlacement; searchText: SearchText }
  | { kind: 'error'; input: string; reason: string; stage: 'clean' | 'annotate' };

/** A page cleaned into article drafts, or the error value that cleaning it gave. */
export type CleanedPage = { kind: 'drafts'; input: string; drafts: ArticleDraft[] } | Extract<PageOutcome, { kind: 'error' }>;

/** Pages as read, or already cleaned by the thread that sends them (workerAnnotator's cleanOnCaller). */
export type AnalysisRequest = { seq: number; cleaned: false; pages: RawPage[] } | { seq: number; cleaned: true; pages: CleanedPage[] };

/** Cleans one page into article drafts; never throws: a failure or an empty page is an error value. */
export function cleanForAnalysis(page: RawPage): CleanedPage {
  let drafts;
  try {
    drafts = cleanPage(page).articles;
  } catch (error) {
    return { kind: 'error', input: page.input, reason: `cleaning failed: ${String(error)}`, stage: 'clean' };
  }
  if (drafts.length === 0) return { kind: 'error', input: page.input, reason: 'no article text left after removing boilerplate', stage: 'clean' };
  return { kind: 'drafts', input: page.input, drafts };
}

/** Annotates the drafts of one cleaned page; never throws: failures are error values, one per record. */
export function annotateCleaned(page: CleanedPage, context: PipelineContext): PageOutcome[] {
  if (page.kind === 'error') return [page];
  return page.drafts.map((draft): PageOutcome => {
    try {
      const doc = annotateArticle(draft, context, articleId(draft));
      const prepared = preparePlacement(doc);
      return { kind: 'article', doc: { ...doc, tokens: [] }, prepared, searchText: searchText(doc) };
    } catch (error) {
      return { kind: 'error', input: draft.input, reason: `annotation failed: ${String(error)}`, stage: 'annotate' };
    }
  });
}

/** Cleans one page into articles and annotates each; never throws: failures are error values, one per record. */
export function analysePage(page: RawPage, context: PipelineContext): PageOutcome[] {
  return annotateCleaned(cleanForAnalysis(page), context);
}

export function analysePages(pages: RawPage[], context: PipelineContext): PageOutcome[][] {
  return pages.map((page) => analysePage(page, context));
}

/** What a worker thread does with a request. */
export function answerRequest(request: AnalysisRequest, context: PipelineContext): PageOutcome[][] {
  return request.cleaned ? request.pages.map((page) => annotateCleaned(page, context)) : analysePages(request.pages, context);
}

export interface Annotator {
  /** The outcomes of each page, in the order of `pages`. */
  analyse(pages: RawPage[]): Promise<PageOutcome[][]>;
  close(): Promise<void>;
}

/** Analyses on the calling thread: no start-up cost, for small runs and tests. */
export function inlineAnnotator(context: PipelineContext): Annotator {
  return {
    analyse: async (pages) => analysePages(pages, context),
    close: async () => {},
  };
}

export interface WorkerAnnotatorOptions {
  /**
   * Clean pages on the calling thread and send the workers their drafts. By default with one worker: on two cores the
   * calling thread (which places and stores) waits for the annotating one about a fifth of the time, and cleaning is a
   * tenth of that one's work; with more workers the calling thread is the one everything waits for.
   */
  cleanOnCaller?: boolean;
}

/** Round-robins batches over `size` workers; each worker answers its batches in order. */
export function workerAnnotator(size: number, pipeline: PipelineOptions = {}, options: WorkerAnnotatorOptions = {}): Annotator {
  const cleanOnCaller = options.cleanOnCaller ?? size === 1;
  const workers = Array.from({ length: size }, () => new Worker(new URL('./annotate-worker.js', import.meta.url), { workerData: pipeline }));
  const waiting = new Map<number, { resolve: (r: PageOutcome[][]) => void; reject: (e: Error) => void }>();
  let seq = 0;
  for (const worker of workers) {
    worker.on('message', (message: { seq: number; results: PageOutcome[][] }) => {
      waiting.get(message.seq)?.resolve(message.results);
      waiting.delete(message.seq);
    });
    worker.on('error', (error) => {
      for (const pending of waiting.values()) pending.reject(error);
      waiting.clear();
    });
  }
  return {
    analyse(pages) {
      const request: AnalysisRequest = cleanOnCaller ? { seq: seq++, pages: pages.map(cleanForAnalysis), cleaned: true } : { seq: seq++, pages, cleaned: false };
      return new Promise((resolve, reject) => {
        waiting.set(request.seq, { resolve, reject });
        workers[request.seq % workers.length].postMessage(request);
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
