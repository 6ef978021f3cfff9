import { test } from 'node:test';
import assert from 'node:assert/strict';
import { beginLabel, labelIndex, LABELS, OUTSIDE, spansOfLabels, transitionAllowed } from './labels.js';

test('spans of a BIO sequence: adjacent entities of one type stay apart at a B', () => {
  const labels = ['B-PERS', 'I-PERS', 'B-PERS', 'O', 'B-LOC', 'I-LOC', 'I-LOC', 'O'].map(labelIndex);
  assert.deepEqual(spansOfLabels(labels), [
    { type: 'PERS', first: 0, end: 2 }, { type: 'PERS', first: 2, end: 3 }, { type: 'LOC', first: 4, end: 7 },
  ]);
});

test('a stray I opens a span (conlleval) and a type change closes one', () => {
  const labels = ['I-ORG', 'I-ORG', 'I-LOC', 'O'].map(labelIndex);
  assert.deepEqual(spansOfLabels(labels), [{ type: 'ORG', first: 0, end: 2 }, { type: 'LOC', first: 2, end: 3 }]);
});

test('I-T may only follow B-T or I-T', () => {
  const b = beginLabel('ORG');
  assert.equal(transitionAllowed(b, b + 1), true);
  assert.equal(transitionAllowed(b + 1, b + 1), true);
  assert.equal(transitionAllowed(OUTSIDE, b + 1), false);
  assert.equal(transitionAllowed(beginLabel('PERS'), b + 1), false);
  assert.equal(transitionAllowed(b + 1, OUTSIDE), true);
  assert.equal(LABELS.length, 9);
});
