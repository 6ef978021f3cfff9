// The event stage's vocabulary: triggers and word classes from data/, normalised once, with a word-pattern matcher.
// Input: data/triggers.json, data/words.json. Output: EventLexicon (triggers indexed by their first word).
import { readFileSync } from 'node:fs';
import type { PloverType, Token } from '../document.js';
import { normalizeForMatch } from '../arabic/normalize.js';

/** A normalised word, or a prefix when it ended with "*" in the data. */
export interface WordPattern {
  text: string;
  prefix: boolean;
}

export type Phrase = WordPattern[];

export interface TriggerSpec {
  id: string;
  type: PloverType;
  mode?: string;
  qualifiers: string[];
  roles: 'verb' | 'noun';
  objectPreps: string[];
  forms: Phrase[];
  requiresAny?: { words: Phrase[]; within: number };
  /** Only an event when an agentive entity takes part (a bare «بحث» or «حذر» says too little). */
  onlyWithEntity: boolean;
  /** The name right after the trigger is its object («اعتقال عناصر داعش»), not its doer. */
  objectAfter: boolean;
  /** Every party acts (agreements have no recipient). */
  allActors: boolean;
}

export type CountKind = 'killed' | 'injured' | 'detained' | 'released' | 'escaped' | 'displaced';

export interface EventLexicon {
  triggers: TriggerSpec[];
  /** Triggers by the text of their first word (prefix patterns under their prefix), in data order. */
  byFirstWord: Map<string, TriggerSpec[]>;
  negators: Phrase[];
  conditionals: Phrase[];
  modalBlockers: Phrase[];
  futureMarkers: Phrase[];
  futurePrefixes: string[];
  notFutureVerbs: Phrase[];
  agentiveTypes: Set<string>;
  placeTypes: Set<string>;
  patronWords: Phrase[];
  announceVerbs: Phrase[];
  casualties: [CountKind, Phrase[]][];
  transferUnits: Phrase[];
  sideNouns: Phrase[];
  placeHeads: Phrase[];
  /** «مواقع», «مقرات»: what is hit of a party, in construct with its name («على مواقع الجيش»). */
  targetHeads: Phrase[];
  /** «بنظيره التركي»: a counterpart carries its preposition to the name, as a title does. */
  counterparts: Phrase[];
  dualAnaphora: Phrase[];
  subjectPlaceholders: Phrase[];
  /** «قواته», «عناصرها»: a speaker's own forces as the subject. */
  ownForces: Phrase[];
  /** Types a purpose «لل...» frames rather than states («للمطالبة»). */
  purposeTypes: Set<string>;
  /** «الذي», «التي»: a time after one belongs to the relative clause, not to the trigger before it. */
  relativePronouns: Phrase[];
  /** «أن», «إن»: what a reporting verb reports starts here. */
  complementizers: Phrase[];
}

interface RawTrigger {
  id: string; type: PloverType; mode?: string; qualifiers?: string[]; roles: 'verb' | 'noun'; objectPreps: string[];
  forms: string[]; requiresAny?: { words: string[]; within: number }; onlyWithEntity?: boolean;
  objectAfter?: boolean; allActors?: boolean;
}

interface RawWords {
  negators: string[]; conditionals: string[]; modalBlockers: string[]; futureMarkers: string[]; futurePrefixes: string[]; notFutureVerbs: string[];
  agentiveTypes: string[]; placeTypes: string[]; patronWords: string[]; announceVerbs: string[];
  casualties: Record<CountKind, string[]>; transferUnits: string[]; sideNouns: string[];
  placeHeads: string[]; targetHeads: string[]; counterparts: string[]; dualAnaphora: string[]; subjectPlaceholders: string[]; ownForces: string[];
  relativePronouns: string[]; complementizers: string[];
}

export function phrase(text: string): Phrase {
  return text.split(/\s+/).filter(Boolean).map((word) => {
    const prefix = word.endsWith('*');
    return { text: normalizeForMatch(prefix ? word.slice(0, -1) : word), prefix };
  });
}

/** The forms a token can be matched by: the whole word, without its proclitics, without the article. */
export function tokenForms(t: Token): string[] {
  return t.stem === t.norm ? [t.norm, t.bare] : [t.norm, t.stem, t.bare];
}

function formMatches(form: string, p: WordPattern): boolean {
  return p.prefix ? form.startsWith(p.text) : form === p.text;
}

