// What other processes stored since a cursor (schema 6 versions): new fingerprints by sequence number, story states and
// document frequencies by store version, and the appended tail of a story. Input: an open, migrated database.
// Output: StoreChanges for catching up in-memory indexes (src/store/batch.ts catchUp).
import type Database from 'better-sqlite3';
import type { FingerprintRecord } from '../../stories/duplicates.js';
import type { StoryMember, StoryState } from '../../stories/cluster.js';
import type { PooledSentence } from '../../stories/summary.js';
import type { ChangeCursor, StoreChanges } from '../store.js';

export interface FingerprintDbRow {
  article_id: string; grp: string; exact_hash: string; shingle_count: number; signature: Buffer; duplicate_of: string | null;
}

export function toFingerprintRecord(r: FingerprintDbRow): FingerprintRecord {
  const bytes = new Uint8Array(r.signature);
  return {
    articleId: r.article_id, group: r.grp, exactHash: r.exact_hash, shingleCount: r.shingle_count,
    signature: new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4), duplicateOf: r.duplicate_of,
  };
}

function prepareChangeStatements(db: Database.Database) {
  const p = (sql: string) => db.prepare(sql);
  return {
    version: p(`SELECT value FROM counters WHERE name = 'store_version'`),
    lastFingerprint: p('SELECT MAX(seq) FROM fingerprints'),
    fingerprintsAfter: p('SELECT article_id, grp, exact_hash, shingle_count, signature, duplicate_of FROM fingerprints WHERE seq > ? ORDER BY seq'),
    counter: p('SELECT value FROM counters WHERE name = ?'),
    maxStorySeq: p('SELECT MAX(seq) FROM story_state'),
    termsAfter: p('SELECT term, df FROM term_frequencies WHERE version > ?'),
    statesAfter: p('SELECT state FROM story_state WHERE version > ? ORDER BY seq'),
    membersFrom: p('SELECT member FROM story_members WHERE story_id = ? AND position >= ? ORDER BY position'),
    sentencesFrom: p('SELECT sentence FROM story_sentences WHERE story_id = ? AND position >= ? ORDER BY position'),
  };
}

export class SqliteChangeLog {
  private readonly q: ReturnType<typeof prepareChangeStatements>;

  constructor(db: Database.Database) {
    this.q = prepareChangeStatements(db);
  }

  cursor(): ChangeCursor {
    return {
      version: (this.q.version.pluck().get() as number | undefined) ?? 0,
      fingerprints: (this.q.lastFingerprint.pluck().get() as number | null) ?? 0,
    };
  }

  changesSince(since: ChangeCursor): StoreChanges | null {
    const cursor = this.cursor();
    if (cursor.version === since.version && cursor.fingerprints === since.fingerprints) return null;
    const maxSeq = this.q.maxStorySeq.pluck().get() as number | null;
    return {
      cursor,
      fingerprints: (this.q.fingerprintsAfter.all(since.fingerprints) as FingerprintDbRow[]).map(toFingerprintRecord),
      docCount: (this.q.counter.pluck().get('doc_count') as number | undefined) ?? 0,
      newestDay: (this.q.counter.pluck().get('newest_day') as number | undefined) ?? null,
      nextStorySeq: maxSeq === null ? 0 : maxSeq + 1,
      df: this.q.termsAfter.raw().all(since.version) as [string, number][],
      stories: (this.q.statesAfter.pluck().all(since.version) as string[]).map((s) => JSON.parse(s) as StoryState),
    };
  }

  storyTail(storyId: string, members: number, sentences: number): { members: StoryMember[]; pool: PooledSentence[] } {
    return {
      members: (this.q.membersFrom.pluck().all(storyId, members) as string[]).map((m) => JSON.parse(m) as StoryMember),
      pool: (this.q.sentencesFrom.pluck().all(storyId, sentences) as string[]).map((s) => JSON.parse(s) as PooledSentence),
    };
  }
}
