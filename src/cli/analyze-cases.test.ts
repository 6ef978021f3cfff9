// Golden cases for `marsad analyze --json`: every test/cases/analyze-*/ folder's whole output must equal its expected.json.
// Regenerate with `npm run update-cases` (after `npm run build`) and review the diff like code. A case with a todo.md
// holds the correct output for code known to be wrong; it is reported as todo until the bug is fixed.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { analyzeCaseTodo, listAnalyzeCases, runAnalyzeCase } from '../test-support/analyze-cases.js';
import { cliMissing } from '../test-support/analyze-run.js';
import { contractProblems } from '../test-support/contract.js';

const cases = listAnalyzeCases();
const skip = cliMissing() ?? false;

test('there are golden analyze cases', () => {
  assert.ok(cases.length >= 6, `expected at least 6 analyze-* cases, found ${cases.length}`);
});

for (const dir of cases) {
  const todo = analyzeCaseTodo(dir) ?? undefined;
  test(`case ${basename(dir)}`, { skip, todo }, () => {
    const expectedPath = join(dir, 'expected.json');
    assert.ok(existsSync(expectedPath), `${expectedPath} is missing: run npm run update-cases`);
    const expected = JSON.parse(readFileSync(expectedPath, 'utf8'));
    const actual = runAnalyzeCase(dir);
    assert.deepEqual(contractProblems(actual), []);
    assert.deepEqual(actual, expected);
  });
}
