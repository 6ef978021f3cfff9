// The rows of the sources tables as both back ends read them, and the records they become (src/store/sources.ts).
// Input: rows with the tables' column names. Output: SourceRecord and SourceItem values.
import type { ItemStatus, SourceItem, SourceKind, SourceRecord } from './sources.js';

export interface SourceDbRow {
  id: number; name: string; url: string; kind: SourceKind; added_at: string; etag: string | null; last_modified: string | null;
  last_polled_at: string | null; last_status: string | null; last_error: string | null; consecutive_failures: number;
}

export interface ItemDbRow {
  source_id: number; item_key: string; url: string; title: string | null; published: string | null; first_seen: string;
  status: ItemStatus; article_id: string | null; attempts: number; last_error: string | null;
}

export function toSource(r: SourceDbRow): SourceRecord {
  return {
    id: r.id, name: r.name, url: r.url, kind: r.kind, addedAt: r.added_at, etag: r.etag, lastModified: r.last_modified,
    lastPolledAt: r.last_polled_at, lastStatus: r.last_status, lastError: r.last_error, consecutiveFailures: r.consecutive_failures,
  };
}

export function toItem(r: ItemDbRow): SourceItem {
  return {
    sourceId: r.source_id, key: r.item_key, url: r.url, title: r.title, published: r.published, firstSeen: r.first_seen,
    status: r.status, articleId: r.article_id, attempts: r.attempts, lastError: r.last_error,
  };
}
