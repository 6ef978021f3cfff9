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
  let language = francTop(sample, settings.candidates, settings.minLength);
  // Too short for trigram statistics: fall back on the script, which is decisive for Arabic.
  if (language === 'und' && arabicLetterShare(sample) > 0.5) language = ARABIC;
  // Persian, Urdu or Sorani without one letter of their own alphabets: a short Arabic text («قالت ان اسرائيل …»).
  if (neighbours.has(language) && !neighbourLetter.test(sample) && arabicLetterShare(sample) > 0.5) language = ARABIC;
  return { ...doc, language };
}

export function isArabic(doc: Document): boolean {
  return doc.language === ARABIC;
}

function arabicLetterShare(s: string): number {
  let letters = 0;
  let arabic = 0;
  for (const ch of s) {
    if (/\p{L}/u.test(ch)) {
      letters++;
      if (/\p{Script=Arabic}/u.test(ch)) arabic++;
    }
  }
  return letters === 0 ? 0 : arabic / letters;
}
