// Entity stage: finds person, organisation, location and facility mentions and resolves them to entity ids.
// Input: a Document with tokens, and the knowledge base. Output: the Document with `entities` filled (spans without clitics).
import { tokenize } from '../arabic/tokenize.js';
import { transliterate } from '../arabic/transliterate.js';
import type { Document, EntityType } from '../document.js';
import type { KnowledgeBase } from '../kb/kb.js';
import { buildInstitutionIndex, matchUnqualifiedInstitution, nationalityOf, resolveByCountry, type InstitutionIndex } from './entities-country.js';
import { propagateSurnames, scanPersonCues } from './entities-persons.js';
import { addKbMention, addMention, contextEntityId, contextName, nameStartOffset, type Scan } from './entities-scan.js';
import {
  cueOf, describesHead, hasDefiniteWord, headAt, headComplementAt, hasRareWord, isFunctionWord, isRankTitle, loadCues,
  personNameAt, type Cues,
} from './entity-cues.js';
import { isQuote, isWord, matchKbAt, type KbMatch } from './kb-match.js';
import { addModelMentions } from './entities-model.js';
import type { NerTagger } from '../ner/tagger.js';

export { contextEntityId } from './entities-scan.js';

export interface EntityRecord {
  id: string;
  type: EntityType;
  name: { ar: string; en: string };
  coordinates?: [number, number];
}

interface StageData {
  cues: Cues;
  institutions: InstitutionIndex;
}

const stageDataByKb = new WeakMap<KnowledgeBase, StageData>();
function stageDataFor(kb: KnowledgeBase): StageData {
  let data = stageDataByKb.get(kb);
  if (!data) {
    const cues = loadCues(kb);
    stageDataByKb.set(kb, (data = { cues, institutions: buildInstitutionIndex(kb, cues.institutionHeads) }));
  }
  return data;
}

/** `tagger` (the learned recogniser) adds the names no rule finds; without it only the KB and rules run. */
export function annotateEntities(doc: Document, kb: KnowledgeBase, tagger: NerTagger | null = null): Document {
  const tokens = doc.tokens.length > 0 ? doc.tokens : tokenize(doc.text);
  const { cues, institutions } = stageDataFor(kb);
  const scan: Scan = {
    doc, tokens, kb, cues, institutionIndex: institutions, options: { date: doc.published },
    covered: new Array(tokens.length), mentions: [], titleMentions: new Set(), homographs: [], institutions: [],
  };
  scanKbAndHeads(scan);
  resolveByCountry(scan);
  scanPersonCues(scan);
  if (tagger) addModelMentions(scan, tagger);
  propagateSurnames(scan);
  scan.mentions.sort((a, b) => a.start - b.start);
  return { ...doc, entities: scan.mentions };
}

/**
 * A one-word name that can be read as a relation adjective agreeing with the noun before it:
 * "إعلام سورية" (Syrian media) after an indefinite noun, "السلم الأهلي" (civil peace) after a definite one.
 */
function adjectivalUse(scan: Scan, match: KbMatch): boolean {
  if (match.endToken - match.firstToken !== 1) return false;
  const token = scan.tokens[match.firstToken];
  const previous = scan.tokens[match.firstToken - 1];
  if (!isWord(previous) || isFunctionWord(previous, scan.cues) || previous.prefix !== '' || token.prefix !== '') return false;
  if (token.norm.endsWith('يه') && !previous.stem.startsWith('ال')) return true;
  const definiteNisba = token.stem.startsWith('ال') && token.norm.endsWith('ي');
  return definiteNisba && previous.stem.startsWith('ال') && !scan.covered[match.firstToken - 1] && !isRankTitle(previous, scan.cues);
}


/** Left to right: knowledge-base aliases (longest first), then head-noun rules where no alias starts. */
function scanKbAndHeads(scan: Scan): void {
  const { tokens } = scan;
  let i = 0;
  while (i < tokens.length) {
    const next = matchDroppedHead(scan, i) ?? matchKbWithTitles(scan, i) ?? matchLocationHead(scan, i)
      ?? matchUnqualifiedInstitution(scan, i) ?? matchHeadedName(scan, i);
    i = next ?? i + 1;
  }
}

