// Incremental story clustering: each article joins the most similar live story or opens a new one.
// Input: annotated documents in arrival order (and their duplicate verdicts). Output: story ids, Story views, savable state.
import type { EntityType } from '../document.js';
import type { AnnotatedSummary } from './terms.js';
import { entityTerm } from './terms.js';
import { storyIdFor } from './ids.js';
import { type DocFeatures, dayNumber, docFeatures } from './features.js';
import { candidateSentences, leadSentences } from './summary.js';
import { type OpeningSentence, type PreparedPlacement, openingSentences } from './prepare.js';
import { type DfPrior, type TermVector, TermStats, loadDfPrior, sortedEntries, tfidfVector, topEntries, truncate, unit } from './vectors.js';
import { type PackedVector, TermIds, pack, packedDot } from './packed.js';
import { type LiveStory, type Story, type StoryMember, type StoryState, fromStoryState, storyView, toCompactState, toStoryState } from './story-state.js';
import type { PooledSentence } from './summary.js';

export type { Story, StoryMember, StoryState } from './story-state.js';

export interface StoryIndexState {
  docCount: number;
  df: [string, number][];
  /** The stories to hold in memory (all of them, or the live ones the store selected with liveStorySelection). */
  stories: StoryState[];
  /** Seq of the next story; defaults to one past the highest seq in `stories`. */
  nextSeq?: number;
  /** Day number of the newest publication date seen (drives eviction); defaults to the newest in `stories`. */
  newestDay?: number | null;
  /** Routing keys of the saved stories not in `stories` (see evictedRouteCounts): they still count toward key fan-out. */
  evictedRoutes?: Iterable<[string, number]>;
}

/**
 * What changed since the last takeChanges(), written by the store in one transaction: the compact state of each
 * changed story (members and pool empty: they are appended instead), and the members and pool sentences added.
 */
export interface StoryChanges {
  docCount: number;
  df: [string, number][];
  newestDay: number | null;
  nextSeq: number;
  /** Compact states (members and pool empty) with the story's member count. */
  stories: { state: StoryState; articleCount: number }[];
  members: { storyId: string; position: number; member: StoryMember }[];
  sentences: { storyId: string; position: number; sentence: PooledSentence }[];
}

/** What other processes saved to the store since an index last looked (StoryIndex.refreshStories). */
export interface SavedStoryChanges {
  /** Saved counters and the saved frequencies of the terms that changed (absolute values). */
  docCount: number;
  df: [string, number][];
  newestDay: number | null;
  nextSeq: number;
  /** Compact states (members and pool empty) of the stories saved since, by seq. */
  stories: StoryState[];
}

/** A saved story's members and pool sentences from given positions on (what was appended since an index last looked). */
export type StoryTail = (storyId: string, members: number, sentences: number) => { members: StoryMember[]; pool: PooledSentence[] };

/** Where evicted stories live (the store): a duplicate of an evicted story's article brings that story back. */
export interface StoryArchive {
  storyOfArticle(articleId: string): string | null;
  loadStory(storyId: string): StoryState | null;
  /** Ids of every saved story, in creation order. */
  storyIds(): string[];
}

/** Which saved stories a store-backed index keeps in memory; the store loads the same set (see README.md). */
export interface LiveStoryLimits {
  /** At most this many stories in memory, the most recently joined kept. */
  maxLive: number;
  /** A story whose last date is more than windowDays + lateDays before the newest date seen is evicted. */
  lateDays: number;
}

export const LIVE_STORY_LIMITS: LiveStoryLimits = { maxLive: 20_000, lateDays: 7 };

