// Clitic-aware tokenisation and sentence splitting of Arabic news text.
// Input: published text. Output: Token and Sentence spans with offsets into that text.
import { readFileSync } from 'node:fs';
import type { Sentence, Token } from '../document.js';
import { isIgnorable, normalizeForMatch } from './normalize.js';

interface CliticTable {
  conjunctions: string[];
  prepositions: string[];
  article: string;
  minStemLength: number;
}

const clitics = JSON.parse(readFileSync(new URL('./data/clitics.json', import.meta.url), 'utf8')) as CliticTable;
/** Words whose first letter looks like a proclitic but belongs to the word (وزير، بيان، فرنسا): never peeled. */
const wholeWords = new Set(
  readFileSync(new URL('./data/whole-words.txt', import.meta.url), 'utf8').split('\n').filter((line) => line !== '' && !line.startsWith('#')),
);

type CharClass = 'arabic' | 'mark' | 'digit' | 'latin' | 'space' | 'punct' | 'other';

function classify(c: number): CharClass {
  if (c <= 0x20 || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x202f || c === 0x3000) return 'space';
  if (c >= 0x30 && c <= 0x39) return 'digit';
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f)) return 'latin';
  if (c >= 0x660 && c <= 0x669) return 'digit';
  if (c >= 0x6f0 && c <= 0x6f9) return 'digit';
  if ((c >= 0x64b && c <= 0x65f) || c === 0x670 || c === 0x640 || (c >= 0x6d6 && c <= 0x6ed) || c === 0x200c || c === 0x200d) return 'mark';
  if ((c >= 0x621 && c <= 0x64a) || (c >= 0x66e && c <= 0x6d3) || c === 0x6d5 || (c >= 0x6fa && c <= 0x6ff) || (c >= 0x750 && c <= 0x77f) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefc)) return 'arabic';
  if (c >= 0x600 && c <= 0x6ff) return 'punct';
  if (c < 0x80 || (c >= 0x2010 && c <= 0x206f) || c === 0xab || c === 0xbb) return 'punct';
  return 'other';
}

const NUMBER_SEPARATORS = new Set([',', '.', '\u066B', '\u066C']);

/** Splits text into word, number, Latin and punctuation tokens, peeling proclitics off Arabic words. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const cls = classify(text.charCodeAt(i));
    if (cls === 'space') { i++; continue; }
    const start = i;
    if (cls === 'arabic' || cls === 'mark') {
      i = scanWhile(text, i, (k) => k === 'arabic' || k === 'mark');
      tokens.push(wordToken(text, start, i));
    } else if (cls === 'digit') {
      i = scanNumber(text, i);
      tokens.push(plainToken(text, start, i, 'number'));
    } else if (cls === 'latin') {
      i = scanWhile(text, i, (k) => k === 'latin' || k === 'digit');
      tokens.push(plainToken(text, start, i, 'latin'));
    } else {
      i++;
      tokens.push(plainToken(text, start, i, cls === 'punct' ? 'punct' : 'other'));
    }
  }
  return tokens;
}

function scanWhile(text: string, i: number, ok: (k: CharClass) => boolean): number {
  while (i < text.length && ok(classify(text.charCodeAt(i)))) i++;
  return i;
}

/** Digits with inner thousands or decimal separators ("8,950", "1.5", "٨٬٩٥٠") form one token. */
function scanNumber(text: string, i: number): number {
  i = scanWhile(text, i, (k) => k === 'digit');
  while (i + 1 < text.length && NUMBER_SEPARATORS.has(text[i]) && classify(text.charCodeAt(i + 1)) === 'digit') {
    i = scanWhile(text, i + 1, (k) => k === 'digit');
  }
  return i;
}

function plainToken(text: string, start: number, end: number, kind: Token['kind']): Token {
  const surface = text.slice(start, end);
  const norm = normalizeForMatch(surface);
  return { start, end, text: surface, norm, prefix: '', stem: norm, bare: norm, kind, stemStart: start };
}

function wordToken(text: string, start: number, end: number): Token {
  const surface = text.slice(start, end);
  const norm = normalizeForMatch(surface);
  const { prefix, stem } = peelProclitics(norm);
  const bare = stripArticle(stem);
  return { start, end, text: surface, norm, prefix, stem, bare, kind: 'word', stemStart: start + publishedLength(surface, prefix.length) };
}

/** The one-letter clitics as character codes (a word's first letter is tested for every token). */
const oneLetterCodes = (letters: string[]) => new Set(letters.filter((l) => l.length === 1).map((l) => l.charCodeAt(0)));
const CONJUNCTIONS = oneLetterCodes(clitics.conjunctions);
const PREPOSITIONS = oneLetterCodes(clitics.prepositions);

