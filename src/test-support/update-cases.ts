// Rewrites every golden expectation (test/cases/clean-*/ and analyze-*/expected.json) from the current build.
// Input: none (run as `npm run update-cases` after `npm run build`). Output: expected.json files; prints which changed.
// Cases with a todo.md keep their hand-corrected expected.json: the code is known to be wrong there.
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { updateCleanCases } from '../clean/update-cases.js';
import { analyzeCaseTodo, listAnalyzeCases, runAnalyzeCase } from './analyze-cases.js';
import { cliMissing } from './analyze-run.js';
import { repoRoot } from './paths.js';
import { writeExpected } from './expected-file.js';

export function updateAnalyzeCases(): void {
  const missing = cliMissing();
  if (missing) throw new Error(missing);
  for (const dir of listAnalyzeCases()) {
    const todo = analyzeCaseTodo(dir);
    if (todo) {
      console.log(`kept ${relative(repoRoot, dir)} (todo: ${todo})`);
      continue;
    }
    writeExpected(join(dir, 'expected.json'), runAnalyzeCase(dir));
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  await updateCleanCases();
  updateAnalyzeCases();
}
