import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LshWindow } from './lsh-window.js';
import { minhashSignature, shingleHashes } from './minhash.js';
import { DuplicateIndex, fingerprintOf } from './duplicates.js';
import { fixtureDocuments } from './fixture-docs.js';

const words = (seed: number, n = 40) => Array.from({ length: n }, (_, i) => `w${seed}_${i}`);
const sig = (terms: string[]) => minhashSignature(shingleHashes(terms));

test('a signature finds itself and its near copies while in the window, not after leaving it', () => {
  const window = new LshWindow(3);
  const a = sig(words(1));
  const nearA = sig([...words(1).slice(0, 38), 'x', 'y']);
  assert.equal(window.insert(a), 0);
  assert.deepEqual([...window.candidates(nearA)], [0]);
  window.insert(sig(words(2)));
  window.insert(sig(words(3)));
  assert.deepEqual([...window.candidates(nearA)], [0]);
  window.insert(sig(words(4))); // a leaves the window
  assert.equal(window.start, 1);
  assert.deepEqual([...window.candidates(nearA)], []);
  assert.deepEqual([...window.candidates(sig(words(4)))], [3]);
  assert.deepEqual([...window.signature(3)], [...sig(words(4))]);
});

test('growing the ring keeps every earlier entry findable', () => {
  const window = new LshWindow(5000);
  for (let i = 0; i < 2100; i++) window.insert(sig(words(i, 6)));
  for (const i of [0, 1023, 1024, 2099]) assert.ok(window.candidates(sig(words(i, 6))).has(i), String(i));
});

test('exact copies are found beyond the near-duplicate window; near copies only inside it', () => {
  const docs = fixtureDocuments();
  const original = docs.get('call_presidency')!;
  const edited = docs.get('call_presidency_edited')!;
  const index = new DuplicateIndex({ window: 2 });
  index.add(original);
  const fillers = ['hamas', 'lebanese_army'].map((k) => docs.get(k)!);
  for (const doc of fillers) index.add(doc);
  assert.equal(index.has(original.id), false);
  assert.equal(index.size, 3);
  assert.deepEqual(index.findDuplicate({ ...original, id: 'a_copy' }), { of: original.id, score: 1 });
  assert.equal(index.findDuplicate(edited), null);
  const wide = new DuplicateIndex();
  wide.add(original);
  for (const doc of fillers) wide.add(doc);
  assert.equal(wide.findDuplicate(edited)?.of, original.id);
  assert.equal(fingerprintOf(edited).group, 'arb');
});
