// Approximate Arabic→Latin transliteration for display names of entities the knowledge base lacks.
// Input: an Arabic name (published or normalised form). Output: a readable Latin rendering ("محمود العلي" → "Mahmud al-Ali").
import { readFileSync } from 'node:fs';

interface TransliterationTable {
  letters: Record<string, string>;
  longVowels: Record<string, string>;
  article: string;
}

const table = JSON.parse(
  readFileSync(new URL('./data/transliteration.json', import.meta.url), 'utf8'),
) as TransliterationTable;

const DIACRITICS = /[\u064B-\u065F\u0670\u0640]/g;

/** Transliterates word by word; ال becomes "al-"; long vowels between consonants become vowels. */
export function transliterate(arabic: string): string {
  return arabic
    .replace(DIACRITICS, '')
    .split(/\s+/)
    .filter(Boolean)
    .map(transliterateWord)
    .join(' ');
}

function transliterateWord(word: string): string {
  let prefix = '';
  let rest = word;
  if (rest.startsWith('ال') && rest.length > 3) {
    prefix = table.article;
    rest = rest.slice(2);
  }
  let out = '';
  for (let i = 0; i < rest.length; i++) {
    const ch = rest[i];
    const vowel = table.longVowels[ch];
    // و and ي read as vowels after a consonant, as consonants at the start of a word or after a vowel.
    const afterConsonant = i > 0 && out.length > 0 && !/[aiu']$/.test(out);
    if (vowel && (ch === 'ا' || ch === 'ى' || afterConsonant) && i > 0) out += vowel;
    else {
      // Short vowels are unwritten: guess "a" between the first two consonants ("محمود" → "Mahmud").
      if (i === 1 && afterConsonant && !table.longVowels[rest[0]]) out += 'a';
      out += table.letters[ch] ?? ch;
    }
  }
  return prefix + capitalize(out);
}

function capitalize(s: string): string {
  return s.length === 0 ? s : s[0].toUpperCase() + s.slice(1);
}
