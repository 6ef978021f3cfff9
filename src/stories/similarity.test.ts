import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StoryIndex, type StoryIndexState } from './cluster.js';
import { docFeatures } from './features.js';
import { fromStoryState, type StoryState } from './story-state.js';
import { NO_PRIOR, TermStats, loadDfPrior } from './vectors.js';
import { DuplicateIndex } from './duplicates.js';
import { placeArticle } from './placement.js';
import { fixtureDocuments } from './fixture-docs.js';

test('IDF prior: a word common in news (رئيس) weighs less than a rare one before the store has seen either', () => {
  const stats = new TermStats(loadDfPrior());
  const common = stats.idf('رييس');
  const rare = stats.idf('طوابير');
  assert.ok(common < rare - 2, `${common} vs ${rare}`);
  // Without a prior both are unseen: equal weight.
  const bare = new TermStats(NO_PRIOR);
  assert.equal(bare.idf('رييس'), bare.idf('طوابير'));
});

test('IDF prior: the store\'s own counts take over as it grows', () => {
  const stats = new TermStats(loadDfPrior(1000));
  const before = stats.idf('طوابير');
  for (let i = 0; i < 5000; i++) stats.observe(i % 2 === 0 ? ['طوابير'] : ['x']);
  // Half of 5,000 stored documents use it: now a common word.
  assert.ok(stats.idf('طوابير') < 2 && before > 5, `${before} → ${stats.idf('طوابير')}`);
});

const unitState = (recent: [string, number][][] | undefined): StoryState => ({
  id: 's_x', seq: 0, firstPublished: '2026-01-20', lastPublished: '2026-01-20',
  // Two members on different sides of one story: orthogonal unit vectors, summed.
  centroid: [['a', 1], ['b', 1]],
  recent,
  analysed: 2, entities: [], members: [], pool: [],
});

test('similarity: an article that repeats one member closely scores by that member, not only by the centroid', () => {
  const index = new StoryIndex(undefined, { tuning: { weights: { cosine: 1, entities: 0, time: 0 } } });
  const features = { counts: new Map(), salient: new Map(), lead: [], day: 20473 };
  const vector = new Map([['a', 1]]);
  const centroidOnly = index.similarity(fromStoryState(unitState([]), 8), vector, features);
  const withMembers = index.similarity(fromStoryState(unitState([[['a', 1]], [['b', 1]]]), 8), vector, features);
  assert.ok(Math.abs(centroidOnly - Math.SQRT1_2) < 1e-9, String(centroidOnly));
  assert.equal(withMembers, 1);
});

test('similarity: outside the time window it is 0 whatever the terms', () => {
  const index = new StoryIndex();
  const story = fromStoryState(unitState([[['a', 1]]]), 8);
  assert.equal(index.similarity(story, new Map([['a', 1]]), { counts: new Map(), salient: new Map(), lead: [], day: 20473 + 30 }), 0);
  assert.ok(index.similarity(story, new Map([['a', 1]]), { counts: new Map(), salient: new Map(), lead: [], day: 20473 + 2 }) > 0.9);
});

test('states saved before member matching (no `recent`) rebuild it from the members\' vectors', () => {
  const member = { articleId: 'a1', title: '', published: null, duplicateOf: null, similarity: 1, terms: [['a', 1]] as [string, number][] };
  const state: StoryState = { ...unitState(undefined), members: [member, { ...member, articleId: 'a2', terms: [] }] };
  assert.deepEqual([...fromStoryState(state, 8).recent], [new Map([['a', 1]])]);
});

test('title terms count three times: headlines name the story', () => {
  const doc = fixtureDocuments().get('hamas')!;
  const withTitle = docFeatures(doc).counts;
  const withoutTitle = docFeatures({ ...doc, title: '' }).counts;
  assert.equal((withTitle.get('@Q_hamas') ?? 0) - (withoutTitle.get('@Q_hamas') ?? 0), 3);
});

test('a routing key that lists too many stories routes nothing: the article opens its own story', () => {
  const docs = fixtureDocuments();
  const run = (maxRouteFanout: number): Set<string> => {
    const index = new StoryIndex(undefined, { tuning: { maxRouteFanout } });
    const duplicates = new DuplicateIndex();
    const ids = ['shaddadi_accusation', 'shaddadi_curfew'].map((k) => placeArticle(docs.get(k)!, duplicates, index).storyId);
    return new Set(ids);
  };
  assert.equal(run(200).size, 1);
  assert.equal(run(0).size, 2);
});

test('the state round-trips through JSON with the latest member vectors', () => {
  const docs = [...fixtureDocuments().values()];
  const index = new StoryIndex();
  const duplicates = new DuplicateIndex();
  for (const doc of docs) placeArticle(doc, duplicates, index);
  const state = JSON.parse(JSON.stringify(index.state())) as StoryIndexState;
  assert.ok(state.stories.some((s) => (s.recent?.length ?? 0) >= 2));
  assert.deepEqual(new StoryIndex(state).state(), index.state());
});
