// LSH buckets over the MinHash signatures of the most recent `limit` articles, in flat typed arrays (a ring).
// Input: signatures in arrival order. Output: the ordinals of recent articles sharing a band with a query signature.
import { BAND_ROWS, SIGNATURE_SIZE, bandKeys } from './minhash.js';

const BANDS = Math.floor(SIGNATURE_SIZE / BAND_ROWS);
const NONE = -1;
const FIRST_CAPACITY = 1024;

/**
 * Each band entry (ordinal × BANDS + band) is chained to the previous entry with the same band key, newest first, so
 * a lookup stops at the first entry that left the window: eviction costs nothing and memory is fixed once full.
 * Ordinals count inserts in this process; entries are 32-bit, so one process holds up to 2^31 / 40 ≈ 53 M inserts.
 */
export class LshWindow {
  private capacity = 0;
  private count = 0;
  private signatures = new Uint32Array(0);
  private keys = new Uint32Array(0);
  private next = new Int32Array(0);
  private heads = new Int32Array(0);
  private mask = 0;

  constructor(readonly limit: number) {
    if (limit < 1) throw new Error('LshWindow limit must be at least 1');
  }

  /** Inserts so far; the next insert gets this ordinal. */
  get size(): number {
    return this.count;
  }

  /** The oldest ordinal still in the window. */
  get start(): number {
    return Math.max(0, this.count - this.capacity);
  }

  inWindow(ordinal: number): boolean {
    return ordinal >= this.start && ordinal < this.count;
  }

  /** Adds a signature; the article `limit` inserts older leaves the window. Returns its ordinal. */
  insert(signature: Uint32Array): number {
    if (this.count === this.capacity && this.capacity < this.limit) this.grow();
    const ordinal = this.count++;
    const slot = ordinal % this.capacity;
    this.signatures.set(signature, slot * SIGNATURE_SIZE);
    this.link(ordinal, signature);
    return ordinal;
  }

  /** The signature of an ordinal in the window (a view: copy it to keep it). */
  signature(ordinal: number): Uint32Array {
    const at = (ordinal % this.capacity) * SIGNATURE_SIZE;
    return this.signatures.subarray(at, at + SIGNATURE_SIZE);
  }

  /** Ordinals in the window sharing at least one band with `signature`. */
  candidates(signature: Uint32Array): Set<number> {
    const out = new Set<number>();
    if (this.count === 0) return out;
    const firstEntry = this.start * BANDS;
    const keys = bandKeys(signature);
    for (const key of keys) {
      for (let entry = this.heads[key & this.mask]; entry !== NONE && entry >= firstEntry; entry = this.next[entry % (this.capacity * BANDS)]) {
        const at = entry % (this.capacity * BANDS);
        if (this.keys[at] === key) out.add(Math.floor(entry / BANDS));
      }
    }
    return out;
  }

  private link(ordinal: number, signature: Uint32Array): void {
    const keys = bandKeys(signature);
    for (let band = 0; band < keys.length; band++) {
      const entry = ordinal * BANDS + band;
      const at = entry % (this.capacity * BANDS);
      const bucket = keys[band] & this.mask;
      this.keys[at] = keys[band];
      this.next[at] = this.heads[bucket];
      this.heads[bucket] = entry;
    }
  }

  /** Doubles the ring before it first wraps (ordinals still equal slots), then relinks every entry. */
  private grow(): void {
    const capacity = Math.min(this.limit, Math.max(FIRST_CAPACITY, this.capacity * 2));
    const signatures = new Uint32Array(capacity * SIGNATURE_SIZE);
    signatures.set(this.signatures);
    this.signatures = signatures;
    this.capacity = capacity;
    this.keys = new Uint32Array(capacity * BANDS);
    this.next = new Int32Array(capacity * BANDS);
    let buckets = 1;
    while (buckets < capacity * BANDS * 2) buckets *= 2;
    this.heads = new Int32Array(buckets).fill(NONE);
    this.mask = buckets - 1;
    for (let ordinal = 0; ordinal < this.count; ordinal++) this.link(ordinal, this.signature(ordinal));
  }
}
