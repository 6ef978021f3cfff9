// Exact and near-duplicate detection over compact fingerprints (exact hash + MinHash signature + LSH bands).
// Input: annotated documents in arrival order. Output: for each, the original it copies (or null) and a score.
import { createHash } from 'node:crypto';
import { type AnnotatedSummary, fingerprintTerms, hasArabicFeatures, plainWords } from './terms.js';
import { equalPositionsAtLeast, minhashSignature, SIGNATURE_SIZE, shingleHashes } from './minhash.js';
import { LshWindow } from './lsh-window.js';

export interface Fingerprint {
  articleId: string;
  /** Fingerprints only meet inside one group: "arb" for Arabic features, else "plain:" + language. */
  group: string;
  /** Hash of the matching-form words of the text (whitespace and punctuation collapsed). */
  exactHash: string;
  shingleCount: number;
  signature: Uint32Array;
}

/** What the store keeps per article: the fingerprint and the original it was found to copy. */
export interface FingerprintRecord extends Fingerprint {
  duplicateOf: string | null;
}

export interface DuplicateMatch {
  of: string;
  score: number;
}

/**
 * Tuned on test/fixtures/stories: light edits (a removed paragraph, spelling variants, punctuation)
 * keep containment ≥ 0.93 and Jaccard ≥ 0.68; articles sharing a long quoted statement stay under 0.5 containment.
 * Containment is over the whole shorter article, so a shared block under ~80% of it is never enough.
 */
export const DUPLICATE_THRESHOLDS = { containment: 0.8, jaccard: 0.5 } as const;

/** The part of a fingerprint read from the tokens and entities (a worker thread computes it: PreparedPlacement). */
export type NearFingerprint = Omit<Fingerprint, 'exactHash'>;

export function fingerprintOf(doc: AnnotatedSummary): Fingerprint {
  return withExactHash(nearFingerprintOf(doc), doc.text);
}

export function nearFingerprintOf(doc: AnnotatedSummary): NearFingerprint {
  const shingles = shingleHashes(fingerprintTerms(doc));
  return {
    articleId: doc.id,
    group: hasArabicFeatures(doc) ? 'arb' : 'plain:' + doc.language,
    shingleCount: shingles.size,
    signature: minhashSignature(shingles),
  };
}

/** The whole fingerprint: the exact hash needs the text alone, so the thread that places the article computes it. */
export function withExactHash(near: NearFingerprint, text: string): Fingerprint {
  return { ...near, exactHash: exactHashOf(text) };
}

/** Hash of the matching-form words of a text ('' when it has none). */
export function exactHashOf(text: string): string {
  const words = plainWords(text);
  return words.length === 0 ? '' : createHash('sha256').update(words.join(' ')).digest('hex').slice(0, 32);
}

/** The fewest equal signature positions whose Jaccard estimate (equal / SIGNATURE_SIZE) meets the threshold. */
const MIN_EQUAL_POSITIONS = (() => {
  let same = 0;
  while (same / SIGNATURE_SIZE < DUPLICATE_THRESHOLDS.jaccard) same++;
  return same;
})();

/** Containment |A∩B| / min(|A|,|B|), estimated from the Jaccard index and the two set sizes. */
export function estimateContainment(jaccard: number, sizeA: number, sizeB: number): number {
  const smaller = Math.min(sizeA, sizeB);
  if (smaller === 0) return 0;
  const intersection = (jaccard * (sizeA + sizeB)) / (1 + jaccard);
  return Math.min(1, intersection / smaller);
}

/** Articles whose signatures are kept for near-duplicate search: copies are published close in time (see README.md). */
export const DUPLICATE_WINDOW = 20_000;

export interface DuplicateIndexOptions {
  /** How many of the latest articles near-duplicates are searched among; exact copies are found among all. */
  window?: number;
}

/** What the index remembers of an article in its window (its signature lives in the LshWindow). */
interface WindowRecord {
  articleId: string;
  group: string;
  shingleCount: number;
  /** The first original: its own id, or the article it copies. */
  root: string;
}

export class DuplicateIndex {
  private readonly lsh: LshWindow;
  /** Per window slot (ordinal % limit). */
  private readonly recent: WindowRecord[] = [];
  private readonly byId = new Map<string, number>();
  /** Exact hash → the earliest article with that text and its root: kept for every article (two short strings each). */
  private readonly exact = new Map<string, { first: string; root: string }>();
  private memo: { doc: AnnotatedSummary; fingerprint: Fingerprint } | null = null;

