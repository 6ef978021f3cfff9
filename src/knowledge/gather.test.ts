// Gathering a story set's stored articles: the same articles with or without the cache, and with it each stored
// article read from the store once per process (a worker finishing batch after batch read whole stories again).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureDocuments } from '../stories/fixture-docs.js';
import { loadIndexes, storeBatch } from '../store/batch.js';
import type { Store } from '../store/store.js';
import { storyBasics } from '../output/analysis.js';
import { openTestStore } from '../test-support/test-store.js';
import { StoredArticleCache, storyArticles } from './gather.js';

/** The store, counting the articles read from it. */
function counting(store: Store): { store: Store; reads: () => number; read: Set<string> } {
  let reads = 0;
  const read = new Set<string>();
  const proxy = new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'getArticle') return (id: string) => { reads++; read.add(id); return target.getArticle(id); };
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: proxy, reads: () => reads, read };
}

test('storyArticles: the cache gives the stored articles as the store does, and reads each one once', () => {
  const store = openTestStore();
  try {
    const docs = [...fixtureDocuments().values()];
    const indexes = loadIndexes(store);
    storeBatch(store, indexes, docs.slice(0, -2));
    const stories = store.listStories().map(storyBasics);
    assert.ok(stories.some((s) => s.articleIds.length > 1), 'the fixtures make stories of several articles');
    const stored = stories.reduce((n, s) => n + s.articleIds.length, 0);

    const { store: watched, reads, read } = counting(store);
    const plain = storyArticles(watched, stories, []);
    assert.equal(reads(), stored, 'without a cache every member is read');
    assert.equal(plain.length, stored);

    const cache = new StoredArticleCache();
    const first = storyArticles(watched, stories, [], cache);
    assert.deepEqual(first, plain);
    assert.equal(reads(), 2 * stored);
    const again = storyArticles(watched, stories, [], cache);
    assert.deepEqual(again, plain);
    assert.equal(reads(), 2 * stored, 'the second gathering reads nothing');

    // A run's articles, remembered once their batch is stored, are not read back by later gatherings.
    const run = storeBatch(store, indexes, docs.slice(-2)).flatMap((r) => (r.skipped ? [] : [{ doc: r.doc, storyId: r.storyId, duplicateOf: r.duplicateOf }]));
    cache.remember(run);
    const touched = store.listStories().map(storyBasics).filter((s) => run.some((a) => a.storyId === s.id));
    assert.ok(run.length > 0 && touched.length > 0);
    const before = reads();
    const gathered = storyArticles(watched, touched, [], cache);
    assert.equal(reads(), before, 'every member was read before or remembered');
    for (const a of run) {
      assert.ok(!read.has(a.doc.id), 'a remembered article is never read');
      assert.deepEqual(gathered.find((g) => g.doc.id === a.doc.id), a, 'and is gathered as remembered');
    }
  } finally {
    store.close();
  }
});
