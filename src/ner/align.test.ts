import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignSentence, projectLabels, spansOnWords } from './align.js';
import { labelIndex, spansOfLabels } from './labels.js';

test('a word split into several tokens keeps one span: "(د" → "(" + "د"', () => {
  const words = ['(د', 'ب', 'أ)', 'أعلن', 'اتحاد', 'الكتاب'];
  const aligned = alignSentence(words);
  assert.deepEqual(aligned.tokens.map((t) => t.text), ['(', 'د', 'ب', 'أ', ')', 'أعلن', 'اتحاد', 'الكتاب']);
  const labels = projectLabels(aligned, ['B-ORG', 'I-ORG', 'I-ORG', 'O', 'B-ORG', 'I-ORG'].map(labelIndex));
  assert.deepEqual(spansOfLabels(labels), [{ type: 'ORG', first: 0, end: 5 }, { type: 'ORG', first: 6, end: 8 }]);
  assert.deepEqual(spansOnWords(aligned, spansOfLabels(labels)), [{ type: 'ORG', first: 0, end: 3 }, { type: 'ORG', first: 4, end: 6 }]);
});

test('a token span inside a word maps to the whole word: "وواشنطن" is one gold word', () => {
  const aligned = alignSentence(['زار', 'وواشنطن', '.']);
  assert.equal(aligned.tokens.length, 3);
  assert.deepEqual(spansOnWords(aligned, [{ type: 'LOC', first: 1, end: 2 }]), [{ type: 'LOC', first: 1, end: 2 }]);
});
