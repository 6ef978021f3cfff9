// franc's best language for a text (franc 6: the `franc(value, { only, minLength })` answer), computed with franc's
// own script expressions and trigram data but without its per-call dictionaries: franc builds an object keyed by
// trigram strings and sorts it for every text, which made language identification a tenth of the annotation time.
// Same algorithm, same answers (franc-top.test.ts compares the two on varied texts).
import { data } from 'franc/data.js';
import { expressions } from 'franc/expressions.js';

/** franc's constants: texts are cut to MAX_LENGTH; a trigram missing from a language model costs MAX_DIFFERENCE. */
const MAX_LENGTH = 2048;
const MAX_DIFFERENCE = 300;

/** A trigram of UTF-16 code units as one exact number (3 × 16 bits). */
function trigramKey(s: string, at: number): number {
  return s.charCodeAt(at) * 0x100000000 + s.charCodeAt(at + 1) * 0x10000 + s.charCodeAt(at + 2);
}

/** A language model: its trigram keys ascending, with each one's rank (franc: the first position in its list). */
interface Model {
  language: string;
  keys: Float64Array;
  ranks: Float64Array;
}

function model(language: string, list: string): Model {
  const trigrams = list.split('|');
  const ranks = new Map<number, number>();
  // A list entry that is not three code units never equals a text trigram.
  for (let rank = trigrams.length - 1; rank >= 0; rank--) if (trigrams[rank].length === 3) ranks.set(trigramKey(trigrams[rank], 0), rank);
  const keys = Float64Array.from(ranks.keys()).sort();
  return { language, keys, ranks: keys.map((key) => ranks.get(key)!) };
}

/** Per script with trigram data, its languages' models in franc's order, built when the script first comes up. */
const models = new Map<string, Model[]>();

function modelsOf(script: string): Model[] | undefined {
  let languages = models.get(script);
  if (languages === undefined && Object.hasOwn(data, script)) {
    languages = Object.entries(data[script]).map(([language, list]) => model(language, list));
    models.set(script, languages);
  }
  return languages;
}

/** franc's script expressions, copied so that counting never shares a lastIndex with franc's own. */
const scripts = Object.entries(expressions).map(([script, expression]) => ({ script, expression: new RegExp(expression.source, expression.flags) }));

function allowed(language: string, only: readonly string[]): boolean {
  return only.length === 0 || only.includes(language);
}

/** franc's top script: the first of its expressions with the most matches. */
function topScript(value: string): { script: string; count: number } {
  const counts = unitsCountable && !SURROGATE.test(value) ? countByUnits(value) : countByExpressions(value);
  let top = { script: '', count: -1 };
  scripts.forEach(({ script }, k) => {
    if (counts[k] > top.count) top = { script, count: counts[k] };
  });
  return top;
}

/** Matches of each expression, counted as match() would count them (without building the list). */
function countByExpressions(value: string): Int32Array {
  const counts = new Int32Array(scripts.length);
  scripts.forEach(({ expression }, k) => {
    if (!expression.global) counts[k] = value.match(expression)?.length ?? 0;
    else {
      expression.lastIndex = 0;
      while (expression.test(value)) counts[k]++;
    }
  });
  return counts;
}

/**
 * In a text without surrogates every match of franc's expressions is one code unit that one of its character
 * classes holds (checked below: the other alternatives start with a high surrogate), so counting a script's matches
 * is counting its code units: one pass over the text with each code unit's scripts looked up, not one regular
 * expression scan per script.
 */
const SURROGATE = /[\uD800-\uDFFF]/;
/** A high surrogate escape in an expression's source. */
const HIGH_SURROGATE = '\\\\uD[89ABab][0-9A-Fa-f]{2}';
/** Whether franc's expressions have that shape (else every text is counted with the expressions). */
export const unitsCountable = scripts.length <= 31 && scripts.every(({ expression }) => expression.flags === 'g' && alternatives(expression.source).every(oneUnitOrSurrogateLed));
/** Per code unit, a bit per script whose expression matches it alone; -1 until first asked. */
const scriptsOfUnit = new Int32Array(0x10000).fill(-1);
const wholeUnit = scripts.map(({ expression }) => new RegExp(`^(?:${expression.source})$`));

