// The development part of ANERcorp train: its last 15 %, sequential like the train/test split itself.
import type { GoldSentence } from './conll.js';

export const DEV_FRACTION = 0.15;

export function splitTrain(sentences: readonly GoldSentence[], devFraction: number): { train: GoldSentence[]; dev: GoldSentence[] } {
  const cut = Math.round(sentences.length * (1 - devFraction));
  return { train: sentences.slice(0, cut), dev: sentences.slice(cut) };
}