/**
 * "تنظيم داعش" → "داعش", "قطاع غزة" → "غزة": a generic head stays outside the span when the rest is a known
 * name of the head's type, unless head and name together form a longer alias ("مدينة الثورة").
 */
function matchDroppedHead(scan: Scan, i: number): number | null {
  const { tokens, cues } = scan;
  const type = cueOf(tokens[i], cues.droppedHeads);
  if (type === undefined) return null;
  const nameAt = isQuote(tokens[i + 1]) ? i + 2 : i + 1;
  const rest = matchKbAt(tokens, nameAt, scan.kb, { ...scan.options, headed: type === 'location', titles: false });
  if (!rest || scan.kb.getEntity(rest.entry.entityId)?.type !== type) return null;
  // "محافظة ريف دمشق": the inner head decides ("ريف دمشق" is a name of its own).
  if (type === 'location' && cueOf(tokens[nameAt], cues.droppedHeads) === 'location') return i + 1;
  const whole = matchKbAt(tokens, i, scan.kb, { ...scan.options, titles: false });
  // "منظمة «هيومن رايتس ووتش»": the whole alias may also take the closing quote; that makes it no longer.
  const restEnd = isQuote(tokens[rest.endToken]) && nameAt > i + 1 ? rest.endToken + 1 : rest.endToken;
  if (whole && whole.endToken > restEnd) return null;
  addKbMention(scan, rest, whole && whole.endToken === restEnd ? placeNamedWithHead(scan, whole, rest) : rest.entry.entityId);
  return rest.endToken;
}

/**
 * "ريف دمشق" is the governorate Rif Dimashq and "مدينة الكويت" Kuwait City: when head and name together are an
 * alias of another place, that place is meant (the span still leaves the head out, per eval/README.md). "قطاع غزة"
 * stays Gaza: a place lying inside the headed one names it too.
 */
function placeNamedWithHead(scan: Scan, whole: KbMatch, rest: KbMatch): string {
  const wholeEntity = scan.kb.getEntity(whole.entry.entityId);
  const restEntity = scan.kb.getEntity(rest.entry.entityId);
  if (wholeEntity?.type !== 'location' || !restEntity || wholeEntity.id === restEntity.id) return rest.entry.entityId;
  return restEntity.partOf === wholeEntity.id ? restEntity.id : wholeEntity.id;
}


/** A KB alias at `i`; a role title only counts when no name follows it ("الرئيس السوري أحمد الشرع"). */
function matchKbWithTitles(scan: Scan, i: number): number | null {
  let match = matchKbAt(scan.tokens, i, scan.kb, scan.options);
  if (match?.entry.mode === 'title' && nameFollows(scan, match.endToken)) {
    match = matchKbAt(scan.tokens, i, scan.kb, { ...scan.options, titles: false });
  }
  if (!match || adjectivalUse(scan, match)) return null;
  addKbMention(scan, match);
  return match.endToken;
}

/** After a title: optional comma and rank words, then a KB person or a plausible name. */
function nameFollows(scan: Scan, j: number): boolean {
  const { tokens, cues } = scan;
  if (tokens[j]?.text === '،' || tokens[j]?.text === ',') j++;
  while (isRankTitle(tokens[j], cues)) j++;
  const kbMatch = matchKbAt(tokens, j, scan.kb, { ...scan.options, titles: false });
  if (kbMatch) return scan.kb.getEntity(kbMatch.entry.entityId)?.type === 'person';
  return personNameAt(tokens, j, cues, 2) !== null;
}

