// The shapes ingestion hands to page cleaning: a raw page with its metadata, or an error value.
// Input: none (types only). Output: RawPage, IngestError and a type guard.

/** One input page before cleaning: plain text with paragraphs separated by "\n", plus what the source said about it. */
export interface RawPage {
  /** The record id (JSONL `id`, else `file.jsonl#lineNo`) or the file path. */
  input: string;
  text: string;
  title: string | null;
  url: string | null;
  outlet: string | null;
  /** ISO date (YYYY-MM-DD) or full ISO timestamp, or null when absent or unparseable. */
  published: string | null;
  /** Photo captions ingestion took out of the text (an HTML page's <figure> and <figcaption>), for cleaning to report. */
  captions?: string[];
}

/** A record that could not be read; the batch goes on. */
export interface IngestError {
  input: string;
  reason: string;
}

export function isIngestError(x: RawPage | IngestError): x is IngestError {
  return 'reason' in x && !('text' in x);
}

/** 5 MB: far above any real article page, low enough to refuse junk quickly. */
export const DEFAULT_MAX_RECORD_BYTES = 5 * 1024 * 1024;
