// Exact and near-duplicate detection over compact fingerprints (exact hash + MinHash signature + LSH bands).
// Input: annotated documents in arrival order. Output: for each, the original it copies (or null) and a score.
import { createHash } from 'node:crypto';
import { type AnnotatedSummary, fingerprintTerms, hasArabicFeatures, plainWords } from './terms.js';
import { bandKeys, estimateJaccard, minhashSignature, shingleHashes } from './minhash.js';

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

export function fingerprintOf(doc: AnnotatedSummary): Fingerprint {
  const words = plainWords(doc.text);
  const shingles = shingleHashes(fingerprintTerms(doc));
  return {
    articleId: doc.id,
    group: hasArabicFeatures(doc) ? 'arb' : 'plain:' + doc.language,
    exactHash: words.length === 0 ? '' : createHash('sha256').update(words.join(' ')).digest('hex').slice(0, 32),
    shingleCount: shingles.size,
    signature: minhashSignature(shingles),
  };
}

/** Containment |A∩B| / min(|A|,|B|), estimated from the Jaccard index and the two set sizes. */
export function estimateContainment(jaccard: number, sizeA: number, sizeB: number): number {
  const smaller = Math.min(sizeA, sizeB);
  if (smaller === 0) return 0;
  const intersection = (jaccard * (sizeA + sizeB)) / (1 + jaccard);
  return Math.min(1, intersection / smaller);
}

export class DuplicateIndex {
  private readonly records: FingerprintRecord[] = [];
  private readonly byId = new Map<string, number>();
  private readonly exact = new Map<string, number>();
  private readonly bands = new Map<number, number[]>();
  private memo: { doc: AnnotatedSummary; fingerprint: Fingerprint } | null = null;

  /** Rebuilds an index from stored records, which must come in arrival order. */
  static fromRecords(records: Iterable<FingerprintRecord>): DuplicateIndex {
    const index = new DuplicateIndex();
    for (const record of records) index.insert(record);
    return index;
  }

  get size(): number {
    return this.records.length;
  }

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
    const fp = this.fingerprint(doc);
    if (fp.exactHash === '') return null;
    const exact = this.exact.get(fp.exactHash);
    if (exact !== undefined && this.records[exact].articleId !== fp.articleId) {
      return { of: this.rootOf(exact), score: 1 };
    }
    let best: { ordinal: number; containment: number; jaccard: number } | null = null;
    for (const ordinal of this.candidates(fp)) {
      const other = this.records[ordinal];
      if (other.group !== fp.group || other.articleId === fp.articleId) continue;
      const jaccard = estimateJaccard(fp.signature, other.signature);
      const containment = estimateContainment(jaccard, fp.shingleCount, other.shingleCount);
      if (containment < DUPLICATE_THRESHOLDS.containment || jaccard < DUPLICATE_THRESHOLDS.jaccard) continue;
      const better = !best || containment > best.containment || (containment === best.containment && (jaccard > best.jaccard || (jaccard === best.jaccard && ordinal < best.ordinal)));
      if (better) best = { ordinal, containment, jaccard };
    }
    return best ? { of: this.rootOf(best.ordinal), score: round3(best.containment) } : null;
  }

  /** Adds `doc`; `duplicateOf` defaults to what findDuplicate says. Returns the record for the store. */
  add(doc: AnnotatedSummary, duplicateOf: string | null = this.findDuplicate(doc)?.of ?? null): FingerprintRecord {
    const record: FingerprintRecord = { ...this.fingerprint(doc), duplicateOf };
    this.insert(record);
    return record;
  }

  private insert(record: FingerprintRecord): void {
    if (this.byId.has(record.articleId)) return;
    const ordinal = this.records.length;
    this.records.push(record);
    this.byId.set(record.articleId, ordinal);
    if (record.exactHash !== '' && !this.exact.has(record.exactHash)) this.exact.set(record.exactHash, ordinal);
    for (const key of bandKeys(record.signature)) {
      const bucket = this.bands.get(key);
      if (bucket) bucket.push(ordinal);
      else this.bands.set(key, [ordinal]);
    }
  }

  private candidates(fp: Fingerprint): Set<number> {
    const out = new Set<number>();
    for (const key of bandKeys(fp.signature)) for (const ordinal of this.bands.get(key) ?? []) out.add(ordinal);
    return out;
  }

  /** Copies of copies point at the first original. */
  private rootOf(ordinal: number): string {
    const record = this.records[ordinal];
    return record.duplicateOf ?? record.articleId;
  }
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
