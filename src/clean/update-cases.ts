// Rewrites test/cases/clean-*/expected.json from the current code, for review as a diff after an intended change.
// Input: none (walks the case folders). Output: expected.json files; prints which changed.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeExpected } from '../test-support/expected-file.js';
import { listCleanCases, runCleanCase } from './case-runner.js';

export async function updateCleanCases(): Promise<void> {
  for (const dir of listCleanCases()) {
    writeExpected(join(dir, 'expected.json'), await runCleanCase(dir));
  }
}

// Run directly (node dist/clean/update-cases.js, or tsx src/clean/update-cases.ts); importing it runs nothing.
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  await updateCleanCases();
}
