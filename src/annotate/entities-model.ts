// Entities proposed by the learned recogniser (src/ner/) where the knowledge base and the rules found nothing.
// Input: the entity scan after the rules. Output: model mentions, resolved to a knowledge-base entity when their
// name is a known alias of a compatible type, else to a new entity minted from the name.
import type { EntityMention, EntityType, Token } from '../document.js';
import type { KnowledgeBase } from '../kb/kb.js';
import type { NerType } from '../ner/labels.js';
import { tagDocument, type NerTagger } from '../ner/tagger.js';
import { addMention, contextEntityId, contextName, dropMention, nameStartOffset, type Scan } from './entities-scan.js';
import { cueOf, headAt, type NameRange } from './entity-cues.js';
import { isQuote } from './kb-match.js';

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
  for (const [s, [from]] of ranges.entries()) {
    for (const span of tagged[s]) {
      const type = ENTITY_TYPE[span.type];
      let first = from + span.first;
      let end = from + span.end;
      while (first < end && !isNameToken(tokens[first])) first++;
      while (end > first && !isNameToken(tokens[end - 1])) end--;
      if (type === null || first === end || !takeOver(scan, first, end)) continue;
      const range: NameRange = { firstToken: first, endToken: end, wholeFirst: keepsProclitics(tokens[first], tagger) };
      const name = contextName(tokens, range);
      addMention(scan, first, end, nameStartOffset(tokens, range), type, knownEntity(scan.kb, name, type) ?? contextEntityId(type, name), 'model');
    }
  }
}

function isNameToken(token: Token): boolean {
  return (token.kind === 'word' || token.kind === 'latin' || token.kind === 'number') && !isQuote(token);
}

/**
 * Whether the model's span may be added: it overlaps no rule mention, or it strictly extends plain knowledge-base
 * matches inside it ("سبارتاك [موسكو]", "[واشنطن] تايمز"), which it then replaces. Facilities, role titles and
 * context-rule names are kept.
 */
function takeOver(scan: Scan, first: number, end: number): boolean {
  const inside = new Set<EntityMention>();
  for (let k = first; k < end; k++) {
    const mention = scan.covered[k];
    if (mention) inside.add(mention);
  }
  if (inside.size === 0) return true;
  const policy = process.env.MARSAD_NER_POLICY ?? '';
  if (policy.includes('context') && [...inside].every((m) => m.source === 'context' && m.type !== 'facility')) {
    for (const mention of inside) dropMention(scan, mention);
    return true;
  }
  let coveredTokens = 0;
  for (const mention of inside) {
    if (mention.source !== 'kb' || mention.type === 'facility' || scan.titleMentions.has(mention)) return false;
    const [from, to] = tokenRangeOf(scan, mention);
    if (from < first || to > end) return false;
    coveredTokens += to - from;
  }
  if (coveredTokens >= end - first) return false;
  // "منظمة [العفو الدولية]": a generic head the rules leave out on purpose is no extension.
  let extendsMatch = false;
  for (let k = first; k < end; k++) {
    if (!scan.covered[k] && cueOf(scan.tokens[k], scan.cues.droppedHeads) === undefined && headAt(scan.tokens[k], scan.cues.locationHeads) === null) extendsMatch = true;
  }
  if (!extendsMatch) return false;
  for (const mention of inside) dropMention(scan, mention);
  return true;
}

function tokenRangeOf(scan: Scan, mention: EntityMention): [number, number] {
  let from = -1;
  let to = -1;
  scan.covered.forEach((m, k) => {
    if (m !== mention) return;
    if (from < 0) from = k;
    to = k + 1;
  });
  return [from, to];
}

/**
 * The tokeniser peels what looks like a proclitic; in a foreign name it may be the first letter ("برشلونة",
 * "كانا"). The whole word is kept when news text knows it and does not know the peeled form.
 */
function keepsProclitics(token: Token, tagger: NerTagger): boolean {
  if (token.prefix === '') return false;
  const known = tagger.lexicon.clusters;
  return known.has(token.norm) && !known.has(token.stem);
}

function knownEntity(kb: KnowledgeBase, name: string, type: EntityType): string | null {
  for (const entry of kb.lookup(name)) {
    const entity = kb.getEntity(entry.entityId);
    if (entry.mode === 'plain' && entity && COMPATIBLE[type].includes(entity.type)) return entity.id;
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