/** Tuned on test/fixtures/stories (see cluster.test.ts for the cases each weight is there for). */
export const STORY_TUNING = {
  /**
   * Entity overlap weighs 0: entity ids are already terms of the vectors, and a separate salient-entity Jaccard merged
   * stories that share actors only (the CENTCOM transfer and the Sharaa–Trump call both open with a call to al-Sharaa).
   */
  weights: { cosine: 0.9, entities: 0, time: 0.1 },
  threshold: 0.28,
  /**
   * Join threshold when an anchor matches: a rare entity of an anchor type (a named facility: سجن الشدادي) in the
   * article's title or lead that the story holds as salient, within the time window. Places are events' fixed points;
   * persons are not anchors (spokesmen and presidents recur across unrelated stories).
   */
  anchorThreshold: 0.2,
  anchorTypes: ['facility'] as EntityType[],
  /** An anchor is rare: at most ~1 % of documents name it (IDF of the entity term at least this). */
  anchorMinIdf: 5.6,
  /** Below this term cosine, entity and date overlap alone never merge (two stories about one actor). */
  minCosine: 0.06,
  windowDays: 7,
  docTerms: 40,
  centroidTerms: 100,
  /** Terms of a story's centroid that route new articles to it (with its salient entities). */
  routingTerms: 20,
  queryTerms: 12,
  maxPool: 60,
  /** Members whose vectors are kept (to pick the central title): bounds a big story's saved state. */
  maxVectorMembers: 100,
  /** Latest members an article is also compared with (the best of them or the centroid counts). */
  recentMembers: 8,
  /** A routing key listing more stories than this is too common to route (its stories are reached by rarer keys). */
  maxRouteFanout: 200,
  /** Stories scored per article, those sharing the most of its weight on routing keys. */
  maxCandidates: 40,
  entityTypeWeight: { person: 1, organization: 1, facility: 1.2, location: 0.4, misc: 0.7 } as Record<EntityType, number>,
};

export type StoryTuning = typeof STORY_TUNING;

export interface StoryIndexOptions {
  /** IDF prior; the shipped ANT document frequencies by default. */
  prior?: DfPrior;
  /** Overrides of STORY_TUNING (experiments and tests). */
  tuning?: Partial<StoryTuning>;
  /** With an archive, stories past the limits are evicted after each takeChanges(); without one all stay in memory. */
  archive?: StoryArchive;
  limits?: LiveStoryLimits;
}

export class StoryIndex {
  private readonly stats: TermStats;
  private readonly live = new Map<string, LiveStory>();
  private readonly articleStory = new Map<string, string>();
  private readonly routes = new Map<string, Set<string>>();
  /**
   * Evicted stories listed per routing key: a key's fan-out counts them, so evicting never turns a too-common key into
   * a routing one (results stay those of an index holding every story). Bounded by the vocabulary.
   */
  private readonly evictedRoutes = new Map<string, number>();
  private readonly dirty = new Set<string>();
  private newMembers: StoryChanges['members'] = [];
  private newSentences: StoryChanges['sentences'] = [];
  private nextSeq = 0;
  /** Join counter: a story's `active` is the clock when it last received an article (eviction order). */
  private clock = 0;
  private newestDay: number | null = null;
  private readonly archive: StoryArchive | null;
  private readonly limits: LiveStoryLimits;

  private readonly tuning: StoryTuning;
  private readonly termIds = new TermIds();

  constructor(state?: StoryIndexState, options: StoryIndexOptions = {}) {
    this.tuning = { ...STORY_TUNING, ...options.tuning };
    this.archive = options.archive ?? null;
    this.limits = options.limits ?? LIVE_STORY_LIMITS;
    this.stats = TermStats.fromState(state?.docCount ?? 0, state?.df ?? [], options.prior ?? antPrior());
    for (const s of [...(state?.stories ?? [])].sort((a, b) => a.seq - b.seq)) {
      const story = this.revive(s);
      this.nextSeq = Math.max(this.nextSeq, story.seq + 1);
      this.newestDay = maxDay(this.newestDay, story.lastDay);
    }
    this.nextSeq = Math.max(this.nextSeq, state?.nextSeq ?? 0);
    for (const [key, n] of state?.evictedRoutes ?? []) this.evictedRoutes.set(key, n);
    if (state?.newestDay !== undefined) this.newestDay = state.newestDay;
  }

  storyOf(articleId: string): string | undefined {
    return this.articleStory.get(articleId) ?? this.archive?.storyOfArticle(articleId) ?? undefined;
  }

  /** Members of a story held in memory (0 for an evicted or unknown story). */
  memberCount(storyId: string): number {
    return this.live.get(storyId)?.members.length ?? 0;
  }

  /** Stories held in memory. */
  get liveCount(): number {
    return this.live.size;
  }

