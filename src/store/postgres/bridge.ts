// A synchronous PostgreSQL connection: node-postgres runs on a worker thread (bridge-worker.ts) and the main thread
// waits on each request through synckit, so the Store interface stays synchronous as with better-sqlite3.
// Each request costs a thread round trip (tens of µs), so writes inside a transaction are buffered and sent together:
// rows for the same statement become one multi-row statement (unnest of column arrays), and the buffer goes out with
// the next read or with COMMIT, in the same request. Input: a postgres:// URL. Output: query, write and transaction calls.
import { fileURLToPath } from 'node:url';
import { createSyncFn } from 'synckit';
import { COMMIT_CHANNEL, type BridgeRequest, type BridgeResponse, type Statement } from './bridge-protocol.js';

const WORKER = fileURLToPath(new URL('./bridge-worker.js', import.meta.url));

type Call = (request: BridgeRequest) => unknown;
let worker: Call | null = null;

/** One worker serves every connection of the process (synckit starts one per worker file). */
function call(request: BridgeRequest): unknown {
  worker ??= createSyncFn(WORKER) as unknown as Call;
  return worker(request);
}

/**
 * A statement run once for many rows: its parameters are column arrays ($1 = every row's first value, …), e.g.
 * `INSERT INTO t (a, b) SELECT * FROM unnest($1::text[], $2::int[])`. Rows for the same table and statement are
 * joined until a read, COMMIT or another kind of write to that table needs them sent.
 */
export interface BulkWrite {
  table: string;
  sql: string;
  /** For upserts: two rows with the same key must not meet in one statement (PostgreSQL refuses to touch a row twice). */
  key?: (row: readonly unknown[]) => string;
}

/** A BulkWrite inserting `columns` ([name, PostgreSQL type]) from column arrays, followed by `tail` (ON CONFLICT …). */
export function bulkInsert(table: string, columns: readonly (readonly [string, string])[], tail: string, key?: BulkWrite['key']): BulkWrite {
  const names = columns.map(([name]) => name).join(', ');
  const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  return { table, sql: `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${arrays}) ${tail}`, key };
}

interface RowGroup {
  write: BulkWrite;
  rows: unknown[][];
  keys: Set<string> | null;
}

type Pending = { statement: Statement } | { group: RowGroup };

/** The connection failed to open: a one-line message naming the server (never the password). */
export class PostgresConnectError extends Error {}

