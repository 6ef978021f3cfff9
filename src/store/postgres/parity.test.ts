// Back-end parity: the samples analysed into SQLite and into PostgreSQL give the same export and the same answers to
// the serving queries (story list and pages, events, entity lookups, search matches and totals). Search ranks may
// differ (BM25 against ts_rank), so search is compared as sets. Runs when MARSAD_TEST_DATABASE_URL names a server.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runAnalyze } from '../../cli/analyze.js';
import { storedAnalysis } from '../../export/stored-analysis.js';
import { loadKnowledgeBase } from '../../kb/kb.js';
import { repoRoot } from '../../test-support/paths.js';
import { testDatabaseUrl } from '../../test-support/test-store.js';
import { parseSearchQuery, searchForms, wordsMatch, type SearchMatch } from '../../views/search-text.js';
import { openStore } from '../open.js';
import type { ServingStore, ViewFilter } from '../serving.js';
import type { Store } from '../store.js';
import { PgConnection } from './bridge.js';

const serverUrl = testDatabaseUrl();
const skip = serverUrl ? false : 'MARSAD_TEST_DATABASE_URL is not set (no PostgreSQL server to compare with)';
const kb = loadKnowledgeBase();
const samples = join(repoRoot, 'samples');
const schema = `parity_${process.pid}`;

let dir = '';
let sqlite: Store;
let postgres: Store;

function admin(sql: string): void {
  const conn = PgConnection.open(serverUrl!);
  try {
    conn.exec(sql);
  } finally {
    conn.close();
  }
}

async function analyzeInto(db: string): Promise<void> {
  const write = process.stdout.write;
  process.stdout.write = () => true;
  try {
    assert.equal(await runAnalyze([samples], { db, workers: 0, ner: false }), 0);
  } finally {
    process.stdout.write = write;
  }
}

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'marsad-parity-'));
  admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  const url = new URL(serverUrl!);
  url.searchParams.set('options', `-c search_path=${schema}`);
  await analyzeInto(join(dir, 'parity.sqlite'));
  await analyzeInto(url.toString());
  sqlite = openStore(join(dir, 'parity.sqlite'));
  postgres = openStore(url.toString());
});

after(() => {
  sqlite?.close();
  postgres?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (!skip) admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
});

/** Clock times the runs wrote (when a story was updated, a view built): the two runs happened at different moments. */
const WRITTEN_AT = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g;

function comparable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Map ? [...v] : v)).replace(WRITTEN_AT, '(written at)');
}

/** The same call on both back ends must give the same answer (but for the clock times each run wrote). */
function same<T>(what: string, ask: (serving: ServingStore, store: Store) => T): T {
  const expected = ask(sqlite.serving, sqlite);
  assert.equal(comparable(ask(postgres.serving, postgres)), comparable(expected), what);
  return expected;
}

test('export --format json: the same document from both stores', { skip }, () => {
  const fromSqlite = storedAnalysis(sqlite, kb);
  assert.ok(fromSqlite.articles.length >= 30, String(fromSqlite.articles.length));
  assert.equal(JSON.stringify(storedAnalysis(postgres, kb), null, 2), JSON.stringify(fromSqlite, null, 2));
});

test('story list, pages and events: the same rows, totals and order', { skip }, () => {
  const filter = (f: Partial<ViewFilter>): ViewFilter => ({ limit: 1000, offset: 0, ...f });
  const all = same('story list', (s) => s.listStories(filter({})));
  assert.ok(all.total >= 10, String(all.total));
  for (const offset of [0, 3, 7]) same(`story page at ${offset}`, (s) => s.listStories(filter({ limit: 4, offset })));
  const ids = all.rows.map((r) => (JSON.parse(r) as { id: string }).id);
  for (const id of ids) {
    same(`story ${id}`, (s) => s.storyDetail(id));
    same(`articles of ${id}`, (s) => s.storyArticles(id, 2, 1));
  }
  same('summaries', (s) => s.storySummaries([...ids].reverse()));
  same('basics', (s) => s.storyBasics(ids));
  same('updated', (s) => s.storyUpdatedAt(ids));
  same('events', (s) => s.listEvents(filter({})));
  same('dated events', (s) => s.listEvents(filter({ from: '2026-01-01', to: '2026-01-31' })));
  same('outlets', (s) => s.outlets());
  for (const entity of ['org:sdf', 'person:ahmed-al-sharaa', 'loc:shaddadi', 'loc:damascus']) {
    same(`stories of ${entity}`, (s) => s.listStories(filter({ entity })));
    same(`events of ${entity}`, (s) => s.listEvents(filter({ entity })));
    same(`mentions of ${entity}`, (s) => s.entityMentions(entity, 50));
    same(`counts of ${entity}`, (s) => s.entityCounts(entity));
    same(`story ids of ${entity}`, (s) => s.entityStoryIds(entity, 20));
    same(`stories at ${entity}`, (s) => s.listStories(filter({ place: entity })));
  }
});

/** Every distinct search form of the samples' titles, and a few names, phrases and words together. */
function queries(store: Store): string[] {
  const words = new Set<string>();
  for (const a of store.listArticles()) for (const w of searchForms(a.title).split(' ')) if (w) words.add(w);
  return [...words, 'الشرع', 'ترامب', 'قسد', 'سجن الشدادي', 'حظر تجول', 'قوات سوريا الديمقراطية', 'مخيم الهول', 'الشرع ترامب', 'Putin'];
}

test('search: the same matching articles and stories, the same totals', { skip }, () => {
  const asked = queries(sqlite);
  assert.ok(asked.length > 100, String(asked.length));
  let found = 0;
  for (const q of asked) {
    const match = parseSearchQuery(q, kb).match;
    if (!match) continue;
    const articles = (s: ServingStore, m: SearchMatch) => {
      const { total, hits } = s.searchArticles(m, 1000, 0);
      return { total, ids: hits.map((h) => h.id).sort() };
    };
    const result = same(`articles for ${q}`, (s) => articles(s, match));
    found += result.total;
    same(`stories for ${q}`, (s) => s.searchStories(match, 1000).map((h) => h.id).sort());
    same(`story list for ${q}`, (s) => s.listStories({ match, limit: 1000, offset: 0 }));
  }
  assert.ok(found > asked.length, 'the queries found articles');
  same('every article', (s) => s.searchArticles(wordsMatch('qindexed'), 1000, 0).total);
  same('nothing', (s) => s.searchArticles({ clauses: [] }, 10, 0));
});

test('the samples folder is what both stores hold', { skip }, () => {
  assert.ok(readdirSync(samples).length > 0);
  assert.equal(postgres.articleCount(), sqlite.articleCount());
  assert.deepEqual(postgres.listArticles(), sqlite.listArticles());
  assert.deepEqual(postgres.listStories(), sqlite.listStories());
});
