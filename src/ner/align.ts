// Gold sentences are tokenised by whitespace; the tagger works on Marsad's own tokens (punctuation split off, one
// token per clitic-carrying word). These helpers move labels and spans between the two tokenisations.
import { tokenize } from '../arabic/tokenize.js';
import type { Token } from '../document.js';
import { isBegin, OUTSIDE, spansOfLabels, type LabeledSpan } from './labels.js';

export interface AlignedSentence {
  text: string;
  tokens: Token[];
  /** Gold word index of each token. */
  wordOfToken: Int32Array;
  /** Character offset where each gold word starts in `text`. */
  wordStarts: number[];
}

/** The words joined by single spaces, tokenised; every token lies inside one word. */
export function alignSentence(words: readonly string[]): AlignedSentence {
  const wordStarts: number[] = [];
  let text = '';
  for (const word of words) {
    if (text !== '') text += ' ';
    wordStarts.push(text.length);
    text += word;
  }
  const tokens = tokenize(text);
  return { text, tokens, wordOfToken: wordIndexOfOffsets(tokens.map((t) => t.start), wordStarts), wordStarts };
}

/** The index of the word each offset falls in (offsets ascending). */
export function wordIndexOfOffsets(offsets: readonly number[], wordStarts: readonly number[]): Int32Array {
  const result = new Int32Array(offsets.length);
  let w = 0;
  for (let i = 0; i < offsets.length; i++) {
    while (w + 1 < wordStarts.length && wordStarts[w + 1] <= offsets[i]) w++;
    result[i] = w;
  }
  return result;
}

/**
 * Word labels onto tokens: the first token of a labelled word takes its label, the word's other tokens continue
 * it ("(د" → "(" B, "د" I). Words with no token (none in practice: every word has a visible character) are lost.
 */
export function projectLabels(aligned: AlignedSentence, wordLabels: readonly number[]): Int32Array {
  const labels = new Int32Array(aligned.tokens.length);
  for (let i = 0; i < labels.length; i++) {
    const w = aligned.wordOfToken[i];
    const label = wordLabels[w];
    const firstOfWord = i === 0 || aligned.wordOfToken[i - 1] !== w;
    labels[i] = label === OUTSIDE || firstOfWord || !isBegin(label) ? label : label + 1;
  }
  return labels;
}

/** Token spans back onto words: a span covers every word one of its tokens touches. */
export function spansOnWords(aligned: AlignedSentence, tokenSpans: readonly LabeledSpan[]): LabeledSpan[] {
  const seen = new Set<string>();
  const spans: LabeledSpan[] = [];
  for (const span of tokenSpans) {
    const first = aligned.wordOfToken[span.first];
    const end = aligned.wordOfToken[span.end - 1] + 1;
    const key = `${span.type}:${first}:${end}`;
    if (!seen.has(key)) { seen.add(key); spans.push({ type: span.type, first, end }); }
  }
  return spans;
}

export { spansOfLabels };
