import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashFeature } from './features.js';
import { beginLabel, isInside, LABEL_COUNT, labelIndex, OUTSIDE } from './labels.js';
import { buildModel, decode, emissionScores, loadModel, saveModel, viterbi } from './model.js';

const header = { featureVersion: 0, clusterPrefixes: [4], without: [], clustersChecksum: 'none', trainedOn: 'test', trainedAt: '2026-11-23', epochs: 1 };

test('a saved model loads with the same scores (int16 quantisation loses < 0.1 %)', () => {
  const keys = Uint32Array.from([hashFeature('w=a'), hashFeature('w=b'), 0]);
  const weights = Float32Array.from({ length: keys.length * LABEL_COUNT }, (_, i) => Math.sin(i) * 3);
  const transitions = Float32Array.from({ length: (LABEL_COUNT + 1) * LABEL_COUNT }, (_, i) => Math.cos(i));
  const path = join(mkdtempSync(join(tmpdir(), 'ner-')), 'm.bin');
  saveModel(path, header, keys, weights, transitions);
  const loaded = loadModel(path);
  const original = buildModel({ ...header, labels: [], scale: 1, rows: keys.length }, keys, weights, transitions);
  for (let row = 0; row < keys.length; row++) {
    for (let l = 0; l < LABEL_COUNT; l++) {
      assert.ok(Math.abs(loaded.weights[row * LABEL_COUNT + l] - original.weights[row * LABEL_COUNT + l]) < 3 * 0.001);
    }
  }
  const features = { hashes: Uint32Array.from([keys[0], keys[2], hashFeature('unknown')]), offsets: Int32Array.from([0, 2, 3]) };
  assert.deepEqual(decode(loaded, features), decode(original, features));
});

test('a file that is not a model is refused with a clear error', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'ner-')), 'bad.bin');
  writeFileSync(path, 'hello');
  assert.throws(() => loadModel(path), /not a Marsad NER model/);
});

test('Viterbi never opens a span with I-, even when I- scores best', () => {
  const model = buildModel({ ...header, labels: [], scale: 1, rows: 0 }, new Uint32Array(0), new Float32Array(0), new Float32Array((LABEL_COUNT + 1) * LABEL_COUNT));
  const inside = labelIndex('I-LOC');
  const emissions = new Float32Array(3 * LABEL_COUNT);
  emissions[0 * LABEL_COUNT + inside] = 5;
  emissions[1 * LABEL_COUNT + inside] = 5;
  emissions[2 * LABEL_COUNT + OUTSIDE] = 1;
  const labels = viterbi(emissions, model.transitions, 3);
  assert.ok(!isInside(labels[0]));
  assert.equal(labels[0], beginLabel('LOC'));
  assert.equal(labels[1], inside);
  assert.equal(viterbi(new Float32Array(0), model.transitions, 0).length, 0);
});

/** A seeded model with weights of every sign and size, some features known to it and some not. */
function randomModel(seed: number, keys: Uint32Array) {
  let state = seed;
  const next = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32) * 2 - 1;
  const weights = Float32Array.from({ length: keys.length * LABEL_COUNT }, () => next() * (next() > 0 ? 0.01 : 5));
  const transitions = Float32Array.from({ length: (LABEL_COUNT + 1) * LABEL_COUNT }, () => next() * 2);
  return buildModel({ ...header, labels: [], scale: 1, rows: keys.length }, keys, weights, transitions);
}

/** The plain definition: a Float32Array sum in feature order. */
function referenceEmissions(model: ReturnType<typeof randomModel>, features: { hashes: Uint32Array; offsets: Int32Array }, keys: Uint32Array, scores?: Float32Array): Float32Array {
  const n = features.offsets.length - 1;
  const out = scores ? Float32Array.from(scores) : new Float32Array(n * LABEL_COUNT);
  for (let i = 0; i < n; i++) {
    for (let f = features.offsets[i]; f < features.offsets[i + 1]; f++) {
      const row = keys.indexOf(features.hashes[f] === 0 ? 1 : features.hashes[f]);
      if (row >= 0) for (let l = 0; l < LABEL_COUNT; l++) out[i * LABEL_COUNT + l] += model.weights[row * LABEL_COUNT + l];
    }
  }
  return out;
}

function randomFeatures(seed: number, keys: Uint32Array, tokens: number) {
  let state = seed;
  const next = () => (state = (Math.imul(state, 22695477) + 1) >>> 0);
  const hashes: number[] = [];
  const offsets = [0];
  for (let i = 0; i < tokens; i++) {
    for (let f = next() % 60; f > 0; f--) hashes.push(next() % 3 === 0 ? next() : keys[next() % keys.length]);
    offsets.push(hashes.length);
  }
  return { hashes: Uint32Array.from(hashes), offsets: Int32Array.from(offsets) };
}

test('emission scores are the float32 sums in feature order, bit for bit, also when added to earlier scores', () => {
  const keys = Uint32Array.from({ length: 500 }, (_, i) => (hashFeature('f' + i) === 0 ? 1 : hashFeature('f' + i)));
  const model = randomModel(3, keys);
  for (let seed = 1; seed <= 20; seed++) {
    const features = randomFeatures(seed, keys, seed % 7 === 0 ? 0 : 1 + (seed % 30));
    const scores = emissionScores(model, features);
    assert.deepEqual(scores, referenceEmissions(model, features, keys));
    const more = randomFeatures(seed + 100, keys, features.offsets.length - 1);
    assert.deepEqual(emissionScores(model, more, Float32Array.from(scores)), referenceEmissions(model, more, keys, scores));
  }
});
