// Entity stage: finds person, organisation, location and facility mentions and resolves them to entity ids.
// Input: a Document with tokens, and the knowledge base. Output: the Document with `entities` filled (spans without clitics).
import { normalizeForMatch } from '../arabic/normalize.js';
import { tokenize } from '../arabic/tokenize.js';
import { transliterate } from '../arabic/transliterate.js';
import type { Document, EntityMention, EntityType, Token } from '../document.js';
import type { KnowledgeBase } from '../kb/kb.js';
import {
  headAt, headComplementAt, hasRareWord, isCommonWord, isFunctionWord, isRankTitle, isOfficeTitle,
  loadCues, personNameAt, type Cues, type NameRange,
} from './entity-cues.js';
import { isQuote, isWord, matchKbAt, type KbMatch, type MatchOptions } from './kb-match.js';

export interface EntityRecord {
  id: string;
  type: EntityType;
  name: { ar: string; en: string };
  coordinates?: [number, number];
}

/** How far after an office title ("المتحدث باسم وزارة الدفاع …") the person's name may start. */
const OFFICE_NAME_WINDOW = 6;

const cuesByKb = new WeakMap<KnowledgeBase, Cues>();
function cuesFor(kb: KnowledgeBase): Cues {
  let cues = cuesByKb.get(kb);
  if (!cues) cuesByKb.set(kb, (cues = loadCues(kb)));
  return cues;
}

interface Scan {
  doc: Document;
  tokens: Token[];
  kb: KnowledgeBase;
  cues: Cues;
  options: MatchOptions;
  /** Token index → mention covering it. */
  covered: (EntityMention | undefined)[];
  mentions: EntityMention[];
  /** Mentions found through a role title ("الرئيس السوري"): their last word is no surname. */
  titleMentions: Set<EntityMention>;
}

export function annotateEntities(doc: Document, kb: KnowledgeBase): Document {
  const tokens = doc.tokens.length > 0 ? doc.tokens : tokenize(doc.text);
  const scan: Scan = {
    doc, tokens, kb, cues: cuesFor(kb), options: { date: doc.published },
    covered: new Array(tokens.length), mentions: [], titleMentions: new Set(),
  };
  scanKbAndHeads(scan);
  scanPersonCues(scan);
  propagateSurnames(scan);
  scan.mentions.sort((a, b) => a.start - b.start);
  return { ...doc, entities: scan.mentions };
}

/** Id for an entity found from context: the same name in any article gets the same id. */
export function contextEntityId(type: EntityType, normalizedName: string): string {
  return `new:${type}:${normalizedName.split(' ').join('-')}`;
}

function addMention(scan: Scan, firstToken: number, endToken: number, start: number, type: EntityType, entityId: string, source: EntityMention['source']): void {
  const end = scan.tokens[endToken - 1].end;
  const mention: EntityMention = { start, end, text: scan.doc.text.slice(start, end), type, entityId, source };
  scan.mentions.push(mention);
  for (let k = firstToken; k < endToken; k++) scan.covered[k] = mention;
}

function addKbMention(scan: Scan, match: KbMatch): void {
  const entity = scan.kb.getEntity(match.entry.entityId);
  if (!entity) return;
  addMention(scan, match.firstToken, match.endToken, match.start, entity.type, entity.id, 'kb');
  if (match.entry.mode === 'title') scan.titleMentions.add(scan.mentions[scan.mentions.length - 1]);
}

/** "إعلام سورية" (Syrian media): a one-word -ية name right after an indefinite noun is an adjective. */
function adjectivalUse(scan: Scan, match: KbMatch): boolean {
  if (match.endToken - match.firstToken !== 1 || !scan.tokens[match.firstToken].norm.endsWith('يه')) return false;
  const previous = scan.tokens[match.firstToken - 1];
  return isWord(previous) && !previous.stem.startsWith('ال') && !isFunctionWord(previous, scan.cues) && previous.prefix === '';
}

/** Text start of a token without its proclitics (and without a leading quote token). */
function nameStartOffset(tokens: Token[], range: NameRange): number {
  const first = tokens[range.firstToken];
  return first.stemStart;
}