/** "مدينة الشدادي" → LOC "الشدادي": the head is dropped; an unknown name becomes a new place. */
function matchLocationHead(scan: Scan, i: number): number | null {
  const { tokens, cues } = scan;
  if (headAt(tokens[i], cues.locationHeads) === null) return null;
  const nameAt = isQuote(tokens[i + 1]) ? i + 2 : i + 1;
  const kbMatch = matchKbAt(tokens, nameAt, scan.kb, { ...scan.options, headed: true, titles: false });
  if (kbMatch) {
    if (scan.kb.getEntity(kbMatch.entry.entityId)?.type !== 'location') return null;
    addKbMention(scan, kbMatch);
    return kbMatch.endToken;
  }
  const range = headComplementAt(tokens, nameAt, cues, 2, true);
  if (!range || !hasRareWord(tokens, range, cues) || describesHead(tokens, range, cues, true)) return null;
  const name = contextName(tokens, range);
  addMention(scan, range.firstToken, range.endToken, nameStartOffset(tokens, range), 'location', contextEntityId('location', name), 'context');
  return range.endToken;
}

/** "سجن X", "حركة X": facility and organisation heads keep their head in the span. */
function matchHeadedName(scan: Scan, i: number): number | null {
  const { tokens, cues } = scan;
  const t = tokens[i];
  const facilityStart = headAt(t, cues.facilityHeads);
  const headStart = facilityStart ?? headAt(t, cues.organizationHeads);
  if (headStart === null) return null;
  const type: EntityType = facilityStart !== null ? 'facility' : 'organization';
  const head = headStart === t.start ? t.norm : t.stem;
  const nameAt = i + 1;
  // A known entity right after the head ("ميليشيا «قسد»", "قوات الحكومة السورية") is left to the alias match.
  if (matchKbAt(tokens, isQuote(tokens[nameAt]) ? nameAt + 1 : nameAt, scan.kb, { ...scan.options, titles: false })) {
    if (type !== 'facility' || !startsKnownLocation(scan, nameAt)) return null;
  }
  const range = headComplementAt(tokens, nameAt, cues, type === 'facility' ? 2 : 3);
  if (!range) return null;
  const quoted = isQuote(tokens[range.firstToken]);
  if (!quoted && cues.verbalNounHeads.has(head)) return null;
  // "وزارة الزراعة": every country has one; without a nationality it is left unlinked, not minted.
  if (!quoted && cues.ministryHeads.has(head) && !nationalityOf(tokens[range.endToken - 1], scan.kb)) return range.endToken;
  // "فرقة جوالة تتنقل": after a risky head only a construct with a definite word is a name ("لواء صقور الشام").
  if (!quoted && type === 'organization' && cues.riskyOrganizationHeads.has(head) && !hasDefiniteWord(tokens, range)
    && !startsKnownLocation(scan, nameAt)) return null;
  if (!quoted && describesHead(tokens, range, cues, type === 'facility') && !startsKnownLocation(scan, nameAt)) return null;
  const risky = type === 'facility' || cues.riskyOrganizationHeads.has(head);
  if (!quoted && risky && !hasRareWord(tokens, range, cues) && !startsKnownLocation(scan, nameAt)) return null;
  const name = `${head} ${contextName(tokens, range)}`;
  addMention(scan, i, range.endToken, headStart, type, contextEntityId(type, name), 'context');
  return range.endToken;
}

/** "مطار القامشلي": a facility named after a known place. */
function startsKnownLocation(scan: Scan, k: number): boolean {
  const match = matchKbAt(scan.tokens, k, scan.kb, { ...scan.options, titles: false, headed: true });
  return match !== null && scan.kb.getEntity(match.entry.entityId)?.type === 'location';
}


/** Display record for any entity id the stage produces: KB ids, GeoNames ids and `new:` ids. */
export function describeEntity(kb: KnowledgeBase, entityId: string): EntityRecord {
  const entity = kb.getEntity(entityId);
  if (entity) {
    const record: EntityRecord = { id: entity.id, type: entity.type, name: { ...entity.name } };
    if (entity.coordinates) record.coordinates = entity.coordinates;
    return record;
  }
  const minted = /^new:(person|organization|location|facility|misc):(.+)$/.exec(entityId);
  if (minted) {
    const ar = minted[2].split('-').join(' ');
    return { id: entityId, type: minted[1] as EntityType, name: { ar, en: transliterate(ar) } };
  }
  return { id: entityId, type: 'misc', name: { ar: entityId, en: entityId } };
}
