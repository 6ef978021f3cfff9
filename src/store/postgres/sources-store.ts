// The PostgreSQL side of SourceStore (src/store/sources.ts): the sources table and the items their polls recorded.
// The same behaviour as src/store/sqlite/sources-store.ts. Input: a connection migrated to schema 5. Output: records.
import {
  emptyItemCounts, type ItemCounts, type ItemOutcome, type ItemStatus, type ListedItem, type PollFailure, type PollSuccess,
  type SourceItem, type SourceKind, type SourceRecord, type SourceStore,
} from '../sources.js';
import type { PgConnection } from './bridge.js';

import { type ItemDbRow, type SourceDbRow, toItem, toSource } from '../source-rows.js';

const SOURCE_COLUMNS = 'id, name, url, kind, added_at, etag, last_modified, last_polled_at, last_status, last_error, consecutive_failures';
const ITEM_COLUMNS = 'source_id, item_key, url, title, published, first_seen, status, article_id, attempts, last_error';

export class PostgresSourceStore implements SourceStore {
  constructor(private readonly conn: PgConnection) {}

  addSource(source: { name: string; url: string; kind: SourceKind; addedAt: string }): SourceRecord | { error: 'duplicate-name'; existing: SourceRecord } {
    return this.conn.transaction(() => {
      // ON CONFLICT: two processes adding the same name at once cannot both succeed, nor fail with an error.
      const [row] = this.conn.query<SourceDbRow>(`INSERT INTO sources (name, url, kind, added_at) VALUES ($1, $2, $3, $4)
        ON CONFLICT (name) DO NOTHING RETURNING ${SOURCE_COLUMNS}`, [source.name, source.url, source.kind, source.addedAt]);
      if (row) return toSource(row);
      return { error: 'duplicate-name' as const, existing: this.getSource(source.name)! };
    });
  }

  getSource(name: string): SourceRecord | null {
    const [row] = this.conn.query<SourceDbRow>(`SELECT ${SOURCE_COLUMNS} FROM sources WHERE name = $1`, [name]);
    return row ? toSource(row) : null;
  }

  listSources(): SourceRecord[] {
    return this.conn.query<SourceDbRow>(`SELECT ${SOURCE_COLUMNS} FROM sources ORDER BY name`).map(toSource);
  }

  removeSource(name: string): boolean {
    return this.conn.transaction(() => {
      const id = this.conn.value<number>('DELETE FROM sources WHERE name = $1 RETURNING id', [name]);
      if (id === undefined) return false;
      this.conn.exec('DELETE FROM source_items WHERE source_id = $1', [id]);
      return true;
    });
  }

  recordPoll(sourceId: number, items: readonly ListedItem[], poll: PollSuccess): ListedItem[] {
    return this.conn.transaction(() => {
      let added: ListedItem[] = [];
      if (items.length > 0) {
        // One statement for the whole list, in the order given; RETURNING names the rows that were new.
        const inserted = new Set(this.conn.column<string>(`INSERT INTO source_items (source_id, item_key, url, title, published, first_seen)
          SELECT $1::bigint, u.item_key, u.url, u.title, u.published, $2::text
          FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS u(item_key, url, title, published, n) ORDER BY u.n
          ON CONFLICT DO NOTHING RETURNING item_key`,
        [sourceId, poll.polledAt, items.map((i) => i.key), items.map((i) => i.url), items.map((i) => i.title), items.map((i) => i.published)]));
        // A key listed twice was new once: its first listing.
        added = items.filter((item) => inserted.delete(item.key));
      }
      this.conn.exec(`UPDATE sources SET etag = $1, last_modified = $2, last_polled_at = $3, last_status = $4, last_error = NULL,
        consecutive_failures = 0 WHERE id = $5`, [poll.etag, poll.lastModified, poll.polledAt, poll.status, sourceId]);
      return added;
    });
  }

  recordPollFailure(sourceId: number, poll: PollFailure): void {
    this.conn.exec(`UPDATE sources SET last_polled_at = $1, last_status = $2, last_error = $3, consecutive_failures = consecutive_failures + 1
      WHERE id = $4`, [poll.polledAt, poll.status, poll.error, sourceId]);
  }

  pendingItems(options: { sourceIds?: readonly number[]; limit?: number } = {}): SourceItem[] {
    const limit = options.limit === undefined || !Number.isFinite(options.limit) ? null : options.limit;
    const rows = options.sourceIds
      ? this.conn.query<ItemDbRow>(`SELECT ${ITEM_COLUMNS} FROM source_items WHERE status = 'pending' AND source_id = ANY($1::bigint[])
          ORDER BY seq LIMIT $2`, [options.sourceIds, limit])
      : this.conn.query<ItemDbRow>(`SELECT ${ITEM_COLUMNS} FROM source_items WHERE status = 'pending' ORDER BY seq LIMIT $1`, [limit]);
    return rows.map(toItem);
  }

  recordItemOutcome(sourceId: number, key: string, outcome: ItemOutcome): void {
    if (outcome.status === 'stored') {
      this.conn.exec(`UPDATE source_items SET status = 'stored', article_id = $1, attempts = attempts + 1, last_error = NULL
        WHERE source_id = $2 AND item_key = $3`, [outcome.articleId, sourceId, key]);
    } else {
      this.conn.exec('UPDATE source_items SET status = $1, attempts = attempts + 1, last_error = $2 WHERE source_id = $3 AND item_key = $4',
        [outcome.status, outcome.error, sourceId, key]);
    }
  }

  listItems(sourceId: number): SourceItem[] {
    return this.conn.query<ItemDbRow>(`SELECT ${ITEM_COLUMNS} FROM source_items WHERE source_id = $1 ORDER BY seq`, [sourceId]).map(toItem);
  }

  itemCounts(): Map<number, ItemCounts> {
    const counts = new Map<number, ItemCounts>();
    for (const [sourceId, status, n] of this.conn.queryArrays<[number, ItemStatus, number]>(
      'SELECT source_id, status, count(*) FROM source_items GROUP BY source_id, status ORDER BY source_id, status')) {
      let c = counts.get(sourceId);
      if (!c) counts.set(sourceId, (c = emptyItemCounts()));
      c[status] = n;
    }
    return counts;
  }
}
