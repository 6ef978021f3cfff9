// `marsad watch` in-process against the fixture site on 127.0.0.1: every good item of an RSS, an Atom, a JSON Feed
// and a section page is stored exactly once with the right title, outlet, date and canonical URL (windows-1256 pages
// too, even when the header lies); bad pages and a broken feed are reported with their source and URL and stop
// nothing; a second poll sends the ETag and adds nothing; a new item is added alone; loopback refused by default.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runWatch, type WatchInternals } from '../cli/watch.js';
import { normalizePublished } from '../ingest/published.js';
import { openStore, withStore } from '../store/open.js';
import { testDbLocation } from '../test-support/test-store.js';
import type { SourceItem } from '../store/sources.js';
import type { Store } from '../store/store.js';
import {
  ATOM_PATH, BAD_PATHS, GOOD_PAGES, INVALID_FEED_PATH, JSON_FEED_PATH, LATE_PAGE, RSS_PATH, SECTION_PATH, startOutletServer,
  type FixturePage, type OutletServer,
} from './fixtures/outlet-server.js';
import { ProgressDisplay } from './progress.js';

const SOURCES = {
  rss: { name: 'rss-syria', path: RSS_PATH, kind: 'feed' },
  atom: { name: 'atom-feed', path: ATOM_PATH, kind: 'feed' },
  json: { name: 'json-feed', path: JSON_FEED_PATH, kind: 'feed' },
  section: { name: 'قسم سوريا', path: SECTION_PATH, kind: 'page' },
  broken: { name: 'broken-feed', path: INVALID_FEED_PATH, kind: 'feed' },
} as const;

let server: OutletServer;
let dir = '';

before(async () => {
  server = await startOutletServer({ slowMs: 3000 });
  dir = mkdtempSync(join(tmpdir(), 'marsad-watch-'));
});

after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A progress display writing plain log lines into an array. */
function capture(): { lines: string[]; display: ProgressDisplay; internals: WatchInternals } {
  const lines: string[] = [];
  const out = { write: (text: string) => lines.push(...text.split('\n').filter(Boolean)) } as unknown as NodeJS.WritableStream;
  const display = new ProgressDisplay(out, false);
  return {
    lines,
    display,
    internals: {
      progress: display,
      fetcher: { perHostIntervalMs: 0, headersTimeoutMs: 300, bodyTimeoutMs: 1500, retryBaseMs: 10, maxBytes: 512 * 1024 },
    },
  };
}

function newStore(name: string, sources: (keyof typeof SOURCES)[]): string {
  const db = testDbLocation(dir, name);
  const store = openStore(db);
  for (const key of sources) {
    const s = SOURCES[key];
    store.sources.addSource({ name: s.name, url: server.origin + s.path, kind: s.kind, addedAt: new Date().toISOString() });
  }
  store.close();
  return db;
}

async function watchOnce(db: string, allowPrivateNetwork = true): Promise<{ code: number; lines: string[]; display: ProgressDisplay }> {
  const { lines, display, internals } = capture();
  const code = await runWatch({ db, once: true, allowPrivateNetwork, workers: 0, ner: false }, internals);
  return { code, lines, display };
}

function itemsOf(store: Store, name: string): SourceItem[] {
  return store.sources.listItems(store.sources.getSource(name)!.id);
}

const canonical = (page: FixturePage): string => server.origin + page.path.replace(/\?.*$/, '');

function expectedDate(page: FixturePage): string {
  return page.style.published === 'none' ? normalizePublished(page.feedDate)! : page.article.published;
}

