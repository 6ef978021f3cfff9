// Opens the configured store back end; today only SQLite files.
// Input: a path (or ":memory:"). Output: a Store.
import type { Store } from './store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';

export function openStore(path: string): Store {
  return openSqliteStore(path);
}