/** countByUnits' counts, reused (the caller reads them before the next call). */
const unitCounts = new Int32Array(32);

function countByUnits(value: string): Int32Array {
  const counts = unitCounts.fill(0);
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    let bits = scriptsOfUnit[unit];
    if (bits === -1) {
      bits = 0;
      const text = String.fromCharCode(unit);
      wholeUnit.forEach((expression, k) => { if (expression.test(text)) bits |= 1 << k; });
      scriptsOfUnit[unit] = bits;
    }
    for (; bits !== 0; bits &= bits - 1) counts[31 - Math.clz32(bits & -bits)]++;
  }
  return counts;
}

/** The top-level alternatives of a regular expression source (franc's have no groups). */
function alternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') { current += c + source[++i]; continue; }
    if (c === '[') depth++;
    if (c === ']') depth--;
    if (c === '|' && depth === 0) { out.push(current); current = ''; continue; }
    current += c;
  }
  out.push(current);
  return out;
}

/** A single character class or escaped character (one code unit), or an alternative that starts with a high surrogate only. */
function oneUnitOrSurrogateLed(alternative: string): boolean {
  if (/^\[[^[\]]*\]$/.test(alternative) && !alternative.includes('\\u{')) return true;
  if (/^\\u[0-9A-Fa-f]{4}$/.test(alternative)) return true;
  return new RegExp(`^(?:${HIGH_SURROGATE}|\\[(?:${HIGH_SURROGATE}(?:-${HIGH_SURROGATE})?)+\\])`).test(alternative);
}

/** trigram-utils' clean(), then franc's padding: digits and ASCII punctuation out, white space collapsed, lower case. */
function padded(value: string): string {
  return ' ' + value.replace(/[\u0021-\u0040]+/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase() + ' ';
}

/** The text's trigram keys, ascending: equal keys side by side, so a run's length is the trigram's count. */
function sortedTrigrams(text: string): Float64Array {
  const keys = new Float64Array(Math.max(0, text.length - 2));
  if (keys.length === 0) return keys;
  // Each key from the previous one: drop its first code unit, append the next (exact: all below 2^48).
  let key = trigramKey(text, 0);
  keys[0] = key;
  for (let at = 1; at < keys.length; at++) {
    key = (key % 0x100000000) * 0x10000 + text.charCodeAt(at + 2);
    keys[at] = key;
  }
  return keys.sort();
}

/** franc's distance: per distinct trigram, |count − rank − 1| when the language knows it, else MAX_DIFFERENCE. */
function distance(trigrams: Float64Array, model: Model): number {
  const { keys, ranks } = model;
  let total = 0;
  let m = 0;
  for (let at = 0; at < trigrams.length;) {
    const key = trigrams[at];
    let count = 0;
    while (at < trigrams.length && trigrams[at] === key) { at++; count++; }
    while (m < keys.length && keys[m] < key) m++;
    total += m < keys.length && keys[m] === key ? Math.abs(count - ranks[m] - 1) : MAX_DIFFERENCE;
  }
  return total;
}

/** The language franc(value, { only, minLength }) answers: an ISO 639-3 code or "und". */
export function francTop(value: string, only: readonly string[], minLength: number): string {
  if (!value || value.length < minLength) return 'und';
  const text = value.slice(0, MAX_LENGTH);
  const { script, count } = topScript(text);
  const languages = modelsOf(script);
  // A script of one language names that language.
  if (!languages) return count === 0 || !allowed(script, only) ? 'und' : script;
  const trigrams = sortedTrigrams(padded(text));
  let best = 'und';
  let bestDistance = Infinity;
  // franc sorts the distances stably: the first language with the smallest distance wins.
  for (const model of languages) {
    if (!allowed(model.language, only)) continue;
    const d = distance(trigrams, model);
    if (d < bestDistance) { best = model.language; bestDistance = d; }
  }
  return best;
}
