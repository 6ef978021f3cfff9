// Normalisation of Arabic text for matching: folds letter variants, strips tatweel and diacritics.
// Input: published text. Output: a matching form (and, when asked, offsets back into the published text).
import { readFileSync } from 'node:fs';

interface NormalizationTable {
  delete: string[];
  map: Record<string, string>;
}

const table = JSON.parse(
  readFileSync(new URL('./data/normalization.json', import.meta.url), 'utf8'),
) as NormalizationTable;

/** Replacement for each UTF-16 code unit below 0x10000: undefined = keep, '' = delete. */
const fold: (string | undefined)[] = buildFold(table);

function buildFold(t: NormalizationTable): (string | undefined)[] {
  const out: (string | undefined)[] = new Array(0x10000);
  for (const ch of t.delete) out[ch.charCodeAt(0)] = '';
  for (const [from, to] of Object.entries(t.map)) out[from.charCodeAt(0)] = to;
  for (let c = 0x41; c <= 0x5a; c++) out[c] = String.fromCharCode(c + 32);
  return out;
}

/** The matching form of `s`. Pure; idempotent (normalising twice changes nothing). */
export function normalizeForMatch(s: string): string {
  let out = '';
  let runStart = 0;
  for (let i = 0; i < s.length; i++) {
    const repl = fold[s.charCodeAt(i)];
    if (repl === undefined) continue;
    out += s.slice(runStart, i) + repl;
    runStart = i + 1;
  }
  return runStart === 0 ? s : out + s.slice(runStart);
}

/** The matching form plus, for each of its characters, the index of the published character it came from. */
export function normalizeWithOffsets(s: string): { text: string; offsets: number[] } {
  let text = '';
  const offsets: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const repl = fold[s.charCodeAt(i)];
    const piece = repl === undefined ? s[i] : repl;
    for (let k = 0; k < piece.length; k++) offsets.push(i);
    text += piece;
  }
  offsets.push(s.length);
  return { text, offsets };
}

/** True for characters the matching form deletes (tatweel, diacritics, invisible marks). */
export function isIgnorable(ch: string): boolean {
  return fold[ch.charCodeAt(0)] === '';
}