  /** Places `doc`: a duplicate joins its original's story; otherwise the best story above the threshold, else a new one. */
  assign(doc: AnnotatedSummary, duplicateOf: string | null = null, prepared?: Pick<PreparedPlacement, 'features' | 'openings'>): { storyId: string; created: boolean } {
    const known = this.articleStory.get(doc.id);
    if (known) return { storyId: known, created: false };
    const article: Placed = { doc, openings: prepared?.openings ?? null };
    const originalStory = duplicateOf ? this.storyOfOriginal(duplicateOf) : undefined;
    if (originalStory) {
      this.join(originalStory, article, duplicateOf, null, 1);
      return { storyId: originalStory.id, created: false };
    }
    const features = prepared?.features ?? docFeatures(doc);
    if (features.counts.size === 0) return { storyId: this.open(article, duplicateOf, null).id, created: true };
    this.stats.observe(features.counts.keys());
    const vector = tfidfVector(features.counts, this.stats, this.tuning.docTerms);
    const packed = pack(vector, this.termIds);
    const best = this.bestStory(vector, packed, features);
    if (best) {
      this.join(best.story, article, duplicateOf, { vector, packed, features }, best.similarity);
      return { storyId: best.story.id, created: false };
    }
    return { storyId: this.open(article, duplicateOf, { vector, packed, features }).id, created: true };
  }

  /**
   * Similarity of a document (features + unit vector) to a story, 0 when outside the time window. The term part is the
   * best cosine to the centroid or to one of the latest members: a follow-up may repeat one report closely.
   */
  similarity(story: LiveStory, vector: TermVector | PackedVector, features: DocFeatures): number {
    const time = timeScore(story, features.day, this.tuning.windowDays);
    if (time === null) return 0;
    const packed = vector instanceof Map ? pack(vector, this.termIds) : vector;
    story.packed ??= { centroid: pack(unit(story.centroid), this.termIds), recent: story.recent.map((v) => pack(v, this.termIds)) };
    let cos = packedDot(packed, story.packed.centroid);
    for (const member of story.packed.recent) cos = Math.max(cos, packedDot(packed, member));
    if (cos < this.tuning.minCosine) return 0;
    const { weights } = this.tuning;
    const entities = weights.entities === 0 ? 0 : this.entityOverlap(story, features);
    return weights.cosine * cos + weights.entities * entities + weights.time * time;
  }

  /** Every story, in creation order; with an archive this reads the evicted ones back (prefer story(id) for a few). */
  stories(): Story[] {
    const live = [...this.live.values()].sort((a, b) => a.seq - b.seq);
    if (!this.archive) return live.map((s) => storyView(s, this.stats));
    // Saved ids come in seq order; stories opened since the last save have higher seqs than any saved one.
    const saved = this.archive.storyIds();
    const savedSet = new Set(saved);
    const ids = [...saved, ...live.filter((s) => !savedSet.has(s.id)).map((s) => s.id)];
    return ids.map((id) => this.story(id)).filter((s): s is Story => s !== undefined);
  }

  /** A story's view, from memory or (evicted) from the archive. */
  story(id: string): Story | undefined {
    const s = this.live.get(id);
    if (s) return storyView(s, this.stats);
    const saved = this.archive?.loadStory(id);
    return saved ? storyView(fromStoryState(saved, this.tuning.recentMembers), this.stats) : undefined;
  }

  /** The IDF statistics (read-only use: rendering summaries of saved stories). */
  get termStats(): TermStats {
    return this.stats;
  }

  state(): StoryIndexState {
    return { docCount: this.stats.docCount, df: sortedEntries(this.stats.df), stories: [...this.live.values()].sort((a, b) => a.seq - b.seq).map(toStoryState) };
  }

  /**
   * Document frequencies, changed stories (compact) and added members and sentences since the last call, for
   * incremental saving. Then, with an archive, evicts the stories past the limits (their state was just handed over).
   */
  takeChanges(): StoryChanges {
    const stories = [...this.dirty]
      .map((id) => this.live.get(id)!)
      .sort((a, b) => a.seq - b.seq)
      .map((story) => ({ state: toCompactState(story), articleCount: story.members.length }));
    this.dirty.clear();
    const changes: StoryChanges = {
      docCount: this.stats.docCount, df: this.stats.takeChanged(), newestDay: this.newestDay, nextSeq: this.nextSeq,
      stories, members: this.newMembers, sentences: this.newSentences,
    };
    this.newMembers = [];
    this.newSentences = [];
    if (this.archive) this.evict();
    return changes;
  }

