// The store (SQLite, or PostgreSQL when MARSAD_TEST_DATABASE_URL is set): round trips, runs continued from a stored
// state, evicted stories. Migrations of SQLite files (schema numbering, WAL, a file written before schema 3) are
// SQLite's alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import type { ClaimMention, Document, EventMention } from '../../document.js';
import { DuplicateIndex } from '../../stories/duplicates.js';
import { StoryIndex } from '../../stories/cluster.js';
import { fixtureDocuments } from '../../stories/fixture-docs.js';
import { loadIndexes, storeBatch } from '../batch.js';
import { openStore } from '../open.js';
import { openTestStore, rawQuery, testDbLocation } from '../../test-support/test-store.js';
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

/** A store location of the back end under test (SQLite file, or PostgreSQL schema when MARSAD_TEST_DATABASE_URL is set). */
function withTestStore(run: (location: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'marsad-store-'));
  try {
    run(testDbLocation(dir, 'marsad.db'));
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
  withTestStore((path) => {
    const store = openStore(path);
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
    const count = "SELECT COUNT(*) AS n FROM entity_mentions WHERE entity_id = 'Q_sharaa'";
    const [{ n }] = rawQuery<{ n: number }>(path, { sqlite: count, postgres: count });
    assert.equal(n, doc.entities.filter((m) => m.entityId === 'Q_sharaa').length);
  });
});

