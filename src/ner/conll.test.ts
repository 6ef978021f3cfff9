import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConll } from './conll.js';
import { LABELS } from './labels.js';

test('sentences are separated by blank lines; CRLF and trailing blanks are fine', () => {
  const sentences = parseConll('قال O\r\nكوفي B-PERS\r\nأنان I-PERS\r\n\r\n\r\nفي O\nبيروت B-LOC\n\n');
  assert.equal(sentences.length, 2);
  assert.deepEqual(sentences[0].words, ['قال', 'كوفي', 'أنان']);
  assert.deepEqual(sentences[0].labels.map((l) => LABELS[l]), ['O', 'B-PERS', 'I-PERS']);
});

test('a line without a tag or with an unknown tag is an error, not a silent O', () => {
  assert.throws(() => parseConll('قال\n'), /malformed/);
  assert.throws(() => parseConll('قال B-PER\n'), /unknown tag/);
});
