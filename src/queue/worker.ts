// `marsad worker`'s loop: lease a batch of jobs, annotate their pages (outside any lock, in parallel with the other
// workers), then in one exclusive store transaction place and store the articles and settle the jobs; then, outside the
// lock, build the views of the touched stories and write those still current in a short exclusive section.
// Input: a Store holding queued jobs. Output: stored articles, settled jobs, story views, per-batch log lines.
import { performance } from 'node:perf_hooks';
import type { Document } from '../document.js';
import { Analyzer, type ArticleEvent, placedArticleEvent } from '../analyze.js';
import { recordEntityNames, RunResults } from '../analyze-finish.js';
import { assembleStories } from '../knowledge/gather.js';
import { storyBasics, type StoryBasics } from '../output/analysis.js';
import { buildPublication, indexRunArticles, publishStaleViews } from '../views/publish.js';
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

/** How often an idle worker looks for stale story views (a crashed worker's), unless the last look found some. */
const STALE_VIEW_SWEEP_MS = 60_000;

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
  /** Time inside the exclusive sections (placing, storing, settling; writing views) and waiting for them. */
  storeMs: number;
  waitMs: number;
  /** Time building story views outside the lock. */
  publishMs: number;
  /** Views not written because their story changed while they were built (the batch that changed it publishes it). */
  viewsSkipped: number;
  /** Stale views rebuilt when idle or before exiting (left behind by a worker that died before publishing). */
  staleViewsRebuilt: number;
  /** CPU time of this process annotating and inside the exclusive section (wall time above also counts other processes' turns on the cores). */
  annotateCpuMs: number;
  storeCpuMs: number;
}

export class QueueWorker {
  /** Holds the indexes (loaded under the writer lock, caught up by every storeBatch) and renders story views. */
  private analyzer: Analyzer;
  private stopping = false;
  /** When rebuildStaleViews last looked (performance.now()); -Infinity: at the first idle moment. */
  private lastSweep = -Infinity;
  /** Whether it found stale views then: more may be left, so the next idle moment looks again. */
  private lastSweepWrote = false;
  private wake: (() => void) | null = null;
  readonly stats: WorkerStats = {
    batches: 0, jobs: 0, articles: 0, duplicates: 0, alreadyStored: 0, failedJobs: 0, retriedBatches: 0, annotateMs: 0, storeMs: 0, waitMs: 0, publishMs: 0, viewsSkipped: 0, staleViewsRebuilt: 0, annotateCpuMs: 0, storeCpuMs: 0,
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
      // With --once, done when nothing is queued or leased (leased jobs may belong to a worker that died: their leases
      // expire, then they are taken).
      const counts = once ? this.store.queue.counts() : null;
      const drained = counts !== null && counts.queued === 0 && counts.leased === 0;
      // Idle: views a dead worker left stale are rebuilt before waiting (looked for once a minute at most: finding none
      // scans every story) and before `--once` exits.
      const sweepDue = drained || this.lastSweepWrote || performance.now() - this.lastSweep >= STALE_VIEW_SWEEP_MS;
      if (sweepDue && this.rebuildStaleViews() > 0) continue;
      if (drained) break;
      await this.sleep(pollSeconds * 1000);
    }
    return this.stats;
  }

  /** One round of publishStaleViews (a batch of stories); how many views it wrote. Errors are logged, not thrown. */
  private rebuildStaleViews(): number {
    this.lastSweep = performance.now();
    try {
      const { written, skipped } = publishStaleViews(this.store, this.context.kb, this.options.batch, this.analyzer.storedArticles);
      this.stats.staleViewsRebuilt += written;
      this.lastSweepWrote = written > 0;
      if (written + skipped > 0) this.log(`rebuilt ${written} stale story views${skipped > 0 ? ` (${skipped} changed meanwhile)` : ''}`);
      return written;
    } catch (error) {
      this.log(`rebuilding stale story views failed: ${String(error)}`);
      this.lastSweepWrote = false;
      return 0;
    }
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

  /**
   * The exclusive section: catch up, place and store, settle the jobs, index the articles for search, and note the
   * touched stories with the state version they now have. All of it commits or none. Publishing follows, outside it.
   */
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
        indexRunArticles(this.store, results.analysed);
      }
      // The stories as this batch left them, and their versions: read under the lock, so they describe the same state.
      const stories = this.analyzer.storyViews(touched).map(storyBasics);
      return { outcomes: settled, results, stories, versions: this.store.serving.storyStateVersions([...touched]) };
    });
    const done = performance.now();
    this.stats.storeCpuMs += cpuMs(process.cpuUsage(cpu0));
    this.stats.waitMs += entered - requested;
    this.stats.storeMs += done - entered;
    this.stats.batches++;
    this.stats.jobs += jobs.length;
    this.analyzer.storedArticles.remember(settled.results.analysed);
    const failed = settled.outcomes.filter((o) => o.status === 'failed').length;
    this.stats.failedJobs += failed;
    const published = this.publish(settled.stories, settled.versions, settled.results);
    this.log(`batch ${this.stats.batches}: ${jobs.length} jobs, ${docs.length} articles, ${failed} failed, ${settled.stories.length} stories (${(done - entered).toFixed(0)} ms stored, ${(entered - requested).toFixed(0)} ms waiting for the store; ${published})`);
  }

  /**
   * The views of the batch's stories, built outside the lock and written in a short exclusive section; a story another
   * batch changed meanwhile is skipped (that batch publishes it). A failure leaves the views stale, not the batch undone:
   * its articles and jobs are committed, and stale views are rebuilt when a worker is idle (rebuildStaleViews).
   */
  private publish(stories: StoryBasics[], versions: ReadonlyMap<string, number>, results: RunResults): string {
    if (stories.length === 0) return 'nothing to publish';
    const t0 = performance.now();
    try {
      const cache = this.analyzer.storedArticles;
      const { articles, knowledge } = assembleStories(this.store, this.context.kb, stories, results.analysed, cache);
      const entities = results.collector.render(stories, knowledge).entities;
      const views = buildPublication(this.store, this.context.kb, stories, versions, articles, knowledge, cache);
      const built = performance.now();
      this.stats.publishMs += built - t0;
      const skipped = this.store.exclusive(() => {
        const entered = performance.now();
        this.stats.waitMs += entered - built;
        recordEntityNames(this.store, entities);
        const skipped = this.store.serving.putStoryViews(views);
        this.stats.storeMs += performance.now() - entered;
        return skipped;
      });
      this.stats.viewsSkipped += skipped.length;
      return `${views.length - skipped.length} views published in ${(performance.now() - t0).toFixed(0)} ms${skipped.length > 0 ? `, ${skipped.length} left to the batch that changed them` : ''}`;
    } catch (error) {
      return `publishing failed, views left stale until an idle worker rebuilds them: ${String(error)}`;
    }
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
