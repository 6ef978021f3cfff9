// Trains the word clusters shipped in src/ner/data/clusters.tsv from the ANT news corpus.
// Usage: node dist/ner/clusters/train-clusters.js [--ant PATH] [--out PATH]
// Defaults: the corpus in ../shared/data/ant/ beside the repository, and src/ner/data/clusters.tsv in it.
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatClusters } from './clusters.js';
import { readAntCorpus } from './corpus.js';
import { defaultOptions, trainClusters } from './train.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const { values } = parseArgs({
  options: {
    ant: { type: 'string', default: resolve(root, '../shared/data/ant/ant_multisource_v2.1.jsonl.gz') },
    out: { type: 'string', default: resolve(root, 'src/ner/data/clusters.tsv') },
  },
});

const started = Date.now();
const log = (message: string) => console.error(message);
const stream = await readAntCorpus(values.ant!);
log(`read ${stream.documents} articles, ${stream.length} tokens, ${stream.types.length} types (${((Date.now() - started) / 1000).toFixed(1)} s)`);
const trained = trainClusters(stream, { ...defaultOptions, log });
const header = `stem<TAB>path: word clusters from the ANT corpus v2.1 (derived statistics, no text), ${trained.words.length} stems, levels ${trained.levels.join('/')}; built by src/ner/clusters/train-clusters.ts, see src/ner/data/README.md`;
writeFileSync(values.out!, formatClusters(trained.words, trained.paths, header));
log(`wrote ${values.out} in ${((Date.now() - started) / 1000).toFixed(1)} s, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
