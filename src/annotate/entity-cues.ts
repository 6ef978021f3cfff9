// Contextual cues for entities the knowledge base lacks: person titles, organisation/facility/place head nouns.
// Input: document tokens and the cue lexicon (data/entity-cues.json, data/first-names.txt). Output: name token ranges.
import { readFileSync } from 'node:fs';
import { normalizeForMatch } from '../arabic/normalize.js';
import type { Token } from '../document.js';
import type { KnowledgeBase } from '../kb/kb.js';
import { isQuote, isWord } from './kb-match.js';

interface CueTable {
  rankTitles: string[];
  relationTitles: string[];
  occupationTitles: string[];
  officeTitles: string[];
  organizationHeads: string[];
  riskyOrganizationHeads: string[];
  facilityHeads: string[];
  locationHeads: string[];
  nameJoiners: string[];
  functionWords: string[];
  nisbaExceptions: string[];
  droppedOrganizationHeads: string[];
  droppedLocationHeads: string[];
  nameParticles: string[];
  kunyaWords: string[];
  titleLinks: string[];
  verbalNounHeads: string[];
  institutionHeads: string[];
  ministryHeads: string[];
}

/** What a word before a name says about it; see `personAfterTitle` in entities.ts. */
export type PersonCue = 'rank' | 'relation' | 'occupation' | 'office' | 'kunya';

export interface Cues {
  /** Every person cue word in one lookup (the entity scan asks for each token); rank wins over office ("المبعوث"). */
  personCues: Map<string, PersonCue>;
  /** Every droppable head with the type of the name it introduces. */
  droppedHeads: Map<string, 'organization' | 'location'>;
  rankTitles: Set<string>;
  officeTitles: Set<string>;
  organizationHeads: Set<string>;
  riskyOrganizationHeads: Set<string>;
  facilityHeads: Set<string>;
  locationHeads: Set<string>;
  nameJoiners: Set<string>;
  functionWords: Set<string>;
  nisbaExceptions: Set<string>;
  /** Second halves of compound first names ("نور الدين", "فضل الله"). */
  nameParticles: Set<string>;
  /** "باسم" in "المتحدث باسم": links a title to its complement (and is the first name Basim elsewhere). */
  titleLinks: Set<string>;
  /** Heads that are also verbal nouns ("تنظيم الانتخابات" = organising): only a quoted name follows them. */
  verbalNounHeads: Set<string>;
  /** Heads of national institutions whose name without a nationality is generic ("وزارة الداخلية", "مجلس النواب"). */
  institutionHeads: Set<string>;
  /** Heads whose unqualified names are never minted: every country has a "وزارة الزراعة". */
  ministryHeads: Set<string>;
  firstNames: Set<string>;
  commonWords: ReadonlySet<string>;
}

const normalizedSet = (words: string[]) => new Set(words.map(normalizeForMatch));

/** One map from several word lists; a word keeps the value of the first list that holds it. */
function firstListWins<V>(lists: [string[], V][]): Map<string, V> {
  const map = new Map<string, V>();
  for (const [words, value] of lists) {
    for (const word of words) {
      const form = normalizeForMatch(word);
      if (!map.has(form)) map.set(form, value);
    }
  }
  return map;
}

const cuesByKb = new WeakMap<KnowledgeBase, Cues>();

/** The cue lexicon for `kb`, read once and shared by the entity stage, the tagger's features and the evaluation. */
export function loadCues(kb: KnowledgeBase): Cues {
  let cues = cuesByKb.get(kb);
  if (!cues) cuesByKb.set(kb, (cues = readCues(kb)));
  return cues;
}

function readCues(kb: KnowledgeBase): Cues {
  const raw = JSON.parse(readFileSync(new URL('./data/entity-cues.json', import.meta.url), 'utf8')) as CueTable;
  const firstNames = readFileSync(new URL('./data/first-names.txt', import.meta.url), 'utf8').split('\n').filter(Boolean);
  return {
    personCues: firstListWins<PersonCue>([
      [raw.rankTitles, 'rank'], [raw.relationTitles, 'relation'], [raw.occupationTitles, 'occupation'],
      [raw.officeTitles, 'office'], [raw.kunyaWords, 'kunya'],
    ]),
    droppedHeads: firstListWins<'organization' | 'location'>([
      [raw.droppedOrganizationHeads, 'organization'], [raw.droppedLocationHeads, 'location'], [raw.locationHeads, 'location'],
    ]),
    rankTitles: normalizedSet(raw.rankTitles),

    officeTitles: normalizedSet(raw.officeTitles),
    organizationHeads: normalizedSet(raw.organizationHeads),
    riskyOrganizationHeads: normalizedSet(raw.riskyOrganizationHeads),
    facilityHeads: normalizedSet(raw.facilityHeads),
    locationHeads: normalizedSet(raw.locationHeads),
    nameJoiners: normalizedSet(raw.nameJoiners),
    functionWords: normalizedSet(raw.functionWords),
    nisbaExceptions: normalizedSet(raw.nisbaExceptions),
    nameParticles: normalizedSet(raw.nameParticles),
    titleLinks: normalizedSet(raw.titleLinks),
    verbalNounHeads: normalizedSet(raw.verbalNounHeads),
    institutionHeads: normalizedSet(raw.institutionHeads),
    ministryHeads: normalizedSet(raw.ministryHeads),
    firstNames: normalizedSet(firstNames),
    commonWords: kb.commonWords,
  };
}

