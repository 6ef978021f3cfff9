// Publishing outside the writer lock (docs/queue.md): a view built from an older state of its story never replaces a
// newer one; a worker that stored a batch but never published it (it died in between) leaves views that the next idle
// worker finds stale and rebuilds, to exactly the views an unbroken worker writes. On SQLite, and on PostgreSQL when
// MARSAD_TEST_DATABASE_URL is set (openTestStore).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { generateCorpus, loadSampleArticles, type BenchRecord } from '../bench/corpus.js';
import { Analyzer } from '../analyze.js';
import { finishRun, RunResults } from '../analyze-finish.js';
import { inlineAnnotator } from '../annotate-pool.js';
import type { RawPage } from '../ingest/types.js';
import { assembleStories } from '../knowledge/gather.js';
import { storyBasics } from '../output/analysis.js';
import { createPipelineContext } from '../pipeline.js';
import type { StoryDetail } from '../serve/api-types.js';
import type { Store } from '../store/store.js';
import { openTestStore } from '../test-support/test-store.js';
import { repoRoot } from '../test-support/paths.js';
import { buildPublication, publishStaleViews } from '../views/publish.js';
import { parseSearchQuery, wordsMatch } from '../views/search-text.js';
import { DEFAULT_WORKER_OPTIONS, QueueWorker } from './worker.js';

const context = createPipelineContext();
const corpus = [...generateCorpus(loadSampleArticles(resolve(repoRoot, 'samples')), 40)];

function toPage(r: BenchRecord): RawPage {
  return { input: r.id, title: r.title, text: r.text, outlet: r.outlet, published: r.published, url: null };
}

/** One `analyze` run into `store`, published under the lock as `analyze` does. */
async function analyzeRun(store: Store, records: BenchRecord[]): Promise<Analyzer> {
  const analyzer = new Analyzer(context, store, { annotator: inlineAnnotator(context) });
  const results = new RunResults(context.kb);
  const stats = await analyzer.run(records.map(toPage), (event) => results.add(event));
  finishRun(store, context.kb, analyzer, stats.touchedStories, results);
  return analyzer;
}

function detail(store: Store, storyId: string): StoryDetail {
  const json = store.serving.storyDetail(storyId);
  assert.ok(json, `story ${storyId} has a view`);
  return JSON.parse(json) as StoryDetail;
}

/**
 * The corpus's last article, the story it joins (named after its first article), and the corpus before it: stored in
 * two runs, the last one grows a story that already has a view (it arrives in the same order either way, so it joins the
 * same story; an article arriving out of order could open another, its story closed by then).
 */
async function storyWithALateArticle(): Promise<{ storyId: string; early: BenchRecord[]; late: BenchRecord }> {
  const store = openTestStore();
  try {
    await analyzeRun(store, corpus);
    const late = corpus[corpus.length - 1];
    const storyId = store.listArticles().find((a) => a.input === late.id)!.storyId!;
    assert.ok(store.listStories().find((s) => s.id === storyId)!.articleCount >= 3, 'the last article joins a story of at least three');
    return { storyId, early: corpus.slice(0, -1), late };
  } finally {
    store.close();
  }
}

test('a view built from an older state of its story is skipped; the newer view stays, and nothing is left stale', async () => {
  const { storyId, early, late } = await storyWithALateArticle();
  const store = openTestStore();
  try {
    const analyzer = await analyzeRun(store, early);
    // Built as a worker builds it outside the lock: versions first, then the story's members, then its knowledge.
    const versions = store.serving.storyStateVersions([storyId]);
    const stories = analyzer.storyViews([storyId]).map(storyBasics);
    const { articles, knowledge } = assembleStories(store, context.kb, stories, []);
    const older = buildPublication(store, context.kb, stories, versions, articles, knowledge).filter((v) => v.storyId === storyId);
    assert.equal(older.length, 1);

    // Meanwhile another batch adds the late article to the story and publishes it.
    await analyzeRun(store, [late]);
    const grown = store.listStories().find((s) => s.id === storyId)!;
    assert.equal(grown.articleCount, stories[0].articleIds.length + 1, 'the late article joined the story');
    assert.ok(store.serving.storyStateVersions([storyId]).get(storyId)! > versions.get(storyId)!);
    const newer = store.serving.storyDetail(storyId);
    assert.equal(detail(store, storyId).articlesTotal, grown.articleCount);

    assert.deepEqual(store.exclusive(() => store.serving.putStoryViews(older)), [storyId], 'the older view is skipped');
    assert.equal(store.serving.storyDetail(storyId), newer, 'the newer view is unchanged');
    assert.deepEqual(store.serving.storiesWithStaleView(1000), []);
  } finally {
    store.close();
  }
});

