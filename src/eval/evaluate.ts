// Scores an annotator against the gold set: CoNLL entities per type, B-cubed resolution, times and quantities.
// Input: the gold folder and an annotate function; output: an EvalReport, and its text table.
import type { ArticleDraft, Document } from '../document.js';
import { loadGoldArticles } from './load.js';
import {
  addCounts,
  bCubed,
  countEntities,
  countValued,
  goldTypeOf,
  microCounts,
  sameNumber,
  sameTime,
  SCORED_TYPES,
  toScore,
  ZERO_COUNTS,
  type BCubed,
  type ClusteredMention,
  type Counts,
  type LabeledSpan,
  type Score,
} from './score.js';

export interface EvalReport {
  records: number;
  entities: Record<string, Score>;
  resolution: BCubed;
  time: Score;
  number: Score;
  problems: string[];
}

function predictedSpans(doc: Document): (LabeledSpan & { entityId: string })[] {
  const spans: (LabeledSpan & { entityId: string })[] = [];
  for (const mention of doc.entities) {
    const type = goldTypeOf(mention.type);
    if (type) spans.push({ start: mention.start, end: mention.end, type, entityId: mention.entityId });
  }
  return spans;
}

/** Annotates one article; `evaluate` only needs the resulting text, entities, times and quantities. */
export type Annotate = (draft: ArticleDraft) => Document;

/** `keep` selects the records to score by id (a dev/test split, see split.ts); all by default. */
export function evaluate(dir: string, annotate: Annotate, keep: (id: string) => boolean = () => true): EvalReport {
  const problems: string[] = [];
  const articles = loadGoldArticles(dir, problems).filter((a) => keep(a.id));
  const entityCounts = Object.fromEntries(SCORED_TYPES.map((t) => [t, ZERO_COUNTS])) as Record<string, Counts>;
  let time: Counts = ZERO_COUNTS;
  let number: Counts = ZERO_COUNTS;
  const goldClusters: ClusteredMention[] = [];
  const predictedClusters: ClusteredMention[] = [];
  for (const article of articles) {
    const draft: ArticleDraft = { input: article.id, title: article.title, text: article.gold.text, outlet: null, published: article.published, url: null };
    const doc = annotate(draft);
    if (doc.text !== article.gold.text) problems.push(`${article.id}: pipeline changed the text; offsets are not comparable`);
    const predicted = predictedSpans(doc);
    const byType = countEntities(article.gold.entities, predicted);
    for (const type of SCORED_TYPES) entityCounts[type] = addCounts(entityCounts[type], byType[type]);
    time = addCounts(time, countValued(article.gold.times, doc.times, sameTime));
    number = addCounts(number, countValued(article.gold.quantities, doc.quantities, sameNumber));
    for (const m of article.gold.entities) goldClusters.push({ doc: article.id, start: m.start, end: m.end, type: m.type, cluster: m.key });
    for (const m of predicted) predictedClusters.push({ doc: article.id, start: m.start, end: m.end, type: m.type, cluster: m.entityId });
  }
  const entities: Record<string, Score> = {};
  for (const type of SCORED_TYPES) entities[type] = toScore(entityCounts[type]);
  entities.micro = toScore(microCounts(entityCounts as Record<(typeof SCORED_TYPES)[number], Counts>));
  return {
    records: articles.length,
    entities,
    resolution: bCubed(goldClusters, predictedClusters),
    time: toScore(time),
    number: toScore(number),
    problems,
  };
}

const percent = (x: number): string => (100 * x).toFixed(1).padStart(6);

export function formatReport(report: EvalReport): string {
  const header = 'type        gold  pred  corr       P       R      F1';
  const row = (label: string, s: Score): string =>
    `${label.padEnd(10)}${String(s.gold).padStart(6)}${String(s.predicted).padStart(6)}${String(s.correct).padStart(6)}  ${percent(s.precision)}  ${percent(s.recall)}  ${percent(s.f1)}`;
  const lines = [`${report.records} gold records`, header];
  for (const [label, score] of Object.entries(report.entities)) lines.push(row(label, score));
  const r = report.resolution;
  lines.push(`${'B-cubed'.padEnd(10)}${String(r.mentions).padStart(6)}${'-'.padStart(6)}${'-'.padStart(6)}  ${percent(r.precision)}  ${percent(r.recall)}  ${percent(r.f1)}`);
  lines.push(row('TIME', report.time), row('NUMBER', report.number));
  for (const problem of report.problems) lines.push(`problem: ${problem}`);
  return lines.join('\n');
}