  constructor(options: DuplicateIndexOptions = {}) {
    this.lsh = new LshWindow(options.window ?? DUPLICATE_WINDOW);
  }

  /** Rebuilds an index from stored records, which must come in arrival order. */
  static fromRecords(records: Iterable<FingerprintRecord>, options: DuplicateIndexOptions = {}): DuplicateIndex {
    const index = new DuplicateIndex(options);
    for (const record of records) index.insert(record);
    return index;
  }

  /**
   * Adds records other processes stored since this index last looked, in their arrival order, as a reload would
   * (several `marsad worker` processes, docs/queue.md). Records it already holds are passed over.
   */
  addStored(records: Iterable<FingerprintRecord>): void {
    for (const record of records) this.insert(record);
  }

  /** Articles added so far (all of them, not only the window). */
  get size(): number {
    return this.lsh.size;
  }

  /** Whether the article is among the latest `window` added (older ones are the store's to answer). */
  has(articleId: string): boolean {
    return this.byId.has(articleId);
  }

  /** The fingerprint of `doc` (remembered for the last document, since find and add usually follow each other). */
  fingerprint(doc: AnnotatedSummary): Fingerprint {
    if (this.memo?.doc !== doc) this.memo = { doc, fingerprint: fingerprintOf(doc) };
    return this.memo.fingerprint;
  }

  /** The original that `doc` copies: the earliest article of the same group with the same text, else the best near-duplicate. */
  findDuplicate(doc: AnnotatedSummary): DuplicateMatch | null {
    return this.findDuplicateOf(this.fingerprint(doc));
  }

  /** findDuplicate for a fingerprint computed elsewhere (a worker thread). */
  findDuplicateOf(fp: Fingerprint): DuplicateMatch | null {
    if (fp.exactHash === '') return null;
    const exact = this.exact.get(fp.exactHash);
    if (exact !== undefined && exact.first !== fp.articleId) return { of: exact.root, score: 1 };
    let best: { ordinal: number; containment: number; jaccard: number } | null = null;
    for (const ordinal of this.lsh.candidates(fp.signature)) {
      const other = this.recent[ordinal % this.lsh.limit];
      if (other.group !== fp.group || other.articleId === fp.articleId) continue;
      // As estimateJaccard, but a candidate that cannot reach the Jaccard threshold is dropped mid-scan.
      const same = equalPositionsAtLeast(fp.signature, this.lsh.signature(ordinal), MIN_EQUAL_POSITIONS);
      if (same < 0) continue;
      const jaccard = same / SIGNATURE_SIZE;
      const containment = estimateContainment(jaccard, fp.shingleCount, other.shingleCount);
      if (containment < DUPLICATE_THRESHOLDS.containment || jaccard < DUPLICATE_THRESHOLDS.jaccard) continue;
      const better = !best || containment > best.containment || (containment === best.containment && (jaccard > best.jaccard || (jaccard === best.jaccard && ordinal < best.ordinal)));
      if (better) best = { ordinal, containment, jaccard };
    }
    return best ? { of: this.recent[best.ordinal % this.lsh.limit].root, score: round3(best.containment) } : null;
  }

  /** Adds `doc`; `duplicateOf` defaults to what findDuplicate says. Returns the record for the store. */
  add(doc: AnnotatedSummary, duplicateOf: string | null = this.findDuplicate(doc)?.of ?? null): FingerprintRecord {
    return this.addFingerprint(this.fingerprint(doc), duplicateOf);
  }

  /** add for a fingerprint computed elsewhere. */
  addFingerprint(fp: Fingerprint, duplicateOf: string | null): FingerprintRecord {
    const record: FingerprintRecord = { ...fp, duplicateOf };
    this.insert(record);
    return record;
  }

  private insert(record: FingerprintRecord): void {
    if (this.byId.has(record.articleId)) return;
    const root = record.duplicateOf ?? record.articleId;
    if (record.exactHash !== '' && !this.exact.has(record.exactHash)) this.exact.set(record.exactHash, { first: record.articleId, root });
    const slot = this.lsh.size % this.lsh.limit;
    const leaving = this.lsh.size >= this.lsh.limit ? this.recent[slot] : undefined;
    if (leaving) this.byId.delete(leaving.articleId);
    const ordinal = this.lsh.insert(record.signature);
    this.recent[slot] = { articleId: record.articleId, group: record.group, shingleCount: record.shingleCount, root };
    this.byId.set(record.articleId, ordinal);
  }
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
