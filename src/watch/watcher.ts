// One poll of `marsad watch`: every source's feed or section page is fetched (conditionally) and its new items recorded
// as pending; then pending items are fetched, extracted, analysed and stored in batches, and published for `serve`.
// Input: a store, an Analyzer, a Fetcher. Output: store rows, progress events, and a report of the poll.
import type { Analyzer, AnalyzeEvent } from '../analyze.js';
import { finishRun, RunResults } from '../analyze-finish.js';
import type { RawPage } from '../ingest/types.js';
import type { KnowledgeBase } from '../kb/kb.js';
import type { ItemOutcome, SourceItem, SourceRecord } from '../store/sources.js';
import type { Store } from '../store/store.js';
import { extractArticlePage } from './article-page.js';
import type { FetchFailure, Fetcher, FetchOutcome } from './fetch/types.js';
import type { ProgressSink } from './progress.js';
import { FEED_ACCEPT, listSourceItems, PAGE_ACCEPT } from './listing.js';

export interface WatcherOptions {
  /** Items fetched together and analysed in one batch (one store transaction, one publish). */
  batchSize?: number;
  /** Attempts (one per poll) before an item failing transiently (5xx, timeout, reset) is given up. */
  maxItemAttempts?: number;
  now?: () => Date;
  /** The time between polls: the unit of a failing source's backoff (default 600 s). */
  intervalMs?: number;
  /** The longest a failing source is left alone (default 1 hour). */
  maxBackoffMs?: number;
}

export interface PollReport {
  sources: number;
  /** Sources whose feed or page could not be fetched or read this poll. */
  failedSources: string[];
  /** Sources left out of this poll because they kept failing (backoff; see sourceDue). */
  deferredSources: string[];
  newItems: number;
  stored: number;
  failed: number;
  /** True when the poll stopped early because stop() was called. */
  stopped: boolean;
}

/** Failures worth retrying at the next poll; anything else (4xx, too large, blocked, robots, loops) is final. */
function isTransient(failure: FetchFailure): boolean {
  if (failure.code === 'timeout' || failure.code === 'connect' || failure.code === 'dns') return true;
  return failure.code === 'http' && (failure.status === undefined || failure.status >= 500 || failure.status === 429);
}

type ItemFetch = { item: SourceItem; source: SourceRecord; outcome: FetchOutcome };

/** An item's outcome, and what to tell the progress display about it. */
interface Settled {
  item: SourceItem;
  source: SourceRecord;
  outcome: ItemOutcome;
  code: string;
  duplicate?: boolean;
}

export class Watcher {
  private stopRequested = false;
  private readonly batchSize: number;
  private readonly maxItemAttempts: number;
  private readonly intervalMs: number;
  private readonly maxBackoffMs: number;
  private readonly now: () => Date;

  constructor(
    private readonly store: Store,
    private readonly kb: KnowledgeBase,
    private readonly analyzer: Analyzer,
    private readonly fetcher: Fetcher,
    private readonly progress: ProgressSink,
    options: WatcherOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 16;
    this.maxItemAttempts = options.maxItemAttempts ?? 3;
    this.now = options.now ?? (() => new Date());
    this.intervalMs = options.intervalMs ?? 600_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 3_600_000;
  }

  /** Ends the poll after the batch in progress (items not started stay pending). */
  stop(): void {
    this.stopRequested = true;
  }

  get stopping(): boolean {
    return this.stopRequested;
  }

  /** Polls every source once, then processes every pending item (new ones and ones left by an earlier run). */
  async poll(): Promise<PollReport> {
    const sources = this.store.sources.listSources();
    const report: PollReport = { sources: sources.length, failedSources: [], deferredSources: [], newItems: 0, stored: 0, failed: 0, stopped: false };
    this.progress.report({ kind: 'cycle-start', sources: sources.map((s) => s.name) });
    const polled = await Promise.all(sources.map((source) => {
      const due = this.sourceDue(source);
      if (due === null) return this.pollSource(source);
      report.deferredSources.push(source.name);
      this.progress.report({ kind: 'poll-deferred', source: source.name, failures: source.consecutiveFailures, until: due.toISOString() });
      return 0;
    }));
    polled.forEach((result, i) => {
      if (result === null) report.failedSources.push(sources[i].name);
      else report.newItems += result;
    });
    await this.processPending(sources, report);
    report.stopped = this.stopRequested;
    return report;
  }

