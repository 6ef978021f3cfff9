import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lightStem } from './stem.js';
import { tokenize } from './tokenize.js';

// Words as they appear in news text; the stemmer gets the token's `bare` form (matching form, no proclitics).
const SAME_STEM: [string, string[]][] = [
  ['detainees', ['معتقلي', 'المعتقلين', 'معتقلون', 'المعتقل']],
  ['Syrian', ['السوري', 'السورية', 'السوريين', 'سوريون']],
  ['talks', ['المحادثات', 'محادثة']],
  ['withdrawal + pronoun', ['انسحابها', 'الانسحاب', 'وانسحابهم']],
  ['military', ['العسكرية', 'العسكري', 'عسكريين']],
];

const bareOf = (word: string): string => tokenize(word)[0].bare;

for (const [name, words] of SAME_STEM) {
  test(`one stem: ${name}`, () => {
    const stems = new Set(words.map((w) => lightStem(bareOf(w))));
    assert.equal(stems.size, 1, [...stems].join(' / '));
  });
}

const TABLE: [string, string][] = [
  ['معتقلين', 'معتقل'],
  ['قوات', 'قوات'], // stripping ات would leave two letters
  ['حقول', 'حقول'], // broken plural: left alone
  ['جيش', 'جيش'],
  ['محادثه', 'محادث'],
  ['عسكريين', 'عسكر'],
];

test('stem table: suffix stripped only when three letters remain', () => {
  for (const [word, stem] of TABLE) assert.equal(lightStem(word), stem, word);
});

test('different words keep different stems', () => {
  assert.notEqual(lightStem(bareOf('الجيش')), lightStem(bareOf('الجنسية')));
  assert.notEqual(lightStem(bareOf('حقل')), lightStem(bareOf('حق')));
});