  /**
   * Brings the index up to what other processes saved since it was loaded or last refreshed (several `marsad worker`
   * processes, docs/queue.md): each changed story's saved state, with the members and pool sentences appended since
   * (`tail`), replaces the one held and is routed again; stories opened elsewhere are added; document frequencies and
   * counters take the saved values; then stories past the limits are evicted, as after a save. Call it with no unsaved
   * changes. Returns false, changing nothing, when a changed story is one this index evicted or never loaded: its
   * routing keys were counted among the evicted ones with a state that is gone, so only a reload counts them right.
   */
  refreshStories(changes: SavedStoryChanges, tail: StoryTail): boolean {
    if (this.dirty.size > 0 || this.newMembers.length > 0 || this.newSentences.length > 0) {
      throw new Error('refreshStories with unsaved changes: save the index first');
    }
    if (changes.stories.some((s) => !this.live.has(s.id) && s.seq < this.nextSeq)) return false;
    for (const saved of changes.stories) {
      const held = this.live.get(saved.id);
      const added = tail(saved.id, held?.members.length ?? 0, held?.pool.length ?? 0);
      const story = fromStoryState({ ...saved, members: [], pool: [] }, this.tuning.recentMembers);
      story.members = held ? [...held.members, ...added.members] : added.members;
      story.pool = held ? [...held.pool, ...added.pool] : added.pool;
      if (held) this.unroute(held);
      this.live.set(story.id, story);
      for (const m of added.members) this.articleStory.set(m.articleId, story.id);
      this.route(story);
      this.clock = Math.max(this.clock, story.active);
      this.nextSeq = Math.max(this.nextSeq, story.seq + 1);
    }
    this.stats.docCount = changes.docCount;
    for (const [term, n] of changes.df) this.stats.df.set(term, n);
    this.newestDay = maxDay(this.newestDay, changes.newestDay);
    this.nextSeq = Math.max(this.nextSeq, changes.nextSeq);
    if (this.archive) this.evict();
    return true;
  }

  /** Takes a live story off the routing keys it is listed under (before it is replaced). */
  private unroute(story: LiveStory): void {
    for (const key of story.routes) {
      const set = this.routes.get(key);
      set?.delete(story.id);
      if (set?.size === 0) this.routes.delete(key);
    }
  }

  /** Evicts stories no new article can reach by date, then the least recently joined beyond the cap. */
  private evict(): void {
    const { maxLive, lateDays } = this.limits;
    const oldestLive = this.newestDay === null ? null : this.newestDay - this.tuning.windowDays - lateDays;
    const keep: LiveStory[] = [];
    for (const story of this.live.values()) {
      if (oldestLive !== null && story.lastDay !== null && story.lastDay < oldestLive) this.drop(story);
      else keep.push(story);
    }
    if (keep.length <= maxLive) return;
    keep.sort((a, b) => a.active - b.active);
    for (const story of keep.slice(0, keep.length - maxLive)) this.drop(story);
  }

  private drop(story: LiveStory): void {
    this.live.delete(story.id);
    for (const key of story.routes) {
      const set = this.routes.get(key);
      set?.delete(story.id);
      if (set?.size === 0) this.routes.delete(key);
      this.evictedRoutes.set(key, (this.evictedRoutes.get(key) ?? 0) + 1);
    }
    for (const m of story.members) this.articleStory.delete(m.articleId);
  }

  private revive(s: StoryState, evicted = false): LiveStory {
    const story = fromStoryState(s, this.tuning.recentMembers);
    this.live.set(story.id, story);
    for (const m of story.members) this.articleStory.set(m.articleId, story.id);
    this.route(story);
    // Its keys were counted as evicted; the saved state gives the same keys it was evicted with.
    if (evicted) for (const key of story.routes) this.evictedRoutes.set(key, (this.evictedRoutes.get(key) ?? 1) - 1);
    this.clock = Math.max(this.clock, story.active);
    return story;
  }

  /** The story of a duplicate's original, brought back from the archive when it was evicted. */
  private storyOfOriginal(originalId: string): LiveStory | undefined {
    const live = this.live.get(this.articleStory.get(originalId) ?? '');
    if (live || !this.archive) return live;
    const storyId = this.archive.storyOfArticle(originalId);
    const saved = storyId ? this.archive.loadStory(storyId) : null;
    return saved ? this.revive(saved, true) : undefined;
  }

