// Streams pages out of the paths given on the command line: .txt, .html and .jsonl files or directories of them.
// Input: paths and a size limit. Output: an async stream of RawPage or IngestError, one per page or record.
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { decodeBytes, looksBinary } from './charset.js';
import { declaredHtmlCharset } from './html.js';
import { applyManifest, ManifestCache } from './manifest.js';
import { htmlSourceToPage, recordToPage, textToPage } from './record.js';
import { DEFAULT_MAX_RECORD_BYTES, isIngestError, type IngestError, type RawPage } from './types.js';

export interface ReadOptions {
  /** Records (files or JSONL lines) larger than this are refused without being decoded. */
  maxRecordBytes?: number;
}

type InputKind = 'text' | 'html' | 'jsonl';

const KIND_BY_EXTENSION: Record<string, InputKind> = {
  '.txt': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.jsonl': 'jsonl',
};

export function inputKind(path: string): InputKind | null {
  return KIND_BY_EXTENSION[extname(path).toLowerCase()] ?? null;
}

/**
 * Every page and error from `paths`, in order; directories are walked recursively in sorted order. A .txt or .html
 * file's gaps (outlet, date, URL, title) are filled from the `manifest.json` beside it.
 */
export async function* readInputs(paths: string[], options: ReadOptions = {}): AsyncGenerator<RawPage | IngestError> {
  const maxBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const manifests = new ManifestCache();
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch {
      yield { input: path, reason: 'missing path: no such file or directory' };
      continue;
    }
    if (info.isDirectory()) {
      for (const file of await listInputFiles(path)) yield* readFileInputs(file, maxBytes, manifests);
    } else if (inputKind(path) === null) {
      yield { input: path, reason: `unknown extension "${extname(path)}": expected .txt, .html, .htm or .jsonl` };
    } else {
      yield* readFileInputs(path, maxBytes, manifests);
    }
  }
}

/** Files with a known extension under `dir`, sorted by path so runs are reproducible. */
export async function listInputFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listInputFiles(path)));
    else if (entry.isFile() && inputKind(path) !== null) out.push(path);
  }
  return out;
}

async function* readFileInputs(path: string, maxBytes: number, manifests: ManifestCache): AsyncGenerator<RawPage | IngestError> {
  const kind = inputKind(path);
  if (kind === 'jsonl') {
    yield* readJsonl(path, maxBytes);
    return;
  }
  const { size } = await stat(path);
  if (size > maxBytes) {
    yield { input: path, reason: `record too large: ${size} bytes, limit ${maxBytes}` };
    return;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    yield { input: path, reason: `unreadable file: ${(err as Error).message}` };
    return;
  }
  const page = pageFromBytes(bytes, path, kind === 'html' ? 'html' : 'text');
  yield isIngestError(page) ? page : applyManifest(page, manifests);
}

/** Decodes one file's bytes and builds its page. */
export function pageFromBytes(bytes: Uint8Array, input: string, kind: 'text' | 'html'): RawPage | IngestError {
  if (bytes.length === 0) return { input, reason: 'empty record: the file is empty' };
  if (looksBinary(bytes)) return { input, reason: 'binary content: NUL bytes or mostly control characters' };
  const decoded = decodeBytes(bytes, kind === 'html' ? declaredHtmlCharset(bytes) : null);
  if ('error' in decoded) return { input, reason: decoded.error };
  return kind === 'html' ? htmlSourceToPage(decoded.text, input) : textToPage(decoded.text, input);
}

/** One JSONL line as a page; blank lines are skipped by the caller. */
export function jsonlLineToPage(bytes: Uint8Array, input: string): RawPage | IngestError {
  if (looksBinary(bytes)) return { input, reason: 'binary content: NUL bytes or mostly control characters' };
  const decoded = decodeBytes(bytes);
  if ('error' in decoded) return { input, reason: decoded.error };
  let record: unknown;
  try {
    record = JSON.parse(decoded.text);
  } catch (err) {
    return { input, reason: `invalid JSON: ${(err as Error).message}` };
  }
  return recordToPage(record, input);
}

/** Reads a JSONL file line by line; a line over the limit is skipped unread and reported. */
async function* readJsonl(path: string, maxBytes: number): AsyncGenerator<RawPage | IngestError> {
  let lineNo = 0;
  let sawRecord = false;
  for await (const line of splitLines(path, maxBytes)) {
    lineNo++;
    const input = `${path}#${lineNo}`;
    if (line === 'too-large') {
      sawRecord = true;
      yield { input, reason: `record too large: line over ${maxBytes} bytes` };
      continue;
    }
    if (isBlank(line)) continue;
    sawRecord = true;
    yield jsonlLineToPage(line, input);
  }
  if (!sawRecord) yield { input: path, reason: 'empty record: the JSONL file has no records' };
}

function isBlank(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x09 && b !== 0x0d && b !== 0x0a) return false;
  return true;
}

/** The file's lines as byte buffers; a line longer than `maxBytes` is not kept in memory and comes out as 'too-large'. */
export async function* splitLines(path: string, maxBytes: number): AsyncGenerator<Buffer | 'too-large'> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let tooLarge = false;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
    let from = 0;
    while (from < chunk.length) {
      const newline = chunk.indexOf(0x0a, from);
      const end = newline === -1 ? chunk.length : newline;
      if (!tooLarge) {
        pendingBytes += end - from;
        if (pendingBytes > maxBytes) {
          tooLarge = true;
          pending = [];
        } else pending.push(chunk.subarray(from, end));
      }
      if (newline === -1) break;
      yield tooLarge ? 'too-large' : Buffer.concat(pending);
      pending = [];
      pendingBytes = 0;
      tooLarge = false;
      from = newline + 1;
    }
  }
  if (tooLarge) yield 'too-large';
  else if (pendingBytes > 0) yield Buffer.concat(pending);
}
