import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type LiveStory, type StoryMember, TITLE_MAX_CHARS, cutAtWord, storyTitle } from './story-state.js';
import type { PooledSentence } from './summary.js';

function member(articleId: string, title: string, terms: [string, number][]): StoryMember {
  return { articleId, title, published: null, duplicateOf: null, similarity: 1, terms };
}

function story(members: StoryMember[], pool: PooledSentence[] = []): LiveStory {
  return {
    id: 's_x', seq: 0, active: 0, firstPublished: null, lastPublished: null,
    centroid: new Map([['شدادي', 2], ['سجن', 1]]), firstDay: null, lastDay: null, recent: [], packed: null,
    analysed: members.length, entities: new Map(), members, pool, routes: [],
  };
}

const central = (id: string, title: string) => member(id, title, [['شدادي', 1]]);
const offside = (id: string, title: string) => member(id, title, [['ملعب', 1]]);
const lead = (articleId: string, position: number, text: string): PooledSentence => ({ articleId, position, text, terms: [] });

const LONG_LEAD = 'أعلنت وزارة الداخلية السورية فرض حظر تجول شامل في مدينة الشدادي بريف الحسكة الجنوبي اعتبارا من مساء اليوم وحتى إشعار آخر.';

const CASES: [string, LiveStory, string][] = [
  ['the central member\'s title', story([offside('a', 'عنوان جانبي'), central('b', 'عنوان مركزي')]), 'عنوان مركزي'],
  ['central member untitled → the next most central titled member', story([central('a', ''), offside('b', 'عنوان جانبي')]), 'عنوان جانبي'],
  ['a whitespace title counts as none', story([central('a', '  '), offside('b', 'عنوان')]), 'عنوان'],
  ['no titles → the central article\'s first pooled sentence', story([offside('a', ''), central('b', '')], [lead('a', 0, 'جملة أ.'), lead('b', 2, 'جملة ب الثالثة.'), lead('b', 1, 'جملة ب الثانية.')]), 'جملة ب الثانية.'],
  ['no titles, long lead → cut at a word', story([central('a', '')], [lead('a', 0, LONG_LEAD)]), cutAtWord(LONG_LEAD, TITLE_MAX_CHARS)],
  ['no titles, no sentences → empty', story([central('a', '')]), ''],
];
for (const [name, s, expected] of CASES) {
  test(`story title: ${name}`, () => assert.equal(storyTitle(s), expected));
}

test('cutAtWord keeps short text, cuts long text at a space within the limit', () => {
  assert.equal(cutAtWord('قصير.', 90), 'قصير.');
  const cut = cutAtWord(LONG_LEAD, TITLE_MAX_CHARS);
  assert.ok(cut.length <= TITLE_MAX_CHARS, cut);
  assert.ok(cut.endsWith('…'));
  assert.ok(LONG_LEAD.startsWith(cut.slice(0, -1)) && LONG_LEAD[cut.length - 1] === ' ', cut);
});
