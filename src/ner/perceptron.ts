// Training: an averaged structured perceptron (Collins 2002) over first-order label sequences.
// Each sentence is decoded with the current weights; where the best sequence differs from the gold one, the gold
// features gain and the predicted ones lose. The averaged weights generalise far better than the last ones.
import { createRng } from '../random.js';
import { LABEL_COUNT, transitionAllowed } from './labels.js';
import { viterbi } from './model.js';
import type { FeatureMatrix } from './features.js';

export interface TrainingExample {
  features: FeatureMatrix;
  labels: Int32Array;
}

export interface TrainingOptions {
  epochs: number;
  /** Features seen fewer times than this in the training data are dropped. */
  minCount: number;
  seed: number;
  onEpoch?: (epoch: number, mistakes: number) => void;
}

export interface TrainedWeights {
  keys: Uint32Array;
  /** keys.length × LABEL_COUNT */
  weights: Float32Array;
  /** (LABEL_COUNT + 1) × LABEL_COUNT, start weights last. */
  transitions: Float32Array;
}

interface Indexed {
  ids: Int32Array;
  offsets: Int32Array;
  labels: Int32Array;
}

function indexFeatures(examples: readonly TrainingExample[], minCount: number): { keys: Uint32Array; sentences: Indexed[] } {
  const counts = new Map<number, number>();
  for (const { features } of examples) for (const h of features.hashes) counts.set(h, (counts.get(h) ?? 0) + 1);
  const idOf = new Map<number, number>();
  const keys: number[] = [];
  for (const [hash, count] of counts) {
    if (count >= minCount) { idOf.set(hash, keys.length); keys.push(hash); }
  }
  const sentences = examples.map(({ features, labels }) => ({
    ids: Int32Array.from(features.hashes, (h) => idOf.get(h) ?? -1),
    offsets: features.offsets,
    labels,
  }));
  return { keys: Uint32Array.from(keys), sentences };
}

const TRANSITION_MASK = (() => {
  const mask = new Float64Array((LABEL_COUNT + 1) * LABEL_COUNT);
  for (let from = 0; from <= LABEL_COUNT; from++) {
    for (let to = 0; to < LABEL_COUNT; to++) {
      if (!transitionAllowed(from === LABEL_COUNT ? 0 : from, to)) mask[from * LABEL_COUNT + to] = -Infinity;
    }
  }
  return mask;
})();

export function trainPerceptron(examples: readonly TrainingExample[], options: TrainingOptions): TrainedWeights {
  const L = LABEL_COUNT;
  const { keys, sentences } = indexFeatures(examples, options.minCount);
  const weights = new Float64Array(keys.length * L);
  const weightSums = new Float64Array(keys.length * L);
  const transitions = new Float64Array((L + 1) * L);
  const transitionSums = new Float64Array((L + 1) * L);
  const masked = new Float64Array((L + 1) * L);
  const random = createRng(options.seed);
  const order = sentences.map((_, i) => i);
  let step = 1;

  const update = (ids: Int32Array, from: number, to: number, label: number, delta: number) => {
    for (let f = from; f < to; f++) {
      const id = ids[f];
      if (id < 0) continue;
      weights[id * L + label] += delta;
      weightSums[id * L + label] += step * delta;
    }
  };
  const updateTransition = (from: number, to: number, delta: number) => {
    transitions[from * L + to] += delta;
    transitionSums[from * L + to] += step * delta;
  };

  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let mistakes = 0;
    for (const index of order) {
      const { ids, offsets, labels } = sentences[index];
      const n = labels.length;
      const emissions = new Float64Array(n * L);
      for (let t = 0; t < n; t++) {
        for (let f = offsets[t]; f < offsets[t + 1]; f++) {
          const id = ids[f];
          if (id < 0) continue;
          for (let l = 0; l < L; l++) emissions[t * L + l] += weights[id * L + l];
        }
      }
      for (let k = 0; k < masked.length; k++) masked[k] = transitions[k] + TRANSITION_MASK[k];
      const predicted = viterbi(emissions, masked, n);
      for (let t = 0; t < n; t++) {
        const gold = labels[t];
        const guess = predicted[t];
        if (gold !== guess) {
          mistakes++;
          update(ids, offsets[t], offsets[t + 1], gold, 1);
          update(ids, offsets[t], offsets[t + 1], guess, -1);
        }
        const goldFrom = t === 0 ? L : labels[t - 1];
        const guessFrom = t === 0 ? L : predicted[t - 1];
        if (goldFrom !== guessFrom || gold !== guess) {
          updateTransition(goldFrom, gold, 1);
          updateTransition(guessFrom, guess, -1);
        }
      }
      step++;
    }
    options.onEpoch?.(epoch, mistakes);
  }
  return averaged(keys, weights, weightSums, transitions, transitionSums, step);
}

/** Averaged weights (w − Σ step·Δ / steps); rows that average to zero everywhere are left out of the model. */
function averaged(keys: Uint32Array, weights: Float64Array, sums: Float64Array, transitions: Float64Array, transitionSums: Float64Array, steps: number): TrainedWeights {
  const L = LABEL_COUNT;
  const keptKeys: number[] = [];
  const kept: number[] = [];
  for (let row = 0; row < keys.length; row++) {
    let nonzero = false;
    const values = new Array<number>(L);
    for (let l = 0; l < L; l++) {
      values[l] = weights[row * L + l] - sums[row * L + l] / steps;
      if (Math.abs(values[l]) > 1e-6) nonzero = true;
    }
    if (nonzero) { keptKeys.push(keys[row]); kept.push(...values); }
  }
  const averagedTransitions = new Float32Array(transitions.length);
  for (let k = 0; k < transitions.length; k++) averagedTransitions[k] = transitions[k] - transitionSums[k] / steps;
  return { keys: Uint32Array.from(keptKeys), weights: Float32Array.from(kept), transitions: averagedTransitions };
}
