// Language identification stage: sets Document.language with franc's method over a sample of the text.
// Only Arabic documents ("arb") go through the Arabic layers.
import { readFileSync } from 'node:fs';
import type { Document } from '../document.js';
import { francTop } from './franc-top.js';

interface LanguageSettings {
  candidates: string[];
  arabic: string;
  sampleLength: number;
  minLength: number;
  arabicScriptNeighbours: string[];
  neighbourLetters: string;
}

const settings = JSON.parse(readFileSync(new URL('./data/languages.json', import.meta.url), 'utf8')) as LanguageSettings;

export const ARABIC = settings.arabic;
const neighbours = new Set(settings.arabicScriptNeighbours);
const neighbourLetter = new RegExp(`[${settings.neighbourLetters}]`, 'u');

export function detectLanguage(doc: Document): Document {
  // The text is cut before joining: slicing the joined string would copy the whole text first.
  const sample = (doc.title + '\n' + doc.text.slice(0, settings.sampleLength)).slice(0, settings.sampleLength);
  return { ...doc, language: languageOf(sample) };
}

/** The language of a sample, as franc answers it with the two corrections below. */
export function languageOf(sample: string): string {
  const arabicMajority = arabicLetterShare(sample) > 0.5;
  // Mostly Arabic letters and none of the neighbours' own: whatever franc's trigrams pick among the Arabic-script
  // candidates, the corrections below make it Arabic, so franc need not run (a twentieth of the annotation time).
  if (arabicMajority && !neighbourLetter.test(sample)) return ARABIC;
  return francWithCorrections(sample, arabicMajority);
}

/** franc's answer with the corrections, without the shortcut (exported so a test can hold the two equal). */
export function francWithCorrections(sample: string, arabicMajority = arabicLetterShare(sample) > 0.5): string {
  let language = francTop(sample, settings.candidates, settings.minLength);
  // Too short for trigram statistics: fall back on the script, which is decisive for Arabic.
  if (language === 'und' && arabicMajority) language = ARABIC;
  // Persian, Urdu or Sorani without one letter of their own alphabets: a short Arabic text («قالت ان اسرائيل …»).
  if (neighbours.has(language) && !neighbourLetter.test(sample) && arabicMajority) language = ARABIC;
  return language;
}

export function isArabic(doc: Document): boolean {
  return doc.language === ARABIC;
}

/** Per code unit: 0 not yet classified, 1 not a letter, 2 a letter of another script, 3 an Arabic letter. */
const letterClass = new Uint8Array(0x10000);

function classOf(ch: string): number {
  return !/\p{L}/u.test(ch) ? 1 : /\p{Script=Arabic}/u.test(ch) ? 3 : 2;
}

/** The share of Arabic-script letters among the letters of `s` (code points; a table per code unit). */
export function arabicLetterShare(s: string): number {
  let letters = 0;
  let arabic = 0;
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    let kind: number;
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < s.length) {
      // An astral code point (a pair of surrogates) is classified on the spot; such letters are rare in news text.
      const point = s.codePointAt(i)!;
      if (point > 0xffff) i++;
      kind = classOf(String.fromCodePoint(point));
    } else {
      kind = letterClass[unit];
      if (kind === 0) letterClass[unit] = kind = classOf(String.fromCharCode(unit));
    }
    if (kind >= 2) letters++;
    if (kind === 3) arabic++;
  }
  return letters === 0 ? 0 : arabic / letters;
}
