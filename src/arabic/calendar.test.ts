import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  type CivilDate,
  type Direction,
  addDays,
  formatDay,
  isoWeek,
  matchMonthName,
  matchWeekdayName,
  parseIsoDate,
  resolveDayMonthYear,
  resolveMonthYear,
  resolveWeekday,
  shiftMonth,
} from './calendar.js';
import { normalizeForMatch } from './normalize.js';

const day = (iso: string): CivilDate => parseIsoDate(iso)!;
const words = (s: string): string[][] => normalizeForMatch(s).split(' ').map((w) => [w]);

test('parseIsoDate reads dates and timestamps, rejects the rest', () => {
  assert.deepEqual(parseIsoDate('2026-01-20'), { year: 2026, month: 1, day: 20 });
  assert.deepEqual(parseIsoDate('2026-01-20T09:30:00Z'), { year: 2026, month: 1, day: 20 });
  assert.equal(parseIsoDate('2026-02-30'), null);
  assert.equal(parseIsoDate('20 Jan 2026'), null);
  assert.equal(parseIsoDate(null), null);
});

test('month names: Gregorian, Levantine (two words) and spelling variants', () => {
  const rows: [string, number, number][] = [
    ['يناير', 1, 1], ['كانون الثاني', 1, 2], ['كانون الأول', 12, 2], ['تشرين الأول', 10, 2], ['تشرين ثاني', 11, 2],
    ['شباط', 2, 1], ['آذار', 3, 1], ['ابريل', 4, 1], ['إبريل', 4, 1], ['أيار', 5, 1], ['يونيه', 6, 1], ['حزيران', 6, 1],
    ['يوليه', 7, 1], ['تموز', 7, 1], ['آب', 8, 1], ['أغسطس', 8, 1], ['أيلول', 9, 1], ['اكتوبر', 10, 1], ['ديسمبر', 12, 1],
  ];
  for (const [name, month, length] of rows) assert.deepEqual(matchMonthName(words(name), 0), { key: month, length }, name);
  assert.equal(matchMonthName(words('كانون'), 0), null);
  assert.equal(matchMonthName(words('سوريا'), 0), null);
});

test('weekday names, with hamza variants', () => {
  const rows: [string, number][] = [['الأحد', 0], ['الاثنين', 1], ['الإثنين', 1], ['الثلاثاء', 2], ['الأربعاء', 3], ['الخميس', 4], ['الجمعة', 5], ['السبت', 6]];
  for (const [name, weekday] of rows) assert.equal(matchWeekdayName(words(name), 0)?.key, weekday, name);
});

test('isoWeek follows ISO 8601 at year boundaries', () => {
  const rows: [string, string][] = [
    ['2026-01-20', '2026-W04'], ['2026-01-13', '2026-W03'], ['2026-01-01', '2026-W01'], ['2025-12-29', '2026-W01'],
    ['2021-01-03', '2020-W53'], ['2024-12-30', '2025-W01'],
  ];
  for (const [iso, week] of rows) assert.equal(isoWeek(day(iso)), week, iso);
});

test('resolveWeekday: on or before, strictly before, strictly after (2026-01-20 is a Tuesday)', () => {
  const ref = day('2026-01-20');
  const rows: [number, Direction, string][] = [
    [1, 'onOrBefore', '2026-01-19'], [2, 'onOrBefore', '2026-01-20'], [3, 'onOrBefore', '2026-01-14'],
    [2, 'before', '2026-01-13'], [5, 'before', '2026-01-16'], [3, 'after', '2026-01-21'], [2, 'after', '2026-01-27'],
  ];
  for (const [weekday, direction, iso] of rows) assert.equal(formatDay(resolveWeekday(ref, weekday, direction)), iso, `${weekday} ${direction}`);
});

test('resolveMonthYear: last strictly before, next strictly after, nearest', () => {
  const jan = day('2026-01-20');
  const rows: [CivilDate, number, Direction, number][] = [
    [jan, 3, 'before', 2025], [jan, 12, 'before', 2025], [day('2026-04-10'), 3, 'before', 2026], [jan, 1, 'before', 2025],
    [jan, 3, 'after', 2026], [jan, 1, 'after', 2027], [jan, 1, 'nearest', 2026], [jan, 12, 'nearest', 2025], [day('2026-11-02'), 1, 'nearest', 2027],
  ];
  for (const [ref, month, direction, year] of rows) assert.equal(resolveMonthYear(ref, month, direction), year, `${formatDay(ref)} ${month} ${direction}`);
});

test('resolveDayMonthYear picks the nearest valid date, or the one on the side said', () => {
  const ref = day('2026-01-20');
  assert.equal(resolveDayMonthYear(ref, 25, 12, 'nearest'), 2025);
  assert.equal(resolveDayMonthYear(ref, 3, 2, 'nearest'), 2026);
  assert.equal(resolveDayMonthYear(ref, 25, 1, 'before'), 2025);
  assert.equal(resolveDayMonthYear(ref, 5, 3, 'after'), 2026);
  assert.equal(resolveDayMonthYear(day('2024-03-01'), 29, 2, 'nearest'), 2024);
  // 29 February with no leap year in reach: no value rather than a guess.
  assert.equal(resolveDayMonthYear(day('2026-03-01'), 29, 2, 'nearest'), null);
});

test('addDays and shiftMonth cross month and year boundaries', () => {
  assert.equal(formatDay(addDays(day('2026-01-01'), -1)), '2025-12-31');
  assert.equal(formatDay(addDays(day('2024-02-28'), 1)), '2024-02-29');
  assert.deepEqual(shiftMonth(2026, 1, -1), { year: 2025, month: 12 });
  assert.deepEqual(shiftMonth(2025, 12, 1), { year: 2026, month: 1 });
});
