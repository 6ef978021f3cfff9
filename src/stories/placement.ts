// The duplicates-and-stories stage for one article: find its original, then its story.
// Input: an annotated Document (or its prepared features) plus the live DuplicateIndex and StoryIndex. Output: a Placement to store.
import type { AnnotatedSummary } from './terms.js';
import { type DuplicateIndex, type FingerprintRecord, withExactHash } from './duplicates.js';
import type { StoryIndex } from './cluster.js';
import type { PreparedPlacement } from './prepare.js';

export interface Placement {
  duplicateOf: string | null;
  /** Estimated containment of the shingles (1 for an exact copy), null when not a duplicate. */
  duplicateScore: number | null;
  storyId: string;
  createdStory: boolean;
  fingerprint: FingerprintRecord;
}

/**
 * Arrival order matters: call once per article, in the order articles are stored. `prepared` (preparePlacement, often
 * computed on a worker thread) spares this thread the token work; without it `doc` must carry its tokens.
 */
export function placeArticle(doc: AnnotatedSummary, duplicates: DuplicateIndex, stories: StoryIndex, prepared?: PreparedPlacement): Placement {
  const fp = prepared ? withExactHash(prepared.fingerprint, doc.text) : duplicates.fingerprint(doc);
  const match = duplicates.findDuplicateOf(fp);
  const fingerprint = duplicates.addFingerprint(fp, match?.of ?? null);
  const { storyId, created } = stories.assign(doc, match?.of ?? null, prepared);
  return { duplicateOf: match?.of ?? null, duplicateScore: match?.score ?? null, storyId, createdStory: created, fingerprint };
}
