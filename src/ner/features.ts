// Feature extraction for the sequence tagger: each token becomes a list of 32-bit feature hashes.
// Templates: the word and its clitic analysis, affixes, shape, a ±2 word window, word clusters, knowledge-base
// membership and cue words, each for the token and (most) for its neighbours. Labels are conjoined by the model.
// Hashes are computed by continuing FNV-1a from the template's own hash, so no feature string is ever built.
// What a word form contributes is computed once per form and cached; tagging reads the features as model rows,
// resolved once per form too (extractFeatureRows), while training and evaluation read the hashes (extractFeatures).
import type { Token } from '../document.js';
import { peelByLetters, stripArticle } from '../arabic/tokenize.js';
import { mayMatchKbAt } from '../annotate/kb-match.js';
import { cueClasses, knowledgeBaseTags, placeNamesAt, placeNameTags, type FeatureGroup, type NerLexicon } from './lexicon.js';

/** Bump when templates change (or the tokeniser's stems): a model records the version it was trained with and refuses another. */
export const FEATURE_VERSION = 4;

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

/** Hash buffers of finished writers, reused: a writer per sentence allocated and dropped 4 KB each time. */
const freeBuffers: Uint32Array[] = [];

/** A growable list of hashes with per-token offsets; finish() once, then the writer is spent. */
export class FeatureWriter {
  private hashes = freeBuffers.pop() ?? new Uint32Array(1024);
  private length = 0;
  private readonly offsets: Int32Array;
  private token = 0;
  private finished = false;

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
    if (this.finished) throw new Error('FeatureWriter.finish called twice');
    this.finished = true;
    const matrix = { hashes: this.hashes.slice(0, this.length), offsets: this.offsets };
    if (freeBuffers.length < 8) freeBuffers.push(this.hashes);
    this.hashes = new Uint32Array(0);
    return matrix;
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

/**
 * What one word form contributes to the features of its own position and of its neighbours', the same wherever the
 * form occurs: hashes of its token-level templates, the halves of pair templates it starts, the values pair templates
 * read from it, its cue classes and candidate place names. Extraction looks forms up instead of recomputing them for
 * every token (a news stream repeats its words), and writes exactly the hashes it wrote before.
 */
interface FormFeatures {
  /** The token fields the features read (a cached entry serves tokens equal in all of them). */
  kind: Token['kind'];
  norm: string;
  prefix: string;
  stem: string;
  bare: string;
  /** stemAt() of the form: the capped stem, or <num>; and its middle and coarse cluster levels. */
  stemValue: string;
  middle: string;
  coarse: string;
  /** The form's hashes part by part (PART): part k is hashes[starts[k] .. starts[k + 1]). */
  hashes: Uint32Array;
  starts: number[];
  /** Pairs the form starts: ww+1 and cc+1 at its own position, w-1w and c-1c as the previous token. */
  wordPair: number;
  clusterPair: number;
  wordPairAsPrevious: number;
  clusterPairAsPrevious: number;
  /** World place names starting with the form (the rest of their words), for placeNameTags. */
  places: readonly (readonly string[])[] | undefined;
  /** Whether a knowledge-base alias may start at the form (mayMatchKbAt), for knowledgeBaseTags. */
  mayMatchKb: boolean;
  /** `hashes` resolved to model rows by a RowSink's resolver, made on first use. */
  resolved: ResolvedForm | null;
}

/** A form's known features as rows of one resolver's model: part k is rows[starts[k] .. starts[k + 1]). */
interface ResolvedForm {
  by: RowResolver;
  /** Small integers in plain arrays: a typed array per form cost more memory than its contents (100 k forms). */
  rows: number[];
  starts: number[];
  /**
   * With a resolver that has weights: per role the form plays (rolesOf: itself, the previous word, the next, two
   * before, two after), the summed weights of that role's parts, `width` floats per role; those parts have no rows here.
   * A token's score starts from its own sum plus its neighbours' sums: 5 vectors and about 9 rows instead of 35 rows.
   */
  sums: Float32Array | null;
}

/** The parts of a form's hashes, in this order. */
const PART = {
  /** w, k, n, p */
  head: 0,
  /** Affixes, letter trigrams, c0..c3: everything between p-1 and c-1. */
  body: 1,
  /** w-1, p-1, c-1 of the next token; w+1, c+1 of the previous one; w+2 and w-2. */
  asPreviousWord: 2,
  asPreviousPrefix: 3,
  asPreviousCluster: 4,
  asNextWord: 5,
  asNextCluster: 6,
  twoBefore: 7,
  twoAfter: 8,
  /** Cue classes under q, q-1, q+1 and q-2. */
  cues: 9,
  cuesAsPrevious: 10,
  cuesAsNext: 11,
  cuesTwoBefore: 12,
} as const;
const PARTS = 13;

const PAIR_SEPARATOR = 0x7c;

/** The cluster levels the templates read: by the lexicon's prefixes, coarse and middle. */
function clusterLevels(lexicon: NerLexicon): { prefixes: readonly number[]; coarse: number; middle: number } {
  const prefixes = lexicon.without.has('clusters') ? [] : lexicon.clusterPrefixes;
  return { prefixes, coarse: prefixes[0], middle: prefixes[Math.min(1, prefixes.length - 1)] };
}

const level = (path: readonly string[], k: number) => path[Math.min(k, path.length) - 1];

/**
 * The features of one form (the same templates and order as extractInto; see FormFeatures). `edge` makes the form
 * of what templates read beyond either end of the sentence: <s> as word, prefix and cluster, no cues.
 */
function formFeatures(token: Token, lexicon: NerLexicon, edge = false): FormFeatures {
  const use = (group: FeatureGroup) => !lexicon.without.has(group);
  const { prefixes, coarse, middle } = clusterLevels(lexicon);
  // Stem, prefix, shape and cluster features read the word peeled by letters alone; cues, place names and the
  // knowledge base read the tokeniser's own reading (see peelByLetters).
  const t = edge ? token : peeledByLetters(token);
  const stemValue = edge ? BOUNDARY : stemOf(t);
  const clusters = edge ? constantLevels(BOUNDARY) : use('clusters') ? clusterOf(t, lexicon) : constantLevels('');
  const cueValues = !edge && use('cues') ? cueClasses(token, lexicon) : [];
  const clusterMiddle = edge ? BOUNDARY : prefixes.length > 0 ? level(clusters, middle) : '';
  const clusterCoarse = edge ? BOUNDARY : prefixes.length > 0 ? level(clusters, coarse) : '';
  const out = new FeatureWriter(PARTS);
  // head
  out.addValue(T.w, stemValue);
  out.addValue(T.k, t.kind);
  out.addValue(T.n, cap(t.norm));
  out.addValue(T.p, t.prefix);
  out.endToken();
  // body
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
  for (let p = 0; p < prefixes.length && p < CLUSTER_TEMPLATES.length; p++) out.addValue(CLUSTER_TEMPLATES[p], level(clusters, prefixes[p]));
  out.endToken();
  // As a neighbour.
  const single = (template: number, value: string) => { out.addValue(template, value); out.endToken(); };
  single(T['w-1'], stemValue);
  single(T['p-1'], t.prefix);
  single(T['c-1'], clusterMiddle);
  single(T['w+1'], stemValue);
  single(T['c+1'], clusterMiddle);
  single(T['w-2'], stemValue);
  single(T['w+2'], stemValue);
  for (const template of [T.q, T['q-1'], T['q+1'], T['q-2']]) {
    for (const cue of cueValues) out.addValue(template, cue);
    out.endToken();
  }
  const { hashes, offsets } = out.finish();
  return {
    kind: token.kind, norm: token.norm, prefix: token.prefix, stem: token.stem, bare: token.bare, stemValue, middle: clusterMiddle, coarse: clusterCoarse,
    hashes, starts: Array.from(offsets),
    wordPair: continueHash(T['ww+1'], stemValue) ^ PAIR_SEPARATOR,
    clusterPair: continueHash(T['cc+1'], clusterMiddle) ^ PAIR_SEPARATOR,
    wordPairAsPrevious: continueHash(T['w-1w'], stemValue) ^ PAIR_SEPARATOR,
    clusterPairAsPrevious: continueHash(T['c-1c'], clusterCoarse) ^ PAIR_SEPARATOR,
    places: edge ? undefined : placeNamesAt(token, lexicon),
    mayMatchKb: !edge && mayMatchKbAt(token, lexicon.kb),
    resolved: null,
  };
}

/** The word as the tokeniser read it before whole-words.txt: its first letters peeled whenever they may be clitics. */
function peeledByLetters(t: Token): Token {
  if (t.kind !== 'word') return t;
  const { prefix, stem } = peelByLetters(t.norm);
  return prefix === t.prefix && stem === t.stem ? t : { ...t, prefix, stem, bare: stripArticle(stem) };
}

function boundaryForm(lexicon: NerLexicon): FormFeatures {
  const edge: Token = { start: 0, end: 0, text: BOUNDARY, norm: BOUNDARY, prefix: BOUNDARY, stem: BOUNDARY, bare: BOUNDARY, kind: 'other', stemStart: 0 };
  return formFeatures(edge, lexicon, true);
}

/**
 * Forms cached per lexicon, in two generations: when the recent one is full it becomes the older one and the older
 * one is dropped; a form found in the older one moves back to the recent. A long stream's vocabulary keeps growing,
 * and a form takes about 0.5 kB: at most 2 × 25,000 forms are kept, the frequent ones among them.
 */
const FORMS_PER_GENERATION = 25_000;

interface FormCache {
  recent: Map<string, FormFeatures>;
  older: Map<string, FormFeatures>;
  boundary: FormFeatures;
}

const formCaches = new WeakMap<NerLexicon, FormCache>();

function formCache(lexicon: NerLexicon): FormCache {
  let cache = formCaches.get(lexicon);
  if (!cache) formCaches.set(lexicon, (cache = { recent: new Map(), older: new Map(), boundary: boundaryForm(lexicon) }));
  return cache;
}

/** The form's features, cached by its normalised text (a token differing in another field gets its own, uncached). */
function lookUpForm(t: Token, lexicon: NerLexicon, cache: FormCache): FormFeatures {
  let form = cache.recent.get(t.norm);
  if (form === undefined) {
    form = cache.older.get(t.norm) ?? formFeatures(t, lexicon);
    if (cache.recent.size >= FORMS_PER_GENERATION) {
      cache.older = cache.recent;
      cache.recent = new Map();
    }
    cache.recent.set(t.norm, form);
  }
  if (form.kind === t.kind && form.prefix === t.prefix && form.stem === t.stem && form.bare === t.bare) return form;
  return formFeatures(t, lexicon);
}

/** Where extraction writes each token's features: as hashes, or as the rows of a model (see extractFeatureRows). */
interface FeatureSink {
  add(hash: number): void;
  /** The hashes of one part of a form. */
  addPart(form: FormFeatures, part: number): void;
  endToken(): void;
}

/** The templates, token by token: every feature of `tokens` goes to `out`, in the order the models were trained with. */
function extractInto(tokens: readonly Token[], lexicon: NerLexicon, out: FeatureSink): void {
  const n = tokens.length;
  const use = (group: FeatureGroup) => !lexicon.without.has(group);
  const cache = formCache(lexicon);
  const { boundary } = cache;
  const forms = tokens.map((t) => lookUpForm(t, lexicon, cache));
  const kbTags = use('kb') ? knowledgeBaseTags(tokens, lexicon, (i) => forms[i].mayMatchKb) : null;
  const geoTags = use('geo') ? placeNameTags(tokens, lexicon, (i) => forms[i].places) : null;
  const clustered = clusterLevels(lexicon).prefixes.length > 0;
  const at = (i: number) => (i >= 0 && i < n ? forms[i] : boundary);
  const tagAt = (tags: readonly (string | null)[] | null, i: number) => (tags !== null && i >= 0 && i < n ? tags[i] : null) ?? '-';
  for (let i = 0; i < n; i++) {
    const form = forms[i];
    const previous = at(i - 1);
    const next = at(i + 1);
    out.add(T.bias);
    out.addPart(form, PART.head);
    out.addPart(previous, PART.asPreviousWord);
    out.addPart(next, PART.asNextWord);
    out.addPart(at(i - 2), PART.twoBefore);
    out.addPart(at(i + 2), PART.twoAfter);
    out.add(continueHash(previous.wordPairAsPrevious, form.stemValue));
    out.add(continueHash(form.wordPair, next.stemValue));
    out.addPart(previous, PART.asPreviousPrefix);
    out.addPart(form, PART.body);
    if (clustered) {
      out.addPart(previous, PART.asPreviousCluster);
      out.addPart(next, PART.asNextCluster);
      out.add(continueHash(previous.clusterPairAsPrevious, form.middle));
      out.add(continueHash(form.clusterPair, next.coarse));
    }
    out.add(continueHash(T.kb, tagAt(kbTags, i)));
    out.add(continueHash(T['kb-1'], tagAt(kbTags, i - 1)));
    out.add(continueHash(T['kb+1'], tagAt(kbTags, i + 1)));
    out.add(continueHash(T.geo, tagAt(geoTags, i)));
    out.add(continueHash(T['geo-1'], tagAt(geoTags, i - 1)));
    out.add(continueHash(T['geo+1'], tagAt(geoTags, i + 1)));
    out.addPart(form, PART.cues);
    out.addPart(previous, PART.cuesAsPrevious);
    out.addPart(next, PART.cuesAsNext);
    out.addPart(at(i - 2), PART.cuesTwoBefore);
    if (i === 0) out.add(T.first);
    out.endToken();
  }
}

/** Hashes, for training and for models scored one at a time. */
class HashSink implements FeatureSink {
  constructor(readonly writer: FeatureWriter) {}

