// Gold markup parser: reads the hand-annotated text of eval/gold/*.jsonl.
// Input: text with [[surface|TYPE|key]], {{surface|value}}, <<surface|value>>; output: plain text plus spans into it.

export type GoldEntityType = 'PER' | 'ORG' | 'LOC' | 'FAC';

export interface GoldEntity {
  start: number;
  end: number;
  text: string;
  type: GoldEntityType;
  /** Canonical key shared by every mention of the same real entity (e.g. "Donald Trump"). */
  key: string;
}

export interface GoldTime {
  start: number;
  end: number;
  text: string;
  /** ISO value at the precision said: "2026-01-19", "2026-02", "2019". */
  value: string;
}

export interface GoldQuantity {
  start: number;
  end: number;
  text: string;
  value: number;
}

export interface ParsedGold {
  text: string;
  entities: GoldEntity[];
  times: GoldTime[];
  quantities: GoldQuantity[];
  /** Malformed markup found while parsing, with its offset in the marked text; empty for valid gold. */
  problems: string[];
}

/** One gold record as stored in eval/gold/*.jsonl. */
export interface GoldRecord {
  id: string;
  published: string;
  title: string;
  text: string;
}

const GOLD_TYPES: ReadonlySet<string> = new Set(['PER', 'ORG', 'LOC', 'FAC']);
const ISO_TIME_VALUE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
// One alternation per markup kind; surfaces never contain the delimiters.
const MARKUP = /\[\[([^\]|]+)\|([^\]|]+)\|([^\]|]+)\]\]|\{\{([^}|]+)\|([^}|]+)\}\}|<<([^>|]+)\|([^>|]+)>>/g;
const STRAY_DELIMITER = /\[\[|\]\]|\{\{|\}\}|<<|>>/;

export function parseGold(marked: string): ParsedGold {
  const result: ParsedGold = { text: '', entities: [], times: [], quantities: [], problems: [] };
  let plain = '';
  let last = 0;
  for (const match of marked.matchAll(MARKUP)) {
    const at = match.index ?? 0;
    plain += checkedPlain(marked.slice(last, at), last, result.problems);
    const surface = match[1] ?? match[4] ?? match[6];
    const start = plain.length;
    const end = start + surface.length;
    plain += surface;
    last = at + match[0].length;
    if (match[1] !== undefined) addEntity(result, start, end, surface, match[2], match[3], at);
    else if (match[4] !== undefined) addTime(result, start, end, surface, match[5], at);
    else addQuantity(result, start, end, surface, match[7], at);
  }
  plain += checkedPlain(marked.slice(last), last, result.problems);
  result.text = plain;
  return result;
}

function checkedPlain(chunk: string, offset: number, problems: string[]): string {
  const stray = STRAY_DELIMITER.exec(chunk);
  if (stray) problems.push(`stray "${stray[0]}" at ${offset + stray.index}`);
  return chunk;
}

function addEntity(result: ParsedGold, start: number, end: number, surface: string, type: string, key: string, at: number): void {
  if (!GOLD_TYPES.has(type)) {
    result.problems.push(`unknown entity type "${type}" at ${at}`);
    return;
  }
  if (surface.trim() !== surface || key.trim() !== key) result.problems.push(`untrimmed entity at ${at}`);
  result.entities.push({ start, end, text: surface, type: type as GoldEntityType, key });
}

function addTime(result: ParsedGold, start: number, end: number, surface: string, value: string, at: number): void {
  if (!ISO_TIME_VALUE.test(value)) result.problems.push(`bad time value "${value}" at ${at}`);
  result.times.push({ start, end, text: surface, value });
}

function addQuantity(result: ParsedGold, start: number, end: number, surface: string, value: string, at: number): void {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number)) result.problems.push(`bad quantity value "${value}" at ${at}`);
  result.quantities.push({ start, end, text: surface, value: number });
}

/** Parses one JSONL line into a gold record, or returns the reason it is not one. */
export function parseGoldLine(line: string): GoldRecord | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return `invalid JSON: ${(error as Error).message}`;
  }
  const record = value as Partial<GoldRecord>;
  for (const field of ['id', 'published', 'title', 'text'] as const) {
    if (typeof record[field] !== 'string') return `missing string field "${field}"`;
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(record.published as string)) return `bad published date "${record.published}"`;
  return record as GoldRecord;
}
