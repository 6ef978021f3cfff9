// Reading CoNLL-style NER files (ANERcorp): one `TOKEN TAG` per line, a blank line between sentences.
import { labelIndex } from './labels.js';

export interface GoldSentence {
  words: string[];
  labels: number[];
}

export function parseConll(text: string): GoldSentence[] {
  const sentences: GoldSentence[] = [];
  let current: GoldSentence = { words: [], labels: [] };
  const flush = () => {
    if (current.words.length > 0) sentences.push(current);
    current = { words: [], labels: [] };
  };
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === '') { flush(); continue; }
    const cut = trimmed.lastIndexOf(' ');
    if (cut <= 0) throw new Error(`malformed CoNLL line: ${JSON.stringify(line)}`);
    current.words.push(trimmed.slice(0, cut));
    current.labels.push(labelIndex(trimmed.slice(cut + 1)));
  }
  flush();
  return sentences;
}
