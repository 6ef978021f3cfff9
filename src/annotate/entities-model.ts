// Entities proposed by the learned recogniser (src/ner/) where the knowledge base and the rules found nothing.
// Input: the entity scan after the rules. Output: model mentions, resolved to a knowledge-base entity when their
// name is a known alias of a compatible type, else to a new entity minted from the name.
import type { EntityMention, EntityType, Token } from '../document.js';
import type { KnowledgeBase } from '../kb/kb.js';
import type { LabeledSpan, NerType } from '../ner/labels.js';
import { tagDocument, type NerTagger } from '../ner/tagger.js';
import { addMention, contextEntityId, contextName, dropMention, nameStartOffset, type Scan } from './entities-scan.js';
import { cueOf, headAt, isCommonWord, isFunctionWord, isNisba, type NameRange, type PersonCue } from './entity-cues.js';
import { inPlaceContext, isQuote } from './kb-match.js';

/**
 * ANERcorp's MISC mixes currencies, religions, prizes and wars ("دولار", "الإسلام", "نوبل"): the tagger learns
 * it so that those words are not called persons or places, but the pipeline reports no MISC entities.
 */
const ENTITY_TYPE: Record<NerType, EntityType | null> = { PERS: 'person', ORG: 'organization', LOC: 'location', MISC: null };

/** KB types a model type may resolve to: a place the model finds may be a facility the KB knows. */
const COMPATIBLE: Record<EntityType, readonly EntityType[]> = {
  person: ['person'], organization: ['organization'], location: ['location', 'facility'], facility: ['facility'], misc: [],
};

export function addModelMentions(scan: Scan, tagger: NerTagger): void {
  const { tokens } = scan;
  const ranges = sentenceRanges(scan);
  const tagged = tagDocument(tagger, ranges.map(([from, to]) => tokens.slice(from, to)));
  dropUnconfirmedPersons(scan, ranges, tagged);
  for (const [s, [from]] of ranges.entries()) {
    for (const span of tagged[s]) {
      const type = ENTITY_TYPE[span.type];
      let first = from + span.first;
      let end = from + span.end;
      while (first < end && !isNameToken(tokens[first])) first++;
      while (end > first && !isNameToken(tokens[end - 1])) end--;
      // A title is context, not name ("المدرّس [سامر النجار]"), as the rules and the gold conventions have it.
      while (type === 'person' && first < end - 1 && isTitle(cueOf(tokens[first], scan.cues.personCues))) first++;
      // Function words are never part of a name ("محمد إسماعيل [بأنه]").
      while (first < end && isFunctionWord(tokens[first], scan.cues)) first++;
      while (end > first && isFunctionWord(tokens[end - 1], scan.cues)) end--;
      if (type === null || first === end || fragment(scan, first, end)) continue;
      const inherited = settleOverlaps(scan, first, end, type);
      if (inherited === false) continue;
      const range: NameRange = { firstToken: first, endToken: end, wholeFirst: keepsProclitics(tokens[first], scan) };
      const name = contextName(tokens, range);
      const known = knownEntity(scan.kb, name, type);
      // «دعم مالي»: a name the knowledge base reserves for where a place is named is not one elsewhere, whatever the
      // tagger (which reads the KB's match as a feature) says.
      if (known?.context && !inPlaceContext(tokens, first, end, scan.kb)) continue;
      const entityId = inherited ?? known?.id ?? contextEntityId(type, name);
      addMention(scan, first, end, nameStartOffset(tokens, range), type, entityId, 'model');
    }
  }
}

/**
 * A person the rules found after a title that the tagger, reading the same words in context, does not take for a
 * name of any type, and whose first word is no known first name: the title was a common word there ("الفريق جاهز":
 * «الفريق» is also "the team") or the "name" is not one ("وزير خارجيتها وتجارتها"). One-word GeoNames places the
 * tagger leaves untagged are kept: it does not know most small towns (dropping them gained 0.1 F1 on ANERcorp dev).
 */
function dropUnconfirmedPersons(scan: Scan, ranges: readonly [number, number][], tagged: readonly LabeledSpan[][]): void {
  const named = new Uint8Array(scan.tokens.length);
  for (const [s, [from]] of ranges.entries()) for (const span of tagged[s]) named.fill(1, from + span.first, from + span.end);
  for (let k = 0; k < scan.tokens.length; k++) {
    const mention = scan.covered[k];
    if (!mention || mention.source !== 'context' || mention.type !== 'person' || scan.titleMentions.has(mention)) continue;
    const [from, to] = tokenRangeAround(scan, k);
    k = to - 1;
    const first = scan.tokens[from];
    if (scan.cues.firstNames.has(first.norm) || scan.cues.firstNames.has(first.stem)) continue;
    if (named.subarray(from, to).some((v) => v === 1)) continue;
    dropMention(scan, mention);
    scan.covered.fill(undefined, from, to);
  }
}

