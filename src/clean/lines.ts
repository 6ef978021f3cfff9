// Splits a page into lines and gives each a kind: furniture, marker, caption, byline, heading or paragraph.
// Input: the page text. Output: PageLine[] (non-empty lines only, trimmed, as published).
import {
  closingParenthetical,
  endsWithSentencePunctuation,
  furnitureReason,
  isLayoutMarker,
  isReadAlsoHeadline,
  matchKey,
  readAlsoRemainder,
  wordCount,
} from './boilerplate.js';
import { datelineOrByline, looksLikeReporterLine } from './bylines.js';

export { endsWithSentencePunctuation } from './boilerplate.js';

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
  const lines = texts.map((text, i) => classifyLine(text, keys[i], (occurrences.get(keys[i]) ?? 0) > 1));
  for (let i = 0; i < lines.length; i++) lines[i] = reclassifyInContext(lines, i);
  return lines;
}

function classifyLine(text: string, key: string, repeated: boolean): PageLine {
  const furniture = furnitureReason(text, key);
  if (furniture === 'related-header') return { text, key, kind: 'related-header', reason: furniture };
  if (furniture) return { text, key, kind: 'furniture', reason: furniture };
  const words = wordCount(text);
  const parenthetical = closingParenthetical(text);
  // A caption is not a sentence: it closes on its credit ("صورة أرشيفية (أ.ف.ب)" is a photo, not a dateline).
  if (parenthetical?.isCredit && words <= MAX_CAPTION_WORDS) return { text, key, kind: 'caption', reason: 'caption' };
  const filedBy = datelineOrByline(text);
  if (filedBy) return { text, key, kind: 'furniture', reason: filedBy };
  if (parenthetical && words <= MAX_CAPTION_WORDS) {
    // Captions are often printed twice.
    if (repeated && words > MAX_BYLINE_WORDS) return { text, key, kind: 'caption', reason: 'repeated-caption' };
    if (words <= MAX_BYLINE_WORDS && wordCount(parenthetical.inner) <= 3) return { text, key, kind: 'byline' };
  }
  return { text, key, kind: isHeadingShaped(text) ? 'heading' : 'paragraph' };
}

const isContent = (line: PageLine | undefined): boolean => !!line && line.kind !== 'furniture' && line.kind !== 'caption';

/** The nearest line before (step -1) or after (step 1) `at` that is not furniture or a caption. */
function neighbourContent(lines: PageLine[], at: number, step: 1 | -1): PageLine | undefined {
  for (let j = at + step; j >= 0 && j < lines.length; j += step) if (isContent(lines[j])) return lines[j];
  return undefined;
}

/** What only the neighbours tell: a read-also headline, a caption above a photo marker, a reporter line under a title. */
function reclassifyInContext(lines: PageLine[], i: number): PageLine {
  const line = lines[i];
  if (line.kind !== 'heading' && line.kind !== 'paragraph' && line.kind !== 'byline') return line;
  const previous = lines[i - 1];
  // "اقرأ أيضاً" alone on its line introduces the linked headline on the next one.
  if (previous?.reason === 'read-also' && readAlsoRemainder(previous.text) === '' && line.kind === 'heading' && isReadAlsoHeadline(line.text)) {
    return { ...line, kind: 'furniture', reason: 'read-also' };
  }
  // A photo's caption sits right above the layout marker printed under the photo ("TT", "play-circle").
  if (isLayoutMarker(lines[i + 1]) && closingParenthetical(line.text) && wordCount(line.text) <= MAX_CAPTION_WORDS) {
    return { ...line, kind: 'caption', reason: 'caption' };
  }
  if (line.kind !== 'byline' && looksLikeReporterLine(line.text) && neighbourContent(lines, i, -1)?.kind === 'heading' &&
    neighbourContent(lines, i, 1)?.kind === 'paragraph') {
    return { ...line, kind: 'furniture', reason: 'byline' };
  }
  return line;
}
