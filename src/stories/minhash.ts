// MinHash signatures over word shingles and LSH band keys, hand-written (32-bit integer hashing).
// Input: a term stream. Output: a Uint32Array signature and its band keys; Jaccard estimates between signatures.

export const SHINGLE_SIZE = 4;
export const SIGNATURE_SIZE = 120;
/** 40 bands of 3 rows: a pair with Jaccard 0.5 shares a band with probability 0.995, at 0.1 with 0.04. */
export const BAND_ROWS = 3;

/** FNV-1a over UTF-16 code units, 32-bit. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Murmur3's finaliser: a cheap 32-bit mixer. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const seeds: Uint32Array = (() => {
  const out = new Uint32Array(SIGNATURE_SIZE);
  let s = 0x9e3779b9;
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    s = mix(s + 0x6d2b79f5);
    out[i] = s;
  }
  return out;
})();

/** Hashes of the distinct k-word shingles; a text shorter than k words is one shingle. */
export function shingleHashes(terms: string[], k = SHINGLE_SIZE): Set<number> {
  const out = new Set<number>();
  if (terms.length === 0) return out;
  if (terms.length < k) {
    out.add(hashJoined(terms, 0, terms.length));
    return out;
  }
  for (let i = 0; i + k <= terms.length; i++) out.add(hashJoined(terms, i, i + k));
  return out;
}

/** hashString(terms.slice(from, to).join('\u0001')) without building the string (the hot loop of fingerprinting). */
function hashJoined(terms: string[], from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let t = from; t < to; t++) {
    if (t > from) h = Math.imul(h ^ 1, 0x01000193);
    const s = terms[t];
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  }
  return h >>> 0;
}

/**
 * Per seed, the least mix(shingle ^ seed). Seed by seed (the minimum kept in a register) and compared as int32 with
 * the top bit flipped, which orders like the unsigned values: the same signature, a fifth faster.
 */
export function minhashSignature(shingles: Set<number>): Uint32Array {
  const sig = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  if (shingles.size === 0) return sig;
  const xs = Int32Array.from(shingles);
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    const seed = seeds[i] | 0;
    let least = 0x7fffffff;
    for (let k = 0; k < xs.length; k++) {
      const h = mix(xs[k] ^ seed) ^ 0x80000000;
      if (h < least) least = h;
    }
    sig[i] = (least ^ 0x80000000) >>> 0;
  }
  return sig;
}

/** Fraction of equal positions: an unbiased estimate of the Jaccard index of the two shingle sets. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i]) same++;
  return same / SIGNATURE_SIZE;
}

/**
 * How many positions of the two signatures are equal, or -1 when fewer than `atLeast` are: most LSH candidates are far
 * from a duplicate, and the scan of a sure miss stops early (checked every 8 positions). Equal positions are counted
 * without branching: whether two values match is random, and mispredicted branches cost more than the arithmetic.
 */
export function equalPositionsAtLeast(a: Uint32Array, b: Uint32Array, atLeast: number): number {
  let same = 0;
  for (let block = 0; block < SIGNATURE_SIZE; block += 8) {
    const end = Math.min(SIGNATURE_SIZE, block + 8);
    for (let i = block; i < end; i++) {
      const x = a[i] ^ b[i];
      same += 1 - ((x | -x) >>> 31);
    }
    if (same + (SIGNATURE_SIZE - end) < atLeast) return -1;
  }
  return same;
}

/** One 32-bit key per band (band number mixed in, so equal rows in different bands do not meet). */
export function bandKeys(sig: Uint32Array): number[] {
  const keys: number[] = [];
  for (let band = 0; band * BAND_ROWS + BAND_ROWS <= SIGNATURE_SIZE; band++) {
    let h = mix(band + 1);
    for (let r = 0; r < BAND_ROWS; r++) h = mix(h ^ sig[band * BAND_ROWS + r]);
    keys.push(h);
  }
  return keys;
}
