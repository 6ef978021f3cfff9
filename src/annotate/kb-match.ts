// Matching knowledge-base aliases against a token sequence, clitics and quotes included.
// Input: document tokens, a start index, the knowledge base. Output: the longest alias match there, with its span.
import { readFileSync } from 'node:fs';
import type { Token } from '../document.js';
import { normalizeForMatch } from '../arabic/normalize.js';
import { aliasValidAt, type AliasEntry, type AliasMode, type KnowledgeBase } from '../kb/kb.js';

export interface KbMatch {
  entry: AliasEntry;
  /** Token range [firstToken, endToken) covered, quotes included: endToken is the first token after the match. */
  firstToken: number;
  endToken: number;
  start: number;
  end: number;
}

export interface MatchOptions {
  /** Publication date (ISO) deciding which role titles apply. */
  date: string | null;
  /** Allow aliases reserved for the position after a place head noun. */
  headed?: boolean;
  /** Allow role titles. */
  titles?: boolean;
  /** Allow aliases reserved for where a place is named (contextAliases) anywhere, as plain ones. */
  anyContext?: boolean;
  /** Refuse those aliases whatever the context (the neighbours inPlaceContext looks at). */
  noContext?: boolean;
}

const MODE_RANK: Record<AliasMode, number> = { quoted: 3, headed: 3, plain: 2, context: 2, title: 1 };

const placeContext = (() => {
  const data = JSON.parse(readFileSync(new URL('./data/place-context.json', import.meta.url), 'utf8')) as { before: string[]; relations: string[] };
  return { before: new Set(data.before.map(normalizeForMatch)), relations: new Set(data.relations.map(normalizeForMatch)) };
})();

/**
 * Whether tokens[i, end) stand where a place is named: ب or ل written onto the name («بمالي»), a preposition, a
 * complementizer or a word a place follows in construct before it («في مالي», «إن مالي», «شمال مالي», «رئيس مالي»),
 * perhaps with a nationality adjective between («العاصمة الأفغانية كابل»), or another place joined by و on either
 * side («النيجر ومالي», «مالي والنيجر»). Not after a plain noun: «عجز مالي» and «دعم مالي» are financial.
 */
export function inPlaceContext(tokens: Token[], i: number, end: number, kb: KnowledgeBase): boolean {
  const token = tokens[i];
  if (/[بل]$/.test(token.prefix)) return true;
  const previous = tokens[i - 1];
  // «العاصمة الأفغانية كابل»: a nationality adjective between the word that calls for a place and the name.
  const nationality = isWord(previous) && previous.prefix === '' && kb.nationalityAdjectives.has(previous.bare);
  const cue = nationality ? tokens[i - 2] : previous;
  if (isWord(cue)) {
    if (cue.prefix === '' && placeContext.before.has(cue.norm)) return true;
    if (placeContext.relations.has(cue.stem) || placeContext.relations.has(cue.bare)) return true;
  }
  const neighbourPlace = (at: number, endingAt?: number) => {
    const match = matchKbAt(tokens, at, kb, { date: null, titles: false, noContext: true });
    return match !== null && (endingAt === undefined || match.endToken === endingAt) && kb.getEntity(match.entry.entityId)?.type === 'location';
  };
  if (token.prefix === 'و' && previous !== undefined && previous.kind === 'word') {
    // The place before may be several words long: any that ends right before the name.
    for (let k = Math.max(0, i - 4); k < i; k++) if (neighbourPlace(k, i)) return true;
  }
  const next = tokens[end];
  return next !== undefined && next.prefix === 'و' && neighbourPlace(end);
}

export function isQuote(token: Token | undefined): boolean {
  return token !== undefined && token.norm === '"';
}

export function isWord(token: Token | undefined): token is Token {
  return token !== undefined && token.kind === 'word';
}

/**
 * Matches the rest of an alias from token `i`; an opening quote may sit between alias words
 * ("لمكافحة «داعش»"), and its closing quote then joins the span.
 */
function matchRest(tokens: Token[], i: number, alias: string[], quoteMayInterrupt: boolean): number {
  let k = i + 1;
  let openQuote = false;
  for (let a = 1; a < alias.length; a++) {
    if (quoteMayInterrupt && !openQuote && isQuote(tokens[k]) && tokens[k + 1]?.norm === alias[a]) {
      openQuote = true;
      k++;
    }
    if (tokens[k]?.norm !== alias[a]) return -1;
    k++;
  }
  if (openQuote && isQuote(tokens[k])) k++;
  return k;
}

