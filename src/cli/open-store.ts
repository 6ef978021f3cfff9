// Opening the store a command works on: the location from --db, else MARSAD_DATABASE_URL, else the default; a store
// that cannot be opened (or, for commands that need one, does not exist) is one line on stderr, never a stack trace.
// Input: the command's name and options. Output: the open Store, or null after reporting why not.
import { openStore, resolveDbLocation, StoreOpenError, storeExists } from '../store/open.js';
import type { Store } from '../store/store.js';

export interface OpenCliStoreOptions {
  /** The location when neither --db nor MARSAD_DATABASE_URL gives one (default: the SQLite default file). */
  fallback?: string;
  /** Refuse a missing store (it is never created) and say how to make one. */
  missingHint?: (location: string) => string;
}

export function openCliStore(command: string, db: string | undefined, options: OpenCliStoreOptions = {}): Store | null {
  const location = resolveDbLocation(db, options.fallback);
  if (options.missingHint && !storeExists(location)) {
    process.stderr.write(`marsad ${command}: no store at ${location} (${options.missingHint(location)})\n`);
    return null;
  }
  try {
    return openStore(location);
  } catch (error) {
    if (!(error instanceof StoreOpenError)) throw error;
    process.stderr.write(`marsad ${command}: ${error.message}\n`);
    return null;
  }
}

/** What `watch` and `sources list|remove` tell a user without a store. */
export const addSourceFirst = (location: string): string => `add a source first: marsad sources add --db ${location} NAME URL`;
