// `marsad worker`'s loop: lease a batch of jobs, annotate their pages (outside any lock, in parallel with the other
// workers), then in one exclusive store transaction place and store the articles, settle the jobs and publish the
// touched stories. Input: a Store holding queued jobs. Output: stored articles, settled jobs, per-batch log lines.
import { performance } from 'node:perf_hooks';
import type { Document } from '../document.js';
import { Analyzer, type ArticleEvent, placedArticleEvent } from '../analyze.js';
import { finishRun, RunResults } from '../analyze-finish.js';
import type { Annotator, PageOutcome } from '../annotate-pool.js';
import type { PipelineContext } from '../pipeline.js';
import type { PreparedPlacement } from '../stories/prepare.js';
import { type BatchResult, type CatchUpStats, storeBatch } from '../store/batch.js';
import type { Job, JobOutcome } from '../store/queue.js';
import type { Store } from '../store/store.js';
import type { SearchText } from '../views/search-text.js';

export interface WorkerOptions {
  /** Who holds the leases (host:pid). */
  name: string;
  /** Jobs leased and stored together. */
  batch: number;
  leaseSeconds: number;
  /** How long to sleep when no job is claimable. */
  pollSeconds: number;
  /** Exit once no job is queued or leased (instead of waiting for more). */
  once: boolean;
  /** Claims of one job before it is failed (a page its workers keep dying on). */
  maxAttempts: number;
}

export const DEFAULT_WORKER_OPTIONS: Omit<WorkerOptions, 'name'> = { batch: 100, leaseSeconds: 120, pollSeconds: 2, once: false, maxAttempts: 3 };

export interface WorkerStats {
  batches: number;
  jobs: number;
  articles: number;
  duplicates: number;
  /** Articles another worker (or an earlier lease of the job) had stored already. */
  alreadyStored: number;
  /** Jobs failed for good: every record of the page rejected, or attempts exhausted after errors. */
  failedJobs: number;
  /** Batches that threw and whose jobs were retried one by one. */
  retriedBatches: number;
  annotateMs: number;
  /** Time inside the exclusive section (placing, storing, settling, publishing) and waiting for it. */
  storeMs: number;
  waitMs: number;
  /** CPU time of this process annotating and inside the exclusive section (wall time above also counts other processes' turns on the cores). */
  annotateCpuMs: number;
  storeCpuMs: number;
}

export class QueueWorker {
  /** Holds the indexes (loaded under the writer lock, caught up by every storeBatch) and renders story views. */
  private analyzer: Analyzer;
  private stopping = false;
  private wake: (() => void) | null = null;
  readonly stats: WorkerStats = {
    batches: 0, jobs: 0, articles: 0, duplicates: 0, alreadyStored: 0, failedJobs: 0, retriedBatches: 0, annotateMs: 0, storeMs: 0, waitMs: 0, annotateCpuMs: 0, storeCpuMs: 0,
  };

  constructor(
    private readonly store: Store,
    private readonly context: PipelineContext,
    private readonly annotator: Annotator,
    private readonly options: WorkerOptions,
    private readonly log: (line: string) => void = () => {},
  ) {
    this.analyzer = new Analyzer(context, store, { annotator });
  }

  /** What catching up with the other workers did so far (src/store/batch.ts catchUp). */
  catchUpStats(): CatchUpStats {
    return this.analyzer.indexes.caughtUp ?? { batches: 0, fingerprints: 0, stories: 0, reloads: 0 };
  }

  /** Finish the batch in hand, then return from run(). */
  stop(): void {
    this.stopping = true;
    this.wake?.();
  }

  async run(): Promise<WorkerStats> {
    const { name, batch, leaseSeconds, maxAttempts, pollSeconds, once } = this.options;
    while (!this.stopping) {
      const jobs = this.store.queue.claim({ worker: name, limit: batch, leaseSeconds, maxAttempts });
      if (jobs.length > 0) {
        await this.process(jobs);
        continue;
      }
      if (once) {
        const counts = this.store.queue.counts();
        // Leased jobs may belong to a worker that died: wait for their leases to expire, then take them.
        if (counts.queued === 0 && counts.leased === 0) break;
      }
      await this.sleep(pollSeconds * 1000);
    }
    return this.stats;
  }

