// Stores a batch of annotated articles atomically: skip stored ids, place each (duplicate, story), merge its minted
// entities with their variants in the story, write, save stories.
// Input: a Store, the live indexes, annotated Documents in arrival order. Output: each article's placement (or skip).
import type { Document } from '../document.js';
import type { DuplicateIndex } from '../stories/duplicates.js';
import type { StoryIndex } from '../stories/cluster.js';
import { type Placement, placeArticle } from '../stories/placement.js';
import type { PreparedPlacement } from '../stories/prepare.js';
import { StoryEntityRegistry } from '../stories/story-entities.js';
import type { Store } from './store.js';

export interface StoryIndexes {
  duplicates: DuplicateIndex;
  stories: StoryIndex;
  /** Each touched story's entities by name (src/stories/story-entities.ts); created by the first storeBatch when absent. */
  entities?: StoryEntityRegistry;
}

/** A stored article's `doc` is the Document as stored: its minted entity ids merged with the story's earlier ones. */
export type BatchResult = { id: string; skipped: true } | ({ id: string; skipped: false; doc: Document } & Placement);

/** The indexes a run continues from: everything stored so far. */
export function loadIndexes(store: Store): StoryIndexes {
  return { duplicates: store.loadDuplicateIndex(), stories: store.loadStoryIndex(), entities: storyEntityRegistry(store) };
}

function storyEntityRegistry(store: Store): StoryEntityRegistry {
  return new StoryEntityRegistry((storyId) => store.storyEntityMentions(storyId));
}

/**
 * One transaction for the batch; `prepared[i]` (from preparePlacement, e.g. on a worker) stands for docs[i]'s tokens. An article already stored (same content-derived id) is skipped, so
 * re-running on the same input adds nothing. If the transaction fails the indexes are ahead of the
 * store: reload them with loadIndexes.
 */
export function storeBatch(store: Store, indexes: StoryIndexes, docs: Document[], prepared?: PreparedPlacement[]): BatchResult[] {
  const entities = (indexes.entities ??= storyEntityRegistry(store));
  return store.transaction(() => {
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
    return results;
  });
}
