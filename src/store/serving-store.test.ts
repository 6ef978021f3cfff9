// The serving tables over a store analysed from a few samples (SQLite, or PostgreSQL when MARSAD_TEST_DATABASE_URL is
// set): views are replaced, not duplicated; indexing is idempotent; a store written without views (story_views,
// story_events and the search rows deleted by SQL) is found and backfilled to the very same JSON; the list and event
// queries order and filter as documented.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runAnalyze } from '../cli/analyze.js';
import { loadKnowledgeBase } from '../kb/kb.js';
import type { EventOut } from '../output/analysis.js';
import { repoRoot } from '../test-support/paths.js';
import { rawExec, rawQuery, testBackend, testDbLocation } from '../test-support/test-store.js';
import { articleSearchRow, parseSearchQuery, wordsMatch, type SearchMatch } from '../views/search-text.js';
import { backfillViews } from '../views/publish.js';
import { openStore } from './open.js';
import type { StoryViewRecord, ViewFilter } from './serving.js';
import type { Store } from './store.js';

const SAMPLES = ['sham-shaddadi-curfew.txt', 'enab-shaddadi-army.txt', 'skynews-aqtan-clashes.txt', 'aawsat-sharaa-trump-call.txt', 'skynews-sharaa-trump-call.txt', 'jazeera-hamas-leaders.txt', 'feed-syria.jsonl'];
const kb = loadKnowledgeBase();
let dir = '';
let db = '';
let store: Store;

/** A count by raw SQL on a second connection (the same statement on both back ends). */
function count(sql: string): number {
  return Number(rawQuery<{ n: number }>(db, { sqlite: sql, postgres: sql })[0].n);
}

interface Snapshot {
  views: { story_id: string; updated_at: string; first_published: string | null; last_published: string | null; summary_json: string; detail_json: string }[];
  events: unknown[];
}

function snapshot(): Snapshot {
  const views = 'SELECT story_id, updated_at, first_published, last_published, summary_json, detail_json FROM story_views ORDER BY story_id';
  // Every column but PostgreSQL's write order (seq, SQLite's rowid), which a rebuild renews.
  const events = 'SELECT story_id, event_id, type, date, location, lon, lat, event_json FROM story_events ORDER BY story_id, event_id';
  return {
    views: rawQuery<Snapshot['views'][number]>(db, { sqlite: views, postgres: views }),
    events: rawQuery(db, { sqlite: events, postgres: events }),
  };
}

const filter = (f: Partial<ViewFilter>): ViewFilter => ({ limit: 1000, offset: 0, ...f });
const matchOf = (q: string): SearchMatch => parseSearchQuery(q, kb).match!;
const searchIds = (q: string): string[] => store.serving.searchArticles(matchOf(q), 100, 0).hits.map((h) => h.id).sort();

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'marsad-serving-'));
  db = testDbLocation(dir);
  const write = process.stdout.write;
  process.stdout.write = () => true;
  try {
    await runAnalyze(SAMPLES.map((f) => join(repoRoot, 'samples', f)), { db, workers: 0, ner: false });
  } finally {
    process.stdout.write = write;
  }
  store = openStore(db);
});