  /** One batch; when it throws, the store rolled back, so the indexes are reloaded and the jobs retried one by one. */
  private async process(jobs: Job[]): Promise<void> {
    let outcomes: PageOutcome[][];
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    try {
      outcomes = await this.annotator.analyse(jobs.map((j) => j.page));
    } catch (error) {
      // An annotation thread died: the pool is unusable. The attempts count, so a page that kills it ends failed.
      for (const job of jobs) this.store.queue.retry(job.id, `annotation failed: ${String(error)}`, this.options.maxAttempts);
      throw error;
    }
    this.stats.annotateMs += performance.now() - t0;
    this.stats.annotateCpuMs += cpuMs(process.cpuUsage(cpu0));
    try {
      this.storeAndSettle(jobs, outcomes);
    } catch (error) {
      this.log(`batch of ${jobs.length} failed: ${String(error)}`);
      this.stats.retriedBatches++;
      this.analyzer = new Analyzer(this.context, this.store, { annotator: this.annotator });
      if (jobs.length === 1) this.store.queue.retry(jobs[0].id, String(error), this.options.maxAttempts);
      else for (const job of jobs) await this.process([job]);
    }
  }

  /** The exclusive section: catch up, place and store, settle the jobs, publish. All of it commits or none. */
  private storeAndSettle(jobs: Job[], outcomes: PageOutcome[][]): void {
    const docs: Document[] = [];
    const prepared: PreparedPlacement[] = [];
    for (const outcome of outcomes.flat()) {
      if (outcome.kind !== 'article') continue;
      docs.push(outcome.doc);
      prepared.push(outcome.prepared);
    }
    const requested = performance.now();
    let entered = 0;
    let cpu0 = process.cpuUsage();
    const settled = this.store.exclusive(() => {
      entered = performance.now();
      cpu0 = process.cpuUsage();
      const placements = docs.length > 0 ? storeBatch(this.store, this.analyzer.indexes, docs, prepared) : [];
      const results = new RunResults(this.context.kb);
      const touched = new Set<string>();
      let next = 0;
      const settled: JobOutcome[] = jobs.map((job, i) => {
        const errors: string[] = [];
        for (const outcome of outcomes[i]) {
          if (outcome.kind === 'error') {
            errors.push(`${outcome.input}: ${outcome.stage}: ${outcome.reason}`);
            results.add({ kind: 'error', input: outcome.input, reason: outcome.reason, stage: outcome.stage });
            continue;
          }
          const event = this.articleEvent(outcome.doc, placements[next++], outcome.searchText);
          if (event.storyId) touched.add(event.storyId);
          results.add(event);
        }
        const stored = errors.length < outcomes[i].length;
        return { id: job.id, status: stored ? 'done' : 'failed', error: errors.length > 0 ? errors.join('; ') : null };
      });
      this.store.queue.settle(settled);
      if (docs.length > 0) {
        this.store.refreshStoryViews(this.analyzer.indexes.stories);
        finishRun(this.store, this.context.kb, this.analyzer, touched, results);
      }
      return { outcomes: settled, touched: touched.size };
    });
    const done = performance.now();
    this.stats.storeCpuMs += cpuMs(process.cpuUsage(cpu0));
    this.stats.waitMs += entered - requested;
    this.stats.storeMs += done - entered;
    this.stats.batches++;
    this.stats.jobs += jobs.length;
    const failed = settled.outcomes.filter((o) => o.status === 'failed').length;
    this.stats.failedJobs += failed;
    this.log(`batch ${this.stats.batches}: ${jobs.length} jobs, ${docs.length} articles, ${failed} failed, ${settled.touched} stories (${(done - entered).toFixed(0)} ms stored, ${(entered - requested).toFixed(0)} ms waiting for the store)`);
  }

  /** The article as stored (as Analyzer reports it), counted. */
  private articleEvent(doc: Document, placement: BatchResult, searchText: SearchText): ArticleEvent {
    if (placement.skipped) this.stats.alreadyStored++;
    else {
      this.stats.articles++;
      if (placement.duplicateOf) this.stats.duplicates++;
    }
    return placedArticleEvent(this.store, this.analyzer.indexes, doc, placement, searchText);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    }).then(() => {
      this.wake = null;
    });
  }
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}
