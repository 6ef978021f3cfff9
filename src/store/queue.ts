// The job queue `marsad enqueue` fills and `marsad worker` processes drain: one job per input record, leased to one
// worker at a time. SQL lives in the back ends (src/store/sqlite/queue-store.ts). Input: pages. Output: leased jobs.
import type { RawPage } from '../ingest/types.js';

/** queued: waiting or leased (see leaseUntil); done: its articles are stored; failed: given up, with a reason. */
export type JobStatus = 'queued' | 'done' | 'failed';

/** A leased job: the page to analyse and how many times a worker has taken it (this lease included). */
export interface Job {
  id: number;
  input: string;
  page: RawPage;
  attempts: number;
}

/** What became of a leased job, recorded in the transaction that stored its articles. */
export interface JobOutcome {
  id: number;
  status: 'done' | 'failed';
  /** Why it failed (the pipeline's reason), or a note on a done job (e.g. one of its records was rejected). */
  error?: string | null;
}

export interface ClaimOptions {
  /** Who holds the lease (host:pid), for `marsad queue` and logs. */
  worker: string;
  limit: number;
  /** The lease lasts this long; a worker that dies leaves it to expire and another worker takes the job again. */
  leaseSeconds: number;
  /** A job whose lease expired after this many claims (its workers keep dying on it) is failed instead of leased. */
  maxAttempts: number;
}

/** Queued jobs split by lease: leased ones are being worked on (or their worker died and the lease has not expired). */
export interface QueueCounts {
  queued: number;
  leased: number;
  done: number;
  failed: number;
}

export interface FailedJob {
  input: string;
  error: string;
  attempts: number;
}

export interface JobQueue {
  /** Adds one job per page; a page whose input is already in the queue (in any status) is left alone. Returns how many were added. */
  enqueue(pages: readonly RawPage[]): number;
  /**
   * Leases up to `limit` queued jobs whose lease is free or expired, oldest first, and counts an attempt on each; jobs
   * past `maxAttempts` with an expired lease are failed instead. Atomic across processes: no two workers get one job.
   */
  claim(options: ClaimOptions): Job[];
  /**
   * Records outcomes of leased jobs. Call it inside the transaction that stores their articles (Store.exclusive), so
   * a job is done exactly when its articles are stored. A job another worker already settled is left as it is.
   */
  settle(outcomes: readonly JobOutcome[]): void;
  /** A job whose processing threw: queued again with its lease cleared, or failed with `reason` after `maxAttempts`. */
  retry(id: number, reason: string, maxAttempts: number): void;
  /** Gives leased jobs back unprocessed (a worker stopping): queued, lease cleared, the attempt not counted. */
  release(ids: readonly number[]): void;
  /** Queues every failed job again with its attempts reset (after the cause was fixed); returns how many. */
  requeueFailed(): number;
  counts(): QueueCounts;
  /** The latest failed jobs, newest first. */
  failures(limit: number): FailedJob[];
}
