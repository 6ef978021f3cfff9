// `marsad export`: writes what a store holds as the analysis JSON document, an ACLED-style CSV or PLOVER JSON Lines.
// Input: the store path, a format and an optional output file. Output: the file or stdout, and the exit code
// (2 when the store cannot be read or the output written; a missing store is never created).
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { loadKnowledgeBase } from '../kb/kb.js';
import { DEFAULT_DB, StoreOpenError, describeLocation, isPostgresUrl, openStore, resolveDbLocation } from '../store/open.js';
import { storedAnalysis } from '../export/stored-analysis.js';
import { acledCsv } from '../export/acled.js';
import { actorKindClassifier } from '../export/actor-kinds.js';
import { kbWikidataIds, ploverJsonl } from '../export/plover.js';

import type { ExportFormat } from './choices.js';
export { EXPORT_FORMATS, type ExportFormat } from './choices.js';

/** The store `marsad analyze --db marsad.db` writes in the README's first example. */
export { DEFAULT_DB };

export interface ExportCliOptions {
  db?: string;
  format: ExportFormat;
  out?: string;
}

export function runExport(options: ExportCliOptions): number {
  const db = resolveDbLocation(options.db);
  if (!isPostgresUrl(db) && (!existsSync(db) || !statSync(db).isFile())) {
    process.stderr.write(`marsad export: no store at ${db} (create one with: marsad analyze --db ${db} PATH...)\n`);
    return 2;
  }
  let text: string;
  try {
    text = exportText(db, options.format);
  } catch (error) {
    if (error instanceof StoreOpenError) process.stderr.write(`marsad export: ${error.message}\n`);
    else process.stderr.write(`marsad export: cannot read the store ${describeLocation(db)}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  if (!options.out) {
    process.stdout.write(text);
    return 0;
  }
  try {
    writeFileSync(options.out, text);
    return 0;
  } catch (error) {
    process.stderr.write(`marsad export: cannot write ${options.out}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

function exportText(db: string, format: ExportFormat): string {
  const store = openStore(db);
  try {
    const kb = loadKnowledgeBase();
    const output = storedAnalysis(store, kb);
    switch (format) {
      case 'json': return JSON.stringify(output, null, 2) + '\n';
      case 'acled': return acledCsv(output, actorKindClassifier(kb));
      case 'plover': return ploverJsonl(output, { wikidataId: kbWikidataIds(kb) });
    }
  } finally {
    store.close();
  }
}
