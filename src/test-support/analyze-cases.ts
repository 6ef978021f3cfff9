// Golden cases for `marsad analyze --json`: each test/cases/analyze-<name>/ holds input.{txt,html,jsonl},
// an optional args.json (extra CLI arguments), expected.json (the reviewed correct output) and, while the code is
// known to be wrong there, todo.md naming the bug. Input: a case folder. Output: the command's whole document.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { AnalysisOutput } from '../output/analysis.js';
import { analyzeJson } from './analyze-run.js';
import { repoRoot } from './paths.js';

export const analyzeCasesDir = join(repoRoot, 'test', 'cases');

export function listAnalyzeCases(): string[] {
  if (!existsSync(analyzeCasesDir)) return [];
  return readdirSync(analyzeCasesDir)
    .filter((name) => name.startsWith('analyze-'))
    .sort()
    .map((name) => join(analyzeCasesDir, name));
}

/** The first line of the case's todo.md: the known bug that keeps the code from the expected output, or null. */
export function analyzeCaseTodo(dir: string): string | null {
  const path = join(dir, 'todo.md');
  if (!existsSync(path)) return null;
  return readFileSync(path, 'utf8').split('\n')[0].replace(/^#\s*/, '').trim() || 'known bug (see todo.md)';
}

/** The case's input files, repo-relative so that `input` values in the output do not depend on the clone's place. */
export function analyzeCaseInputs(dir: string): string[] {
  const inputs = readdirSync(dir)
    .filter((file) => /^input(-[\w-]+)?\.(txt|html|jsonl)$/.test(file))
    .sort()
    .map((file) => relative(repoRoot, join(dir, file)));
  if (inputs.length === 0) throw new Error(`no input.{txt,html,jsonl} in ${dir}`);
  return inputs;
}

export function analyzeCaseArgs(dir: string): string[] {
  const path = join(dir, 'args.json');
  if (!existsSync(path)) return [];
  const args: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!Array.isArray(args) || !args.every((a) => typeof a === 'string')) throw new Error(`${path} must be a JSON array of strings`);
  return args;
}

/** Runs the command from the repository root on the case's inputs, as a user would. */
export function runAnalyzeCase(dir: string): AnalysisOutput {
  const { code, output, stderr } = analyzeJson([...analyzeCaseArgs(dir), ...analyzeCaseInputs(dir)], repoRoot);
  if (code !== 0) throw new Error(`analyze exited ${code} on ${dir}: ${stderr.slice(0, 2000)}`);
  return output;
}
