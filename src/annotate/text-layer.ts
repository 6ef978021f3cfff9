// Text layer stage: tokens (clitic-aware) and sentences over the published text.
// Input: a Document with text. Output: the same Document with `tokens` and `sentences`.
import type { Document } from '../document.js';
import { splitSentences, tokenize } from '../arabic/tokenize.js';

export function annotateTextLayer(doc: Document): Document {
  return { ...doc, tokens: tokenize(doc.text), sentences: splitSentences(doc.text) };
}
