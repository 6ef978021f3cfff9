// The PostgreSQL back end's own behaviour: the synchronous bridge's transactions (buffered writes land together or not
// at all; nested calls join), bulk upserts keep the last row, text with NUL, tsquery rendering of every odd query,
// dataVersion seeing other connections' commits only, and one-line connection errors. Tests that need a server run
// when MARSAD_TEST_DATABASE_URL names one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadKnowledgeBase } from '../../kb/kb.js';
import { openTestStore, testDatabaseUrl, testDbLocation } from '../../test-support/test-store.js';
import { fixtureDocument } from '../../stories/fixture-docs.js';
import { articleSearchRow, parseSearchQuery, wordsMatch } from '../../views/search-text.js';
import { StoreOpenError, openStore } from '../open.js';
import { PgConnection, redactUrl } from './bridge.js';
import { articleDocuments, PART_OVERLAP, tsQuery, tsQueryClauses } from './search.js';
import { listMigrations } from './migrate.js';
import { listMigrations as sqliteMigrations } from '../sqlite/migrate.js';

const serverUrl = testDatabaseUrl();
const skip = serverUrl ? false : 'MARSAD_TEST_DATABASE_URL is not set';
const kb = loadKnowledgeBase();

test('tsQuery: clauses ANDed, alternatives ORed, phrases as adjacent tokens; nothing searchable matches nothing', () => {
  assert.equal(tsQuery(wordsMatch('قسد', 'شرع')), "(('قسد')) & (('شرع'))");
  assert.equal(tsQuery({ clauses: [[['قوات', 'سوريا'], ['qe0123456789ab']]] }), "(('قوات' <-> 'سوريا') | ('qe0123456789ab'))");
  assert.equal(tsQuery({ clauses: [] }), null);
  assert.equal(tsQuery({ clauses: [[['!!']]] }), null, 'a phrase without tokens matches nothing, as FTS5\'s empty phrase');
  assert.equal(tsQuery(wordsMatch("it's")), "(('it' <-> 's'))", 'split where FTS5 splits');
});

test('articleDocuments: fields one after another with a gap, weighted A (title), B (entities), C (body)', () => {
  assert.deepEqual(articleDocuments({ title: 'أ ب', entities: 'qindexed', body: 'ب ج' }), ["'أ':1A 'ب':2A,6C 'qindexed':4B 'ج':7C"]);
  assert.deepEqual(articleDocuments({ title: '', entities: '', body: 'ب ج' }), ["'ب':3C 'ج':4C"], 'the gaps of empty fields kept');
  assert.deepEqual(articleDocuments({ title: '', entities: '', body: '' }), ['']);
});

/** Each part's lexemes with their positions, from a tsvector literal of this module. */
function parsePart(literal: string): Map<string, number[]> {
  const lexemes = new Map<string, number[]>();
  for (const [, token, list] of literal.matchAll(/'((?:[^']|'')*)':([\d,A-D]+)/g)) {
    lexemes.set(token.replace(/''/g, "'"), list.split(',').map((p) => parseInt(p, 10)));
  }
  return lexemes;
}

test('articleDocuments: a document past PostgreSQL\'s tsvector limits is cut into overlapping parts within them', () => {
  // 300 «في» (one lexeme past 256 positions), then a phrase; and a body of 40,000 distinct tokens (past position 16383).
  const repeated = articleDocuments({ title: 'عنوان', entities: '', body: 'في '.repeat(300) + 'في qqfar qqend' });
  assert.equal(repeated.length, 2);
  const body = Array.from({ length: 40_000 }, (_, i) => `w${i}`).join(' ');
  const long = articleDocuments({ title: 'عنوان', entities: '', body: body + ' qqfar qqend' });
  assert.ok(long.length >= 3, `${long.length} parts`);
  for (const parts of [repeated, long]) {
    const parsed = parts.map(parsePart);
    for (const part of parsed) {
      for (const [token, positions] of part) {
        assert.ok(positions.length <= 256, `${token}: ${positions.length} positions`);
        assert.ok(Math.max(...positions) <= 16383, `${token} at ${Math.max(...positions)}`);
      }
    }
    // The phrase at the very end is whole in the last part, its words adjacent.
    const last = parsed[parsed.length - 1];
    assert.equal(last.get('qqend')![0] - last.get('qqfar')![0], 1);
    // The title is in the first part, the phrase's words in the last.
    assert.ok(parsed[0].has('عنوان'));
  }
  // Every token of the document is in some part, and consecutive parts share PART_OVERLAP tokens.
  const tokens = new Set(long.map(parsePart).flatMap((part) => [...part.keys()]));
  for (let i = 0; i < 40_000; i++) assert.ok(tokens.has(`w${i}`), `w${i} in no part`);
  const [first, second] = long.map(parsePart);
  const shared = [...second.keys()].filter((token) => first.has(token));
  assert.equal(shared.length, PART_OVERLAP);
});