test('one poll stores every good item once, right metadata and text, and reports every bad one with source and URL', async () => {
  const db = newStore('main.db', ['rss', 'atom', 'json', 'section', 'broken']);
  const first = await watchOnce(db);
  assert.equal(first.code, 1, 'a source that could not be read makes --once exit with 1');

  withStore(db, (store) => {
    const rows = store.listArticles({ limit: 1000 });
    assert.equal(rows.length, GOOD_PAGES.length, rows.map((r) => r.url).join('\n'));
    assert.equal(new Set(rows.map((r) => r.input)).size, rows.length, 'one row per canonical URL');
    for (const page of GOOD_PAGES) {
      const row = rows.find((r) => r.url === canonical(page));
      assert.ok(row, `not stored: ${page.path}`);
      assert.equal(row.input, canonical(page));
      assert.equal(row.title, page.article.title, page.path);
      assert.equal(row.published, expectedDate(page), page.path);
      const text = store.getArticle(row.id)!.text;
      // Decoded right (windows-1256 with a lying header too) and cleaned: the article's paragraphs, no navigation.
      assert.ok(text.includes(page.article.paragraphs[0]), `${page.path}: ${text.slice(0, 120)}`);
      assert.ok(!text.includes('فيسبوك') && !text.includes('جميع الحقوق'), page.path);
    }
    const outlet = (page: FixturePage) => rows.find((r) => r.url === canonical(page))!.outlet;
    assert.equal(outlet(GOOD_PAGES[0]), SOURCES.rss.name);
    assert.equal(outlet(GOOD_PAGES[6]), SOURCES.atom.name);
    assert.equal(outlet(GOOD_PAGES[8]), SOURCES.json.name);
    assert.equal(outlet(GOOD_PAGES[10]), SOURCES.section.name);

    const rss = itemsOf(store, SOURCES.rss.name);
    const status = (path: string) => rss.find((i) => i.url === server.origin + path);
    for (const page of GOOD_PAGES.slice(0, 6)) assert.equal(status(page.path)?.status, 'stored', page.path);
    assert.equal(status(BAD_PATHS.alwaysFailing.path)?.status, 'pending', 'a 500 is retried at the next poll');
    assert.equal(status(BAD_PATHS.slow.path)?.status, 'pending', 'a timeout is retried at the next poll');
    for (const bad of [BAD_PATHS.redirectLoop, BAD_PATHS.endless, BAD_PATHS.gzipBomb, BAD_PATHS.robots]) {
      const item = status(bad.path)!;
      assert.equal(item.status, 'failed', bad.path);
      assert.ok(item.lastError, bad.path);
    }
    assert.deepEqual(itemsOf(store, SOURCES.atom.name).map((i) => i.status), ['stored', 'stored']);
    assert.deepEqual(itemsOf(store, SOURCES.json.name).map((i) => i.status), ['stored', 'stored']);
    // The section page lists two articles of its own and one the RSS feed listed under another URL: one article.
    const section = itemsOf(store, SOURCES.section.name);
    assert.deepEqual(section.map((i) => i.status), ['stored', 'stored', 'stored']);
    const shared = rss.find((i) => i.url.includes('hasakah'))!;
    assert.equal(section.find((i) => i.url.includes('hasakah'))!.articleId, shared.articleId);
    const broken = store.sources.getSource(SOURCES.broken.name)!;
    assert.equal(broken.lastStatus, 'invalid-feed');
    assert.equal(broken.consecutiveFailures, 1);
    // Published for `serve`: every article indexed for search, every story with a view.
    assert.deepEqual(store.serving.articlesNotIndexed(10), []);
    assert.deepEqual(store.serving.storiesWithStaleView(10), []);
  });

  for (const bad of Object.values(BAD_PATHS)) {
    const line = `source ${SOURCES.rss.name}: ${server.origin}${bad.path}: ${bad.code} `;
    assert.ok(first.lines.some((l) => l.startsWith(line)), `no report starting "${line}" in:\n${first.lines.join('\n')}`);
  }
  assert.ok(first.lines.some((l) => l.startsWith(`source ${SOURCES.broken.name}: ${server.origin}${INVALID_FEED_PATH}: invalid-feed `)));
  // The page both the RSS feed and the section page list counts as added once, and once as a duplicate.
  const totals = first.display.state.sources.map((s) => s.total);
  assert.equal(totals.reduce((n, t) => n + t.added, 0), GOOD_PAGES.length);
  assert.equal(totals.reduce((n, t) => n + t.duplicates, 0), 1);
  assert.ok(first.lines.includes(`source ${SOURCES.atom.name}: 2 listed, 2 new; 2 fetched, 2 added, 0 duplicates, 0 skipped, 0 errors`), first.lines.join('\n'));

  // Second poll: the RSS feed answers 304 to its ETag, nothing is added; only the transient failures are tried again.
  const rssPolls = server.hits(RSS_PATH);
  const second = await watchOnce(db);
  assert.equal(second.code, 1);
  const rssRequests = server.requests.filter((r) => r.path === RSS_PATH);
  assert.equal(rssRequests.length, rssPolls + 1);
  assert.equal(rssRequests.at(-1)!.headers['if-none-match'], '"rss-v1"');
  assert.ok(second.lines.includes(`source ${SOURCES.rss.name}: not modified; 0 fetched, 0 added, 0 duplicates, 0 skipped, 2 errors`), second.lines.join('\n'));
  withStore(db, (store) => {
    assert.equal(store.articleCount(), GOOD_PAGES.length);
    const items = itemsOf(store, SOURCES.rss.name);
    assert.equal(items.find((i) => i.url.endsWith(BAD_PATHS.slow.path))!.attempts, 2);
  });

  // A new item in the feed: only it is added; the third attempt of the always-failing page gives it up.
  server.addLateItem();
  const third = await watchOnce(db);
  assert.equal(third.code, 1);
  withStore(db, (store) => {
    assert.equal(store.articleCount(), GOOD_PAGES.length + 1);
    const late = store.listArticles({ limit: 1000 }).find((r) => r.url === canonical(LATE_PAGE));
    assert.equal(late?.title, LATE_PAGE.article.title);
    const items = itemsOf(store, SOURCES.rss.name);
    assert.equal(items.find((i) => i.url.endsWith(BAD_PATHS.alwaysFailing.path))!.status, 'failed');
    assert.equal(items.filter((i) => i.status === 'stored').length, 7);
    assert.equal(store.sources.getSource(SOURCES.rss.name)!.etag, '"rss-v2"');
  });
  assert.ok(third.lines.includes(`source ${SOURCES.rss.name}: 13 listed, 1 new; 1 fetched, 1 added, 0 duplicates, 0 skipped, 2 errors`), third.lines.join('\n'));
});

