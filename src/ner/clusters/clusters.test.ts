import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from '../../arabic/tokenize.js';
import { clusterFeatures, comparePaths, formatClusters, loadClusters, parseClusters } from './clusters.js';
import { TokenStreamBuilder } from './corpus.js';
import { proportionalShares, sphericalKMeans } from './kmeans.js';
import { createGaussian, createRng } from '../../random.js';
import { randomizedSvd, symmetricEigen } from './svd.js';
import { defaultOptions, trainClusters } from './train.js';

const clusters = loadClusters();

/** The path of a published word, looked up as the tagger will: by the stem of its token. */
function pathOf(word: string): string {
  const stem = tokenize(word)[0].stem;
  const path = clusters.get(stem);
  assert.ok(path, `${word} (${stem}) has a cluster`);
  return path;
}

function prefixOf(word: string, level: number): string {
  return pathOf(word).split('.').slice(0, level).join('.');
}

/** Share of the words that fall in the most common class at `level` (one odd word out of six still gives 0.83). */
function majorityShare(words: string[], level: number): number {
  const counts = new Map<string, number>();
  for (const word of words) counts.set(prefixOf(word, level), (counts.get(prefixOf(word, level)) ?? 0) + 1);
  return Math.max(...counts.values()) / words.length;
}

/** Share of pairs (one word from each list) whose paths agree on the first `level` parts. */
function sharedRate(a: string[], b: string[], level: number): number {
  let shared = 0;
  for (const x of a) for (const y of b) if (prefixOf(x, level) === prefixOf(y, level)) shared++;
  return shared / (a.length * b.length);
}

const countries = ['مصر', 'العراق', 'الأردن', 'سوريا', 'اليمن', 'تركيا', 'إيران', 'روسيا', 'الصين'];
const firstNames = ['محمد', 'أحمد', 'خالد', 'إبراهيم', 'يوسف', 'حسن', 'عمر', 'سعيد'];
const leaders = ['ترامب', 'ماكرون', 'أردوغان', 'نتنياهو', 'السيسي', 'روحاني'];
const months = ['يناير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'];
const weekdays = ['الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت', 'الأحد'];
const reportingVerbs = ['قال', 'أضاف', 'أكد', 'أوضح', 'أعلن', 'أشار'];

test('the shipped clusters load: many stems, each with a four-level dotted path', () => {
  assert.ok(clusters.size >= 30000, `${clusters.size} entries`);
  for (const [stem, path] of clusters) {
    assert.ok(stem.length > 0);
    assert.match(path, /^\d+\.\d+\.\d+\.\d+$/, stem);
  }
  const coarse = new Set([...clusters.values()].map((path) => clusterFeatures(path, [1])[0]));
  assert.ok(coarse.size >= 8 && coarse.size <= 16, `${coarse.size} coarse classes`);
});

test('prefix features go from coarse to fine and skip repeats', () => {
  assert.deepEqual(clusterFeatures('10.2.0.3'), ['10', '10.2', '10.2.0', '10.2.0.3']);
  assert.deepEqual(clusterFeatures('10.2.0.3', [2, 4]), ['10.2', '10.2.0.3']);
  assert.deepEqual(clusterFeatures('5.1', [1, 2, 3]), ['5', '5.1']);
  const text = formatClusters(['ب', 'أ', 'ج'], ['10.0', '2.1', '2.0'], 'comment');
  assert.equal(text, '# comment\nج\t2.0\nأ\t2.1\nب\t10.0\n');
  assert.deepEqual([...parseClusters(text)], [['ج', '2.0'], ['أ', '2.1'], ['ب', '10.0']]);
  assert.ok(comparePaths('2.1', '10.0') < 0);
});

test('country names share a class far more often than a country and a reporting verb', () => {
  const together = majorityShare(countries, 2);
  const apart = sharedRate(countries, reportingVerbs, 1);
  assert.ok(together >= 0.75, `countries together at level 2: ${together}`);
  assert.ok(apart <= 0.2, `countries with verbs at level 1: ${apart}`);
});

