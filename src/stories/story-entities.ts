// Merges the entities minted for unknown names (`new:<type>:<name>`) with the variants of them a story already holds:
// spelling variants (ترامب/ترمب) and, for persons, a surname alone ("كوشنر" after "جاريد كوشنر").
// Input: a story's stored mentions (entity id, type, text) and a newly placed article. Output: the article with its minted
// ids remapped to the story's earlier entities. Knowledge-base ids are never remapped; earlier entities always win.
import { readFileSync } from 'node:fs';
import type { Document, EntityMention, EntityType } from '../document.js';
import { normalizeForMatch } from '../arabic/normalize.js';

/** What the store keeps of a mention and what a story's registry is rebuilt from. */
export interface StoryEntityMention {
  entityId: string;
  type: EntityType;
  text: string;
}

const MINTED_ID = /^new:[a-z]+:(.+)$/;
const LONG_VOWELS = /[اوي]/g;
/** Skeletons shorter than this collide too often (زيد/زايد, علي/علا): such names merge only when spelled the same. */
const MIN_SKELETON_LETTERS = 3;
/**
 * Words after which the last word is a father's, clan's or kunya's name, not a surname (بن, آل, أبو): the entity
 * stage's name joiners, read from its cue lexicon.
 */
const NAME_JOINERS = new Set(
  (JSON.parse(readFileSync(new URL('../annotate/data/entity-cues.json', import.meta.url), 'utf8')) as { nameJoiners: string[] })
    .nameJoiners.map(normalizeForMatch),
);
/** Stories whose registries stay in memory; the others are rebuilt from the store when touched again. */
export const STORY_ENTITY_CACHE_SIZE = 1000;

export function isMintedId(entityId: string): boolean {
  return entityId.startsWith('new:');
}

/** The normalised name a minted id was made from (dashes back to spaces), or null for a knowledge-base id. */
export function mintedName(entityId: string): string | null {
  const match = MINTED_ID.exec(entityId);
  return match ? match[1].split('-').join(' ') : null;
}

