// Stores a batch of annotated articles atomically: skip stored ids, place each (duplicate, story), write, save stories.
// Input: a Store, the live indexes, annotated Documents in arrival order. Output: each article's placement (or skip).
import type { Document } from '../document.js';
import type { DuplicateIndex } from '../stories/duplicates.js';
import type { StoryIndex } from '../stories/cluster.js';
import { type Placement, placeArticle } from '../stories/placement.js';
import type { PreparedPlacement } from '../stories/prepare.js';
import type { Store } from './store.js';

export interface StoryIndexes {
  duplicates: DuplicateIndex;
  stories: StoryIndex;
}

export type BatchResult = { id: string; skipped: true } | ({ id: string; skipped: false } & Placement);

/** The indexes a run continues from: everything stored so far. */
export function loadIndexes(store: Store): StoryIndexes {
  return { duplicates: store.loadDuplicateIndex(), stories: store.loadStoryIndex() };
}

/**
 * One transaction for the batch; `prepared[i]` (from preparePlacement, e.g. on a worker) stands for docs[i]'s tokens. An article already stored (same content-derived id) is skipped, so
 * re-running on the same input adds nothing. If the transaction fails the indexes are ahead of the
 * store: reload them with loadIndexes.
 */
export function storeBatch(store: Store, indexes: StoryIndexes, docs: Document[], prepared?: PreparedPlacement[]): BatchResult[] {
  return store.transaction(() => {
    const results: BatchResult[] = [];
    docs.forEach((doc, i) => {
      if (store.hasArticle(doc.id) || indexes.duplicates.has(doc.id)) {
        results.push({ id: doc.id, skipped: true });
        return;
      }
      const placement = placeArticle(doc, indexes.duplicates, indexes.stories, prepared?.[i]);
      store.putArticle({
        doc, duplicateOf: placement.duplicateOf, duplicateScore: placement.duplicateScore, storyId: placement.storyId,
        storyPosition: indexes.stories.memberCount(placement.storyId) - 1, fingerprint: placement.fingerprint,
      });
      results.push({ id: doc.id, skipped: false, ...placement });
    });
    store.saveStoryIndex(indexes.stories);
    return results;
  });
}
