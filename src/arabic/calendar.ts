// Arabic month and weekday names, and the calendar arithmetic that resolves them against a reference date.
// Input: normalised words and a reference CivilDate. Output: month/weekday numbers, resolved dates and ISO strings.
import { readFileSync } from 'node:fs';
import { normalizeForMatch } from './normalize.js';

/** A calendar day without time zone. `month` is 1–12. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Which occurrence of a recurring day or month is meant, relative to the reference. */
export type Direction = 'onOrBefore' | 'before' | 'after' | 'nearest';

/** Names as normalised word lists, indexed by first word; longest first so "تشرين الأول" wins over a prefix. */
type NameTable = Map<string, { key: number; words: string[] }[]>;

function loadJson<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(`./data/${file}`, import.meta.url), 'utf8')) as T;
}

function buildNames(rows: { key: number; names: string[] }[]): NameTable {
  const entries = rows.flatMap((row) => row.names.map((name) => ({ key: row.key, words: normalizeForMatch(name).split(' ') })));
  entries.sort((a, b) => b.words.length - a.words.length);
  const table: NameTable = new Map();
  for (const entry of entries) table.set(entry.words[0], [...(table.get(entry.words[0]) ?? []), entry]);
  return table;
}

const monthTable = buildNames(
  loadJson<{ months: { month: number; names: string[] }[] }>('months.json').months.map((m) => ({ key: m.month, names: m.names })),
);
const weekdayTable = buildNames(
  loadJson<{ weekdays: { weekday: number; names: string[] }[] }>('weekdays.json').weekdays.map((w) => ({ key: w.weekday, names: w.names })),
);

interface TimeWordFile {
  relativeDays: { words: string[]; offset: number }[];
  dayParts: string[];
  past: string[];
  next: string[];
  current: string[];
  this: string[];
  periods: { words: string[]; unit: PeriodUnit }[];
  periodEdges: string[];
  monthWords: string[];
  yearWords: string[];
  yearPrepositions: string[];
  notTodayAfter: string[];
}

export type PeriodUnit = 'week' | 'month' | 'year';

/** The vocabulary of time expressions, normalised: multi-word entries as word lists, the rest as sets. */
export interface TimeWords {
  relativeDays: { words: string[]; offset: number }[];
  dayParts: string[][];
  past: Set<string>;
  next: Set<string>;
  current: Set<string>;
  this: Set<string>;
  periods: Map<string, PeriodUnit>;
  periodEdges: Set<string>;
  monthWords: Set<string>;
  yearWords: Set<string>;
  yearPrepositions: Set<string>;
  notTodayAfter: Set<string>;
}

function buildTimeWords(f: TimeWordFile): TimeWords {
  const set = (words: string[]) => new Set(words.map(normalizeForMatch));
  const longestFirst = <T extends { words: string[] }>(rows: T[]) => rows.sort((a, b) => b.words.length - a.words.length);
  return {
    relativeDays: longestFirst(f.relativeDays.map((r) => ({ words: r.words.map(normalizeForMatch), offset: r.offset }))),
    dayParts: f.dayParts.map((p) => normalizeForMatch(p).split(' ')).sort((a, b) => b.length - a.length),
    past: set(f.past),
    next: set(f.next),
    current: set(f.current),
    this: set(f.this),
    periods: new Map(f.periods.map((p) => [normalizeForMatch(p.words.join(' ')), p.unit])),
    periodEdges: set(f.periodEdges),
    monthWords: set(f.monthWords),
    yearWords: set(f.yearWords),
    yearPrepositions: set(f.yearPrepositions),
    notTodayAfter: set(f.notTodayAfter),
  };
}

export const timeWords: TimeWords = buildTimeWords(loadJson<TimeWordFile>('time-words.json'));

/** A name found at a position of a word list: its number and how many words it spans. */
export interface NameMatch {
  key: number;
  length: number;
}

/**
 * Matches a month or weekday name starting at `words[i]`. Each position offers candidate forms
 * (whole word, then word without proclitics), and only the first word may carry proclitics.
 */
function matchName(table: NameTable, forms: readonly (readonly string[])[], i: number): NameMatch | null {
  // Runs at every token for every time matcher: no closures, no empty lists allocated.
  const candidates = forms[i];
  if (candidates === undefined) return null;
  for (const first of candidates) {
    const entries = table.get(first);
    if (entries === undefined) continue;
    for (const entry of entries) {
      if (i + entry.words.length > forms.length) continue;
      if (restMatches(entry.words, forms, i)) return { key: entry.key, length: entry.words.length };
    }
  }
  return null;
}

