// The job queue's semantics, on SQLite and (when MARSAD_TEST_DATABASE_URL is set) PostgreSQL: one job per input, leases
// no two workers share, expired leases taken again, outcomes recorded once, attempts bounded.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RawPage } from '../ingest/types.js';
import { openStore } from './open.js';
import type { Store } from './store.js';
import { postgresScratch, postgresSkipReason, type ScratchDb, sqliteScratch } from '../queue/scratch-db.js';

const page = (input: string): RawPage => ({ input, text: `نص الصفحة ${input}`, title: null, url: null, outlet: null, published: '2026-01-20' });
const pages = (n: number, prefix = 'p'): RawPage[] => Array.from({ length: n }, (_, i) => page(`${prefix}${i}`));
const claimOptions = { worker: 'test:1', limit: 10, leaseSeconds: 60, maxAttempts: 3 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function queueSuite(name: string, scratch: () => Promise<ScratchDb>, skip: string | false): void {
  describe(`job queue (${name})`, { skip }, () => {
    let db: ScratchDb;
    let stores: Store[] = [];
    const open = (): Store => {
      const store = openStore(db.location);
      stores.push(store);
      return store;
    };
    before(async () => {
      db = await scratch();
    });
    after(async () => {
      for (const s of stores) s.close();
      stores = [];
      await db?.dispose();
    });

    test('enqueue adds one job per input; the same input again is a no-op', () => {
      const store = open();
      assert.equal(store.queue.enqueue(pages(5, 'e')), 5);
      assert.equal(store.queue.enqueue([...pages(5, 'e'), page('e-new')]), 1);
      assert.deepEqual(store.queue.counts(), { queued: 6, leased: 0, done: 0, failed: 0 });
    });

    test('two workers claiming at once get disjoint jobs, oldest first; done jobs are never claimed again', () => {
      const [a, b] = [open(), open()];
      const first = a.queue.claim({ ...claimOptions, worker: 'a:1', limit: 4 });
      const second = b.queue.claim({ ...claimOptions, worker: 'b:1', limit: 4 });
      assert.deepEqual(first.map((j) => j.input), ['e0', 'e1', 'e2', 'e3']);
      assert.deepEqual(second.map((j) => j.input), ['e4', 'e-new']);
      assert.deepEqual(first[0].page, page('e0'));
      assert.equal(first[0].attempts, 1);
      assert.deepEqual(a.queue.claim(claimOptions), []);
      assert.deepEqual(a.queue.counts(), { queued: 0, leased: 6, done: 0, failed: 0 });
      a.exclusive(() => a.queue.settle([...first, ...second].map((j) => ({ id: j.id, status: 'done' as const }))));
      assert.deepEqual(b.queue.counts(), { queued: 0, leased: 0, done: 6, failed: 0 });
      // A late settle (the job's lease had expired and another worker finished it) changes nothing.
      b.queue.settle([{ id: first[0].id, status: 'failed', error: 'late' }]);
      assert.equal(b.queue.counts().failed, 0);
    });

    test('a lease that expires (its worker died) is taken by another worker; attempts are bounded', async () => {
      const [a, b] = [open(), open()];
      a.queue.enqueue([page('crash')]);
      const [taken] = a.queue.claim({ ...claimOptions, leaseSeconds: 0.05 });
      assert.equal(taken.input, 'crash');
      assert.deepEqual(b.queue.claim(claimOptions), []);
      await sleep(80);
      const [again] = b.queue.claim({ ...claimOptions, leaseSeconds: 0.05 });
      assert.equal(again.id, taken.id);
      assert.equal(again.attempts, 2);
      await sleep(80);
      assert.equal(a.queue.claim({ ...claimOptions, leaseSeconds: 0.05, maxAttempts: 3 })[0].attempts, 3);
      await sleep(80);
      // The third lease expired too: no attempt left, the job fails instead of being leased a fourth time.
      assert.deepEqual(b.queue.claim(claimOptions), []);
      assert.equal(b.queue.counts().failed, 1);
      assert.match(b.queue.failures(5)[0].error, /stopped before finishing it 3 times/);
    });

    test('retry queues a job again until its attempts run out; release gives it back uncounted', () => {
      const store = open();
      store.queue.enqueue([page('flaky'), page('given-back')]);
      const [flaky, back] = store.queue.claim({ ...claimOptions, maxAttempts: 2 });
      store.queue.release([back.id]);
      store.queue.retry(flaky.id, 'disk full', 2);
      const again = store.queue.claim({ ...claimOptions, maxAttempts: 2 });
      assert.deepEqual(again.map((j) => [j.input, j.attempts]), [['flaky', 2], ['given-back', 1]]);
      store.queue.retry(flaky.id, 'disk full', 2);
      store.queue.settle([{ id: back.id, status: 'failed', error: 'no article text left after removing boilerplate' }]);
      assert.deepEqual(store.queue.counts(), { queued: 0, leased: 0, done: 6, failed: 3 });
      assert.deepEqual(new Set(store.queue.failures(2).map((f) => f.error)), new Set(['disk full', 'no article text left after removing boilerplate']));
    });

    test('requeueFailed queues failed jobs again, attempts reset and page kept; other jobs are untouched', () => {
      const store = open();
      const before = store.queue.counts();
      assert.ok(before.failed >= 3, JSON.stringify(before));
      assert.equal(store.queue.requeueFailed(), before.failed);
      assert.deepEqual(store.queue.counts(), { ...before, queued: before.queued + before.failed, failed: 0 });
      const again = store.queue.claim({ ...claimOptions, limit: 100 });
      assert.ok(again.every((j) => j.attempts === 1), JSON.stringify(again.map((j) => j.attempts)));
      assert.ok(again.some((j) => j.input === 'flaky' && j.page.text === page('flaky').text));
      assert.equal(store.queue.failures(10).length, 0);
      store.exclusive(() => store.queue.settle(again.map((j) => ({ id: j.id, status: 'done' as const }))));
      assert.equal(store.queue.requeueFailed(), 0, 'nothing failed is left');
    });

    test('leases follow the database clock: a worker whose clock runs an hour behind still holds its lease',
      { skip: name === 'SQLite' ? 'a SQLite store lives on one machine, whose processes share one clock' : false }, () => {
        const [a, b] = [open(), open()];
        a.queue.enqueue([page('skewed-clock')]);
        const clock = Date.now;
        Date.now = () => clock() - 3_600_000;
        let taken: ReturnType<Store['queue']['claim']>;
        try {
          taken = a.queue.claim(claimOptions);
        } finally {
          Date.now = clock;
        }
        assert.deepEqual(taken.map((j) => j.input), ['skewed-clock']);
        assert.deepEqual(b.queue.claim(claimOptions), [], 'the lease is not expired for a worker with the right time');
        assert.equal(b.queue.counts().leased, 1);
      });
  });
}

queueSuite('SQLite', async () => sqliteScratch(), false);
queueSuite('PostgreSQL', postgresScratch, postgresSkipReason() ?? false);
