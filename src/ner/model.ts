// The trained tagger's parameters: a weight row per feature hash (one weight per label) and label transition
// weights. Stored as one binary file: magic, a JSON header, feature keys, int16 weights, float32 transitions.
import { readFileSync, writeFileSync } from 'node:fs';
import { LABEL_COUNT, LABELS, transitionAllowed } from './labels.js';
import type { FeatureMatrix } from './features.js';
import type { FeatureGroup } from './lexicon.js';

const MAGIC = 'MARSADNER1';

export interface ModelHeader {
  labels: readonly string[];
  featureVersion: number;
  clusterPrefixes: readonly number[];
  /** Feature groups the model was trained without. */
  without: readonly FeatureGroup[];
  /** FNV-1a of the clusters file the model was trained with: cluster features mean nothing with another file. */
  clustersChecksum: string;
  /** Weight = int16 value × scale. */
  scale: number;
  rows: number;
  trainedOn: string;
  trainedAt: string;
  epochs: number;
}

export interface NerModel {
  header: ModelHeader;
  /** Open-addressing table: slot → feature key (0 = empty; key 0 is remapped to 1 when stored). */
  slotKeys: Uint32Array;
  slotRows: Int32Array;
  mask: number;
  /** rows × LABEL_COUNT */
  weights: Float32Array;
  /** (LABEL_COUNT + 1) × LABEL_COUNT; the last row holds start weights; disallowed moves are -Infinity. */
  transitions: Float32Array;
}

const storedKey = (hash: number) => (hash === 0 ? 1 : hash);

export function buildModel(header: ModelHeader, keys: Uint32Array, weights: Float32Array, transitions: Float32Array): NerModel {
  let size = 1;
  while (size < keys.length * 2) size <<= 1;
  const slotKeys = new Uint32Array(size);
  const slotRows = new Int32Array(size);
  const mask = size - 1;
  for (let row = 0; row < keys.length; row++) {
    const key = storedKey(keys[row]);
    let slot = key & mask;
    while (slotKeys[slot] !== 0) slot = (slot + 1) & mask;
    slotKeys[slot] = key;
    slotRows[slot] = row;
  }
  const masked = Float32Array.from(transitions);
  for (let from = 0; from <= LABEL_COUNT; from++) {
    for (let to = 0; to < LABEL_COUNT; to++) {
      const allowed = from === LABEL_COUNT ? transitionAllowed(0, to) : transitionAllowed(from, to);
      if (!allowed) masked[from * LABEL_COUNT + to] = -Infinity;
    }
  }
  return { header, slotKeys, slotRows, mask, weights, transitions: masked };
}

function rowOf(model: NerModel, hash: number): number {
  const key = storedKey(hash);
  let slot = key & model.mask;
  for (;;) {
    const found = model.slotKeys[slot];
    if (found === key) return model.slotRows[slot];
    if (found === 0) return -1;
    slot = (slot + 1) & model.mask;
  }
}

/** Per token and label, the summed weights of the token's features (added to `scores` when given). */
export function emissionScores(model: NerModel, features: FeatureMatrix, scores: Float32Array = new Float32Array((features.offsets.length - 1) * LABEL_COUNT)): Float32Array {
  const n = features.offsets.length - 1;
  for (let i = 0; i < n; i++) {
    const base = i * LABEL_COUNT;
    for (let f = features.offsets[i]; f < features.offsets[i + 1]; f++) {
      const row = rowOf(model, features.hashes[f]);
      if (row < 0) continue;
      const w = row * LABEL_COUNT;
      for (let l = 0; l < LABEL_COUNT; l++) scores[base + l] += model.weights[w + l];
    }
  }
  return scores;
}

