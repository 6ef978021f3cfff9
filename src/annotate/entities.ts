// Entity stage: finds person, organisation, location and facility mentions and resolves them to entity ids.
// Input: a Document with tokens, and the knowledge base. Output: the Document with `entities` filled (spans without clitics).
import { normalizeForMatch } from '../arabic/normalize.js';
import { tokenize } from '../arabic/tokenize.js';
import { transliterate } from '../arabic/transliterate.js';
import type { Document, EntityMention, EntityType, Token } from '../document.js';
import type { KnowledgeBase } from '../kb/kb.js';
import {
  cueOf, describesHead, headAt, headComplementAt, hasRareWord, isCommonWord, isFunctionWord, isNisba, isRankTitle,
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
const OFFICE_NAME_WINDOW = 8;

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

/** Text start of a name: its first token without proclitics, unless the range takes that token whole. */
function nameStartOffset(tokens: Token[], range: NameRange): number {
  const first = tokens[range.firstToken];
  return range.wholeFirst ? first.start : first.stemStart;
}

function contextName(tokens: Token[], range: NameRange): string {
  const words: string[] = [];
  // Only the first word lost its clitics in the span; the others are kept whole.
  for (let k = range.firstToken; k < range.endToken; k++) {
    if (!isQuote(tokens[k])) words.push(words.length === 0 && !range.wholeFirst ? tokens[k].stem : tokens[k].norm);
  }
  return words.join(' ');
}

/** Left to right: knowledge-base aliases (longest first), then head-noun rules where no alias starts. */
function scanKbAndHeads(scan: Scan): void {
  const { tokens } = scan;
  let i = 0;
  while (i < tokens.length) {
    const next = matchDroppedHead(scan, i) ?? matchKbWithTitles(scan, i) ?? matchLocationHead(scan, i) ?? matchHeadedName(scan, i);
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
  const whole = matchKbAt(tokens, i, scan.kb, { ...scan.options, titles: false });
  // "منظمة «هيومن رايتس ووتش»": the whole alias may also take the closing quote; that makes it no longer.
  const restEnd = isQuote(tokens[rest.endToken]) && nameAt > i + 1 ? rest.endToken + 1 : rest.endToken;
  if (whole && whole.endToken > restEnd) return null;
  addKbMention(scan, rest);
  return rest.endToken;
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

/** Persons after titles ("الأدميرال براد كوبر", "المتحدث باسم وزارة الدفاع محمود العلي") and kunyas ("أبو خالد"). */
function scanPersonCues(scan: Scan): void {
  const { tokens } = scan;
  for (let i = 0; i < tokens.length; i++) {
    if (scan.covered[i]) continue;
    const range = personAfterTitle(scan, i) ?? kunyaAt(scan, i);
    if (!range) continue;
    const name = contextName(tokens, range);
    addMention(scan, range.firstToken, range.endToken, nameStartOffset(tokens, range), 'person', contextEntityId('person', name), 'context');
    i = range.endToken - 1;
  }
}

function personAfterTitle(scan: Scan, i: number): NameRange | null {
  const { tokens, cues } = scan;
  const cue = cueOf(tokens[i], cues.personCues);
  if (cue === 'office') return nameInOfficeWindow(scan, i + 1, false);
  if (cue === undefined || cue === 'kunya') return null;
  // Relation adjectives may sit between title and name: "الخبير الاقتصادي رامي الحلبي".
  let k = i + 1;
  while (k < i + 3 && isWord(tokens[k]) && !scan.covered[k] && isNisba(tokens[k], cues)) k++;
  const range = uncoveredName(scan, k, 1);
  if (range && (cue !== 'occupation' || looksLikeFullName(scan, range))) return range;
  // "الباحث في شؤون الجماعات المسلحة خالد درويش": a first name further on still names the person.
  return nameInOfficeWindow(scan, i + 1, true);
}

/** After an occupation ("المواطن …") a name needs a known first name or two words, not a verb. */
function looksLikeFullName(scan: Scan, range: NameRange): boolean {
  return range.endToken - range.firstToken >= 2 || scan.cues.firstNames.has(scan.tokens[range.firstToken].norm);
}

/** "أبو خالد": a kunya, father-of plus a known first name. */
function kunyaAt(scan: Scan, i: number): NameRange | null {
  const { tokens, cues } = scan;
  const next = tokens[i + 1];
  if (cueOf(tokens[i], cues.personCues) !== 'kunya' || !isWord(next) || next.prefix !== '' || !cues.firstNames.has(next.norm)) return null;
  if (scan.covered[i + 1]) return null;
  return { firstToken: i, endToken: i + 2 };
}

function uncoveredName(scan: Scan, k: number, minTokens: number): NameRange | null {
  if (scan.covered[k]) return null;
  const range = personNameAt(scan.tokens, k, scan.cues, minTokens);
  if (!range) return null;
  let end = range.firstToken;
  while (end < range.endToken && !scan.covered[end]) end++;
  return end - range.firstToken >= minTokens ? { ...range, endToken: end } : null;
}

/**
 * Walks over the office's complement (common words, known organisations) to the first plausible name.
 * Past a preposition ("مديرة إحدى المنظمات العاملة في المخيم ريم الخطيب"), or with `firstNameOnly`, only a
 * known first name followed by a surname is taken.
 */
function nameInOfficeWindow(scan: Scan, from: number, firstNameOnly: boolean): NameRange | null {
  const { tokens, cues, covered } = scan;
  let strict = firstNameOnly;
  for (let k = from; k < tokens.length && k < from + OFFICE_NAME_WINDOW; k++) {
    const t = tokens[k];
    if (covered[k]) {
      if (covered[k]!.type === 'person') return null;
      continue;
    }
    if (!isWord(t)) return null;
    if (isFunctionWord(t, cues)) {
      strict = true;
      continue;
    }
    const known = cues.firstNames.has(t.norm);
    if (strict && !known) continue;
    if (!known && isCommonWord(t, cues)) continue;
    const range = uncoveredName(scan, k, known && !strict ? 1 : 2);
    if (range) return range;
  }
  return null;
}

/** Last name of a person mention: one word, or two after a joiner ("بدر عبد العاطي" → "عبد العاطي"). */
function surnameOf(words: string[], cues: Cues): string | null {
  if (words.length < 2) return null;
  const last = words[words.length - 1];
  if (words.length >= 3 && cues.nameJoiners.has(words[words.length - 2])) return `${words[words.length - 2]} ${last}`;
  return last.length >= 3 ? last : null;
}

/**
 * A later (or earlier) surname alone ("العلي", "هيكل") resolves to the person named in full in the same document;
 * it takes precedence over a one-word GeoNames place of the same spelling ("براك").
 */
function propagateSurnames(scan: Scan): void {
  const { tokens, cues } = scan;
  const bySurname = new Map<string, EntityMention>();
  for (const mention of scan.mentions) {
    if (mention.type !== 'person' || scan.titleMentions.has(mention)) continue;
    const surname = surnameOf(normalizeForMatch(mention.text).split(/\s+/), cues);
    if (surname) bySurname.set(surname, mention);
  }
  if (bySurname.size === 0) return;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (!isWord(t) || isFunctionWord(t, cues) || !replaceable(scan, k)) continue;
    // Two-word surnames always start with a joiner ("عبد العاطي").
    const joiner = cues.nameJoiners.has(t.norm) || cues.nameJoiners.has(t.stem);
    const pair = joiner && isWord(tokens[k + 1]) && replaceable(scan, k + 1) ? ` ${tokens[k + 1].norm}` : null;
    const found = (pair !== null ? surnameAt(bySurname, t, pair) : null) ?? surnameAt(bySurname, t, '');
    if (!found || (found.words === 1 && !surnameAloneAt(scan, k))) continue;
    const endToken = found.words === 2 ? k + 2 : k + 1;
    for (let j = k; j < endToken; j++) dropMention(scan, scan.covered[j]);
    addMention(scan, k, endToken, found.start, 'person', found.mention.entityId, found.mention.source);
    k = endToken - 1;
  }
}

function surnameAt(bySurname: Map<string, EntityMention>, t: Token, rest: string): { mention: EntityMention; start: number; words: number } | null {
  const words = rest === '' ? 1 : 2;
  const whole = bySurname.get(t.norm + rest);
  if (whole) return { mention: whole, start: t.start, words };
  const peeled = bySurname.get(t.stem + rest);
  return peeled ? { mention: peeled, start: t.stemStart, words } : null;
}

/** A surname that is also a first name ("خليل") stands alone only before a function word or punctuation. */
function surnameAloneAt(scan: Scan, k: number): boolean {
  const { tokens, cues } = scan;
  if (!cues.firstNames.has(tokens[k].norm) && !cues.firstNames.has(tokens[k].stem)) return true;
  const after = tokens[k + 1];
  return !isWord(after) || isFunctionWord(after, cues) || scan.covered[k + 1] !== undefined;
}

/** Uncovered, or covered by a one-word GeoNames place that a surname may override. */
function replaceable(scan: Scan, k: number): boolean {
  const mention = scan.covered[k];
  if (!mention) return true;
  return mention.entityId.startsWith('loc:geonames-') && !/\s/.test(mention.text);
}

function dropMention(scan: Scan, mention: EntityMention | undefined): void {
  if (!mention) return;
  const at = scan.mentions.indexOf(mention);
  if (at >= 0) scan.mentions.splice(at, 1);
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
