// Arabic numerals and cardinal number words: digit strings, compounds ("خمسة وعشرين"), scales ("3 آلاف").
// Input: normalised digit strings or tokens from `tokenize`. Output: numeric values and how many tokens they span.
import { readFileSync } from 'node:fs';
import type { QuantityQualifier, Token } from '../document.js';
import { normalizeForMatch } from './normalize.js';

type Role = 'unit' | 'teenHead' | 'teenTail' | 'ten' | 'hundred' | 'scale' | 'dualScale';
type Part = { role: Role; value: number };

interface NumberWordTable {
  units: ValueNames[];
  teenHeads: ValueNames[];
  teenTails: string[];
  tens: ValueNames[];
  hundreds: ValueNames[];
  scales: (ValueNames & { plurals: string[] })[];
  dualScales: ValueNames[];
  vague: (ValueNames & { qualifier: QuantityQualifier })[];
  qualifiers: { words: string[]; qualifier: QuantityQualifier }[];
  percentWords: string[][];
  notUnits: string[];
}

interface ValueNames {
  value: number;
  names: string[];
}

const table = JSON.parse(
  readFileSync(new URL('./data/number-words.json', import.meta.url), 'utf8'),
) as NumberWordTable;

/** Normalised number word → its roles (عشرة is both a unit and the tail of a teen). */
const lexicon: Map<string, Part[]> = buildLexicon(table);

function buildLexicon(t: NumberWordTable): Map<string, Part[]> {
  const out = new Map<string, Part[]>();
  const add = (role: Role, rows: ValueNames[]): void => {
    for (const row of rows) {
      for (const name of row.names) {
        const key = normalizeForMatch(name);
        out.set(key, [...(out.get(key) ?? []), { role, value: row.value }]);
      }
    }
  };
  add('unit', t.units);
  add('teenHead', t.teenHeads);
  add('teenTail', [{ value: 10, names: t.teenTails }]);
  add('ten', t.tens);
  add('hundred', t.hundreds);
  add('scale', t.scales.map((row) => ({ value: row.value, names: [...row.names, ...row.plurals] })));
  add('dualScale', t.dualScales);
  return out;
}

const scalePlurals = new Set(table.scales.flatMap((row) => row.plurals.map(normalizeForMatch)));
const normalizeWords = (words: string[]): string[] => words.map(normalizeForMatch);
const vagueWords = new Map(table.vague.flatMap((v) => v.names.map((n) => [normalizeForMatch(n), v] as const)));
const qualifierPhrases = table.qualifiers
  .map((q) => ({ words: normalizeWords(q.words), qualifier: q.qualifier }))
  .sort((a, b) => b.words.length - a.words.length);
const percentPhrases = table.percentWords.map(normalizeWords).sort((a, b) => b.length - a.length);
const notUnitWords = new Set(table.notUnits.map(normalizeForMatch));

/**
 * The value of a normalised digit string. "," groups of exactly three digits are thousands ("8,950"),
 * otherwise "," is a decimal comma ("2,5"); "." is a decimal point unless it separates several 3-digit groups.
 */
export function parseNumeral(norm: string): number | null {
  if (!/^\d+(?:[.,]\d+)*$/.test(norm)) return null;
  const groups = norm.split(/[.,]/);
  const separators = norm.replace(/\d/g, '');
  const thousandsGrouped = groups.length > 1 && groups[0].length <= 3 && groups.slice(1).every((g) => g.length === 3);
  if (separators.length === 0) return Number(norm);
  if (separators.length === 1) {
    if (separators === ',' && thousandsGrouped) return Number(groups.join(''));
    return Number(groups.join('.'));
  }
  // Several separators: thousands groups, possibly ending in a decimal part written with the other mark.
  const decimalMark = separators[separators.length - 1] !== separators[0] ? separators[separators.length - 1] : null;
  const integerGroups = decimalMark ? groups.slice(0, -1) : groups;
  if (!integerGroups.slice(1).every((g) => g.length === 3)) return null;
  return Number(integerGroups.join('') + (decimalMark ? '.' + groups[groups.length - 1] : ''));
}

/** A number read from tokens: its value and the index just after its last token. */
export interface CardinalMatch {
  value: number;
  end: number;
}

function rolesOf(form: string): Part[] {
  return lexicon.get(form) ?? [];
}

function roleValue(form: string, role: Role): number | null {
  return rolesOf(form).find((r) => r.role === role)?.value ?? null;
}

/** True when the token's whole form or stem is a cardinal number word. */
export function isNumberWord(token: Token): boolean {
  return token.kind === 'word' && (lexicon.has(token.norm) || lexicon.has(token.stem));
}

/** A digit token, optionally followed by a scale word: "40", "8,950", "3 آلاف", "1.5 مليون". */
function readNumeral(tokens: readonly Token[], i: number): CardinalMatch | null {
  const value = parseNumeral(tokens[i].norm);
  if (value === null) return null;
  const next = tokens[i + 1];
  const scale = next && next.kind === 'word' && next.prefix === '' ? roleValue(next.norm, 'scale') : null;
  return scale ? { value: value * scale, end: i + 2 } : { value, end: i + 1 };
}

