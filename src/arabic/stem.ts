// Light suffix stemmer for matching: strips one plural, nisba, feminine or pronoun suffix from a word.
// Input: a word in matching form without proclitics (a Token's `bare`). Output: its stem (the word itself when short).
import { readFileSync } from 'node:fs';

interface SuffixTable {
  suffixes: string[];
  minStemLength: number;
}

const table = JSON.parse(readFileSync(new URL('./data/suffixes.json', import.meta.url), 'utf8')) as SuffixTable;
const suffixesLongestFirst = [...table.suffixes].sort((a, b) => b.length - a.length);

/** المعتقلين، معتقلي → معتقل; السوريه، السوريين → سور (after ال is peeled: callers pass `bare`). */
export function lightStem(bare: string): string {
  for (const suffix of suffixesLongestFirst) {
    if (bare.length - suffix.length >= table.minStemLength && bare.endsWith(suffix)) return bare.slice(0, bare.length - suffix.length);
  }
  return bare;
}
