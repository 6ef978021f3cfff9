// `marsad worker`: one of N processes draining the store's job queue (docs/queue.md, docs/deploy.md); stops after the
// batch in hand on SIGINT or SIGTERM. Input: options. Output: a log line per batch, a summary, the exit code.
import { hostname } from 'node:os';
import { inlineAnnotator, workerAnnotator } from '../annotate-pool.js';
import { createPipelineContext } from '../pipeline.js';
import { DEFAULT_WORKER_OPTIONS, QueueWorker } from '../queue/worker.js';
import { openCliStore } from './open-store.js';

export interface WorkerCliOptions {
  db?: string;
  batch?: number;
  once?: boolean;
  /** Lease length in seconds. */
  lease?: number;
  /** Annotation threads; 0 (the default) annotates on the main thread: run one worker process per core instead. */
  workers?: number;
  ner?: boolean;
  poll?: number;
  maxAttempts?: number;
  quiet?: boolean;
}

export async function runWorker(options: WorkerCliOptions): Promise<number> {
  const store = openCliStore('worker', options.db);
  if (!store) return 2;
  const pipeline = { ner: options.ner !== false };
  const context = createPipelineContext(pipeline);
  const threads = options.workers ?? 0;
  const annotator = threads > 0 ? workerAnnotator(threads, pipeline) : inlineAnnotator(context);
  const name = `${hostname()}:${process.pid}`;
  const log = options.quiet ? () => {} : (line: string) => process.stdout.write(`[worker ${name}] ${line}\n`);
  const stop = (): void => worker.stop();
  let worker: QueueWorker;
  try {
    worker = new QueueWorker(store, context, annotator, {
      name,
      batch: options.batch ?? DEFAULT_WORKER_OPTIONS.batch,
      leaseSeconds: options.lease ?? DEFAULT_WORKER_OPTIONS.leaseSeconds,
      pollSeconds: options.poll ?? DEFAULT_WORKER_OPTIONS.pollSeconds,
      once: options.once ?? false,
      maxAttempts: options.maxAttempts ?? DEFAULT_WORKER_OPTIONS.maxAttempts,
    }, log);
    // Always printed (also with --quiet): the models and indexes are loaded, jobs are taken from now on.
    const counts = store.queue.counts();
    process.stdout.write(`[worker ${name}] ready: ${counts.queued} jobs queued, ${counts.leased} leased\n`);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const s = await worker.run();
    const caughtUp = worker.catchUpStats();
    process.stdout.write(`[worker ${name}] done: ${s.jobs} jobs in ${s.batches} batches, ${s.articles} articles stored (${s.duplicates} duplicates), ` +
      `${s.alreadyStored} already stored, ${s.failedJobs} jobs failed; caught up ${caughtUp.batches} times (${caughtUp.stories} stories, ` +
      `${caughtUp.reloads} full reloads); annotating ${seconds(s.annotateMs)} s (CPU ${seconds(s.annotateCpuMs)} s), ` +
      `storing ${seconds(s.storeMs)} s (CPU ${seconds(s.storeCpuMs)} s), waiting for the store ${seconds(s.waitMs)} s, ` +
      `publishing outside it ${seconds(s.publishMs)} s (${s.viewsSkipped} views left to a later batch, ${s.staleViewsRebuilt} stale views rebuilt)\n`);
    return 0;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await annotator.close();
    store.close();
  }
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}
