// Dev/test split of the gold set, so that rules are tuned on dev and the test records stay unseen.
// Input: the gold folder; output: the ids of the test records (every third record of each file) and a split filter.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type GoldSplit = 'dev' | 'test' | 'all';

export const GOLD_SPLITS: readonly GoldSplit[] = ['dev', 'test', 'all'];

export function isGoldSplit(value: string): value is GoldSplit {
  return (GOLD_SPLITS as readonly string[]).includes(value);
}

/** A record is in test when its 0-based position among the non-empty lines of its file is 2, 5, 8 … */
export function isTestPosition(index: number): boolean {
  return index % 3 === 2;
}

/** Ids of the test records of every *.jsonl file in `dir` (lines that are not JSON records are skipped). */
export function testRecordIds(dir: string): Set<string> {
  const ids = new Set<string>();
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.jsonl')).sort()) {
    const records = readFileSync(join(dir, name), 'utf8').split('\n').filter((line) => line.trim() !== '');
    records.forEach((line, index) => {
      if (!isTestPosition(index)) return;
      const id = recordId(line);
      if (id !== null) ids.add(id);
    });
  }
  return ids;
}

function recordId(line: string): string | null {
  try {
    const record = JSON.parse(line) as { id?: unknown };
    return typeof record.id === 'string' ? record.id : null;
  } catch {
    return null;
  }
}

/** Whether record `id` belongs to `split`, given the test ids of its folder. */
export function inSplit(id: string, split: GoldSplit, testIds: ReadonlySet<string>): boolean {
  if (split === 'all') return true;
  return testIds.has(id) === (split === 'test');
}