/** A token range [start, end) of name tokens, plus the span offsets in the text. */
export interface NameRange {
  firstToken: number;
  endToken: number;
  /** The first token is part of the name with its apparent proclitics ("بلودان" is not ب + لودان). */
  wholeFirst?: boolean;
}

export function isFunctionWord(t: Token, cues: Cues): boolean {
  return cues.functionWords.has(t.norm) || cues.functionWords.has(t.stem);
}

export function isCommonWord(t: Token, cues: Cues): boolean {
  return cues.commonWords.has(t.stem) || cues.commonWords.has(t.norm);
}

/** "السوري", "الأميركية": relation adjectives describe, they do not name. */
export function isNisba(t: Token, cues: Cues): boolean {
  return t.stem.startsWith('ال') && /(ي|يه|يين|يون)$/.test(t.stem) && !cues.nisbaExceptions.has(t.stem);
}

/**
 * A head noun in construct state (no article), e.g. "سجن" in "وسجن غويران": the text offset where the head
 * starts, or null. The whole word is tried first, since peeling is a guess ("بلدة" is not ب + لدة).
 */
export function headAt(t: Token | undefined, heads: Set<string>): number | null {
  if (!isWord(t)) return null;
  if (heads.has(t.norm)) return t.start;
  if (!t.stem.startsWith('ال') && heads.has(t.stem)) return t.stemStart;
  return null;
}

/** Could this token start a personal name? A known first name counts whole ("كريم" is not ك + ريم). */
function nameStart(t: Token | undefined, cues: Cues): t is Token {
  if (!isWord(t) || isFunctionWord(t, cues)) return false;
  if (cues.titleLinks.has(t.norm)) return false;
  if (cues.firstNames.has(t.norm)) return true;
  if (t.prefix !== '') return false;
  return !isCommonWord(t, cues) && !isNisba(t, cues) && !readsAsFutureVerb(t, cues) && t.norm.length >= 3;
}

/** "سيزور", "ستعقد": the future particle س on a frequent present-tense verb, not a name. */
function readsAsFutureVerb(t: Token, cues: Cues): boolean {
  return t.norm.startsWith('س') && 'يتنا'.includes(t.norm[1]) && cues.commonWords.has(t.norm.slice(1));
}

/** The personal name starting at token `k`: a first word plus up to two more (joiners like "بن" pull in the next). */
export function personNameAt(tokens: Token[], k: number, cues: Cues, minTokens: number): NameRange | null {
  if (!nameStart(tokens[k], cues)) return null;
  let end = k + 1;
  while (end < tokens.length && end - k < 3) {
    const t = tokens[end];
    if (!isWord(t) || isFunctionWord(t, cues) || !plainContinuation(t, cues)) break;
    if (cues.nameJoiners.has(t.norm) && isWord(tokens[end + 1])) {
      end += 2;
      continue;
    }
    // "نور الدين", "فضل الله": the particle completes the first name, it is no common word here.
    if (end === k + 1 && cues.nameParticles.has(t.norm)) {
      end++;
      continue;
    }
    if (isCommonWord(t, cues) && !cues.firstNames.has(t.norm) && !commonSurnameAt(tokens, k, end, cues)) break;
    end++;
  }
  if (end - k < minTokens) return null;
  return tokens[k].prefix !== '' ? { firstToken: k, endToken: end, wholeFirst: true } : { firstToken: k, endToken: end };
}

/**
 * "نبيه بري الاثنين", "سامر خليل إن": a common word right after a known first name is the surname
 * when the name ends there (a function word, a weekday or punctuation follows).
 */
function commonSurnameAt(tokens: Token[], k: number, end: number, cues: Cues): boolean {
  if (end !== k + 1 || !cues.firstNames.has(tokens[k].norm) || tokens[end].prefix !== '') return false;
  const after = tokens[end + 1];
  return !isWord(after) || isFunctionWord(after, cues);
}