/** A person cue other than a kunya ("أبو الغيط" keeps its أبو). */
function isTitle(cue: PersonCue | undefined): boolean {
  return cue !== undefined && cue !== 'kunya';
}

function isNameToken(token: Token): boolean {
  return (token.kind === 'word' || token.kind === 'latin' || token.kind === 'number') && !isQuote(token);
}

/**
 * Where the model and the rules disagree, the model decides what is a name and how far it reaches; the knowledge
 * base still says which entity it is. Kept as the rules found them: facilities and role titles (the model was not
 * taught either), knowledge-base names the model's span lies inside or cuts through, and spans whose only extra
 * words are generic heads the rules leave out on purpose ("منظمة [العفو الدولية]"). Returns false to drop the
 * model's span, else the entity id it inherits from the one knowledge-base mention of its type it swallows (or null).
 */
function settleOverlaps(scan: Scan, first: number, end: number, type: EntityType): string | null | false {
  // Each overlapping mention with its token range, grown outwards from a token it covers.
  const overlapping = new Map<EntityMention, [number, number]>();
  for (let k = first; k < end; k++) {
    const mention = scan.covered[k];
    if (mention && !overlapping.has(mention)) overlapping.set(mention, tokenRangeAround(scan, k));
  }
  if (overlapping.size === 0) return null;
  let ruleTokens = 0;
  const swallowed: EntityMention[] = [];
  for (const [mention, [from, to]] of overlapping) {
    if (mention.type === 'facility' || scan.titleMentions.has(mention)) return false;
    const inside = from >= first && to <= end;
    if (mention.source === 'kb' && !inside) return false;
    if (mention.source === 'context' && from <= first && to >= end && to - from > end - first && keepsContext(scan, mention, first, end, from, to)) return false;
    if (mention.source === 'kb') swallowed.push(mention);
    ruleTokens += Math.min(to, end) - Math.max(from, first);
  }
  if (ruleTokens >= end - first && [...overlapping.keys()].every((m) => m.source === 'kb')) return false;
  if (!extendsBeyondHeads(scan, first, end)) return false;
  for (const [mention, [from, to]] of overlapping) {
    dropMention(scan, mention);
    for (let k = from; k < to; k++) if (scan.covered[k] === mention) scan.covered[k] = undefined;
  }
  const sameType = swallowed.filter((m) => m.type === type || (type === 'location' && m.type === 'facility'));
  return sameType.length === 1 && new Set(swallowed.map((m) => m.entityId)).size === 1 ? sameType[0].entityId : null;
}

/**
 * A rule's name around a shorter model span stays when it was found after a head noun ("بلدة [خان] أرنبة",
 * "[مؤسسة مياه [الحسكة]]") or when the model kept only a known first name ("أبو [خالد]"); after a person's title
 * the model's shorter name usually is the better one ("شيراك [شذ]" is no name).
 */
function keepsContext(scan: Scan, mention: EntityMention, first: number, end: number, from: number, to: number): boolean {
  if (mention.type === 'organization') return !nameAfterDroppedHead(scan, first, end, from, to);
  if (mention.type !== 'person') return true;
  return end - first === 1 && scan.cues.firstNames.has(scan.tokens[first].norm);
}

/**
 * "صحيفة [هآرتس]", "شركة [شل] البريطانية": the rule took a generic head the conventions drop when the name stands
 * alone (eval/README.md), with the descriptors after the name; the model reads the name alone, which is that evidence.
 * True when the model's span starts right after such a head (or its opening quote) and only quotes, relation
 * adjectives and common words of the rule's span follow it.
 */
function nameAfterDroppedHead(scan: Scan, first: number, end: number, from: number, to: number): boolean {
  const { tokens, cues } = scan;
  if (cueOf(tokens[from], cues.droppedHeads) !== 'organization') return false;
  const nameAt = isQuote(tokens[from + 1]) ? from + 2 : from + 1;
  if (first !== nameAt) return false;
  for (let k = end; k < to; k++) {
    const t = tokens[k];
    if (!isQuote(t) && !isNisba(t, cues) && !isCommonWord(t, cues)) return false;
  }
  return true;
}

