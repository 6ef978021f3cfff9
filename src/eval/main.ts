// `npm run eval`: annotates every record of eval/gold/*.jsonl with the pipeline and scores it against the gold markup.
// Input: eval/gold/*.jsonl (or the folder given as argument); output: a score table on stdout, or JSON with --json.
import { resolve } from 'node:path';
import { annotateArticle, createPipelineContext } from '../pipeline.js';
import { repoRoot } from '../test-support/paths.js';
import { evaluate, formatReport } from './evaluate.js';

async function main(argv: string[]): Promise<void> {
  const json = argv.includes('--json');
  const dirArgument = argv.find((a) => !a.startsWith('--'));
  const dir = dirArgument ? resolve(dirArgument) : resolve(repoRoot, 'eval/gold');
  const context = await createPipelineContext();
  const report = evaluate(dir, (draft) => annotateArticle(draft, context));
  process.stdout.write((json ? JSON.stringify(report, null, 2) : formatReport(report)) + '\n');
  if (report.problems.length > 0) process.exitCode = 1;
}

await main(process.argv.slice(2));
