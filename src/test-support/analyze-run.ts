// Runs `marsad analyze` the way a user does (a child process on dist/cli/main.js) for the end-to-end tests.
// Input: CLI arguments and a working directory. Output: exit code, stdout, stderr and the parsed --json document.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AnalysisOutput } from '../output/analysis.js';
import { DATABASE_URL_ENV } from '../store/open.js';
import { repoRoot } from './paths.js';
import { testDatabaseUrl, testDbLocation } from './test-store.js';

export const cliPath = join(repoRoot, 'dist', 'cli', 'main.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Null when the command has been built; otherwise the reason tests skip. */
export function cliMissing(): string | null {
  return existsSync(cliPath) ? null : `${cliPath} is not built: run npm run build`;
}

/**
 * Spawns `node dist/cli/main.js ...args` in `cwd` (the repository root by default). The store is the one --db names
 * (or `env` sets): MARSAD_DATABASE_URL of the test process's own environment is not passed on.
 */
export function runCli(args: string[], cwd: string = repoRoot, env: Record<string, string> = {}): CliRun {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NODE_OPTIONS: '', [DATABASE_URL_ENV]: undefined, ...env },
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Spawns `analyze --json ...args` and parses the document; a run that prints no JSON fails with its stderr. When the
 * tests run on PostgreSQL, a run without --db stores into a fresh schema (MARSAD_DATABASE_URL) instead of memory.
 */
export function analyzeJson(args: string[], cwd: string = repoRoot): { code: number | null; output: AnalysisOutput; stderr: string } {
  const env: Record<string, string> = testDatabaseUrl() && !args.includes('--db') ? { [DATABASE_URL_ENV]: testDbLocation(cwd) } : {};
  const run = runCli(['analyze', '--json', ...args], cwd, env);
  let output: AnalysisOutput;
  try {
    output = JSON.parse(run.stdout) as AnalysisOutput;
  } catch {
    throw new Error(`analyze ${args.join(' ')} printed no JSON (exit ${run.code}): ${run.stderr.slice(0, 2000)}`);
  }
  return { code: run.code, output, stderr: run.stderr };
}
