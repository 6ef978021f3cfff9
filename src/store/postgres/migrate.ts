// Applies the numbered PostgreSQL migrations in data/migrations/ that a database has not seen yet (the same versions
// and names as the SQLite ones). Input: an open connection. Output: the schema version after migrating.
import { readFileSync, readdirSync } from 'node:fs';
import type { PgConnection } from './bridge.js';

const MIGRATIONS_DIR = new URL('./data/migrations/', import.meta.url);
const MIGRATION_FILE = /^(\d+)_[\w-]+\.sql$/;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIR)
    .map((name) => ({ name, match: MIGRATION_FILE.exec(name) }))
    .filter((f): f is { name: string; match: RegExpExecArray } => f.match !== null)
    .map(({ name, match }) => ({ version: Number(match[1]), name, sql: readFileSync(new URL(name, MIGRATIONS_DIR), 'utf8') }))
    .sort((a, b) => a.version - b.version);
}

/** Lock id held while migrating, so two processes opening a new database do not both create its tables. */
const MIGRATION_LOCK = 0x6d61_7273; // "mars"

export function migrate(conn: PgConnection): number {
  return conn.transaction(() => {
    // Transaction-scoped: released by COMMIT. Every process opening the store waits here for the one migrating.
    conn.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    conn.exec('CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)');
    const current = conn.value<number | null>('SELECT MAX(version) FROM schema_version') ?? 0;
    let version = current;
    for (const m of listMigrations()) {
      if (m.version <= current) continue;
      // A migration file holds several statements: sent as one simple query (no parameters), in this transaction.
      conn.exec(m.sql);
      conn.exec('INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
      version = m.version;
    }
    return version;
  });
}
