import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from '../arabic/tokenize.js';
import { loadTagger, tagDocument, type NerTagger } from './tagger.js';

function shippedTagger(): NerTagger {
  const tagger = loadTagger();
  assert.ok(tagger, 'the build ships a trained model (src/ner/data/ner-local.bin, ner-document.bin)');
  return tagger;
}

function spansWithin(sentences: ReturnType<typeof tokenize>[], tagged: ReturnType<typeof tagDocument>): void {
  assert.equal(tagged.length, sentences.length);
  tagged.forEach((spans, s) => {
    for (const span of spans) assert.ok(span.first >= 0 && span.first < span.end && span.end <= sentences[s].length);
  });
}

test('the shipped model has both stages and was trained on ANERcorp', () => {
  const tagger = shippedTagger();
  assert.ok(tagger.document);
  assert.match(tagger.local.header.trainedOn, /ANERcorp/);
});

test('odd input is tagged without error: empty, unseen scripts, huge tokens, punctuation, Latin names', () => {
  const tagger = shippedTagger();
  const texts = [
    '',
    '北京市 人民政府 发布 公告',
    'Президент России заявил в Москве',
    'ا'.repeat(100_000),
    'x'.repeat(50_000) + ' قال',
    '!!!???...،،،؛؛«»""((()))',
    'قال John Smith إن Microsoft ستفتح مكتباً في دبي',
    '🙂🙂 قال 🚀 الرئيس',
    '\u200f\u200e\u061c',
    '١٢٣٤ 5678 ٣٫٥',
  ];
  const sentences = texts.map(tokenize);
  spansWithin(sentences, tagDocument(tagger, sentences));
  spansWithin([[]], tagDocument(tagger, [[]]));
  assert.deepEqual(tagDocument(tagger, []), []);
});

test('unknown names are found from context: a Norwegian minister, a town, a company', () => {
  const tagger = shippedTagger();
  const text = 'وقال وزير الخارجية النرويجي يوهان كارلسن في مؤتمر صحفي عقده في مدينة ترومسو إن شركة ستاتويل ستواصل العمل';
  const tokens = tokenize(text);
  const [spans] = tagDocument(tagger, [tokens]);
  const found = spans.map((s) => `${s.type}:${tokens.slice(s.first, s.end).map((t) => t.text).join(' ')}`);
  assert.ok(found.includes('PERS:يوهان كارلسن'), found.join(', '));
  assert.ok(found.some((f) => f.startsWith('LOC:') && f.includes('ترومسو')), found.join(', '));
});

test('the document stage carries a name to its later bare-surname mentions', () => {
  const tagger = shippedTagger();
  const sentences = [
    'وصل المبعوث الأممي ماركوس هولتبرينك إلى العاصمة أمس',
    'وأكد هولتبرينك أن المحادثات ستستمر',
  ].map(tokenize);
  const tagged = tagDocument(tagger, sentences);
  const second = tagged[1].map((s) => `${s.type}:${sentences[1].slice(s.first, s.end).map((t) => t.text).join(' ')}`);
  assert.ok(second.includes('PERS:هولتبرينك'), second.join(', '));
});
