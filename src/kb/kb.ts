// The knowledge base: curated entities (persons, organisations, places, facilities) plus GeoNames places.
// Input: the data files next to this module. Output: entities by id and an alias index over matching forms.
import { readFileSync } from 'node:fs';
import { tokenize } from '../arabic/tokenize.js';
import type { EntityType } from '../document.js';
import { acceptGazetteerName, parseGazetteer, type GazetteerPlace } from './gazetteer.js';

export type KbEntityType = Exclude<EntityType, 'misc'>;

/** A role phrase that designates one entity when used alone, valid from/to ISO dates (inclusive/exclusive). */
export interface KbTitle {
  phrase: string;
  from?: string;
  to?: string;
}

export interface KbEntity {
  id: string;
  type: KbEntityType;
  name: { ar: string; en: string };
  /** Arabic surface forms matched anywhere. */
  aliases: string[];
  /** Forms matched only between quotes («الشرق الأوسط» the newspaper, not the region). */
  quotedAliases?: string[];
  /** Forms matched only after a place head noun ("مدينة صور", not "صور" = pictures). */
  headedAliases?: string[];
  /** Forms matched only where a place is named: after في or إلى, in «شمال مالي», in a list of places («مالي» is also
   * "financial"). */
  contextAliases?: string[];
  titles?: KbTitle[];
  /** Fully vowelled spellings telling this entity from a homograph with the same letters ("عَمَّان", not "عُمَان"). */
  vocalized?: string[];
  /** [lon, lat] */
  coordinates?: [number, number];
  country?: string;
  partOf?: string;
  population?: number;
  sources?: string[];
}

/** How an alias may match: anywhere, only quoted, only after a head noun, or as a role title. */
export type AliasMode = 'plain' | 'quoted' | 'headed' | 'context' | 'title';

export interface AliasEntry {
  entityId: string;
  /** The alias as normalised tokens (`Token.norm` forms). */
  tokens: string[];
  mode: AliasMode;
  from?: string;
  to?: string;
  origin: 'curated' | 'gazetteer';
}

export interface KnowledgeBase {
  entities: ReadonlyMap<string, KbEntity>;
  /** Alias entries keyed by their first normalised token. */
  aliasesByFirstToken: ReadonlyMap<string, AliasEntry[]>;
  /** Frequent word stems of news text (ANT corpus): never names on their own. */
  commonWords: ReadonlySet<string>;
  /** Plain aliases shared by several curated entities ("عمان": Oman, Amman), in file order: key → entity ids. */
  homographs: ReadonlyMap<string, string[]>;
  /** Nationality adjectives without the article ("سوري", "سورية", "سوريين") → ISO country code. */
  nationalityAdjectives: ReadonlyMap<string, string>;
  getEntity(id: string): KbEntity | undefined;
  /** Alias entries whose full token sequence equals the normalised `alias`. */
  lookup(alias: string): AliasEntry[];
}

const CURATED_FILES = ['persons.json', 'organizations.json', 'facilities.json', 'locations.json'];
/** Regular endings of a nationality adjective: feminine (ة, normalised ه), sound plurals. */
const NATIONALITY_ENDINGS = ['', 'ه', 'ين', 'ون'];
/** Stems this frequent are "common words" for the context rules; the whole list (20,000) filters gazetteer names. */
const COMMON_WORD_RANK = 6000;
/** Stems this frequent are function-like ("انه", "ما"): a place name reading as clitic + one of them is rejected. */
const CLITIC_AMBIGUITY_RANK = 300;

function aliasTokensOfAll(words: string[]): string[] {
  return words.map((w) => aliasTokens(w).join(' '));
}

function dataUrl(name: string): URL {
  return new URL(`./data/${name}`, import.meta.url);
}

/**
 * A one-word name that also reads as proclitic + one of the most frequent words ("بانه" = ب + انه, "بيان")
 * is ambiguous: a GeoNames town must not turn "بأنه" into a place.
 */
function readsAsCliticPlusWord(name: string, topWords: ReadonlySet<string>): boolean {
  const words = tokenize(name).filter((t) => t.kind === 'word');
  return words.length === 1 && words[0].prefix !== '' && topWords.has(words[0].stem);
}

/** The normalised tokens of an alias, quotes and punctuation dropped. */
export function aliasTokens(alias: string): string[] {
  return tokenize(alias)
    .filter((t) => t.kind === 'word' || t.kind === 'latin' || t.kind === 'number')
    .map((t) => t.norm);
}

export function loadCuratedEntities(): KbEntity[] {
  return CURATED_FILES.flatMap((file) => JSON.parse(readFileSync(dataUrl(file), 'utf8')) as KbEntity[]);
}

function curatedAliasEntries(entity: KbEntity): AliasEntry[] {
  const entries: AliasEntry[] = [];
  const add = (forms: string[] | undefined, mode: AliasMode) => {
    for (const form of forms ?? []) entries.push({ entityId: entity.id, tokens: aliasTokens(form), mode, origin: 'curated' });
  };
  // The display name is also an alias unless it is reserved for quotes or head nouns ("العربية", "صور").
  const restricted = new Set([...(entity.quotedAliases ?? []), ...(entity.headedAliases ?? []), ...(entity.contextAliases ?? [])]);
  const plain = restricted.has(entity.name.ar) || /[()]/.test(entity.name.ar) ? entity.aliases : [entity.name.ar, ...entity.aliases];
  add(plain, 'plain');
  add(entity.quotedAliases, 'quoted');
  add(entity.headedAliases, 'headed');
  add(entity.contextAliases, 'context');
  for (const title of entity.titles ?? []) {
    entries.push({ entityId: entity.id, tokens: aliasTokens(title.phrase), mode: 'title', from: title.from, to: title.to, origin: 'curated' });
  }
  return entries;
}