/** A mention's text in the form minted names use: matching normalisation, no quotes, single spaces. */
export function surfaceName(text: string): string {
  return normalizeForMatch(text).replace(/["\-]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** A normalised word without its inner long vowels (ا و ي): كوشنير and كوشنر → كشنر, ترامب and ترمب → ترمب. */
export function wordSkeleton(word: string): string {
  return word.slice(0, 1) + word.slice(1).replace(LONG_VOWELS, '');
}

export function nameSkeleton(name: string): string {
  return name.split(' ').map(wordSkeleton).join(' ');
}

function skeletonLetters(skeleton: string): number {
  return skeleton.length - (skeleton.split(' ').length - 1);
}

/**
 * One story's entities, by name: the first entity registered under a name or skeleton owns it, so an id already stored
 * stays canonical and a later variant maps to it. Built from mentions in story order; `remap` keeps it up to date.
 */
export class StoryEntities {
  /** `type|name` and `type|skeleton` → the first entity registered under it. */
  private readonly byName = new Map<string, string>();
  private readonly bySkeleton = new Map<string, string>();
  /** Last word (`w|…`) and its skeleton (`s|…`) of multi-word person names → the distinct persons bearing it. */
  private readonly surnames = new Map<string, string[]>();
  /** First words of multi-word person names: such a word alone may be a first name (محمد, عباس), not a surname. */
  private readonly firstNames = new Set<string>();
  /** Texts already registered, by entity id: most mentions repeat a known (entity, text) pair. */
  private readonly texts = new Map<string, Set<string>>();

  static from(mentions: Iterable<StoryEntityMention>): StoryEntities {
    const entities = new StoryEntities();
    for (const m of mentions) entities.add(m);
    return entities;
  }

  /** Registers a stored (or just remapped) mention: its entity under its text and, for a minted id, its name. */
  add(m: StoryEntityMention): void {
    let texts = this.texts.get(m.entityId);
    if (!texts) {
      texts = new Set();
      this.texts.set(m.entityId, texts);
      const minted = mintedName(m.entityId);
      if (minted !== null) this.addName(m.entityId, m.type, minted);
    }
    if (texts.has(m.text)) return;
    texts.add(m.text);
    this.addName(m.entityId, m.type, surfaceName(m.text));
  }

  private addName(entityId: string, type: EntityType, name: string): void {
    if (name === '') return;
    setFirst(this.byName, `${type}|${name}`, entityId);
    const skeleton = nameSkeleton(name);
    if (skeletonLetters(skeleton) >= MIN_SKELETON_LETTERS) setFirst(this.bySkeleton, `${type}|${skeleton}`, entityId);
    const words = name.split(' ');
    if (type !== 'person' || words.length < 2) return;
    this.firstNames.add(words[0]);
    if (NAME_JOINERS.has(words[words.length - 2])) return;
    const last = words[words.length - 1];
    addDistinct(this.surnames, `w|${last}`, entityId);
    const lastSkeleton = wordSkeleton(last);
    if (lastSkeleton.length >= MIN_SKELETON_LETTERS) addDistinct(this.surnames, `s|${lastSkeleton}`, entityId);
  }

  /** The entity a minted id stands for in this story: an earlier variant of it, else itself. */
  resolve(mintedId: string, type: EntityType): string {
    // Already an entity of the story in its own right (stored before merging existed, or first of its variants).
    if (this.texts.has(mintedId)) return mintedId;
    const name = mintedName(mintedId);
    if (name === null) return mintedId;
    const oneWordPerson = type === 'person' && !name.includes(' ');
    // A word that starts a person's name in the story (محمد, عباس) may be a first name, not a surname: left as it is.
    if (oneWordPerson && this.firstNames.has(name)) return mintedId;
    const sameName = this.byName.get(`${type}|${name}`);
    if (sameName !== undefined) return sameName;
    const skeleton = nameSkeleton(name);
    const sameSkeleton = skeletonLetters(skeleton) >= MIN_SKELETON_LETTERS ? this.bySkeleton.get(`${type}|${skeleton}`) : undefined;
    if (sameSkeleton !== undefined) return sameSkeleton;
    if (oneWordPerson) return this.personBySurname(name) ?? mintedId;
    return mintedId;
  }

  /** The one person of the story whose name ends in `word` (or a spelling of it); none when two persons share it. */
  private personBySurname(word: string): string | null {
    const skeleton = wordSkeleton(word);
    const candidates = this.surnames.get(`w|${word}`)
      ?? (skeleton.length >= MIN_SKELETON_LETTERS ? this.surnames.get(`s|${skeleton}`) : undefined);
    return candidates?.length === 1 ? candidates[0] : null;
  }

  /**
   * The article's mentions with every minted id replaced by the story entity it is a variant of (the same target for
   * all mentions of one id), registering them all. Knowledge-base mentions are registered first (they are targets,
   * never remapped); then minted ids with more words first, so a surname meets the full name of the same article.
   */
  remap(mentions: readonly EntityMention[]): EntityMention[] {
    const ordered = [...mentions].sort((a, b) => a.start - b.start || a.end - b.end);
    const minted = new Map<string, EntityMention[]>();
    for (const m of ordered) {
      if (!isMintedId(m.entityId)) this.add(m);
      else if (minted.has(m.entityId)) minted.get(m.entityId)!.push(m);
      else minted.set(m.entityId, [m]);
    }
    if (minted.size === 0) return [...mentions];
    const wordCount = (id: string) => (mintedName(id) ?? '').split(' ').length;
    const targets = new Map<string, string>();
    for (const id of [...minted.keys()].sort((a, b) => wordCount(b) - wordCount(a))) {
      const group = minted.get(id)!;
      const target = this.resolve(id, group[0].type);
      targets.set(id, target);
      for (const m of group) this.add({ entityId: target, type: m.type, text: m.text });
    }
    return mentions.map((m) => {
      const target = targets.get(m.entityId);
      return target === undefined || target === m.entityId ? m : { ...m, entityId: target };
    });
  }
}

function setFirst(map: Map<string, string>, key: string, value: string): void {
  if (!map.has(key)) map.set(key, value);
}

function addDistinct(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

/**
 * The registries of the stories a run touches, keyed by story id; the least recently touched are dropped beyond
 * `capacity` and rebuilt from the store (`load`) when touched again, so memory stays bounded on long runs.
 */
export class StoryEntityRegistry {
  private readonly stories = new Map<string, StoryEntities>();

  constructor(
    private readonly load: (storyId: string) => Iterable<StoryEntityMention>,
    private readonly capacity = STORY_ENTITY_CACHE_SIZE,
  ) {}

  /**
   * `doc` with its minted ids remapped within story `storyId` (the same object when nothing changes). Call once per
   * article, in storing order, before it is stored; `newStory` (the article opened the story) spares the store lookup.
   */
  remapArticle(storyId: string, doc: Document, newStory = false): Document {
    const cached = this.touch(storyId);
    if (!doc.entities.some((m) => isMintedId(m.entityId))) {
      // Nothing to remap: keep a cached registry current; an uncached one will read this article from the store.
      if (cached) for (const m of doc.entities) cached.add(m);
      return doc;
    }
    const entities = cached ?? this.remember(storyId, newStory ? new StoryEntities() : StoryEntities.from(this.load(storyId)));
    const remapped = entities.remap(doc.entities);
    return remapped.every((m, i) => m === doc.entities[i]) ? doc : { ...doc, entities: remapped };
  }

  /** Drops a story's registry (another process added mentions to it): it is rebuilt from the store when next touched. */
  forget(storyId: string): void {
    this.stories.delete(storyId);
  }

  get size(): number {
    return this.stories.size;
  }

  private touch(storyId: string): StoryEntities | undefined {
    const entities = this.stories.get(storyId);
    if (entities) {
      this.stories.delete(storyId);
      this.stories.set(storyId, entities);
    }
    return entities;
  }

  private remember(storyId: string, entities: StoryEntities): StoryEntities {
    this.stories.set(storyId, entities);
    if (this.stories.size > this.capacity) this.stories.delete(this.stories.keys().next().value!);
    return entities;
  }
}
