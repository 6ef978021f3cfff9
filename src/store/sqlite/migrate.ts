// Applies the numbered SQL migrations in data/migrations/ that a database has not seen yet.
// Input: an open better-sqlite3 database. Output: the schema version after migrating.
import { type Migration, readMigrations } from '../migrations.js';
import type Database from 'better-sqlite3';

const MIGRATIONS_DIR = new URL('./data/migrations/', import.meta.url);
export type { Migration };

export function listMigrations(): Migration[] {
  return readMigrations(MIGRATIONS_DIR);
}

export function migrate(db: Database.Database): number {
  // One IMMEDIATE transaction that reads the version inside it: processes opening a new store at once (two workers
  // starting together) take turns, and the later ones find the migrations applied instead of applying them again
  // (a version read outside, then a deferred write, failed with "table exists" or SQLITE_BUSY).
  return db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const current = (db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null }).v ?? 0;
    const record = db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)');
    let version = current;
    for (const m of listMigrations()) {
      if (m.version <= current) continue;
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
      version = m.version;
    }
    return version;
  }).immediate();
}
