// The PostgreSQL side of JobQueue (src/store/queue.ts): the jobs table of schema 6. Claims lock the rows they lease
// (FOR UPDATE SKIP LOCKED), so workers on any machine never lease one job twice and never wait on each other's claims.
// Input: a connection migrated to schema 6. Output: jobs.
import type { RawPage } from '../../ingest/types.js';
import type { ClaimOptions, FailedJob, Job, JobOutcome, JobQueue, QueueCounts } from '../queue.js';
import type { PgConnection } from './bridge.js';

/** The database's clock (the transaction's start), in milliseconds since the epoch, as lease_until holds it. */
const DB_NOW_MS = '(extract(epoch FROM now()) * 1000)::bigint';
/** The same instant as ISO 8601 UTC text, as Date.toISOString writes the other timestamps. */
const DB_NOW_ISO = `to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export class PostgresJobQueue implements JobQueue {
  constructor(private readonly conn: PgConnection) {}

  enqueue(pages: readonly RawPage[]): number {
    if (pages.length === 0) return 0;
    const now = new Date().toISOString();
    // One statement, in the order given; an input already queued (or repeated in the list) is added once.
    return this.conn.execCount(`INSERT INTO jobs (input, page, enqueued_at)
      SELECT u.input, u.page, $3::text FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS u(input, page, n) ORDER BY u.n
      ON CONFLICT (input) DO NOTHING`, [pages.map((p) => p.input), pages.map((p) => JSON.stringify(p)), now]);
  }

  claim(options: ClaimOptions): Job[] {
    // Leases are read and written on the database's clock: workers on machines whose clocks disagree must not see a
    // lease as expired early (a worker running an hour behind would otherwise hand out leases already past).
    const rows = this.conn.transaction(() => {
      // Jobs whose workers kept dying on them: their last lease expired and no attempt is left.
      this.conn.exec(`UPDATE jobs SET status = 'failed', leased_by = NULL, lease_until = NULL, done_at = ${DB_NOW_ISO},
          error = 'its worker stopped before finishing it ' || attempts || ' times'
        WHERE status = 'queued' AND lease_until < ${DB_NOW_MS} AND attempts >= $1`, [options.maxAttempts]);
      return this.conn.query<{ id: number; input: string; page: string; attempts: number }>(`UPDATE jobs SET leased_by = $1, lease_until = ${DB_NOW_MS} + $2, attempts = attempts + 1
        WHERE id IN (SELECT id FROM jobs WHERE status = 'queued' AND (lease_until IS NULL OR lease_until < ${DB_NOW_MS}) ORDER BY id LIMIT $3
          FOR UPDATE SKIP LOCKED)
        RETURNING id, input, page, attempts`, [options.worker, options.leaseSeconds * 1000, options.limit]);
    });
    // RETURNING gives no order: oldest first, as claimed.
    return rows.sort((a, b) => a.id - b.id).map((r) => ({ id: r.id, input: r.input, page: JSON.parse(r.page) as RawPage, attempts: r.attempts }));
  }

  settle(outcomes: readonly JobOutcome[]): void {
    if (outcomes.length === 0) return;
    const now = new Date().toISOString();
    // A job settled twice in one call keeps its first outcome, as when SQLite runs the updates in order.
    this.conn.exec(`UPDATE jobs SET status = u.status, error = u.error, leased_by = NULL, lease_until = NULL, done_at = $4,
        page = CASE WHEN u.status = 'done' THEN NULL ELSE jobs.page END
      FROM (SELECT DISTINCT ON (id) id, status, error FROM unnest($1::bigint[], $2::text[], $3::text[]) WITH ORDINALITY AS x(id, status, error, n)
        ORDER BY id, n) u
      WHERE jobs.id = u.id AND jobs.status = 'queued'`,
    [outcomes.map((o) => o.id), outcomes.map((o) => o.status), outcomes.map((o) => o.error ?? null), now]);
  }

  retry(id: number, reason: string, maxAttempts: number): void {
    this.conn.exec(`UPDATE jobs SET leased_by = NULL, lease_until = NULL, error = $1,
        status = CASE WHEN attempts >= $2 THEN 'failed' ELSE 'queued' END,
        done_at = CASE WHEN attempts >= $2 THEN $3 ELSE NULL END
      WHERE id = $4 AND status = 'queued'`, [reason, maxAttempts, new Date().toISOString(), id]);
  }

  release(ids: readonly number[]): void {
    if (ids.length === 0) return;
    this.conn.exec(`UPDATE jobs SET leased_by = NULL, lease_until = NULL, attempts = GREATEST(attempts - 1, 0)
      WHERE id = ANY($1::bigint[]) AND status = 'queued'`, [ids]);
  }

  requeueFailed(): number {
    return this.conn.execCount(`UPDATE jobs SET status = 'queued', attempts = 0, error = NULL, done_at = NULL WHERE status = 'failed'`, []);
  }

  counts(): QueueCounts {
    const [row] = this.conn.query<QueueCounts>(`SELECT
        count(*) FILTER (WHERE status = 'queued' AND (lease_until IS NULL OR lease_until < ${DB_NOW_MS})) AS queued,
        count(*) FILTER (WHERE status = 'queued' AND lease_until >= ${DB_NOW_MS}) AS leased,
        count(*) FILTER (WHERE status = 'done') AS done,
        count(*) FILTER (WHERE status = 'failed') AS failed
      FROM jobs`, []);
    return row;
  }

  failures(limit: number): FailedJob[] {
    return this.conn.query<FailedJob>(`SELECT input, error, attempts FROM jobs WHERE status = 'failed' ORDER BY done_at DESC, id DESC LIMIT $1`, [limit]);
  }
}