test('the PostgreSQL migrations have the SQLite ones\' numbers and names', () => {
  assert.deepEqual(listMigrations().map((m) => m.name), sqliteMigrations().map((m) => m.name));
});

test('migrations are recorded in schema_version; a second open applies nothing', { skip }, () => {
  const location = testDbLocation('');
  openStore(location).close();
  openStore(location).close();
  const conn = PgConnection.open(location);
  try {
    assert.deepEqual(conn.column<number>('SELECT version FROM schema_version ORDER BY version'), listMigrations().map((m) => m.version));
  } finally {
    conn.close();
  }
});

test('redactUrl: the password never shows', () => {
  assert.equal(redactUrl('postgres://marsad:s3cret@db.example:5432/marsad'), 'postgres://marsad:***@db.example:5432/marsad');
  assert.ok(!redactUrl('postgres://u:p%40ss@h/d').includes('p%40ss'));
});

test('connection errors are one line naming the server without the password', { skip }, () => {
  const url = new URL(serverUrl!);
  url.password = 'not-the-password';
  url.username = 'no_such_role';
  for (const bad of [url.toString(), 'postgres://marsad:secret@127.0.0.1:1/marsad']) {
    assert.throws(() => openStore(bad), (error: unknown) => {
      assert.ok(error instanceof StoreOpenError);
      assert.match(error.message, /^cannot connect to PostgreSQL at postgres:\/\//);
      assert.ok(!error.message.includes('\n') && !error.message.includes('not-the-password') && !error.message.includes('secret'), error.message);
      return true;
    });
  }
});

test('every query a user can type renders a tsquery PostgreSQL accepts', { skip }, () => {
  const conn = PgConnection.open(serverUrl!);
  try {
    const queries = [
      '"', '""', '"الشرع', '*', 'الشرع*', 'NEAR(الشرع قسد, 2)', 'AND OR', '-قسد', '^الشرع', "'; DROP TABLE t; --", 'الشرع)', '(((',
      'قسد & الشرع | !x', "O'Brien", 'back\\slash', ':*', '<->', 'قوات سوريا الديمقراطية', '\u0000', 'a:1A',
    ];
    for (const q of queries) {
      const match = parseSearchQuery(q, kb).match;
      const query = match ? tsQuery(match) : null;
      if (query === null) continue;
      assert.doesNotThrow(() => conn.query('SELECT $1::tsquery', [query]), `${JSON.stringify(q)} → ${query}`);
    }
    const [document] = articleDocuments(articleSearchRow({ title: "O'Brien \\ قسد", text: 'نص', entities: [] }));
    assert.doesNotThrow(() => conn.query('SELECT $1::tsvector', [document]), document);
    const clauses = tsQueryClauses(parseSearchQuery(`"O'Brien" back\\slash قسد`, kb).match!)!;
    assert.doesNotThrow(() => conn.query('SELECT $1::tsquery[]', [clauses]), clauses.join(' ; '));
  } finally {
    conn.close();
  }
});

test('a transaction that throws leaves nothing of its buffered writes; nested transactions join it', { skip }, () => {
  const store = openTestStore();
  try {
    const doc = fixtureDocument({ key: 'tx', outlet: 'وكالة', published: '2026-01-20', title: 'عنوان', text: 'قال الشرع إن المحادثات مستمرة.', entities: [['الشرع', 'person:ahmed-al-sharaa', 'person']] });
    assert.throws(() => store.transaction(() => {
      store.putArticle({ doc, duplicateOf: null, storyId: null });
      store.transaction(() => store.upsertEntities([{ id: 'loc:x', type: 'location', nameAr: 'س', nameEn: 'X', lon: 1, lat: 2 }]));
      assert.ok(store.hasArticle(doc.id), 'a buffered article is seen inside its transaction');
      throw new Error('stop');
    }), /stop/);
    assert.equal(store.hasArticle(doc.id), false);
    assert.equal(store.getEntity('loc:x'), null);
    store.putArticle({ doc, duplicateOf: null, storyId: null });
    assert.deepEqual(store.getArticle(doc.id), { ...doc, tokens: [] });
    // A statement failing at COMMIT (the id is stored already) rolls the whole transaction back.
    assert.throws(() => store.transaction(() => {
      store.upsertEntities([{ id: 'loc:y', type: 'location', nameAr: 'ص', nameEn: 'Y', lon: null, lat: null }]);
      (store as unknown as { conn: PgConnection }).conn.exec('INSERT INTO articles (id, input, title, text, language, sentences, messages, stored_at) SELECT id, input, title, text, language, sentences, messages, stored_at FROM articles');
    }), /duplicate key/);
    assert.equal(store.getEntity('loc:y'), null);
    assert.equal(store.articleCount(), 1, 'the store still works after a failed transaction');
  } finally {
    store.close();
  }
});

test('upserts of one key in one transaction keep the last row; text holding NUL is stored with U+FFFD', { skip }, () => {
  const store = openTestStore();
  try {
    store.transaction(() => {
      store.upsertEntities([{ id: 'loc:z', type: 'location', nameAr: 'أول', nameEn: 'First', lon: 1, lat: 1 }]);
      store.upsertEntities([{ id: 'loc:z', type: 'location', nameAr: 'ثان', nameEn: 'Second', lon: 2.5, lat: -0.1 }]);
    });
    assert.deepEqual(store.getEntity('loc:z'), { id: 'loc:z', type: 'location', nameAr: 'ثان', nameEn: 'Second', lon: 2.5, lat: -0.1 });
    store.upsertEntities([{ id: 'loc:nul', type: 'location', nameAr: 'a\u0000b', nameEn: null, lon: null, lat: null }]);
    assert.equal(store.getEntity('loc:nul')?.nameAr, 'a\uFFFDb');
    assert.equal(store.getEntity('loc:\u0000'), null, 'a key with NUL is not found (rather than an error)');
  } finally {
    store.close();
  }
});

test('dataVersion changes when another connection commits a write, not for this one\'s own writes or reads', { skip }, () => {
  const location = testDbLocation('');
  const reader = openStore(location);
  const writer = openStore(location);
  try {
    const start = reader.dataVersion();
    reader.upsertEntities([{ id: 'loc:own', type: 'location', nameAr: null, nameEn: null, lon: null, lat: null }]);
    writer.articleCount();
    assert.equal(reader.dataVersion(), start);
    writer.upsertEntities([{ id: 'loc:other', type: 'location', nameAr: null, nameEn: null, lon: null, lat: null }]);
    // The notification arrives on the reader's connection shortly after the commit.
    const deadline = Date.now() + 5000;
    while (reader.dataVersion() === start && Date.now() < deadline) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    assert.notEqual(reader.dataVersion(), start);
  } finally {
    reader.close();
    writer.close();
  }
});

test('exclusive: a second connection waits for the writer lock until the first commits', { skip }, () => {
  const location = testDbLocation('');
  const first = openStore(location);
  const second = new PgConnection_(location);
  try {
    first.exclusive(() => {
      first.upsertEntities([{ id: 'loc:locked', type: 'location', nameAr: null, nameEn: null, lon: null, lat: null }]);
      // The lock is keyed by the schema: the other connection cannot take it while this transaction holds it.
      assert.equal(second.tryLock(), false);
    });
    assert.equal(second.tryLock(), true);
  } finally {
    first.close();
    second.close();
  }
});

/** A bare connection to the same schema that tries the writer lock without waiting. */
class PgConnection_ {
  private readonly conn: PgConnection;
  constructor(location: string) {
    this.conn = PgConnection.open(location);
  }
  tryLock(): boolean {
    return this.conn.transaction(() => this.conn.value<boolean>(`SELECT pg_try_advisory_xact_lock(${0x6d617273}, hashtext(current_schema()))`) === true);
  }
  close(): void {
    this.conn.close();
  }
}
