// Builds src/stories/data/term-df.json: document frequencies of story terms (light stems and entity ids, exactly as the
// story stage computes them) in the ANT news corpus: the prior that smooths IDF while a store holds few articles.
// Run: `node --import tsx scripts/build-story-df.mjs [ANT.jsonl.gz]` (about two minutes: every article goes through the pipeline).
import { createReadStream, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { annotateArticle, createPipelineContext } from '../src/pipeline.ts';
import { docFeatures } from '../src/stories/features.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = process.argv[2] ?? resolve(root, '../shared/data/ant/ant_multisource_v2.1.jsonl.gz');
const target = resolve(root, 'src/stories/data/term-df.json');
const KEEP = 20000;
// Terms in fewer documents carry no prior (treated as rare); keeps the table small.
const MIN_DF = 3;

const context = createPipelineContext();
const df = new Map();
let docs = 0;
const lines = createInterface({ input: createReadStream(source).pipe(createGunzip()), crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  const record = JSON.parse(line);
  const draft = { input: record.docno, title: record.title ?? '', text: record.text ?? '', outlet: record.src ?? null, published: null, url: null };
  const doc = annotateArticle(draft, context);
  const terms = docFeatures(doc).counts.keys();
  docs++;
  for (const term of terms) df.set(term, (df.get(term) ?? 0) + 1);
}
const terms = [...df].filter(([, n]) => n >= MIN_DF).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, KEEP);
const out = {
  $comment: 'Document frequencies of story terms (src/stories/terms.ts docFeatures: light stems without stop words, entity mentions as @entity ids) over the ANT corpus v2.1 multisource; built by scripts/build-story-df.mjs. See data/README.md.',
  docs,
  terms,
};
writeFileSync(target, JSON.stringify(out).replace(/\],\[/g, '],\n[') + '\n');
console.log(`${docs} documents, ${df.size} distinct terms, kept ${terms.length} (df ${terms.at(-1)?.[1]}..${terms[0]?.[1]}) → ${target}`);
