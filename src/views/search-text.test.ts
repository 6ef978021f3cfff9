// Search forms and query parsing: spelling variants and clitics meet in one form, entity names match any spelling
// through their index token, and whatever a user types becomes a valid FTS5 expression (or none).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { loadKnowledgeBase } from '../kb/kb.js';
import { articleSearchRow, entityToken, fts5Match, parseSearchQuery, searchForms, searchText, type SearchQuery } from './search-text.js';
import { resolve } from 'node:path';
import { annotateArticle, createPipelineContext } from '../pipeline.js';
import { loadSampleArticles } from '../bench/corpus.js';
import { repoRoot } from '../test-support/paths.js';

/** The query's FTS5 expression (what SQLite is asked), or null. */
const fts = (q: SearchQuery): string | null => (q.match ? fts5Match(q.match) : null);

const kb = loadKnowledgeBase();

test('searchForms: proclitics and the article are peeled, so «والشرع», «بالشرع», «للشرع» and «الشرع» meet', () => {
  const forms = ['الشرع', 'والشرع', 'بالشرع', 'وللشرع', 'فالشرع', 'كالشرع'].map((w) => searchForms(w));
  assert.deepEqual(new Set(forms), new Set(['شرع']), forms.join(' | '));
});

test('searchForms: a word whose first letter only looks like a clitic is indexed whole, so «وزير» is not «زير»', () => {
  assert.equal(searchForms('وزير والوزير لوزير بيان وبيان فرنسا لفرنسا للبنان لبنان'), 'وزير وزير وزير بيان بيان فرنسا فرنسا لبنان لبنان');
});

test('searchForms: alef-hamza, ta marbuta, alef maqsura, tatweel and diacritics are folded', () => {
  const groups = [
    ['إطلاق', 'اطلاق', 'إِطْلَاق', 'إطـــلاق'],
    ['المدينة', 'المدينه', 'المَدِينَةُ', 'المديـنة'],
    ['الأمن', 'الامن', 'الأَمْن'],
    ['أحمد', 'احمد', 'آحمد'],
    ['مستشفى', 'مستشفي'],
  ];
  for (const group of groups) {
    const forms = group.map((w) => searchForms(w));
    assert.equal(new Set(forms).size, 1, `${group.join(' / ')} → ${forms.join(' / ')}`);
    assert.ok(forms[0].length >= 3, forms[0]);
  }
});

test('searchForms: hamza on its seat (ؤ / ئ) meets the other spelling («مسؤول» / «مسئول», «شؤون» / «شئون»)', () => {
  assert.equal(searchForms('مسئول'), searchForms('مسؤول'));
  assert.equal(searchForms('شئون'), searchForms('شؤون'));
  // Clitics still peel after the fold: «والمسؤولين» meets «مسئول».
  assert.equal(searchForms('والمسؤولين'), searchForms('مسئولين'));
  assert.notEqual(searchForms('مسؤول'), searchForms('مسول'));
});

test('searchForms: one suffix is stemmed (plural, nisba, feminine), short words are left alone', () => {
  assert.equal(searchForms('المعتقلين'), searchForms('معتقلي'));
  assert.equal(searchForms('المعتقلين'), searchForms('المعتقل'));
  assert.equal(searchForms('السورية'), searchForms('السوري'));
  // «سجن» has no suffix to lose: three letters stay.
  assert.equal(searchForms('السجن'), 'سجن');
});

test('searchForms: Latin is lower-cased, Arabic-Indic digits become ASCII, separators and punctuation vanish', () => {
  assert.equal(searchForms('Trump TRUMP'), 'trump trump');
  assert.equal(searchForms('١٢'), '12');
  assert.equal(searchForms('8,950'), '8950');
  assert.equal(searchForms('«»،. !؟ - * ( ) "'), '');
  assert.equal(searchForms('قال: «الأمن»!'), `${searchForms('قال')} ${searchForms('الأمن')}`);
});

test('entityToken: one letters-and-digits token per id, stable, different ids apart', () => {
  const a = entityToken('person:donald-trump');
  assert.match(a, /^[a-z0-9]+$/);
  assert.equal(a, entityToken('person:donald-trump'));
  assert.notEqual(a, entityToken('person:ahmed-al-sharaa'));
  assert.notEqual(entityToken('new:person:نور-الدين-العيسي'), entityToken('new:person:نور-الدين'));
});

test('articleSearchRow: title and body as search forms, each mentioned entity once, and the indexed mark', () => {
  const row = articleSearchRow({
    title: 'الشرع يلتقي ترمب',
    text: 'قال الشرع إن اللقاء مع ترمب كان إيجابياً.\nوأضاف الشرع أن...',
    entities: [
      { start: 4, end: 9, text: 'الشرع', type: 'person', entityId: 'person:ahmed-al-sharaa', source: 'kb' },
      { start: 23, end: 27, text: 'ترمب', type: 'person', entityId: 'person:donald-trump', source: 'kb' },
      { start: 48, end: 53, text: 'الشرع', type: 'person', entityId: 'person:ahmed-al-sharaa', source: 'kb' },
    ],
  });
  assert.equal(row.title, searchForms('الشرع يلتقي ترمب'));
  assert.deepEqual([row.title.split(' ')[0], row.title.split(' ')[2]], ['شرع', 'ترمب']);
  assert.ok(row.body.split(' ').includes('شرع') && row.body.split(' ').includes('ترمب'), row.body);
  const tokens = row.entities.split(' ');
  assert.deepEqual(tokens, ['qindexed', entityToken('person:ahmed-al-sharaa'), entityToken('person:donald-trump')]);
});

