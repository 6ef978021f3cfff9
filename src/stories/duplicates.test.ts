import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuplicateIndex, estimateContainment, fingerprintOf } from './duplicates.js';
import { fixtureDocument, loadFixtureArticles, type FixtureArticle } from './fixture-docs.js';

const fixtures = new Map(loadFixtureArticles().map((a) => [a.key, a]));
const article = (key: string): FixtureArticle => fixtures.get(key)!;
const doc = (key: string) => fixtureDocument(article(key));

/** A rewritten copy of a fixture article under a new input id (so a new article id). */
function variant(key: string, change: (a: FixtureArticle) => Partial<FixtureArticle>): FixtureArticle {
  const base = article(key);
  return { ...base, key: key + ':variant', ...change(base) };
}

const paragraphs = (text: string) => text.split('\n\n');

const LIGHT_EDITS: [string, FixtureArticle][] = [
  ['spelling ترمب → ترامب (one entity id)', variant('call_presidency', (a) => ({
    text: a.text.replaceAll('ترمب', 'ترامب'),
    entities: [...a.entities, ['دونالد ترامب', 'Q_trump', 'person'], ['ترامب', 'Q_trump', 'person']],
  }))],
  ['punctuation and quote styles changed', variant('call_presidency', (a) => ({
    text: a.text.replaceAll('،', ' ').replaceAll('«', '"').replaceAll('»', '"').replaceAll('.', ' .'),
  }))],
  ['a paragraph removed', variant('call_presidency', (a) => ({ text: paragraphs(a.text).filter((_, i) => i !== 3).join('\n\n') }))],
  ['a paragraph added', variant('call_presidency', (a) => ({
    text: a.text + '\n\nوكان الرئيسان قد التقيا في البيت الأبيض قبل أسابيع، في أول زيارة لرئيس سوري إلى واشنطن منذ عقود.',
  }))],
  ['a different title only', variant('call_presidency', () => ({ title: 'الرئاسة السورية: اتصال هاتفي بين الرئيسين' }))],
  ['hamza and tatweel variants', variant('shaddadi_curfew', (a) => ({ text: a.text.replaceAll('أ', 'ا').replaceAll('إ', 'ا').replace('السلطات', 'السلـطات') }))],
];

for (const [name, edited] of LIGHT_EDITS) {
  test(`light edit is a duplicate of the original: ${name}`, () => {
    const index = new DuplicateIndex();
    const original = fixtureDocument(fixtures.get(edited.key.replace(':variant', ''))!);
    index.add(original);
    const copy = fixtureDocument(edited);
    assert.notEqual(copy.id, original.id);
    const match = index.findDuplicate(copy);
    assert.equal(match?.of, original.id);
    assert.ok(match.score >= 0.8, `score ${match.score}`);
  });
}

test('exact copy under another title points at the earliest stored article with that text', () => {
  const index = new DuplicateIndex();
  const first = doc('shaddadi_accusation');
  index.add(first);
  const copy = doc('shaddadi_copy');
  assert.deepEqual(index.findDuplicate(copy), { of: first.id, score: 1 });
  index.add(copy);
  const third = fixtureDocument(variant('shaddadi_accusation', () => ({ key: 'third', title: 'نسخة ثالثة' })));
  assert.deepEqual(index.findDuplicate(third), { of: first.id, score: 1 });
});

test('copies of a copy point at the first original', () => {
  const index = new DuplicateIndex();
  const original = doc('call_presidency');
  index.add(original);
  const edited = doc('call_presidency_edited');
  assert.equal(index.add(edited).duplicateOf, original.id);
  const copyOfEdited = fixtureDocument(variant('call_presidency_edited', () => ({ title: 'عنوان آخر' })));
  assert.equal(index.findDuplicate(copyOfEdited)?.of, original.id);
});

test('articles sharing only a quoted government statement are not duplicates', () => {
  const index = new DuplicateIndex();
  const a = doc('quote_interior_readiness');
  index.add(a);
  assert.equal(index.findDuplicate(doc('quote_us_reaction')), null);
  // Even when the quote is about half of the shorter article.
  const shorter = fixtureDocument(variant('quote_us_reaction', (x) => ({ text: paragraphs(x.text).slice(0, 2).join('\n\n') })));
  const fa = fingerprintOf(a);
  const fb = fingerprintOf(shorter);
  assert.equal(index.findDuplicate(shorter), null);
  assert.ok(fb.shingleCount < fa.shingleCount);
});

test('different articles on the same story are not duplicates', () => {
  const index = new DuplicateIndex();
  for (const key of ['shaddadi_accusation', 'call_presidency', 'hamas']) index.add(doc(key));
  for (const key of ['shaddadi_curfew', 'shaddadi_sdf_version', 'call_trump_side', 'lebanese_army']) {
    assert.equal(index.findDuplicate(doc(key)), null, key);
  }
});

test('non-Arabic articles are matched among themselves by plain words, never against Arabic ones', () => {
  const index = new DuplicateIndex();
  const english = doc('english_call');
  index.add(doc('call_presidency'));
  index.add(english);
  assert.equal(index.findDuplicate(doc('english_call_copy'))?.of, english.id);
  assert.equal(fingerprintOf(english).group, 'plain:eng');
});

test('an index rebuilt from its records finds the same duplicates', () => {
  const index = new DuplicateIndex();
  const records = ['shaddadi_accusation', 'call_presidency', 'hamas'].map((k) => index.add(doc(k)));
  const rebuilt = DuplicateIndex.fromRecords(records.map((r) => ({ ...r, signature: new Uint32Array(r.signature) })));
  assert.equal(rebuilt.size, 3);
  for (const key of ['shaddadi_copy', 'call_presidency_edited', 'lebanese_army']) {
    assert.deepEqual(rebuilt.findDuplicate(doc(key)), index.findDuplicate(doc(key)), key);
  }
});

test('estimateContainment: table of Jaccard and sizes', () => {
  const cases: [number, number, number, number][] = [
    [1, 100, 100, 1],
    [0.5, 100, 50, 1],
    [0, 100, 100, 0],
    [0.25, 100, 100, 0.4],
  ];
  for (const [j, a, b, expected] of cases) assert.ok(Math.abs(estimateContainment(j, a, b) - expected) < 1e-9, `${j} ${a} ${b}`);
});
