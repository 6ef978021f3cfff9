import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bCubedScore, matchGold, pairwiseScore, scoreStories, scoreStoriesOnSamples, type ScoredArticle, type StoryGold } from './stories.js';

const clustering = (groups: string[][]): Map<string, string> => new Map(groups.flatMap((g, i) => g.map((item) => [item, `c${i}`] as [string, string])));

const CASES: { name: string; gold: string[][]; predicted: string[][]; pairwise: [number, number]; bCubed: [number, number] }[] = [
  { name: 'identical', gold: [['a', 'b'], ['c']], predicted: [['a', 'b'], ['c']], pairwise: [1, 1], bCubed: [1, 1] },
  // Gold pairs ab ac bc; predicted ab: P 1/1, R 1/3. B-cubed recall: a 2/3, b 2/3, c 1/3, d 1 → 2.667/4.
  { name: 'split', gold: [['a', 'b', 'c'], ['d']], predicted: [['a', 'b'], ['c'], ['d']], pairwise: [1, 1 / 3], bCubed: [1, 2.6666666666666665 / 4] },
  // Predicted pairs ab ac ad bc bd cd, correct ab cd: P 2/6, R 2/2. B-cubed precision 4 × 2/4 / 4.
  { name: 'merged', gold: [['a', 'b'], ['c', 'd']], predicted: [['a', 'b', 'c', 'd']], pairwise: [1 / 3, 1], bCubed: [0.5, 1] },
  { name: 'all singletons', gold: [['a'], ['b']], predicted: [['a'], ['b']], pairwise: [1, 1], bCubed: [1, 1] },
  // Items only on one side are left out: x is not scored.
  { name: 'unshared items ignored', gold: [['a', 'b']], predicted: [['a', 'b', 'x']], pairwise: [1, 1], bCubed: [1, 1] },
];

for (const c of CASES) {
  test(`clustering scores: ${c.name}`, () => {
    const pairwise = pairwiseScore(clustering(c.gold), clustering(c.predicted));
    const bCubed = bCubedScore(clustering(c.gold), clustering(c.predicted));
    assert.deepEqual([pairwise.precision, pairwise.recall], c.pairwise);
    assert.ok(Math.abs(bCubed.precision - c.bCubed[0]) < 1e-12 && Math.abs(bCubed.recall - c.bCubed[1]) < 1e-12, JSON.stringify(bCubed));
  });
}

const GOLD: StoryGold = {
  stories: [
    { name: 'call', articles: [{ input: 'x/call.txt' }, { input: 'page.txt', title: 'الشرع وترمب يبحثان' }] },
    { name: 'oil', articles: [{ input: 'page.txt', title: 'حقل «العمر»' }, { input: 'feed-1' }] },
    { name: 'lost', articles: [{ input: 'gone.txt' }] },
  ],
};

const article = (id: string, input: string, title: string, storyId: string): ScoredArticle => ({ id, input, title, storyId });

test('matchGold: by input, by title on multi-article pages (hamza and quote variants, glued teasers), missing and unknown listed', () => {
  const articles = [
    article('1', 'x/call.txt', 'any title', 's1'),
    article('2', 'page.txt', 'الشرع وترمب يبحثان', 's1'),
    article('3', 'page.txt', 'إقرأ أيضاحقل "العمر"', 's2'),
    article('4', 'feed-1', '', 's2'),
    article('5', 'page.txt', 'عنوان آخر', 's3'),
    article('6', 'other.txt', '', 's4'),
  ];
  const { clustering: gold, unmatchedArticles, missingEntries } = matchGold(GOLD, articles);
  assert.deepEqual([...gold], [['1', 'call'], ['2', 'call'], ['3', 'oil'], ['4', 'oil']]);
  assert.deepEqual(unmatchedArticles, ['page.txt «عنوان آخر»', 'other.txt']);
  assert.deepEqual(missingEntries, ['gone.txt']);
});

test('scoreStories: splits and mixes are listed by expected story', () => {
  const report = scoreStories(GOLD, [
    article('1', 'x/call.txt', '', 's1'),
    article('2', 'page.txt', 'الشرع وترمب يبحثان', 's2'),
    article('3', 'page.txt', 'حقل «العمر»', 's2'),
    article('4', 'feed-1', '', 's3'),
  ]);
  assert.equal(report.items, 4);
  assert.deepEqual([report.pairwise.correctPairs, report.pairwise.predictedPairs, report.pairwise.goldPairs], [0, 1, 2]);
  assert.deepEqual(report.spread.map((s) => s.predicted.length), [2, 2, 0]);
  assert.deepEqual(report.mixed, [['call', 'oil']]);
  assert.equal(report.predictedStories, 3);
});

test('samples: stories never mix expected stories; Hamas, football and weather stay alone; recall floor', async () => {
  const report = await scoreStoriesOnSamples();
  assert.deepEqual(report.mixed, []);
  assert.equal(report.pairwise.precision, 1);
  // Recall is the known weak side (0.296 today; 0.316 before the entity span changes): this floor guards regressions.
  assert.ok(report.pairwise.recall >= 0.28, `pairwise recall ${report.pairwise.recall}`);
  for (const name of ['Hamas leaders leaving Gaza', 'Unrelated: football', 'Unrelated: weather in Egypt']) {
    assert.equal(report.spread.find((s) => s.name === name)?.predicted.length, 1, name);
  }
  // The Arabic CENTCOM articles (wire, copies, Baghdad) are one story; the English wire is apart. The rights-group
  // article (0.278 against a join threshold of 0.28) still opens its own story.
  const centcom = report.spread.find((s) => s.name.startsWith('CENTCOM'))!;
  const sizes = centcom.predicted.map((g) => g.length).sort((a, b) => b - a);
  assert.ok(sizes[0] >= 4, `largest CENTCOM group ${sizes[0]}`);
  assert.equal(sizes.at(-1), 1);
});