test('searchText from the text layer\'s tokens (as annotation threads compute it) equals the forms of the text itself', () => {
  const context = createPipelineContext({ ner: false, knowledge: false });
  const texts = [
    ...loadSampleArticles(resolve(repoRoot, 'samples')).map((paragraphs) => paragraphs.join('\n')),
    'الرئيس «أحمد الشرع» يلتقي ـــ ترمب 2026-01-21، و٨٬٩٥٠ مقاتلاً… مسؤول/مسئول (AFP)',
    'An English article: the Arabic layers skip it, so its document has no tokens.',
  ];
  for (const [i, text] of texts.entries()) {
    const doc = annotateArticle({ input: `t${i}`, title: `عنوان ${i} والشرع`, text, outlet: null, published: null, url: null }, context);
    const words = searchText(doc);
    assert.deepEqual(words, { title: searchForms(doc.title), body: searchForms(doc.text) }, text.slice(0, 60));
    assert.deepEqual(articleSearchRow(doc, words), articleSearchRow(doc));
  }
});

test('parseSearchQuery: a name in the knowledge base matches its words or any mention of the entity', () => {
  const trump = parseSearchQuery('ترامب', kb);
  assert.deepEqual(trump.entityIds, ['person:donald-trump']);
  assert.deepEqual(trump.terms, ['ترامب']);
  assert.equal(fts(trump), `("ترامب" OR "${entityToken('person:donald-trump')}")`);
  const sdf = parseSearchQuery('قوات سوريا الديمقراطية', kb);
  assert.deepEqual(sdf.entityIds, ['org:sdf']);
  assert.equal(fts(sdf), `("${searchForms('قوات سوريا الديمقراطية')}" OR "${entityToken('org:sdf')}")`);
});

test('parseSearchQuery: plain words are ANDed search forms, repeated terms listed once', () => {
  const q = parseSearchQuery('والمعتقلين في المعتقل', kb);
  assert.deepEqual(q.entityIds, []);
  assert.deepEqual(q.terms, [searchForms('المعتقل'), searchForms('في')]);
  assert.equal(fts(q), `"معتقل" AND "${searchForms('في')}" AND "معتقل"`);
});

test('parseSearchQuery: the word after a name is a term of its own, not part of the name', () => {
  // «قسد والشرع»: both must match; the second word may not be swallowed into the SDF clause.
  const q = parseSearchQuery('قسد والشرع', kb);
  assert.deepEqual(q.entityIds, ['org:sdf', 'person:ahmed-al-sharaa']);
  assert.deepEqual(q.terms, ['قسد', 'شرع']);
  assert.equal(fts(q), `("قسد" OR "${entityToken('org:sdf')}") AND ("شرع" OR "${entityToken('person:ahmed-al-sharaa')}")`);
  const three = parseSearchQuery('ترامب يتصل بالشرع', kb);
  assert.deepEqual(three.entityIds, ['person:donald-trump', 'person:ahmed-al-sharaa']);
  assert.ok(three.terms.includes(searchForms('يتصل')), three.terms.join(' '));
  assert.equal(fts(three)?.split(' AND ').length, 3, fts(three) ?? '');
});

test('parseSearchQuery: empty, blank and punctuation-only queries give no expression', () => {
  for (const q of ['', '   ', '!!! ؟؟', '«»', '"', '*', '( )', '-', '^', '،،،']) {
    const parsed = parseSearchQuery(q, kb);
    assert.equal(parsed.match, null, JSON.stringify(q));
    assert.deepEqual(parsed.terms, []);
  }
});

test('parseSearchQuery: FTS5 syntax typed by the user is quoted as words and every expression runs', () => {
  const db = new Database(':memory:');
  db.exec("CREATE VIRTUAL TABLE t USING fts5(title, body, entities, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')");
  db.prepare('INSERT INTO t (rowid, title, body, entities) VALUES (1, ?, ?, ?)').run('near and or not', searchForms('قالت قسد إن الهجوم على سجن الشدادي'), 'qindexed');
  const queries = [
    '"', '""', '"الشرع', 'الشرع"', '*', 'الشرع*', 'NEAR(', 'NEAR(الشرع قسد, 2)', 'AND OR', 'NOT', 'a OR b', '-قسد', '^الشرع',
    'title:قسد', '{title body}: قسد', 'قسد + الشرع', "'; DROP TABLE t; --", 'الشرع)', '(((', 'قسد AND', 'OR', '\u0000',
  ];
  for (const query of queries) {
    const parsed = parseSearchQuery(query, kb);
    if (parsed.match === null) continue;
    assert.doesNotThrow(() => db.prepare('SELECT rowid FROM t WHERE t MATCH ?').all(fts(parsed)), `${JSON.stringify(query)} → ${fts(parsed)}`);
  }
  // Operators are words: «and or» matches the row holding those words, not everything.
  assert.deepEqual(db.prepare('SELECT rowid FROM t WHERE t MATCH ?').pluck().all(fts(parseSearchQuery('AND OR', kb))), [1]);
  assert.deepEqual(db.prepare('SELECT rowid FROM t WHERE t MATCH ?').pluck().all(fts(parseSearchQuery('NOT hello', kb))), []);
  db.close();
});

test('parseSearchQuery: only the first 500 characters are read', () => {
  const long = 'قسد '.repeat(400) + 'الشرع';
  assert.ok(!parseSearchQuery(long, kb).entityIds.includes('person:ahmed-al-sharaa'));
});