  /**
   * When a source that kept failing may be polled again, or null when it is due now. After f failures in a row it
   * waits (2^(f-2) - 1) intervals since its last poll, at most maxBackoffMs: the first two failures are retried at
   * the next poll, after a third it waits one interval, after a fourth three, then seven. The count and the time are
   * stored, so a restart or a cron `--once` keeps the backoff.
   */
  private sourceDue(source: SourceRecord): Date | null {
    if (source.consecutiveFailures < 3 || !source.lastPolledAt) return null;
    const wait = Math.min(this.maxBackoffMs, this.intervalMs * (2 ** Math.min(source.consecutiveFailures - 2, 30) - 1));
    // A poll starts about one interval after the last; a tenth of an interval of slack keeps timing jitter from
    // deferring a source one poll more than its backoff says.
    const due = Date.parse(source.lastPolledAt) + wait;
    return this.now().getTime() >= due - this.intervalMs / 10 ? null : new Date(due);
  }

  /** Fetches and reads one source, records its new items; the number of new items, or null when it failed. */
  private async pollSource(source: SourceRecord): Promise<number | null> {
    this.progress.report({ kind: 'poll-start', source: source.name });
    const polledAt = this.now().toISOString();
    const outcome = await this.fetcher.fetch({
      url: source.url, etag: source.etag, lastModified: source.lastModified, accept: source.kind === 'feed' ? FEED_ACCEPT : PAGE_ACCEPT,
    });
    const fail = (code: string, reason: string): null => {
      this.store.sources.recordPollFailure(source.id, { polledAt, status: code, error: reason });
      this.progress.report({ kind: 'poll-failed', source: source.name, url: source.url, code, reason });
      return null;
    };
    if (outcome.kind === 'error') return fail(outcome.code, failureReason(outcome));
    if (outcome.kind === 'not-modified') {
      this.store.sources.recordPoll(source.id, [], { polledAt, status: 'not-modified', etag: source.etag, lastModified: source.lastModified });
      this.progress.report({ kind: 'polled', source: source.name, url: source.url, status: 'not-modified', listed: 0, new: 0 });
      return 0;
    }
    const listed = guarded(() => listSourceItems(source.kind, outcome));
    if ('error' in listed) return fail(source.kind === 'feed' ? 'invalid-feed' : 'invalid-page', listed.error);
    // Items first, validators with them: a poll killed before this transaction is simply done again.
    const added = this.store.sources.recordPoll(source.id, listed.items, {
      polledAt, status: 'ok', etag: outcome.etag, lastModified: outcome.lastModified,
    });
    this.progress.report({ kind: 'polled', source: source.name, url: source.url, status: 'ok', listed: listed.items.length, new: added.length });
    return added.length;
  }

  /** Every pending item of the polled sources, in batches: fetched concurrently (the fetcher keeps hosts polite), then analysed. */
  private async processPending(sources: SourceRecord[], report: PollReport): Promise<void> {
    const byId = new Map(sources.map((s) => [s.id, s]));
    const pending = this.store.sources.pendingItems({ sourceIds: sources.map((s) => s.id) });
    const batches: SourceItem[][] = [];
    for (let i = 0; i < pending.length; i += this.batchSize) batches.push(pending.slice(i, i + this.batchSize));
    // The next batch is fetched while this one is analysed.
    let next = batches.length > 0 && !this.stopRequested ? this.fetchBatch(batches[0], byId) : null;
    for (let b = 0; b < batches.length && !this.stopRequested; b++) {
      const fetched = await next!;
      next = b + 1 < batches.length && !this.stopRequested ? this.fetchBatch(batches[b + 1], byId) : null;
      for (const settled of await this.analyseBatch(fetched)) {
        if (settled.outcome.status === 'stored') report.stored++;
        if (settled.outcome.status === 'failed') report.failed++;
      }
    }
    // A fetch started for a batch that stop() skipped is left to finish; its items stay pending.
    void next?.catch(() => {});
    this.progress.report({ kind: 'cycle-end' });
  }

  private async fetchBatch(items: SourceItem[], byId: Map<number, SourceRecord>): Promise<ItemFetch[]> {
    return Promise.all(items.map(async (item) => {
      const source = byId.get(item.sourceId)!;
      const outcome = await this.fetcher.fetch({ url: item.url, accept: PAGE_ACCEPT });
      if (outcome.kind === 'ok') this.progress.report({ kind: 'item-fetched', source: source.name, url: item.url });
      return { item, source, outcome };
    }));
  }

  /** Extracts the fetched pages, analyses and stores them, publishes the batch, then records every item's outcome. */
  private async analyseBatch(fetched: ItemFetch[]): Promise<Settled[]> {
    const settled: Settled[] = [];
    const pages: RawPage[] = [];
    const waiting = new Map<string, ItemFetch[]>();
    for (const f of fetched) {
      const page = this.pageOf(f, settled);
      if (!page) continue;
      // Two items with the same canonical URL are one page: both get its article.
      const same = waiting.get(page.input);
      if (same) same.push(f);
      else {
        waiting.set(page.input, [f]);
        pages.push(page);
      }
    }
    if (pages.length > 0) settled.push(...(await this.analysePages(pages, waiting)));
    // Outcomes are written after the articles and their publication: a kill before this leaves the items pending, and
    // the next run finds their articles already stored (content-derived ids) instead of storing them twice.
    this.store.transaction(() => {
      for (const s of settled) this.store.sources.recordItemOutcome(s.item.sourceId, s.item.key, s.outcome);
    });
    for (const s of settled) this.reportSettled(s);
    return settled;
  }

