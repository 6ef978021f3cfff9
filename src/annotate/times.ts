// Stage: finds time expressions (dates, months, years, weekdays, relative days and periods) and resolves them.
// Input: a Document (tokens, or text to tokenise) and its publication date. Output: the Document with `times` filled.
import type { Document, Message, TimeMention, Token } from '../document.js';
import { tokenize } from '../arabic/tokenize.js';
import {
  type CivilDate,
  type Direction,
  addDays,
  formatDay,
  formatMonth,
  isValidDate,
  isoWeek,
  matchMonthName,
  matchWeekdayName,
  nameFirstWords,
  parseIsoDate,
  resolveDayMonthYear,
  resolveMonthYear,
  resolveWeekday,
  shiftMonth,
  timeWords,
} from '../arabic/calendar.js';

/** A time expression found: the token index after it, its published start offset and its resolved value. */
interface Found {
  end: number;
  start: number;
  /** Null when the expression is relative and there is no publication date. */
  value: string | null;
}

/** The tokens of one document with the forms month/weekday names are matched against, and the reference date. */
interface Scan {
  tokens: readonly Token[];
  /** Each token's whole normalised form. */
  norms: string[][];
  /** Each token's whole form and its form without proclitics ("وفبراير" → فبراير). */
  stems: string[][];
  ref: CivilDate | null;
}

type Matcher = (scan: Scan, i: number) => Found | null;

export function annotateTimes(doc: Document): Document {
  const tokens = doc.tokens.length > 0 ? doc.tokens : tokenize(doc.text);
  const ref = parseIsoDate(doc.published);
  const scan: Scan = {
    tokens,
    norms: tokens.map((t) => [t.norm]),
    stems: tokens.map((t) => [t.norm, t.stem]),
    ref,
  };
  const times: TimeMention[] = [];
  const messages: Message[] = [];
  for (let i = 0; i < tokens.length; ) {
    const found = mayStartTime(tokens[i]) ? longestMatch(scan, i) : null;
    if (!found) {
      i++;
      continue;
    }
    const end = tokens[found.end - 1].end;
    if (found.value !== null) times.push({ start: found.start, end, text: doc.text.slice(found.start, end), value: found.value });
    else if (messages.length === 0) messages.push(noReferenceMessage(doc, found.start, end));
    i = found.end;
  }
  return { ...doc, times, messages: [...doc.messages, ...messages] };
}

function noReferenceMessage(doc: Document, start: number, end: number): Message {
  const why = doc.published === null ? 'has no publication date' : `has an unreadable publication date "${doc.published}"`;
  return { input: doc.input, stage: 'times', reason: `relative time expressions left unresolved: the article ${why}`, fatal: false, start, end };
}

/**
 * The words a matcher can find first at a position, whole or after proclitics: day parts, relative days, month and
 * weekday names, period edges, month, year and period words, "this". With numbers, every expression starts with
 * one of them, so the matchers are not run at other tokens (most of a text).
 */
const STARTERS = new Set<string>([
  ...timeWords.dayParts.map((words) => words[0]), ...timeWords.relativeDays.map((r) => r.words[0]), ...nameFirstWords(),
  ...timeWords.periodEdges, ...timeWords.monthWords, ...timeWords.yearWords, ...timeWords.this, ...timeWords.periods.keys(),
]);

function mayStartTime(t: Token): boolean {
  return t.kind === 'number' || STARTERS.has(t.norm) || STARTERS.has(t.stem);
}

/** Matchers in priority order; at one position the longest match wins, ties go to the earlier matcher. */
const matchers: Matcher[] = [matchNumericDate, matchDate, matchWeekday, matchRelativeDay, matchMonthAlone, matchYear, matchPeriod];

function longestMatch(scan: Scan, i: number): Found | null {
  let best: Found | null = null;
  for (const matcher of matchers) {
    const found = matcher(scan, i);
    if (found && (!best || found.end > best.end)) best = found;
  }
  return best;
}

// ---- word tests -------------------------------------------------------------------------------

/** Where the span starts if token i is one of `words`: at the token, or after its proclitics ("ومساء" → مساء). */
function wordStart(scan: Scan, i: number, words: Set<string> | Map<string, unknown>): number | null {
  const tok = scan.tokens[i];
  if (!tok || tok.kind !== 'word') return null;
  if (words.has(tok.norm)) return tok.start;
  if (tok.prefix && words.has(tok.stem)) return tok.stemStart;
  return null;
}