/** Best label sequence under emission and transition scores (first-order Viterbi). */
export function viterbi(emissions: ArrayLike<number>, transitions: ArrayLike<number>, n: number): Int32Array {
  const L = LABEL_COUNT;
  const labels = new Int32Array(n);
  if (n === 0) return labels;
  const score = new Float64Array(n * L);
  const back = new Int32Array(n * L);
  for (let l = 0; l < L; l++) score[l] = transitions[L * L + l] + emissions[l];
  for (let i = 1; i < n; i++) {
    for (let l = 0; l < L; l++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < L; p++) {
        const s = score[(i - 1) * L + p] + transitions[p * L + l];
        if (s > best) { best = s; arg = p; }
      }
      score[i * L + l] = best + emissions[i * L + l];
      back[i * L + l] = arg;
    }
  }
  let best = -Infinity;
  for (let l = 0; l < L; l++) {
    if (score[(n - 1) * L + l] > best) { best = score[(n - 1) * L + l]; labels[n - 1] = l; }
  }
  for (let i = n - 1; i > 0; i--) labels[i - 1] = back[i * L + labels[i]];
  return labels;
}

/** Best labels for the tokens; the model scores every feature matrix given (sentence and document features). */
export function decode(model: NerModel, ...features: FeatureMatrix[]): Int32Array {
  const n = features[0].offsets.length - 1;
  let scores: Float32Array | undefined;
  for (const matrix of features) scores = emissionScores(model, matrix, scores);
  return viterbi(scores!, model.transitions, n);
}

/** Writes the model; weights are quantised to int16 (their largest magnitude maps to 32767). */
export function saveModel(path: string, header: Omit<ModelHeader, 'scale' | 'rows' | 'labels'>, keys: Uint32Array, weights: Float32Array, transitions: Float32Array): void {
  let largest = 0;
  for (const w of weights) largest = Math.max(largest, Math.abs(w));
  const scale = largest > 0 ? largest / 32767 : 1;
  const quantised = new Int16Array(weights.length);
  for (let i = 0; i < weights.length; i++) quantised[i] = Math.round(weights[i] / scale);
  const full: ModelHeader = { ...header, labels: LABELS, scale, rows: keys.length };
  const headerBytes = Buffer.from(JSON.stringify(full), 'utf8');
  const lengths = Buffer.alloc(4);
  lengths.writeUInt32LE(headerBytes.length);
  // Sections start on 4-byte boundaries so typed arrays can view the buffer directly.
  const padding = Buffer.alloc((4 - ((MAGIC.length + 4 + headerBytes.length) % 4)) % 4, 0x20);
  const storedKeys = keys.map(storedKey);
  writeFileSync(path, Buffer.concat([
    Buffer.from(MAGIC, 'ascii'), lengths, headerBytes, padding,
    Buffer.from(storedKeys.buffer, storedKeys.byteOffset, storedKeys.byteLength),
    Buffer.from(transitions.buffer, transitions.byteOffset, transitions.byteLength),
    Buffer.from(quantised.buffer, quantised.byteOffset, quantised.byteLength),
  ]));
}

export function loadModel(path: string | URL): NerModel {
  const bytes = readFileSync(path);
  if (bytes.subarray(0, MAGIC.length).toString('ascii') !== MAGIC) throw new Error(`${String(path)}: not a Marsad NER model`);
  const headerLength = bytes.readUInt32LE(MAGIC.length);
  const headerStart = MAGIC.length + 4;
  const header = JSON.parse(bytes.subarray(headerStart, headerStart + headerLength).toString('utf8')) as ModelHeader;
  if (header.labels.join(' ') !== LABELS.join(' ')) throw new Error(`${String(path)}: label set differs from this build`);
  let at = headerStart + headerLength;
  at += (4 - (at % 4)) % 4;
  const copy = (byteLength: number) => {
    const slice = new Uint8Array(byteLength);
    slice.set(bytes.subarray(at, at + byteLength));
    at += byteLength;
    return slice.buffer;
  };
  const keys = new Uint32Array(copy(header.rows * 4));
  const transitions = new Float32Array(copy((LABEL_COUNT + 1) * LABEL_COUNT * 4));
  const quantised = new Int16Array(copy(header.rows * LABEL_COUNT * 2));
  const weights = new Float32Array(quantised.length);
  for (let i = 0; i < quantised.length; i++) weights[i] = quantised[i] * header.scale;
  return buildModel(header, keys, weights, transitions);
}
