// The SQLite side of JobQueue (src/store/queue.ts): the jobs table of schema 6. Leases are claimed in an IMMEDIATE
// transaction, so processes on one machine never lease one job twice. Input: an open, migrated database. Output: jobs.
import type Database from 'better-sqlite3';
import type { RawPage } from '../../ingest/types.js';
import type { ClaimOptions, FailedJob, Job, JobOutcome, JobQueue, QueueCounts } from '../queue.js';

function prepareQueueStatements(db: Database.Database) {
  const p = (sql: string) => db.prepare(sql);
  return {
    insert: p(`INSERT INTO jobs (input, page, enqueued_at) VALUES (?, ?, ?) ON CONFLICT (input) DO NOTHING`),
    // Jobs whose workers kept dying on them: their last lease expired and no attempt is left.
    failExhausted: p(`UPDATE jobs SET status = 'failed', leased_by = NULL, lease_until = NULL, done_at = ?,
        error = 'its worker stopped before finishing it ' || attempts || ' times'
      WHERE status = 'queued' AND lease_until < ? AND attempts >= ?`),
    claim: p(`UPDATE jobs SET leased_by = ?, lease_until = ?, attempts = attempts + 1
      WHERE id IN (SELECT id FROM jobs WHERE status = 'queued' AND (lease_until IS NULL OR lease_until < ?) ORDER BY id LIMIT ?)
      RETURNING id, input, page, attempts`),
    settle: p(`UPDATE jobs SET status = ?, error = ?, leased_by = NULL, lease_until = NULL, done_at = ?,
        page = CASE WHEN ? = 'done' THEN NULL ELSE page END
      WHERE id = ? AND status = 'queued'`),
    retry: p(`UPDATE jobs SET leased_by = NULL, lease_until = NULL, error = ?,
        status = CASE WHEN attempts >= ? THEN 'failed' ELSE 'queued' END,
        done_at = CASE WHEN attempts >= ? THEN ? ELSE NULL END
      WHERE id = ? AND status = 'queued'`),
    release: p(`UPDATE jobs SET leased_by = NULL, lease_until = NULL, attempts = MAX(attempts - 1, 0) WHERE id = ? AND status = 'queued'`),
    requeueFailed: p(`UPDATE jobs SET status = 'queued', attempts = 0, error = NULL, done_at = NULL WHERE status = 'failed'`),
    counts: p(`SELECT
        COUNT(*) FILTER (WHERE status = 'queued' AND (lease_until IS NULL OR lease_until < ?)) AS queued,
        COUNT(*) FILTER (WHERE status = 'queued' AND lease_until >= ?) AS leased,
        COUNT(*) FILTER (WHERE status = 'done') AS done,
        COUNT(*) FILTER (WHERE status = 'failed') AS failed
      FROM jobs`),
    failures: p(`SELECT input, error, attempts FROM jobs WHERE status = 'failed' ORDER BY done_at DESC, id DESC LIMIT ?`),
  };
}

export class SqliteJobQueue implements JobQueue {
  private readonly q: ReturnType<typeof prepareQueueStatements>;

  constructor(private readonly db: Database.Database) {
    this.q = prepareQueueStatements(db);
  }

  enqueue(pages: readonly RawPage[]): number {
    const now = new Date().toISOString();
    return this.write(() => pages.reduce((added, page) => added + this.q.insert.run(page.input, JSON.stringify(page), now).changes, 0));
  }

  claim(options: ClaimOptions): Job[] {
    const now = Date.now();
    const rows = this.write(() => {
      this.q.failExhausted.run(new Date(now).toISOString(), now, options.maxAttempts);
      return this.q.claim.all(options.worker, now + options.leaseSeconds * 1000, now, options.limit) as { id: number; input: string; page: string; attempts: number }[];
    });
    // RETURNING gives no order: oldest first, as claimed.
    return rows.sort((a, b) => a.id - b.id).map((r) => ({ id: r.id, input: r.input, page: JSON.parse(r.page) as RawPage, attempts: r.attempts }));
  }

  settle(outcomes: readonly JobOutcome[]): void {
    const now = new Date().toISOString();
    this.write(() => {
      for (const o of outcomes) this.q.settle.run(o.status, o.error ?? null, now, o.status, o.id);
    });
  }

  retry(id: number, reason: string, maxAttempts: number): void {
    this.write(() => this.q.retry.run(reason, maxAttempts, maxAttempts, new Date().toISOString(), id));
  }

  release(ids: readonly number[]): void {
    this.write(() => {
      for (const id of ids) this.q.release.run(id);
    });
  }

  requeueFailed(): number {
    return this.write(() => this.q.requeueFailed.run().changes);
  }

  counts(): QueueCounts {
    const now = Date.now();
    return this.q.counts.get(now, now) as QueueCounts;
  }

  failures(limit: number): FailedJob[] {
    return this.q.failures.all(limit) as FailedJob[];
  }

  /** A write transaction that takes the writer lock first (joins the caller's transaction when there is one). */
  private write<T>(fn: () => T): T {
    return this.db.inTransaction ? fn() : this.db.transaction(fn).immediate();
  }
}