/** Whether the name's words after the first are the whole forms of the words after position i. */
function restMatches(words: readonly string[], forms: readonly (readonly string[])[], i: number): boolean {
  for (let k = 1; k < words.length; k++) if (forms[i + k][0] !== words[k]) return false;
  return true;
}

/** The first words of month and weekday names (a word that is none of them starts no name). */
export function nameFirstWords(): string[] {
  return [...monthTable.keys(), ...weekdayTable.keys()];
}

/** Month number (1–12) of the month name starting at word i. `forms[k]` lists the accepted spellings of word k. */
export function matchMonthName(forms: readonly (readonly string[])[], i: number): NameMatch | null {
  return matchName(monthTable, forms, i);
}

/** Weekday number (0 = Sunday) of the weekday name at word i. */
export function matchWeekdayName(forms: readonly (readonly string[])[], i: number): NameMatch | null {
  return matchName(weekdayTable, forms, i);
}

/** The date part of an ISO date or timestamp ("2026-01-20T09:00Z" → 2026-01-20), or null when invalid. */
export function parseIsoDate(iso: string | null): CivilDate | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isValidDate(date) ? date : null;
}

export function isValidDate(d: CivilDate): boolean {
  return d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= daysInMonth(d.year, d.month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toUtc(d: CivilDate): Date {
  return new Date(Date.UTC(d.year, d.month - 1, d.day));
}

function fromUtc(t: Date): CivilDate {
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

export function addDays(d: CivilDate, days: number): CivilDate {
  const t = toUtc(d);
  t.setUTCDate(t.getUTCDate() + days);
  return fromUtc(t);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(d: CivilDate): number {
  return toUtc(d).getUTCDay();
}

function dayNumber(d: CivilDate): number {
  return Math.round(toUtc(d).getTime() / 86_400_000);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function formatDay(d: CivilDate): string {
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

export function formatMonth(year: number, month: number): string {
  return `${pad(year, 4)}-${pad(month)}`;
}

/** ISO 8601 week of a date, e.g. "2026-W03" (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(d: CivilDate): string {
  const thursday = addDays(d, 3 - ((weekdayOf(d) + 6) % 7));
  const week = Math.floor((dayNumber(thursday) - dayNumber({ year: thursday.year, month: 1, day: 1 })) / 7) + 1;
  return `${pad(thursday.year, 4)}-W${pad(week)}`;
}

/** The year and month `count` months away from the reference month. */
export function shiftMonth(year: number, month: number, count: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + count;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The occurrence of `weekday` meant relative to `ref`: on or before it, strictly before, or strictly after. */
export function resolveWeekday(ref: CivilDate, weekday: number, direction: Direction): CivilDate {
  const back = (weekdayOf(ref) - weekday + 7) % 7;
  if (direction === 'after') return addDays(ref, ((weekday - weekdayOf(ref) + 7) % 7) || 7);
  if (direction === 'before') return addDays(ref, -(back || 7));
  return addDays(ref, -back);
}

/**
 * The year of a month named without year: the last one strictly before the reference month ("مارس الماضي"),
 * the first one strictly after it ("مارس المقبل"), or the nearest (ties go to the reference year).
 */
export function resolveMonthYear(ref: CivilDate, month: number, direction: Direction): number {
  if (direction === 'before') return month < ref.month ? ref.year : ref.year - 1;
  if (direction === 'after') return month > ref.month ? ref.year : ref.year + 1;
  const diff = month - ref.month;
  if (diff > 6) return ref.year - 1;
  if (diff < -6) return ref.year + 1;
  return ref.year;
}

/** The year of a day and month named without year, chosen the same way but at day precision. */
export function resolveDayMonthYear(ref: CivilDate, day: number, month: number, direction: Direction): number | null {
  const candidates = [ref.year - 1, ref.year, ref.year + 1]
    .map((year) => ({ year, date: { year, month, day } }))
    .filter((c) => isValidDate(c.date));
  const refDay = dayNumber(ref);
  const distance = (c: { date: CivilDate }): number => dayNumber(c.date) - refDay;
  let pool = candidates;
  if (direction === 'before') pool = candidates.filter((c) => distance(c) < 0);
  if (direction === 'onOrBefore') pool = candidates.filter((c) => distance(c) <= 0);
  if (direction === 'after') pool = candidates.filter((c) => distance(c) > 0);
  if (pool.length === 0) return null;
  pool.sort((a, b) => Math.abs(distance(a)) - Math.abs(distance(b)) || Math.abs(a.year - ref.year) - Math.abs(b.year - ref.year));
  return pool[0].year;
}
