// Golden cases for ingest + cleaning: every test/cases/clean-*/ folder's whole output must equal its expected.json.
// Regenerate with src/clean/update-cases.ts and review the diff.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { listCleanCases, runCleanCase } from './case-runner.js';

const cases = listCleanCases();

test('there are golden cleaning cases', () => {
  assert.ok(cases.length >= 8, `expected at least 8 clean-* cases, found ${cases.length}`);
});

for (const dir of cases) {
  test(`case ${basename(dir)}`, async () => {
    const expectedPath = join(dir, 'expected.json');
    assert.ok(existsSync(expectedPath), `${expectedPath} is missing: run src/clean/update-cases.ts`);
    const expected = JSON.parse(readFileSync(expectedPath, 'utf8'));
    assert.deepEqual(await runCleanCase(dir), expected);
  });
}