  add(hash: number): void {
    this.writer.add(hash);
  }

  addPart(form: FormFeatures, part: number): void {
    for (let k = form.starts[part]; k < form.starts[part + 1]; k++) this.writer.add(form.hashes[k]);
  }

  endToken(): void {
    this.writer.endToken();
  }
}

export function extractFeatures(tokens: readonly Token[], lexicon: NerLexicon): FeatureMatrix {
  const out = new FeatureWriter(tokens.length);
  extractInto(tokens, lexicon, new HashSink(out));
  return out.finish();
}

/** A model's rows for feature hashes: `rowOf(hash)` is where the hash's weights start, or -1 for an unknown feature. */
export interface RowResolver {
  rowOf(hash: number): number;
  /** The rows themselves, `width` floats each: given, a form's features are summed once per role (RowMatrix.base). */
  weights?: Float32Array;
  width?: number;
}

/**
 * Features as model rows: token i's known features are rows[offsets[i] .. offsets[i + 1]), in feature order. With a
 * resolver that has weights, the features of the forms around token i in their roles (rolesOf) are not in `rows` but
 * summed in `base` (token i's `width` floats from i × width), where scoring starts.
 */
export interface RowMatrix {
  rows: Int32Array;
  offsets: Int32Array;
  base?: Float32Array;
}

/**
 * The parts extractInto reads of one form in one role, each role's parts always of the same form at a token: their
 * weights can be summed once per form and role. The first part of a role is where the sum is added (extractInto calls
 * PART.head first of all); without clusters, extractInto reads no cluster part.
 */
function rolesOf(clustered: boolean): readonly (readonly number[])[] {
  return [
    [PART.head, PART.body, PART.cues],
    [PART.asPreviousWord, PART.asPreviousPrefix, ...(clustered ? [PART.asPreviousCluster] : []), PART.cuesAsPrevious],
    [PART.asNextWord, ...(clustered ? [PART.asNextCluster] : []), PART.cuesAsNext],
    [PART.twoBefore, PART.cuesTwoBefore],
    [PART.twoAfter],
  ];
}

/** Per part: its role in `roles` (or -1, rows kept), and whether it is the role's first part. */
function partRoles(roles: readonly (readonly number[])[]): { role: Int8Array; first: Uint8Array } {
  const role = new Int8Array(PARTS).fill(-1);
  const first = new Uint8Array(PARTS);
  roles.forEach((parts, r) => parts.forEach((part, k) => { role[part] = r; first[part] = k === 0 ? 1 : 0; }));
  return { role, first };
}

const ROLE_TABLES = [false, true].map((clustered) => {
  const roles = rolesOf(clustered);
  return { roles, ...partRoles(roles) };
});

/** Row buffers of finished RowSinks, reused. */
const freeRowBuffers: Int32Array[] = [];

/** Rows, for tagging: a form's parts are resolved once per form, so only features built per token are looked up. */
class RowSink implements FeatureSink {
  private rows = freeRowBuffers.pop() ?? new Int32Array(1024);
  private length = 0;
  private readonly offsets: Int32Array;
  private token = 0;