/** Whether one of tokenForms(t) matches (checked form by form: this runs for every pattern at every token). */
export function wordMatches(t: Token, p: WordPattern): boolean {
  if (t.kind !== 'word') return false;
  return formMatches(t.norm, p) || (t.stem !== t.norm && formMatches(t.stem, p)) || formMatches(t.bare, p);
}

/** Number of tokens the phrase covers when it matches at `i`, else 0. */
export function phraseAt(tokens: readonly Token[], i: number, p: Phrase): number {
  if (i + p.length > tokens.length) return 0;
  for (let k = 0; k < p.length; k++) if (!wordMatches(tokens[i + k], p[k])) return 0;
  return p.length;
}

export function anyPhraseAt(tokens: readonly Token[], i: number, phrases: readonly Phrase[]): number {
  for (const p of phrases) {
    const n = phraseAt(tokens, i, p);
    if (n > 0) return n;
  }
  return 0;
}

let cached: EventLexicon | null = null;

export function loadEventLexicon(): EventLexicon {
  if (cached) return cached;
  const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8')) as T;
  const rawTriggers = read<{ triggers: RawTrigger[] }>('triggers.json').triggers;
  const words = read<RawWords>('words.json');
  const triggers: TriggerSpec[] = rawTriggers.map((t) => ({
    id: t.id, type: t.type, ...(t.mode ? { mode: t.mode } : {}), qualifiers: t.qualifiers ?? [], roles: t.roles,
    objectPreps: t.objectPreps.map((p) => normalizeForMatch(p)),
    // Longer forms first, so «اتصالاً هاتفياً» wins over a shorter form at the same place.
    forms: t.forms.map(phrase).sort((a, b) => b.length - a.length),
    ...(t.requiresAny ? { requiresAny: { words: t.requiresAny.words.map(phrase), within: t.requiresAny.within } } : {}),
    onlyWithEntity: t.onlyWithEntity ?? false, objectAfter: t.objectAfter ?? false, allActors: t.allActors ?? false,
  }));
  const byFirstWord = new Map<string, TriggerSpec[]>();
  for (const trigger of triggers) {
    for (const form of trigger.forms) {
      const key = form[0].text;
      const list = byFirstWord.get(key) ?? [];
      if (!list.includes(trigger)) list.push(trigger);
      byFirstWord.set(key, list);
    }
  }
  const phrases = (list: string[]): Phrase[] => list.map(phrase);
  cached = {
    triggers, byFirstWord,
    negators: phrases(words.negators), conditionals: phrases(words.conditionals), modalBlockers: phrases(words.modalBlockers),
    futureMarkers: phrases(words.futureMarkers), futurePrefixes: words.futurePrefixes.map((p) => normalizeForMatch(p)), notFutureVerbs: phrases(words.notFutureVerbs),
    agentiveTypes: new Set(words.agentiveTypes), placeTypes: new Set(words.placeTypes),
    patronWords: phrases(words.patronWords), announceVerbs: phrases(words.announceVerbs),
    casualties: (Object.entries(words.casualties) as [CountKind, string[]][]).map(([kind, list]) => [kind, phrases(list)]),
    transferUnits: phrases(words.transferUnits), sideNouns: phrases(words.sideNouns),
    placeHeads: phrases(words.placeHeads), targetHeads: phrases(words.targetHeads), counterparts: phrases(words.counterparts), dualAnaphora: phrases(words.dualAnaphora), subjectPlaceholders: phrases(words.subjectPlaceholders),
    ownForces: phrases(words.ownForces), purposeTypes: new Set(['request', 'consult', 'protest']),
    relativePronouns: phrases(words.relativePronouns), complementizers: phrases(words.complementizers),
  };
  return cached;
}

/** Triggers whose first word could match this token (exact forms, then prefix forms by their prefix). */
export function candidateTriggers(lexicon: EventLexicon, t: Token): readonly TriggerSpec[] {
  const { byFirstWord } = lexicon;
  const byNorm = byFirstWord.get(t.norm);
  const byStem = t.stem === t.norm ? undefined : byFirstWord.get(t.stem);
  const byBare = byFirstWord.get(t.bare);
  // Most tokens start no trigger: no list built for them.
  if (byNorm === undefined && byStem === undefined && byBare === undefined) return NO_TRIGGERS;
  const out: TriggerSpec[] = [];
  for (const specs of [byNorm, byStem, byBare]) for (const spec of specs ?? NO_TRIGGERS) if (!out.includes(spec)) out.push(spec);
  return out;
}

const NO_TRIGGERS: readonly TriggerSpec[] = [];
