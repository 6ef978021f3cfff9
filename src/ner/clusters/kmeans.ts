// Spherical k-means: unit points, unit centroids, similarity = dot product (cosine). Points may carry weights
// (used when clustering cluster centroids by their sizes).
//
// A full assignment pass costs n × k × dims multiply-adds, about 7 s in JavaScript for 54k words, 1,024 clusters
// and 128 dimensions, and plain k-means needs dozens of passes. So fine clustering is done in two steps: a coarse
// k-means, then k-means inside each coarse cell (cheap), then global refinement passes in which each point only
// looks at the centroids nearest to its current one (its cluster's neighbourhood), which is where reassignments
// happen once the clustering is roughly right.

export interface KMeansResult {
  /** Cluster index of each point. */
  assignment: Int32Array;
  /** Unit centroids, k × dims, row-major. */
  centroids: Float32Array;
  k: number;
  iterations: number;
}

export interface KMeansOptions {
  /** Weight of each point (default 1). */
  weights?: Float64Array;
  maxIterations?: number;
  /** Only check this many centroids nearest to a point's current one (default: all). */
  neighbourhood?: number;
  /** Starting centroids and assignment (default: k-means++ seeding). */
  initial?: { centroids: Float32Array; assignment: Int32Array };
}

/** Unit points (n × dims, row-major) into k clusters; deterministic for a given `uniform`. */
export function sphericalKMeans(points: Float32Array, dims: number, k: number, uniform: () => number, options: KMeansOptions = {}): KMeansResult {
  const n = points.length / dims;
  k = Math.min(k, n);
  const weights = options.weights ?? new Float64Array(n).fill(1);
  const centroids = options.initial?.centroids.slice() ?? kMeansPlusPlus(points, dims, k, uniform);
  const assignment = options.initial?.assignment.slice() ?? new Int32Array(n).fill(-1);
  const neighbourhood = Math.min(options.neighbourhood ?? k, k);
  const maxIterations = options.maxIterations ?? 50;
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const candidates = neighbourhood < k ? nearestCentroids(centroids, dims, k, neighbourhood) : null;
    let changes = 0;
    for (let i = 0; i < n; i++) {
      const current = assignment[i];
      let best = current;
      let bestScore = current >= 0 ? dot(points, i * dims, centroids, current * dims, dims) : -Infinity;
      if (candidates && current >= 0) {
        for (let m = current * neighbourhood; m < (current + 1) * neighbourhood; m++) {
          const c = candidates[m];
          const score = dot(points, i * dims, centroids, c * dims, dims);
          if (score > bestScore || (score === bestScore && c < best)) { bestScore = score; best = c; }
        }
      } else {
        for (let c = 0; c < k; c++) {
          const score = dot(points, i * dims, centroids, c * dims, dims);
          if (score > bestScore || (score === bestScore && c < best)) { bestScore = score; best = c; }
        }
      }
      if (best !== current) {
        assignment[i] = best;
        changes++;
      }
    }
    // Stop when (almost) nothing moves: the last few flips between near-equidistant centroids change nothing useful.
    if (changes <= n * 1e-4) break;
    updateCentroids(points, dims, weights, assignment, centroids, k);
  }
  return { assignment, centroids, k, iterations };
}

/**
 * k-means in two stages for large k: `coarse` cells first, then each cell split into a share of the k clusters
 * proportional to its size, then refinement of the whole with neighbourhood search.
 */
export function twoStageKMeans(points: Float32Array, dims: number, k: number, coarse: number, uniform: () => number, neighbourhood = 32, maxIterations = 30): KMeansResult {
  const n = points.length / dims;
  const cells = sphericalKMeans(points, dims, coarse, uniform);
  const members: number[][] = Array.from({ length: cells.k }, () => []);
  cells.assignment.forEach((cell, i) => members[cell].push(i));
  const shares = proportionalShares(members.map((m) => m.length), k);
  const centroids = new Float32Array(k * dims);
  const assignment = new Int32Array(n);
  let next = 0;
  members.forEach((ids, cell) => {
    if (shares[cell] === 0) return;
    const subset = new Float32Array(ids.length * dims);
    ids.forEach((id, j) => subset.set(points.subarray(id * dims, (id + 1) * dims), j * dims));
    const sub = sphericalKMeans(subset, dims, shares[cell], uniform);
    centroids.set(sub.centroids, next * dims);
    ids.forEach((id, j) => { assignment[id] = next + sub.assignment[j]; });
    next += sub.k;
  });
  return sphericalKMeans(points, dims, next, uniform, { initial: { centroids: centroids.subarray(0, next * dims), assignment }, neighbourhood, maxIterations });
}

