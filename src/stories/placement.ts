// The duplicates-and-stories stage for one article: find its original, then its story.
// Input: an annotated Document plus the live DuplicateIndex and StoryIndex. Output: a Placement to store.
import type { AnnotatedSummary } from './terms.js';
import type { DuplicateIndex, FingerprintRecord } from './duplicates.js';
import type { StoryIndex } from './cluster.js';

export interface Placement {
  duplicateOf: string | null;
  /** Estimated containment of the shingles (1 for an exact copy), null when not a duplicate. */
  duplicateScore: number | null;
  storyId: string;
  createdStory: boolean;
  fingerprint: FingerprintRecord;
}

/** Arrival order matters: call once per article, in the order articles are stored. */
export function placeArticle(doc: AnnotatedSummary, duplicates: DuplicateIndex, stories: StoryIndex): Placement {
  const match = duplicates.findDuplicate(doc);
  const fingerprint = duplicates.add(doc, match?.of ?? null);
  const { storyId, created } = stories.assign(doc, match?.of ?? null);
  return { duplicateOf: match?.of ?? null, duplicateScore: match?.score ?? null, storyId, createdStory: created, fingerprint };
}
