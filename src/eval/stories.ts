// Scores story clustering against an expected grouping: pairwise precision/recall/F1 and B-cubed.
// Input: samples/stories.json (articles named by input and title) and the analyzer's story per article. Output: a StoriesReport.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { normalizeForMatch } from '../arabic/normalize.js';
import { Analyzer } from '../analyze.js';
import { inlineAnnotator } from '../annotate-pool.js';
import { readInputs } from '../ingest/read.js';
import { createPipelineContext } from '../pipeline.js';
import { openStore } from '../store/open.js';
import { repoRoot } from '../test-support/paths.js';

export interface ClusterScore {
  precision: number;
  recall: number;
  f1: number;
}

export interface ClusteringScore {
  /** Items scored: present in both the gold and the predicted clustering. */
  items: number;
  pairwise: ClusterScore & { goldPairs: number; predictedPairs: number; correctPairs: number };
  bCubed: ClusterScore;
}

/** item → cluster label. */
export type Clustering = ReadonlyMap<string, string>;

export interface StoryGoldEntry {
  input: string;
  title?: string;
}

export interface StoryGold {
  stories: { name: string; articles: StoryGoldEntry[] }[];
}

export interface ScoredArticle {
  id: string;
  input: string;
  title: string;
  storyId: string;
}

export interface StoriesReport extends ClusteringScore {
  goldStories: number;
  predictedStories: number;
  /** Each gold story as the predicted stories it was spread over (article inputs, with titles for multi-article pages). */
  spread: { name: string; predicted: string[][] }[];
  /** Predicted stories holding articles of several expected stories, as those stories' names. */
  mixed: string[][];
  /** Articles the gold file does not name, and gold entries no article matched. */
  unmatchedArticles: string[];
  missingEntries: string[];
}

function f1(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

function sharedItems(gold: Clustering, predicted: Clustering): string[] {
  return [...gold.keys()].filter((item) => predicted.has(item));
}

function clusterSizes(items: string[], labelOf: (item: string) => string): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const item of items) sizes.set(labelOf(item), (sizes.get(labelOf(item)) ?? 0) + 1);
  return sizes;
}

const pairs = (n: number): number => (n * (n - 1)) / 2;

/** Pairs of items placed together: precision = correct / predicted pairs, recall = correct / gold pairs (1 when there are none). */
export function pairwiseScore(gold: Clustering, predicted: Clustering): ClusteringScore['pairwise'] {
  const items = sharedItems(gold, predicted);
  const sum = (sizes: Map<string, number>): number => [...sizes.values()].reduce((s, n) => s + pairs(n), 0);
  const goldPairs = sum(clusterSizes(items, (i) => gold.get(i)!));
  const predictedPairs = sum(clusterSizes(items, (i) => predicted.get(i)!));
  const correctPairs = sum(clusterSizes(items, (i) => `${gold.get(i)}\u0000${predicted.get(i)}`));
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = goldPairs === 0 ? 1 : correctPairs / goldPairs;
  return { precision, recall, f1: f1(precision, recall), goldPairs, predictedPairs, correctPairs };
}

/** B-cubed: per item, the overlap of its gold and predicted clusters over the predicted (precision) or gold (recall) size. */
export function bCubedScore(gold: Clustering, predicted: Clustering): ClusterScore {
  const items = sharedItems(gold, predicted);
  if (items.length === 0) return { precision: 0, recall: 0, f1: 0 };
  const goldSizes = clusterSizes(items, (i) => gold.get(i)!);
  const predictedSizes = clusterSizes(items, (i) => predicted.get(i)!);
  const both = clusterSizes(items, (i) => `${gold.get(i)}\u0000${predicted.get(i)}`);
  let precision = 0;
  let recall = 0;
  for (const i of items) {
    const overlap = both.get(`${gold.get(i)}\u0000${predicted.get(i)}`)!;
    precision += overlap / predictedSizes.get(predicted.get(i)!)!;
    recall += overlap / goldSizes.get(gold.get(i)!)!;
  }
  precision /= items.length;
  recall /= items.length;
  return { precision, recall, f1: f1(precision, recall) };
}

export function scoreClustering(gold: Clustering, predicted: Clustering): ClusteringScore {
  return { items: sharedItems(gold, predicted).length, pairwise: pairwiseScore(gold, predicted), bCubed: bCubedScore(gold, predicted) };
}

const titleKey = (title: string): string => normalizeForMatch(title).replace(/\s+/g, ' ').trim();

const entryLabel = (e: StoryGoldEntry): string => (e.title ? `${e.input} «${e.title}»` : e.input);

/**
 * The gold story of each article: the entry with its input and the same title, else one whose title the article's
 * title contains (a teaser glued to a title), else the input's only story when all its entries agree.
 */
