// `npm run eval`: annotates every record of eval/gold/*.jsonl with the pipeline and scores it against the gold markup.
// Input: eval/gold/*.jsonl (or the folder given as argument); --split dev|test|all, --errors, --json, --no-ner
// (knowledge base and rules without the learned tagger); output: scores.
import { resolve } from 'node:path';
import type { Document } from '../document.js';
import { annotateArticle, createPipelineContext } from '../pipeline.js';
import { repoRoot } from '../test-support/paths.js';
import { entityErrorLines } from './errors.js';
import { evaluate, formatReport } from './evaluate.js';
import { loadGoldArticles } from './load.js';
import { inSplit, isGoldSplit, testRecordIds, type GoldSplit } from './split.js';

function splitArgument(argv: string[]): GoldSplit {
  const at = argv.indexOf('--split');
  const value = at >= 0 ? argv[at + 1] : 'all';
  if (!isGoldSplit(value)) throw new Error(`--split must be dev, test or all, not ${value}`);
  return value;
}

async function main(argv: string[]): Promise<void> {
  const json = argv.includes('--json');
  const split = splitArgument(argv);
  const dirArgument = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--split');
  const dir = dirArgument ? resolve(dirArgument) : resolve(repoRoot, 'eval/gold');
  const testIds = testRecordIds(dir);
  const keep = (id: string) => inSplit(id, split, testIds);
  const context = createPipelineContext({ ner: !argv.includes('--no-ner') });
  const docs = new Map<string, Document>();
  const report = evaluate(dir, (draft) => {
    const doc = annotateArticle(draft, context);
    docs.set(draft.input, doc);
    return doc;
  }, keep);
  if (argv.includes('--errors')) {
    for (const article of loadGoldArticles(dir, []).filter((a) => keep(a.id))) {
      const doc = docs.get(article.id);
      if (doc) for (const line of entityErrorLines(article, doc)) process.stdout.write(line + '\n');
    }
  }
  process.stdout.write((json ? JSON.stringify({ split, ...report }, null, 2) : `split: ${split}\n${formatReport(report)}`) + '\n');
  if (report.problems.length > 0) process.exitCode = 1;
}

await main(process.argv.slice(2));
