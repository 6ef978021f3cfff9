// `npm run eval:ner`: entity-level P/R/F1 per type (CoNLL exact spans) on ANERcorp test, by the tagger alone and
// through the whole annotation pipeline, with the tagging speed. `--split dev` scores the development part of
// train instead (with a model trained by `train:ner --dev --out FILE`, given as --model FILE).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { createPipelineContext } from '../pipeline.js';
import { repoRoot, sharedDataDir } from '../test-support/paths.js';
import { parseConll } from './conll.js';
import { scorePipeline, scoreTagger } from './evaluate.js';
import { formatScores } from './score.js';
import { loadTaggerFiles, MODEL_URLS } from './tagger.js';
import { DEV_FRACTION, splitTrain } from './split.js';
import { SENTENCES_PER_DOCUMENT } from './train.js';

const program = new Command()
  .option('--data <dir>', 'folder holding anercorp/', sharedDataDir() ?? resolve(repoRoot, '../shared/data'))
  .option('--split <name>', 'test (ANERcorp test) or dev (the held-out end of train)', 'test')
  .option('--model <prefix>', 'model to score, <prefix>-local.bin and <prefix>-document.bin (default: the shipped one)')
  .option('--articles <n>', 'sentences per article in the pipeline run', String(SENTENCES_PER_DOCUMENT))
  .option('--no-pipeline', 'score the tagger alone')
  .parse();
const options = program.opts<{ data: string; split: string; model?: string; articles: string; pipeline: boolean }>();

const file = resolve(options.data, options.split === 'dev' ? 'anercorp/train.txt' : 'anercorp/test.txt');
if (!existsSync(file)) {
  console.error(`eval:ner: ${file} not found (pass --data DIR holding anercorp/)`);
  process.exit(2);
}
const parsed = parseConll(readFileSync(file, 'utf8'));
const sentences = options.split === 'dev' ? splitTrain(parsed, DEV_FRACTION).dev : parsed;
const loadStarted = performance.now();
const tagger = options.model ? loadTaggerFiles(`${options.model}-local.bin`, `${options.model}-document.bin`) : loadTaggerFiles(MODEL_URLS.local, MODEL_URLS.document);
const loadSeconds = (performance.now() - loadStarted) / 1000;

scoreTagger(tagger, sentences.slice(0, 200)); // warm-up: the first calls run unoptimised code
const alone = scoreTagger(tagger, sentences);
console.log(formatScores(`ANERcorp ${options.split} (${sentences.length} sentences), tagger alone`, alone.scores));
console.log(`speed: ${Math.round(alone.tokens / alone.seconds).toLocaleString('en')} tokens/s on one thread (features + decoding), model and lexicon loaded in ${loadSeconds.toFixed(2)} s`);
if (options.pipeline) {
  const context = { ...createPipelineContext({ ner: false }), tagger };
  const whole = scorePipeline(context, sentences, Number(options.articles));
  console.log('\n' + formatScores(`ANERcorp ${options.split}, whole annotation pipeline (KB + rules + tagger), ANERcorp scheme`, whole.scores));
  console.log(`(${whole.outsideScheme} predicted mentions outside ANERcorp's scheme left out: role titles, descriptive institution names; see src/ner/data/anercorp-scheme.json)`);
  console.log('\n' + formatScores(`ANERcorp ${options.split}, whole annotation pipeline, every mention scored`, whole.raw));
  const kbOnly = scorePipeline(createPipelineContext({ ner: false }), sentences, Number(options.articles));
  console.log('\n' + formatScores(`ANERcorp ${options.split}, knowledge base and rules alone (issue 2), ANERcorp scheme`, kbOnly.scores));
  console.log(`pipeline speed: ${Math.round(whole.tokens / whole.seconds).toLocaleString('en')} tokens/s (all annotation stages)`);
}
