// The SourceStore (SQLite, or PostgreSQL when MARSAD_TEST_DATABASE_URL is set): names are unique, a poll records only
// unseen items (atomically with its validators), item outcomes count attempts, removing a source removes its items, and
// everything survives closing the store.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openStore } from '../open.js';
import { openTestStore, testDbLocation } from '../../test-support/test-store.js';
import type { ListedItem, SourceRecord } from '../sources.js';

const T0 = '2026-02-01T10:00:00.000Z';
const T1 = '2026-02-01T10:10:00.000Z';

function item(n: number): ListedItem {
  return { key: `guid-${n}`, url: `https://news.example/a/${n}`, title: `خبر ${n}`, published: '2026-02-01' };
}

function added(result: ReturnType<ReturnType<typeof openStore>['sources']['addSource']>): SourceRecord {
  assert.ok(!('error' in result), 'source not added');
  return result;
}

test('a source is added once by name; a second add with the same name is refused with the existing record', () => {
  const store = openTestStore();
  const source = added(store.sources.addSource({ name: 'عنب بلدي', url: 'https://news.example/feed', kind: 'feed', addedAt: T0 }));
  assert.equal(source.kind, 'feed');
  assert.equal(source.consecutiveFailures, 0);
  const again = store.sources.addSource({ name: 'عنب بلدي', url: 'https://other.example/', kind: 'page', addedAt: T1 });
  assert.ok('error' in again && again.error === 'duplicate-name');
  assert.equal(again.existing.url, 'https://news.example/feed');
  assert.deepEqual(store.sources.listSources().map((s) => s.name), ['عنب بلدي']);
  store.close();
});

test('a poll records unseen items as pending with its validators; known items are left as they are', () => {
  const store = openTestStore();
  const source = added(store.sources.addSource({ name: 'a', url: 'https://news.example/feed', kind: 'feed', addedAt: T0 }));
  const first = store.sources.recordPoll(source.id, [item(1), item(2)], { polledAt: T0, status: 'ok', etag: '"v1"', lastModified: null });
  assert.deepEqual(first.map((i) => i.key), ['guid-1', 'guid-2']);
  store.sources.recordItemOutcome(source.id, 'guid-1', { status: 'stored', articleId: 'a_1' });
  const second = store.sources.recordPoll(source.id, [{ ...item(1), title: 'changed' }, item(3)], { polledAt: T1, status: 'ok', etag: '"v2"', lastModified: 'Sun, 01 Feb 2026 10:10:00 GMT' });
  assert.deepEqual(second.map((i) => i.key), ['guid-3']);
  const items = store.sources.listItems(source.id);
  assert.deepEqual(items.map((i) => [i.key, i.status, i.title, i.firstSeen]), [
    ['guid-1', 'stored', 'خبر 1', T0], ['guid-2', 'pending', 'خبر 2', T0], ['guid-3', 'pending', 'خبر 3', T1],
  ]);
  const after = store.sources.getSource('a')!;
  assert.deepEqual([after.etag, after.lastModified, after.lastPolledAt, after.lastStatus], ['"v2"', 'Sun, 01 Feb 2026 10:10:00 GMT', T1, 'ok']);
  assert.deepEqual(store.sources.pendingItems().map((i) => i.key), ['guid-2', 'guid-3']);
  assert.deepEqual(store.sources.pendingItems({ limit: 1 }).map((i) => i.key), ['guid-2']);
  store.close();
});

test('outcomes count attempts; failures keep the validators and count consecutive failures until a success', () => {
  const store = openTestStore();
  const a = added(store.sources.addSource({ name: 'a', url: 'https://a.example/feed', kind: 'feed', addedAt: T0 }));
  const b = added(store.sources.addSource({ name: 'b', url: 'https://b.example/', kind: 'page', addedAt: T0 }));
  store.sources.recordPoll(a.id, [item(1), item(2)], { polledAt: T0, status: 'ok', etag: '"v1"', lastModified: null });
  store.sources.recordPoll(b.id, [item(1)], { polledAt: T0, status: 'ok', etag: null, lastModified: null });
  store.sources.recordItemOutcome(a.id, 'guid-1', { status: 'pending', error: 'timeout: no response' });
  store.sources.recordItemOutcome(a.id, 'guid-1', { status: 'failed', error: 'timeout: no response' });
  store.sources.recordItemOutcome(a.id, 'guid-2', { status: 'skipped', error: 'not an HTML page' });
  const [one, two] = store.sources.listItems(a.id);
  assert.deepEqual([one.status, one.attempts, one.lastError], ['failed', 2, 'timeout: no response']);
  assert.deepEqual([two.status, two.attempts], ['skipped', 1]);
  assert.deepEqual(store.sources.pendingItems().map((i) => [i.sourceId, i.key]), [[b.id, 'guid-1']]);
  assert.deepEqual(store.sources.pendingItems({ sourceIds: [a.id] }), []);

  store.sources.recordPollFailure(a.id, { polledAt: T1, status: 'http', error: 'HTTP 500' });
  store.sources.recordPollFailure(a.id, { polledAt: T1, status: 'timeout', error: 'no response' });
  let source = store.sources.getSource('a')!;
  assert.deepEqual([source.etag, source.lastStatus, source.lastError, source.consecutiveFailures], ['"v1"', 'timeout', 'no response', 2]);
  store.sources.recordPoll(a.id, [], { polledAt: T1, status: 'not-modified', etag: '"v1"', lastModified: null });
  source = store.sources.getSource('a')!;
  assert.deepEqual([source.lastStatus, source.lastError, source.consecutiveFailures], ['not-modified', null, 0]);

  const counts = store.sources.itemCounts();
  assert.deepEqual(counts.get(a.id), { pending: 0, stored: 0, failed: 1, skipped: 1 });
  assert.deepEqual(counts.get(b.id), { pending: 1, stored: 0, failed: 0, skipped: 0 });
  store.close();
});

test('removing a source removes its items; sources and items survive reopening the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'marsad-sources-'));
  try {
    const path = testDbLocation(dir, 'store.db');
    let store = openStore(path);
    const a = added(store.sources.addSource({ name: 'a', url: 'https://a.example/feed', kind: 'feed', addedAt: T0 }));
    const b = added(store.sources.addSource({ name: 'b', url: 'https://b.example/feed', kind: 'feed', addedAt: T0 }));
    store.sources.recordPoll(a.id, [item(1)], { polledAt: T0, status: 'ok', etag: null, lastModified: null });
    store.sources.recordPoll(b.id, [item(1), item(2)], { polledAt: T0, status: 'ok', etag: null, lastModified: null });
    store.close();
    store = openStore(path);
    assert.equal(store.sources.removeSource('a'), true);
    assert.equal(store.sources.removeSource('a'), false);
    assert.deepEqual(store.sources.listSources().map((s) => s.name), ['b']);
    assert.deepEqual(store.sources.listItems(a.id), []);
    assert.deepEqual(store.sources.listItems(b.id).map((i) => i.key), ['guid-1', 'guid-2']);
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
