// Runs the golden cleaning cases: each test/cases/clean-<name>/ folder holds one input file and expected.json.
// Input: a case folder. Output: what ingest + cleanPage make of it, as JSON-ready values with repo-relative ids.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readInputs } from '../ingest/read.js';
import { repoRoot } from '../test-support/paths.js';
import { cleanPage, type CleanedPage } from './clean.js';

export const casesDir = join(repoRoot, 'test', 'cases');

/** One page's result: its ingest error (reason up to the first colon, stable across Node versions), or its cleaning. */
export type PageResult =
  | { input: string; error: string }
  | ({ input: string; page: { title: string | null; url: string | null; outlet: string | null; published: string | null } } & CleanedPage);

export function listCleanCases(): string[] {
  if (!existsSync(casesDir)) return [];
  return readdirSync(casesDir)
    .filter((name) => name.startsWith('clean-'))
    .sort()
    .map((name) => join(casesDir, name));
}

export function caseInput(dir: string): string | null {
  const name = readdirSync(dir).find((file) => /^input\.(txt|html|jsonl)$/.test(file));
  return name ? join(dir, name) : null;
}

export async function runCleanCase(dir: string): Promise<PageResult[]> {
  const input = caseInput(dir);
  if (!input) throw new Error(`no input.{txt,html,jsonl} in ${dir}`);
  const results: PageResult[] = [];
  for await (const item of readInputs([input])) {
    const id = item.input.startsWith(repoRoot) ? relative(repoRoot, item.input) : item.input;
    if ('reason' in item) {
      results.push({ input: id, error: item.reason.split(':')[0] });
      continue;
    }
    const page = { ...item, input: id };
    results.push({
      input: id,
      page: { title: page.title, url: page.url, outlet: page.outlet, published: page.published },
      ...cleanPage(page),
    });
  }
  return results;
}