test('two runs over a store equal one run in memory; re-running the same input adds nothing', () => {
  const firstRun = ordered.filter((_, i) => i % 2 === 0);
  const memory = { duplicates: new DuplicateIndex(), stories: new StoryIndex() };
  withTestStore((path) => {
    // The reference: the same arrival order (first run, then the rest) in one process.
    const reference = openTestStore();
    storeBatch(reference, memory, firstRun);
    storeBatch(reference, memory, ordered);
    reference.close();

    let store = openStore(path);
    storeBatch(store, loadIndexes(store), firstRun);
    store.close();

    store = openStore(path);
    const indexes = loadIndexes(store);
    assert.equal(indexes.duplicates.size, firstRun.length);
    const again = storeBatch(store, indexes, firstRun);
    assert.ok(again.every((r) => r.skipped));
    const second = storeBatch(store, indexes, ordered);
    store.close();

    store = openStore(path);
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
  withTestStore((path) => {
    const memory = { duplicates: new DuplicateIndex(), stories: new StoryIndex() };
    const store = openStore(path);
    for (const doc of ordered) storeBatch(store, loadIndexes(store), [doc]);
    const scratch = openTestStore();
    for (const doc of ordered) storeBatch(scratch, memory, [doc]);
    scratch.close();
    assert.deepEqual(store.listStories(), memory.stories.stories());
    // The same run through one store connection evicts the same stories (the March article ends January's window).
    const uninterrupted = openTestStore();
    const live = loadIndexes(uninterrupted);
    for (const doc of ordered) storeBatch(uninterrupted, live, [doc]);
    assert.deepEqual(store.loadStoryIndex().state(), live.stories.state());
    assert.ok(live.stories.liveCount < memory.stories.stories().length);
    uninterrupted.close();
    store.close();
  });
});

test('a copy of an article whose story was evicted joins that story again', () => {
  const store = openTestStore();
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

/** Event and claim layers on a fixture article, out of text order, with every optional field used or left out. */
function withEventsAndClaims(doc: Document): Document {
  const clause = (start: number, end: number) => ({ start, end });
  const events: EventMention[] = [
    {
      ...clause(40, 90), type: 'assault', mode: 'heavy-weapons', context: 'military', qualifiers: ['aerial', 'territory'],
      trigger: clause(41, 46), actors: ['org:syrian-army'], recipients: ['org:sdf', 'new:organization:قوات-محلية'],
      location: 'fac:shaddadi-prison', date: '2026-01-19', counts: { killed: 3, injured: 12 }, attribution: 'org:sana', status: 'reported',
    },
    {
      ...clause(0, 30), type: 'consult', mode: 'phone', qualifiers: [], trigger: clause(5, 12), actors: ['person:ahmed-al-sharaa'],
      recipients: [], location: null, date: null, counts: {}, attribution: null, status: 'planned',
    },
    {
      ...clause(0, 30), type: 'agree', qualifiers: ['agreement', 'ceasefire'], trigger: clause(20, 25), actors: ['org:sdf', 'org:syrian-government'],
      recipients: [], location: null, date: '2026-01', counts: { released: 7000 }, attribution: null, status: 'reported',
    },
  ];
  const claims: ClaimMention[] = [
    {
      ...clause(60, 100), speaker: null, speakerText: 'مصادر حكومية', unnamed: true, cue: 'بحسب', cueSpan: clause(50, 54),
      stance: 'deny', about: ['org:sdf'],
    },
    {
      ...clause(10, 40), speaker: 'org:syrian-presidency', speakerText: 'الرئاسة السورية', unnamed: false, cue: 'قالت "الرئاسة"، أمس',
      cueSpan: clause(0, 5), stance: 'assert', about: [],
    },
  ];
  return { ...doc, events, claims };
}

const byTextOrder = <T extends { start: number; end: number }>(list: T[]): T[] => [...list].sort((a, b) => a.start - b.start || a.end - b.end);

test('events and claims round-trip in text order; empty layers stay empty', () => {
  const store = openTestStore();
  const doc = withEventsAndClaims(docs.get('call_presidency')!);
  store.putArticle({ doc, duplicateOf: null, storyId: null });
  const back = store.getArticle(doc.id)!;
  // Same start and end: the event with the earlier trigger first.
  assert.deepEqual(back.events, [doc.events[1], doc.events[2], doc.events[0]]);
  assert.deepEqual(back.events, byTextOrder(doc.events));
  assert.deepEqual(back.claims, byTextOrder(doc.claims));
  assert.equal('mode' in back.events[1], false, 'an absent mode is not read back as undefined or null');
  assert.deepEqual({ ...back, tokens: doc.tokens, events: doc.events, claims: doc.claims }, doc);

  const plain = docs.get('shaddadi_accusation')!;
  store.putArticle({ doc: plain, duplicateOf: null, storyId: null });
  assert.deepEqual(store.getArticle(plain.id)!.events, []);
  assert.deepEqual(store.getArticle(plain.id)!.claims, []);
  store.close();
});

/** A SQLite file with the migrations before `version` applied and recorded, as an older Marsad left it. */
function databaseBefore(path: string, version: number): Database.Database {
  const db = new Database(path);
  db.exec('CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  for (const m of listMigrations().filter((m) => m.version < version)) {
    db.exec(m.sql);
    db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, '2026-01-01T00:00:00Z');
  }
  return db;
}

test('a store written before schema 3 migrates and reads its articles back with empty event and claim layers', () => {
  withTempDb((path) => {
    const old = databaseBefore(path, 3);
    const doc = docs.get('call_presidency')!;
    old.prepare(`INSERT INTO articles (id, input, title, text, outlet, published, url, language, duplicate_of, duplicate_score, story_id, sentences, messages, stored_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, '[]', '2026-01-01T00:00:00Z')`)
      .run(doc.id, doc.input, doc.title, doc.text, doc.outlet, doc.published, doc.url, doc.language, JSON.stringify(doc.sentences.map((s) => [s.start, s.end])));
    old.close();

    const store = openSqliteStore(path);
    const back = store.getArticle(doc.id)!;
    assert.equal(back.text, doc.text);
    assert.deepEqual(back.events, []);
    assert.deepEqual(back.claims, []);
    // New articles in the migrated store keep their layers.
    const annotated = withEventsAndClaims(docs.get('shaddadi_accusation')!);
    store.putArticle({ doc: annotated, duplicateOf: null, storyId: null });
    assert.deepEqual(store.getArticle(annotated.id)!.events, byTextOrder(annotated.events));
    store.close();
    const db = new Database(path, { readonly: true });
    assert.deepEqual(db.prepare('SELECT version FROM schema_version ORDER BY version').pluck().all(), listMigrations().map((m) => m.version));
    db.close();
  });
});

/** Writes `doc` and its layers as schema 9 kept them: annotation rows keyed by the article id. */
function putInSchema9(db: Database.Database, doc: Document): void {
  db.prepare(`INSERT INTO articles (id, input, title, text, outlet, published, url, language, duplicate_of, duplicate_score, story_id, sentences, messages, stored_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, ?, '2026-01-01T00:00:00Z')`)
    .run(doc.id, doc.input, doc.title, doc.text, doc.outlet, doc.published, doc.url, doc.language, JSON.stringify(doc.sentences.map((x) => [x.start, x.end])), JSON.stringify(doc.messages));
  for (const m of doc.entities) {
    db.prepare('INSERT OR IGNORE INTO entity_mentions (article_id, entity_id, type, start, "end", text, source) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(doc.id, m.entityId, m.type, m.start, m.end, m.text, m.source);
  }
  for (const t of doc.times) db.prepare('INSERT INTO times (article_id, start, "end", text, value) VALUES (?, ?, ?, ?, ?)').run(doc.id, t.start, t.end, t.text, t.value);
  for (const x of doc.quantities) {
    db.prepare('INSERT INTO quantities (article_id, start, "end", text, value, unit, qualifier) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(doc.id, x.start, x.end, x.text, x.value, x.unit ?? null, x.qualifier ?? null);
  }
  doc.events.forEach((e, position) => db.prepare(`INSERT INTO events (article_id, position, start, "end", trigger_start, trigger_end, type, mode, context,
      qualifiers, actors, recipients, location, date, counts, attribution, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(doc.id, position, e.start, e.end, e.trigger.start, e.trigger.end, e.type, e.mode ?? null, e.context ?? null, JSON.stringify(e.qualifiers),
      JSON.stringify(e.actors), JSON.stringify(e.recipients), e.location, e.date, JSON.stringify(e.counts), e.attribution, e.status));
  doc.claims.forEach((c, position) => db.prepare(`INSERT INTO claims (article_id, position, start, "end", speaker, speaker_text, unnamed, cue, cue_start,
      cue_end, stance, about) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(doc.id, position, c.start, c.end, c.speaker, c.speakerText, c.unnamed ? 1 : 0, c.cue, c.cueSpan.start, c.cueSpan.end, c.stance, JSON.stringify(c.about)));
}

test('a store written before schema 10 migrates its annotation rows to arrival-number keys and reads every layer back', () => {
  withTempDb((path) => {
    const old = databaseBefore(path, 10);
    const written = ordered.slice(0, 4).map((doc, i) => (i % 2 === 0 ? withEventsAndClaims(withAnnotations(doc)) : doc));
    // Stored in an order unlike their ids', so the seq keys differ from the id order.
    for (const doc of [...written].reverse()) putInSchema9(old, doc);
    old.close();

    const store = openSqliteStore(path);
    for (const doc of written) {
      const back = store.getArticle(doc.id)!;
      assert.deepEqual({ ...back, tokens: doc.tokens }, { ...doc, entities: byTextOrder(doc.entities), events: byTextOrder(doc.events), claims: byTextOrder(doc.claims) });
    }
    // New articles after the migration are keyed by their own seq, after the migrated ones.
    const added = withEventsAndClaims(withAnnotations(ordered[5]));
    store.putArticle({ doc: added, duplicateOf: null, storyId: null });
    assert.deepEqual(store.getArticle(added.id)!.events, byTextOrder(added.events));
    assert.deepEqual(store.getArticle(written[0].id)!.claims, byTextOrder(written[0].claims));
    store.close();
    const db = new Database(path, { readonly: true });
    const keys = db.prepare('SELECT DISTINCT article_seq, article_id FROM entity_mentions ORDER BY article_seq').raw().all() as [number, string][];
    const seqs = new Map(db.prepare('SELECT id, seq FROM articles').raw().all() as [string, number][]);
    assert.ok(keys.length >= 4);
    for (const [seq, articleId] of keys) assert.equal(seq, seqs.get(articleId));
    db.close();
  });
});

test('storedArticles lists every article in arrival order with its layers and links', () => {
  const store = openTestStore();
  const indexes = loadIndexes(store);
  const annotated = ordered.map((doc, i) => (i === 1 ? withEventsAndClaims(doc) : doc));
  const placed = storeBatch(store, indexes, annotated).filter((r) => !r.skipped);
  const listed = [...store.storedArticles()];
  assert.deepEqual(listed.map((a) => a.doc.id), store.listArticles().map((a) => a.id));
  assert.deepEqual(listed.map((a) => a.doc.id), annotated.map((d) => d.id));
  assert.deepEqual(listed.map(({ storyId, duplicateOf }) => ({ storyId, duplicateOf })),
    placed.map((r) => (r.skipped ? null : { storyId: r.storyId, duplicateOf: r.duplicateOf })));
  assert.deepEqual(listed[1].doc.events, byTextOrder(annotated[1].events));
  store.close();
});

test('processes opening one new store file at once all succeed, and each migration is applied once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'marsad-open-race-'));
  try {
    const path = join(dir, 'shared.db');
    const moduleUrl = new URL('./sqlite-store.js', import.meta.url).href;
    const script = `const { openSqliteStore } = await import(${JSON.stringify(moduleUrl)}); openSqliteStore(${JSON.stringify(path)}).close();`;
    // Several rounds of four processes: before migrations took the write lock first, about one start in five failed.
    for (let round = 0; round < 3; round++) {
      rmSync(path, { force: true });
      rmSync(path + '-wal', { force: true });
      rmSync(path + '-shm', { force: true });
      const runs = await Promise.all(Array.from({ length: 4 }, () => new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('close', (code) => resolve({ code, stderr }));
      })));
      for (const run of runs) assert.equal(run.code, 0, run.stderr);
      const db = new Database(path, { readonly: true });
      try {
        assert.deepEqual(db.prepare('SELECT version FROM schema_version ORDER BY version').pluck().all(), listMigrations().map((m) => m.version));
      } finally {
        db.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