  /** Per token, the summed weights of its form's and its neighbours' role parts (when the resolver has weights). */
  private readonly base: Float32Array | undefined;
  private readonly roles: (typeof ROLE_TABLES)[number];

  constructor(tokens: number, private readonly resolver: RowResolver, clustered: boolean) {
    this.offsets = new Int32Array(tokens + 1);
    if (resolver.weights && resolver.width) this.base = new Float32Array(tokens * resolver.width);
    this.roles = ROLE_TABLES[clustered ? 1 : 0];
  }

  /** Room for `more` rows. */
  private reserve(more: number): void {
    if (this.length + more <= this.rows.length) return;
    const grown = new Int32Array(Math.max(2 * this.rows.length, this.length + more));
    grown.set(this.rows.subarray(0, this.length));
    this.rows = grown;
  }

  add(hash: number): void {
    const row = this.resolver.rowOf(hash);
    if (row < 0) return;
    this.reserve(1);
    this.rows[this.length++] = row;
  }

  addPart(form: FormFeatures, part: number): void {
    const resolved = form.resolved?.by === this.resolver ? form.resolved : this.resolve(form);
    const sums = resolved.sums;
    if (sums !== null && this.roles.role[part] >= 0) {
      if (this.roles.first[part] === 0) return;
      const width = this.resolver.width!;
      const base = this.base!;
      const at = this.token * width;
      const from = this.roles.role[part] * width;
      // The head comes first at every token: it sets the token's start, the other roles add to it.
      if (part === PART.head) for (let l = 0; l < width; l++) base[at + l] = sums[from + l];
      else for (let l = 0; l < width; l++) base[at + l] += sums[from + l];
      return;
    }
    const from = resolved.starts[part];
    const to = resolved.starts[part + 1];
    this.reserve(to - from);
    for (let k = from; k < to; k++) this.rows[this.length++] = resolved.rows[k];
  }