function isNorm(scan: Scan, i: number, words: Set<string>): boolean {
  const tok = scan.tokens[i];
  return tok !== undefined && words.has(tok.norm);
}

/** Whether token i is a preposition that introduces a date ("في", "منذ"), also after و/ف ("وفي"). */
function isDatePreposition(scan: Scan, i: number): boolean {
  const norm = scan.tokens[i]?.norm;
  if (norm === undefined) return false;
  return timeWords.yearPrepositions.has(norm) || (/^[وف]/.test(norm) && timeWords.yearPrepositions.has(norm.slice(1)));
}

function punctAt(scan: Scan, i: number, chars: string): boolean {
  const tok = scan.tokens[i];
  return tok !== undefined && tok.kind === 'punct' && chars.includes(tok.text);
}

function dayNumberAt(scan: Scan, i: number): number | null {
  const tok = scan.tokens[i];
  if (!tok || tok.kind !== 'number' || !/^\d{1,2}$/.test(tok.norm)) return null;
  const day = Number(tok.norm);
  return day >= 1 && day <= 31 ? day : null;
}

function yearAt(scan: Scan, i: number): number | null {
  const tok = scan.tokens[i];
  if (!tok || tok.kind !== 'number' || !/^\d{4}$/.test(tok.norm)) return null;
  const year = Number(tok.norm);
  return year >= 1900 && year <= 2100 ? year : null;
}

/** "الماضي" → before, "المقبل" → after, "الجاري" → current, at token i. */
function directionAt(scan: Scan, i: number): 'before' | 'after' | 'current' | null {
  if (isNorm(scan, i, timeWords.past)) return 'before';
  if (isNorm(scan, i, timeWords.next)) return 'after';
  if (isNorm(scan, i, timeWords.current)) return 'current';
  return null;
}

/** A multi-word phrase at token i (the first word may carry proclitics): its start offset, or null. */
function phraseStart(scan: Scan, i: number, words: readonly string[]): number | null {
  const first = scan.tokens[i];
  if (!first || first.kind !== 'word') return null;
  for (let k = 1; k < words.length; k++) if (scan.tokens[i + k]?.norm !== words[k]) return null;
  if (first.norm === words[0]) return first.start;
  return first.prefix && first.stem === words[0] ? first.stemStart : null;
}

/** Day parts before a day ("مساء", "صباح يوم"): index after them and the start offset, or null when absent. */
function readDayParts(scan: Scan, i: number): { next: number; start: number } | null {
  let j = i;
  let start: number | null = null;
  for (let round = 0; round < 2; round++) {
    let part: readonly string[] | undefined;
    let partStart: number | null = null;
    for (const words of timeWords.dayParts) {
      partStart = phraseStart(scan, j, words);
      if (partStart !== null) { part = words; break; }
    }
    if (!part) break;
    start ??= partStart;
    j += part.length;
  }
  return start === null ? null : { next: j, start };
}

// ---- names -------------------------------------------------------------------------------------

interface NameAt {
  key: number;
  next: number;
  start: number;
  viaStem: boolean;
}

function monthAt(scan: Scan, i: number): NameAt | null {
  const whole = matchMonthName(scan.norms, i);
  if (whole) return { key: whole.key, next: i + whole.length, start: scan.tokens[i].start, viaStem: false };
  const peeled = scan.tokens[i]?.prefix ? matchMonthName(scan.stems, i) : null;
  return peeled ? { key: peeled.key, next: i + peeled.length, start: scan.tokens[i].stemStart, viaStem: true } : null;
}

function weekdayAt(scan: Scan, i: number): NameAt | null {
  const whole = matchWeekdayName(scan.norms, i);
  if (whole) return { key: whole.key, next: i + whole.length, start: scan.tokens[i].start, viaStem: false };
  const peeled = scan.tokens[i]?.prefix ? matchWeekdayName(scan.stems, i) : null;
  return peeled ? { key: peeled.key, next: i + peeled.length, start: scan.tokens[i].stemStart, viaStem: true } : null;
}

/** The same month named again after "/" or in parentheses ("كانون الثاني/يناير", "مارس (آذار)"): index after it. */
function skipAlternateMonth(scan: Scan, i: number, month: number): number {
  if (punctAt(scan, i, '/')) {
    const alt = monthAt(scan, i + 1);
    if (alt && alt.key === month && !alt.viaStem) return alt.next;
  }
  if (punctAt(scan, i, '(')) {
    const alt = monthAt(scan, i + 1);
    if (alt && alt.key === month && !alt.viaStem && punctAt(scan, alt.next, ')')) return alt.next + 1;
  }
  return i;
}

