// A story's live state, its plain-JSON form for the store, and its public view (title, summary, members).
// Input: LiveStory kept by StoryIndex. Output: StoryState (serialisable) and Story (what readers see).
import type { EntityType } from '../document.js';
import { type PooledSentence, summarize } from './summary.js';
import { type TermStats, type TermVector, cosine } from './vectors.js';

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
  firstPublished: string | null;
  lastPublished: string | null;
  /** Sum of member vectors, truncated to the heaviest terms. */
  centroid: TermVector;
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
  firstPublished: string | null;
  lastPublished: string | null;
  centroid: [string, number][];
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
    firstPublished: s.firstPublished,
    lastPublished: s.lastPublished,
    centroid: [...s.centroid],
    analysed: s.analysed,
    entities: [...s.entities].map(([id, e]) => [id, e.type, e.count]),
    members: s.members.map((m) => ({ ...m, terms: m.terms.map(([t, w]) => [t, w] as [string, number]) })),
    pool: s.pool.map((p) => ({ ...p, terms: [...p.terms] })),
  };
}

export function fromStoryState(s: StoryState): LiveStory {
  return {
    id: s.id,
    seq: s.seq,
    firstPublished: s.firstPublished,
    lastPublished: s.lastPublished,
    centroid: new Map(s.centroid),
    analysed: s.analysed,
    entities: new Map(s.entities.map(([id, type, count]) => [id, { type, count }])),
    members: s.members.map((m) => ({ ...m, terms: m.terms.map(([t, w]) => [t, w] as [string, number]) })),
    pool: s.pool.map((p) => ({ ...p, terms: [...p.terms] })),
    routes: [],
  };
}

/** The most central member: highest cosine to the centroid; ties (and stories without vectors) → earliest. */
export function centralMember(s: LiveStory): StoryMember {
  let best = s.members[0];
  let bestScore = -1;
  for (const m of s.members) {
    if (m.terms.length === 0) continue;
    const score = cosine(new Map(m.terms), s.centroid);
    if (score > bestScore) {
      best = m;
      bestScore = score;
    }
  }
  return best;
}

export function storyView(s: LiveStory, stats: TermStats): Story {
  const central = centralMember(s);
  return {
    id: s.id,
    title: central.title,
    summary: s.pool.length > 0 ? summarize(s.pool, s.centroid, stats) : '',
    articleIds: s.members.map((m) => m.articleId),
    articleCount: s.members.length,
    centralArticleId: central.articleId,
    firstPublished: s.firstPublished,
    lastPublished: s.lastPublished,
  };
}
