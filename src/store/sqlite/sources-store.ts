// The SQLite side of SourceStore (src/store/sources.ts): the sources table and the items their polls recorded.
// Input: an open database migrated to schema 5. Output: records. Every value reaches SQL as a parameter.
import type Database from 'better-sqlite3';
import {
  emptyItemCounts, type ItemCounts, type ItemOutcome, type ItemStatus, type ListedItem, type PollFailure, type PollSuccess,
  type SourceItem, type SourceKind, type SourceRecord, type SourceStore,
} from '../sources.js';

import { type ItemDbRow, type SourceDbRow, toItem, toSource } from '../source-rows.js';

function prepareSourceStatements(db: Database.Database) {
  const p = (sql: string) => db.prepare(sql);
  return {
    insertSource: p('INSERT INTO sources (name, url, kind, added_at) VALUES (?, ?, ?, ?)'),
    sourceByName: p('SELECT * FROM sources WHERE name = ?'),
    sourceById: p('SELECT * FROM sources WHERE id = ?'),
    listSources: p('SELECT * FROM sources ORDER BY name'),
    deleteSource: p('DELETE FROM sources WHERE id = ?'),
    deleteItems: p('DELETE FROM source_items WHERE source_id = ?'),
    insertItem: p(`INSERT OR IGNORE INTO source_items (source_id, item_key, url, title, published, first_seen)
      VALUES (?, ?, ?, ?, ?, ?)`),
    pollSucceeded: p(`UPDATE sources SET etag = ?, last_modified = ?, last_polled_at = ?, last_status = ?, last_error = NULL,
      consecutive_failures = 0 WHERE id = ?`),
    pollFailed: p(`UPDATE sources SET last_polled_at = ?, last_status = ?, last_error = ?, consecutive_failures = consecutive_failures + 1
      WHERE id = ?`),
    pending: p(`SELECT * FROM source_items WHERE status = 'pending' ORDER BY rowid`),
    itemStored: p(`UPDATE source_items SET status = 'stored', article_id = ?, attempts = attempts + 1, last_error = NULL
      WHERE source_id = ? AND item_key = ?`),
    itemNotStored: p('UPDATE source_items SET status = ?, attempts = attempts + 1, last_error = ? WHERE source_id = ? AND item_key = ?'),
    listItems: p('SELECT * FROM source_items WHERE source_id = ? ORDER BY rowid'),
    itemCounts: p('SELECT source_id, status, COUNT(*) AS n FROM source_items GROUP BY source_id, status'),
  };
}

export class SqliteSourceStore implements SourceStore {
  private readonly q;

  constructor(private readonly db: Database.Database) {
    this.q = prepareSourceStatements(db);
  }

  addSource(source: { name: string; url: string; kind: SourceKind; addedAt: string }): SourceRecord | { error: 'duplicate-name'; existing: SourceRecord } {
    return this.db.transaction(() => {
      const existing = this.getSource(source.name);
      if (existing) return { error: 'duplicate-name' as const, existing };
      const { lastInsertRowid } = this.q.insertSource.run(source.name, source.url, source.kind, source.addedAt);
      return toSource(this.q.sourceById.get(lastInsertRowid) as SourceDbRow);
    }).immediate();
  }

  getSource(name: string): SourceRecord | null {
    const row = this.q.sourceByName.get(name) as SourceDbRow | undefined;
    return row ? toSource(row) : null;
  }

  listSources(): SourceRecord[] {
    return (this.q.listSources.all() as SourceDbRow[]).map(toSource);
  }

  removeSource(name: string): boolean {
    return this.db.transaction(() => {
      const source = this.getSource(name);
      if (!source) return false;
      this.q.deleteItems.run(source.id);
      this.q.deleteSource.run(source.id);
      return true;
    }).immediate();
  }

  recordPoll(sourceId: number, items: readonly ListedItem[], poll: PollSuccess): ListedItem[] {
    return this.db.transaction(() => {
      const added: ListedItem[] = [];
      for (const item of items) {
        const { changes } = this.q.insertItem.run(sourceId, item.key, item.url, item.title, item.published, poll.polledAt);
        if (changes > 0) added.push(item);
      }
      this.q.pollSucceeded.run(poll.etag, poll.lastModified, poll.polledAt, poll.status, sourceId);
      return added;
    }).immediate();
  }

  recordPollFailure(sourceId: number, poll: PollFailure): void {
    this.q.pollFailed.run(poll.polledAt, poll.status, poll.error, sourceId);
  }

  pendingItems(options: { sourceIds?: readonly number[]; limit?: number } = {}): SourceItem[] {
    const only = options.sourceIds ? new Set(options.sourceIds) : null;
    const limit = options.limit ?? Infinity;
    const items: SourceItem[] = [];
    for (const row of this.q.pending.iterate() as Iterable<ItemDbRow>) {
      if (only && !only.has(row.source_id)) continue;
      items.push(toItem(row));
      if (items.length >= limit) break;
    }
    return items;
  }

  recordItemOutcome(sourceId: number, key: string, outcome: ItemOutcome): void {
    if (outcome.status === 'stored') this.q.itemStored.run(outcome.articleId, sourceId, key);
    else this.q.itemNotStored.run(outcome.status, outcome.error, sourceId, key);
  }

  listItems(sourceId: number): SourceItem[] {
    return (this.q.listItems.all(sourceId) as ItemDbRow[]).map(toItem);
  }

  itemCounts(): Map<number, ItemCounts> {
    const counts = new Map<number, ItemCounts>();
    for (const row of this.q.itemCounts.all() as { source_id: number; status: ItemStatus; n: number }[]) {
      let c = counts.get(row.source_id);
      if (!c) counts.set(row.source_id, (c = emptyItemCounts()));
      c[row.status] = row.n;
    }
    return counts;
  }
}
