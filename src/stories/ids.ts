// Content-derived article ids: the same input record, title and text always give the same id.
// Input: an ArticleDraft. Output: "a_" + 16 hex characters of a SHA-256 digest.
import { createHash } from 'node:crypto';
import type { ArticleDraft } from '../document.js';

/** "a_" + the first 16 hex chars of sha256(input + NUL + title + NUL + text). */
export function articleId(draft: Pick<ArticleDraft, 'input' | 'title' | 'text'>): string {
  const digest = createHash('sha256').update(draft.input + '\u0000' + draft.title + '\u0000' + draft.text).digest('hex');
  return 'a_' + digest.slice(0, 16);
}

/** A story is named after the article that opened it, so its id never changes. */
export function storyIdFor(firstArticleId: string): string {
  return 's_' + firstArticleId;
}
