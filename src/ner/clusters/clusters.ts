// Word clusters as features for the NER tagger. Each Arabic stem (`Token.stem` of a 'word' token) maps to a
// dotted path "a.b.c.d" through four nested levels of distributional classes trained on news text
// (16, 64, 256 and 1,024 classes; see ../data/README.md); a prefix of k parts names the class at level k.
import { readFileSync } from 'node:fs';

let cached: Map<string, string> | undefined;

/** stem → dotted path, read once from data/clusters.tsv. */
export function loadClusters(): Map<string, string> {
  cached ??= parseClusters(readFileSync(new URL('../data/clusters.tsv', import.meta.url), 'utf8'));
  return cached;
}

/** Parses `stem<TAB>path` lines; lines starting with `#` and blank lines are skipped. */
export function parseClusters(text: string): Map<string, string> {
  const clusters = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const tab = line.indexOf('\t');
    if (tab <= 0) throw new Error(`malformed cluster line: ${JSON.stringify(line)}`);
    clusters.set(line.slice(0, tab), line.slice(tab + 1).trim());
  }
  return clusters;
}

/** The path's prefixes at the given levels (number of parts), coarse first: "10.2.0.3" → ["10", "10.2", …]. */
export function clusterFeatures(path: string, levels: readonly number[] = [1, 2, 3, 4]): string[] {
  const parts = path.split('.');
  const features: string[] = [];
  for (const level of levels) {
    const prefix = parts.slice(0, level).join('.');
    if (prefix !== '' && features[features.length - 1] !== prefix) features.push(prefix);
  }
  return features;
}

/** Orders dotted paths part by part, numerically ("2.1" before "10.0"). */
export function comparePaths(a: string, b: string): number {
  const x = a.split('.');
  const y = b.split('.');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const difference = Number(x[i]) - Number(y[i]);
    if (difference !== 0) return difference;
  }
  return x.length - y.length;
}

/** The file read by `parseClusters`: a `#` comment line, then one `stem<TAB>path` line per word, grouped by path. */
export function formatClusters(words: string[], paths: string[], comment: string): string {
  const order = words.map((_, i) => i).sort((a, b) => comparePaths(paths[a], paths[b]) || a - b);
  return `# ${comment}\n` + order.map((i) => `${words[i]}\t${paths[i]}\n`).join('');
}
