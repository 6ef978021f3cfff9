// `npm run train:ner`: trains the entity recogniser on ANERcorp's train split and writes the shipped model.
// `--dev` holds out the last 15 % of train (the split is sequential, like train/test) and reports scores on it.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { loadKnowledgeBase } from '../kb/kb.js';
import { repoRoot, sharedDataDir } from '../test-support/paths.js';
import { parseConll } from './conll.js';
import { scoreTagger } from './evaluate.js';
import { FEATURE_VERSION } from './features.js';
import { createLexicon, FEATURE_GROUPS, type FeatureGroup } from './lexicon.js';
import { saveModel } from './model.js';
import { addCounts, emptyCounts, formatScores, summarise } from './score.js';
import { DEV_FRACTION, splitTrain } from './split.js';
import { MODEL_URLS, readClusters } from './tagger.js';
import { modelOf, prepareDocuments, trainTagger } from './train.js';

const program = new Command()
  .option('--data <dir>', 'folder holding anercorp/train.txt', sharedDataDir() ?? resolve(repoRoot, '../shared/data'))
  .option('--dev', 'train on the first 85 % of train and score the rest', false)
  .option('--cv <k>', 'k-fold cross-validation over train (contiguous folds); prints the pooled scores and writes nothing')
  .option('--epochs <n>', 'training epochs', '15')
  .option('--min-count <n>', 'drop features seen fewer times', '1')
  .option('--cluster-prefixes <list>', 'cluster path levels used as features (1 = coarsest)', '1,2,3,4')
  .option('--without <groups>', `feature groups to leave out (ablation): ${FEATURE_GROUPS.join(',')}`, '')
  .option('--seed <n>', 'shuffling seed', '20260119')
  .option('--out <prefix>', 'write <prefix>-local.bin and <prefix>-document.bin (default: the shipped model; nothing is written with --dev)')
  .parse();
const options = program.opts<{ data: string; dev: boolean; cv?: string; epochs: string; minCount: string; clusterPrefixes: string; without: string; seed: string; out?: string }>();

const trainPath = resolve(options.data, 'anercorp/train.txt');
if (!existsSync(trainPath)) {
  console.error(`train:ner: ${trainPath} not found (pass --data DIR holding anercorp/train.txt)`);
  process.exit(2);
}
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
const all = parseConll(readFileSync(trainPath, 'utf8'));
const clusterPrefixes = options.clusterPrefixes.split(',').map(Number);
const without = options.without.split(',').filter((g): g is FeatureGroup => (FEATURE_GROUPS as readonly string[]).includes(g));
const clusters = readClusters();
const lexicon = createLexicon(loadKnowledgeBase(), clusters, clusterPrefixes, without);
if (options.cv) {
  crossValidate(Number(options.cv));
  process.exit(0);
}
const { train, dev } = options.dev ? splitTrain(all, DEV_FRACTION) : { train: all, dev: [] };
const documents = prepareDocuments(train);
console.log(`train:ner: ${train.length} sentences, ${documents.length} documents, features in ${elapsed()}`);

const epochs = Number(options.epochs);
const trained = trainTagger(documents, lexicon, {
  epochs, minCount: Number(options.minCount), seed: Number(options.seed),
  onEpoch: (epoch, mistakes) => { if (epoch % 5 === 0 || epoch === epochs) console.log(`  epoch ${epoch}: ${mistakes} token errors`); },
}, (line) => console.log(`${line} (${elapsed()})`));
const header = {
  featureVersion: FEATURE_VERSION, clusterPrefixes, without, clustersChecksum: clusters.checksum, epochs, trainedAt: new Date().toISOString().slice(0, 10),
  trainedOn: options.dev ? 'ANERcorp train, CAMeL split, first 85 %' : 'ANERcorp train, CAMeL split',
};
console.log(`train:ner: ${trained.local.keys.length} + ${trained.document.keys.length} feature rows, trained in ${elapsed()}`);

/** Pooled counts over k contiguous folds of train, each scored by a tagger trained on the others. */
function crossValidate(k: number): void {
  const pooled = { one: emptyCounts(), both: emptyCounts() };
  for (let fold = 0; fold < k; fold++) {
    const from = Math.floor((fold * all.length) / k);
    const to = Math.floor(((fold + 1) * all.length) / k);
    const weights = trainTagger(prepareDocuments([...all.slice(0, from), ...all.slice(to)]), lexicon, trainingOptions(), () => {});
    const header = { featureVersion: FEATURE_VERSION, clusterPrefixes, without, clustersChecksum: clusters.checksum, epochs: trainingOptions().epochs, trainedAt: '', trainedOn: '' };
    const tagger = { local: modelOf(weights.local, header), document: modelOf(weights.document, header), lexicon };
    const held = all.slice(from, to);
    addCounts(pooled.one, scoreTagger({ ...tagger, document: null }, held).counts);
    addCounts(pooled.both, scoreTagger(tagger, held).counts);
    console.log(`fold ${fold + 1}/${k}: ${(100 * summarise(pooled.both).microPLO.f1).toFixed(1)} pooled PLO F1 so far (${elapsed()})`);
  }
  console.log(formatScores(`${k}-fold cross-validation, stage 1`, summarise(pooled.one)));
  console.log(formatScores(`${k}-fold cross-validation, both stages`, summarise(pooled.both)));
}

function trainingOptions() {
  return { epochs: Number(options.epochs), minCount: Number(options.minCount), seed: Number(options.seed) };
}

if (options.dev) {
  const tagger = { local: modelOf(trained.local, header), document: modelOf(trained.document, header), lexicon };
  console.log(formatScores(`dev (${dev.length} sentences), tagger alone, stage 1`, scoreTagger({ ...tagger, document: null }, dev).scores));
  console.log(formatScores(`dev (${dev.length} sentences), tagger alone, both stages`, scoreTagger(tagger, dev).scores));
}
if (!options.dev || options.out) {
  const shipped = (url: URL) => fileURLToPath(url).replace(/\/dist\/ner\/data\//, '/src/ner/data/');
  const paths = options.out
    ? { local: `${options.out}-local.bin`, document: `${options.out}-document.bin` }
    : { local: shipped(MODEL_URLS.local), document: shipped(MODEL_URLS.document) };
  for (const stage of ['local', 'document'] as const) {
    mkdirSync(resolve(paths[stage], '..'), { recursive: true });
    saveModel(paths[stage], header, trained[stage].keys, trained[stage].weights, trained[stage].transitions);
    // The compiled copy is what `marsad` loads; keep it in step without a rebuild.
    if (!options.out) copyFileSync(paths[stage], fileURLToPath(MODEL_URLS[stage]));
    console.log(`train:ner: wrote ${paths[stage]}`);
  }
}
