import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TermIds, pack, packedDot } from './packed.js';
import { dot } from './vectors.js';

const CASES: [string, Map<string, number>, Map<string, number>][] = [
  ['shared and unshared terms', new Map([['a', 0.6], ['b', 0.8]]), new Map([['b', 0.5], ['c', 0.5], ['a', 0.1]])],
  ['disjoint', new Map([['a', 1]]), new Map([['z', 1]])],
  ['empty', new Map(), new Map([['a', 1]])],
  ['entity and word terms', new Map([['@org:sdf', 0.3], ['معتقل', 0.4]]), new Map([['معتقل', 0.5], ['@org:sdf', 0.2], ['نقل', 0.1]])],
];

for (const [name, a, b] of CASES) {
  test(`packedDot equals the map dot product: ${name}`, () => {
    const ids = new TermIds();
    assert.ok(Math.abs(packedDot(pack(a, ids), pack(b, ids)) - dot(a, b)) < 1e-12);
  });
}
