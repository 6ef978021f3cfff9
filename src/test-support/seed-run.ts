// `marsad analyze --published 2026-01-20` over the shared seed pages, run once per test file and cached; and the
// reason to skip when the CLI is not built or ../shared/seeds is absent.
import assert from 'node:assert/strict';
import type { AnalysisOutput } from '../output/analysis.js';
import { analyzeJson, cliMissing } from './analyze-run.js';
import { seedsDir } from './paths.js';

const seeds = seedsDir();
export const seedSkip: string | false = cliMissing() ?? (seeds === null ? 'no shared seed pages' : false);

let cached: AnalysisOutput | null = null;

export function seedRun(): AnalysisOutput {
  if (!cached) {
    const { code, output, stderr } = analyzeJson(['--published', '2026-01-20', seeds!]);
    assert.equal(code, 0, stderr);
    cached = output;
  }
  return cached;
}
