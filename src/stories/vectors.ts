// Sparse TF-IDF term vectors with document frequencies kept incrementally (IDF from the documents seen so far,
// smoothed by a prior from a news corpus). Input: term counts per document. Output: unit vectors truncated to their top terms; cosine.
import { readFileSync } from 'node:fs';

export type TermVector = Map<string, number>;

/** Document frequencies from a reference corpus, counted as `weight` pseudo-documents beside the store's own. */
export interface DfPrior {
  docs: number;
  df: ReadonlyMap<string, number>;
  weight: number;
}

export const NO_PRIOR: DfPrior = { docs: 1, df: new Map(), weight: 0 };

/**
 * The ANT news corpus prior (data/term-df.json). Weight 1000: with a few dozen stored articles the prior decides
 * which words are common (الجيش، الرئيس), and after some thousands the store's own counts dominate.
 */
export function loadDfPrior(weight = 1000): DfPrior {
  const data = JSON.parse(readFileSync(new URL('./data/term-df.json', import.meta.url), 'utf8')) as { docs: number; terms: [string, number][] };
  return { docs: data.docs, df: new Map(data.terms), weight };
}

export class TermStats {
  docCount = 0;
  readonly df = new Map<string, number>();
  /** Terms whose frequency changed since the last takeChanged(), for incremental saving. */
  private readonly changed = new Set<string>();

  /** IDF of terms asked since docCount last changed (candidate scoring asks the same entities again and again). */
  private readonly idfCache = new Map<string, number>();
  private idfCacheDocCount = -1;

  constructor(private readonly prior: DfPrior = NO_PRIOR) {}

  static fromState(docCount: number, df: Iterable<[string, number]>, prior: DfPrior = NO_PRIOR): TermStats {
    const stats = new TermStats(prior);
    stats.docCount = docCount;
    for (const [term, n] of df) stats.df.set(term, n);
    return stats;
  }

  observe(distinctTerms: Iterable<string>): void {
    this.docCount++;
    for (const term of distinctTerms) {
      this.df.set(term, (this.df.get(term) ?? 0) + 1);
      this.changed.add(term);
    }
  }

  /** Smoothed IDF; a term the prior does not list counts as rare there (df 0). Not part of the saved state. */
  idf(term: string): number {
    // Every df change goes through observe(), which also bumps docCount: a cache kept per docCount stays exact.
    if (this.idfCacheDocCount !== this.docCount) {
      this.idfCache.clear();
      this.idfCacheDocCount = this.docCount;
    }
    let idf = this.idfCache.get(term);
    if (idf === undefined) {
      const { docs, df, weight } = this.prior;
      const priorDf = ((df.get(term) ?? 0) * weight) / docs;
      idf = Math.log((this.docCount + weight + 1) / ((this.df.get(term) ?? 0) + priorDf + 1)) + 1;
      this.idfCache.set(term, idf);
    }
    return idf;
  }

  takeChanged(): [string, number][] {
    const out: [string, number][] = [...this.changed].map((t) => [t, this.df.get(t) ?? 0]);
    this.changed.clear();
    return out;
  }
}

/** Sublinear tf × idf, the `keep` heaviest terms kept, then scaled to unit length (unit(truncate(weighted, keep)), built once). */
export function tfidfVector(counts: Map<string, number>, stats: TermStats, keep: number): TermVector {
  let entries: [string, number][] = [];
  for (const [term, tf] of counts) entries.push([term, (1 + Math.log(tf)) * stats.idf(term)]);
  if (entries.length > keep) entries = heaviest(entries, keep);
  let squares = 0;
  for (const [, w] of entries) squares += w * w;
  const n = Math.sqrt(squares);
  return new Map(n === 0 ? entries : entries.map(([t, w]) => [t, w / n]));
}

/** The `keep` heaviest entries; ties broken by term so the result never depends on insertion order. */
export function truncate(v: TermVector, keep: number): TermVector {
  if (v.size <= keep) return v;
  return new Map(topEntries(v, keep));
}

const byWeightThenTerm = (a: [string, number], b: [string, number]): number => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

export function sortedEntries(v: TermVector): [string, number][] {
  return [...v].sort(byWeightThenTerm);
}

/** sortedEntries(v).slice(0, count), without sorting the lighter entries. */
export function topEntries(v: TermVector, count: number): [string, number][] {
  return heaviest([...v], count);
}

/**
 * The first `count` entries in sortedEntries order. Only the entries at least as heavy as the count-th heaviest
 * weight are sorted: every lighter one comes after all of them in the full order.
 */
function heaviest(entries: [string, number][], count: number): [string, number][] {
  if (count < 0 || entries.length <= count) return entries.sort(byWeightThenTerm).slice(0, count < 0 ? count : entries.length);
  if (count === 0) return [];
  const weights = Float64Array.from(entries, ([, w]) => w).sort();
  const threshold = weights[weights.length - count];
  // NaN weights (never produced) would make the order depend on the sort: keep the full sort for them.
  if (Number.isNaN(weights[weights.length - 1])) return entries.sort(byWeightThenTerm).slice(0, count);
  return entries.filter(([, w]) => w >= threshold).sort(byWeightThenTerm).slice(0, count);
}

export function norm(v: TermVector): number {
  let s = 0;
  for (const w of v.values()) s += w * w;
  return Math.sqrt(s);
}

export function unit(v: TermVector): TermVector {
  const n = norm(v);
  if (n === 0) return v;
  const out: TermVector = new Map();
  for (const [t, w] of v) out.set(t, w / n);
  return out;
}

/** Dot product; the cosine of two unit vectors. */
export function dot(a: TermVector, b: TermVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [t, w] of small) {
    const other = large.get(t);
    if (other !== undefined) sum += w * other;
  }
  return sum;
}

export function cosine(a: TermVector, b: TermVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, w] of small) {
    const other = large.get(t);
    if (other !== undefined) dot += w * other;
  }
  const n = norm(a) * norm(b);
  return n === 0 ? 0 : dot / n;
}

export function countTerms(terms: Iterable<string>, into: Map<string, number> = new Map(), weight = 1): Map<string, number> {
  for (const t of terms) into.set(t, (into.get(t) ?? 0) + weight);
  return into;
}
