// The tagger's two stages score the same sentence features (the second adds document features): one table over
// both models' feature keys finds both weight rows with one probe per feature, where scoring each model apart
// probed every sentence feature twice. The tagger resolves features to rows through it (extractFeatureRows), once
// per word form for most of them, and adds both models' weights in one pass over the rows.
import type { FeatureMatrix, RowMatrix, RowResolver } from './features.js';
import { LABEL_COUNT } from './labels.js';
import { addRows, rowOf, storedKey, type NerModel } from './model.js';

export interface PairedModels {
  first: NerModel;
  second: NerModel;
  /**
   * Open addressing over both models' keys, two entries per slot: the stored key (as int32, 0 = empty) and the
   * offset of its joint row in `weights`. Key and row share a cache line, where the models' tables keep them apart.
   */
  slots: Int32Array;
  mask: number;
  /** Per joint row, the first model's LABEL_COUNT weights then the second's: one feature's weights lie together. */
  weights: Float32Array;
  /** Feature hash → offset of its joint row in `weights`, or -1 (for extractFeatureRows). */
  resolver: RowResolver;
}

/** Floats per joint row: both models' weights. */
const ROW = 2 * LABEL_COUNT;

/**
 * One table for both models. A feature only one model knows gets zero weights in the other: adding +0 leaves a
 * float32 sum unchanged (a sum started at +0 is never -0), so every score is the one each model computes alone.
 */
export function pairModels(first: NerModel, second: NerModel): PairedModels {
  // Sized for the worst case (no key shared) at a load of at most 0.6: no pass to count the shared keys.
  const firstRows = first.weights.length / LABEL_COUNT;
  const mostKeys = firstRows + second.weights.length / LABEL_COUNT;
  let size = 1;
  while (size * 3 < mostKeys * 5) size <<= 1;
  const slots = new Int32Array(2 * size);
  const mask = size - 1;
  /** The slot of a key: where it is, or the empty slot where it goes. */
  const slotOf = (key: number): number => {
    let slot = key & mask;
    while (slots[2 * slot] !== 0 && slots[2 * slot] !== (key | 0)) slot = (slot + 1) & mask;
    return slot;
  };
  const weights = new Float32Array(mostKeys * ROW);
  // The first model's keys keep its row numbers; the second's other keys follow.
  for (let from = 0; from < first.slotKeys.length; from++) {
    const key = first.slotKeys[from];
    if (key === 0) continue;
    const slot = slotOf(key);
    const row = ownRow(first, from);
    slots[2 * slot] = key | 0;
    slots[2 * slot + 1] = row * ROW;
    copyRow(first.weights, row * LABEL_COUNT, weights, row * ROW);
  }
  let rows = firstRows;
  for (let from = 0; from < second.slotKeys.length; from++) {
    const key = second.slotKeys[from];
    if (key === 0) continue;
    const slot = slotOf(key);
    if (slots[2 * slot] === 0) {
      slots[2 * slot] = key | 0;
      slots[2 * slot + 1] = rows++ * ROW;
    }
    copyRow(second.weights, ownRow(second, from) * LABEL_COUNT, weights, slots[2 * slot + 1] + LABEL_COUNT);
  }
  const resolver: RowResolver = {
    width: ROW,
    rowOf(hash) {
      const key = storedKey(hash) | 0;
      let slot = key & mask;
      for (;;) {
        const found = slots[2 * slot];
        if (found === key) return slots[2 * slot + 1];
        if (found === 0) return -1;
        slot = (slot + 1) & mask;
      }
    },
  };
  resolver.weights = weights.slice(0, rows * ROW);
  return { first, second, slots, mask, weights: resolver.weights, resolver };
}

function copyRow(from: Float32Array, at: number, to: Float32Array, into: number): void {
  for (let l = 0; l < LABEL_COUNT; l++) to[into + l] = from[at + l];
}

/**
 * The row the model's lookup finds for the key in slot `slot`: that slot's row, except for stored key 1, which the
 * model holds twice when it knows both hash 0 and hash 1 (its lookup finds the first).
 */
function ownRow(model: NerModel, slot: number): number {
  return model.slotKeys[slot] === 1 ? rowOf(model, 1) : model.slotRows[slot];
}

/** Both models' emission scores over features resolved by the pair (extractFeatureRows with pair.resolver). */
export function pairedRowScores(pair: PairedModels, features: RowMatrix): [Float32Array, Float32Array] {
  const { rows, offsets } = features;
  const n = offsets.length - 1;
  const first = new Float32Array(n * LABEL_COUNT);
  const second = new Float32Array(n * LABEL_COUNT);
  const { base } = features;
  if (base) {
    for (let i = 0; i < n; i++) {
      for (let l = 0; l < LABEL_COUNT; l++) {
        first[i * LABEL_COUNT + l] = base[i * ROW + l];
        second[i * LABEL_COUNT + l] = base[i * ROW + LABEL_COUNT + l];
      }
    }
  }
  for (let i = 0; i < n; i++) {
    addRows(pair.weights, rows, offsets[i], offsets[i + 1], first, i * LABEL_COUNT);
    addRows(pair.weights, rows, offsets[i], offsets[i + 1], second, i * LABEL_COUNT, LABEL_COUNT);
  }
  return [first, second];
}

/** Both models' emission scores over the same features: `[first, second]`, each as emissionScores gives it. */
export function pairedEmissionScores(pair: PairedModels, features: FeatureMatrix): [Float32Array, Float32Array] {
  const { hashes, offsets } = features;
  const rows = new Int32Array(hashes.length);
  const rowOffsets = new Int32Array(offsets.length);
  let count = 0;
  for (let i = 0; i + 1 < offsets.length; i++) {
    for (let f = offsets[i]; f < offsets[i + 1]; f++) {
      const row = pair.resolver.rowOf(hashes[f]);
      if (row >= 0) rows[count++] = row;
    }
    rowOffsets[i + 1] = count;
  }
  return pairedRowScores(pair, { rows, offsets: rowOffsets });
}

const pairs = new WeakMap<NerModel, WeakMap<NerModel, PairedModels>>();

/** The pair of two loaded models, built on first use (tens of milliseconds) and kept while both live. */
export function pairedModels(first: NerModel, second: NerModel): PairedModels {
  let bySecond = pairs.get(first);
  if (!bySecond) pairs.set(first, (bySecond = new WeakMap()));
  let pair = bySecond.get(second);
  if (!pair) bySecond.set(second, (pair = pairModels(first, second)));
  return pair;
}