test('a story stored but not published is listed as stale until publishStaleViews rebuilds it', async () => {
  const { storyId, early, late } = await storyWithALateArticle();
  const store = openTestStore();
  try {
    await analyzeRun(store, early);
    assert.deepEqual(store.serving.storiesWithStaleView(1000), []);
    // Stored (placed, the story's state moved on) but not published: what a worker killed before publishing leaves.
    const analyzer = new Analyzer(context, store, { annotator: inlineAnnotator(context) });
    await analyzer.run([toPage(late)], () => {});
    assert.deepEqual(store.serving.storiesWithStaleView(1000), [storyId]);
    const total = store.listStories().find((s) => s.id === storyId)!.articleCount;
    assert.equal(detail(store, storyId).articlesTotal, total - 1, 'the view still shows the story without its new article');

    assert.deepEqual(publishStaleViews(store, context.kb, 100), { written: 1, skipped: 0 });
    assert.equal(detail(store, storyId).articlesTotal, total);
    assert.deepEqual(store.serving.storiesWithStaleView(1000), []);
    assert.deepEqual(publishStaleViews(store, context.kb, 100), { written: 0, skipped: 0 });
  } finally {
    store.close();
  }
});

/** A store whose story views cannot be written: a worker on it stores and settles every batch but never publishes. */
function withoutViews(real: Store): Store {
  const serving = new Proxy(real.serving, {
    get(target, prop) {
      if (prop === 'putStoryViews') return () => { throw new Error('killed before publishing (test)'); };
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return new Proxy(real, {
    get(target, prop) {
      if (prop === 'serving') return serving;
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function drainQueue(store: Store, log: string[] = []): Promise<QueueWorker> {
  const worker = new QueueWorker(store, context, inlineAnnotator(context), { ...DEFAULT_WORKER_OPTIONS, name: 'test', batch: 8, once: true }, (line) => log.push(line));
  await worker.run();
  return worker;
}

/**
 * What every story view says of its own story. (Not its whole JSON: events and contradictions are merged across the
 * stories assembled together, and a rebuild assembles other groups of stories than the batches did.)
 */
function allViews(store: Store) {
  return Object.fromEntries(store.listStories().map((s) => {
    const { title, summary, articleCount, articlesTotal, outlets, firstPublished, lastPublished, articles } = detail(store, s.id);
    return [s.id, { title, summary, articleCount, articlesTotal, outlets, firstPublished, lastPublished, articles: articles.map((a) => a.id) }];
  }));
}

test('a worker that stored its batches but never published them: the next idle worker rebuilds every view to what an unbroken worker shows', async () => {
  const reference = openTestStore();
  const store = openTestStore();
  try {
    reference.queue.enqueue(corpus.map(toPage));
    const unbroken = await drainQueue(reference);
    assert.equal(unbroken.stats.viewsSkipped, 0);
    assert.equal(unbroken.stats.staleViewsRebuilt, 0, 'an unbroken worker leaves nothing stale');
    assert.deepEqual(reference.serving.storiesWithStaleView(1000), []);

    store.queue.enqueue(corpus.map(toPage));
    const log: string[] = [];
    const broken = await drainQueue(withoutViews(store), log);
    assert.equal(broken.stats.articles, unbroken.stats.articles, 'every batch was stored and settled all the same');
    assert.deepEqual(store.queue.counts(), reference.queue.counts());
    assert.ok(log.some((line) => /publishing failed, views left stale/.test(line)), log.join('\n'));
    const stale = store.serving.storiesWithStaleView(1000);
    assert.equal(stale.length, store.listStories().length, 'no story was published');

    const next = await drainQueue(store);
    assert.equal(next.stats.jobs, 0);
    assert.equal(next.stats.staleViewsRebuilt, stale.length);
    assert.deepEqual(store.serving.storiesWithStaleView(1000), []);
    assert.deepEqual(allViews(store), allViews(reference));
  } finally {
    store.close();
    reference.close();
  }
});

test('an analyze run indexes each batch for search in the transaction that stores it: no stored article waits for publishing', async () => {
  const store = openTestStore();
  try {
    const analyzer = new Analyzer(context, store, { annotator: inlineAnnotator(context), batchSize: 7 });
    const results = new RunResults(context.kb);
    let indexedWhenReported = 0;
    const stats = await analyzer.run(corpus.map(toPage), (event) => {
      results.add(event);
      if (event.kind !== 'article') return;
      // Reported after its batch committed: already searchable.
      assert.equal(event.searchIndexed, true);
      indexedWhenReported = store.serving.searchArticles(wordsMatch('qindexed'), 1000, 0).total;
      assert.ok(indexedWhenReported >= results.analysed.length, 'every article reported so far is indexed');
    });
    assert.equal(store.serving.searchArticles(wordsMatch('qindexed'), 1000, 0).total, store.articleCount());
    assert.deepEqual(store.serving.articlesNotIndexed(10), []);
    // Publishing passes over them and leaves the index as it was.
    const query = parseSearchQuery('الشرع', context.kb).match!;
    const before = store.serving.searchArticles(query, 1000, 0);
    finishRun(store, context.kb, analyzer, stats.touchedStories, results);
    assert.deepEqual(store.serving.searchArticles(query, 1000, 0), before);
    assert.ok(before.total > 0);
  } finally {
    store.close();
  }
});
