import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashFeature } from './features.js';
import { LABELS, labelIndex } from './labels.js';
import { buildModel, decode } from './model.js';
import { trainPerceptron } from './perceptron.js';

/** One feature per token: its word, and the previous word. */
function featurize(words: string[]) {
  const hashes: number[] = [];
  const offsets = [0];
  words.forEach((w, i) => {
    hashes.push(hashFeature('w=' + w), hashFeature('w-1=' + (words[i - 1] ?? '<s>')));
    offsets.push(hashes.length);
  });
  return { hashes: Uint32Array.from(hashes), offsets: Int32Array.from(offsets) };
}

test('the perceptron learns that a word after "قال" begins a person and "في" introduces a place', () => {
  const data: [string[], string[]][] = [
    [['قال', 'سامر', 'إن'], ['O', 'B-PERS', 'O']],
    [['قال', 'ليلى', 'في', 'حلب'], ['O', 'B-PERS', 'O', 'B-LOC']],
    [['وصل', 'إلى', 'حمص'], ['O', 'O', 'B-LOC']],
    [['قال', 'رامي', 'في', 'حمص'], ['O', 'B-PERS', 'O', 'B-LOC']],
    [['في', 'حلب', 'قال', 'سامر'], ['O', 'B-LOC', 'O', 'B-PERS']],
  ];
  const examples = data.map(([words, tags]) => ({ features: featurize(words), labels: Int32Array.from(tags.map(labelIndex)) }));
  const trained = trainPerceptron(examples, { epochs: 10, minCount: 1, seed: 1 });
  const model = buildModel({ featureVersion: 0, clusterPrefixes: [], without: [], clustersChecksum: 'none', trainedOn: '', trainedAt: '', epochs: 10, labels: [], scale: 1, rows: trained.keys.length }, trained.keys, trained.weights, trained.transitions);
  // Unseen names in seen contexts.
  const labels = decode(model, featurize(['قال', 'جهاد', 'في', 'درعا']));
  assert.deepEqual([...labels].map((l) => LABELS[l]), ['O', 'B-PERS', 'O', 'B-LOC']);
});

test('training is reproducible for a seed', () => {
  const examples = [{ features: featurize(['قال', 'سامر']), labels: Int32Array.from([0, 1]) }, { features: featurize(['في', 'حلب']), labels: Int32Array.from([0, 3]) }];
  const a = trainPerceptron(examples, { epochs: 3, minCount: 1, seed: 7 });
  const b = trainPerceptron(examples, { epochs: 3, minCount: 1, seed: 7 });
  assert.deepEqual(a.weights, b.weights);
});
