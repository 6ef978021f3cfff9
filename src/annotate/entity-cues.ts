// Contextual cues for entities the knowledge base lacks: person titles, organisation/facility/place head nouns.
// Input: document tokens and the cue lexicon (data/entity-cues.json, data/first-names.txt). Output: name token ranges.
import { readFileSync } from 'node:fs';
import { normalizeForMatch } from '../arabic/normalize.js';
import type { Token } from '../document.js';
import type { KnowledgeBase } from '../kb/kb.js';
import { isQuote, isWord } from './kb-match.js';

interface CueTable {
  rankTitles: string[];
  officeTitles: string[];
  organizationHeads: string[];
  riskyOrganizationHeads: string[];
  facilityHeads: string[];
  locationHeads: string[];
  nameJoiners: string[];
  functionWords: string[];
  nisbaExceptions: string[];
}

export interface Cues {
  rankTitles: Set<string>;
  officeTitles: Set<string>;
  organizationHeads: Set<string>;
  riskyOrganizationHeads: Set<string>;
  facilityHeads: Set<string>;
  locationHeads: Set<string>;
  nameJoiners: Set<string>;
  functionWords: Set<string>;
  nisbaExceptions: Set<string>;
  firstNames: Set<string>;
  commonWords: ReadonlySet<string>;
}

const normalizedSet = (words: string[]) => new Set(words.map(normalizeForMatch));

export function loadCues(kb: KnowledgeBase): Cues {
  const raw = JSON.parse(readFileSync(new URL('./data/entity-cues.json', import.meta.url), 'utf8')) as CueTable;
  const firstNames = readFileSync(new URL('./data/first-names.txt', import.meta.url), 'utf8').split('\n').filter(Boolean);
  return {
    rankTitles: normalizedSet(raw.rankTitles),
    officeTitles: normalizedSet(raw.officeTitles),
    organizationHeads: normalizedSet(raw.organizationHeads),
    riskyOrganizationHeads: normalizedSet(raw.riskyOrganizationHeads),
    facilityHeads: normalizedSet(raw.facilityHeads),
    locationHeads: normalizedSet(raw.locationHeads),
    nameJoiners: normalizedSet(raw.nameJoiners),
    functionWords: normalizedSet(raw.functionWords),
    nisbaExceptions: normalizedSet(raw.nisbaExceptions),
    firstNames: normalizedSet(firstNames),
    commonWords: kb.commonWords,
  };
}

/** A token range [start, end) of name tokens, plus the span offsets in the text. */
export interface NameRange {
  firstToken: number;
  endToken: number;
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

/** Could this token start a personal name? */
function nameStart(t: Token | undefined, cues: Cues): t is Token {
  if (!isWord(t) || t.prefix !== '' || isFunctionWord(t, cues)) return false;
  if (cues.firstNames.has(t.norm)) return true;
  return !isCommonWord(t, cues) && !isNisba(t, cues) && t.norm.length >= 3;
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
    if (isCommonWord(t, cues) && !cues.firstNames.has(t.norm)) break;
    end++;
  }
  return end - k >= minTokens ? { firstToken: k, endToken: end } : null;
}

/** A word that continues a name: no clitic, or a "clitic" that belongs to the name ("ويلسون", not "وأحمد" = and Ahmad). */
function plainContinuation(t: Token, cues: Cues): boolean {
  if (t.prefix === '') return true;
  return !isCommonWord(t, cues) && !cues.commonWords.has(t.stem) && !cues.firstNames.has(t.stem);
}

/** Name tokens after an organisation or facility head: a quoted phrase, or definite/non-common words. */
export function headComplementAt(tokens: Token[], k: number, cues: Cues, maxTokens: number): NameRange | null {
  if (isQuote(tokens[k])) {
    let end = k + 1;
    while (end < tokens.length && isWord(tokens[end]) && end - k <= 4) end++;
    return end > k + 1 && isQuote(tokens[end]) ? { firstToken: k, endToken: end + 1 } : null;
  }
  let end = k;
  while (end < tokens.length && end - k < maxTokens) {
    const t = tokens[end];
    if (!isWord(t) || t.prefix !== '' || isFunctionWord(t, cues)) break;
    // An indefinite common word may open a name ("تل الصخر") but not continue one ("سجن كبير").
    if (end > k && !t.stem.startsWith('ال') && isCommonWord(t, cues)) break;
    end++;
  }
  return end > k ? { firstToken: k, endToken: end } : null;
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

export function isOfficeTitle(t: Token | undefined, cues: Cues): boolean {
  return isWord(t) && (cues.officeTitles.has(t.norm) || cues.officeTitles.has(t.stem));
}
