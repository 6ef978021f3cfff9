// Opens the configured store back end: a postgres:// (or postgresql://) URL opens PostgreSQL, anything else is a
// SQLite file path (":memory:" for a throwaway store). Input: a location, or a --db option. Output: a Store.
import { existsSync, statSync } from 'node:fs';
import type { Store } from './store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';
import { openPostgresStore } from './postgres/postgres-store.js';
import { PostgresConnectError, redactUrl } from './postgres/bridge.js';

/** The SQLite file commands read and write when neither --db nor MARSAD_DATABASE_URL says otherwise. */
export const DEFAULT_DB = 'marsad.db';

/** The environment variable naming the store when --db is not given (a PostgreSQL URL or a SQLite path). */
export const DATABASE_URL_ENV = 'MARSAD_DATABASE_URL';

/** A store that could not be opened: the message is one line, fit for a command's stderr (no password in it). */
export class StoreOpenError extends Error {}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * Where a command's store is: the --db option when given, else MARSAD_DATABASE_URL when set, else `fallback`
 * (DEFAULT_DB for commands that read an existing store; analyze passes ":memory:" so a run without --db keeps nothing).
 */
export function resolveDbLocation(option: string | undefined, fallback: string = DEFAULT_DB): string {
  if (option !== undefined && option !== '') return option;
  const fromEnv = process.env[DATABASE_URL_ENV];
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : fallback;
}

/** The location for messages: a URL without its password, a path as it is. */
export function describeLocation(location: string): string {
  return isPostgresUrl(location) ? redactUrl(location) : location;
}

/**
 * Whether there is a store to read at `location`: a SQLite file that exists (opening a missing one would create it);
 * a PostgreSQL URL always (its tables are created on first open; a server that cannot be reached fails openStore).
 */
export function storeExists(location: string): boolean {
  if (isPostgresUrl(location)) return true;
  return location === ':memory:' || (existsSync(location) && statSync(location).isFile());
}

export function openStore(location: string): Store {
  if (!isPostgresUrl(location)) return openSqliteStore(location);
  try {
    return openPostgresStore(location);
  } catch (error) {
    if (error instanceof PostgresConnectError) throw new StoreOpenError(error.message);
    const message = error instanceof Error ? error.message : String(error);
    throw new StoreOpenError(`cannot open the PostgreSQL store at ${redactUrl(location)}: ${message.split('\n')[0]}`);
  }
}

/** Runs `fn` on the store at `location`, closing it afterwards whatever happens. */
export function withStore<T>(location: string, fn: (store: Store) => T): T {
  const store = openStore(location);
  try {
    return fn(store);
  } finally {
    store.close();
  }
}
