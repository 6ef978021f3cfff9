// `marsad sources add|list|remove`: the outlets `marsad watch` follows. `add` fetches the URL once, through the same
// polite and guarded client as `watch`, to tell a feed from a section page (or to check the --kind given).
// Input: options. Output: the store's sources table, a message or a listing, and the exit code
// (0 done; 1 refused: duplicate name, unknown source, unreachable or unreadable URL; 2 no store or an invalid argument).
import { resolveDbLocation, StoreOpenError, storeExists, withStore } from '../store/open.js';
import { addSourceFirst, openCliStore } from './open-store.js';
import { emptyItemCounts, type SourceKind, type SourceRecord } from '../store/sources.js';
import type { Store } from '../store/store.js';
import { createFetcher } from '../watch/fetch/client.js';
import type { FetcherOptions, FetchOutcome } from '../watch/fetch/types.js';
import { detectSourceKind, FEED_ACCEPT } from '../watch/listing.js';

export interface SourcesAddOptions {
  /** A SQLite file or a postgres:// URL (default: MARSAD_DATABASE_URL, else marsad.db). */
  db?: string;
  kind?: SourceKind;
  allowPrivateNetwork?: boolean;
}

function fail(message: string, code: number): number {
  process.stderr.write(`marsad sources: ${message}\n`);
  return code;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export async function runSourcesAdd(name: string, url: string, options: SourcesAddOptions, fetcherOptions: FetcherOptions = {}): Promise<number> {
  try {
    return await addSource(name, url, options, fetcherOptions);
  } catch (error) {
    if (!(error instanceof StoreOpenError)) throw error;
    return fail(error.message, 2);
  }
}

async function addSource(name: string, url: string, options: SourcesAddOptions, fetcherOptions: FetcherOptions): Promise<number> {
  const db = resolveDbLocation(options.db);
  const trimmed = name.trim();
  if (!trimmed) return fail('a source needs a name', 2);
  if (!isHttpUrl(url)) return fail(`not an http(s) URL: ${url}`, 2);
  const existing = storeExists(db) ? withStore(db, (store) => store.sources.getSource(trimmed)) : null;
  if (existing) return fail(`a source named "${trimmed}" already exists (${existing.url}); remove it first: marsad sources remove ${trimmed}`, 1);
  const probed = await probeSource(url, options, fetcherOptions);
  if ('refused' in probed) return fail(probed.refused, 1);
  if (probed.warning) process.stderr.write(`marsad sources: warning: ${probed.warning}\n`);
  // The name is checked again when adding: another process may have taken it during the fetch.
  const added = withStore(db, (store) => store.sources.addSource({ name: trimmed, url, kind: probed.kind, addedAt: new Date().toISOString() }));
  if ('error' in added) return fail(`a source named "${trimmed}" already exists (${added.existing.url})`, 1);
  process.stdout.write(`added source ${added.name}: ${added.kind} ${added.url} (${probed.detail})\n`);
  return 0;
}

type Probe = { kind: SourceKind; detail: string; warning?: string } | { refused: string };

/** Fetches the URL once: its kind (or a check of the kind given), or why it cannot be added. */
async function probeSource(url: string, options: SourcesAddOptions, fetcherOptions: FetcherOptions): Promise<Probe> {
  const fetcher = createFetcher({ allowPrivateNetwork: options.allowPrivateNetwork === true, ...fetcherOptions });
  let outcome: FetchOutcome;
  try {
    outcome = await fetcher.fetch({ url, accept: FEED_ACCEPT });
  } finally {
    await fetcher.close();
  }
  const given = options.kind;
  if (outcome.kind === 'error') {
    if (outcome.code === 'blocked-address' || outcome.code === 'invalid-url') {
      const hint = outcome.code === 'blocked-address' && !options.allowPrivateNetwork ? ' (pass --allow-private-network to follow a source in a private network)' : '';
      return { refused: `refused ${url}: ${outcome.code} ${outcome.reason}${hint}` };
    }
    if (!given) return { refused: `cannot fetch ${url} to tell its kind: ${outcome.code} ${outcome.reason} (give --kind feed|page to add it anyway)` };
    return { kind: given, detail: 'not fetched', warning: `cannot fetch ${url} now (${outcome.code} ${outcome.reason}); added anyway` };
  }
  if (outcome.kind === 'not-modified') return { kind: given ?? 'feed', detail: 'not modified' };
  const detected = detectSourceKind(outcome);
  if (!given && !detected.kind) return { refused: `${url} is neither a feed nor a section page: ${detected.detail}` };
  if (!given) return { kind: detected.kind as SourceKind, detail: detected.detail };
  const warning = detected.kind !== given ? `${url} does not read as a ${given} (${detected.detail}); added as one anyway` : undefined;
  return { kind: given, detail: detected.detail, ...(warning ? { warning } : {}) };
}

/** Opens an existing store; a missing one is reported, never created. */
function existingStore(option: string | undefined): Store | null {
  return openCliStore('sources', option, { missingHint: addSourceFirst });
}

export interface SourceListing extends SourceRecord {
  items: ReturnType<typeof emptyItemCounts>;
}

export function runSourcesList(options: { db?: string; json?: boolean }): number {
  const store = existingStore(options.db);
  if (!store) return 2;
  try {
    const counts = store.sources.itemCounts();
    const listing: SourceListing[] = store.sources.listSources().map((s) => ({ ...s, items: counts.get(s.id) ?? emptyItemCounts() }));
    if (options.json) process.stdout.write(JSON.stringify(listing, null, 2) + '\n');
    else process.stdout.write(listing.length === 0 ? 'no sources\n' : listing.map(describeSource).join('\n') + '\n');
    return 0;
  } finally {
    store.close();
  }
}

function describeSource(s: SourceListing): string {
  const poll = s.lastPolledAt ? `last poll ${s.lastPolledAt}: ${s.lastStatus}${s.lastError ? ` (${s.lastError})` : ''}` : 'never polled';
  const failures = s.consecutiveFailures > 1 ? `, ${s.consecutiveFailures} failed polls in a row` : '';
  const items = `items: ${s.items.stored} stored, ${s.items.pending} pending, ${s.items.failed} failed, ${s.items.skipped} skipped`;
  return `${s.name}\t${s.kind}\t${s.url}\n  ${poll}${failures}\n  ${items}`;
}

export function runSourcesRemove(name: string, options: { db?: string }): number {
  const store = existingStore(options.db);
  if (!store) return 2;
  try {
    if (!store.sources.removeSource(name.trim())) return fail(`no source named "${name}"`, 1);
    process.stdout.write(`removed source ${name.trim()} (its stored articles stay)\n`);
    return 0;
  } finally {
    store.close();
  }
}
