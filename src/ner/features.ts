// Feature extraction for the sequence tagger: each token becomes a list of 32-bit feature hashes.
// Templates: the word and its clitic analysis, affixes, shape, a ±2 word window, word clusters, knowledge-base
// membership and cue words, each for the token and (most) for its neighbours. Labels are conjoined by the model.
// Hashes are computed by continuing FNV-1a from the template's own hash, so no feature string is ever built.
import type { Token } from '../document.js';
import { cueClasses, knowledgeBaseTags, placeNameTags, type FeatureGroup, type NerLexicon } from './lexicon.js';

/** Bump when templates change: a model records the version it was trained with and refuses another. */
export const FEATURE_VERSION = 3;

/** Features of a token sequence: token i owns hashes[offsets[i] .. offsets[i + 1]). */
export interface FeatureMatrix {
  hashes: Uint32Array;
  offsets: Int32Array;
}

const FNV_BASIS = 0x811c9dc5;

/** FNV-1a over UTF-16 code units, continuing from `h`. */
export function continueHash(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function hashFeature(s: string): number {
  return continueHash(FNV_BASIS, s);
}

/** A growable list of hashes with per-token offsets. */
export class FeatureWriter {
  private hashes = new Uint32Array(1024);
  private length = 0;
  private readonly offsets: Int32Array;
  private token = 0;

  constructor(tokens: number) {
    this.offsets = new Int32Array(tokens + 1);
  }

  add(hash: number): void {
    if (this.length === this.hashes.length) {
      const grown = new Uint32Array(this.hashes.length * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[this.length++] = hash;
  }

  /** Template hash + value. */
  addValue(template: number, value: string): void {
    this.add(continueHash(template, value));
  }

  /** Template hash + first value + separator + second value. */
  addPair(template: number, first: string, second: string): void {
    this.add(continueHash(continueHash(template, first) ^ 0x7c, second));
  }

  endToken(): void {
    this.offsets[++this.token] = this.length;
  }

  finish(): FeatureMatrix {
    return { hashes: this.hashes.slice(0, this.length), offsets: this.offsets };
  }
}

/** Template name → hash of "name=": the start state for every value of the template. */
export function templates<K extends string>(names: readonly K[]): Record<K, number> {
  return Object.fromEntries(names.map((name) => [name, hashFeature(name + '=')])) as Record<K, number>;
}

const T = templates([
  'bias', 'w', 'k', 'n', 'p', 'w-1', 'w+1', 'w-2', 'w+2', 'w-1w', 'ww+1', 'p-1', 'al', 'len',
  'suf1', 'suf2', 'suf3', 'pre1', 'pre2', 'pre3', 'c0', 'c1', 'c2', 'c3', 'c-1', 'c+1', 'c-1c', 'cc+1',
  'kb', 'kb-1', 'kb+1', 'q', 'q-1', 'q+1', 'q-2', 'first', 'g3', 'geo', 'geo-1', 'geo+1',
]);
const CLUSTER_TEMPLATES = [T.c0, T.c1, T.c2, T.c3];

const BOUNDARY = '<s>';
/** Lengths are capped: a 200-letter token says no more than a 24-letter one. */
const MAX_FORM = 24;

function cap(s: string): string {
  return s.length > MAX_FORM ? s.slice(0, MAX_FORM) : s;
}

function stemOf(t: Token): string {
  if (t.kind === 'number') return '<num>';
  return cap(t.stem);
}

const NO_CLUSTER = new Map<string, readonly string[]>();
function constantLevels(value: string): readonly string[] {
  let levels = NO_CLUSTER.get(value);
  if (!levels) NO_CLUSTER.set(value, (levels = Array.from({ length: 8 }, () => value)));
  return levels;
}

/** The token's cluster path prefixes by level; words outside the vocabulary and non-words get a class of their own. */
function clusterOf(t: Token, lexicon: NerLexicon): readonly string[] {
  if (t.kind !== 'word') return constantLevels('<' + t.kind + '>');
  return lexicon.clusters.get(t.stem) ?? lexicon.clusters.get(t.bare) ?? constantLevels('<unk>');
}

export function extractFeatures(tokens: readonly Token[], lexicon: NerLexicon): FeatureMatrix {
  const n = tokens.length;
  const use = (group: FeatureGroup) => !lexicon.without.has(group);
  const none = () => new Array<null>(n).fill(null);
  const kbTags = use('kb') ? knowledgeBaseTags(tokens, lexicon) : none();
  const geoTags = use('geo') ? placeNameTags(tokens, lexicon) : none();
  const cues = tokens.map((t) => (use('cues') ? cueClasses(t, lexicon) : []));
  const stems = tokens.map(stemOf);
  const clusters = tokens.map((t) => (use('clusters') ? clusterOf(t, lexicon) : constantLevels('')));
  const prefixes = use('clusters') ? lexicon.clusterPrefixes : [];
  const coarse = prefixes[0];
  const middle = prefixes[Math.min(1, prefixes.length - 1)];
  const stemAt = (i: number) => (i >= 0 && i < n ? stems[i] : BOUNDARY);
  const level = (path: readonly string[], k: number) => path[Math.min(k, path.length) - 1];
  const clusterAt = (i: number, k: number) => (i >= 0 && i < n ? level(clusters[i], k) : BOUNDARY);
  const out = new FeatureWriter(n);
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    const s0 = stems[i];
    out.add(T.bias);
    out.addValue(T.w, s0);
    out.addValue(T.k, t.kind);
    out.addValue(T.n, cap(t.norm));
    out.addValue(T.p, t.prefix);
    out.addValue(T['w-1'], stemAt(i - 1));
    out.addValue(T['w+1'], stemAt(i + 1));
    out.addValue(T['w-2'], stemAt(i - 2));
    out.addValue(T['w+2'], stemAt(i + 2));
    out.addPair(T['w-1w'], stemAt(i - 1), s0);
    out.addPair(T['ww+1'], s0, stemAt(i + 1));
    out.addValue(T['p-1'], i > 0 ? tokens[i - 1].prefix : BOUNDARY);
    if (t.kind === 'word' && use('affixes')) {
      const bare = cap(t.bare);
      out.addValue(T.al, t.stem !== t.bare ? '1' : '0');
      out.addValue(T.len, String(Math.min(bare.length, 9)));
      if (bare.length > 1) { out.addValue(T.suf1, bare.slice(-1)); out.addValue(T.pre1, bare.slice(0, 1)); }
      if (bare.length > 2) { out.addValue(T.suf2, bare.slice(-2)); out.addValue(T.pre2, bare.slice(0, 2)); }
      if (bare.length > 3) { out.addValue(T.suf3, bare.slice(-3)); out.addValue(T.pre3, bare.slice(0, 3)); }
    }
    if (t.kind === 'word' && use('trigrams')) {
      // Letter trigrams: transliterated foreign names share spelling patterns ("ـوف", "كس", "تش").
      const padded = '^' + cap(t.bare) + '$';
      for (let k = 0; k + 3 <= padded.length; k++) out.addValue(T.g3, padded.slice(k, k + 3));
    }
    const c0 = clusters[i];
    for (let p = 0; p < prefixes.length && p < CLUSTER_TEMPLATES.length; p++) out.addValue(CLUSTER_TEMPLATES[p], level(c0, prefixes[p]));
    if (prefixes.length > 0) {
      out.addValue(T['c-1'], clusterAt(i - 1, middle));
      out.addValue(T['c+1'], clusterAt(i + 1, middle));
      out.addPair(T['c-1c'], clusterAt(i - 1, coarse), level(c0, middle));
      out.addPair(T['cc+1'], level(c0, middle), clusterAt(i + 1, coarse));
    }
    out.addValue(T.kb, kbTags[i] ?? '-');
    out.addValue(T['kb-1'], (i > 0 ? kbTags[i - 1] : null) ?? '-');
    out.addValue(T['kb+1'], (i + 1 < n ? kbTags[i + 1] : null) ?? '-');
    out.addValue(T.geo, geoTags[i] ?? '-');
    out.addValue(T['geo-1'], (i > 0 ? geoTags[i - 1] : null) ?? '-');
    out.addValue(T['geo+1'], (i + 1 < n ? geoTags[i + 1] : null) ?? '-');
    for (const cue of cues[i]) out.addValue(T.q, cue);
    if (i > 0) for (const cue of cues[i - 1]) out.addValue(T['q-1'], cue);
    if (i + 1 < n) for (const cue of cues[i + 1]) out.addValue(T['q+1'], cue);
    if (i > 1) for (const cue of cues[i - 2]) out.addValue(T['q-2'], cue);
    if (i === 0) out.add(T.first);
    out.endToken();
  }
  return out.finish();
}

/** Token by token, the features of `a` followed by those of `b` (both over the same tokens). */
export function concatFeatures(a: FeatureMatrix, b: FeatureMatrix): FeatureMatrix {
  const n = a.offsets.length - 1;
  const hashes = new Uint32Array(a.hashes.length + b.hashes.length);
  const offsets = new Int32Array(n + 1);
  let at = 0;
  for (let i = 0; i < n; i++) {
    hashes.set(a.hashes.subarray(a.offsets[i], a.offsets[i + 1]), at);
    at += a.offsets[i + 1] - a.offsets[i];
    hashes.set(b.hashes.subarray(b.offsets[i], b.offsets[i + 1]), at);
    at += b.offsets[i + 1] - b.offsets[i];
    offsets[i + 1] = at;
  }
  return { hashes, offsets };
}