/**
 * Cardinal number words: parts joined by و go from larger to smaller (except unit before ten:
 * "خمسة وعشرين"); a scale multiplies the group before it ("سبعة آلاف"); "ثلاثة عشر" is a teen.
 */
function readNumberWords(tokens: readonly Token[], i: number): CardinalMatch | null {
  let total = 0;
  let group = 0;
  let last: Part | null = null;
  let j = i;
  for (; j < tokens.length; j++) {
    const tok = tokens[j];
    if (tok.kind !== 'word') break;
    const joined = tok.prefix === 'و' && last !== null;
    const form = last === null ? (lexicon.has(tok.norm) ? tok.norm : tok.stem) : joined ? tok.stem : tok.norm;
    const roles = rolesOf(form);
    if (roles.length === 0) break;
    const step = nextStep(roles, last, joined, form);
    if (!step) break;
    if (step.role === 'teenTail') group += 10;
    else if (step.role === 'hundred' && last?.role === 'unit' && !joined) group = group - last.value + last.value * 100;
    else if (step.role === 'scale') {
      total += (group || 1) * step.value;
      group = 0;
    } else group += step.value;
    last = step;
  }
  if (last === null || last.role === 'teenHead') return null;
  return { value: total + group, end: j };
}

/** Which role a word plays after the previous part, or null when it does not continue the number. */
function nextStep(roles: Part[], last: Part | null, joined: boolean, form: string): Part | null {
  const has = (role: Role): Part | null => roles.find((r) => r.role === role) ?? null;
  if (last === null) {
    // A plural scale ("آلاف") only follows a number; alone it is a vague plural.
    const scale = scalePlurals.has(form) ? null : has('scale');
    return has('unit') ?? has('teenHead') ?? has('ten') ?? has('hundred') ?? has('dualScale') ?? scale;
  }
  if (!joined) return directStep(has, last);
  // Joined by و: a smaller part follows a hundred or a scale; a ten follows a unit ("خمسة وعشرين").
  const candidate = has('unit') ?? has('ten') ?? has('hundred');
  if (!candidate) return null;
  if (last.role === 'unit') return candidate.role === 'ten' && last.value < 10 ? candidate : null;
  if (last.role === 'hundred' || last.role === 'scale' || last.role === 'dualScale') {
    return candidate.value < last.value && !(last.role === 'hundred' && candidate.role === 'hundred') ? candidate : null;
  }
  return null;
}

/** A part written right after the previous one, without و: a teen tail, a scale, or "ثلاث مئة". */
function directStep(has: (role: Role) => Part | null, last: Part): Part | null {
  if (last.role === 'teenHead') return has('teenTail');
  if (last.role === 'unit' && last.value < 10) return has('teenTail') ?? has('scale') ?? has('hundred');
  if (last.role === 'unit' || last.role === 'ten' || last.role === 'hundred' || last.role === 'teenTail') return has('scale');
  return null;
}

/** Reads a cardinal (digits or words) starting at token i. */
export function readCardinal(tokens: readonly Token[], i: number): CardinalMatch | null {
  const tok = tokens[i];
  if (!tok) return null;
  if (tok.kind === 'number') return readNumeral(tokens, i);
  if (tok.kind === 'word') return readNumberWords(tokens, i);
  return null;
}

/** A vague plural ("عشرات", "مئات", "آلاف") at token i, with its lower-bound value. */
export function readVaguePlural(token: Token): { value: number; qualifier: QuantityQualifier } | null {
  if (token.kind !== 'word') return null;
  const entry = vagueWords.get(token.norm) ?? vagueWords.get(token.stem);
  return entry ? { value: entry.value, qualifier: entry.qualifier } : null;
}

/** Whether the phrase `words` (normalised) starts at token i; the first token may carry a conjunction. */
export function phraseAt(tokens: readonly Token[], i: number, words: readonly string[]): boolean {
  return words.every((w, k) => {
    const tok = tokens[i + k];
    return tok !== undefined && (tok.norm === w || (k === 0 && tok.stem === w));
  });
}

/** A qualifier phrase ("أكثر من", "ما يصل إلى", "نحو") starting at token i, and its length in tokens. */
export function readQualifier(tokens: readonly Token[], i: number): { qualifier: QuantityQualifier; length: number } | null {
  const phrase = qualifierPhrases.find((q) => phraseAt(tokens, i, q.words));
  return phrase ? { qualifier: phrase.qualifier, length: phrase.words.length } : null;
}

/** A percent marker after a number ("%", "٪", "في المئة", "بالمئة") at token i, and its length. */
export function readPercent(tokens: readonly Token[], i: number): number {
  const tok = tokens[i];
  if (!tok) return 0;
  if (tok.text === '%' || tok.text === '\u066A') return 1;
  return percentPhrases.find((p) => phraseAt(tokens, i, p))?.length ?? 0;
}

/** Function words that follow numbers without being the counted noun. */
export function isNotUnit(token: Token): boolean {
  return notUnitWords.has(token.norm) || notUnitWords.has(token.stem);
}
