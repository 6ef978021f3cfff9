// Search snippets: the window with the most matches, cut at spaces, ellipses where text was cut, and highlights that
// are offsets into the snippet's own text covering exactly the matched words (diacritics and clitics included).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Snippet } from '../serve/api-types.js';
import { makeSnippet, matchedRanges } from './snippet.js';
import { searchForms } from './search-text.js';

const marked = (s: Snippet): string[] => s.highlights.map(([a, b]) => s.text.slice(a, b));
const filler = (n: number): string => 'كلمة '.repeat(n);

test('makeSnippet: a short text is whole, without ellipses, with every matched word marked', () => {
  const text = 'قال الشرع إن والشرع وبالشرع اتفقوا.';
  const s = makeSnippet(text, ['شرع']);
  assert.equal(s.text, text);
  assert.deepEqual(marked(s), ['الشرع', 'والشرع', 'وبالشرع']);
});

test('makeSnippet: highlights cover the published word with its diacritics and tatweel; newlines become spaces', () => {
  const text = 'الشَّرْعُ قال\nإن الشـــرع جاء\nأمس';
  const s = makeSnippet(text, [searchForms('الشرع')]);
  assert.equal(s.text, text.replace(/\n/g, ' '));
  assert.equal(s.text.length, text.length);
  assert.deepEqual(marked(s), ['الشَّرْعُ', 'الشـــرع']);
  for (const [a, b] of s.highlights) assert.equal(text.slice(a, b), s.text.slice(a, b));
});

test('makeSnippet: the window goes where matches are densest, with ellipses on both cut sides and shifted offsets', () => {
  const text = 'قسد في البداية. ' + filler(80) + 'ثم الشرع والشرع وبالشرع هنا. ' + filler(80);
  const s = makeSnippet(text, ['شرع', 'قسد']);
  assert.deepEqual(marked(s), ['الشرع', 'والشرع', 'وبالشرع']);
  assert.ok(s.text.startsWith('…') && s.text.endsWith('…'), s.text);
  assert.ok(s.text.length <= 220 + 2, String(s.text.length));
  // Cut at spaces: the text inside the ellipses is a run of whole words of the original.
  const inner = s.text.slice(1, -1);
  const at = text.indexOf(inner);
  assert.ok(at > 0, 'the snippet is not a slice of the text');
  assert.equal(text[at - 1], ' ');
  assert.ok(text[at + inner.length] === ' ' || at + inner.length === text.length);
  // Each highlight, shifted back by the ellipsis, is the matched word in the original text.
  for (const [a, b] of s.highlights) assert.equal(text.slice(at + a - 1, at + b - 1), s.text.slice(a, b));
});

test('makeSnippet: a match near the start keeps the start (no leading ellipsis); one at the end keeps the end', () => {
  const head = makeSnippet('الشرع ' + filler(100), ['شرع']);
  assert.ok(!head.text.startsWith('…') && head.text.endsWith('…'));
  assert.deepEqual(head.highlights, [[0, 5]]);
  const tail = makeSnippet(filler(100) + 'ثم الشرع', ['شرع']);
  assert.ok(tail.text.startsWith('…') && !tail.text.endsWith('…'));
  assert.deepEqual(marked(tail), ['الشرع']);
  assert.ok(tail.text.endsWith('الشرع'));
});

test('makeSnippet: no match gives the opening of the text and no highlights', () => {
  const text = filler(100);
  const s = makeSnippet(text, ['شرع']);
  assert.deepEqual(s.highlights, []);
  assert.ok(text.startsWith(s.text.slice(0, -1)) && s.text.endsWith('…'));
  assert.deepEqual(makeSnippet('', ['شرع']), { text: '', highlights: [] });
});

test('makeSnippet: extra spans (entity mentions) are marked and merged with overlapping word matches', () => {
  const text = 'اتصل الرئيس الأميركي دونالد ترمب بالشرع.';
  const start = text.indexOf('الرئيس');
  const end = text.indexOf('ترمب') + 'ترمب'.length;
  const s = makeSnippet(text, ['ترمب', 'شرع'], [[start, end]]);
  assert.deepEqual(marked(s), ['الرئيس الأميركي دونالد ترمب', 'بالشرع']);
});

test('makeSnippet: a matched word at the edge of the chosen window is shown and marked, not cut off', () => {
  // Two matches fit the 220-character window from the start; the second ends exactly at its edge, followed by a comma.
  const gap = filler(41) + 'كلماتتت ';
  const text = 'قسد ' + gap + 'قسد، ' + filler(60);
  assert.equal(text.indexOf('قسد،') + 3, 220);
  const s = makeSnippet(text, ['قسد']);
  assert.deepEqual(marked(s), ['قسد', 'قسد'], s.text.slice(-30));
});

test('matchedRanges: sorted, overlapping and touching spans merged, text order kept', () => {
  const text = 'قسد والشرع قسد';
  const ranges = matchedRanges(text, ['قسد'], [[4, 10], [6, 8], [0, 3]]);
  assert.deepEqual(ranges, [[0, 3], [4, 10], [11, 14]]);
  assert.deepEqual(matchedRanges(text, []), []);
});
