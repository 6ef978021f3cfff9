// What `marsad sources` and `marsad watch` keep in a store: the outlets followed and the items their feeds listed.
// SQL lives in the back ends (src/store/sqlite/sources-store.ts). Input: sources, polls, item outcomes. Output: rows.

export type SourceKind = 'feed' | 'page';
export const SOURCE_KINDS: readonly SourceKind[] = ['feed', 'page'];

/** pending: listed, not yet stored (fetch or analysis still to do or to retry); stored: its article is in the store;
 * failed: given up (a permanent error, or too many attempts); skipped: fetched but not an article (not HTML, no text). */
export type ItemStatus = 'pending' | 'stored' | 'failed' | 'skipped';
export const ITEM_STATUSES: readonly ItemStatus[] = ['pending', 'stored', 'failed', 'skipped'];

export interface SourceRecord {
  id: number;
  name: string;
  url: string;
  kind: SourceKind;
  addedAt: string;
  etag: string | null;
  lastModified: string | null;
  lastPolledAt: string | null;
  /** 'ok', 'not-modified', or the failure code of the last poll. */
  lastStatus: string | null;
  lastError: string | null;
  consecutiveFailures: number;
}

/** An item as a feed or section page lists it. */
export interface ListedItem {
  /** The feed's guid or id, else the absolute link. */
  key: string;
  url: string;
  title: string | null;
  /** Normalised (src/ingest/published.ts) or null. */
  published: string | null;
}

export interface SourceItem extends ListedItem {
  sourceId: number;
  firstSeen: string;
  status: ItemStatus;
  articleId: string | null;
  attempts: number;
  lastError: string | null;
}

export type ItemCounts = Record<ItemStatus, number>;

/** What a successful poll learnt: the validators for the next conditional GET, and its status. */
export interface PollSuccess {
  polledAt: string;
  status: 'ok' | 'not-modified';
  etag: string | null;
  lastModified: string | null;
}

export interface PollFailure {
  polledAt: string;
  status: string;
  error: string;
}

/** An item's outcome after one attempt. 'pending' keeps it for the next poll (a transient failure). */
export type ItemOutcome =
  | { status: 'stored'; articleId: string }
  | { status: 'pending' | 'failed' | 'skipped'; error: string };

export interface SourceStore {
  /** Registers a source; a name already taken is refused (the existing record is returned with the error). */
  addSource(source: { name: string; url: string; kind: SourceKind; addedAt: string }): SourceRecord | { error: 'duplicate-name'; existing: SourceRecord };
  getSource(name: string): SourceRecord | null;
  /** Every source, by name. */
  listSources(): SourceRecord[];
  /** Removes the source and its items (their stored articles stay); false when there is no such source. */
  removeSource(name: string): boolean;
  /**
   * One transaction: records the items not seen before as 'pending' (known keys are left as they are), then the
   * poll's validators and status. Returns the items that were new, in the order given.
   */
  recordPoll(sourceId: number, items: readonly ListedItem[], poll: PollSuccess): ListedItem[];
  /** A poll that fetched or parsed nothing: its status and error; validators are kept. */
  recordPollFailure(sourceId: number, poll: PollFailure): void;
  /** Pending items of every source (or of the ones given), oldest first. */
  pendingItems(options?: { sourceIds?: readonly number[]; limit?: number }): SourceItem[];
  /** Counts one attempt of an item and sets its outcome. */
  recordItemOutcome(sourceId: number, key: string, outcome: ItemOutcome): void;
  /** The items of a source in the order they were recorded. */
  listItems(sourceId: number): SourceItem[];
  /** Items by status for each source id (sources without items are absent). */
  itemCounts(): Map<number, ItemCounts>;
}

export function emptyItemCounts(): ItemCounts {
  return { pending: 0, stored: 0, failed: 0, skipped: 0 };
}
