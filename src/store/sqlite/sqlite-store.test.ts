import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Document } from '../../document.js';
import { DuplicateIndex } from '../../stories/duplicates.js';
import { StoryIndex } from '../../stories/cluster.js';
import { fixtureDocuments } from '../../stories/fixture-docs.js';
import { loadIndexes, storeBatch } from '../batch.js';
import { openSqliteStore } from './sqlite-store.js';
import { listMigrations } from './migrate.js';

const docs = fixtureDocuments();
const ordered = [...docs.values()];
const id = (key: string) => docs.get(key)!.id;

function withTempDb(run: (path: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'marsad-store-'));
  try {
    run(join(dir, 'marsad.db'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function withAnnotations(doc: Document): Document {
  return {
    ...doc,
    times: [{ start: 0, end: 5, text: doc.text.slice(0, 5), value: '2026-01-19' }],
    quantities: [{ start: 6, end: 8, text: doc.text.slice(6, 8), value: 12, unit: 'فارا', qualifier: 'about' }],
    messages: [{ input: doc.input, stage: 'entities', reason: 'test message', fatal: false }],
  };
}

test('migrations are numbered from 1 and recorded in schema_version', () => {
  withTempDb((path) => {
    openSqliteStore(path).close();
    const store = openSqliteStore(path); // a second open applies nothing
    store.close();
    const db = new Database(path, { readonly: true });
    const versions = db.prepare('SELECT version FROM schema_version ORDER BY version').pluck().all();
    assert.deepEqual(versions, listMigrations().map((m) => m.version));
    assert.equal(listMigrations()[0].version, 1);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    db.close();
  });
});

test('an article round-trips with its annotation layers; entity mentions are queryable', () => {
  withTempDb((path) => {
    const store = openSqliteStore(path);
    const doc = withAnnotations(docs.get('call_presidency')!);
    store.putArticle({ doc, duplicateOf: null, storyId: 's_' + doc.id });
    const back = store.getArticle(doc.id)!;
    assert.deepEqual({ ...back, tokens: doc.tokens }, doc);
    assert.equal(store.hasArticle(doc.id), true);
    assert.equal(store.hasArticle('a_0000000000000000'), false);
    store.upsertEntities([{ id: 'Q_sharaa', type: 'person', nameAr: 'أحمد الشرع', nameEn: 'Ahmed al-Sharaa', lon: null, lat: null }]);
    assert.equal(store.getEntity('Q_sharaa')?.nameEn, 'Ahmed al-Sharaa');
    assert.equal(store.getEntity('Q_trump')?.type, 'person'); // a stub from the mention
    store.close();
    const db = new Database(path, { readonly: true });
    const n = db.prepare("SELECT COUNT(*) FROM entity_mentions WHERE entity_id = 'Q_sharaa'").pluck().get();
    assert.equal(n, doc.entities.filter((m) => m.entityId === 'Q_sharaa').length);
    db.close();
  });
});

test('two runs over a store equal one run in memory; re-running the same input adds nothing', () => {
  const firstRun = ordered.filter((_, i) => i % 2 === 0);
  const memory = { duplicates: new DuplicateIndex(), stories: new StoryIndex() };
  withTempDb((path) => {
    // The reference: the same arrival order (first run, then the rest) in one process.
    const reference = openSqliteStore(':memory:');
    storeBatch(reference, memory, firstRun);
    storeBatch(reference, memory, ordered);
    reference.close();

    let store = openSqliteStore(path);
    storeBatch(store, loadIndexes(store), firstRun);
    store.close();

    store = openSqliteStore(path);
    const indexes = loadIndexes(store);
    assert.equal(indexes.duplicates.size, firstRun.length);
    const again = storeBatch(store, indexes, firstRun);
    assert.ok(again.every((r) => r.skipped));
    const second = storeBatch(store, indexes, ordered);
    store.close();

    store = openSqliteStore(path);
    const placed = new Map(second.filter((r) => !r.skipped).map((r) => [r.id, r]));
    // A copy whose original was stored by the first run is found in the second.
    const copy = placed.get(id('shaddadi_copy'));
    assert.ok(copy && !copy.skipped);
    assert.equal(copy.duplicateOf, id('shaddadi_accusation'));
    // A new article joins a story opened by the first run.
    const curfew = placed.get(id('shaddadi_curfew'));
    assert.ok(curfew && !curfew.skipped);
    assert.equal(curfew.storyId, 's_' + id('shaddadi_accusation'));
    assert.equal(curfew.createdStory, false);

    assert.equal(store.articleCount(), ordered.length);
    assert.deepEqual(
      store.listArticles().map((a) => a.id).sort(),
      ordered.map((d) => d.id).sort(),
    );
    assert.deepEqual(store.listStories(), memory.stories.stories());
    assert.equal(store.listArticles({ storyId: 's_' + id('shaddadi_accusation') }).length, 6);
    store.close();
  });
});

test('one run stored and reloaded gives the same story titles and summaries as in memory', () => {
  withTempDb((path) => {
    const memory = { duplicates: new DuplicateIndex(), stories: new StoryIndex() };
    const store = openSqliteStore(path);
    for (const doc of ordered) storeBatch(store, loadIndexes(store), [doc]);
    const scratch = openSqliteStore(':memory:');
    for (const doc of ordered) storeBatch(scratch, memory, [doc]);
    scratch.close();
    assert.deepEqual(store.listStories(), memory.stories.stories());
    // The same run through one store connection evicts the same stories (the March article ends January's window).
    const uninterrupted = openSqliteStore(':memory:');
    const live = loadIndexes(uninterrupted);
    for (const doc of ordered) storeBatch(uninterrupted, live, [doc]);
    assert.deepEqual(store.loadStoryIndex().state(), live.stories.state());
    assert.ok(live.stories.liveCount < memory.stories.stories().length);
    uninterrupted.close();
    store.close();
  });
});

test('a copy of an article whose story was evicted joins that story again', () => {
  const store = openSqliteStore(':memory:');
  const indexes = loadIndexes(store);
  for (const doc of ordered) storeBatch(store, indexes, [doc]);
  const original = docs.get('call_presidency')!;
  const storyId = store.getArticleRow(original.id)!.storyId!;
  assert.equal(indexes.stories.liveCount < store.listStories().length, true);
  const copy = { ...original, id: 'a_00000000000c0b1e', input: 'copy-of-call' };
  const [placed] = storeBatch(store, indexes, [copy]);
  assert.ok(!placed.skipped);
  assert.equal(placed.duplicateOf, original.id);
  assert.equal(placed.storyId, storyId);
  assert.deepEqual(store.listArticles({ storyId }).map((a) => a.id).at(-1), copy.id);
  store.close();
});
