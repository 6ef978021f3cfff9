// Claims stage: every attributed statement of an article ("قال X إن …", "أكدت X جاهزيتها …", "… بحسب بيان لـX",
// "وهو أمر نفته X") becomes a ClaimMention whose span is what was said.
// Input: a Document with tokens, sentences, entities and times. Output: the Document with `claims` filled, in text order.
// Conventions (the cue lexicon is data/cues.json):
// - Content: after «إن/أن» the complementizer and its pronoun suffix («إنها» = the speaker) stay outside; a quote that
//   makes up the whole content is taken without its marks; otherwise the clause runs to the sentence end (quotes may
//   hold full stops), a paragraph break, or a comma before the next claim («، مؤكدةً»، «، فيما قال»، «، بحسب»).
//   «… ، بحسب X» takes the sentence before the attribution, as published (a leading «و» included).
// - Claims do not nest: cues inside the content of a claim, or inside a sentence a later «بحسب» attributes, make none.
// - Speaker: the name right after the verb (after a title: the person); an unnamed source keeps its text
//   («مصادر حكومية», addressee «لرويترز» left out); «الحكومة»/«الجيش» alone: the latest earlier mention whose own
//   name, knowledge-base name or parent body's name has that word among its first two; «البيان»: the last entity named
//   as issuing a statement; a name right before the verb («قسد تعلن»); otherwise the previous claim's speaker, with an
//   empty speakerText (pronoun or verb agreement only).
// - Headlines are never annotated: doc.title, and lines of few words without a full stop.
import { isIgnorable } from '../arabic/normalize.js';
import { splitSentences, stripArticle, tokenize } from '../arabic/tokenize.js';
import { isFunctionWord, loadCues, type Cues } from '../annotate/entity-cues.js';
import type { ClaimMention, Document, EntityMention, Span, Token } from '../document.js';
import type { KnowledgeBase } from '../kb/kb.js';
import { adverbLength, hasBare, hasForm, loadClaimLexicon, lookupForms, lookupIn, type Attribution, type ClaimLexicon, type CueSpec } from './lexicon.js';

/** Everything the rules read, computed once per article. */
interface Context {
  doc: Document;
  tokens: Token[];
  kb: KnowledgeBase;
  lexicon: ClaimLexicon;
  entityCues: Cues;
  /** The entity mention whose first token is i. */
  mentionAt: (EntityMention | undefined)[];
  /** Token index after each mention. */
  mentionEnd: Map<EntityMention, number>;
  timeEnd: (number | undefined)[];
  headline: boolean[];
  sentenceOf: number[];
  sentenceStart: number[];
  paragraphOf: number[];
  /** Token ranges [from, to) whose statement a later «بحسب X» attributes: cue token → range. */
  trailing: Map<number, { from: number; to: number }>;
  owned: boolean[];
  claims: Built[];
  /** The last entity named as issuing a statement ("في بيان", "بحسب بيان لـX"): who «البيان» is. */
  lastIssuer: string | null;
}

interface Speaker {
  id: string | null;
  text: string;
  unnamed: boolean;
  /** A name, an unnamed source, a generic noun resolved from context, another noun, or only verb agreement. */
  kind: 'entity' | 'unnamed' | 'generic' | 'noun' | 'implicit';
  first: number;
  end: number;
}

interface Built {
  claim: ClaimMention;
  /** Sentence of the cue. */
  sentence: number;
  /** Token after the content (or after the speaker, when the content comes first): scanning resumes there. */
  resume: number;
  contentEnd: number;
}

const DENIAL: CueSpec = { stance: 'deny', object: false, prepositions: new Set(), target: false, source: null };
const ATTRIBUTION: CueSpec = { stance: 'assert', object: false, prepositions: new Set(), target: false, source: null };
const SENTENCE_END = new Set(['.', '!', '?', '؟', '؛', ';']);
const COMMAS = new Set(['،', ',']);
/** Words that open a noun phrase and are function words elsewhere: demonstratives and quantifiers. */
const PHRASE_OPENERS = new Set(['هذا', 'هذه', 'هذين', 'هاتين', 'هولاء', 'اي', 'كل', 'جميع', 'بعض']);
const RELATIVE_PRONOUNS = new Set(['الذي', 'التي', 'الذين', 'اللذين', 'اللتين', 'اللواتي']);
const MIN_CONTENT_WORDS = 2;
const MAX_SPEAKER_TOKENS = 7;
const MAX_TARGET_TOKENS = 7;
const MAX_PARENTHETICAL_TOKENS = 14;
const HEADLINE_MAX_WORDS = 16;

export function annotateClaims(doc: Document, kb: KnowledgeBase): Document {
  const ctx = buildContext(doc, kb);
  const { tokens } = ctx;
  let i = 0;
  while (i < tokens.length) {
    const built = ctx.headline[i] || (ctx.owned[i] && !ctx.trailing.has(i)) ? null
      : trailingClaim(ctx, i) ?? denialClaim(ctx, i) ?? leadingAttributionClaim(ctx, i) ?? participleClaim(ctx, i) ?? verbClaim(ctx, i);
    if (built) {
      ctx.claims.push(built);
      i = Math.max(i + 1, built.resume);
    } else {
      i++;
    }
  }
  const claims = ctx.claims.map((b) => b.claim).sort((a, b) => a.start - b.start || a.cueSpan.start - b.cueSpan.start);
  return { ...doc, claims };
}

// ---------------------------------------------------------------------------------------------------------------
// Context