test('first names and politicians\' names form person classes apart from months', () => {
  assert.ok(majorityShare(firstNames, 3) >= 0.75, 'first names at level 3');
  assert.ok(majorityShare(leaders, 3) >= 0.75, 'leaders at level 3');
  assert.ok(majorityShare([...firstNames, ...leaders], 2) >= 0.75, 'first names with leaders at level 2');
  assert.ok(sharedRate(firstNames, months, 1) <= 0.2, 'first names with months at level 1');
});

test('months, weekdays and reporting verbs each stay together at the third level', () => {
  assert.ok(majorityShare(months, 3) >= 0.75, 'months');
  assert.ok(majorityShare(weekdays, 3) >= 0.75, 'weekdays');
  assert.ok(majorityShare(reportingVerbs, 3) >= 0.75, 'reporting verbs');
  assert.ok(sharedRate(months, reportingVerbs, 1) <= 0.2, 'months with verbs at level 1');
});

test('the maths: eigenvalues, randomized SVD, k-means, proportional shares', () => {
  const { values } = symmetricEigen(Float64Array.from([2, 1, 0, 1, 2, 0, 0, 0, 5]), 3);
  assert.deepEqual(Array.from(values, (v) => Math.round(v * 1e9) / 1e9), [5, 3, 1]);

  // A 3 × 3 diagonal matrix as a sparse matrix: singular values are the diagonal.
  const sparse = { rows: 3, columns: 3, rowStart: Int32Array.from([0, 1, 2, 3]), column: Int32Array.from([0, 1, 2]), value: Float64Array.from([1, 4, 2]) };
  const svd = randomizedSvd(sparse, 2, createGaussian(createRng(1)));
  assert.deepEqual(Array.from(svd.s, (v) => Math.round(v * 1e6) / 1e6), [4, 2]);

  const points = Float32Array.from([1, 0, 0.99, 0.141, 0.98, -0.199, 0, 1, 0.141, 0.99, -0.199, 0.98]);
  const { assignment } = sphericalKMeans(points, 2, 2, createRng(3));
  assert.equal(new Set(assignment.slice(0, 3)).size, 1);
  assert.equal(new Set(assignment.slice(3)).size, 1);
  assert.notEqual(assignment[0], assignment[3]);

  assert.deepEqual(proportionalShares([100, 50, 10, 1], 16), [9, 5, 1, 1]);
  assert.equal(proportionalShares([5, 3, 2], 10).reduce((a, b) => a + b, 0), 10);
});

test('training on a tiny made-up corpus separates words used in different slots', () => {
  const random = createRng(7);
  const pick = (words: string[]) => words[Math.floor(random() * words.length)];
  const people = ['زيد', 'عمرو', 'هند', 'سلمي', 'بكر', 'مريم'];
  const places = ['حمص', 'حماه', 'ادلب', 'درعا', 'جبله', 'منبج'];
  const builder = new TokenStreamBuilder();
  for (let i = 0; i < 400; i++) {
    builder.addDocument([`قال ${pick(people)} انه سافر الي ${pick(places)} امس .`, `وصل ${pick(people)} الي ${pick(places)} صباحا .`]);
  }
  const trained = trainClusters(builder.build(), { ...defaultOptions, minCount: 2, contextSize: 50, dims: 8, fineClusters: 4, levels: [2], cells: 2 });
  const path = new Map(trained.words.map((word, i) => [word, trained.paths[i].split('.')[0]]));
  assert.equal(new Set(people.map((w) => path.get(w))).size, 1, 'people share a top class');
  assert.equal(new Set(places.map((w) => path.get(w))).size, 1, 'places share a top class');
  assert.notEqual(path.get(people[0]), path.get(places[0]));
});
