// Nested coarser classes over the fine clusters: the fine centroids, weighted by how many words they hold, are
// clustered again by spherical k-means into fewer groups, and those groups again, e.g. 1,024 → 256 → 64 → 16.
// Measured on ANERcorp train (tag entropy given the class), this bottom-up grouping gave purer coarse classes
// than Ward's agglomeration (whose coarse levels collapse into one huge branch of rare words), bisecting k-means,
// or top-down nested k-means, and it keeps the flat fine clusters, which were the purest at the finest level.
import { dot, sphericalKMeans, type KMeansResult } from './kmeans.js';

/**
 * Parent group of each fine cluster at every coarser level. `levels` lists group counts from fine to coarse
 * (e.g. [256, 64, 16]); the result has one Int32Array per level, same order, mapping fine cluster → group.
 */
export function groupLevels(centroids: Float32Array, sizes: ArrayLike<number>, dims: number, levels: number[], uniform: () => number): Int32Array[] {
  const out: Int32Array[] = [];
  let points = centroids;
  let weights = Float64Array.from(sizes);
  let fineToCurrent = Int32Array.from({ length: sizes.length }, (_, i) => i);
  for (const groups of levels) {
    const result = bestOfRestarts(points, dims, groups, weights, uniform);
    fineToCurrent = fineToCurrent.map((current) => result.assignment[current]);
    out.push(fineToCurrent);
    const groupWeights = new Float64Array(result.k);
    result.assignment.forEach((group, i) => { groupWeights[group] += weights[i]; });
    points = result.centroids;
    weights = groupWeights;
  }
  return out;
}

/** Clustering 1,024 points is cheap, so several seedings are tried and the most cohesive result is kept. */
function bestOfRestarts(points: Float32Array, dims: number, groups: number, weights: Float64Array, uniform: () => number, restarts = 10): KMeansResult {
  let best: KMeansResult | undefined;
  let bestCohesion = -Infinity;
  for (let r = 0; r < restarts; r++) {
    const result = sphericalKMeans(points, dims, groups, uniform, { weights });
    let cohesion = 0;
    result.assignment.forEach((group, i) => { cohesion += weights[i] * dot(points, i * dims, result.centroids, group * dims, dims); });
    if (cohesion > bestCohesion) {
      bestCohesion = cohesion;
      best = result;
    }
  }
  return best!;
}

/**
 * Dotted paths from coarse to fine ("3.0.2.5"): each part numbers a class among its parent's children, biggest
 * child (most words) first, so that a prefix of k parts names a class at level k.
 */
export function dottedPaths(fineSizes: ArrayLike<number>, parents: Int32Array[]): string[] {
  const fine = fineSizes.length;
  // chains[f] = [coarsest group, …, fine cluster] for fine cluster f.
  const chains = Array.from({ length: fine }, (_, f) => [...parents.map((level) => level[f]).reverse(), f]);
  const depth = parents.length + 1;
  const paths = Array.from({ length: fine }, () => [] as number[]);
  for (let level = 0; level < depth; level++) {
    const childSizes = new Map<string, Map<number, number>>();
    for (let f = 0; f < fine; f++) {
      const parentKey = paths[f].join('.');
      const children = childSizes.get(parentKey) ?? new Map<number, number>();
      childSizes.set(parentKey, children);
      children.set(chains[f][level], (children.get(chains[f][level]) ?? 0) + fineSizes[f]);
    }
    const rank = new Map<string, Map<number, number>>();
    for (const [parentKey, children] of childSizes) {
      const ordered = [...children].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      rank.set(parentKey, new Map(ordered.map(([child], i) => [child, i])));
    }
    for (let f = 0; f < fine; f++) paths[f].push(rank.get(paths[f].join('.'))!.get(chains[f][level])!);
  }
  return paths.map((parts) => parts.join('.'));
}
