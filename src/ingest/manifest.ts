// Folder manifests: a `manifest.json` beside .txt/.html pages gives each file its outlet and date,
// which plain text pages cannot carry. Input: a RawPage read from a file. Output: the page with the gaps filled.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { RawPage } from './types.js';

export interface ManifestEntry {
  outlet?: string;
  published?: string;
  url?: string;
  title?: string;
}

type Manifest = Record<string, ManifestEntry>;

/** Reads each folder's manifest once per run. */
export class ManifestCache {
  private readonly byDir = new Map<string, Manifest | null>();

  entryFor(path: string): ManifestEntry | null {
    const dir = dirname(path);
    if (!this.byDir.has(dir)) this.byDir.set(dir, readManifest(join(dir, 'manifest.json')));
    return this.byDir.get(dir)?.[basename(path)] ?? null;
  }
}

function readManifest(path: string): Manifest | null {
  if (!existsSync(path)) return null;
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Manifest) : null;
  } catch {
    return null; // A broken manifest only loses the metadata it would have given.
  }
}

/** Fills outlet, date, URL and title from the manifest where the page itself gave none. */
export function applyManifest(page: RawPage, cache: ManifestCache): RawPage {
  const entry = cache.entryFor(page.input);
  if (!entry) return page;
  return {
    ...page,
    outlet: page.outlet ?? entry.outlet ?? null,
    published: page.published ?? entry.published ?? null,
    url: page.url ?? entry.url ?? null,
    title: page.title ?? entry.title ?? null,
  };
}