/**
 * Splits a normalised word into proclitics and stem: "وبالرئيس" → ("وب", "الرئيس"), "للرئاسه" → ("ل", "الرئاسه"),
 * "وبيان" → ("و", "بيان"): a listed whole word (whole-words.txt) is not peeled further.
 */
export function peelProclitics(norm: string): { prefix: string; stem: string } {
  return peel(norm, wholeWords);
}

const NO_WORDS: ReadonlySet<string> = new Set();
/**
 * The peel by letters alone, as the tokeniser did before whole-words.txt ("وزير" → "و" + "زير"). The entity tagger's
 * stem and cluster features keep it: cross-validated on ANERcorp train it scored 77.3 F1 against 76.5 (docs/ner.md).
 */
export function peelByLetters(norm: string): { prefix: string; stem: string } {
  return peel(norm, NO_WORDS);
}

function peel(norm: string, whole: ReadonlySet<string>): { prefix: string; stem: string } {
  let rest = norm;
  let prefix = '';
  if (CONJUNCTIONS.has(rest.charCodeAt(0)) && rest.length - 1 >= clitics.minStemLength + 1 && !whole.has(rest)) {
    prefix += rest[0];
    rest = rest.slice(1);
  }
  if (PREPOSITIONS.has(rest.charCodeAt(0)) && rest.length - 1 >= clitics.minStemLength + 1 && !whole.has(rest)) {
    const preposition = rest[0];
    rest = rest.slice(1);
    prefix += preposition;
    // "ل" before the article drops the article's alef: لل + noun = ل + ال + noun (but للبنان is ل + لبنان).
    if (preposition === 'ل' && rest[0] === 'ل' && rest.length >= 3 && !whole.has(rest)) rest = clitics.article[0] + rest;
  }
  return { prefix, stem: rest };
}

/** The stem without the definite article, when what remains is still a word. */
export function stripArticle(stem: string): string {
  const article = clitics.article;
  return stem.startsWith(article) && stem.length - article.length >= clitics.minStemLength ? stem.slice(article.length) : stem;
}

/** How many published characters carry the first `normalizedCount` letters (tatweel and marks included). */
function publishedLength(surface: string, normalizedCount: number): number {
  if (normalizedCount === 0) return 0;
  let seen = 0;
  for (let i = 0; i < surface.length; i++) {
    if (!isIgnorable(surface[i])) seen++;
    if (seen === normalizedCount) {
      let j = i + 1;
      while (j < surface.length && isIgnorable(surface[j])) j++;
      return j;
    }
  }
  return surface.length;
}

const SENTENCE_END = new Set(['.', '!', '?', '\u061F', '\u06D4', '\n']);
/** SENTENCE_END by character code: the test runs on every character of every text. */
const ENDS_SENTENCE = new Uint8Array(0x10000);
for (const ch of SENTENCE_END) ENDS_SENTENCE[ch.charCodeAt(0)] = 1;
const NEWLINE = 0x0a;

/** Sentence spans: split at . ! ? ؟ and line breaks, not inside initials ("إ.ب.أ") or numbers ("1.5"). */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (ENDS_SENTENCE[text.charCodeAt(i)] === 0 || isInnerDot(text, i)) continue;
    let end = i + 1;
    while (end < text.length && ENDS_SENTENCE[text.charCodeAt(end)] === 1 && text.charCodeAt(end) !== NEWLINE) end++;
    while (end < text.length && /["»”)\]]/.test(text[end])) end++;
    pushTrimmed(text, start, end, sentences);
    start = end;
    i = end - 1;
  }
  pushTrimmed(text, start, text.length, sentences);
  return sentences;
}

/** A dot between digits, or after a single letter that another dot follows closely, does not end a sentence. */
function isInnerDot(text: string, i: number): boolean {
  if (text[i] !== '.') return false;
  const prev = text.charCodeAt(i - 1);
  const next = text.charCodeAt(i + 1);
  if (classify(prev) === 'digit' && classify(next) === 'digit') return true;
  const singleLetterBefore = i >= 1 && classify(prev) === 'arabic' && (i < 2 || !/[\u0621-\u064A]/.test(text[i - 2]));
  const letterAfter = i + 1 < text.length && classify(next) === 'arabic' && (text[i + 2] === '.' || text[i + 2] === ')' || text[i + 2] === undefined);
  return singleLetterBefore && letterAfter;
}

function pushTrimmed(text: string, start: number, end: number, out: Sentence[]): void {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (end > start) out.push({ start, end });
}