test('without --allow-private-network a source on 127.0.0.1 is refused, reported, and nothing is fetched from it', async () => {
  const db = newStore('ssrf.db', ['rss']);
  const before = server.requests.length;
  const run = await watchOnce(db, false);
  assert.equal(run.code, 1);
  assert.equal(server.requests.length, before, 'the loopback server was contacted');
  assert.ok(run.lines.some((l) => l.startsWith(`source ${SOURCES.rss.name}: ${server.origin}${RSS_PATH}: blocked-address `)), run.lines.join('\n'));
  withStore(db, (store) => {
    assert.equal(store.sources.getSource(SOURCES.rss.name)!.lastStatus, 'blocked-address');
    assert.equal(store.articleCount(), 0);
  });
});

test('a watch without --once polls again after the interval and stops cleanly when asked', async () => {
  const db = newStore('loop.db', ['atom']);
  const { internals } = capture();
  let polls = 0;
  const started = Date.now();
  const code = await runWatch({ db, interval: 1, allowPrivateNetwork: true, workers: 0, ner: false }, {
    ...internals,
    onPoll: (_report, stop) => {
      if (++polls === 2) stop();
    },
  });
  assert.equal(code, 0);
  assert.equal(polls, 2);
  assert.ok(Date.now() - started >= 900, 'the second poll waited for the interval');
  withStore(db, (store) => assert.equal(store.articleCount(), 2));
});

test('a source that keeps failing is polled less often, the backoff kept in the store across runs; the others keep flowing', async () => {
  const db = newStore('backoff.db', ['broken', 'atom']);
  const intervalMs = 600_000;
  const start = Date.parse('2026-01-20T08:00:00Z');
  const polledBroken: boolean[] = [];
  let deferredLine = '';
  for (let k = 0; k < 7; k++) {
    const { lines, internals } = capture();
    const [broken, atom] = [server.hits(INVALID_FEED_PATH), server.hits(ATOM_PATH)];
    const code = await runWatch({ db, once: true, allowPrivateNetwork: true, workers: 0, ner: false, interval: intervalMs / 1000 },
      { ...internals, watcher: { now: () => new Date(start + k * intervalMs) } });
    polledBroken.push(server.hits(INVALID_FEED_PATH) > broken);
    assert.equal(server.hits(ATOM_PATH), atom + 1, `poll ${k}: the good source is polled every time`);
    assert.equal(code, polledBroken[k] ? 1 : 0, `poll ${k}: exit code`);
    if (!polledBroken[k]) deferredLine ||= lines.find((l) => l.startsWith(`source ${SOURCES.broken.name}: `)) ?? '';
  }
  // Failures 1 and 2 are retried at the next poll, the third after one interval, the fourth after three.
  assert.deepEqual(polledBroken, [true, true, true, true, false, false, true]);
  assert.match(deferredLine, /not polled: backing off \(4 failures, next try 2026-01-20T09:00:00\.000Z\)/);
  withStore(db, (store) => assert.equal(store.sources.getSource(SOURCES.broken.name)!.consecutiveFailures, 5));
});
