// Stores a batch of annotated articles atomically: skip stored ids, place each (duplicate, story), merge its minted
// entities with their variants in the story, write, save stories.
// Input: a Store, the live indexes, annotated Documents in arrival order. Output: each article's placement (or skip).
import type { Document } from '../document.js';
import type { DuplicateIndex } from '../stories/duplicates.js';
import type { StoryIndex } from '../stories/cluster.js';
import { type Placement, placeArticle } from '../stories/placement.js';
import type { PreparedPlacement } from '../stories/prepare.js';
import { StoryEntityRegistry } from '../stories/story-entities.js';
import type { ChangeCursor, Store } from './store.js';

export interface StoryIndexes {
  duplicates: DuplicateIndex;
  stories: StoryIndex;
  /** Each touched story's entities by name (src/stories/story-entities.ts); created by the first storeBatch when absent. */
  entities?: StoryEntityRegistry;
  /**
   * Where the indexes stand in the store's history (set by loadIndexes, moved by every storeBatch): storeBatch first
   * catches up with what other processes stored after it. Indexes built without it are this process's alone.
   */
  cursor?: ChangeCursor;
  /** What catching up did so far (docs/queue.md): batches that found changes, records taken in, full reloads. */
  caughtUp?: CatchUpStats;
}

export interface CatchUpStats {
  batches: number;
  fingerprints: number;
  stories: number;
  /** Times a changed story was one these indexes had evicted, so the story index was reloaded whole. */
  reloads: number;
}

/** A stored article's `doc` is the Document as stored: its minted entity ids merged with the story's earlier ones. */
export type BatchResult = { id: string; skipped: true } | ({ id: string; skipped: false; doc: Document } & Placement);

/** The indexes a run continues from: everything stored so far (read under the writer lock: one consistent state). */
export function loadIndexes(store: Store): StoryIndexes {
  return store.exclusive(() => ({
    duplicates: store.loadDuplicateIndex(), stories: store.loadStoryIndex(), entities: storyEntityRegistry(store),
    cursor: store.changeCursor(),
  }));
}

/**
 * Brings loaded indexes up to what other processes stored since their cursor (call it under Store.exclusive; storeBatch
 * does): their fingerprints, the stories they changed (StoryIndex.refreshStories; a full reload of the story index when
 * a changed story is one these indexes evicted), document frequencies and counters; entity registries of changed
 * stories are dropped. Costs two indexed reads when nothing changed.
 */
export function catchUp(store: Store, indexes: StoryIndexes): void {
  if (!indexes.cursor) return;
  const changes = store.changesSince(indexes.cursor);
  if (!changes) return;
  const stats = (indexes.caughtUp ??= { batches: 0, fingerprints: 0, stories: 0, reloads: 0 });
  stats.batches++;
  stats.fingerprints += changes.fingerprints.length;
  stats.stories += changes.stories.length;
  indexes.duplicates.addStored(changes.fingerprints);
  const saved = { docCount: changes.docCount, df: changes.df, newestDay: changes.newestDay, nextSeq: changes.nextStorySeq, stories: changes.stories };
  if (!indexes.stories.refreshStories(saved, (id, members, sentences) => store.storyTail(id, members, sentences))) {
    indexes.stories = store.loadStoryIndex();
    stats.reloads++;
  }
  for (const story of changes.stories) indexes.entities?.forget(story.id);
  indexes.cursor = changes.cursor;
}

function storyEntityRegistry(store: Store): StoryEntityRegistry {
  return new StoryEntityRegistry((storyId) => store.storyEntityMentions(storyId));
}

/**
 * One transaction for the batch, under the store's writer lock, after catching up with other processes (catchUp);
 * `prepared[i]` (from preparePlacement, e.g. on a worker) stands for docs[i]'s tokens. An article already stored (same
 * content-derived id) is skipped, so re-running on the same input adds nothing. If the transaction fails the indexes
 * are ahead of the store: reload them with loadIndexes.
 */
export function storeBatch(store: Store, indexes: StoryIndexes, docs: Document[], prepared?: PreparedPlacement[]): BatchResult[] {
  const entities = (indexes.entities ??= storyEntityRegistry(store));
  return store.exclusive(() => {
    catchUp(store, indexes);
    const results: BatchResult[] = [];
    docs.forEach((placed, i) => {
      if (store.hasArticle(placed.id) || indexes.duplicates.has(placed.id)) {
        results.push({ id: placed.id, skipped: true });
        return;
      }
      const placement = placeArticle(placed, indexes.duplicates, indexes.stories, prepared?.[i]);
      // After placement (which reads the ids as annotated) and before writing: the store keeps the merged ids.
      const doc = entities.remapArticle(placement.storyId, placed, placement.createdStory);
      store.putArticle({
        doc, duplicateOf: placement.duplicateOf, duplicateScore: placement.duplicateScore, storyId: placement.storyId,
        storyPosition: indexes.stories.memberCount(placement.storyId) - 1, fingerprint: placement.fingerprint,
      });
      results.push({ id: doc.id, skipped: false, doc, ...placement });
    });
    store.saveStoryIndex(indexes.stories);
    if (indexes.cursor) indexes.cursor = store.changeCursor();
    return results;
  });
}
