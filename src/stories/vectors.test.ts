import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NO_PRIOR, TermStats, norm, sortedEntries, tfidfVector, topEntries, truncate, type TermVector } from './vectors.js';

function randomVector(seed: number, size: number, fewWeights: boolean): TermVector {
  let state = seed;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const v = new Map<string, number>();
  // Few distinct weights, so that many entries tie at the cut.
  for (let k = 0; k < size; k++) v.set('t' + Math.floor(next() * 1000), fewWeights ? Math.floor(next() * 5) : next());
  return v;
}

test('topEntries and truncate keep what sorting every entry keeps, ties and all', () => {
  for (let round = 0; round < 50; round++) {
    const v = randomVector(round + 1, 1 + (round * 7) % 90, round % 2 === 0);
    for (const count of [0, 1, 3, 12, 20, 60, 200]) {
      assert.deepEqual(topEntries(v, count), sortedEntries(v).slice(0, count));
      assert.deepEqual([...truncate(v, count)], v.size <= count ? [...v] : sortedEntries(v).slice(0, count));
    }
  }
});

test('tfidfVector is the unit vector of the truncated tf-idf weights, bit for bit', () => {
  const stats = new TermStats(NO_PRIOR);
  for (let d = 0; d < 30; d++) stats.observe(['t' + (d % 7), 't' + (d % 11), 't' + d]);
  for (let round = 0; round < 40; round++) {
    const counts = new Map([...randomVector(round + 100, 1 + (round * 13) % 120, true)].map(([t, w]) => [t, 1 + w]));
    for (const keep of [5, 40, 500]) {
      // The definition: weights in count order, the heaviest kept, each divided by the norm in that order.
      const weighted = new Map([...counts].map(([t, tf]) => [t, (1 + Math.log(tf)) * stats.idf(t)]));
      const kept = weighted.size <= keep ? weighted : new Map(sortedEntries(weighted).slice(0, keep));
      const n = norm(kept);
      const expected = n === 0 ? [...kept] : [...kept].map(([t, w]) => [t, w / n]);
      assert.deepEqual([...tfidfVector(counts, stats, keep)], expected);
    }
  }
});
