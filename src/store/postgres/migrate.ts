// Applies the numbered PostgreSQL migrations in data/migrations/ that a database has not seen yet (the same versions
// and names as the SQLite ones). Input: an open connection. Output: the schema version after migrating.
import { type Migration, readMigrations } from '../migrations.js';
import type { PgConnection } from './bridge.js';

const MIGRATIONS_DIR = new URL('./data/migrations/', import.meta.url);
export type { Migration };

export function listMigrations(): Migration[] {
  return readMigrations(MIGRATIONS_DIR);
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
