// Whether a trigger states something that happened: negation, denial, conditions, questions, and frames such as
// «تسهيل فرار» or «اتهم ... بإطلاق سراح» that embed an act without asserting it (docs/events.md, "Not events").
// Input: the document view, the trigger's token range. Output: a reason to drop it, or null; and whether it is planned.
import type { Token } from '../document.js';
import type { DocumentView } from './context.js';
import { isBoundary } from './context.js';
import { anyPhraseAt, type EventLexicon, type TriggerSpec } from './lexicon.js';

const NEGATION_WINDOW = 3;
const BLOCKER_WINDOW = 5;
const CONDITION_WINDOW = 12;
const FUTURE_WINDOW = 4;

export type DropReason = 'negated' | 'conditional' | 'question' | 'embedded';

export function dropReason(view: DocumentView, first: number, spec: TriggerSpec, lexicon: EventLexicon): DropReason | null {
  const { tokens, sentenceRange, sentenceOf } = view;
  const [sentenceFirst, sentenceEnd] = sentenceRange[sentenceOf[first]];
  const last = tokens[sentenceEnd - 1];
  if (last && last.text === '؟') return 'question';
  // Negators and framing words act within their clause; a condition («إذا ...») reaches over commas. A name counts as
  // one word (with a place head before it) for the negation and framing windows: «لم تشهد مدينة الحسكة اشتباكات» is as
  // near as «لم تشهد اشتباكات».
  let sameClause = true;
  let words = 0;
  for (let i = first - 1, n = 0; i >= sentenceFirst && n < CONDITION_WINDOW; i--, n++) {
    if (isBoundary(tokens[i])) break;
    if (tokens[i].text === '،' || tokens[i].text === ',') sameClause = false;
    if (!partOfNameAfter(view, i, lexicon)) words++;
    if (sameClause && words <= NEGATION_WINDOW && anyPhraseAt(tokens, i, lexicon.negators) > 0) return 'negated';
    if (sameClause && words <= BLOCKER_WINDOW && anyPhraseAt(tokens, i, lexicon.modalBlockers) > 0) return 'embedded';
    if (anyPhraseAt(tokens, i, lexicon.conditionals) > 0) return 'conditional';
  }
  // «للمطالبة بعودة المهجرين»: a demand named as a purpose is not a demand made.
  const head = tokens[first];
  if (head.prefix.endsWith('ل') && head.stem.startsWith('ال') && lexicon.purposeTypes.has(spec.type)) return 'embedded';
  return null;
}

/** Whether token i belongs with the next one to one name: the same mention, or a place head before one («مدينة الحسكة»). */
export function partOfNameAfter(view: DocumentView, i: number, lexicon: EventLexicon): boolean {
  const next = view.mentionAt[i + 1];
  if (next === undefined) return false;
  return view.mentionAt[i] === next || (view.mentionAt[i] === undefined && anyPhraseAt(view.tokens, i, lexicon.placeHeads) === 1);
}

/** «سيجتمع», «ستبدأ»: the future prefix س on an imperfective verb of at least three root letters. */
function isFutureVerb(t: Token, lexicon: EventLexicon): boolean {
  if (t.kind !== 'word' || t.stem.length < 5) return false;
  if (!lexicon.futurePrefixes.some((p) => t.stem.startsWith(p))) return false;
  return anyPhraseAt([t], 0, lexicon.notFutureVerbs) === 0;
}

/** Announced for the future: a future verb form, or a future marker right around the trigger. */
export function isPlanned(view: DocumentView, first: number, end: number, lexicon: EventLexicon): boolean {
  const { tokens, sentenceRange, sentenceOf } = view;
  if (isFutureVerb(tokens[first], lexicon)) return true;
  const [sentenceFirst, sentenceEnd] = sentenceRange[sentenceOf[first]];
  for (let i = Math.max(sentenceFirst, first - FUTURE_WINDOW); i < Math.min(sentenceEnd, end + FUTURE_WINDOW); i++) {
    if (i >= first && i < end) continue;
    const t = tokens[i];
    if (t.kind !== 'word') continue;
    // A future verb («سيصدر», «ستبدأ») governing the trigger, or a marker word («غداً», «المقبل», «خطة»).
    if (i < first && isFutureVerb(t, lexicon)) return true;
    if (anyPhraseAt(tokens, i, lexicon.futureMarkers) > 0) return true;
  }
  return false;
}
