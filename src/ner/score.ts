// CoNLL exact-span scoring: a predicted entity counts only when type, first and last word all match a gold one.
import { NER_TYPES, type LabeledSpan, type NerType } from './labels.js';
import { toScore, type Counts, type Score } from '../eval/score.js';

export type SpanCounts = Record<NerType, Counts>;

export function emptyCounts(): SpanCounts {
  return Object.fromEntries(NER_TYPES.map((t) => [t, { gold: 0, predicted: 0, correct: 0 }])) as SpanCounts;
}

export function addCounts(into: SpanCounts, counts: SpanCounts): void {
  for (const type of NER_TYPES) {
    into[type].gold += counts[type].gold;
    into[type].predicted += counts[type].predicted;
    into[type].correct += counts[type].correct;
  }
}

export function countSpans(counts: SpanCounts, gold: readonly LabeledSpan[], predicted: readonly LabeledSpan[]): void {
  const key = (s: LabeledSpan) => `${s.type}:${s.first}:${s.end}`;
  const goldKeys = new Set(gold.map(key));
  for (const s of gold) counts[s.type].gold++;
  for (const s of predicted) {
    counts[s.type].predicted++;
    if (goldKeys.has(key(s))) counts[s.type].correct++;
  }
}

/** Per-type scores plus micro averages over all four types and over PERS, LOC, ORG (the target). */
export function summarise(counts: SpanCounts): Record<NerType | 'micro' | 'microPLO', Score> {
  const sum = (types: readonly NerType[]) => toScore(types.reduce<Counts>((acc, t) => ({
    gold: acc.gold + counts[t].gold, predicted: acc.predicted + counts[t].predicted, correct: acc.correct + counts[t].correct,
  }), { gold: 0, predicted: 0, correct: 0 }));
  const perType = Object.fromEntries(NER_TYPES.map((t) => [t, toScore(counts[t])])) as Record<NerType, Score>;
  return { ...perType, micro: sum(NER_TYPES), microPLO: sum(['PERS', 'LOC', 'ORG']) };
}

export function formatScores(title: string, scores: ReturnType<typeof summarise>): string {
  const pct = (x: number) => (100 * x).toFixed(1).padStart(6);
  const lines = [title, `${'type'.padEnd(10)}${'P'.padStart(6)}${'R'.padStart(6)}${'F1'.padStart(6)}${'gold'.padStart(7)}`];
  for (const [name, s] of Object.entries(scores)) {
    lines.push(`${name.padEnd(10)}${pct(s.precision)}${pct(s.recall)}${pct(s.f1)}${String(s.gold).padStart(7)}`);
  }
  return lines.join('\n');
}