function buildContext(doc: Document, kb: KnowledgeBase): Context {
  const tokens = doc.tokens.length > 0 ? doc.tokens : tokenize(doc.text);
  const sentences = doc.sentences.length > 0 ? doc.sentences : splitSentences(doc.text);
  const mentionAt: (EntityMention | undefined)[] = new Array(tokens.length);
  const mentionEnd = new Map<EntityMention, number>();
  for (const mention of doc.entities) {
    const first = tokenIndexAt(tokens, mention.start);
    if (first < 0) continue;
    let end = first;
    while (end < tokens.length && tokens[end].start < mention.end) end++;
    mentionAt[first] ??= mention;
    mentionEnd.set(mention, end);
  }
  const timeEnd: (number | undefined)[] = new Array(tokens.length);
  for (const time of doc.times) {
    const first = tokenIndexAt(tokens, time.start);
    if (first < 0) continue;
    let end = first;
    while (end < tokens.length && tokens[end].start < time.end) end++;
    timeEnd[first] = end;
  }
  const sentenceOf: number[] = new Array(tokens.length);
  const sentenceStart: number[] = [];
  let s = 0;
  for (let i = 0; i < tokens.length; i++) {
    while (s < sentences.length - 1 && tokens[i].start >= sentences[s].end) s++;
    sentenceOf[i] = s;
    sentenceStart[s] ??= i;
  }
  const ctx: Context = {
    doc, tokens, kb, lexicon: loadClaimLexicon(), entityCues: loadCues(kb), mentionAt, mentionEnd, timeEnd,
    headline: headlineTokens(doc.text, tokens), sentenceOf, sentenceStart, paragraphOf: paragraphIndexes(doc.text, tokens),
    trailing: new Map(), owned: new Array(tokens.length).fill(false), claims: [], lastIssuer: null,
  };
  findTrailingAttributions(ctx);
  return ctx;
}

/** The token whose text covers `offset` (an entity may start after a proclitic), or -1. */
function tokenIndexAt(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].end <= offset) lo = mid + 1;
    else if (tokens[mid].start > offset) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** Lines with no sentence-final mark and few words are headlines and subheadings: never annotated. */
function headlineTokens(text: string, tokens: Token[]): boolean[] {
  const headline: boolean[] = new Array(tokens.length).fill(false);
  let i = 0;
  while (i < tokens.length) {
    const lineEnd = nextLineBreak(text, tokens[i].start);
    let j = i;
    let words = 0;
    let ended = false;
    while (j < tokens.length && tokens[j].start < lineEnd) {
      if (tokens[j].kind === 'word') words++;
      if (SENTENCE_END.has(tokens[j].text)) ended = true;
      j++;
    }
    if (!ended && words < HEADLINE_MAX_WORDS) headline.fill(true, i, j);
    i = j;
  }
  return headline;
}

function nextLineBreak(text: string, from: number): number {
  const at = text.indexOf('\n', from);
  return at < 0 ? text.length : at;
}

// ---------------------------------------------------------------------------------------------------------------
// Token helpers

const isComma = (t: Token | undefined) => t !== undefined && COMMAS.has(t.text);
const isSentenceEnd = (t: Token | undefined) => t !== undefined && SENTENCE_END.has(t.text);
const isQuote = (t: Token | undefined) => t !== undefined && t.norm === '"';
const isPunct = (t: Token | undefined) => t !== undefined && (t.kind === 'punct' || t.kind === 'other');

/** A paragraph break lies between token i-1 and token i. */
function breakBefore(ctx: Context, i: number): boolean {
  return i > 0 && i < ctx.tokens.length && ctx.paragraphOf[i] !== ctx.paragraphOf[i - 1];
}

function paragraphIndexes(text: string, tokens: Token[]): number[] {
  const paragraphOf: number[] = new Array(tokens.length);
  let paragraph = 0;
  let nextBreak = text.indexOf('\n');
  for (let i = 0; i < tokens.length; i++) {
    while (nextBreak >= 0 && nextBreak < tokens[i].start) {
      paragraph++;
      nextBreak = text.indexOf('\n', nextBreak + 1);
    }
    paragraphOf[i] = paragraph;
  }
  return paragraphOf;
}

function wordsIn(tokens: Token[], from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) if (tokens[k].kind === 'word' || tokens[k].kind === 'number' || tokens[k].kind === 'latin') n++;
  return n;
}

/** Offset after the leading conjunction of a cue looked up without it ("وقالت" → "قالت"). */
function cueStart(ctx: Context, token: Token, form: string): number {
  if (form === token.norm) return token.start;
  let k = token.start + 1;
  while (k < token.end && isIgnorable(ctx.doc.text[k])) k++;
  return k;
}

function cueSpanOf(ctx: Context, first: number, last: number, forms: readonly string[]): Span {
  const token = ctx.tokens[first];
  const form = lookupForms(token).find((f) => forms.includes(f)) ?? token.norm;
  return { start: cueStart(ctx, token, form), end: ctx.tokens[last].end };
}

