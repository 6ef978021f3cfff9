// The store tests run against: SQLite by default; PostgreSQL when MARSAD_TEST_DATABASE_URL is set (a server URL), each
// store in a fresh schema of its own, dropped when the store closes (openTestStore) or when the test process exits
// (testDbLocation). Input: the environment. Output: stores and --db locations for the back end under test.
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { isPostgresUrl, openStore } from '../store/open.js';
import type { Store } from '../store/store.js';
import { PgConnection } from '../store/postgres/bridge.js';

export const TEST_DATABASE_URL_ENV = 'MARSAD_TEST_DATABASE_URL';

/** The PostgreSQL server tests use, or null for SQLite. */
export function testDatabaseUrl(): string | null {
  const url = process.env[TEST_DATABASE_URL_ENV];
  return url ? url : null;
}

export type TestBackend = 'sqlite' | 'postgres';

export function testBackend(): TestBackend {
  return testDatabaseUrl() ? 'postgres' : 'sqlite';
}

/** Schemas created by this process and not dropped yet, with their server. */
const schemas = new Map<string, string>();
let cleanupRegistered = false;

function admin<T>(serverUrl: string, fn: (conn: PgConnection) => T): T {
  const conn = PgConnection.open(serverUrl);
  try {
    return fn(conn);
  } finally {
    conn.close();
  }
}

function dropSchema(schema: string): void {
  const serverUrl = schemas.get(schema);
  if (serverUrl === undefined) return;
  schemas.delete(schema);
  admin(serverUrl, (conn) => conn.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
}

/**
 * A new empty schema on the server at `serverUrl`, and the URL whose connections use it (node-postgres passes
 * `options` to the server); `drop` removes it. Schemas not dropped by then are dropped when the process exits.
 */
export function scratchSchema(serverUrl: string): { schema: string; url: string; drop: () => void } {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  admin(serverUrl, (conn) => conn.exec(`CREATE SCHEMA ${schema}`));
  schemas.set(schema, serverUrl);
  if (!cleanupRegistered) {
    cleanupRegistered = true;
    // The bridge is synchronous, so the schemas can still be dropped while the process exits.
    process.once('exit', () => {
      for (const s of [...schemas.keys()]) {
        try {
          dropSchema(s);
        } catch {
          // The server went away: the schema stays (CI drops the whole database).
        }
      }
    });
  }
  const url = new URL(serverUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { schema, url: url.toString(), drop: () => dropSchema(schema) };
}

function freshSchema(): { schema: string; url: string } {
  return scratchSchema(testDatabaseUrl()!);
}

/** A store for one test: SQLite in memory, or PostgreSQL in a fresh schema dropped on close. */
export function openTestStore(): Store {
  if (!testDatabaseUrl()) return openStore(':memory:');
  const { schema, url } = freshSchema();
  const store = openStore(url);
  const close = store.close.bind(store);
  return Object.assign(store, {
    close(): void {
      close();
      dropSchema(schema);
    },
  });
}

/**
 * Where a test's store lives, for `--db` or openStore (to reopen it, or to share it with a spawned CLI): a SQLite file
 * in `dir`, or a PostgreSQL URL selecting a fresh schema (dropped when the test process exits).
 */
export function testDbLocation(dir: string, name = 'store.sqlite'): string {
  return testDatabaseUrl() ? freshSchema().url : join(dir, name);
}

/** SQL for each back end (parameters are `?` on SQLite, `$n` on PostgreSQL). */
export interface RawSql {
  sqlite: string;
  postgres: string;
}

/**
 * Rows of one raw query on a test store's location (what the Store interface does not offer: checking or damaging
 * rows to simulate old stores), on its own connection.
 */
export function rawQuery<T = Record<string, unknown>>(location: string, sql: RawSql, params: unknown[] = []): T[] {
  if (isPostgresUrl(location)) {
    const conn = PgConnection.open(location);
    try {
      return conn.query<T>(sql.postgres, params);
    } finally {
      conn.close();
    }
  }
  const db = new Database(location);
  try {
    return db.prepare(sql.sqlite).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Runs raw statements (a script of several, without parameters) on a test store's location. */
export function rawExec(location: string, sql: RawSql): void {
  if (isPostgresUrl(location)) {
    const conn = PgConnection.open(location);
    try {
      conn.exec(sql.postgres);
    } finally {
      conn.close();
    }
    return;
  }
  const db = new Database(location);
  try {
    db.exec(sql.sqlite);
  } finally {
    db.close();
  }
}