function contextName(tokens: Token[], range: NameRange): string {
  const words: string[] = [];
  // Only the first word lost its clitics in the span; the others are kept whole.
  for (let k = range.firstToken; k < range.endToken; k++) {
    if (!isQuote(tokens[k])) words.push(words.length === 0 ? tokens[k].stem : tokens[k].norm);
  }
  return words.join(' ');
}

/** Left to right: knowledge-base aliases (longest first), then head-noun rules where no alias starts. */
function scanKbAndHeads(scan: Scan): void {
  const { tokens } = scan;
  let i = 0;
  while (i < tokens.length) {
    const next = matchKbWithTitles(scan, i) ?? matchLocationHead(scan, i) ?? matchHeadedName(scan, i);
    i = next ?? i + 1;
  }
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
  const range = headComplementAt(tokens, nameAt, cues, 2);
  if (!range || !hasRareWord(tokens, range, cues) || tokens[nameAt].prefix !== '') return null;
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

/** Persons after rank titles ("الأدميرال براد كوبر") or office titles ("المتحدث باسم وزارة الدفاع محمود العلي"). */
function scanPersonCues(scan: Scan): void {
  const { tokens, cues, covered } = scan;
  for (let i = 0; i < tokens.length; i++) {
    if (covered[i]) continue;
    let range: NameRange | null = null;
    if (isRankTitle(tokens[i], cues)) {
      range = uncoveredName(scan, i + 1, 1);
    } else if (isOfficeTitle(tokens[i], cues)) {
      range = nameInOfficeWindow(scan, i + 1);
    }
    if (!range) continue;
    const name = contextName(tokens, range);
    addMention(scan, range.firstToken, range.endToken, nameStartOffset(tokens, range), 'person', contextEntityId('person', name), 'context');
    i = range.endToken - 1;
  }
}

function uncoveredName(scan: Scan, k: number, minTokens: number): NameRange | null {
  if (scan.covered[k]) return null;
  const range = personNameAt(scan.tokens, k, scan.cues, minTokens);
  if (!range) return null;
  let end = range.firstToken;
  while (end < range.endToken && !scan.covered[end]) end++;
  return end - range.firstToken >= minTokens ? { firstToken: range.firstToken, endToken: end } : null;
}

/** Walks over the office's complement (common words, known organisations) to the first plausible name. */
function nameInOfficeWindow(scan: Scan, from: number): NameRange | null {
  const { tokens, cues, covered } = scan;
  for (let k = from; k < tokens.length && k < from + OFFICE_NAME_WINDOW; k++) {
    const t = tokens[k];
    if (covered[k]) {
      if (covered[k]!.type === 'person') return null;
      continue;
    }
    if (!isWord(t) || isFunctionWord(t, cues)) return null;
    const known = cues.firstNames.has(t.norm) && t.prefix === '';
    if (!known && isCommonWord(t, cues)) continue;
    const range = uncoveredName(scan, k, known ? 1 : 2);
    if (range) return range;
  }
  return null;
}

/** A later (or earlier) surname alone ("العلي", "هيكل") resolves to the person named in full in the same document. */
function propagateSurnames(scan: Scan): void {
  const { tokens, cues, covered } = scan;
  const bySurname = new Map<string, EntityMention>();
  for (const mention of scan.mentions) {
    if (mention.type !== 'person' || scan.titleMentions.has(mention)) continue;
    const words = normalizeForMatch(mention.text).split(/\s+/);
    const surname = words[words.length - 1];
    if (words.length >= 2 && surname.length >= 3 && !cues.firstNames.has(surname)) bySurname.set(surname, mention);
  }
  if (bySurname.size === 0) return;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (covered[k] || !isWord(t) || isFunctionWord(t, cues)) continue;
    const mention = bySurname.get(t.norm) ?? bySurname.get(t.stem);
    if (!mention) continue;
    const start = bySurname.has(t.norm) ? t.start : t.stemStart;
    addMention(scan, k, k + 1, start, 'person', mention.entityId, mention.source);
  }
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