/** The URL with its password replaced, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
  }
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || (error as { code?: string }).code || error.name;
  return String(error);
}

export class PgConnection {
  private readonly id: number;
  private readonly pending: Pending[] = [];
  /** Where the run of pending writes that may be reordered by table begins (see addRows). */
  private segmentStart = 0;
  private depth = 0;
  /** Counts outermost transactions: lets callers keep facts for the length of one transaction. */
  private transactions = 0;
  /** BEGIN has been sent for the current transaction. */
  private begun = false;
  /** A statement of the current transaction failed: PostgreSQL rolled it back, so nothing more may run in it. */
  private failed: unknown = null;
  /** The current transaction wrote: its COMMIT is announced to other connections (dataVersion). */
  private wrote = false;
  private closed = false;

  private constructor(id: number, readonly url: string) {
    this.id = id;
  }

  static open(url: string): PgConnection {
    let id: number;
    try {
      id = call({ op: 'connect', url }) as number;
    } catch (error) {
      throw new PostgresConnectError(`cannot connect to PostgreSQL at ${redactUrl(url)}: ${errorMessage(error).split('\n')[0]}`);
    }
    return new PgConnection(id, url);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending.length = 0;
    call({ op: 'close', connection: this.id });
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  /** The current (or last) outermost transaction's number. */
  get transactionNumber(): number {
    return this.transactions;
  }

  /** Rows of a read, as objects; pending writes are sent first (in the same request) unless `flush` is false. */
  query<T>(sql: string, params: readonly unknown[] = [], options: { flush?: boolean } = {}): T[] {
    return this.send({ sql, params, returns: true }, options.flush ?? true).rows as T[];
  }

  /** Rows of a read as value arrays in column order. */
  queryArrays<T extends unknown[]>(sql: string, params: readonly unknown[] = [], options: { flush?: boolean } = {}): T[] {
    return this.send({ sql, params, returns: true, rowMode: 'array' }, options.flush ?? true).rows as T[];
  }

  /** The first column of each row. */
  column<T>(sql: string, params: readonly unknown[] = []): T[] {
    return this.queryArrays<[T]>(sql, params).map((r) => r[0]);
  }

  /** The first column of the first row, or undefined. */
  value<T>(sql: string, params: readonly unknown[] = []): T | undefined {
    return this.queryArrays<[T]>(sql, params)[0]?.[0];
  }

  /** Commits other connections to this schema announced since the first call (0 then): see COMMIT_CHANNEL. */
  othersCommits(): number {
    return call({ op: 'commits', connection: this.id }) as number;
  }

  /** A write whose result is not needed: buffered inside a transaction (it is an ordering barrier), run at once outside. */
  exec(sql: string, params: readonly unknown[] = []): void {
    this.transaction(() => {
      this.wrote = true;
      this.pending.push({ statement: { sql, params } });
      this.segmentStart = this.pending.length;
    });
  }

  /** A write returning its affected row count (sent at once, with the writes before it). */
  execCount(sql: string, params: readonly unknown[] = []): number {
    return this.transaction(() => {
      this.wrote = true;
      return this.send({ sql, params, returns: true }, true).rowCount;
    });
  }

  /**
   * Buffers one row of a bulk write. Between two barriers (plain statements) rows are grouped by statement, so the
   * statements of different tables may run in another order than their rows came: they must not depend on each
   * other (true of Marsad's row writes: each touches one table and reads none). A second kind of write to the same
   * table, or a repeated upsert key, starts a new run so that order is kept where it matters.
   */
  addRow(write: BulkWrite, row: unknown[]): void {
    this.transaction(() => {
      this.wrote = true;
      let group: RowGroup | null = null;
      for (let i = this.segmentStart; i < this.pending.length; i++) {
        const p = this.pending[i];
        if ('group' in p && p.group.write.table === write.table) {
          group = p.group;
          break;
        }
      }
      const key = write.key ? write.key(row) : null;
      if (group && (group.write !== write || (key !== null && group.keys!.has(key)))) {
        this.segmentStart = this.pending.length;
        group = null;
      }
      if (!group) {
        group = { write, rows: [], keys: write.key ? new Set() : null };
        this.pending.push({ group });
      }
      group.rows.push(row);
      if (key !== null) group.keys!.add(key);
    });
  }

  /** Runs `fn` in one transaction; nested calls join it. Buffered writes go out with COMMIT, in the same request. */
  transaction<T>(fn: () => T): T {
    if (this.depth > 0) {
      if (this.failed) throw this.failed;
      return fn();
    }
    this.depth = 1;
    this.transactions++;
    this.begun = false;
    this.failed = null;
    this.wrote = false;
    try {
      const result = fn();
      if (this.failed) throw this.failed;
      this.commit();
      return result;
    } catch (error) {
      this.rollback();
      throw error;
    } finally {
      this.depth = 0;
      this.begun = false;
      this.failed = null;
      this.pending.length = 0;
      this.segmentStart = 0;
    }
  }

  private commit(): void {
    const writes = this.takePending();
    if (this.wrote) writes.push(NOTIFY_COMMIT);
    if (this.begun) this.run([...writes, { sql: 'COMMIT' }]);
    else if (writes.length > 0) {
      this.begun = true;
      this.run([{ sql: 'BEGIN' }, ...writes, { sql: 'COMMIT' }]);
    }
  }

  private rollback(): void {
    this.pending.length = 0;
    if (!this.begun || this.failed) return;
    try {
      this.run([{ sql: 'ROLLBACK' }]);
    } catch {
      // The connection is gone or the transaction already ended: nothing left to undo here.
    }
  }

  /** Sends the buffered writes (if `flush`) and the statement; returns the statement's result. */
  private send(statement: Statement, flush: boolean): { rows: unknown[]; rowCount: number } {
    if (this.failed) throw this.failed;
    const statements = flush ? this.takePending() : [];
    if (this.depth > 0 && !this.begun) {
      statements.unshift({ sql: 'BEGIN' });
      this.begun = true;
    }
    statements.push(statement);
    const response = this.run(statements);
    const result = response.results[response.results.length - 1];
    return { rows: result.rows, rowCount: result.rowCount };
  }

  private run(statements: Statement[]): BridgeResponse {
    if (this.closed) throw new Error('the PostgreSQL store is closed');
    try {
      return call({ op: 'run', connection: this.id, statements, rollbackOnError: this.begun }) as BridgeResponse;
    } catch (error) {
      if (this.begun) this.failed = error;
      throw error;
    }
  }

  private takePending(): Statement[] {
    const statements = this.pending.map((p) => ('statement' in p ? p.statement : groupStatement(p.group)));
    this.pending.length = 0;
    this.segmentStart = 0;
    return statements;
  }
}

/** Sent before COMMIT by every transaction that wrote: delivered to listeners when (and only if) it commits. */
const NOTIFY_COMMIT: Statement = { sql: `SELECT pg_notify('${COMMIT_CHANNEL}', current_schema())` };

/** A row group as one statement: parameter i is the array of every row's value i. */
function groupStatement(group: RowGroup): Statement {
  const width = group.rows[0].length;
  const columns: unknown[][] = Array.from({ length: width }, () => new Array(group.rows.length));
  group.rows.forEach((row, r) => {
    for (let c = 0; c < width; c++) columns[c][r] = row[c];
  });
  return { sql: group.write.sql, params: columns };
}