/** Splits `total` into parts proportional to `sizes` (largest remainder), each part between 1 and its size. */
export function proportionalShares(sizes: number[], total: number): number[] {
  const sum = sizes.reduce((a, b) => a + b, 0);
  const exact = sizes.map((size) => (size * total) / sum);
  const shares = exact.map((value, i) => Math.min(sizes[i], Math.max(sizes[i] > 0 ? 1 : 0, Math.floor(value))));
  let left = total - shares.reduce((a, b) => a + b, 0);
  // Parts raised to the minimum of 1 have already had more than their share, so they come last.
  const order = sizes.map((_, i) => i).sort((a, b) => exact[b] - shares[b] - (exact[a] - shares[a]) || a - b);
  for (let pass = 0; left > 0 && pass < total; pass++) {
    for (const i of order) {
      if (left === 0) break;
      if (shares[i] < sizes[i]) { shares[i]++; left--; }
    }
  }
  return shares;
}

/** Unrolled dot product of two rows (the inner loop of everything here). */
export function dot(a: Float32Array, i: number, b: Float32Array, j: number, dims: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let t = 0;
  for (; t + 3 < dims; t += 4) {
    s0 += a[i + t] * b[j + t];
    s1 += a[i + t + 1] * b[j + t + 1];
    s2 += a[i + t + 2] * b[j + t + 2];
    s3 += a[i + t + 3] * b[j + t + 3];
  }
  for (; t < dims; t++) s0 += a[i + t] * b[j + t];
  return s0 + s1 + s2 + s3;
}

/** For each centroid, the `m` most similar centroids (itself included), k × m row-major. */
function nearestCentroids(centroids: Float32Array, dims: number, k: number, m: number): Int32Array {
  const out = new Int32Array(k * m);
  const scores = new Float64Array(k);
  const order = new Int32Array(k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      scores[b] = a === b ? Infinity : dot(centroids, a * dims, centroids, b * dims, dims);
      order[b] = b;
    }
    order.sort((x, y) => scores[y] - scores[x] || x - y);
    out.set(order.subarray(0, m), a * m);
  }
  return out;
}

/** New unit centroids (normalised weighted sums); an empty cluster takes the point least similar to its centroid. */
function updateCentroids(points: Float32Array, dims: number, weights: Float64Array, assignment: Int32Array, centroids: Float32Array, k: number): void {
  const n = assignment.length;
  const sums = new Float64Array(k * dims);
  const filled = new Uint8Array(k);
  for (let i = 0; i < n; i++) {
    const c = assignment[i];
    filled[c] = 1;
    const w = weights[i];
    for (let d = 0; d < dims; d++) sums[c * dims + d] += w * points[i * dims + d];
  }
  for (let c = 0; c < k; c++) {
    if (!filled[c]) {
      const far = leastSimilarPoint(points, dims, assignment, centroids);
      for (let d = 0; d < dims; d++) sums[c * dims + d] = points[far * dims + d];
      assignment[far] = c;
    }
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += sums[c * dims + d] ** 2;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = 0; d < dims; d++) centroids[c * dims + d] = sums[c * dims + d] * scale;
  }
}

function leastSimilarPoint(points: Float32Array, dims: number, assignment: Int32Array, centroids: Float32Array): number {
  let far = 0;
  let lowest = Infinity;
  for (let i = 0; i < assignment.length; i++) {
    const score = dot(points, i * dims, centroids, assignment[i] * dims, dims);
    if (score < lowest) {
      lowest = score;
      far = i;
    }
  }
  return far;
}

/** k-means++ seeding (Arthur & Vassilvitskii 2007): each new seed drawn with probability ∝ squared distance. */
function kMeansPlusPlus(points: Float32Array, dims: number, k: number, uniform: () => number): Float32Array {
  const n = points.length / dims;
  const centroids = new Float32Array(k * dims);
  const nearest = new Float64Array(n).fill(Infinity);
  let chosen = Math.floor(uniform() * n);
  for (let c = 0; c < k; c++) {
    centroids.set(points.subarray(chosen * dims, (chosen + 1) * dims), c * dims);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const squared = Math.max(0, 2 - 2 * dot(points, i * dims, centroids, c * dims, dims));
      if (squared < nearest[i]) nearest[i] = squared;
      total += nearest[i];
    }
    let target = uniform() * total;
    chosen = n - 1;
    for (let i = 0; i < n; i++) {
      target -= nearest[i];
      if (target <= 0 && nearest[i] > 0) {
        chosen = i;
        break;
      }
    }
  }
  return centroids;
}
