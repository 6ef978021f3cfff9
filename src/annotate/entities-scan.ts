// The entity stage's working state and the helpers every entity rule uses to record a mention.
// Input: the document being annotated. Output: mentions with spans, and the token → mention map rules consult.
import { normalizeForMatch } from '../arabic/normalize.js';
import type { Document, EntityMention, EntityType, Token } from '../document.js';
import type { KnowledgeBase } from '../kb/kb.js';
import type { InstitutionIndex } from './entities-country.js';
import type { Cues, NameRange } from './entity-cues.js';
import { isQuote, type KbMatch, type MatchOptions } from './kb-match.js';

/** A KB mention whose alias several entities share ("عمان"), decided once the whole article is read. */
export interface HomographMention {
  mention: EntityMention;
  token: number;
  candidates: string[];
}

/** An unqualified institution name ("وزارة الداخلية") and its KB entity per country. */
export interface InstitutionMention {
  firstToken: number;
  endToken: number;
  start: number;
  byCountry: ReadonlyMap<string, string>;
}

export interface Scan {
  doc: Document;
  tokens: Token[];
  kb: KnowledgeBase;
  cues: Cues;
  institutionIndex: InstitutionIndex;
  options: MatchOptions;
  /** Token index → mention covering it. */
  covered: (EntityMention | undefined)[];
  mentions: EntityMention[];
  /** Mentions found through a role title ("الرئيس السوري"): their last word is no surname. */
  titleMentions: Set<EntityMention>;
  homographs: HomographMention[];
  institutions: InstitutionMention[];
}

/** Id for an entity found from context: the same name in any article gets the same id. */
export function contextEntityId(type: EntityType, normalizedName: string): string {
  return `new:${type}:${normalizedName.split(' ').join('-')}`;
}

export function addMention(scan: Scan, firstToken: number, endToken: number, start: number, type: EntityType, entityId: string, source: EntityMention['source']): void {
  const end = scan.tokens[endToken - 1].end;
  const mention: EntityMention = { start, end, text: scan.doc.text.slice(start, end), type, entityId, source };
  scan.mentions.push(mention);
  for (let k = firstToken; k < endToken; k++) scan.covered[k] = mention;
}

/** A KB alias match as a mention, of the alias's entity or of `entityId` when the context chose another. */
export function addKbMention(scan: Scan, match: KbMatch, entityId = match.entry.entityId): void {
  const entity = scan.kb.getEntity(entityId);
  if (!entity) return;
  addMention(scan, match.firstToken, match.endToken, match.start, entity.type, entity.id, 'kb');
  const mention = scan.mentions[scan.mentions.length - 1];
  if (match.entry.mode === 'title') scan.titleMentions.add(mention);
  const candidates = entityId === match.entry.entityId ? scan.kb.homographs.get(match.entry.tokens.join(' ')) : undefined;
  if (candidates) scan.homographs.push({ mention, token: match.firstToken, candidates });
}

/** Text start of a name: its first token without proclitics, unless the range takes that token whole. */
export function nameStartOffset(tokens: Token[], range: NameRange): number {
  const first = tokens[range.firstToken];
  return range.wholeFirst ? first.start : first.stemStart;
}

export function contextName(tokens: Token[], range: NameRange): string {
  const words: string[] = [];
  // Only the first word lost its clitics in the span; the others are kept whole.
  for (let k = range.firstToken; k < range.endToken; k++) {
    if (!isQuote(tokens[k])) words.push(words.length === 0 && !range.wholeFirst ? tokens[k].stem : tokens[k].norm);
  }
  return words.join(' ');
}
export function dropMention(scan: Scan, mention: EntityMention | undefined): void {
  if (!mention) return;
  const at = scan.mentions.indexOf(mention);
  if (at >= 0) scan.mentions.splice(at, 1);
}
