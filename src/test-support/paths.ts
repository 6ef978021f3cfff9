// Where tests find the repository's files and the shared seed pages.
// Compiled tests run from dist/<dir>/, sources from src/<dir>/: both sit two levels under the root.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRepoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(resolve(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

export const repoRoot: string = findRepoRoot();

/** The shared seed pages, or null when this clone has no ../shared/seeds (tests then skip). */
export function seedsDir(): string | null {
  const dir = process.env.MARSAD_SEEDS ?? resolve(repoRoot, '../shared/seeds');
  return existsSync(dir) ? dir : null;
}

/** The shared data folder (ANERcorp, ANT), or null when absent. */
export function sharedDataDir(): string | null {
  const dir = process.env.MARSAD_SHARED_DATA ?? resolve(repoRoot, '../shared/data');
  return existsSync(dir) ? dir : null;
}
