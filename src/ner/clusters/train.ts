// The cluster-training pipeline, from a token stream to a class path per word:
// counts of neighbours at offsets −2, −1, +1, +2 (each its own block) and of the word's proclitics → PPMI →
// randomized SVD (128 dimensions) → unit vectors → spherical k-means into fine classes → the fine centroids
// grouped again by k-means into nested coarser classes → a dotted path per word, coarse to fine.
//
// Why not Brown clustering itself: its merge algorithm costs O(V·C²) for V words and C classes (about 5·10¹⁰
// steps for 54k words and 1,000 classes), far beyond a ten-minute budget in TypeScript. The vectors here carry
// the same kind of signal (which words come just before and after), and the nested k-means levels give what
// Brown paths give a tagger: prefixes that name classes from coarse to fine.
import { chooseVocabulary, contextLayout, countContexts, ppmi } from './cooccurrence.js';
import type { TokenStream } from './corpus.js';
import { dottedPaths, groupLevels } from './hierarchy.js';
import { twoStageKMeans } from './kmeans.js';
import { createGaussian, createRng } from '../../random.js';
import { randomizedSvd } from './svd.js';

export interface TrainOptions {
  maxWords: number;
  minCount: number;
  contextSize: number;
  /** Neighbour positions used as context, e.g. [-1, 1]. */
  offsets: number[];
  /** Context-distribution smoothing exponent for PMI. */
  alpha: number;
  dims: number;
  /** Singular values are raised to this power when scaling the SVD vectors (0.5 following Levy et al. 2015). */
  singularPower: number;
  fineClusters: number;
  /** Coarser levels as numbers of groups, fine to coarse. */
  levels: number[];
  /** Coarse cells of the first stage of the fine k-means (speed only). */
  cells: number;
  seed: number;
  log: (message: string) => void;
}

export const defaultOptions: TrainOptions = {
  maxWords: 80000,
  minCount: 5,
  contextSize: 5000,
  offsets: [-2, -1, 1, 2],
  alpha: 0.75,
  dims: 128,
  singularPower: 0.5,
  fineClusters: 1024,
  levels: [256, 64, 16],
  cells: 32,
  seed: 20180224,
  log: () => {},
};

export interface TrainedClusters {
  /** Clustered words with their corpus counts, most frequent first. */
  words: string[];
  counts: number[];
  /** Dotted class path of each word, coarse to fine (same order as `words`). */
  paths: string[];
  /** Number of classes at each level of the paths, coarse to fine. */
  levels: number[];
}

export function trainClusters(stream: TokenStream, options: TrainOptions = defaultOptions): TrainedClusters {
  const { log } = options;
  const uniform = createRng(options.seed);
  const started = Date.now();
  const stage = (name: string) => log(`${name} (${((Date.now() - started) / 1000).toFixed(1)} s, ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB)`);

  const vocabulary = chooseVocabulary(stream, options.maxWords, options.minCount, options.contextSize);
  const counts = countContexts(stream, vocabulary, options.offsets);
  stage(`counted contexts: ${vocabulary.words.length} words × ${counts.columns} columns, ${counts.value.length} non-zeros`);
  const weighted = ppmi(counts, contextLayout(options.offsets, vocabulary.contexts.length).blocks, options.alpha);
  stage(`PPMI: ${weighted.value.length} positive cells`);
  const svd = randomizedSvd(weighted, options.dims, createGaussian(uniform));
  stage(`SVD: rank ${svd.rank}, singular values ${svd.s[0].toFixed(1)} … ${svd.s[svd.rank - 1].toFixed(1)}`);
  const points = unitEmbedding(svd.u, svd.s, svd.rank, options.singularPower);
  const kmeans = twoStageKMeans(points, svd.rank, Math.min(options.fineClusters, vocabulary.words.length), options.cells, uniform);
  stage(`k-means: ${kmeans.k} fine clusters after ${kmeans.iterations} refinement passes`);
  const sizes = new Int32Array(kmeans.k);
  for (const cluster of kmeans.assignment) sizes[cluster]++;
  const levels = options.levels.filter((groups) => groups < kmeans.k);
  const paths = dottedPaths(sizes, groupLevels(kmeans.centroids, sizes, svd.rank, levels, uniform));
  stage(`hierarchy: ${[...levels].reverse().join(' → ')} → ${kmeans.k} classes`);
  const wordPaths = Array.from(kmeans.assignment, (cluster) => paths[cluster]);
  return {
    words: vocabulary.words.map((id) => stream.types[id]),
    counts: vocabulary.words.map((id) => stream.counts[id]),
    paths: wordPaths,
    levels: [...levels, kmeans.k].map((_, level) => new Set(wordPaths.map((path) => path.split('.').slice(0, level + 1).join('.'))).size),
  };
}

/** Rows of U scaled by s^power, then L2-normalised, as Float32 for clustering. */
export function unitEmbedding(u: Float64Array, s: Float64Array, rank: number, power: number): Float32Array {
  const rows = u.length / rank;
  const out = new Float32Array(u.length);
  const scale = Array.from(s, (value) => Math.pow(value, power));
  for (let r = 0; r < rows; r++) {
    let norm = 0;
    for (let j = 0; j < rank; j++) norm += (u[r * rank + j] * scale[j]) ** 2;
    const inverse = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let j = 0; j < rank; j++) out[r * rank + j] = u[r * rank + j] * scale[j] * inverse;
  }
  return out;
}