/** A word that continues a name: no clitic, or a "clitic" that belongs to the name ("ويلسون", not "وأحمد" = and Ahmad). */
function plainContinuation(t: Token, cues: Cues): boolean {
  if (t.prefix === '') return true;
  return !isCommonWord(t, cues) && !cues.commonWords.has(t.stem) && !cues.firstNames.has(t.stem);
}

/**
 * Name tokens after an organisation, facility or place head: a quoted phrase, or definite/non-common words.
 * For a `placeName`, a first word that merely looks like clitic + rare stem is taken whole ("بلدة بلودان").
 */
export function headComplementAt(tokens: Token[], k: number, cues: Cues, maxTokens: number, placeName = false): NameRange | null {
  if (isQuote(tokens[k])) {
    let end = k + 1;
    while (end < tokens.length && isWord(tokens[end]) && end - k <= 4) end++;
    return end > k + 1 && isQuote(tokens[end]) ? { firstToken: k, endToken: end + 1 } : null;
  }
  let end = k;
  while (end < tokens.length && end - k < maxTokens) {
    const t = tokens[end];
    const cliticLike = t.prefix !== '' && !(placeName && end === k && !isCommonWord(t, cues));
    if (!isWord(t) || cliticLike || isFunctionWord(t, cues)) break;
    // An indefinite common word may open a name ("تل الصخر") but not continue one ("سجن كبير"),
    // and a first name starts the next name ("مجلس النواب نبيه …").
    if (end > k && !t.stem.startsWith('ال') && (isCommonWord(t, cues) || cues.firstNames.has(t.norm))) break;
    // After a definite word only agreeing definite words follow ("وزارة الداخلية السورية", not "… جاهزيتها").
    if (end > k && tokens[end - 1].stem.startsWith('ال') && !t.stem.startsWith('ال')) break;
    end++;
  }
  if (end === k) return null;
  return tokens[k].prefix !== '' ? { firstToken: k, endToken: end, wholeFirst: true } : { firstToken: k, endToken: end };
}

/** An indefinite word shaped like a relation adjective ("ميداني", "مفصلية", "إرهابية", accusative "ميدانياً"). */
function nisbaShaped(t: Token): boolean {
  return t.norm.length > 3 && (/(ي|يه)$/.test(t.norm) || /ي(\u064Bا|ا\u064B)$/.test(t.text));
}

/**
 * An indefinite adjective or common word after a head describes it ("مخيم عشوائي", "لجنة مشتركة تعقد …"):
 * such a word only opens a name in a construct with a definite word ("تل الصخر", "عين الأسد"), or, where
 * `rareSecondWord` allows (places, facilities), with a rare word that is no adjective ("خان أرنبة",
 * "محطة مياه علوك", but not "محطة تُعدّ مفصلية").
 */
export function describesHead(tokens: Token[], range: NameRange, cues: Cues, rareSecondWord: boolean): boolean {
  const { firstToken: k, endToken: end } = range;
  const first = tokens[k];
  if (first.stem.startsWith('ال')) return false;
  if (!isCommonWord(first, cues) && !nisbaShaped(first)) return false;
  const second = end > k + 1 ? tokens[k + 1] : undefined;
  if (!second) return true;
  if (second.stem.startsWith('ال')) return false;
  return !(rareSecondWord && !isCommonWord(second, cues) && !nisbaShaped(second));
}

/** Whether the range holds a definite word: names after risky heads are constructs ("لواء صقور الشام"). */
export function hasDefiniteWord(tokens: Token[], range: NameRange): boolean {
  for (let k = range.firstToken; k < range.endToken; k++) {
    if (isWord(tokens[k]) && tokens[k].stem.startsWith('ال')) return true;
  }
  return false;
}

/** Whether some word of the range is not a frequent word (so the phrase is a name, not a description). */
export function hasRareWord(tokens: Token[], range: NameRange, cues: Cues): boolean {
  for (let k = range.firstToken; k < range.endToken; k++) {
    if (isWord(tokens[k]) && !isCommonWord(tokens[k], cues)) return true;
  }
  return false;
}

export function isRankTitle(t: Token | undefined, cues: Cues): boolean {
  return isWord(t) && (cues.rankTitles.has(t.norm) || cues.rankTitles.has(t.stem));
}

/** The value a cue map gives the token, whole or without its proclitics. */
export function cueOf<V>(t: Token | undefined, cues: Map<string, V>): V | undefined {
  if (!isWord(t)) return undefined;
  return cues.get(t.norm) ?? cues.get(t.stem);
}

export function isOfficeTitle(t: Token | undefined, cues: Cues): boolean {
  return isWord(t) && (cues.officeTitles.has(t.norm) || cues.officeTitles.has(t.stem));
}
