// Search snippets: the passage of an article's original text where the query's words are densest, with the matched
// words marked by offsets (the client renders them as text, never as HTML).
// Input: the text, the query's search forms, extra spans to mark (mentions of the entities the query names).
// Output: Snippet { text, highlights }.
import { tokenize } from '../arabic/tokenize.js';
import type { Snippet } from '../serve/api-types.js';
import { searchForm } from './search-text.js';

const WINDOW = 220;
const LEAD = 60;
const ELLIPSIS = '…';

type Range = [number, number];

/** Spans of `text` whose words have one of the search forms, merged with `extra`, in text order without overlaps. */
export function matchedRanges(text: string, terms: readonly string[], extra: readonly Range[] = []): Range[] {
  const wanted = new Set(terms);
  const ranges: Range[] = [...extra];
  if (wanted.size > 0) {
    for (const token of tokenize(text)) {
      const form = searchForm(token);
      if (form && wanted.has(form)) ranges.push([token.start, token.end]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Range[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** The window of about WINDOW characters holding the most matches, cut at spaces, with its highlights. */
export function makeSnippet(text: string, terms: readonly string[], extra: readonly Range[] = []): Snippet {
  const ranges = matchedRanges(text, terms, extra);
  let bestStart = 0;
  let bestCount = 0;
  for (let i = 0, j = 0; i < ranges.length; i++) {
    const windowStart = Math.max(0, ranges[i][0] - LEAD);
    while (j < ranges.length && ranges[j][1] <= windowStart + WINDOW) j++;
    if (j - i > bestCount) { bestCount = j - i; bestStart = windowStart; }
  }
  let start = bestStart;
  let end = Math.min(text.length, start + WINDOW);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < start + 20) start = space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    const next = text.indexOf(' ', end);
    // Never cut a matched word off the window: go on to the next space instead.
    if (ranges.some(([s, e]) => s < end && e > space)) { if (next !== -1 && next < end + 20) end = next; } else if (space > end - 20) end = space;
  }
  const prefix = start > 0 ? ELLIPSIS : '';
  const suffix = end < text.length ? ELLIPSIS : '';
  const shift = prefix.length - start;
  const highlights = ranges
    .filter(([s, e]) => s >= start && e <= end)
    .map(([s, e]): Range => [s + shift, e + shift]);
  return { text: prefix + text.slice(start, end).replace(/\n/g, ' ') + suffix, highlights };
}
