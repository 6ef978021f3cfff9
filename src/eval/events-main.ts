// `npm run eval:events`: extracts events from every record of eval/events/*.jsonl and scores them (src/eval/events-score.ts).
// Input: --set samples|heldout|all (default all), --errors, --json. Output: a table per set on stdout.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { annotateArticle, createPipelineContext } from '../pipeline.js';
import { assembleKnowledge } from '../knowledge/assemble.js';
import { repoRoot } from '../test-support/paths.js';
import { emptyScores, formatScores, scoreRecord, type EventScores, type GoldEventRecord } from './events-score.js';

const SETS = ['samples', 'heldout'] as const;

export function loadEventGold(set: string): GoldEventRecord[] {
  const path = join(repoRoot, 'eval', 'events', `${set}.jsonl`);
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as GoldEventRecord);
}

export function scoreSet(records: readonly GoldEventRecord[], context = createPipelineContext()): EventScores {
  const scores = emptyScores();
  for (const record of records) {
    const doc = annotateArticle({ input: record.id, title: record.title, text: record.text, outlet: record.outlet ?? null, published: record.published, url: null }, context);
    // One article alone: its repeated mentions of one event become one event, as the gold counts them.
    const { events } = assembleKnowledge([{ doc, storyId: null, duplicateOf: null }], context.kb);
    scoreRecord(scores, record, events);
  }
  return scores;
}

function main(argv: string[]): void {
  const at = argv.indexOf('--set');
  const chosen = at >= 0 ? argv[at + 1] : 'all';
  const sets = chosen === 'all' ? [...SETS] : SETS.filter((s) => s === chosen);
  if (sets.length === 0) throw new Error(`--set must be samples, heldout or all, not ${chosen}`);
  const context = createPipelineContext({ ner: !argv.includes('--no-ner') });
  for (const set of sets) {
    const scores = scoreSet(loadEventGold(set), context);
    if (argv.includes('--json')) {
      process.stdout.write(JSON.stringify({ set, byType: Object.fromEntries(scores.byType), slots: scores.slots, nonEventErrors: scores.nonEventErrors, nonEvents: scores.nonEvents }) + '\n');
    } else process.stdout.write(formatScores(set === 'samples' ? 'samples (development set)' : 'heldout (test set, never tuned on)', scores) + '\n\n');
    if (argv.includes('--errors')) for (const line of scores.errors) process.stdout.write(line + '\n');
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
