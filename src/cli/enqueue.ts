// `marsad enqueue` and `marsad queue`: reads pages as `analyze` does and queues one job per record for `marsad worker`
// processes; prints the queue's counts. Input: paths, the store. Output: stdout and the exit code (1 when only
// ingest errors were read, 2 when nothing was).
import { readInputs } from '../ingest/read.js';
import { isIngestError, type IngestError, type RawPage } from '../ingest/types.js';
import type { JobQueue } from '../store/queue.js';
import { openCliStore } from './open-store.js';

export interface EnqueueCliOptions {
  db?: string;
  /** Publication date (YYYY-MM-DD) for pages whose input gives none. */
  published?: string;
}

/** Pages per enqueue transaction. */
const ENQUEUE_CHUNK = 500;

export async function runEnqueue(paths: string[], options: EnqueueCliOptions): Promise<number> {
  const store = openCliStore('enqueue', options.db);
  if (!store) return 2;
  try {
    const errors: IngestError[] = [];
    let pages: RawPage[] = [];
    let read = 0;
    let added = 0;
    for await (const item of readInputs(paths)) {
      if (isIngestError(item)) {
        errors.push(item);
        continue;
      }
      // readInputs filled the gaps from folder manifests; --published is what Analyzer.run would add.
      pages.push(item.published || !options.published ? item : { ...item, published: options.published });
      read++;
      if (pages.length >= ENQUEUE_CHUNK) {
        added += store.queue.enqueue(pages);
        pages = [];
      }
    }
    added += store.queue.enqueue(pages);
    const lines = [`queued ${added} of ${read} pages (${read - added} already in the queue)`];
    if (errors.length > 0) {
      lines.push(`ingest errors: ${errors.length}`);
      for (const e of errors) lines.push(`  ${e.input}: ${e.reason}`);
    }
    lines.push(countsLine(store.queue));
    process.stdout.write(lines.join('\n') + '\n');
    return read > 0 ? 0 : errors.length > 0 ? 1 : 2;
  } finally {
    store.close();
  }
}

export function runQueueStatus(options: { db?: string; failures?: number; retryFailed?: boolean }): number {
  const store = openCliStore('queue', options.db);
  if (!store) return 2;
  try {
    const lines: string[] = [];
    if (options.retryFailed) {
      const n = store.queue.requeueFailed();
      lines.push(`queued ${n} failed job${n === 1 ? '' : 's'} again`);
    }
    lines.push(countsLine(store.queue));
    const failures = store.queue.failures(options.failures ?? 10);
    if (failures.length > 0) lines.push('latest failures:');
    for (const f of failures) lines.push(`  ${f.input} (${f.attempts} attempt${f.attempts === 1 ? '' : 's'}): ${f.error}`);
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  } finally {
    store.close();
  }
}

function countsLine(queue: JobQueue): string {
  const c = queue.counts();
  return `queue: ${c.queued} queued, ${c.leased} leased, ${c.done} done, ${c.failed} failed`;
}