function toDirection(said: 'before' | 'after' | 'current' | null, fallback: Direction): Direction {
  if (said === 'before' || said === 'after') return said;
  return fallback;
}

// ---- matchers ----------------------------------------------------------------------------------

/** "17/1/2026" (day first, as Arab outlets write it) or "2026-01-17". */
function matchNumericDate(scan: Scan, i: number): Found | null {
  const t = scan.tokens;
  if (!t[i + 4]) return null;
  for (let k = i; k < i + 4; k++) if (t[k].end !== t[k + 1].start) return null;
  const nums = [t[i], t[i + 2], t[i + 4]].map((tok) => (tok.kind === 'number' && /^\d+$/.test(tok.norm) ? Number(tok.norm) : NaN));
  let date: CivilDate | null = null;
  if (punctAt(scan, i + 1, '/') && punctAt(scan, i + 3, '/') && t[i + 4].norm.length === 4) date = { year: nums[2], month: nums[1], day: nums[0] };
  if (punctAt(scan, i + 1, '-') && punctAt(scan, i + 3, '-') && t[i].norm.length === 4) date = { year: nums[0], month: nums[1], day: nums[2] };
  if (!date || !isValidDate(date) || date.year < 1900 || date.year > 2100) return null;
  return { end: i + 5, start: t[i].start, value: formatDay(date) };
}

/** "17 يناير 2026", "21 كانون الثاني/يناير", "5 مارس (آذار) المقبل", "يوم 25 ديسمبر". */
function matchDate(scan: Scan, i: number): Found | null {
  const parts = readDayParts(scan, i);
  if (!parts) return matchDayMonth(scan, i);
  const found = matchDayMonth(scan, parts.next);
  return found ? { ...found, start: parts.start } : null;
}

function matchDayMonth(scan: Scan, i: number): Found | null {
  const day = dayNumberAt(scan, i);
  if (day === null) return null;
  const month = monthAt(scan, i + 1);
  if (!month || month.viaStem) return null;
  let j = skipAlternateMonth(scan, month.next, month.key);
  const year = yearAt(scan, j);
  const start = scan.tokens[i].start;
  if (year !== null) {
    const date = { year, month: month.key, day };
    return isValidDate(date) ? { end: j + 1, start, value: formatDay(date) } : null;
  }
  const said = directionAt(scan, j);
  if (said) j++;
  if (!scan.ref) return { end: j, start, value: null };
  const resolved = resolveDayMonthYear(scan.ref, day, month.key, toDirection(said, 'nearest'));
  return resolved === null ? null : { end: j, start, value: formatDay({ year: resolved, month: month.key, day }) };
}

/** "مارس الماضي", "في يناير", "مطلع فبراير", "ديسمبر (كانون الأول) 2024", "شهر آذار". */
function matchMonthAlone(scan: Scan, i: number): Found | null {
  let j = i;
  const edgeStart = wordStart(scan, j, timeWords.periodEdges);
  if (edgeStart !== null) j++;
  const monthWordStart = wordStart(scan, j, timeWords.monthWords);
  if (monthWordStart !== null) j++;
  const monthIndex = j;
  const month = monthAt(scan, monthIndex);
  if (!month) return null;
  const start = edgeStart ?? monthWordStart ?? month.start;
  j = skipAlternateMonth(scan, month.next, month.key);
  const paired = j > month.next;
  const year = yearAt(scan, j);
  if (year !== null) return { end: j + 1, start, value: formatMonth(year, month.key) };
  const said = directionAt(scan, j);
  if (said) j++;
  // A bare month name needs a cue that it is a date: "مارس" is also the verb "practised", "آب" also "father".
  const afterPreposition = isDatePreposition(scan, i - 1);
  const withPreposition = month.viaStem && /[بل]$/.test(scan.tokens[monthIndex].prefix);
  const cued = edgeStart !== null || monthWordStart !== null || said !== null || paired || afterPreposition || withPreposition;
  if (!cued) return null;
  if (!scan.ref) return { end: j, start, value: null };
  const resolved = resolveMonthYear(scan.ref, month.key, toDirection(said, 'nearest'));
  return { end: j, start, value: formatMonth(resolved, month.key) };
}

