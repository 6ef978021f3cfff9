// Rewrites test/cases/clean-*/expected.json from the current code, for review as a diff after an intended change.
// Input: none (walks the case folders). Output: expected.json files; prints which changed.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../test-support/paths.js';
import { listCleanCases, runCleanCase } from './case-runner.js';

export async function updateCleanCases(): Promise<void> {
  for (const dir of listCleanCases()) {
    const path = join(dir, 'expected.json');
    const next = JSON.stringify(await runCleanCase(dir), null, 2) + '\n';
    const before = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (before !== next) {
      writeFileSync(path, next);
      console.log(`updated ${relative(repoRoot, path)}`);
    }
  }
}

// Run directly (node dist/clean/update-cases.js, or tsx src/clean/update-cases.ts); importing it runs nothing.
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  await updateCleanCases();
}
