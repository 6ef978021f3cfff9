// Builds src/arabic/data/whole-words.txt: frequent words whose first letter looks like a proclitic but is part of the
// word (وزير، بيان، فرنسا، كانت), which the tokeniser must not peel. Derived from word frequencies in the ANT news
// corpus (../shared/data/ant, or MARSAD_SHARED_DATA): a word is kept whole when, without its first letter, what remains
// is rare as a word of its own. Usage: node scripts/build-whole-words.mjs [--data DIR]
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataArg = process.argv.indexOf('--data');
const dataDir = dataArg > 0 ? process.argv[dataArg + 1] : process.env.MARSAD_SHARED_DATA ?? resolve(root, '../shared/data');
const source = resolve(dataDir, 'ant/ant_multisource_v2.1.jsonl.gz');
const target = resolve(root, 'src/arabic/data/whole-words.txt');
const { normalizeForMatch } = await import(resolve(root, 'dist/arabic/normalize.js'));
const clitics = JSON.parse(readFileSync(resolve(root, 'src/arabic/data/clitics.json'), 'utf8'));

/** A word is listed only when seen this often: rarer words keep the default (peel). */
const MIN_COUNT = 5;
/** Kept whole when the remainder is seen as a word of its own less often than this share of the word's count, */
const MAX_REMAINDER_SHARE = 0.03;
/** or when the word itself takes clitics or the article at least this share of its count, and more often than the
 * remainder stands alone: «الفساد», «لفساد» say فساد is a word, while «البشكل» is never seen. */
const MIN_ATTACHED_SHARE = 0.15;
const ARABIC_WORD = /[\u0621-\u064A\u0640\u064B-\u0652\u0670]+/g;

const counts = new Map();
const lines = createInterface({ input: createReadStream(source).pipe(createGunzip()), crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  const article = JSON.parse(line);
  for (const raw of `${article.title ?? ''} ${article.text ?? ''}`.match(ARABIC_WORD) ?? []) {
    const word = normalizeForMatch(raw);
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
}

const peelable = new Set([...clitics.conjunctions, ...clitics.prepositions].filter((l) => l.length === 1));
const kept = [];
for (const [word, count] of counts) {
  if (count < MIN_COUNT || !peelable.has(word[0]) || word.length - 1 < clitics.minStemLength + 1) continue;
  const rest = word.slice(1);
  // ل before the article is ل + ال (للرئيس): always a clitic; so is any letter before the article.
  if (rest.startsWith(clitics.article) || (word[0] === 'ل' && rest[0] === 'ل')) continue;
  const restCount = counts.get(rest) ?? 0;
  const attached = attachedCount(word);
  if (restCount < MAX_REMAINDER_SHARE * count || (attached >= MIN_ATTACHED_SHARE * count && attached >= restCount)) kept.push(word);
}

/** How often the word is seen with the article or a clitic of its own (a conjunction only counts before a word that
 * starts with one: «وبسبب» is و + بسبب whether or not ب is a clitic, but «وواضاف» is never seen). */
function attachedCount(word) {
  const count = (w) => counts.get(w) ?? 0;
  const article = clitics.article;
  let total = count(article + word) + count('و' + article + word) + count('ب' + article + word) + count('لل' + word);
  // ل before a word that starts with ل reads as ل + the article (للصحفيين): not the word with a clitic.
  for (const p of clitics.prepositions) if (!(p === 'ل' && word[0] === 'ل')) total += count(p + word);
  if (clitics.conjunctions.includes(word[0])) for (const c of clitics.conjunctions) total += count(c + word);
  return total;
}
kept.sort();
const header = [
  '# Words the tokeniser keeps whole although their first letter looks like a proclitic (و ف ب ل ك).',
  `# Built by scripts/build-whole-words.mjs from word counts in the ANT corpus v2.1 (Chouigui et al. 2017; cited in`,
  `# src/arabic/data/README.md): seen at least ${MIN_COUNT} times, and either the word without its first letter is seen`,
  `# less than ${MAX_REMAINDER_SHARE * 100} % as often, or the word takes the article or a clitic itself in at least ${MIN_ATTACHED_SHARE * 100} % of its uses and`,
  `# more often than the remainder stands alone. Matching form (src/arabic/normalize.ts), one word a line.`,
];
writeFileSync(target, `${header.join('\n')}\n${kept.join('\n')}\n`);
console.log(`build-whole-words: ${kept.length} words from ${counts.size} word types → ${target}`);
