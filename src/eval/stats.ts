// Counts what the gold set holds (records, entity mentions per type, distinct keys, times, quantities) for eval/README.md.
// Input: eval/gold/*.jsonl (or the folder given as argument); output: a small table on stdout.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../test-support/paths.js';
import { loadGoldArticles } from './load.js';

export interface GoldStats {
  records: number;
  entities: Record<string, number>;
  distinctKeys: number;
  times: number;
  quantities: number;
}

export function goldStats(dir: string): GoldStats {
  const problems: string[] = [];
  const articles = loadGoldArticles(dir, problems);
  const entities: Record<string, number> = { PER: 0, ORG: 0, LOC: 0, FAC: 0, all: 0 };
  const keys = new Set<string>();
  let times = 0;
  let quantities = 0;
  for (const { gold } of articles) {
    for (const m of gold.entities) {
      entities[m.type]++;
      entities.all++;
      keys.add(`${m.type}\u0000${m.key}`);
    }
    times += gold.times.length;
    quantities += gold.quantities.length;
  }
  return { records: articles.length, entities, distinctKeys: keys.size, times, quantities };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const dir = process.argv[2] ? resolve(process.argv[2]) : resolve(repoRoot, 'eval/gold');
  console.log(JSON.stringify(goldStats(dir), null, 2));
}
