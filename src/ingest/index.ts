// Ingestion: reads .txt, .html and .jsonl inputs into raw pages, decoding legacy Arabic charsets.
// Input: paths or single records. Output: RawPage or IngestError values (never exceptions).
export type { IngestError, RawPage } from './types.js';
export { DEFAULT_MAX_RECORD_BYTES, isIngestError } from './types.js';
export { readInputs, listInputFiles, pageFromBytes, jsonlLineToPage, type ReadOptions } from './read.js';
export { recordToPage, textToPage, htmlSourceToPage } from './record.js';
export { decodeBytes } from './charset.js';
export { htmlToPage } from './html.js';
export { normalizePublished } from './published.js';
