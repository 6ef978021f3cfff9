// A story's live state, its plain-JSON form for the store, and its public view (title, summary, members).
// Input: LiveStory kept by StoryIndex. Output: StoryState (serialisable) and Story (what readers see).
import type { EntityType } from '../document.js';
import { type PooledSentence, summarize } from './summary.js';
import { type TermStats, type TermVector, cosine } from './vectors.js';
import { dayNumber } from './features.js';
import type { PackedVector } from './packed.js';

export interface StoryMember {
  articleId: string;
  title: string;
  published: string | null;
  duplicateOf: string | null;
  /** Similarity to the story when the article joined (1 for the opener and for duplicates). */
  similarity: number;
  /** The article's unit TF-IDF vector (top terms); empty for duplicates, non-Arabic articles and members past the cap. */
  terms: [string, number][];
}

export interface LiveStory {
  id: string;
  /** Creation order: breaks similarity ties (earliest story wins) and orders listings. */
  seq: number;
  /** Join counter when the story last received an article: the least recently joined are evicted first. */
  active: number;
  firstPublished: string | null;
  lastPublished: string | null;
  /** Sum of member vectors, truncated to the heaviest terms. */
  centroid: TermVector;
  /** Not saved: the day numbers of the date range, kept for the hot comparison loop. */
  firstDay: number | null;
  lastDay: number | null;
  /** Unit vectors of the latest analysed members, newest last: an article may match one member closely but the centroid less. */
  recent: TermVector[];
  /** Centroid and recent members packed for comparison (unit centroid); null when stale, rebuilt on the next comparison. */
  packed: { centroid: PackedVector; recent: PackedVector[] } | null;
  /** Members that brought a vector (not duplicates, not non-Arabic). */
  analysed: number;
  /** Salient entity → in how many analysed members it is salient. */
  entities: Map<string, { type: EntityType; count: number }>;
  members: StoryMember[];
  pool: PooledSentence[];
  /** Routing keys this story is listed under in the index. */
  routes: string[];
}

/** LiveStory as plain JSON (maps as entry lists in their insertion order, so a reload sums floats in the same order). */
export interface StoryState {
  id: string;
  seq: number;
  /** Absent in states saved before eviction: then 0. */
  active?: number;
  firstPublished: string | null;
  lastPublished: string | null;
  centroid: [string, number][];
  /** Absent in states saved before member matching: then rebuilt from the members' vectors. */
  recent?: [string, number][][];
  analysed: number;
  entities: [string, EntityType, number][];
  members: StoryMember[];
  pool: PooledSentence[];
}

export interface Story {
  id: string;
  title: string;
  summary: string;
  /** Members in arrival order, duplicates included. */
  articleIds: string[];
  articleCount: number;
  centralArticleId: string;
  firstPublished: string | null;
  lastPublished: string | null;
}

export function toStoryState(s: LiveStory): StoryState {
  return {
    id: s.id,
    seq: s.seq,
    active: s.active,
    firstPublished: s.firstPublished,
    lastPublished: s.lastPublished,
    centroid: [...s.centroid],
    recent: s.recent.map((v) => [...v]),
    analysed: s.analysed,
    entities: [...s.entities].map(([id, e]) => [id, e.type, e.count]),
    members: s.members.map((m) => ({ ...m, terms: m.terms.map(([t, w]) => [t, w] as [string, number]) })),
    pool: s.pool.map((p) => ({ ...p, terms: [...p.terms] })),
  };
}

/** The state without members and pool, which the store appends as they come (see StoryChanges). */
export function toCompactState(s: LiveStory): StoryState {
  return {
    id: s.id, seq: s.seq, active: s.active, firstPublished: s.firstPublished, lastPublished: s.lastPublished,
    centroid: [...s.centroid], recent: s.recent.map((v) => [...v]), analysed: s.analysed,
    entities: [...s.entities].map(([id, e]) => [id, e.type, e.count]), members: [], pool: [],
  };
}

export function fromStoryState(s: StoryState, recentMembers: number): LiveStory {
  const centroid = new Map(s.centroid);
  const recent = s.recent ?? s.members.filter((m) => m.terms.length > 0).slice(-recentMembers).map((m) => m.terms);
  return {
    id: s.id,
    seq: s.seq,
    active: s.active ?? 0,
    firstPublished: s.firstPublished,
    lastPublished: s.lastPublished,
    centroid,
    firstDay: dayNumber(s.firstPublished),
    lastDay: dayNumber(s.lastPublished),
    recent: recent.map((v) => new Map(v)),
    packed: null,
    analysed: s.analysed,
    entities: new Map(s.entities.map(([id, type, count]) => [id, { type, count }])),
    members: s.members.map((m) => ({ ...m, terms: m.terms.map(([t, w]) => [t, w] as [string, number]) })),
    pool: s.pool.map((p) => ({ ...p, terms: [...p.terms] })),
    routes: [],
  };
}

/** Members by centrality: highest cosine to the centroid first; members without vectors after, in arrival order. */
export function membersByCentrality(s: LiveStory): StoryMember[] {
  const scored = s.members.map((m, index) => ({ m, index, score: m.terms.length === 0 ? -1 : cosine(new Map(m.terms), s.centroid) }));
  return scored.sort((a, b) => b.score - a.score || a.index - b.index).map((x) => x.m);
}

/** The most central member: highest cosine to the centroid; ties (and stories without vectors) → earliest. */
export function centralMember(s: LiveStory): StoryMember {
  return membersByCentrality(s)[0];
}

/** Longest generated title; a lead sentence is cut at a word boundary below it. */
export const TITLE_MAX_CHARS = 90;

/**
 * The title of the most central member that has one; when no member has a title, the first pooled sentence of the
 * most central article (pages without a title line still name the story in their lead).
 */
export function storyTitle(s: LiveStory, byCentrality: StoryMember[] = membersByCentrality(s)): string {
  const titled = byCentrality.find((m) => m.title.trim() !== '');
  if (titled) return titled.title;
  for (const m of byCentrality) {
    const lead = s.pool.filter((p) => p.articleId === m.articleId).sort((a, b) => a.position - b.position)[0];
    if (lead) return cutAtWord(lead.text, TITLE_MAX_CHARS);
  }
  return '';
}

/** `text` cut to at most `max` characters at a word boundary, trailing punctuation dropped, with an ellipsis when cut. */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  const cut = (space > 0 ? head.slice(0, space) : head).replace(/[\s\p{P}]+$/u, '');
  return cut + '…';
}

export function storyView(s: LiveStory, stats: TermStats): Story {
  const byCentrality = membersByCentrality(s);
  const central = byCentrality[0];
  return {
    id: s.id,
    title: storyTitle(s, byCentrality),
    // Articles without Arabic features pool their leads for the title only: no summary (docs/output.md).
    summary: s.analysed > 0 && s.pool.length > 0 ? summarize(s.pool, s.centroid, stats) : '',
    articleIds: s.members.map((m) => m.articleId),
    articleCount: s.members.length,
    centralArticleId: central.articleId,
    firstPublished: s.firstPublished,
    lastPublished: s.lastPublished,
  };
}
