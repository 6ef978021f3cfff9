// Truncated SVD of a large sparse matrix by the randomized range finder of Halko, Martinsson & Tropp (2011):
// project onto a few random directions, sharpen with power iterations, then solve a small dense problem.
// Dense matrices are row-major Float64Arrays.
import type { SparseMatrix } from './cooccurrence.js';

export interface TruncatedSvd {
  /** Left singular vectors, rows × rank, row-major. */
  u: Float64Array;
  /** Singular values, largest first. */
  s: Float64Array;
  rank: number;
}

export function randomizedSvd(a: SparseMatrix, rank: number, gaussian: () => number, oversample = 16, powerIterations = 3): TruncatedSvd {
  const k = Math.min(rank + oversample, a.rows, a.columns);
  const omega = new Float64Array(a.columns * k);
  for (let i = 0; i < omega.length; i++) omega[i] = gaussian();
  let y = multiply(a, omega, k);
  orthonormalizeColumns(y, a.rows, k);
  for (let q = 0; q < powerIterations; q++) {
    const z = multiplyTransposed(a, y, k);
    orthonormalizeColumns(z, a.columns, k);
    y = multiply(a, z, k);
    orthonormalizeColumns(y, a.rows, k);
  }
  // B = Qᵀ A is small (k × columns); the eigenvectors of B Bᵀ rotate Q into the left singular vectors.
  const bt = multiplyTransposed(a, y, k);
  const gram = new Float64Array(k * k);
  for (let c = 0; c < a.columns; c++) {
    const row = c * k;
    for (let i = 0; i < k; i++) {
      const bi = bt[row + i];
      if (bi === 0) continue;
      for (let j = i; j < k; j++) gram[i * k + j] += bi * bt[row + j];
    }
  }
  for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) gram[i * k + j] = gram[j * k + i];
  const { values, vectors } = symmetricEigen(gram, k);
  const kept = Math.min(rank, k);
  const u = new Float64Array(a.rows * kept);
  for (let r = 0; r < a.rows; r++) {
    for (let j = 0; j < kept; j++) {
      let sum = 0;
      for (let i = 0; i < k; i++) sum += y[r * k + i] * vectors[i * k + j];
      u[r * kept + j] = sum;
    }
  }
  const s = new Float64Array(kept);
  for (let j = 0; j < kept; j++) s[j] = Math.sqrt(Math.max(0, values[j]));
  return { u, s, rank: kept };
}

/** A × X, where X is columns × k. */
export function multiply(a: SparseMatrix, x: Float64Array, k: number): Float64Array {
  const out = new Float64Array(a.rows * k);
  for (let r = 0; r < a.rows; r++) {
    const target = r * k;
    for (let p = a.rowStart[r]; p < a.rowStart[r + 1]; p++) {
      const v = a.value[p];
      const source = a.column[p] * k;
      for (let j = 0; j < k; j++) out[target + j] += v * x[source + j];
    }
  }
  return out;
}

/** Aᵀ × Y, where Y is rows × k. */
export function multiplyTransposed(a: SparseMatrix, y: Float64Array, k: number): Float64Array {
  const out = new Float64Array(a.columns * k);
  for (let r = 0; r < a.rows; r++) {
    const source = r * k;
    for (let p = a.rowStart[r]; p < a.rowStart[r + 1]; p++) {
      const v = a.value[p];
      const target = a.column[p] * k;
      for (let j = 0; j < k; j++) out[target + j] += v * y[source + j];
    }
  }
  return out;
}

/** Modified Gram-Schmidt on the k columns of a rows × k matrix, in place (done on a transposed copy for locality). */
export function orthonormalizeColumns(m: Float64Array, rows: number, k: number): void {
  const t = new Float64Array(rows * k);
  for (let r = 0; r < rows; r++) for (let j = 0; j < k; j++) t[j * rows + r] = m[r * k + j];
  for (let j = 0; j < k; j++) {
    const cj = j * rows;
    for (let i = 0; i < j; i++) {
      const ci = i * rows;
      let dot = 0;
      for (let r = 0; r < rows; r++) dot += t[ci + r] * t[cj + r];
      for (let r = 0; r < rows; r++) t[cj + r] -= dot * t[ci + r];
    }
    let norm = 0;
    for (let r = 0; r < rows; r++) norm += t[cj + r] * t[cj + r];
    norm = Math.sqrt(norm);
    const scale = norm > 1e-12 ? 1 / norm : 0;
    for (let r = 0; r < rows; r++) t[cj + r] *= scale;
  }
  for (let r = 0; r < rows; r++) for (let j = 0; j < k; j++) m[r * k + j] = t[j * rows + r];
}

/** Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations; eigenvalues in decreasing order. */
export function symmetricEigen(matrix: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diagonal = 0;
    for (let i = 0; i < n; i++) {
      diagonal += a[i * n + i] * a[i * n + i];
      for (let j = i + 1; j < n; j++) off += a[i * n + j] * a[i * n + j];
    }
    if (off <= 1e-22 * diagonal || off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[y * n + y] - a[x * n + x]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((from, to) => {
    values[to] = a[from * n + from];
    for (let k = 0; k < n; k++) vectors[k * n + to] = v[k * n + from];
  });
  return { values, vectors };
}
