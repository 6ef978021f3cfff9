// Pure scoring of predicted annotations against gold: entities (CoNLL exact match), resolution (B-cubed), times, quantities.
// Input: gold and predicted span lists per document; output: counts with precision, recall and F1.
import type { EntityType } from '../document.js';
import type { GoldEntityType } from './gold.js';

export interface Counts {
  gold: number;
  predicted: number;
  correct: number;
}

export interface Score extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export interface LabeledSpan {
  start: number;
  end: number;
  type: GoldEntityType;
}

export interface ValuedSpan<V> {
  start: number;
  end: number;
  value: V;
}

/** A gold or predicted mention with the cluster it belongs to (gold key or predicted entity id). */
export interface ClusteredMention extends LabeledSpan {
  doc: string;
  cluster: string;
}

export const SCORED_TYPES: readonly GoldEntityType[] = ['PER', 'ORG', 'LOC', 'FAC'];

const TYPE_OF_ENTITY: Readonly<Record<EntityType, GoldEntityType | null>> = {
  person: 'PER',
  organization: 'ORG',
  location: 'LOC',
  facility: 'FAC',
  // The gold scheme has no MISC class, so such predictions are left out of the score.
  misc: null,
};

export function goldTypeOf(type: EntityType): GoldEntityType | null {
  return TYPE_OF_ENTITY[type];
}

export function toScore(counts: Counts): Score {
  const precision = counts.predicted === 0 ? 0 : counts.correct / counts.predicted;
  const recall = counts.gold === 0 ? 0 : counts.correct / counts.gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...counts, precision, recall, f1 };
}

export function addCounts(a: Counts, b: Counts): Counts {
  return { gold: a.gold + b.gold, predicted: a.predicted + b.predicted, correct: a.correct + b.correct };
}

export const ZERO_COUNTS: Counts = { gold: 0, predicted: 0, correct: 0 };

const spanKey = (span: { start: number; end: number }): string => `${span.start}:${span.end}`;

/** CoNLL counts for one document: a prediction is correct when span and type both equal a gold mention's. */
export function countEntities(gold: LabeledSpan[], predicted: LabeledSpan[]): Record<GoldEntityType, Counts> {
  const counts = {} as Record<GoldEntityType, Counts>;
  for (const type of SCORED_TYPES) {
    const goldKeys = new Set(gold.filter((m) => m.type === type).map(spanKey));
    const predictedKeys = new Set(predicted.filter((m) => m.type === type).map(spanKey));
    let correct = 0;
    for (const key of predictedKeys) if (goldKeys.has(key)) correct++;
    counts[type] = { gold: goldKeys.size, predicted: predictedKeys.size, correct };
  }
  return counts;
}

export function microCounts(byType: Record<GoldEntityType, Counts>): Counts {
  return SCORED_TYPES.reduce((sum, type) => addCounts(sum, byType[type]), ZERO_COUNTS);
}

/**
 * Counts predictions whose span overlaps an unused gold span with an equal value; each gold and each
 * prediction is matched at most once, so a split or duplicated prediction cannot score twice.
 */
export function countValued<V>(gold: ValuedSpan<V>[], predicted: ValuedSpan<V>[], equal: (a: V, b: V) => boolean): Counts {
  const used = new Set<number>();
  let correct = 0;
  for (const guess of predicted) {
    const index = gold.findIndex(
      (g, i) => !used.has(i) && g.start < guess.end && guess.start < g.end && equal(g.value, guess.value),
    );
    if (index >= 0) {
      used.add(index);
      correct++;
    }
  }
  return { gold: gold.length, predicted: predicted.length, correct };
}

export const sameTime = (a: string, b: string): boolean => a === b;
export const sameNumber = (a: number, b: number): boolean => Math.abs(a - b) < 1e-9;

export interface BCubed {
  mentions: number;
  precision: number;
  recall: number;
  f1: number;
}

/**
 * B-cubed over the correctly detected mentions (same doc, span and type on both sides): for each, the overlap of its gold
 * cluster and predicted cluster, divided by the predicted (precision) or gold (recall) cluster size.
 */
export function bCubed(gold: ClusteredMention[], predicted: ClusteredMention[]): BCubed {
  const mentionKey = (m: ClusteredMention): string => `${m.doc}\u0000${m.start}:${m.end}:${m.type}`;
  const predictedCluster = new Map(predicted.map((m) => [mentionKey(m), m.cluster]));
  const shared: { gold: string; predicted: string }[] = [];
  const seen = new Set<string>();
  for (const m of gold) {
    const key = mentionKey(m);
    const cluster = predictedCluster.get(key);
    if (cluster === undefined || seen.has(key)) continue;
    seen.add(key);
    shared.push({ gold: m.cluster, predicted: cluster });
  }
  if (shared.length === 0) return { mentions: 0, precision: 0, recall: 0, f1: 0 };
  const sizes = new Map<string, number>();
  const bump = (key: string): void => void sizes.set(key, (sizes.get(key) ?? 0) + 1);
  for (const m of shared) {
    bump(`g\u0000${m.gold}`);
    bump(`p\u0000${m.predicted}`);
    bump(`b\u0000${m.gold}\u0000${m.predicted}`);
  }
  let precision = 0;
  let recall = 0;
  for (const m of shared) {
    const both = sizes.get(`b\u0000${m.gold}\u0000${m.predicted}`) ?? 0;
    precision += both / (sizes.get(`p\u0000${m.predicted}`) ?? 1);
    recall += both / (sizes.get(`g\u0000${m.gold}`) ?? 1);
  }
  precision /= shared.length;
  recall /= shared.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { mentions: shared.length, precision, recall, f1 };
}
