// Two processes writing one store (two connections here, taking turns): each catches its indexes up with what the other
// stored before placing, so together they store exactly what one process storing the same articles in the same order
// does. On SQLite, and on PostgreSQL when MARSAD_TEST_DATABASE_URL is set.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Document } from '../document.js';
import { fixtureDocuments } from '../stories/fixture-docs.js';
import { type BatchResult, catchUp, loadIndexes, storeBatch, type StoryIndexes } from './batch.js';
import { openStore } from './open.js';
import type { Store } from './store.js';
import { postgresScratch, postgresSkipReason, type ScratchDb, sqliteScratch } from '../queue/scratch-db.js';

const docs = fixtureDocuments();
const ordered = [...docs.values()];

/** What must be equal: each article's story, original and stored entity ids, and every story with its members in order. */
function snapshot(store: Store) {
  const articles = store.listArticles().map((a) => ({ id: a.id, storyId: a.storyId, duplicateOf: a.duplicateOf, entities: store.getArticle(a.id)!.entities.map((m) => m.entityId) }));
  return { articles: articles.sort((a, b) => (a.id < b.id ? -1 : 1)), stories: store.listStories(), state: store.loadStoryIndex().state() };
}

function placements(results: BatchResult[]) {
  return results.map((r) => (r.skipped ? { id: r.id, skipped: true } : { id: r.id, storyId: r.storyId, duplicateOf: r.duplicateOf, created: r.createdStory }));
}

/** One process storing `batches` in order: the reference. */
function uninterrupted(batches: Document[][]) {
  const store = openStore(':memory:');
  const indexes = loadIndexes(store);
  const results = batches.map((batch) => placements(storeBatch(store, indexes, batch)));
  const out = { results, snapshot: snapshot(store), live: indexes.stories.state() };
  store.close();
  return out;
}

function catchUpSuite(name: string, scratch: () => Promise<ScratchDb>, skip: string | false): void {
  describe(`catching up with another process (${name})`, { skip }, () => {
    let db: ScratchDb | undefined;
    let open: Store[] = [];
    const cleanUp = async (): Promise<void> => {
      for (const store of open) store.close();
      open = [];
      await db?.dispose();
      db = undefined;
    };
    /** Two connections to a fresh store, standing for two processes. */
    const twoProcesses = async (): Promise<[Store, Store]> => {
      await cleanUp();
      db = await scratch();
      open = [openStore(db.location), openStore(db.location)];
      return [open[0], open[1]];
    };
    after(cleanUp);

    test('two processes taking turns store what one process storing the same batches in the same order does', async () => {
      const batches = ordered.map((doc) => [doc]);
      const reference = uninterrupted(batches);
      const stores = await twoProcesses();
      const indexes = stores.map((s) => loadIndexes(s));
      const storedBy = new Map<string, number>();
      const results = batches.map((batch, i) => {
        const p = i % 2;
        for (const doc of batch) storedBy.set(doc.id, p);
        return placements(storeBatch(stores[p], indexes[p], batch));
      });
      assert.deepEqual(results, reference.results);
      // The partition is only the same because each process saw the other's work: a copy found across processes, a
      // story opened by one and joined by the other.
      const flat = results.flat() as { id: string; storyId?: string; duplicateOf?: string | null }[];
      assert.ok(flat.some((r) => r.duplicateOf && storedBy.get(r.duplicateOf) !== storedBy.get(r.id)), 'a duplicate of the other process\'s article');
      assert.ok(flat.some((r) => r.storyId && storedBy.get(r.storyId.replace(/^s_/, '')) !== storedBy.get(r.id)), 'a story opened by the other process');
      assert.deepEqual(snapshot(stores[0]), reference.snapshot);
      // Caught up incrementally, each index holds what a fresh load would (and what the uninterrupted run holds).
      for (const [p, store] of stores.entries()) {
        store.exclusive(() => catchUp(store, indexes[p]));
        assert.deepEqual(indexes[p].stories.state(), reference.live);
        assert.deepEqual(indexes[p].stories.state(), store.loadStoryIndex().state());
        assert.equal(indexes[p].duplicates.size, ordered.length);
      }
      assert.ok(indexes[0].caughtUp!.stories > 0);
    });

    test('without catching up, the second process opens its own story for the same event (what catchUp prevents)', async () => {
      const batches = ordered.map((doc) => [doc]);
      const reference = uninterrupted(batches);
      const stores = await twoProcesses();
      const indexes: StoryIndexes[] = stores.map((s) => ({ ...loadIndexes(s), cursor: undefined }));
      const results = batches.map((batch, i) => placements(storeBatch(stores[i % 2], indexes[i % 2], batch)));
      assert.notDeepEqual(results, reference.results);
      assert.ok(stores[0].listStories().length > reference.snapshot.stories.length);
    });

    test('a story the other process revived after this one evicted it: the story index is reloaded whole, and stays exact', async () => {
      const original = docs.get('call_presidency')!;
      const copy = { ...original, id: 'a_00000000000c0b1e', input: 'copy-of-call' };
      const curfew = docs.get('shaddadi_curfew')!;
      const follower = { ...curfew, id: 'a_00000000000f0110', input: 'late-follower', text: curfew.text + ' ' };
      const batches = [...ordered.map((doc) => [doc]), [copy], [follower]];
      const reference = uninterrupted(batches);
      const [a, b] = await twoProcesses();
      const [ia, ib] = [loadIndexes(a), loadIndexes(b)];
      // A stores the whole stream (the March article evicts January's stories), B the copy (its catch-up takes A's
      // stories and evicts the same ones, then the copy revives its original's story), A the last article.
      const results = ordered.map((doc) => placements(storeBatch(a, ia, [doc])));
      results.push(placements(storeBatch(b, ib, [copy])));
      results.push(placements(storeBatch(a, ia, [follower])));
      assert.deepEqual(results, reference.results);
      assert.equal(ib.caughtUp!.reloads, 0);
      assert.equal(ia.caughtUp!.reloads, 1);
      assert.deepEqual(snapshot(a), reference.snapshot);
      assert.deepEqual(ia.stories.state(), reference.live);
    });
  });
}

catchUpSuite('SQLite', async () => sqliteScratch(), false);
catchUpSuite('PostgreSQL', postgresScratch, postgresSkipReason() ?? false);
