// Matching knowledge-base aliases against a token sequence, clitics and quotes included.
// Input: document tokens, a start index, the knowledge base. Output: the longest alias match there, with its span.
import type { Token } from '../document.js';
import { aliasValidAt, type AliasEntry, type AliasMode, type KnowledgeBase } from '../kb/kb.js';

export interface KbMatch {
  entry: AliasEntry;
  /** Token range [first, last] covered, quotes included. */
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
}

const MODE_RANK: Record<AliasMode, number> = { quoted: 3, headed: 3, plain: 2, title: 1 };

export function isQuote(token: Token | undefined): boolean {
  return token !== undefined && token.norm === '"';
}

export function isWord(token: Token | undefined): token is Token {
  return token !== undefined && token.kind === 'word';
}

/**
 * How the first token can match an alias's first token, most literal first. The form without the article
 * only serves multi-word aliases: alone it turns adjectives into names ("السورية" → "سورية").
 */
function firstTokenForms(token: Token): { form: string; start: number; multiTokenOnly?: boolean }[] {
  const forms: { form: string; start: number; multiTokenOnly?: boolean }[] = [{ form: token.norm, start: token.start }];
  // Peeling "ول" off "ولبنان" ate the name's own first letter: also try each shorter prefix ("و" + "لبنان"),
  // when every prefix letter is one character of the text (no diacritics in between).
  if (token.prefix.length > 1 && token.stemStart - token.start === token.prefix.length) {
    for (let k = 1; k < token.prefix.length; k++) forms.push({ form: token.norm.slice(k), start: token.start + k });
  }
  if (token.stem !== token.norm) forms.push({ form: token.stem, start: token.stemStart });
  if (token.bare !== token.stem) forms.push({ form: token.bare, start: token.stemStart, multiTokenOnly: true });
  return forms;
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

function entryAllowed(entry: AliasEntry, tokens: Token[], i: number, endToken: number, options: MatchOptions): boolean {
  switch (entry.mode) {
    case 'plain':
      return true;
    case 'headed':
      return options.headed === true;
    case 'title':
      return options.titles !== false && aliasValidAt(entry, options.date);
    case 'quoted':
      return isQuote(tokens[i - 1]) && isQuote(tokens[endToken]);
  }
}

/** The best alias match starting at token `i`: longest first, then quoted/headed over plain over titles. */
export function matchKbAt(tokens: Token[], i: number, kb: KnowledgeBase, options: MatchOptions): KbMatch | null {
  const token = tokens[i];
  if (token === undefined || (token.kind !== 'word' && token.kind !== 'latin')) return null;
  let best: KbMatch | null = null;
  for (const { form, start, multiTokenOnly } of firstTokenForms(token)) {
    for (const entry of kb.aliasesByFirstToken.get(form) ?? []) {
      if (multiTokenOnly && entry.tokens.length === 1) continue;
      const endToken = entry.tokens.length === 1 ? i + 1 : matchRest(tokens, i, entry.tokens, quoteMayInterrupt(kb, entry));
      if (endToken < 0 || !entryAllowed(entry, tokens, i, endToken, options)) continue;
      // A one-word alias reached only by peeling clitics must be a real word, not a fragment ("كمال" → "مال").
      if (form !== token.norm && entry.tokens.length === 1 && form.length < 3) continue;
      const candidate: KbMatch = { entry, firstToken: i, endToken, start, end: tokens[endToken - 1].end };
      if (!best || better(candidate, best)) best = candidate;
    }
  }
  return best;
}

function better(a: KbMatch, b: KbMatch): boolean {
  if (a.endToken !== b.endToken) return a.endToken > b.endToken;
  return MODE_RANK[a.entry.mode] > MODE_RANK[b.entry.mode];
}
