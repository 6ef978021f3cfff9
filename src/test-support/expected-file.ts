// Writes a golden expectation file when its content changed, and says so, for review as a diff.
// Input: the expected.json path and the value the current code produces. Output: the file, a log line.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { repoRoot } from './paths.js';

export function writeExpected(path: string, value: unknown): void {
  const next = JSON.stringify(value, null, 2) + '\n';
  const before = existsSync(path) ? readFileSync(path, 'utf8') : '';
  if (before === next) return;
  writeFileSync(path, next);
  console.log(`updated ${relative(repoRoot, path)}`);
}
