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

/** Open-addressing tables keep 0 for empty slots: key 0 is remapped to 1 when stored. */
export const storedKey = (hash: number) => (hash === 0 ? 1 : hash);

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

/**
 * Writes to `into` the weight-row offsets (row × LABEL_COUNT) of the features `hashes[from .. to)` the model knows,
 * in feature order; returns how many. `into` must hold `to - from` entries.
 */
function gatherRows(model: NerModel, hashes: Uint32Array, from: number, to: number, into: Int32Array): number {
  const { slotKeys, slotRows, mask } = model;
  let count = 0;
  for (let f = from; f < to; f++) {
    const key = storedKey(hashes[f]);
    let slot = key & mask;
    for (;;) {
      const found = slotKeys[slot];
      if (found === key) { into[count++] = slotRows[slot] * LABEL_COUNT; break; }
      if (found === 0) break;
      slot = (slot + 1) & mask;
    }
  }
  return count;
}

/**
 * Adds the weight rows at `rows[from .. to)` (+ `shift`) to the label scores at `scores[base ..]`, one row after the other:
 * every sum is the float32 sum in feature order, whatever the loop shape (Math.fround after each addition is
 * exactly a Float32Array store). Nine labels (BIO over four types) get an unrolled loop that keeps the sums in
 * registers: three times faster than adding into the array, and the tagger spends most of its time here.
 */
export function addRows(weights: Float32Array, rows: Int32Array, from: number, to: number, scores: Float32Array, base: number, shift = 0): void {
  if (LABEL_COUNT !== 9) {
    for (let r = from; r < to; r++) for (let l = 0; l < LABEL_COUNT; l++) scores[base + l] += weights[rows[r] + shift + l];
    return;
  }
  const round = Math.fround;
  let s0 = scores[base], s1 = scores[base + 1], s2 = scores[base + 2], s3 = scores[base + 3], s4 = scores[base + 4];
  let s5 = scores[base + 5], s6 = scores[base + 6], s7 = scores[base + 7], s8 = scores[base + 8];
  for (let r = from; r < to; r++) {
    const w = rows[r] + shift;
    s0 = round(s0 + weights[w]); s1 = round(s1 + weights[w + 1]); s2 = round(s2 + weights[w + 2]);
    s3 = round(s3 + weights[w + 3]); s4 = round(s4 + weights[w + 4]); s5 = round(s5 + weights[w + 5]);
    s6 = round(s6 + weights[w + 6]); s7 = round(s7 + weights[w + 7]); s8 = round(s8 + weights[w + 8]);
  }
  scores[base] = s0; scores[base + 1] = s1; scores[base + 2] = s2; scores[base + 3] = s3; scores[base + 4] = s4;
  scores[base + 5] = s5; scores[base + 6] = s6; scores[base + 7] = s7; scores[base + 8] = s8;
}

/** The weight row of a feature hash, or -1. */
export function rowOf(model: NerModel, hash: number): number {
  const key = storedKey(hash);
  let slot = key & model.mask;
  for (;;) {
    const found = model.slotKeys[slot];
    if (found === key) return model.slotRows[slot];
    if (found === 0) return -1;
    slot = (slot + 1) & model.mask;
  }
}

/** Scratch for one token's row offsets, grown to the longest token seen. */
let tokenRows = new Int32Array(128);

/** A scratch array of at least `length` entries (reused: valid until the next call). */
function rowScratch(length: number): Int32Array {
  if (tokenRows.length < length) tokenRows = new Int32Array(Math.max(length, 2 * tokenRows.length));
  return tokenRows;
}

/** Per token and label, the summed weights of the token's features (added to `scores` when given). */
export function emissionScores(model: NerModel, features: FeatureMatrix, scores: Float32Array = new Float32Array((features.offsets.length - 1) * LABEL_COUNT)): Float32Array {
  const { hashes, offsets } = features;
  const n = offsets.length - 1;
  for (let i = 0; i < n; i++) {
    const rows = rowScratch(offsets[i + 1] - offsets[i]);
    const count = gatherRows(model, hashes, offsets[i], offsets[i + 1], rows);
    addRows(model.weights, rows, 0, count, scores, i * LABEL_COUNT);
  }
  return scores;
}

/** Viterbi's work arrays, reused from call to call (grown to the longest sentence): allocating them per call cost more
 * than filling them. */
let viterbiScores = new Float64Array(0);
let viterbiBack = new Int32Array(0);

/** Best label sequence under emission and transition scores (first-order Viterbi). */
export function viterbi(emissions: ArrayLike<number>, transitions: ArrayLike<number>, n: number): Int32Array {
  const L = LABEL_COUNT;
  const labels = new Int32Array(n);
  if (n === 0) return labels;
  if (viterbiScores.length < n * L) {
    viterbiScores = new Float64Array(2 * n * L);
    viterbiBack = new Int32Array(2 * n * L);
  }
  // Every entry read below is written first.
  const score = viterbiScores;
  const back = viterbiBack;
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