function gazetteerEntity(place: GazetteerPlace, arabicName: string): KbEntity {
  return {
    id: `loc:geonames-${place.geonameId}`,
    type: 'location',
    name: { ar: arabicName, en: place.name },
    aliases: [],
    coordinates: [place.lon, place.lat],
    country: place.country,
    population: place.population,
    sources: ['GeoNames.org (CC BY 4.0)'],
  };
}

function buildKnowledgeBase(): KnowledgeBase {
  const entities = new Map<string, KbEntity>();
  const byKey = new Map<string, AliasEntry[]>();
  const addEntry = (entry: AliasEntry) => {
    if (entry.tokens.length === 0) return;
    const key = entry.tokens.join(' ');
    const list = byKey.get(key) ?? [];
    if (list.some((e) => e.entityId === entry.entityId && e.mode === entry.mode && e.from === entry.from)) return;
    list.push(entry);
    byKey.set(key, list);
  };
  for (const entity of loadCuratedEntities()) {
    entities.set(entity.id, entity);
    curatedAliasEntries(entity).forEach(addEntry);
  }
  const frequentWords = readFileSync(dataUrl('common-words.txt'), 'utf8').split('\n').filter(Boolean);
  const commonWords = new Set(frequentWords.slice(0, COMMON_WORD_RANK));
  const stoplist = readWordList('gazetteer-stoplist.txt');
  const contextual = new Set(readWordList('gazetteer-contextual.txt').map((l) => aliasTokens(l).join(' ')));
  addGazetteer(entities, byKey, new Set([...frequentWords, ...aliasTokensOfAll(stoplist)]), new Set(frequentWords.slice(0, CLITIC_AMBIGUITY_RANK)), contextual);

  const aliasesByFirstToken = new Map<string, AliasEntry[]>();
  for (const list of byKey.values()) {
    for (const entry of list) {
      const bucket = aliasesByFirstToken.get(entry.tokens[0]) ?? [];
      bucket.push(entry);
      aliasesByFirstToken.set(entry.tokens[0], bucket);
    }
  }
  return {
    entities,
    aliasesByFirstToken,
    commonWords,
    homographs: sharedPlainAliases(byKey),
    nationalityAdjectives: loadNationalityAdjectives(),
    getEntity: (id) => entities.get(id),
    lookup: (alias) => byKey.get(aliasTokens(alias).join(' ')) ?? [],
  };
}

function sharedPlainAliases(byKey: ReadonlyMap<string, AliasEntry[]>): Map<string, string[]> {
  const shared = new Map<string, string[]>();
  for (const [key, list] of byKey) {
    const ids = [...new Set(list.filter((e) => e.mode === 'plain').map((e) => e.entityId))];
    if (ids.length > 1) shared.set(key, ids);
  }
  return shared;
}

/** nationalities.json lists the masculine singular per country; the regular feminine and plural forms are derived. */
function loadNationalityAdjectives(): Map<string, string> {
  const byCountry = JSON.parse(readFileSync(dataUrl('nationalities.json'), 'utf8')) as Record<string, string[]>;
  const adjectives = new Map<string, string>();
  for (const [country, words] of Object.entries(byCountry)) {
    if (country.startsWith('$')) continue;
    for (const word of words) {
      for (const ending of NATIONALITY_ENDINGS) adjectives.set(aliasTokens(word).join(' ') + ending, country);
    }
  }
  return adjectives;
}

/** The lines of a data file of words, one per line, without blank lines and # comments. */
function readWordList(name: string): string[] {
  return readFileSync(dataUrl(name), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
}

/** GeoNames places become entities for the names no curated entry claims; the most populous place wins a shared name. */
function addGazetteer(
  entities: Map<string, KbEntity>, byKey: Map<string, AliasEntry[]>, commonWords: ReadonlySet<string>, topWords: ReadonlySet<string>,
  contextual: ReadonlySet<string>,
): void {
  const places = parseGazetteer(readFileSync(dataUrl('gazetteer.tsv'), 'utf8'));
  places.sort((a, b) => b.population - a.population);
  for (const place of places) {
    let entity: KbEntity | undefined;
    for (const name of place.arabicNames) {
      const tokens = aliasTokens(name);
      const key = tokens.join(' ');
      if (byKey.has(key) || !acceptGazetteerName(tokens, place, commonWords) || readsAsCliticPlusWord(name, topWords)) continue;
      entity ??= gazetteerEntity(place, name);
      byKey.set(key, [{ entityId: entity.id, tokens, mode: contextual.has(key) ? 'context' : 'plain', origin: 'gazetteer' }]);
    }
    if (entity) entities.set(entity.id, entity);
  }
}

let cached: KnowledgeBase | null = null;

/** The knowledge base, built on first call and shared afterwards (`resetKnowledgeBase` drops it). */
export function loadKnowledgeBase(): KnowledgeBase {
  cached ??= buildKnowledgeBase();
  return cached;
}

export function resetKnowledgeBase(): void {
  cached = null;
}

/** Whether an alias entry applies at `date` (ISO; titles carry validity periods, other entries always apply). */
export function aliasValidAt(entry: AliasEntry, date: string | null): boolean {
  if (!date) return entry.to === undefined;
  const day = date.slice(0, 10);
  if (entry.from && day < entry.from) return false;
  if (entry.to && day >= entry.to) return false;
  return true;
}