/** "«" / "»" nest; the other quote marks toggle (outlets open with ” as often as with “). */
function matchingQuote(ctx: Context, open: number): number | null {
  const { tokens } = ctx;
  const guillemet = tokens[open].text === '«';
  let depth = 0;
  for (let k = open + 1; k < tokens.length && !breakBefore(ctx, k); k++) {
    const t = tokens[k];
    if (!isQuote(t)) continue;
    if (guillemet) {
      if (t.text === '«') depth++;
      else if (t.text === '»' && depth-- === 0) return k;
    } else if (t.text !== '«' && t.text !== '»') {
      return k;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Cue recognition

interface AttributionMatch {
  cueFirst: number;
  cueLast: number;
  /** First token of the source phrase, and where its text starts (after a proclitic "ل"). */
  npFirst: number;
  npEnd: number;
  attribution: Attribution;
}

/** «بحسب X», «وفقاً لـX», «نقلاً عن X» where X is a name or a source («بيان»، «مصادر»، «وكالة»). */
function attributionAt(ctx: Context, i: number): AttributionMatch | null {
  const { tokens, lexicon } = ctx;
  const forms = lookupForms(tokens[i]);
  if (!forms.some((form) => lexicon.attributionStarts.has(form))) return null;
  for (const attribution of lexicon.attributions) {
    if (!forms.includes(attribution.words[0])) continue;
    let k = i + 1;
    let ok = true;
    for (const word of attribution.words.slice(1)) ok &&= tokens[k++]?.norm === word;
    if (!ok) continue;
    const cueLast = k - 1;
    if (attribution.preposition) {
      const t = tokens[k];
      if (t?.norm === attribution.preposition) k++;
      else if (!t || !t.prefix.endsWith(attribution.preposition)) continue;
    }
    let npEnd = k;
    while (npEnd < tokens.length && npEnd - k < MAX_SPEAKER_TOKENS && !breakBefore(ctx, npEnd)
      && (!isPunct(tokens[npEnd]) || isQuote(tokens[npEnd]) || tokens[npEnd].text === '(' || tokens[npEnd].text === ')')) npEnd++;
    if (!validSource(ctx, k, npEnd)) continue;
    return { cueFirst: i, cueLast, npFirst: k, npEnd, attribution };
  }
  return null;
}

function validSource(ctx: Context, from: number, to: number): boolean {
  const { lexicon } = ctx;
  for (let k = from; k < to; k++) if (ctx.mentionAt[k]) return true;
  for (let k = from; k < Math.min(to, from + 2); k++) {
    const t = ctx.tokens[k];
    if (hasBare(lexicon.sourceNouns, t) || hasBare(lexicon.statementNouns, t) || hasBare(lexicon.unnamedHeads, t)) return true;
  }
  return false;
}

/** A word at i (or after one or two linking words: «فيما»، «بعدما»، «وهو أمر») opens a new claim. */
function claimStartsNear(ctx: Context, i: number): boolean {
  const { tokens, lexicon } = ctx;
  // «، التي أعلنت الولايات المتحدة انطلاقها»: a relative clause belongs to the noun before it.
  if (RELATIVE_PRONOUNS.has(tokens[i]?.norm)) return false;
  for (let k = i; k < Math.min(i + 3, tokens.length) && !isPunct(tokens[k]); k++) {
    const t = tokens[k];
    if (lookupIn(lexicon.verbs, t) || lookupIn(lexicon.participles, t) || hasForm(lexicon.denialOpeners, t) && denialCueAfter(ctx, k) !== null) return true;
    if (attributionAt(ctx, k)) return true;
  }
  return false;
}

function denialCueAfter(ctx: Context, opener: number): number | null {
  for (let k = opener + 1; k <= opener + 2; k++) if (ctx.tokens[k] && ctx.lexicon.denialCues.has(ctx.tokens[k].norm)) return k;
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Content

interface Content extends Span {
  endToken: number;
}

/** Where the content ends: the sentence end outside quotes, a paragraph break, or a comma before a new claim. */
function clauseEnd(ctx: Context, from: number): number {
  const { tokens } = ctx;
  let depth = 0;
  let toggled = false;
  let m = from;
  for (; m < tokens.length; m++) {
    const t = tokens[m];
    if (m > from && breakBefore(ctx, m)) break;
    if (isQuote(t)) {
      if (t.text === '«') depth++;
      else if (t.text === '»') depth = Math.max(0, depth - 1);
      else toggled = !toggled;
      continue;
    }
    if (depth > 0 || toggled) continue;
    if (isSentenceEnd(t)) break;
    if (isComma(t) && claimStartsNear(ctx, m + 1)) break;
  }
  return trimPunctuation(tokens, from, m);
}

function trimPunctuation(tokens: Token[], from: number, end: number): number {
  while (end > from && isPunct(tokens[end - 1]) && !isQuote(tokens[end - 1]) && tokens[end - 1].text !== ')') end--;
  return end;
}

/** What was said from token k: the inside of a quote that closes the clause, else the clause. */
function contentFrom(ctx: Context, k: number, startOffset?: number): Content | null {
  const { tokens } = ctx;
  if (k >= tokens.length || ctx.headline[k]) return null;
  if (isQuote(tokens[k])) {
    const close = matchingQuote(ctx, k);
    if (close !== null && closesClause(ctx, close + 1)) {
      const end = trimPunctuation(tokens, k + 1, close);
      if (wordsIn(tokens, k + 1, end) < MIN_CONTENT_WORDS) return null;
      return { start: tokens[k + 1].start, end: tokens[end - 1].end, endToken: close + 1 };
    }
  }
  const end = clauseEnd(ctx, k);
  if (wordsIn(tokens, k, end) < MIN_CONTENT_WORDS) return null;
  return { start: startOffset ?? tokens[k].start, end: tokens[end - 1].end, endToken: end };
}

function closesClause(ctx: Context, j: number): boolean {
  const t = ctx.tokens[j];
  return t === undefined || breakBefore(ctx, j) || isSentenceEnd(t) || (isComma(t) && claimStartsNear(ctx, j + 1));
}

/**
 * Where the content starts at token k: after «:», after «إن/أن» (the complementizer and its pronoun suffix, which
 * is the speaker, stay outside), after a preposition of the cue («إلى أن»، «على»، «بـ»), or at an opening quote.
 */
/** The first token of what was said, and a character offset into it when the content starts inside it. */
interface ContentStart {
  token: number;
  offset?: number;
}

function markedContentStart(ctx: Context, k: number, spec: CueSpec, quoteOpens = true): ContentStart | null {
  const { tokens, lexicon } = ctx;
  const t = tokens[k];
  if (!t) return null;
  if (t.text === ':') return { token: k + 1 };
  if (hasForm(lexicon.complementizers, t)) return { token: k + 1 };
  if (spec.prepositions.has(t.norm)) return { token: hasForm(lexicon.complementizers, tokens[k + 1]) ? k + 2 : k + 1 };
  if (t.kind === 'word' && t.prefix !== '' && spec.prepositions.has(t.prefix[t.prefix.length - 1])) {
    if (lexicon.complementizers.has(t.stem)) return { token: k + 1 };
    return { token: k, offset: t.stemStart };
  }
  if (quoteOpens && isQuote(t) && t.text !== '»') return { token: k };
  return null;
}

/** A direct object can open with a noun, a number, a demonstrative or a quantifier («هذه الزيارة»، «أي وجود»), not a particle. */
function isObjectWord(ctx: Context, k: number): boolean {
  const t = ctx.tokens[k];
  if (!t || (t.kind !== 'word' && t.kind !== 'number')) return false;
  if (hasForm(ctx.lexicon.complementizers, t)) return false;
  if (PHRASE_OPENERS.has(t.norm)) return ctx.tokens[k + 1]?.kind === 'word';
  return !isFunctionWord(t, ctx.entityCues);
}

function aboutIn(ctx: Context, spans: Span[]): string[] {
  const ids: string[] = [];
  for (const mention of ctx.doc.entities) {
    if (spans.some((s) => mention.start >= s.start && mention.end <= s.end) && !ids.includes(mention.entityId)) ids.push(mention.entityId);
  }
  return ids;
}

// ---------------------------------------------------------------------------------------------------------------
// Speakers

/** After a verb: a name (possibly after a title), an unnamed source, a generic noun, or nothing. */
function parseSpeaker(ctx: Context, cueIndex: number, k: number, spec: CueSpec): Speaker {
  const cueOffset = ctx.tokens[cueIndex].start;
  const { tokens, lexicon, entityCues } = ctx;
  let j = k;
  while (isQuote(tokens[j])) j++;
  const implicit = subjectBefore(ctx, cueIndex, k) ?? inheritedSpeaker(ctx, k);
  const t = tokens[j];
  if (!t || ctx.headline[j] || addressee(t)) return implicit;
  const mention = ctx.mentionAt[j];
  if (mention) return entitySpeaker(ctx, j, mention, mention.start);
  if (t.kind !== 'word' || stopsSpeaker(ctx, j, spec)) return implicit;
  if (hasBare(lexicon.unnamedHeads, t)) {
    const end = unnamedPhraseEnd(ctx, j, spec);
    return { id: null, text: ctx.doc.text.slice(wordStart(ctx, t, lexicon.unnamedHeads), tokens[end - 1].end), unnamed: true, kind: 'unnamed', first: j, end };
  }
  const headed = orgHeadPhrase(ctx, j, spec);
  if (headed) return headed;
  // «المتحدث باسم الوزارة محمود العلي»، «بيان لقيادة الجيش»: a title or a statement, then who it belongs to.
  if (isTitleWord(ctx, t) || hasBare(lexicon.statementNouns, t) && !t.stem.startsWith('ال')) {
    let end = j + 1;
    let named: EntityMention | undefined;
    while (end < tokens.length && end - j < MAX_SPEAKER_TOKENS && !stopsSpeaker(ctx, end, spec)) {
      const inner = ctx.mentionAt[end];
      if (inner && (!named || inner.type === 'person')) named = inner;
      end = inner ? ctx.mentionEnd.get(inner)! : end + 1;
      if (named?.type === 'person') break;
    }
    const { officeTitles, rankTitles, } = entityCues;
    const start = wordStart(ctx, t, new Set([...lookupForms(t)].filter((f) => officeTitles.has(f) || rankTitles.has(f) || lexicon.statementNouns.has(stripArticle(f)))));
    if (named) return entitySpeaker(ctx, j, named, start);
    return { id: null, text: ctx.doc.text.slice(start, tokens[end - 1].end), unnamed: false, kind: 'noun', first: j, end };
  }
  if (t.stem.startsWith('ال') && hasBare(lexicon.genericSpeakers, t)) {
    return { id: resolveGeneric(ctx, t, cueOffset), text: ctx.doc.text.slice(t.stemStart, t.end), unnamed: false, kind: 'generic', first: j, end: j + 1 };
  }
  // «شدد الجانبان على»: a definite noun right before the content marker is the subject; a masdar object is indefinite.
  if (t.stem.startsWith('ال') && !isFunctionWord(t, entityCues) && (markedContentStart(ctx, j + 1, spec) !== null || isComma(tokens[j + 1]))) {
    return { id: null, text: ctx.doc.text.slice(t.stemStart, t.end), unnamed: false, kind: 'noun', first: j, end: j + 1 };
  }
  return implicit;
}

/**
 * «مصادر حكومية»، «دوائر سياسية أميركية»، «مصادر من حركة «حماس» في غزة»: the head, its adjectives, and places or
 * bodies after «من»/«في»; not the addressee («لرويترز») nor an object («هذه الزيارة»).
 */
function unnamedPhraseEnd(ctx: Context, head: number, spec: CueSpec): number {
  const { tokens, entityCues } = ctx;
  let end = head + 1;
  while (end < tokens.length && end - head < MAX_SPEAKER_TOKENS && !stopsSpeaker(ctx, end, spec)) {
    const t = tokens[end];
    if (t.norm === 'من' || t.norm === 'في') {
      let k = end + 1;
      if (!ctx.mentionAt[k] && tokens[k]?.kind === 'word') k++;
      while (isQuote(tokens[k])) k++;
      const mention = ctx.mentionAt[k];
      if (!mention) break;
      end = ctx.mentionEnd.get(mention)!;
      while (isQuote(tokens[end])) end++;
      continue;
    }
    if (t.kind !== 'word' || addressee(t) || isFunctionWord(t, entityCues) || !/(ي|يه|ه|ين|ون)$/.test(t.norm)) break;
    end++;
  }
  return end;
}

function isTitleWord(ctx: Context, t: Token): boolean {
  const { officeTitles, rankTitles } = ctx.entityCues;
  return [t.stem, ...lookupForms(t)].some((form) => officeTitles.has(form) || rankTitles.has(form));
}

/**
 * «منظمة العفو الدولية»، «محافظة الإسكندرية»: an organisation or place head noun and the definite words after it
 * (a name the entity layer may have left out); a mention inside it speaks.
 */
function orgHeadPhrase(ctx: Context, j: number, spec: CueSpec): Speaker | null {
  const { tokens, entityCues } = ctx;
  const t = tokens[j];
  const heads = [entityCues.organizationHeads, entityCues.institutionHeads, entityCues.locationHeads, entityCues.facilityHeads];
  const headForm = lookupForms(t).find((form) => heads.some((set) => set.has(form)));
  if (t.stem.startsWith('ال') || !headForm) return null;
  const start = cueStart(ctx, t, headForm);
  let end = j + 1;
  while (end < tokens.length && end - j < MAX_SPEAKER_TOKENS && !stopsSpeaker(ctx, end, spec)) {
    const mention = ctx.mentionAt[end];
    if (mention) return entitySpeaker(ctx, j, mention, start);
    if (isQuote(tokens[end]) || tokens[end].stem.startsWith('ال')) end++;
    else break;
  }
  end = trimPunctuation(tokens, j, end);
  if (end === j + 1) return null;
  return { id: null, text: ctx.doc.text.slice(start, tokens[end - 1].end), unnamed: false, kind: 'noun', first: j, end };
}

function stopsSpeaker(ctx: Context, j: number, spec: CueSpec): boolean {
  const t = ctx.tokens[j];
  if (!t || breakBefore(ctx, j)) return true;
  if (isPunct(t)) return !isQuote(t);
  return markedContentStart(ctx, j, spec) !== null || ctx.timeEnd[j] !== undefined || adverbLength(ctx.lexicon, ctx.tokens, j) > 0;
}

/** «لرويترز»، «لـ«الشرق الأوسط»»: whom the source spoke to is not part of the source. */
function addressee(t: Token): boolean {
  return t.norm === 'ل' || (t.kind === 'word' && t.prefix.endsWith('ل'));
}

function entitySpeaker(ctx: Context, first: number, mention: EntityMention, textStart: number): Speaker {
  const { tokens } = ctx;
  let end = ctx.mentionEnd.get(mention)!;
  let textEnd = mention.end;
  // «ترامب والشرع»: the first of two coordinated speakers speaks; the text keeps both.
  let second = tokens[end]?.norm === 'و' ? end + 1 : end;
  while (isQuote(tokens[second])) second++;
  const next = ctx.mentionAt[second];
  if (next && (second > end || (tokens[end].prefix === 'و' && next.start > tokens[end].start))) {
    textEnd = next.end;
    end = ctx.mentionEnd.get(next)!;
  }
  while (isQuote(tokens[end])) {
    if (tokens[end].start === textEnd && unbalancedQuote(ctx.doc.text.slice(textStart, textEnd))) textEnd = tokens[end].end;
    end++;
  }
  // «القيادة المركزية الأميركية (سنتكوم)»: an abbreviation in brackets.
  if (tokens[end]?.text === '(') {
    const close = tokens.findIndex((t, k) => k > end && k <= end + 5 && t.text === ')');
    if (close > 0) end = close + 1;
  }
  return { id: mention.entityId, text: ctx.doc.text.slice(textStart, textEnd), unnamed: false, kind: 'entity', first, end };
}

/** Where a word found in a lexicon set starts: whole («وسائل» is no و + سائل) or after its conjunction or preposition. */
function wordStart(ctx: Context, t: Token, set: ReadonlySet<string>): number {
  const form = lookupForms(t).find((f) => set.has(stripArticle(f)) || set.has(f));
  return form ? cueStart(ctx, t, form) : t.stemStart;
}

function unbalancedQuote(text: string): boolean {
  const opens = (text.match(/[«“]/g) ?? []).length;
  const closes = (text.match(/[»”]/g) ?? []).length;
  return opens > closes;
}


/** «قسد تعلن …»، «ودمشق تحذر من …»: a name right before the verb, in the same sentence, is its subject. */
function subjectBefore(ctx: Context, cueIndex: number, at: number): Speaker | null {
  const { tokens } = ctx;
  let k = cueIndex - 1;
  while (k >= 0 && isQuote(tokens[k])) k--;
  // «وأشارت»: a verb joined by و continues the clause before, whose subject is not right before it.
  if (k < 0 || ctx.sentenceOf[k] !== ctx.sentenceOf[cueIndex] || ctx.tokens[cueIndex].prefix !== '') return null;
  for (let m = k; m >= Math.max(0, k - 6); m--) {
    const mention = ctx.mentionAt[m];
    let before = m - 1;
    while (before >= 0 && isQuote(tokens[before])) before--;
    const opensClause = before < 0 || ctx.sentenceOf[before] !== ctx.sentenceOf[m] || isPunct(tokens[before]);
    if (mention && ctx.mentionEnd.get(mention) === k + 1 && mention.type !== 'misc' && opensClause) {
      return { id: mention.entityId, text: mention.text, unnamed: false, kind: 'entity', first: m, end: at };
    }
  }
  return null;
}

/** Only a pronoun or the verb's agreement names the speaker: the previous claim's speaker goes on. */
function inheritedSpeaker(ctx: Context, at: number): Speaker {
  const previous = ctx.claims[ctx.claims.length - 1]?.claim;
  return { id: previous?.speaker ?? null, text: '', unnamed: previous?.unnamed ?? false, kind: 'implicit', first: at, end: at };
}

/**
 * «الحكومة»، «الجيش»، «البيان» alone: the most recent earlier mention named with that word (its first two words,
 * or the first two words of its knowledge-base name or of the body it belongs to: «هيئة العمليات في الجيش السوري»
 * is part of «الجيش السوري»). «البيان» is whoever issued the last statement named. Otherwise null.
 */
function resolveGeneric(ctx: Context, t: Token, before: number): string | null {
  if (hasBare(ctx.lexicon.statementNouns, t)) return ctx.lastIssuer;
  const word = t.bare;
  const mentions = ctx.doc.entities;
  for (let m = mentions.length - 1; m >= 0; m--) {
    const mention = mentions[m];
    if (mention.start >= before || (mention.type !== 'organization' && mention.type !== 'person')) continue;
    if (leadingBareWords(mention.text).includes(word)) return mention.entityId;
    const entity = ctx.kb.getEntity(mention.entityId);
    if (entity && leadingBareWords(entity.name.ar).includes(word)) return entity.id;
    const parent = entity?.partOf ? ctx.kb.getEntity(entity.partOf) : undefined;
    if (parent && leadingBareWords(parent.name.ar).includes(word)) return parent.id;
  }
  return null;
}

const leadingWordsCache = new Map<string, string[]>();
function leadingBareWords(name: string): string[] {
  let words = leadingWordsCache.get(name);
  if (!words) {
    words = tokenize(name).filter((t) => t.kind === 'word').slice(0, 2).map((t) => t.bare);
    leadingWordsCache.set(name, words);
  }
  return words;
}

// ---------------------------------------------------------------------------------------------------------------
// Adjuncts between speaker and content

interface Adjuncts {
  end: number;
  statement: boolean;
}

/** Skips «، في بيان،»، «، مساء الاثنين،»، «أيضاً», time expressions; notes whether a statement was named. */
function skipAdjuncts(ctx: Context, k: number, spec?: CueSpec): Adjuncts {
  const { tokens, lexicon } = ctx;
  let statement = false;
  for (;;) {
    const t = tokens[k];
    if (!t || breakBefore(ctx, k) && k > 0) break;
    const timeEnd = ctx.timeEnd[k];
    if (timeEnd !== undefined) { k = timeEnd; continue; }
    const adverb = adverbLength(lexicon, tokens, k);
    if (adverb > 0) { k += adverb; continue; }
    // «أكدت الحكومة في بيانها أنها …»: a short phrase with «في» right before the content marker.
    if (spec && t.norm === 'في') {
      let m = k + 1;
      while (m < tokens.length && m - k <= 4 && tokens[m].kind === 'word' && !markedContentStart(ctx, m, spec)) m++;
      if (m - k <= 4 && markedContentStart(ctx, m, spec)) {
        for (let w = k + 1; w < m; w++) statement ||= hasBare(lexicon.statementNouns, tokens[w]);
        k = m;
        continue;
      }
    }
    const afterAddressee = addresseeEnd(ctx, k);
    if (afterAddressee !== null && spec && markedContentStart(ctx, afterAddressee, spec) !== null) { k = afterAddressee; continue; }
    if (isComma(t) && (hasForm(lexicon.parentheticalOpeners, tokens[k + 1]) || ctx.timeEnd[k + 1] !== undefined)) {
      let close = k + 1;
      while (close < tokens.length && close - k <= MAX_PARENTHETICAL_TOKENS && !isComma(tokens[close]) && !isSentenceEnd(tokens[close])
        && !breakBefore(ctx, close)) close++;
      if (!isComma(tokens[close])) break;
      for (let m = k + 1; m < close; m++) statement ||= hasBare(lexicon.statementNouns, tokens[m]);
      k = close + 1;
      continue;
    }
    break;
  }
  return { end: k, statement };
}

/** «لرويترز»، «لـ«الشرق الأوسط»»، «للصحافيين»: the token after the one who was spoken to, or null. */
function addresseeEnd(ctx: Context, k: number): number | null {
  const { tokens } = ctx;
  if (!addressee(tokens[k])) return null;
  let end = tokens[k].norm === 'ل' ? k + 1 : k;
  while (isQuote(tokens[end])) end++;
  const mention = ctx.mentionAt[end];
  end = mention ? ctx.mentionEnd.get(mention)! : end + 1;
  while (isQuote(tokens[end])) end++;
  return end;
}

function namesStatement(ctx: Context, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (hasBare(ctx.lexicon.statementNouns, ctx.tokens[k])) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// Claim builders

function makeClaim(ctx: Context, content: Span, speaker: Speaker, cueSpan: Span, spec: CueSpec, about: string[]): ClaimMention {
  return {
    start: content.start,
    end: content.end,
    speaker: speaker.id,
    speakerText: speaker.text,
    unnamed: speaker.unnamed,
    cue: ctx.doc.text.slice(cueSpan.start, cueSpan.end),
    cueSpan,
    stance: spec.stance,
    about,
  };
}

function noteIssuer(ctx: Context, speaker: Speaker, statement: boolean): void {
  if (statement && speaker.id && speaker.kind !== 'implicit' && !(speaker.kind === 'generic')) ctx.lastIssuer = speaker.id;
}

/** A previous claim whose cue is in the same sentence as token i. */
function claimInSentence(ctx: Context, i: number): boolean {
  const last = ctx.claims[ctx.claims.length - 1];
  return last !== undefined && last.sentence === ctx.sentenceOf[i];
}

/** «قال X إن …»، «أكدت X جاهزيتها …»، «حذرت X Y من …»، «نقلت وكالة عن مصادر أن …». */
function verbClaim(ctx: Context, i: number): Built | null {
  const { tokens, lexicon } = ctx;
  const spec = lookupIn(lexicon.verbs, tokens[i]);
  // «اعتُبرت», «يُذكر»: a damma on the verb marks the passive, which names no speaker.
  if (!spec || tokens[i].text.includes('\u064F') || hasForm(lexicon.negations, tokens[i - 1])) return null;
  const cueSpan = cueSpanOf(ctx, i, i, lookupForms(tokens[i]).filter((form) => lexicon.verbs.has(form)));
  let k = i + 1;
  if (spec.source) {
    let m = k;
    while (m < tokens.length && m - k < MAX_SPEAKER_TOKENS && tokens[m].norm !== spec.source && !(isPunct(tokens[m]) && !isQuote(tokens[m]))) m++;
    if (tokens[m]?.norm !== spec.source) return null;
    k = m + 1;
  }
  const before = skipAdjuncts(ctx, k);
  let speaker = parseSpeaker(ctx, i, before.end, spec);
  const after = skipAdjuncts(ctx, speaker.end, spec);
  k = after.end;
  const found = contentStart(ctx, k, spec);
  if (!found) return null;
  const { start } = found;
  let { target } = found;
  // «…، بعدما اتهمت قسد بإطلاق سراحهم»: one party before «بـ» continuing a sentence is whom the speaker accuses.
  if (spec.target && !target && speaker.kind !== 'implicit' && speaker.kind !== 'generic' && speaker.first > i && speaker.end === k && claimInSentence(ctx, i)) {
    target = { start: tokens[speaker.first].start, end: tokens[speaker.end - 1].end };
    speaker = inheritedSpeaker(ctx, speaker.first);
  }
  const content = contentFrom(ctx, start.token, start.offset);
  if (!content) return null;
  noteIssuer(ctx, speaker, before.statement || after.statement || namesStatement(ctx, i + 1, speaker.end));
  const about = aboutIn(ctx, target ? [target, content] : [content]);
  return { claim: makeClaim(ctx, content, speaker, cueSpan, spec, about), sentence: ctx.sentenceOf[i], resume: content.endToken, contentEnd: content.endToken };
}

/**
 * Where what was said begins at token k: a marker («إن», «أن», a quote, «:»); for accuse/warn/demand cues, after the
 * party addressed («اتهمت X بـ»), which is returned as the target; for cues taking an object, the object itself.
 */
function contentStart(ctx: Context, k: number, spec: CueSpec): { start: ContentStart; target: Span | null } | null {
  const { tokens } = ctx;
  const start = markedContentStart(ctx, k, spec);
  if (start) return { start, target: null };
  if (spec.target) {
    for (let m = k + 1; m < tokens.length && m - k <= MAX_TARGET_TOKENS && !stopsTarget(tokens[m]); m++) {
      const after = markedContentStart(ctx, m, spec, false);
      if (after) return { start: after, target: { start: tokens[k].start, end: tokens[m - 1].end } };
    }
  }
  if (spec.object && isObjectWord(ctx, k)) return { start: { token: k }, target: null };
  return null;
}

function stopsTarget(t: Token): boolean {
  return isPunct(t) && !isQuote(t) && t.text !== '(' && t.text !== ')';
}

/** «، مؤكدةً رفضها …»: a circumstantial participle after a comma continues the sentence's speaker. */
function participleClaim(ctx: Context, i: number): Built | null {
  const { tokens, lexicon } = ctx;
  const spec = lookupIn(lexicon.participles, tokens[i]);
  if (!spec || !isComma(tokens[i - 1])) return null;
  const speaker = sentenceSpeaker(ctx, i);
  const k = skipAdjuncts(ctx, i + 1, spec).end;
  const found = contentStart(ctx, k, spec);
  if (!found) return null;
  const { start, target } = found;
  const content = contentFrom(ctx, start.token, start.offset);
  if (!content) return null;
  const about = aboutIn(ctx, target ? [target, content] : [content]);
  const cueSpan = cueSpanOf(ctx, i, i, lookupForms(tokens[i]).filter((form) => lexicon.participles.has(form)));
  return { claim: makeClaim(ctx, content, speaker, cueSpan, spec, about), sentence: ctx.sentenceOf[i], resume: content.endToken, contentEnd: content.endToken };
}

/**
 * The participle's speaker: the previous claim's when it was made in this sentence; otherwise the subject named
 * right after the sentence's opening verb («ورحب ترامب …، معتبراً»); otherwise the previous claim's.
 */
function sentenceSpeaker(ctx: Context, i: number): Speaker {
  const inherited = inheritedSpeaker(ctx, i);
  if (claimInSentence(ctx, i)) return inherited;
  const first = ctx.sentenceStart[ctx.sentenceOf[i]];
  for (let k = first + 1; k <= first + 3 && k < i; k++) {
    const mention = ctx.mentionAt[k];
    if (mention && (mention.type === 'person' || mention.type === 'organization')) return { ...inherited, id: mention.entityId, unnamed: false };
  }
  return inherited;
}

/** Marks the statements a later «، بحسب X» attributes, so that cues inside them make no claims of their own. */
function findTrailingAttributions(ctx: Context): void {
  const { tokens } = ctx;
  for (let i = 0; i < tokens.length; i++) {
    if (ctx.headline[i]) continue;
    const from = ctx.sentenceStart[ctx.sentenceOf[i]];
    if (i <= from + 1 && (i === from || tokens[from].norm === 'و')) continue;
    if (!attributionAt(ctx, i)) continue;
    // «قال X إن …، بحسب Y»: the statement has its own speaker; Y only passed it on.
    if (lookupIn(ctx.lexicon.verbs, tokens[from]) || lookupIn(ctx.lexicon.verbs, tokens[from + 1]) && from + 1 < i) continue;
    const to = trimPunctuation(tokens, from, i);
    if (wordsIn(tokens, from, to) < 3) continue;
    ctx.trailing.set(i, { from, to });
    ctx.owned.fill(true, from, to);
  }
}

/** «أجرى … اتصالاً، بحسب بيان للرئاسة السورية»: the sentence before the attribution is the content. */
function trailingClaim(ctx: Context, i: number): Built | null {
  const range = ctx.trailing.get(i);
  if (!range) return null;
  const match = attributionAt(ctx, i)!;
  const speaker = attributionSpeaker(ctx, match);
  const content: Span = { start: ctx.tokens[range.from].start, end: ctx.tokens[range.to - 1].end };
  const cueSpan = cueSpanOf(ctx, match.cueFirst, match.cueLast, match.attribution.words);
  return {
    claim: makeClaim(ctx, content, speaker, cueSpan, ATTRIBUTION, aboutIn(ctx, [content])),
    sentence: ctx.sentenceOf[i], resume: match.npEnd, contentEnd: range.to,
  };
}

/** «ووفقاً للبيان السوري، اتفق الطرفان …»: the clause after the attribution is the content. */
function leadingAttributionClaim(ctx: Context, i: number): Built | null {
  const { tokens } = ctx;
  const from = ctx.sentenceStart[ctx.sentenceOf[i]];
  if (i !== from) return null;
  const match = attributionAt(ctx, i);
  if (!match || !isComma(tokens[match.npEnd])) return null;
  const k = match.npEnd + 1;
  // «وبحسب وكالة سانا، شدد الشرع على …»: the agency passes on the statement of a speaker of its own.
  if (lookupIn(ctx.lexicon.verbs, tokens[k])) return null;
  const content = contentFrom(ctx, k);
  if (!content) return null;
  const speaker = attributionSpeaker(ctx, match);
  const cueSpan = cueSpanOf(ctx, match.cueFirst, match.cueLast, match.attribution.words);
  return {
    claim: makeClaim(ctx, content, speaker, cueSpan, ATTRIBUTION, aboutIn(ctx, [content])),
    sentence: ctx.sentenceOf[i], resume: content.endToken, contentEnd: content.endToken,
  };
}

/** The source named after «بحسب»: a name in the phrase («بيان للرئاسة السورية»), an unnamed source, or «البيان». */
function attributionSpeaker(ctx: Context, match: AttributionMatch): Speaker {
  const { tokens, lexicon } = ctx;
  const statement = namesStatement(ctx, match.npFirst, match.npEnd);
  for (let k = match.npFirst; k < match.npEnd; k++) {
    const mention = ctx.mentionAt[k];
    if (!mention) continue;
    const speaker = entitySpeaker(ctx, k, mention, mention.start);
    noteIssuer(ctx, speaker, statement);
    return speaker;
  }
  const head = tokens[match.npFirst];
  const text = ctx.doc.text.slice(head.stemStart, tokens[trimPunctuation(tokens, match.npFirst, match.npEnd) - 1].end);
  if (hasBare(lexicon.unnamedHeads, head)) {
    let end = match.npFirst + 1;
    while (end < match.npEnd && !addressee(tokens[end])) end++;
    return { id: null, text: ctx.doc.text.slice(wordStart(ctx, head, lexicon.unnamedHeads), tokens[end - 1].end), unnamed: true, kind: 'unnamed', first: match.npFirst, end };
  }
  const id = head.stem.startsWith('ال') && hasBare(lexicon.statementNouns, head) ? ctx.lastIssuer : null;
  return { id, text, unnamed: false, kind: 'generic', first: match.npFirst, end: match.npEnd };
}

/** «…، وهو أمر نفته «قسد»»: a denial by X of the clause (or the claim) just before. */
function denialClaim(ctx: Context, i: number): Built | null {
  const { tokens } = ctx;
  if (!hasForm(ctx.lexicon.denialOpeners, tokens[i])) return null;
  const cue = denialCueAfter(ctx, i);
  if (cue === null) return null;
  const speaker = parseSpeaker(ctx, cue, cue + 1, DENIAL);
  const last = ctx.claims[ctx.claims.length - 1];
  const boundary = isComma(tokens[i - 1]) ? i - 1 : i;
  let content: Span;
  if (last && last.contentEnd === boundary) {
    content = { start: last.claim.start, end: last.claim.end };
  } else {
    const from = ctx.sentenceStart[ctx.sentenceOf[i]];
    const to = trimPunctuation(tokens, from, boundary);
    if (wordsIn(tokens, from, to) < MIN_CONTENT_WORDS) return null;
    content = { start: tokens[from].start, end: tokens[to - 1].end };
  }
  const cueSpan = { start: tokens[cue].start, end: tokens[cue].end };
  return {
    claim: makeClaim(ctx, content, speaker, cueSpan, DENIAL, aboutIn(ctx, [content])),
    sentence: ctx.sentenceOf[cue], resume: Math.max(speaker.end, cue + 1), contentEnd: boundary,
  };
}