  private resolve(form: FormFeatures): ResolvedForm {
    const { weights, width } = this.resolver;
    const { role } = this.roles;
    const sums = weights && width ? new Float32Array(width * this.roles.roles.length) : null;
    const rows: number[] = [];
    const starts = [0];
    for (let part = 0; part < PARTS; part++) {
      const into = sums !== null && role[part] >= 0 ? role[part] * width! : -1;
      for (let k = form.starts[part]; k < form.starts[part + 1]; k++) {
        const row = this.resolver.rowOf(form.hashes[k]);
        if (row < 0) continue;
        if (into >= 0) for (let l = 0; l < width!; l++) sums![into + l] += weights![row + l];
        else rows.push(row);
      }
      starts.push(rows.length);
    }
    return (form.resolved = { by: this.resolver, rows, starts, sums });
  }

  endToken(): void {
    this.offsets[++this.token] = this.length;
  }

  finish(): RowMatrix {
    const matrix = { rows: this.rows.slice(0, this.length), offsets: this.offsets, base: this.base };
    if (freeRowBuffers.length < 8) freeRowBuffers.push(this.rows);
    this.rows = new Int32Array(0);
    this.length = 0;
    return matrix;
  }
}

/**
 * The rows `resolver` gives the features extractFeatures writes, unknown features left out: the same features in the
 * same order, without looking up again the features of forms seen before (most of a token's).
 */
export function extractFeatureRows(tokens: readonly Token[], lexicon: NerLexicon, resolver: RowResolver): RowMatrix {
  return extractDocumentRows([tokens], lexicon, resolver);
}

/** extractFeatureRows of each sentence, in one matrix: the tokens of all sentences one after the other. */
export function extractDocumentRows(sentences: readonly (readonly Token[])[], lexicon: NerLexicon, resolver: RowResolver): RowMatrix {
  const out = new RowSink(sentences.reduce((sum, tokens) => sum + tokens.length, 0), resolver, clusterLevels(lexicon).prefixes.length > 0);
  for (const tokens of sentences) extractInto(tokens, lexicon, out);
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
