import { test } from 'node:test';
import assert from 'node:assert/strict';
import { equalPositionsAtLeast, estimateJaccard, minhashSignature, SIGNATURE_SIZE } from './minhash.js';

function signatures(equal: number): [Uint32Array, Uint32Array] {
  const a = Uint32Array.from({ length: SIGNATURE_SIZE }, (_, i) => i * 7 + 1);
  // Equal positions spread over the whole signature, so the early exit is exercised at every depth.
  const b = a.map((x, i) => ((i * 37) % SIGNATURE_SIZE < equal ? x : x + 1));
  return [a, b];
}

test('equalPositionsAtLeast counts equal positions exactly when the count reaches the bar, else answers -1', () => {
  for (const equal of [0, 1, 59, 60, 61, 119, SIGNATURE_SIZE]) {
    const [a, b] = signatures(equal);
    assert.equal(Math.round(estimateJaccard(a, b) * SIGNATURE_SIZE), equal);
    for (const atLeast of [0, 1, 59, 60, 61, SIGNATURE_SIZE]) {
      assert.equal(equalPositionsAtLeast(a, b, atLeast), equal >= atLeast ? equal : -1, `equal ${equal}, at least ${atLeast}`);
    }
  }
});

test('minhashSignature keeps its values (stored fingerprints depend on them): per position the least over the shingles', () => {
  // First positions as the signature was first computed (shingle by shingle, unsigned comparisons).
  const known: [number, number[]][] = [
    [0, [26657288, 310252817, 141268767, 1308647533, 2584227564, 3041801866]],
    [1, [1617284174, 4161083023, 2991376577, 2350626240, 3127064854, 1595673737]],
    [0xdeadbeef, [247796903, 239112718, 2077085657, 879879190, 624237454, 2099563631]],
    [0xffffffff, [3479912589, 12330891, 718658761, 34919601, 1772250302, 4010752787]],
  ];
  for (const [shingle, first] of known) assert.deepEqual([...minhashSignature(new Set([shingle]))].slice(0, 6), first);
  assert.deepEqual([...minhashSignature(new Set(known.map(([x]) => x)))].slice(0, 6), [26657288, 12330891, 141268767, 34919601, 624237454, 1595673737]);
  assert.deepEqual([...minhashSignature(new Set())], new Array(SIGNATURE_SIZE).fill(0xffffffff));
  let state = 12345;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  for (let round = 0; round < 10; round++) {
    const shingles = new Set(Array.from({ length: 1 + (next() % 200) }, () => next()));
    const singles = [...shingles].map((x) => minhashSignature(new Set([x])));
    const sig = minhashSignature(shingles);
    for (let i = 0; i < SIGNATURE_SIZE; i++) assert.equal(sig[i], Math.min(...singles.map((one) => one[i])));
  }
});