/**
 * Quotes inside a name are kept for facilities ("سجن «الشدادي»") and long names ("التحالف الدولي لمكافحة «داعش»");
 * in "تنظيم «داعش»" the quoted word alone is the name.
 */
function quoteMayInterrupt(kb: KnowledgeBase, entry: AliasEntry): boolean {
  return entry.tokens.length >= 3 || kb.getEntity(entry.entityId)?.type === 'facility';
}

function entryAllowed(entry: AliasEntry, tokens: Token[], i: number, endToken: number, options: MatchOptions, kb: KnowledgeBase): boolean {
  switch (entry.mode) {
    case 'plain':
      return true;
    case 'headed':
      return options.headed === true;
    case 'context':
      return !options.noContext && (options.headed === true || options.anyContext === true || inPlaceContext(tokens, i, endToken, kb));
    case 'title':
      return options.titles !== false && aliasValidAt(entry, options.date);
    case 'quoted':
      return isQuote(tokens[i - 1]) && isQuote(tokens[endToken]);
  }
}

/**
 * The best alias match starting at token `i`: longest first, then quoted/headed over plain over titles.
 * The first token is tried most literal first: whole, with a shorter clitic guess ("و" + "لبنان" in "ولبنان"),
 * without clitics, and without the article (multi-word aliases only: alone it turns "السورية" into "سورية").
 */
export function matchKbAt(tokens: Token[], i: number, kb: KnowledgeBase, options: MatchOptions): KbMatch | null {
  const token = tokens[i];
  if (token === undefined || (token.kind !== 'word' && token.kind !== 'latin')) return null;
  let best = bestForForm(tokens, i, kb, options, token.norm, token.start, false, null);
  // Partial peeling only where every prefix letter is one character of the text (no diacritics in between).
  if (token.prefix.length > 1 && token.stemStart - token.start === token.prefix.length) {
    for (let k = 1; k < token.prefix.length; k++) best = bestForForm(tokens, i, kb, options, token.norm.slice(k), token.start + k, false, best);
  }
  if (token.stem !== token.norm) best = bestForForm(tokens, i, kb, options, token.stem, token.stemStart, false, best);
  if (token.bare !== token.stem) best = bestForForm(tokens, i, kb, options, token.bare, token.stemStart, true, best);
  return best;
}

/**
 * False when matchKbAt cannot match at this token, whatever surrounds it: no form it tries (the token whole, its
 * partial peelings, stem and bare stem) starts an alias. Depends on the token's forms only, so callers may cache it.
 */
export function mayMatchKbAt(token: Token, kb: KnowledgeBase): boolean {
  if (token.kind !== 'word' && token.kind !== 'latin') return false;
  const starts = (form: string) => kb.aliasesByFirstToken.has(form);
  if (starts(token.norm) || starts(token.stem) || starts(token.bare)) return true;
  for (let k = 1; k < token.prefix.length; k++) if (starts(token.norm.slice(k))) return true;
  return false;
}

function bestForForm(
  tokens: Token[], i: number, kb: KnowledgeBase, options: MatchOptions,
  form: string, start: number, multiTokenOnly: boolean, best: KbMatch | null,
): KbMatch | null {
  const entries = kb.aliasesByFirstToken.get(form);
  if (entries === undefined) return best;
  // A one-word alias reached only by peeling clitics must be a real word, not a fragment ("كمال" → "مال").
  const fragment = form !== tokens[i].norm && form.length < 3;
  for (const entry of entries) {
    if (entry.tokens.length === 1 && (multiTokenOnly || fragment)) continue;
    const endToken = entry.tokens.length === 1 ? i + 1 : matchRest(tokens, i, entry.tokens, quoteMayInterrupt(kb, entry));
    if (endToken < 0 || !entryAllowed(entry, tokens, i, endToken, options, kb)) continue;
    const candidate: KbMatch = { entry, firstToken: i, endToken, start, end: tokens[endToken - 1].end };
    if (!best || better(candidate, best)) best = candidate;
  }
  return best;
}

function better(a: KbMatch, b: KbMatch): boolean {
  if (a.endToken !== b.endToken) return a.endToken > b.endToken;
  return MODE_RANK[a.entry.mode] > MODE_RANK[b.entry.mode];
}
