// Stage: finds quantities (digits, number words, vague plurals) with their qualifier and counted noun.
// Input: a Document whose `times` are already filled (their numbers are not counts). Output: the Document with `quantities`.
import type { Document, Quantity, QuantityQualifier, Span, Token } from '../document.js';
import { overlaps } from '../document.js';
import { tokenize } from '../arabic/tokenize.js';
import { timeWords } from '../arabic/calendar.js';
import { isNotUnit, isNumberWord, readCardinal, readPercent, readQualifier, readVaguePlural } from '../arabic/numbers.js';

/** A number read at a token position: tokens [first, end) and what they say. */
interface NumberAt {
  end: number;
  value: number;
  qualifier?: QuantityQualifier;
}

export function annotateQuantities(doc: Document): Document {
  const tokens = doc.tokens.length > 0 ? doc.tokens : tokenize(doc.text);
  const quantities: Quantity[] = [];
  for (let i = 0; i < tokens.length; ) {
    const qualifier = readQualifier(tokens, i);
    const counted = qualifier ? readNumberAt(tokens, i + qualifier.length) : null;
    const first = counted ? i + qualifier!.length : i;
    const number = counted ?? readNumberAt(tokens, i);
    if (!number || !isCount(doc.times, tokens, first, number.end)) {
      i++;
      continue;
    }
    const percent = readPercent(tokens, number.end);
    const end = number.end + percent;
    const start = spanStart(tokens[i]);
    const quantity: Quantity = { start, end: tokens[end - 1].end, text: '', value: number.value };
    quantity.text = doc.text.slice(quantity.start, quantity.end);
    const unit = percent > 0 ? '%' : countedNoun(tokens, end);
    if (unit) quantity.unit = unit;
    const said = counted ? qualifier!.qualifier : number.qualifier;
    if (said) quantity.qualifier = said;
    quantities.push(quantity);
    i = end;
  }
  return { ...doc, quantities };
}

/**
 * A cardinal, or a vague plural alone. Vague plurals ("عشرات", "مئات", "آلاف") get their lower bound
 * (10, 100, 1000) as value and say so in the qualifier, so sums and comparisons stay conservative.
 */
function readNumberAt(tokens: readonly Token[], i: number): NumberAt | null {
  const cardinal = readCardinal(tokens, i);
  if (cardinal) return cardinal;
  const vague = tokens[i] ? readVaguePlural(tokens[i]) : null;
  return vague ? { end: i + 1, value: vague.value, qualifier: vague.qualifier } : null;
}

/** Numbers inside a time expression, years after "عام", and digits glued to Latin ("F-16") are not counts. */
function isCount(times: readonly Span[], tokens: readonly Token[], first: number, end: number): boolean {
  const span = { start: tokens[first].start, end: tokens[end - 1].end };
  if (times.some((t) => overlaps(t, span))) return false;
  const tok = tokens[first];
  const before = tokens[first - 1];
  if (tok.kind === 'number' && before) {
    const isYear = /^\d{4}$/.test(tok.norm) && Number(tok.norm) >= 1900 && Number(tok.norm) <= 2100;
    if (isYear && (timeWords.yearWords.has(before.norm) || timeWords.yearWords.has(before.stem))) return false;
    if (gluedToLatin(tokens, first)) return false;
  }
  // "واحد" after a noun is an adjective ("في وقت واحد", "مرة واحدة"), not a count.
  const adjectivalOne = end === first + 1 && tok.kind === 'word' && before?.kind === 'word' && readCardinal(tokens, first)?.value === 1;
  return !adjectivalOne;
}

function gluedToLatin(tokens: readonly Token[], i: number): boolean {
  const prev = tokens[i - 1];
  if (!prev || prev.end !== tokens[i].start) return false;
  if (prev.kind === 'latin') return true;
  const beforeDash = tokens[i - 2];
  return prev.text === '-' && beforeDash !== undefined && beforeDash.kind === 'latin' && beforeDash.end === prev.start;
}

/** Spans leave out proclitics of their first word ("وثلاثة" → "ثلاثة"). */
function spanStart(tok: Token): number {
  return tok.kind === 'word' && tok.prefix ? tok.stemStart : tok.start;
}

/** The noun counted, as written: the word after the number, or after "من" ("9 من مقاتليها"). */
function countedNoun(tokens: readonly Token[], i: number): string | undefined {
  let tok = tokens[i];
  if (tok && tok.norm === 'من') tok = tokens[i + 1];
  if (!tok || tok.kind !== 'word' || isNotUnit(tok) || isNumberWord(tok)) return undefined;
  return tok.text;
}
