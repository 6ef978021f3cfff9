import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bCubed, countEntities, countValued, microCounts, sameNumber, sameTime, toScore, type ClusteredMention, type LabeledSpan } from './score.js';

test('countEntities needs exact span and type (CoNLL)', () => {
  const gold: LabeledSpan[] = [
    { start: 0, end: 4, type: 'PER' },
    { start: 10, end: 14, type: 'ORG' },
    { start: 20, end: 25, type: 'LOC' },
    { start: 30, end: 40, type: 'FAC' },
  ];
  const predicted: LabeledSpan[] = [
    { start: 0, end: 4, type: 'PER' }, // correct
    { start: 10, end: 14, type: 'LOC' }, // wrong type
    { start: 20, end: 24, type: 'LOC' }, // wrong boundary
    { start: 30, end: 40, type: 'FAC' }, // correct
    { start: 30, end: 40, type: 'FAC' }, // duplicate prediction counts once
    { start: 50, end: 55, type: 'PER' }, // spurious
  ];
  const counts = countEntities(gold, predicted);
  assert.deepEqual(counts.PER, { gold: 1, predicted: 2, correct: 1 });
  assert.deepEqual(counts.ORG, { gold: 1, predicted: 0, correct: 0 });
  assert.deepEqual(counts.LOC, { gold: 1, predicted: 2, correct: 0 });
  assert.deepEqual(counts.FAC, { gold: 1, predicted: 1, correct: 1 });
  assert.deepEqual(microCounts(counts), { gold: 4, predicted: 5, correct: 2 });
});

test('toScore computes P, R, F1 and avoids division by zero', () => {
  const cases: [number, number, number, number, number, number][] = [
    // gold, predicted, correct, P, R, F1
    [4, 5, 2, 0.4, 0.5, 4 / 9],
    [0, 0, 0, 0, 0, 0],
    [3, 3, 3, 1, 1, 1],
    [2, 0, 0, 0, 0, 0],
  ];
  for (const [gold, predicted, correct, p, r, f] of cases) {
    const s = toScore({ gold, predicted, correct });
    assert.ok(Math.abs(s.precision - p) < 1e-9 && Math.abs(s.recall - r) < 1e-9 && Math.abs(s.f1 - f) < 1e-9, `${gold}/${predicted}/${correct}`);
  }
});

test('countValued needs overlap and equal value, matching each side once', () => {
  const gold = [
    { start: 0, end: 7, value: '2026-01-19' },
    { start: 20, end: 31, value: '2026-02' },
    { start: 40, end: 43, value: '2026-01-18' },
  ];
  const predicted = [
    { start: 3, end: 7, value: '2026-01-19' }, // overlaps, same value
    { start: 0, end: 7, value: '2026-01-19' }, // same gold again: not counted twice
    { start: 20, end: 31, value: '2026-03' }, // wrong value
    { start: 43, end: 46, value: '2026-01-18' }, // touches but does not overlap
  ];
  assert.deepEqual(countValued(gold, predicted, sameTime), { gold: 3, predicted: 4, correct: 1 });
  const goldNumbers = [{ start: 5, end: 14, value: 7000 }];
  assert.deepEqual(countValued(goldNumbers, [{ start: 5, end: 9, value: 7000 }], sameNumber), { gold: 1, predicted: 1, correct: 1 });
  assert.deepEqual(countValued(goldNumbers, [{ start: 5, end: 9, value: 7 }], sameNumber), { gold: 1, predicted: 1, correct: 0 });
});

const mention = (doc: string, start: number, cluster: string): ClusteredMention => ({ doc, start, end: start + 2, type: 'PER', cluster });

test('bCubed: perfect, merged and split clusterings', () => {
  const gold = [mention('a', 0, 'T'), mention('a', 5, 'T'), mention('b', 0, 'T'), mention('b', 9, 'S')];
  const perfect = [mention('a', 0, 'x'), mention('a', 5, 'x'), mention('b', 0, 'x'), mention('b', 9, 'y')];
  assert.deepEqual(bCubed(gold, perfect), { mentions: 4, precision: 1, recall: 1, f1: 1 });

  // All merged: precision per T mention 3/4, S mention 1/4 → 10/16; recall 1.
  const merged = bCubed(gold, perfect.map((m) => ({ ...m, cluster: 'x' })));
  assert.equal(merged.precision, 10 / 16);
  assert.equal(merged.recall, 1);

  // Each mention alone: precision 1; recall T mentions 1/3 each, S 1 → (1 + 1) / 4.
  const split = bCubed(gold, perfect.map((m, i) => ({ ...m, cluster: String(i) })));
  assert.equal(split.precision, 1);
  assert.equal(split.recall, 0.5);
});

test('bCubed scores only correctly detected mentions (same span and type)', () => {
  const gold = [mention('a', 0, 'T'), mention('a', 5, 'T')];
  const predicted = [mention('a', 0, 'x'), { ...mention('a', 5, 'x'), type: 'ORG' as const }, mention('a', 20, 'x')];
  assert.deepEqual(bCubed(gold, predicted), { mentions: 1, precision: 1, recall: 1, f1: 1 });
  assert.deepEqual(bCubed(gold, []), { mentions: 0, precision: 0, recall: 0, f1: 0 });
});
