// Packed term vectors for the hot comparison loop: terms as integer ids sorted ascending, dot product by merging.
// Input: TermVectors and an index-local term dictionary. Output: PackedVectors and their dot products.
import type { TermVector } from './vectors.js';

export interface PackedVector {
  ids: Int32Array;
  weights: Float64Array;
}

/** Term → small integer, local to one StoryIndex and never saved (ids only need to agree within a process). */
export class TermIds {
  private readonly ids = new Map<string, number>();

  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(term, id);
    }
    return id;
  }
}

export function pack(v: TermVector, dictionary: TermIds): PackedVector {
  const entries = [...v].map(([t, w]) => [dictionary.id(t), w] as const).sort((a, b) => a[0] - b[0]);
  return { ids: Int32Array.from(entries, (e) => e[0]), weights: Float64Array.from(entries, (e) => e[1]) };
}

/** Σ a·b over shared ids, one pass over both sorted id lists (no hashing). */
export function packedDot(a: PackedVector, b: PackedVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i];
    const y = b.ids[j];
    if (x === y) sum += a.weights[i++] * b.weights[j++];
    else if (x < y) i++;
    else j++;
  }
  return sum;
}
