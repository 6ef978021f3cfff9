// Recognises the lines that say who filed a story and from where: "دمشق-سانا", "القاهرة (رويترز) -", "«الشرق الأوسط» (دمشق)".
// Input: one line of a page. Output: 'dateline' (place + agency), 'byline' (outlet or writer), or null.
import { normalizeForMatch } from '../arabic/normalize.js';
import { boilerplateData, creditForm, wordCount } from './boilerplate.js';

const outlets = new Set(boilerplateData.outlets.map(creditForm));
const bylineCues = boilerplateData.bylineCues.map((cue) => normalizeForMatch(cue));

/** Datelines and bylines are a place and a name, a handful of words at most. */
const MAX_DATELINE_WORDS = 7;
const MAX_PLACE_WORDS = 3;
/** A dash between place and agency, spaced or not ("دمشق-سانا", "بيروت - «الشرق الأوسط»"), or a colon. */
const PLACE_SEPARATOR = /\s*[-–—:]\s*/u;
/** Separators a dateline may close on before the lead paragraph: "القاهرة (رويترز) -". */
const TRAILING_SEPARATORS = /[\s\-–—:]+$/u;
/** "name (place)" or "place (name)". */
const PARENTHESISED = /^([^()]+?)\s*\(([^()]+)\)$/u;
/** A writer cue and its separator: "كتب - …", "بقلم: …". */
const CUE_SEPARATOR = /^\s*[-–—:]/u;

export function isOutletName(text: string): boolean {
  const form = creditForm(text);
  return form.length > 0 && outlets.has(form);
}

const isPlace = (text: string): boolean => {
  const words = wordCount(text);
  return words > 0 && words <= MAX_PLACE_WORDS && !isOutletName(text);
};

/**
 * 'dateline' for a place and the agency that filed from it ("موسكو-سانا", "القاهرة (رويترز) -"); 'byline' for the
 * outlet alone, the outlet and its bureau («الشرق الأوسط» (دمشق)) or a writer cue ("كتب - أحمد مصطفى:").
 * A dateline that opens the lead paragraph on the same line is too long to match: the paragraph stays whole.
 */
export function datelineOrByline(line: string): 'dateline' | 'byline' | null {
  if (wordCount(line) > MAX_DATELINE_WORDS) return null;
  const core = line.trim().replace(TRAILING_SEPARATORS, '');
  if (!core) return null;
  if (isOutletName(core)) return 'byline';
  const parenthesised = PARENTHESISED.exec(core);
  if (parenthesised) {
    const [, outside, inside] = parenthesised;
    if (isOutletName(inside) && isPlace(outside)) return 'dateline';
    if (isOutletName(outside) && isPlace(inside)) return 'byline';
  }
  const separator = PLACE_SEPARATOR.exec(core);
  if (separator && separator.index > 0) {
    const place = core.slice(0, separator.index);
    const agency = core.slice(separator.index + separator[0].length);
    if (isOutletName(agency) && isPlace(place)) return 'dateline';
  }
  const normalized = normalizeForMatch(core);
  for (const cue of bylineCues) {
    if (normalized.startsWith(cue) && CUE_SEPARATOR.test(normalized.slice(cue.length))) return 'byline';
  }
  return null;
}

/** "بغداد: فاضل النشمي": a place, a colon or dash, a name. Only a byline where a byline sits (under a title). */
const MAX_REPORTER_LINE_WORDS = 4;
const REPORTER_SEPARATOR = /\s*[:\-–—]\s+|\s+[-–—]\s*/u;
const NOT_A_NAME = /[0-9٠-٩«»"“”؟?!.،,]/u;

export function looksLikeReporterLine(line: string): boolean {
  const text = line.trim();
  if (wordCount(text) > MAX_REPORTER_LINE_WORDS) return false;
  const separator = REPORTER_SEPARATOR.exec(text);
  if (!separator || separator.index === 0) return false;
  const place = text.slice(0, separator.index);
  const name = text.slice(separator.index + separator[0].length);
  return wordCount(place) <= 2 && wordCount(name) >= 1 && wordCount(name) <= 3 && !NOT_A_NAME.test(place + name);
}
