// Recognises site furniture lines (share, read more, app promos, headers, markers) and photo captions.
// Input: one line of a page. Output: the reason it is furniture, or null; whether it closes with a photo credit.
import { readFileSync } from 'node:fs';
import { normalizeForMatch } from '../arabic/normalize.js';

export interface BoilerplateData {
  exact: Record<string, string[]>;
  prefix: Record<string, string[]>;
  readAlso: string[];
  maxWordsForReadAlsoHeadline: number;
  contains: Record<string, string[]>;
  maxWordsForPrefix: number;
  maxWordsForContains: number;
  photoCredits: string[];
  datelineWords: string[];
  outlets: string[];
  bylineCues: string[];
}

export const boilerplateData = JSON.parse(
  readFileSync(new URL('./data/boilerplate.json', import.meta.url), 'utf8'),
) as BoilerplateData;
const data = boilerplateData;

/** Matching form of a line: normalised, spaces collapsed, punctuation and symbols trimmed off both ends. */
export function matchKey(line: string): string {
  const s = normalizeForMatch(line).replace(/\s+/g, ' ');
  // Trimmed by hand: an end-anchored regex would rescan long lines from every position.
  let start = 0;
  let end = s.length;
  while (start < end && !LETTER_OR_DIGIT.test(s[start])) start++;
  while (end > start && !LETTER_OR_DIGIT.test(s[end - 1])) end--;
  return s.slice(start, end);
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Whether a UTF-16 code unit is whitespace as the regex class \s has it. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f ||
    c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** line.trim().split(/\s+/).length (0 for a blank line), counted without building the words: every line asks. */
export function wordCount(line: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const space = isSpace(line.charCodeAt(i));
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

/** Closing quotes and brackets that may follow a sentence's final mark. */
const TRAILING_CLOSERS = /[\s»"'”’)\]]+$/u;
/** Marks that end a sentence (or announce what follows), so the line is body text, not a heading. */
const SENTENCE_END = /[.،,:;؛…]$/u;

export function endsWithSentencePunctuation(line: string): boolean {
  return SENTENCE_END.test(line.replace(TRAILING_CLOSERS, ''));
}

/** Credits compare without dots and spaces, so "أ.ف.ب", "أ ف ب" and "ا ف ب" are one name. */
export const creditForm = (s: string): string => matchKey(s).replace(/[.\s·]/g, '');

const exactReasons = new Map<string, string>();
for (const [reason, phrases] of Object.entries(data.exact)) {
  for (const phrase of phrases) exactReasons.set(matchKey(phrase), reason);
}
const prefixRules = Object.entries(data.prefix).flatMap(([reason, phrases]) =>
  phrases.map((phrase) => ({ reason, key: normalizeForMatch(phrase).trim() })),
);
const containsRules = Object.entries(data.contains).flatMap(([reason, phrases]) =>
  phrases.map((phrase) => ({ reason, key: normalizeForMatch(phrase).trim() })),
);
const readAlsoKeys = data.readAlso.map((phrase) => normalizeForMatch(phrase).trim());
const markerKeys = new Set((data.exact.marker ?? []).map(matchKey));
const credits = new Set(data.photoCredits.map(creditForm));
const datelineWords = new Set(data.datelineWords.map((w) => normalizeForMatch(w)));

/** Digits with time and date separators: "14", "2026", "09:30", "14/01/2026". */
const NUMERIC_TOKEN = /^[0-9][0-9:/.\-]*$/;
const MAX_DATELINE_WORDS = 10;

/** A line that is only a date or a time ("الأربعاء 14 كانون الثاني 2026", "آخر تحديث: 09:30"), printed by the page, not written. */
export function isDateline(line: string): boolean {
  // Most lines are prose. Without a digit no word makes the line dated; a line of more than twice a dateline's words
  // would need a dozen lone separators ("|") to come down to one, and reading such a line as text loses nothing.
  if (!/[0-9]/.test(line) || wordCount(line) > 2 * MAX_DATELINE_WORDS + 1) return false;
  const words = normalizeForMatch(line).replace(/[:،,|]/g, (m) => (m === ':' ? ':' : ' ')).split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > MAX_DATELINE_WORDS) return false;
  let dated = false;
  for (const word of words) {
    const bare = word.replace(/:$/, '');
    if (NUMERIC_TOKEN.test(bare)) dated = true;
    else if (!datelineWords.has(bare)) return false;
  }
  return dated;
}

/** Separators between a "read also" phrase and its headline: "اقرأ أيضاً: …", "اقرأ أيضاً - …". */
const READ_ALSO_SEPARATOR = /^[\s:：\-–—|«»"]+/u;

/**
 * What follows a "read also" phrase at the start of a line: "" when the phrase stands alone (its headline is on the
 * next line), the headline when glued or attached to it ("إقرأ أيضاالأمن الداخلي …"), or null for other lines.
 */
export function readAlsoRemainder(line: string): string | null {
  // The phrases are short: a line whose normalised opening matches none of them is done without normalising it all.
  if (line.length > READ_ALSO_PROBE) {
    const opening = normalizeForMatch(line.slice(0, READ_ALSO_PROBE)).replace(/\s+/g, ' ').trim();
    if (opening.length > LONGEST_READ_ALSO && !readAlsoKeys.some((key) => opening.startsWith(key))) return null;
  }
  const normalized = normalizeForMatch(line).replace(/\s+/g, ' ').trim();
  for (const key of readAlsoKeys) {
    if (!normalized.startsWith(key)) continue;
    const remainder = normalized.slice(key.length).replace(READ_ALSO_SEPARATOR, '');
    return matchKey(remainder) ? remainder : '';
  }
  return null;
}

/** Characters of a line normalised to look for a "read also" phrase at its start, and the longest phrase. */
const READ_ALSO_PROBE = 64;
const LONGEST_READ_ALSO = Math.max(...readAlsoKeys.map((key) => key.length));

/** A linked headline: a few words, not a sentence (a real paragraph after "اقرأ أيضاً" is kept). */
export function isReadAlsoHeadline(line: string): boolean {
  const words = wordCount(line);
  return words > 0 && words <= data.maxWordsForReadAlsoHeadline && !endsWithSentencePunctuation(line);
}

/** The furniture category of a line ("share", "read-more", "marker", "related-header", …), or null for content. */
export function furnitureReason(line: string, key: string = matchKey(line)): string | null {
  if (!key) return 'marker';
  const exact = exactReasons.get(key);
  if (exact) return exact;
  if (isDateline(line)) return 'dateline';
  const readAlso = readAlsoRemainder(line);
  if (readAlso !== null && (readAlso === '' || isReadAlsoHeadline(readAlso))) return 'read-also';
  const words = wordCount(line);
  if (words > data.maxWordsForPrefix && words > data.maxWordsForContains) return null;
  const normalized = normalizeForMatch(line).trim();
  if (words <= data.maxWordsForPrefix) {
    for (const rule of prefixRules) if (normalized.startsWith(rule.key)) return rule.reason;
  }
  if (words <= data.maxWordsForContains) {
    for (const rule of containsRules) if (normalized.includes(rule.key)) return rule.reason;
  }
  return null;
}

/** A layout marker printed under a photo ("TT", "play-circle"); not a blank or punctuation-only line. */
export function isLayoutMarker(line: { key: string; reason?: string } | undefined): boolean {
  return !!line && line.reason === 'marker' && markerKeys.has(line.key);
}

/** The line without layout markers stuck to its end ("… (أ.ب) play-circle" → "… (أ.ب)"). */
export function stripTrailingMarkers(line: string): string {
  // Most lines end on a word that is no marker and have single spaces: then the answer is the line itself.
  const trimmed = line.trim();
  const lastSpace = trimmed.lastIndexOf(' ');
  if (!SPACING_TO_COLLAPSE.test(trimmed) && !markerKeys.has(matchKey(trimmed.slice(lastSpace + 1)))) return trimmed;
  const words = trimmed.split(/\s+/);
  while (words.length > 1 && markerKeys.has(matchKey(words[words.length - 1]))) words.pop();
  return words.join(' ');
}

/** Whitespace that split-and-join would change: a run of two or more, or any other than a plain space. */
const SPACING_TO_COLLAPSE = /\s\s|[^\S ]/;

/** A closing parenthetical with no punctuation after it: "… (رويترز - أرشيفية)". */
const CLOSING_PARENTHETICAL = /\(([^()]{1,60})\)$/;

/** What a line's closing parenthetical holds, if it has one: its text and whether it names a photo credit. */
export function closingParenthetical(line: string): { inner: string; isCredit: boolean } | null {
  const match = CLOSING_PARENTHETICAL.exec(stripTrailingMarkers(line));
  if (!match) return null;
  const inner = match[1].trim();
  const parts = inner.split(/\s*[-–—/،,]\s*/).filter(Boolean);
  const isCredit = parts.some((part) => credits.has(creditForm(part)) || matchKey(part).startsWith('ارشيف'));
  return { inner, isCredit };
}