export function matchGold(gold: StoryGold, articles: ScoredArticle[]): { clustering: Map<string, string>; unmatchedArticles: string[]; missingEntries: string[] } {
  const byInput = new Map<string, { story: string; entry: StoryGoldEntry }[]>();
  for (const story of gold.stories) {
    for (const entry of story.articles) byInput.set(entry.input, [...(byInput.get(entry.input) ?? []), { story: story.name, entry }]);
  }
  const clustering = new Map<string, string>();
  const used = new Set<StoryGoldEntry>();
  const unmatchedArticles: string[] = [];
  for (const article of articles) {
    const candidates = byInput.get(article.input) ?? [];
    const title = titleKey(article.title);
    const match =
      candidates.find((c) => c.entry.title === undefined || titleKey(c.entry.title) === title) ??
      candidates.find((c) => c.entry.title !== undefined && title.includes(titleKey(c.entry.title))) ??
      (candidates.length > 0 && candidates.every((c) => c.story === candidates[0].story) ? candidates[0] : undefined);
    if (!match) {
      unmatchedArticles.push(entryLabel({ input: article.input, title: article.title }));
      continue;
    }
    clustering.set(article.id, match.story);
    used.add(match.entry);
  }
  const missingEntries = gold.stories.flatMap((s) => s.articles).filter((e) => !used.has(e)).map(entryLabel);
  return { clustering, unmatchedArticles, missingEntries };
}

export function scoreStories(gold: StoryGold, articles: ScoredArticle[]): StoriesReport {
  const { clustering, unmatchedArticles, missingEntries } = matchGold(gold, articles);
  const predicted = new Map(articles.map((a) => [a.id, a.storyId]));
  const multiArticleInputs = new Set(articles.filter((a, i) => articles.findIndex((b) => b.input === a.input) !== i).map((a) => a.input));
  const label = (a: ScoredArticle): string => (multiArticleInputs.has(a.input) ? `${a.input} «${a.title}»` : a.input);
  const spread = gold.stories.map((story) => {
    const byStory = new Map<string, string[]>();
    for (const a of articles) if (clustering.get(a.id) === story.name) byStory.set(a.storyId, [...(byStory.get(a.storyId) ?? []), label(a)]);
    return { name: story.name, predicted: [...byStory.values()] };
  });
  const goldOfStory = new Map<string, Set<string>>();
  for (const a of articles) {
    const name = clustering.get(a.id);
    if (name) goldOfStory.set(a.storyId, (goldOfStory.get(a.storyId) ?? new Set()).add(name));
  }
  return {
    ...scoreClustering(clustering, predicted),
    goldStories: gold.stories.length,
    predictedStories: new Set(articles.map((a) => a.storyId)).size,
    spread,
    mixed: [...goldOfStory.values()].filter((names) => names.size > 1).map((names) => [...names]),
    unmatchedArticles,
    missingEntries,
  };
}

/** Runs the analyzer over samples/ into an in-memory store and scores its stories against samples/stories.json. */
export async function scoreStoriesOnSamples(samplesDir: string = resolve(repoRoot, 'samples')): Promise<StoriesReport> {
  const gold = JSON.parse(readFileSync(resolve(samplesDir, 'stories.json'), 'utf8')) as StoryGold;
  const context = createPipelineContext();
  const store = openStore(':memory:');
  const articles: ScoredArticle[] = [];
  try {
    const analyzer = new Analyzer(context, store, { annotator: inlineAnnotator(context) });
    await analyzer.run(readInputs([samplesDir]), (event) => {
      if (event.kind !== 'article' || !event.storyId) return;
      // File inputs are named as `marsad analyze samples/` prints them: relative to the samples folder's parent.
      const input = isAbsolute(event.doc.input) ? relative(dirname(samplesDir), event.doc.input) : event.doc.input;
      articles.push({ id: event.doc.id, input, title: event.doc.title, storyId: event.storyId });
    });
  } finally {
    store.close();
  }
  return scoreStories(gold, articles);
}

const pct = (x: number): string => (100 * x).toFixed(1);

export function formatStoriesReport(r: StoriesReport): string {
  const lines = [
    `stories: ${r.items} articles, ${r.goldStories} expected stories, ${r.predictedStories} predicted`,
    `  pairwise  P ${pct(r.pairwise.precision)}  R ${pct(r.pairwise.recall)}  F1 ${pct(r.pairwise.f1)}  (${r.pairwise.correctPairs} correct of ${r.pairwise.predictedPairs} predicted, ${r.pairwise.goldPairs} expected pairs)`,
    `  B-cubed   P ${pct(r.bCubed.precision)}  R ${pct(r.bCubed.recall)}  F1 ${pct(r.bCubed.f1)}`,
  ];
  for (const s of r.spread) {
    if (s.predicted.length > 1) lines.push(`  split: ${s.name}: ${s.predicted.map((g) => `[${g.join(', ')}]`).join(' ')}`);
  }
  for (const names of r.mixed) lines.push(`  mixed: ${names.join(' + ')}`);
  if (r.unmatchedArticles.length > 0) lines.push(`  not in the expected grouping: ${r.unmatchedArticles.join('; ')}`);
  if (r.missingEntries.length > 0) lines.push(`  expected but not found: ${r.missingEntries.join('; ')}`);
  return lines.join('\n');
}