after(() => {
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('after analyze --db: every article is indexed and every story has a view', () => {
  assert.ok(store.articleCount() >= 8, String(store.articleCount()));
  assert.deepEqual(store.serving.articlesNotIndexed(1000), []);
  assert.deepEqual(store.serving.storiesWithStaleView(1000), []);
  assert.equal(store.serving.listStories(filter({})).total, store.listStories().length);
});

test('backfillViews: a store without views and search rows is found and rebuilt to the same JSON', () => {
  const before = snapshot();
  const stories = store.listStories().map((s) => s.id);
  const articles = store.listArticles().map((a) => a.id);
  const searches = ['الشرع', 'سجن الشدادي', 'حظر تجول', 'ترامب'].map((q) => [q, searchIds(q)] as const);
  assert.ok(searches.every(([, ids]) => ids.length > 0), JSON.stringify(searches));
  // As a store written before views existed: the serving tables are empty.
  const clear = 'DELETE FROM story_views; DELETE FROM story_events; DELETE FROM story_search; DELETE FROM article_search;';
  rawExec(db, { sqlite: clear, postgres: clear });
  assert.deepEqual(store.serving.articlesNotIndexed(1000), articles, 'articles to index, in arrival order');
  assert.deepEqual(new Set(store.serving.storiesWithStaleView(1000)), new Set(stories));
  assert.deepEqual(store.serving.listStories(filter({})), { total: 0, rows: [] });
  assert.equal(store.serving.searchArticles(matchOf('الشرع'), 10, 0).total, 0);

  assert.deepEqual(backfillViews(store, kb), { articles: articles.length, stories: stories.length });
  assert.deepEqual(snapshot(), before);
  for (const [q, ids] of searches) assert.deepEqual(searchIds(q), ids, q);
  assert.deepEqual(store.serving.articlesNotIndexed(1000), []);
  assert.deepEqual(store.serving.storiesWithStaleView(1000), []);
  assert.deepEqual(backfillViews(store, kb), { articles: 0, stories: 0 }, 'a second backfill has nothing to do');
});

test('schema 7 (whole words such as «بيان» no longer peeled) drops the search rows and views, and backfill rebuilds them', () => {
  const before = snapshot();
  const found = searchIds('بيان');
  assert.ok(found.length > 0, 'a sample says «بيان»');
  // The migration's own SQL, as an older store runs it on opening.
  const migration = readFileSync(join(repoRoot, 'src/store', db.startsWith('postgres') ? 'postgres' : 'sqlite', 'data/migrations/007_search_forms.sql'), 'utf8');
  rawExec(db, { sqlite: migration, postgres: migration });
  assert.equal(count('SELECT count(*) AS n FROM story_views'), 0);
  assert.equal(store.serving.searchArticles(matchOf('بيان'), 10, 0).total, 0);
  assert.deepEqual(store.serving.articlesNotIndexed(1000), store.listArticles().map((a) => a.id));
  backfillViews(store, kb);
  assert.deepEqual(snapshot(), before);
  assert.deepEqual(searchIds('بيان'), found);
});

test('schema 8 stamps the views already stored with their story\'s state version: none of them counts as stale', () => {
  const before = snapshot();
  assert.deepEqual(store.serving.storiesWithStaleView(1000), []);
  // As a store written before schema 8 is after its ALTER TABLE: every view stamped 0, so every one looks stale.
  rawExec(db, { sqlite: 'UPDATE story_views SET state_version = 0', postgres: 'UPDATE story_views SET state_version = 0' });
  assert.equal(store.serving.storiesWithStaleView(1000).length, before.views.length);
  // The migration's own SQL (its ALTER TABLE is already applied here, so only the UPDATE runs).
  const migration = readFileSync(join(repoRoot, 'src/store', db.startsWith('postgres') ? 'postgres' : 'sqlite', 'data/migrations/008_view_versions.sql'), 'utf8');
  const update = migration.split('\n').filter((line) => line.startsWith('UPDATE')).join('\n');
  assert.match(update, /^UPDATE story_views SET state_version/);
  rawExec(db, { sqlite: update, postgres: update });
  assert.deepEqual(store.serving.storiesWithStaleView(1000), []);
  assert.deepEqual(snapshot(), before);
});

test('backfillViews: one missing story view and one missing search row are rebuilt alone, the same as the full run built them', () => {
  // The story chosen shares a contradiction with another story: rebuilt alone it must keep it.
  const before = snapshot();
  const [article] = store.listArticles();
  const storyId = store.listArticles().find((a) => a.input.endsWith('skynews-aqtan-clashes.txt'))!.storyId!;
  const view = before.views.find((v) => v.story_id === storyId)!;
  assert.ok(JSON.parse(view.summary_json).contradictionCount > 0, 'the Aqtan story shares a contradiction with the Shaddadi story');
  const quoted = (id: string) => `'${id.replace(/'/g, "''")}'`;
  rawExec(db, {
    sqlite: `DELETE FROM story_search WHERE rowid = (SELECT rowid FROM story_views WHERE story_id = ${quoted(storyId)});
      DELETE FROM article_search WHERE rowid = (SELECT seq FROM articles WHERE id = ${quoted(article.id)});`,
    postgres: `DELETE FROM story_search WHERE story_id = ${quoted(storyId)};
      DELETE FROM article_search WHERE seq = (SELECT seq FROM articles WHERE id = ${quoted(article.id)});`,
  });
  const rest = `DELETE FROM story_views WHERE story_id = ${quoted(storyId)}; DELETE FROM story_events WHERE story_id = ${quoted(storyId)};`;
  rawExec(db, { sqlite: rest, postgres: rest });
  assert.deepEqual(store.serving.storiesWithStaleView(10), [storyId]);
  assert.deepEqual(store.serving.articlesNotIndexed(10), [article.id]);
  assert.deepEqual(backfillViews(store, kb), { articles: 1, stories: 1 });
  assert.deepEqual(snapshot(), before);
});

test('indexArticles: indexing again replaces the row (no duplicate hits, old words gone); unknown ids are skipped', () => {
  const [article] = store.listArticles();
  const doc = store.getArticle(article.id)!;
  const all = store.serving.searchArticles(wordsMatch('qindexed'), 1000, 0).total;
  assert.equal(all, store.articleCount());
  const row = { articleId: doc.id, row: articleSearchRow(doc) };
  store.serving.indexArticles([row, row]);
  store.serving.indexArticles([row]);
  assert.equal(store.serving.searchArticles(wordsMatch('qindexed'), 1000, 0).total, all);
  const word = row.row.body.split(' ').find((w) => w.length > 3)!;
  const hits = store.serving.searchArticles(wordsMatch(word), 1000, 0).hits.filter((h) => h.id === doc.id);
  assert.equal(hits.length, 1);
  // Replaced with other words: the old ones no longer find it.
  store.serving.indexArticles([{ articleId: doc.id, row: { title: 'qqreplaced', body: '', entities: 'qindexed' } }]);
  assert.deepEqual(store.serving.searchArticles(wordsMatch('qqreplaced'), 10, 0).hits.map((h) => h.id), [doc.id]);
  assert.ok(!store.serving.searchArticles(wordsMatch(word), 1000, 0).hits.some((h) => h.id === doc.id));
  store.serving.indexArticles([row, { articleId: 'no-such-article', row: row.row }]);
  assert.equal(store.serving.searchArticles(wordsMatch('qqreplaced'), 10, 0).total, 0);
  assert.equal(store.serving.searchArticles(wordsMatch('qindexed'), 1000, 0).total, all);
});

function event(id: string, fields: Partial<EventOut>): EventOut {
  return { id, type: 'assault', qualifiers: [], status: 'reported', actors: [], recipients: [], location: null, date: null, counts: {}, articleIds: [], evidence: [], attribution: null, ...fields };
}

/** A view; by default stamped as built from a state newer than any stored one, so it is always written. */
function view(
  storyId: string, updatedAt: string, title: string, events: EventOut[], published: [string | null, string | null] = ['2026-01-20', '2026-01-21'],
  stateVersion = Number.MAX_SAFE_INTEGER,
): StoryViewRecord {
  const summary = { id: storyId, title, updatedAt };
  return {
    stateVersion,
    storyId, updatedAt, firstPublished: published[0], lastPublished: published[1],
    summaryJson: JSON.stringify(summary), detailJson: JSON.stringify({ ...summary, timeline: events }),
    search: { title, summary: '' },
    events: events.map((e) => ({ eventId: e.id, type: e.type, date: e.date, location: e.location, lon: e.location ? 40 : null, lat: e.location ? 36 : null, eventJson: JSON.stringify(e) })),
  };
}

test('a very long article is found by a phrase near its end and by words far apart (PostgreSQL cuts its tsvector in parts)', () => {
  const [article] = store.listArticles();
  const doc = store.getArticle(article.id)!;
  // Past both of PostgreSQL's tsvector limits: 300 «في» (256 positions per lexeme) and 20,000 more tokens (16,383).
  const body = ['qqearly', 'في '.repeat(300), Array.from({ length: 20_000 }, (_, i) => `qqw${i}`).join(' '), 'في qqdeep qqphrase'].join(' ');
  store.serving.indexArticles([{ articleId: doc.id, row: { title: 'qqtitle', entities: '', body } }]);
  // Phrases as a query naming an entity makes them (parseSearchQuery), written out here.
  const phrase = (...words: string[]): SearchMatch => ({ clauses: [[words]] });
  const found = (match: SearchMatch): string[] => store.serving.searchArticles(match, 100, 0).hits.map((h) => h.id);
  assert.deepEqual(found(phrase('qqdeep', 'qqphrase')), [doc.id], 'a phrase at the end');
  assert.deepEqual(found(phrase('في', 'qqdeep')), [doc.id], 'a phrase after the 256th «في»');
  assert.deepEqual(found(wordsMatch('qqearly', 'qqphrase', 'qqtitle')), [doc.id], 'words of the first and the last part');
  assert.deepEqual(found({ clauses: [[['qqnowhere'], ['qqearly']], [['qqphrase', 'qqdeep'], ['qqdeep', 'qqphrase']]] }), [doc.id], 'alternatives');
  assert.deepEqual(found(phrase('qqphrase', 'qqdeep')), [], 'not adjacent in that order');
  assert.deepEqual(found(wordsMatch('qqearly', 'qqnowhere')), [], 'every clause must match');
  assert.deepEqual(store.serving.listStories(filter({ match: phrase('qqdeep', 'qqphrase') })).rows.map((json) => JSON.parse(json).id), [article.storyId]);
  // Indexed again as a short article: its parts are gone with it.
  store.serving.indexArticles([{ articleId: doc.id, row: articleSearchRow(doc) }]);
  assert.deepEqual(found(phrase('qqdeep', 'qqphrase')), []);
  assert.deepEqual(found(wordsMatch('qqearly')), []);
});

test('schema 9 drops the search rows PostgreSQL cut at its limits, and backfill indexes those articles again', { skip: testBackend() !== 'postgres' && 'PostgreSQL only: FTS5 has no such limits (its schema 9 changes nothing)' }, () => {
  const [cut, whole] = store.listArticles();
  // A row written before schema 9: positions clamped at 16383; another with a lexeme's 256 positions kept; a third, whole.
  const positions = Array.from({ length: 256 }, (_, i) => `${i + 1}C`).join(',');
  const seqOf = (id: string) => `(SELECT seq FROM articles WHERE id = '${id}')`;
  const [third] = store.listArticles().slice(2);
  rawExec(db, { sqlite: '', postgres: `UPDATE article_search SET document = 'qqold:16383C'::tsvector WHERE seq = ${seqOf(cut.id)};
    UPDATE article_search SET document = 'qqmany:${positions}'::tsvector WHERE seq = ${seqOf(third.id)}` });
  const migration = readFileSync(join(repoRoot, 'src/store/postgres/data/migrations/009_search_parts.sql'), 'utf8');
  const drop = migration.slice(migration.indexOf('DELETE FROM article_search'));
  rawExec(db, { sqlite: '', postgres: drop });
  assert.deepEqual(store.serving.articlesNotIndexed(10).sort(), [cut.id, third.id].sort());
  assert.ok(!store.serving.articlesNotIndexed(1000).includes(whole.id));
  assert.deepEqual(backfillViews(store, kb), { articles: 2, stories: 0 });
  assert.deepEqual(store.serving.articlesNotIndexed(10), []);
  assert.deepEqual(searchIds('qqold'), []);
});

test('putStoryViews: a story\'s view, events and search row are replaced, never duplicated', () => {
  const [a] = store.listStories().map((s) => s.id);
  const views = () => count('SELECT count(*) AS n FROM story_views');
  const rows = views();
  store.serving.putStoryViews([view(a, '2026-01-21T00:00:00Z', 'qqalpha', [event('ev-1', { date: '2026-01-20' }), event('ev-2', {})])]);
  assert.equal(views(), rows);
  assert.equal(JSON.parse(store.serving.storyDetail(a)!).title, 'qqalpha');
  assert.deepEqual(store.serving.listEvents(filter({ storyId: a })).rows.map((r) => JSON.parse(r.eventJson).id), ['ev-1', 'ev-2']);
  assert.deepEqual(store.serving.searchStories(wordsMatch('qqalpha'), 10).map((h) => h.id), [a]);

  store.serving.putStoryViews([view(a, '2026-01-22T00:00:00Z', 'qqbeta', [event('ev-3', {})])]);
  assert.equal(views(), rows);
  assert.equal(JSON.parse(store.serving.storySummaries([a]).get(a)!).title, 'qqbeta');
  assert.deepEqual(store.serving.listEvents(filter({ storyId: a })).rows.map((r) => JSON.parse(r.eventJson).id), ['ev-3']);
  assert.deepEqual(store.serving.searchStories(wordsMatch('qqalpha'), 10), []);
  assert.deepEqual(store.serving.searchStories(wordsMatch('qqbeta'), 10).map((h) => h.id), [a]);
  assert.equal(count("SELECT count(*) AS n FROM story_events WHERE event_id LIKE 'ev-%'"), 1);
});

test('listStories: newest activity first (ties: the view written last first); limit and offset page the same order', () => {
  const ids = store.listStories().map((s) => s.id);
  assert.ok(ids.length >= 5, String(ids.length));
  const [x, y] = ids.slice(-2);
  store.serving.putStoryViews([view(y, '2099-01-01T00:00:00.000Z', 'qqy', []), view(x, '2099-01-02T00:00:00.000Z', 'qqx', [])]);
  const list = store.serving.listStories(filter({})).rows.map((r) => JSON.parse(r).id as string);
  assert.deepEqual(list.slice(0, 2), [x, y]);
  const paged = [0, 2, 4, 6, 8, 10].flatMap((offset) => store.serving.listStories(filter({ limit: 2, offset })).rows.map((r) => JSON.parse(r).id as string));
  assert.deepEqual(paged, list.slice(0, 12));
});

test('listStories: from/to keep the stories whose publication span meets the range', () => {
  const ids = store.listStories().map((s) => s.id);
  const [p, q, r] = ids;
  store.serving.putStoryViews([
    view(p, '2098-01-03T00:00:00Z', 'p', [], ['2030-03-01', '2030-03-05T10:00:00+03:00']),
    view(q, '2098-01-02T00:00:00Z', 'q', [], ['2030-03-10', '2030-03-10']),
    view(r, '2098-01-01T00:00:00Z', 'r', [], ['2030-02-20', '2030-04-01']),
  ]);
  const found = (f: Partial<ViewFilter>) => store.serving.listStories(filter(f)).rows.map((row) => JSON.parse(row).id as string);
  assert.deepEqual(found({ from: '2030-03-05', to: '2030-03-06' }), [p, r]);
  assert.deepEqual(found({ from: '2030-03-06', to: '2030-03-10' }), [q, r]);
  assert.deepEqual(found({ from: '2030-03-11', to: '2030-12-31' }), [r]);
  assert.deepEqual(found({ from: '2030-04-02', to: '2030-12-31' }), []);
});

test('listEvents: one row per event with every story reporting it, dated first in date order, undated last', () => {
  const [s1, s2] = store.listStories().map((s) => s.id);
  const shared = event('qq-shared', { date: '2031-05-02', location: 'loc:shaddadi', type: 'coerce' });
  store.serving.putStoryViews([
    view(s1, '2097-01-01T00:00:00Z', 's1', [event('qq-late', { date: '2031-05-09' }), shared, event('qq-undated', {})]),
    view(s2, '2097-01-01T00:00:00Z', 's2', [shared, event('qq-early', { date: '2031-05-01' })]),
  ]);
  const list = store.serving.listEvents(filter({ from: '2031-01-01' }));
  assert.deepEqual(list.rows.map((r) => JSON.parse(r.eventJson).id), ['qq-early', 'qq-shared', 'qq-late']);
  assert.equal(list.total, 3);
  assert.deepEqual([...list.rows[1].storyIds].sort(), [s1, s2].sort());
  const both = store.serving.listEvents(filter({ storyId: s1 }));
  assert.deepEqual(both.rows.map((r) => JSON.parse(r.eventJson).id), ['qq-shared', 'qq-late', 'qq-undated']);
  assert.deepEqual(store.serving.listEvents(filter({ type: 'coerce', located: true, from: '2031-01-01' })).rows.map((r) => JSON.parse(r.eventJson).id), ['qq-shared']);
  assert.deepEqual(store.serving.listEvents(filter({ place: 'loc:shaddadi', from: '2031-01-01' })).rows.map((r) => JSON.parse(r.eventJson).id), ['qq-shared']);
  assert.equal(store.serving.listEvents(filter({ from: '2031-01-01', limit: 1, offset: 1 })).total, 3);
});

test('listEvents: an event dated to a month or year is within a range that covers part of it', () => {
  const [s1] = store.listStories().map((s) => s.id);
  store.serving.putStoryViews([view(s1, '2097-01-01T00:00:00Z', 's1', [
    event('qq-month', { date: '2032-02' }), event('qq-year', { date: '2033' }), event('qq-day', { date: '2032-02-15' }),
  ])]);
  const found = (from: string, to: string) => store.serving.listEvents(filter({ from, to })).rows.map((r) => JSON.parse(r.eventJson).id as string).sort();
  assert.deepEqual(found('2032-02-10', '2032-02-20'), ['qq-day', 'qq-month']);
  assert.deepEqual(found('2032-01-01', '2032-02-05'), ['qq-month']);
  assert.deepEqual(found('2032-02-01', '2032-12-31'), ['qq-day', 'qq-month']);
  assert.deepEqual(found('2033-06-01', '2033-06-30'), ['qq-year']);
  assert.deepEqual(found('2032-03-01', '2032-12-31'), []);
});

test('entityMentions: newest first, each with the sentence holding it', () => {
  const mentions = store.serving.entityMentions('org:sdf', 100);
  assert.ok(mentions.length >= 3);
  const counts = store.serving.entityCounts('org:sdf');
  assert.ok(counts.mentions >= mentions.length && counts.articles >= 1);
  for (const m of mentions) {
    const { start, text } = m.sentence;
    assert.equal(text.slice(m.start - start, m.end - start), m.text, `${m.articleId} ${m.start}`);
    assert.equal(store.getArticle(m.articleId)!.text.slice(m.start, m.end), m.text);
  }
  const dates = mentions.map((m) => m.published ?? '');
  assert.deepEqual(dates, [...dates].sort().reverse());
  assert.equal(store.serving.entityMentions('org:sdf', 2).length, 2);
  assert.deepEqual(store.serving.entityMentions('no:such-entity', 10), []);
});

test('outlets: article counts per outlet, most first', () => {
  const expected = new Map<string, number>();
  for (const a of store.listArticles()) if (a.outlet) expected.set(a.outlet, (expected.get(a.outlet) ?? 0) + 1);
  const outlets = store.serving.outlets();
  assert.deepEqual(new Map(outlets.map((o) => [o.outlet, o.articles])), expected);
  const counts = outlets.map((o) => o.articles);
  assert.deepEqual(counts, [...counts].sort((a, b) => b - a));
});
