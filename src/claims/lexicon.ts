// The reporting-cue lexicon of the claims stage (data/cues.json), normalised once at load.
// Input: the data file. Output: lookups keyed by the matching form of a word (`Token.norm`, or its `bare` form).
import { readFileSync } from 'node:fs';
import { normalizeForMatch } from '../arabic/normalize.js';
import { stripArticle, tokenize } from '../arabic/tokenize.js';
import type { ClaimStance, Token } from '../document.js';

interface CueEntry {
  stance: ClaimStance;
  forms: string[];
  object: boolean;
  prepositions: string[];
  target?: boolean;
  source?: string;
}

interface CueFile {
  verbs: CueEntry[];
  participles: CueEntry[];
  attributions: { words: string[]; preposition?: string }[];
  denialAnaphora: { openers: string[]; cues: string[] };
  negations: string[];
  complementizers: string[];
  unnamedHeads: string[];
  genericSpeakers: string[];
  statementNouns: string[];
  sourceNouns: string[];
  adverbs: string[];
  parentheticalOpeners: string[];
}

/** How a reporting word governs what was said. */
export interface CueSpec {
  stance: ClaimStance;
  /** What was said may follow as a direct object ("أكدت جاهزيتها"). */
  object: boolean;
  /** Prepositions introducing what was said ("أشار إلى", "اتهم بـ"), normalised. */
  prepositions: ReadonlySet<string>;
  /** A person or party addressed may stand between speaker and content ("حذرت X Y من"). */
  target: boolean;
  /** The original source follows this word ("نقلت وكالة عن مصادر"). */
  source: string | null;
}

export interface Attribution {
  words: string[];
  /** A preposition that follows, separate ("لـ") or as a proclitic ("للبيان"). */
  preposition: string | null;
}

export interface ClaimLexicon {
  verbs: ReadonlyMap<string, CueSpec>;
  participles: ReadonlyMap<string, CueSpec>;
  attributions: readonly Attribution[];
  /** First words of the attributions, for a quick test. */
  attributionStarts: ReadonlySet<string>;
  denialOpeners: ReadonlySet<string>;
  denialCues: ReadonlySet<string>;
  /** Particles that negate the verb after them («لم يعلن»): nothing was said. */
  negations: ReadonlySet<string>;
  complementizers: ReadonlySet<string>;
  /** The sets below hold `bare` forms (no proclitics, no article). */
  unnamedHeads: ReadonlySet<string>;
  genericSpeakers: ReadonlySet<string>;
  statementNouns: ReadonlySet<string>;
  sourceNouns: ReadonlySet<string>;
  /** Adverbs and adverbial phrases between cue, speaker and content, as token `norm` sequences. */
  adverbs: readonly string[][];
  parentheticalOpeners: ReadonlySet<string>;
}

const bare = (word: string) => stripArticle(normalizeForMatch(word));
const bareSet = (words: string[]) => new Set(words.map(bare));
const normSet = (words: string[]) => new Set(words.map(normalizeForMatch));

function cueMap(entries: CueEntry[]): Map<string, CueSpec> {
  const map = new Map<string, CueSpec>();
  for (const entry of entries) {
    const spec: CueSpec = {
      stance: entry.stance,
      object: entry.object,
      prepositions: normSet(entry.prepositions),
      target: entry.target === true,
      source: entry.source ? normalizeForMatch(entry.source) : null,
    };
    for (const form of entry.forms) map.set(normalizeForMatch(form), spec);
  }
  return map;
}

function readLexicon(): ClaimLexicon {
  const raw = JSON.parse(readFileSync(new URL('./data/cues.json', import.meta.url), 'utf8')) as CueFile;
  const attributions = raw.attributions.map((a) => ({
    words: a.words.map(normalizeForMatch),
    preposition: a.preposition ? normalizeForMatch(a.preposition) : null,
  }));
  return {
    verbs: cueMap(raw.verbs),
    participles: cueMap(raw.participles),
    attributions,
    attributionStarts: new Set(attributions.map((a) => a.words[0])),
    denialOpeners: normSet(raw.denialAnaphora.openers),
    denialCues: normSet(raw.denialAnaphora.cues),
    negations: normSet(raw.negations),
    complementizers: normSet(raw.complementizers),
    unnamedHeads: bareSet(raw.unnamedHeads),
    genericSpeakers: bareSet(raw.genericSpeakers),
    statementNouns: bareSet(raw.statementNouns),
    sourceNouns: bareSet(raw.sourceNouns),
    adverbs: raw.adverbs.map((phrase) => tokenize(phrase).map((t) => t.norm)),
    parentheticalOpeners: normSet(raw.parentheticalOpeners),
  };
}

let cached: ClaimLexicon | null = null;

export function loadClaimLexicon(): ClaimLexicon {
  cached ??= readLexicon();
  return cached;
}

/**
 * The forms under which a word is looked up: as written, then without a leading conjunction و/ف
 * ("وقالت" → "قالت", "ووفقاً" → "وفقا"). The tokenizer's own peeling is not used: it also takes ك/ب/ل
 * off verbs ("كشفت" would become ك + "شفت").
 */
export function lookupForms(token: Token | undefined): string[] {
  if (!token || token.kind !== 'word') return [];
  const norm = token.norm;
  return (norm[0] === 'و' || norm[0] === 'ف') && norm.length > 2 ? [norm, norm.slice(1)] : [norm];
}

/** The second lookup form (without the conjunction), or null: lookupForms without building the list. */
function withoutConjunction(norm: string): string | null {
  return (norm[0] === 'و' || norm[0] === 'ف') && norm.length > 2 ? norm.slice(1) : null;
}

export function lookupIn<V>(map: ReadonlyMap<string, V>, token: Token | undefined): V | undefined {
  if (!token || token.kind !== 'word') return undefined;
  const value = map.get(token.norm);
  if (value !== undefined) return value;
  const peeled = withoutConjunction(token.norm);
  return peeled === null ? undefined : map.get(peeled);
}

export function hasForm(set: ReadonlySet<string>, token: Token | undefined): boolean {
  if (!token || token.kind !== 'word') return false;
  if (set.has(token.norm)) return true;
  const peeled = withoutConjunction(token.norm);
  return peeled !== null && set.has(peeled);
}

/** The number of tokens an adverbial phrase covers from token i («أيضاً»، «في وقت سابق»), or 0. */
export function adverbLength(lexicon: ClaimLexicon, tokens: readonly Token[], i: number): number {
  const forms = lookupForms(tokens[i]);
  if (forms.length === 0) return 0;
  for (const phrase of lexicon.adverbs) {
    if (!forms.includes(phrase[0])) continue;
    if (phrase.every((word, k) => k === 0 || tokens[i + k]?.norm === word)) return phrase.length;
  }
  return 0;
}

/**
 * Whether one of the word's article-less forms is in a set of `bare` forms. The tokenizer's bare form is a guess
 * ("بيان" reads as ب + "يان"), so the whole word, with and without a leading conjunction, is tried too.
 */
export function hasBare(set: ReadonlySet<string>, token: Token | undefined): boolean {
  if (!token || token.kind !== 'word') return false;
  return set.has(token.bare) || lookupForms(token).some((form) => set.has(stripArticle(form)));
}
