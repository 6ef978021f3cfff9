import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashFeature } from './features.js';
import { LABEL_COUNT } from './labels.js';
import { buildModel, emissionScores } from './model.js';
import { pairedEmissionScores, pairedModels, pairedRowScores, pairModels } from './paired.js';
import { loadTagger } from './tagger.js';
import { tokenize } from '../arabic/tokenize.js';
import { extractDocumentRows, extractFeatures } from './features.js';

const header = { featureVersion: 0, clusterPrefixes: [4], without: [], clustersChecksum: 'none', trainedOn: 'test', trainedAt: '2026-11-23', epochs: 1, labels: [], scale: 1 };

function model(keys: number[], seed: number) {
  const weights = Float32Array.from({ length: keys.length * LABEL_COUNT }, (_, i) => Math.sin(seed * 1000 + i) * (i % 3 === 0 ? 7 : 0.003));
  const transitions = new Float32Array((LABEL_COUNT + 1) * LABEL_COUNT);
  return buildModel({ ...header, rows: keys.length }, Uint32Array.from(keys), weights, transitions);
}

test('paired scores equal each model scoring alone, for features both, one or neither model knows', () => {
  const shared = Array.from({ length: 40 }, (_, i) => hashFeature('shared' + i));
  const onlyFirst = Array.from({ length: 25 }, (_, i) => hashFeature('first' + i));
  const onlySecond = Array.from({ length: 30 }, (_, i) => hashFeature('second' + i));
  // Key 0 and key 1 share a stored slot value: each model keeps what its own lookup finds.
  const first = model([...shared, ...onlyFirst, 0], 1);
  const second = model([1, ...onlySecond, ...shared.reverse()], 2);
  const pool = [...shared, ...onlyFirst, ...onlySecond, 0, 1, hashFeature('nobody'), hashFeature('nobody else')];
  const hashes: number[] = [];
  const offsets = [0];
  for (let t = 0; t < 50; t++) {
    for (let f = 0; f < (t * 7) % 45; f++) hashes.push(pool[(t * 31 + f * 17) % pool.length]);
    offsets.push(hashes.length);
  }
  const features = { hashes: Uint32Array.from(hashes), offsets: Int32Array.from(offsets) };
  const [a, b] = pairedEmissionScores(pairModels(first, second), features);
  assert.deepEqual(a, emissionScores(first, features));
  assert.deepEqual(b, emissionScores(second, features));
});

test('the shipped tagger pairs its two stages once and scores as each stage does alone', () => {
  const tagger = loadTagger();
  assert.ok(tagger?.document);
  const pair = pairedModels(tagger.local, tagger.document);
  assert.equal(pairedModels(tagger.local, tagger.document), pair);
  const features = extractFeatures(tokenize('قال الرئيس السوري أحمد الشرع في دمشق إن «قسد» ستنسحب من دير الزور'), tagger.lexicon);
  const [local, document] = pairedEmissionScores(pair, features);
  assert.deepEqual(local, emissionScores(tagger.local, features));
  assert.deepEqual(document, emissionScores(tagger.document, features));
});

test('tagging sums each form\'s features once per role: the scores are the hash path\'s, up to float32 rounding', () => {
  const loaded = loadTagger();
  assert.ok(loaded?.document);
  const pair = pairedModels(loaded.local, loaded.document);
  const sentences = [
    'قال الرئيس السوري أحمد الشرع في دمشق إن «قسد» ستنسحب من دير الزور',
    'وأعلن الجيش السوري السيطرة على حقل العمر، فيما قالت قسد إن الشدادي خرجت عن سيطرتها. وقال الشرع إن دمشق',
    'قال', '',
  ].map((text) => tokenize(text));
  // Also without cluster features, where a word's roles as a neighbour have no cluster part.
  const unclustered = { ...loaded.lexicon, without: new Set([...loaded.lexicon.without, 'clusters' as const]) };
  // Twice: the second pass reads every form's summed weights from the form cache.
  for (const lexicon of [loaded.lexicon, loaded.lexicon, unclustered, unclustered]) {
    const rows = extractDocumentRows(sentences, lexicon, pair.resolver);
    assert.ok(rows.base, 'the paired resolver has weights, so features are summed per form and role');
    const [local, document] = pairedRowScores(pair, rows);
    const [localByHash, documentByHash] = pairedEmissionScores(pair, concatSentences(sentences.map((tokens) => extractFeatures(tokens, lexicon))));
    assert.equal(local.length, localByHash.length);
    for (let k = 0; k < local.length; k++) {
      assert.ok(Math.abs(local[k] - localByHash[k]) < 1e-3, `local score ${k}: ${local[k]} vs ${localByHash[k]}`);
      assert.ok(Math.abs(document[k] - documentByHash[k]) < 1e-3, `document score ${k}: ${document[k]} vs ${documentByHash[k]}`);
    }
  }
});

/** The features of several sentences as one matrix, token after token. */
function concatSentences(matrices: { hashes: Uint32Array; offsets: Int32Array }[]) {
  const hashes: number[] = [];
  const offsets = [0];
  for (const m of matrices) {
    for (let i = 0; i + 1 < m.offsets.length; i++) {
      hashes.push(...m.hashes.subarray(m.offsets[i], m.offsets[i + 1]));
      offsets.push(hashes.length);
    }
  }
  return { hashes: Uint32Array.from(hashes), offsets: Int32Array.from(offsets) };
}