/**
 * Some word of the span outside the knowledge-base names it swallows is more than a generic head, and, when it
 * swallows one, more than a common word or nationality ("[دير الزور] الشرقي", "[حزب الله] اللبناني").
 */
function extendsBeyondHeads(scan: Scan, first: number, end: number): boolean {
  let swallowsKb = false;
  for (let k = first; k < end; k++) if (scan.covered[k]?.source === 'kb') swallowsKb = true;
  for (let k = first; k < end; k++) {
    if (scan.covered[k]?.source === 'kb') continue;
    const t = scan.tokens[k];
    if (cueOf(t, scan.cues.droppedHeads) !== undefined || headAt(t, scan.cues.locationHeads) !== null) continue;
    if (swallowsKb && (scan.cues.commonWords.has(t.stem) || scan.kb.nationalityAdjectives.has(t.bare))) continue;
    return true;
  }
  return false;
}

/**
 * One word that cannot be a name on its own: a peeled stem that is a short fragment ("ل|يلي" in "ليلي", nightly),
 * or a generic head noun ("مخيمات الريف الشمالي", "الحركة"), which the rules only take with a name after it.
 */
function fragment(scan: Scan, first: number, end: number): boolean {
  if (end - first !== 1) return false;
  const t = scan.tokens[first];
  const { cues } = scan;
  if (t.prefix !== '' && t.stem.length <= 3 && !keepsProclitics(t, scan)) return true;
  // "مصادر عسكرية سورية": a relation adjective agreeing with the indefinite noun before it.
  const previous = scan.tokens[first - 1];
  if (t.prefix === '' && t.norm.endsWith('يه') && previous?.kind === 'word' && previous.prefix === '' && !previous.stem.startsWith('ال')) return true;
  const heads = [cues.locationHeads, cues.organizationHeads, cues.facilityHeads];
  return cueOf(t, cues.droppedHeads) !== undefined || heads.some((h) => h.has(t.bare) || headAt(t, h) !== null);
}

/** The token range of the mention covering token k (a mention covers consecutive tokens). */
function tokenRangeAround(scan: Scan, k: number): [number, number] {
  const mention = scan.covered[k];
  let from = k;
  let to = k + 1;
  while (from > 0 && scan.covered[from - 1] === mention) from--;
  while (to < scan.covered.length && scan.covered[to] === mention) to++;
  return [from, to];
}

/**
 * The tokeniser peels what looks like a proclitic; in a name it may be the first letter ("كريم", "برشلونة",
 * "بلودان"). The whole word is kept for a known first name, and for a rare stem after ب ك ف ل; "و" + word and a
 * clitic before the article ("والحسكة") are always peeled.
 */
function keepsProclitics(token: Token, scan: Scan): boolean {
  if (token.prefix === '') return false;
  const { cues, kb } = scan;
  if (cues.firstNames.has(token.norm)) return true;
  if (token.stem.startsWith('ال') || token.prefix.startsWith('و')) return false;
  return !(cues.firstNames.has(token.stem) || cues.commonWords.has(token.stem) || kb.aliasesByFirstToken.has(token.stem));
}

/** The KB entity a model name resolves to: a plain alias, or one reserved for a place context (`context`). */
function knownEntity(kb: KnowledgeBase, name: string, type: EntityType): { id: string; context: boolean } | null {
  for (const entry of kb.lookup(name)) {
    const entity = kb.getEntity(entry.entityId);
    if ((entry.mode === 'plain' || entry.mode === 'context') && entity && COMPATIBLE[type].includes(entity.type)) {
      return { id: entity.id, context: entry.mode === 'context' };
    }
  }
  return null;
}

/** Token ranges of the document's sentences (the tagger was trained on sentences); all tokens when none. */
function sentenceRanges(scan: Scan): [number, number][] {
  const { tokens, doc } = scan;
  if (doc.sentences.length === 0) return tokens.length > 0 ? [[0, tokens.length]] : [];
  const ranges: [number, number][] = [];
  let k = 0;
  for (const sentence of doc.sentences) {
    while (k < tokens.length && tokens[k].start < sentence.start) k++;
    const from = k;
    while (k < tokens.length && tokens[k].start < sentence.end) k++;
    if (k > from) ranges.push([from, k]);
  }
  return ranges;
}
