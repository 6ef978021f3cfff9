// Splits a page into lines and gives each a kind: furniture, marker, caption, byline, heading or paragraph.
// Input: the page text. Output: PageLine[] (non-empty lines only, trimmed, as published).
import { closingParenthetical, furnitureReason, matchKey, wordCount } from './boilerplate.js';

export type LineKind = 'furniture' | 'related-header' | 'caption' | 'byline' | 'heading' | 'paragraph';

export interface PageLine {
  /** The line as published, without surrounding whitespace. */
  text: string;
  /** Matching form used for every comparison (repeats, titles, phrases). */
  key: string;
  kind: LineKind;
  /** Why a furniture or caption line goes ("share", "caption", …). */
  reason?: string;
}

/** Titles and section headings are short; longer lines are body text even without final punctuation. */
const MAX_HEADING_WORDS = 22;
/** A byline such as «الشرق الأوسط» (دمشق): a name and a place in parentheses. */
const MAX_BYLINE_WORDS = 6;
const MAX_CAPTION_WORDS = 60;
/** Closing quotes and brackets that may follow a sentence's final mark. */
const TRAILING_CLOSERS = /[\s»"'”’)\]]+$/u;
/** Marks that end a sentence (or announce what follows), so the line is body text, not a heading. */
const SENTENCE_END = /[.،,:;؛…]$/u;

export function endsWithSentencePunctuation(line: string): boolean {
  return SENTENCE_END.test(line.replace(TRAILING_CLOSERS, ''));
}

function isHeadingShaped(text: string): boolean {
  return wordCount(text) <= MAX_HEADING_WORDS && !endsWithSentencePunctuation(text);
}

/** Kinds of each non-empty line; repeats across the page matter for captions, so counting comes first. */
export function classifyLines(pageText: string): PageLine[] {
  const texts = pageText
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const keys = texts.map(matchKey);
  const occurrences = new Map<string, number>();
  for (const key of keys) occurrences.set(key, (occurrences.get(key) ?? 0) + 1);
  return texts.map((text, i) => classifyLine(text, keys[i], (occurrences.get(keys[i]) ?? 0) > 1));
}

function classifyLine(text: string, key: string, repeated: boolean): PageLine {
  const furniture = furnitureReason(text, key);
  if (furniture === 'related-header') return { text, key, kind: 'related-header', reason: furniture };
  if (furniture) return { text, key, kind: 'furniture', reason: furniture };
  const words = wordCount(text);
  const parenthetical = closingParenthetical(text);
  if (parenthetical && words <= MAX_CAPTION_WORDS) {
    // A caption is not a sentence: it closes on its credit, and is often printed twice.
    if (parenthetical.isCredit) return { text, key, kind: 'caption', reason: 'caption' };
    if (repeated && words > MAX_BYLINE_WORDS) return { text, key, kind: 'caption', reason: 'repeated-caption' };
    if (words <= MAX_BYLINE_WORDS && wordCount(parenthetical.inner) <= 3) return { text, key, kind: 'byline' };
  }
  return { text, key, kind: isHeadingShaped(text) ? 'heading' : 'paragraph' };
}
