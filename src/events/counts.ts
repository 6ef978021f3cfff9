// How many were killed, injured, detained ...: each quantity of a sentence gets the kind its neighbouring words say
// («9 من مقاتليها لقوا حتفهم» killed, «وأصيب 20 آخرون» injured, «سبعة آلاف معتقل» detainees).
// Input: the document view and a sentence. Output: the sentence's counts, and whose people they were when said.
import type { EventCounts, Quantity } from '../document.js';
import type { DocumentView } from './context.js';
import { isBoundary } from './context.js';
import { anyPhraseAt, type CountKind, type EventLexicon } from './lexicon.js';
import { partOfNameAfter } from './modality.js';

const CUE_BEFORE = 3;
const CUE_AFTER = 5;

export interface SentenceCount {
  kind: CountKind | 'people';
  value: number;
  /** Token index of the number. */
  at: number;
  /** «من مقاتليها»: the victims are the sentence's own party (a possessive pronoun on a fighters' noun). */
  ownSide: boolean;
}

/** The counts said in sentence `s`; `people` when a count of detainees or prisoners carries no act of its own. */
export function sentenceCounts(view: DocumentView, s: number, lexicon: EventLexicon): SentenceCount[] {
  const { tokens, sentenceRange, doc } = view;
  const [first, end] = sentenceRange[s];
  if (first >= end) return [];
  const from = tokens[first].start;
  const to = tokens[end - 1].end;
  const out: SentenceCount[] = [];
  for (const q of doc.quantities) {
    if (q.start < from || q.end > to || q.unit === '%' || q.qualifier === 'dozens' || q.qualifier === 'hundreds' || q.qualifier === 'thousands') continue;
    const at = tokenAt(view, q, first, end);
    if (at < 0) continue;
    const kind = countKind(view, at, first, end, lexicon);
    if (!kind) continue;
    out.push({ kind, value: q.value, at, ownSide: ownSide(view, at, end, lexicon) });
  }
  return out;
}

function tokenAt(view: DocumentView, q: Quantity, first: number, end: number): number {
  for (let i = first; i < end; i++) if (view.tokens[i].start >= q.start && view.tokens[i].start < q.end) return i;
  return -1;
}

function countKind(view: DocumentView, at: number, first: number, end: number, lexicon: EventLexicon): CountKind | 'people' | null {
  const { tokens } = view;
  // The nearest cue wins, looking after the number first («20 آخرون» has none after; «أصيب 20» before).
  for (let d = 1; d <= CUE_AFTER; d++) {
    const i = at + d;
    if (i >= end || isBoundary(tokens[i])) break;
    const kind = cueAt(view, i, lexicon);
    if (kind) return kind;
  }
  // Before the number a name counts as one word: «اعتقلت وزارة الداخلية السورية 15» has its cue two words back.
  for (let i = at - 1, words = 0; i >= first && !isBoundary(tokens[i]); i--) {
    if (i === at - 1 || !partOfNameAfter(view, i, lexicon)) words++;
    if (words > CUE_BEFORE) break;
    const kind = cueAt(view, i, lexicon);
    if (kind) return kind;
  }
  for (let d = 1; d <= 2 && at + d < end; d++) if (anyPhraseAt(tokens, at + d, lexicon.transferUnits) > 0) return 'people';
  return null;
}

function cueAt(view: DocumentView, i: number, lexicon: EventLexicon): CountKind | null {
  for (const [kind, phrases] of lexicon.casualties) if (anyPhraseAt(view.tokens, i, phrases) > 0) return kind;
  return null;
}

function ownSide(view: DocumentView, at: number, end: number, lexicon: EventLexicon): boolean {
  const { tokens } = view;
  for (let i = at + 1; i < Math.min(end, at + 3); i++) {
    if (anyPhraseAt(tokens, i, lexicon.sideNouns) > 0 && /(ها|هم)$/.test(tokens[i].norm) && !view.mentionAt[i + 1]) return true;
  }
  return false;
}

/** Adds a sentence count to an event of this type, when the kind fits it (killed and injured go to violence, etc.). */
export function addCount(counts: EventCounts, count: SentenceCount, type: string, qualifiers: readonly string[], mode?: string): boolean {
  const kind = count.kind;
  if ((kind === 'killed' || kind === 'injured') && type === 'assault') return set(counts, kind, count.value);
  if (kind === 'detained' || kind === 'people') {
    if (type === 'coerce' && mode === 'arrest') return set(counts, 'detained', count.value);
    if (type === 'cooperate' && !qualifiers.includes('alliance')) return set(counts, 'transferred', count.value);
    // Detainees released by decision; an arrest count in an escape sentence is about the recaptured, not the escaped.
    if (type === 'retreat' && mode === 'release' && !qualifiers.includes('escape')) return set(counts, 'released', count.value);
    if (type === 'retreat' && mode === 'release' && kind === 'people') return set(counts, 'escaped', count.value);
  }
  if ((kind === 'released' || kind === 'escaped') && type === 'retreat' && mode === 'release') return set(counts, qualifiers.includes('escape') ? 'escaped' : 'released', count.value);
  if (kind === 'displaced') return set(counts, 'displaced', count.value);
  return false;
}

function set(counts: EventCounts, key: keyof EventCounts, value: number): boolean {
  if (counts[key] !== undefined) return false;
  counts[key] = value;
  return true;
}