  private bestStory(vector: TermVector, packed: PackedVector, features: DocFeatures): { story: LiveStory; similarity: number } | null {
    let best: { story: LiveStory; similarity: number } | null = null;
    const anchors = this.anchorsOf(features);
    for (const story of this.candidates(vector, features)) {
      const similarity = this.similarity(story, packed, features);
      if (similarity < this.tuning.threshold && !(similarity >= this.tuning.anchorThreshold && anchors.some((id) => story.entities.has(id)))) continue;
      if (!best || similarity > best.similarity || (similarity === best.similarity && story.seq < best.story.seq)) best = { story, similarity };
    }
    return best;
  }

  /** The article's anchor entities: rare facilities named in its title or lead. */
  private anchorsOf(features: DocFeatures): string[] {
    const { anchorTypes, anchorMinIdf } = this.tuning;
    return (features.lead ?? []).filter((id) => {
      const type = features.salient.get(id);
      return type !== undefined && anchorTypes.includes(type) && this.stats.idf(entityTerm(id)) >= anchorMinIdf;
    });
  }

  /**
   * Stories sharing a routing key (a heavy term or salient entity) with the document, the `maxCandidates` best by the
   * document's weight on the keys they share: O(candidates), not O(stories).
   */
  private candidates(vector: TermVector, features: DocFeatures): LiveStory[] {
    const keys = topEntries(vector, this.tuning.queryTerms).map(([t]) => t);
    for (const id of features.salient.keys()) keys.push(entityTerm(id));
    const shared = new Map<string, number>();
    for (const key of new Set(keys)) {
      const routed = this.routes.get(key);
      if (!routed || routed.size + (this.evictedRoutes.get(key) ?? 0) > this.tuning.maxRouteFanout) continue;
      const weight = vector.get(key) ?? SALIENT_ONLY_KEY_WEIGHT;
      for (const id of routed) shared.set(id, (shared.get(id) ?? 0) + weight);
    }
    const stories = [...shared.keys()].map((id) => this.live.get(id)!);
    if (stories.length <= this.tuning.maxCandidates) return stories;
    return stories.sort((a, b) => shared.get(b.id)! - shared.get(a.id)! || a.seq - b.seq).slice(0, this.tuning.maxCandidates);
  }

  /** Weighted Jaccard of salient entities; a story's entity counts by the share of its articles naming it. */
  private entityOverlap(story: LiveStory, features: DocFeatures): number {
    const analysed = story.analysed || 1;
    let shared = 0;
    let union = 0;
    const seen = new Set<string>();
    const weigh = (id: string, type: EntityType) => this.tuning.entityTypeWeight[type] * this.stats.idf(entityTerm(id));
    for (const [id, type] of features.salient) {
      const w = weigh(id, type);
      const share = (story.entities.get(id)?.count ?? 0) / analysed;
      shared += w * Math.min(1, share);
      union += w;
      seen.add(id);
    }
    for (const [id, e] of story.entities) if (!seen.has(id)) union += weigh(id, e.type) * (e.count / analysed);
    return union === 0 ? 0 : shared / union;
  }

  private open(article: Placed, duplicateOf: string | null, analysed: Analysed | null): LiveStory {
    const story: LiveStory = {
      id: storyIdFor(article.doc.id), seq: this.nextSeq++, firstPublished: null, lastPublished: null, active: 0,
      centroid: new Map(), firstDay: null, lastDay: null, recent: [], packed: null, analysed: 0, entities: new Map(), members: [], pool: [], routes: [],
    };
    this.live.set(story.id, story);
    this.join(story, article, duplicateOf, analysed, 1);
    return story;
  }