/** "عام 2019", "العام 2025", "في 2019" (the preposition stays out of the span), "مطلع 2026". */
function matchYear(scan: Scan, i: number): Found | null {
  let j = i;
  const edgeStart = wordStart(scan, j, timeWords.periodEdges);
  if (edgeStart !== null) j++;
  const yearWordStart = wordStart(scan, j, timeWords.yearWords);
  if (yearWordStart !== null) j++;
  const year = yearAt(scan, j);
  if (year === null) return null;
  const cued = edgeStart !== null || yearWordStart !== null || isDatePreposition(scan, i - 1);
  if (!cued) return null;
  return { end: j + 1, start: edgeStart ?? yearWordStart ?? scan.tokens[j].start, value: String(year) };
}

/** "الاثنين", "مساء الاثنين", "يوم الجمعة الماضي", "الأربعاء المقبل", "الاثنين 19 يناير 2026". */
function matchWeekday(scan: Scan, i: number): Found | null {
  const parts = readDayParts(scan, i);
  const weekday = weekdayAt(scan, parts ? parts.next : i);
  if (!weekday) return null;
  const start = parts ? parts.start : weekday.start;
  let j = weekday.next;
  const dated = matchDayMonth(scan, punctAt(scan, j, '،,') ? j + 1 : j);
  if (dated && dated.value !== null) return { ...dated, start };
  const said = directionAt(scan, j);
  if (said) j++;
  if (!scan.ref) return { end: j, start, value: null };
  return { end: j, start, value: formatDay(resolveWeekday(scan.ref, weekday.key, toDirection(said, 'onOrBefore'))) };
}

/** "اليوم", "أمس", "مساء أمس", "أول من أمس", "غداً الأربعاء", "اليوم (السبت)". */
function matchRelativeDay(scan: Scan, i: number): Found | null {
  const parts = readDayParts(scan, i);
  const k = parts ? parts.next : i;
  let rel: { words: string[]; offset: number } | undefined;
  let relStart: number | null = null;
  for (const candidate of timeWords.relativeDays) {
    relStart = phraseStart(scan, k, candidate.words);
    if (relStart !== null) { rel = candidate; break; }
  }
  if (!rel) return null;
  const start = parts ? parts.start : (relStart as number);
  let j = k + rel.words.length;
  if (rel.offset === 0 && isNorm(scan, j, timeWords.notTodayAfter)) return null;
  let weekday: number | null = null;
  const direct = weekdayAt(scan, j);
  if (direct && !direct.viaStem) {
    weekday = direct.key;
    j = direct.next;
  } else if (punctAt(scan, j, '(')) {
    const inner = weekdayAt(scan, j + 1);
    if (inner && !inner.viaStem && punctAt(scan, inner.next, ')')) {
      weekday = inner.key;
      j = inner.next + 1;
    }
  }
  if (!scan.ref) return { end: j, start, value: null };
  if (weekday === null) return { end: j, start, value: formatDay(addDays(scan.ref, rel.offset)) };
  const direction: Direction = rel.offset === 0 ? 'onOrBefore' : rel.offset < 0 ? 'before' : 'after';
  return { end: j, start, value: formatDay(resolveWeekday(scan.ref, weekday, direction)) };
}

/** "الأسبوع الماضي", "الشهر المقبل", "هذا العام", "مطلع الشهر المقبل", "في بداية الشهر". */
function matchPeriod(scan: Scan, i: number): Found | null {
  let j = i;
  const edgeStart = wordStart(scan, j, timeWords.periodEdges);
  if (edgeStart !== null) j++;
  const thisStart = wordStart(scan, j, timeWords.this);
  if (thisStart !== null) j++;
  const periodStart = wordStart(scan, j, timeWords.periods);
  if (periodStart === null) return null;
  const tok = scan.tokens[j];
  const unit = timeWords.periods.get(timeWords.periods.has(tok.norm) ? tok.norm : tok.stem);
  j++;
  const said = thisStart === null ? directionAt(scan, j) : null;
  if (said) j++;
  if (!unit || (said === null && thisStart === null && edgeStart === null)) return null;
  const start = edgeStart ?? thisStart ?? periodStart;
  if (!scan.ref) return { end: j, start, value: null };
  const step = said === 'before' ? -1 : said === 'after' ? 1 : 0;
  return { end: j, start, value: periodValue(scan.ref, unit, step) };
}

function periodValue(ref: CivilDate, unit: 'week' | 'month' | 'year', step: number): string {
  if (unit === 'week') return isoWeek(addDays(ref, 7 * step));
  if (unit === 'year') return String(ref.year + step);
  const m = shiftMonth(ref.year, ref.month, step);
  return formatMonth(m.year, m.month);
}
