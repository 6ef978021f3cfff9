// `marsad watch`: polls the store's sources (once with --once, else every --interval seconds until SIGINT/SIGTERM),
// analysing and storing every new item. Input: options. Output: the store, progress on stdout, the exit code
// (--once: 0, or 1 when a source could not be polled; 2 when there is no store or no source).
import { DEFAULT_INTERVAL_SECONDS } from './choices.js';
import { Analyzer } from '../analyze.js';
import { inlineAnnotator, workerAnnotator } from '../annotate-pool.js';
import { createPipelineContext } from '../pipeline.js';
import { describeLocation, resolveDbLocation } from '../store/open.js';
import { addSourceFirst, openCliStore } from './open-store.js';
import { createFetcher } from '../watch/fetch/client.js';
import type { FetcherOptions } from '../watch/fetch/types.js';
import { ProgressDisplay, type ProgressEvent, type ProgressSink } from '../watch/progress.js';
import { Watcher, type PollReport, type WatcherOptions } from '../watch/watcher.js';

export interface WatchCliOptions {
  /** A SQLite file or a postgres:// URL (default: MARSAD_DATABASE_URL, else marsad.db). */
  db?: string;
  once?: boolean;
  /** Seconds between the starts of two polls (default 600). */
  interval?: number;
  allowPrivateNetwork?: boolean;
  /** Annotation worker threads (default 1; 0 annotates on the main thread). */
  workers?: number;
  ner?: boolean;
  /** Requests in flight overall, and the pause between two requests to one host in milliseconds. */
  concurrency?: number;
  hostInterval?: number;
  /** Items fetched and analysed together (default 16). */
  batchSize?: number;
}

/** What tests set in-process: the fetcher's limits and timeouts, batch sizes, where progress goes. */
export interface WatchInternals {
  fetcher?: FetcherOptions;
  watcher?: WatcherOptions;
  progress?: ProgressSink;
  /** Called after each poll (tests stop a loop with it). */
  onPoll?: (report: PollReport, stop: () => void) => void;
}


export async function runWatch(options: WatchCliOptions, internals: WatchInternals = {}): Promise<number> {
  const db = resolveDbLocation(options.db);
  const store = openCliStore('watch', db, { missingHint: addSourceFirst });
  if (!store) return 2;
  const pipeline = { ner: options.ner !== false };
  const context = createPipelineContext(pipeline);
  const workers = options.workers ?? 1;
  const annotator = workers > 0 ? workerAnnotator(workers, pipeline) : inlineAnnotator(context);
  const fetcher = createFetcher({
    allowPrivateNetwork: options.allowPrivateNetwork === true,
    concurrency: options.concurrency,
    perHostIntervalMs: options.hostInterval,
    ...internals.fetcher,
  });
  const blocked = new BlockedAddressNotice(internals.progress ?? new ProgressDisplay(process.stdout));
  const intervalMs = (options.interval ?? DEFAULT_INTERVAL_SECONDS) * 1000;
  const watcherOptions = { batchSize: options.batchSize, intervalMs, ...internals.watcher };
  const watcher = new Watcher(store, context.kb, new Analyzer(context, store, { annotator }), fetcher, blocked, watcherOptions);
  const sleeper = new Sleeper();
  const stop = (): void => {
    // A second signal does not wait for the batch: stopping at any moment loses nothing (docs/watch.md).
    if (watcher.stopping) process.exit(130);
    watcher.stop();
    sleeper.wake();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    if (store.sources.listSources().length === 0) {
      process.stderr.write(`marsad watch: ${describeLocation(db)} follows no source yet (add one: marsad sources add NAME URL)\n`);
      if (options.once) return 2;
    }
    for (;;) {
      const started = Date.now();
      const report = await watcher.poll();
      internals.onPoll?.(report, stop);
      if (options.once) return report.failedSources.length > 0 ? 1 : 0;
      if (watcher.stopping) return 0;
      const nextAt = started + intervalMs;
      blocked.report({ kind: 'waiting', nextPollAt: new Date(nextAt).toISOString() });
      await sleeper.sleep(nextAt - Date.now());
      if (watcher.stopping) return 0;
    }
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    blocked.close();
    if (blocked.sawBlocked && !options.allowPrivateNetwork) {
      process.stderr.write('marsad watch: addresses in private, loopback or link-local networks were refused; pass --allow-private-network to fetch from them\n');
    }
    await fetcher.close();
    await annotator.close();
    store.close();
  }
}

/** Passes progress on, noting whether any address was refused (the run ends with a hint about the option). */
class BlockedAddressNotice implements ProgressSink {
  sawBlocked = false;
  constructor(private readonly inner: ProgressSink) {}
  report(event: ProgressEvent): void {
    if ((event.kind === 'poll-failed' || event.kind === 'item-failed') && event.code === 'blocked-address') this.sawBlocked = true;
    this.inner.report(event);
  }
  close(): void {
    this.inner.close();
  }
}

/** A wait that a signal can cut short. */
class Sleeper {
  private wakeUp: (() => void) | null = null;
  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done(): void {
        clearTimeout(timer);
        self.wakeUp = null;
        resolve();
      }
      this.wakeUp = done;
    });
  }
  wake(): void {
    this.wakeUp?.();
  }
}