  /** The page of a fetched item, or null after settling the item as failed, pending or skipped. */
  private pageOf({ item, source, outcome }: ItemFetch, settled: Settled[]): RawPage | null {
    if (outcome.kind === 'error') {
      const status = isTransient(outcome) ? this.retryStatus(item) : 'failed';
      settled.push({ item, source, code: outcome.code, outcome: { status, error: failureReason(outcome) } });
      return null;
    }
    if (outcome.kind === 'not-modified') {
      settled.push({ item, source, code: 'not-modified', outcome: { status: 'skipped', error: 'the server answered 304 Not Modified' } });
      return null;
    }
    const extracted = guarded(() => extractArticlePage({ url: outcome.url, contentType: outcome.contentType, bytes: outcome.bytes }, item, source.name));
    if ('error' in extracted) {
      settled.push({ item, source, code: 'unreadable', outcome: { status: 'failed', error: extracted.error } });
      return null;
    }
    if (extracted.kind !== 'page') {
      settled.push({ item, source, code: extracted.kind === 'skipped' ? 'skipped' : 'unreadable', outcome: { status: extracted.kind, error: extracted.reason } });
      return null;
    }
    return extracted.page;
  }

  private async analysePages(pages: RawPage[], waiting: Map<string, ItemFetch[]>): Promise<Settled[]> {
    const results = new RunResults(this.kb);
    const articles = new Map<string, AnalyzeEvent[]>();
    const stats = await this.analyzer.run(pages, (event) => {
      results.add(event);
      const input = event.kind === 'error' ? event.input : event.doc.input;
      const list = articles.get(input);
      if (list) list.push(event);
      else articles.set(input, [event]);
    });
    if (stats.articles > 0) finishRun(this.store, this.kb, this.analyzer, stats.touchedStories, results);
    const settled: Settled[] = [];
    for (const [input, fetches] of waiting) {
      const events = articles.get(input) ?? [];
      const stored = events.find((e): e is Extract<AnalyzeEvent, { kind: 'article' }> => e.kind === 'article');
      const error = events.find((e): e is Extract<AnalyzeEvent, { kind: 'error' }> => e.kind === 'error');
      fetches.forEach(({ item, source }, i) => {
        if (stored) {
          // Items after the first that name the same page get its article as a duplicate.
          const duplicate = i > 0 || stored.alreadyStored || stored.duplicateOf !== null;
          settled.push({ item, source, code: 'stored', duplicate, outcome: { status: 'stored', articleId: stored.doc.id } });
        } else if (error) {
          // Cleaning finding no article text is a page that is not an article; an annotation failure is a bug.
          settled.push({ item, source, code: error.stage, outcome: { status: error.stage === 'clean' ? 'skipped' : 'failed', error: error.reason } });
        } else {
          settled.push({ item, source, code: 'no-outcome', outcome: { status: this.retryStatus(item), error: 'analysis gave no outcome' } });
        }
      });
    }
    return settled;
  }

  /** A transient failure keeps the item pending for the next poll, until its last attempt. */
  private retryStatus(item: SourceItem): 'pending' | 'failed' {
    return item.attempts + 1 < this.maxItemAttempts ? 'pending' : 'failed';
  }

  private reportSettled({ item, source, outcome, code, duplicate }: Settled): void {
    const where = { source: source.name, url: item.url };
    if (outcome.status === 'stored') this.progress.report({ kind: 'item-stored', ...where, articleId: outcome.articleId, duplicate: duplicate === true });
    else if (outcome.status === 'skipped') this.progress.report({ kind: 'item-skipped', ...where, reason: outcome.error });
    else this.progress.report({ kind: 'item-failed', ...where, code, reason: outcome.error, willRetry: outcome.status === 'pending' });
  }
}

/**
 * Runs a parser over a remote body. The parsers return errors as values; a throw is a bug in them or a library, and
 * one hostile page must not stop the watch, so it becomes an error value too.
 */
function guarded<T extends object>(parse: () => T): T | { error: string } {
  try {
    return parse();
  } catch (error) {
    return { error: `parser failure: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The client's reason, with the HTTP status when the reason does not give it. */
function failureReason(failure: FetchFailure): string {
  const status = failure.code === 'http' ? failure.status : undefined;
  return status !== undefined && !failure.reason.includes(String(status)) ? `${status} ${failure.reason}` : failure.reason;
}