  private join(story: LiveStory, article: Placed, duplicateOf: string | null, analysed: Analysed | null, similarity: number): void {
    const { doc } = article;
    story.active = ++this.clock;
    const member: StoryMember = {
      articleId: doc.id, title: doc.title, published: doc.published ?? null, duplicateOf,
      similarity: Math.round(similarity * 1000) / 1000,
      terms: analysed && story.analysed < this.tuning.maxVectorMembers ? sortedEntries(analysed.vector) : [],
    };
    this.newMembers.push({ storyId: story.id, position: story.members.length, member });
    story.members.push(member);
    this.articleStory.set(doc.id, story.id);
    if (member.published) {
      if (!story.firstPublished || member.published < story.firstPublished) story.firstPublished = member.published;
      if (!story.lastPublished || member.published > story.lastPublished) story.lastPublished = member.published;
      story.firstDay = dayNumber(story.firstPublished);
      story.lastDay = dayNumber(story.lastPublished);
      this.newestDay = maxDay(this.newestDay, story.lastDay);
    }
    if (analysed) {
      story.analysed++;
      for (const [t, w] of analysed.vector) story.centroid.set(t, (story.centroid.get(t) ?? 0) + w);
      story.centroid = truncate(story.centroid, this.tuning.centroidTerms);
      story.recent.push(analysed.vector);
      if (story.recent.length > this.tuning.recentMembers) story.recent.shift();
      // Keep the packed copies in step (the member vector is packed once; only the centroid is repacked).
      if (story.packed) {
        story.packed.centroid = pack(unit(story.centroid), this.termIds);
        story.packed.recent.push(analysed.packed);
        if (story.packed.recent.length > this.tuning.recentMembers) story.packed.recent.shift();
      }
      for (const [id, type] of analysed.features.salient) {
        const e = story.entities.get(id);
        story.entities.set(id, { type, count: (e?.count ?? 0) + 1 });
      }
      if (story.pool.length < this.tuning.maxPool) this.addToPool(story, candidateSentences(doc.id, this.openings(article), analysed.vector, this.stats));
      this.route(story);
    } else if (!duplicateOf && story.pool.length === 0) {
      this.addToPool(story, leadSentences(doc.id, this.openings(article)));
    }
    this.dirty.add(story.id);
  }

  private openings(article: Placed): OpeningSentence[] {
    article.openings ??= openingSentences(article.doc);
    return article.openings;
  }

  private addToPool(story: LiveStory, sentences: PooledSentence[]): void {
    for (const sentence of sentences) {
      this.newSentences.push({ storyId: story.id, position: story.pool.length, sentence });
      story.pool.push(sentence);
    }
  }

  private route(story: LiveStory): void {
    for (const key of story.routes) this.routes.get(key)?.delete(story.id);
    const keys = routingKeys(story.centroid, story.entities.keys(), this.tuning.routingTerms);
    story.routes = [...keys];
    for (const key of keys) {
      const set = this.routes.get(key);
      if (set) set.add(story.id);
      else this.routes.set(key, new Set([story.id]));
    }
  }
}

/** A story's routing keys: its heaviest centroid terms and its salient entities. */
export function routingKeys(centroid: TermVector, entityIds: Iterable<string>, routingTerms = STORY_TUNING.routingTerms): Set<string> {
  const keys = new Set(topEntries(centroid, routingTerms).map(([t]) => t));
  for (const id of entityIds) keys.add(entityTerm(id));
  return keys;
}

/** Routing keys of saved stories (those a store did not load), counted per key: StoryIndexState.evictedRoutes. */
export function evictedRouteCounts(states: Iterable<StoryState>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of states) {
    for (const key of routingKeys(new Map(s.centroid), s.entities.map(([id]) => id))) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Routing weight of a salient entity that fell out of the document's truncated vector. */
const SALIENT_ONLY_KEY_WEIGHT = 0.05;

let cachedPrior: DfPrior | null = null;

/** The shipped ANT prior, read once (read-only data, the same for every index). */
export function antPrior(): DfPrior {
  cachedPrior ??= loadDfPrior();
  return cachedPrior;
}

/** An article being placed, with its opening sentences when a worker already extracted them. */
interface Placed {
  doc: AnnotatedSummary;
  openings: OpeningSentence[] | null;
}

function maxDay(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}

interface Analysed {
  vector: TermVector;
  packed: PackedVector;
  features: DocFeatures;
}

/** 1 on the story's dates, falling linearly to 0 at the window's edge; null beyond it; 0.5 when a date is unknown. */
function timeScore(story: LiveStory, day: number | null, windowDays: number): number | null {
  const first = story.firstDay;
  const last = story.lastDay;
  if (day === null || first === null || last === null) return 0.5;
  const distance = day < first ? first - day : day > last ? day - last : 0;
  return distance > windowDays ? null : 1 - distance / windowDays;
}
