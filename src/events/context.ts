// What the event stage knows about one document: its tokens, the sentence and entity mention at each token.
// Input: a Document with tokens, sentences and entities. Output: DocumentView (token-indexed lookups).
import type { Document, EntityMention, Token } from '../document.js';
import { tokenize } from '../arabic/tokenize.js';

export interface DocumentView {
  doc: Document;
  tokens: Token[];
  /** Sentence index of each token. */
  sentenceOf: Int32Array;
  /** [first, end) token range of each sentence. */
  sentenceRange: [number, number][];
  /** The entity mention covering each token, if any. */
  mentionAt: (EntityMention | undefined)[];
  /** Token range [first, end) of each entity mention, by mention. */
  mentionTokens: Map<EntityMention, [number, number]>;
  /** The same ranges ordered by first token, for range look-ups. */
  mentionRanges: { mention: EntityMention; first: number; end: number }[];
}

export function viewOf(doc: Document): DocumentView {
  const tokens = doc.tokens.length > 0 ? doc.tokens : tokenize(doc.text);
  const sentenceOf = new Int32Array(tokens.length);
  const sentenceRange: [number, number][] = [];
  let s = 0;
  const sentences = doc.sentences.length > 0 ? doc.sentences : [{ start: 0, end: doc.text.length }];
  let first = 0;
  for (let i = 0; i < tokens.length; i++) {
    while (s < sentences.length - 1 && tokens[i].start >= sentences[s].end) {
      sentenceRange.push([first, i]);
      first = i;
      s++;
    }
    sentenceOf[i] = sentenceRange.length;
  }
  sentenceRange.push([first, tokens.length]);
  const mentionAt: (EntityMention | undefined)[] = new Array(tokens.length);
  const mentionTokens = new Map<EntityMention, [number, number]>();
  let m = 0;
  const mentions = [...doc.entities].sort((a, b) => a.start - b.start);
  for (let i = 0; i < tokens.length && m < mentions.length; i++) {
    while (m < mentions.length && mentions[m].end <= tokens[i].start) m++;
    const mention = mentions[m];
    if (mention && mention.start < tokens[i].end && tokens[i].start < mention.end) {
      mentionAt[i] = mention;
      const range = mentionTokens.get(mention);
      if (range) range[1] = i + 1;
      else mentionTokens.set(mention, [i, i + 1]);
    }
  }
  const mentionRanges = [...mentionTokens.entries()].map(([mention, [first, end]]) => ({ mention, first, end })).sort((a, b) => a.first - b.first);
  return { doc, tokens, sentenceOf, sentenceRange, mentionAt, mentionTokens, mentionRanges };
}

export function isBoundary(t: Token): boolean {
  return t.kind === 'punct' && /[.!?؟؛;:]/.test(t.text);
}
