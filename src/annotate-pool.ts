// Annotation off the main thread: a pool of worker threads annotates batches of drafts while the
// main thread places and stores earlier ones, so both cores work. Results come back in arrival order.
import { Worker } from 'node:worker_threads';
import type { ArticleDraft, Document } from './document.js';
import { annotateArticle, type PipelineContext } from './pipeline.js';

export interface IdentifiedDraft {
  id: string;
  draft: ArticleDraft;
}

export type AnnotationResult = { ok: true; doc: Document } | { ok: false; input: string; reason: string };

export interface AnnotationRequest {
  seq: number;
  drafts: IdentifiedDraft[];
}

/** Annotates each draft; a stage that throws yields an error value for that draft, not for the batch. */
export function annotateDrafts(drafts: IdentifiedDraft[], context: PipelineContext): AnnotationResult[] {
  return drafts.map(({ id, draft }) => {
    try {
      return { ok: true, doc: annotateArticle(draft, context, id) };
    } catch (error) {
      return { ok: false, input: draft.input, reason: `annotation failed: ${String(error)}` };
    }
  });
}

export interface Annotator {
  annotate(drafts: IdentifiedDraft[]): Promise<AnnotationResult[]>;
  close(): Promise<void>;
}

/** Annotates on the calling thread: no start-up cost, for small runs and tests. */
export function inlineAnnotator(context: PipelineContext): Annotator {
  return {
    annotate: async (drafts) => annotateDrafts(drafts, context),
    close: async () => {},
  };
}

/** Round-robins batches over `size` workers; each worker answers its batches in order. */
export function workerAnnotator(size: number): Annotator {
  const workers = Array.from({ length: size }, () => new Worker(new URL('./annotate-worker.js', import.meta.url)));
  const waiting = new Map<number, { resolve: (r: AnnotationResult[]) => void; reject: (e: Error) => void }>();
  let seq = 0;
  for (const worker of workers) {
    worker.on('message', (message: { seq: number; results: AnnotationResult[] }) => {
      waiting.get(message.seq)?.resolve(message.results);
      waiting.delete(message.seq);
    });
    worker.on('error', (error) => {
      for (const pending of waiting.values()) pending.reject(error);
      waiting.clear();
    });
  }
  return {
    annotate(drafts) {
      const request: AnnotationRequest = { seq: seq++, drafts };
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
