// Synthetic benchmark corpus: recombines the paragraphs of the project's own samples into many distinct
// articles grouped in synthetic stories (seeded, so every run sees the same corpus). Output: JSONL-shaped records.
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { createRng } from '../random.js';

export interface BenchRecord {
  id: string;
  title: string;
  text: string;
  outlet: string;
  published: string;
}

/** Each sample article as its list of body paragraphs (articles with fewer than two are left out). */
export function loadSampleArticles(samplesDir: string): string[][] {
  const articles: string[][] = [];
  const add = (text: string): void => {
    const paragraphs = text.split('\n').map((p) => p.trim()).filter((p) => p.length >= 80);
    if (paragraphs.length >= 2) articles.push(paragraphs);
  };
  const visit = (dir: string): void => {
    for (const name of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, name.name);
      if (name.isDirectory()) visit(path);
      else if (extname(name.name) === '.txt') add(readFileSync(path, 'utf8'));
      else if (extname(name.name) === '.jsonl') {
        for (const line of readFileSync(path, 'utf8').split('\n')) {
          try {
            const record = JSON.parse(line) as { text?: unknown };
            if (typeof record.text === 'string') add(record.text);
          } catch { /* bad lines are part of the samples on purpose */ }
        }
      }
    }
  };
  visit(samplesDir);
  return articles;
}

const OUTLETS = ['outlet-a', 'outlet-b', 'outlet-c', 'outlet-d', 'outlet-e', 'outlet-f'];
const DAY_MS = 86_400_000;

/**
 * `count` articles as a news stream: synthetic stories of 1–8 articles published within 3 days of the story's start
 * (stories start in date order over 60 days, several run at once). A story draws on one sample article and a second
 * one; each of its articles takes about half the first one's paragraphs (reordered), one or two of the second's and
 * now and then one from anywhere, each paragraph keeping its first sentence and some of the others, so articles of a story share most of their vocabulary without being copies.
 * Drawing every article's paragraphs from all samples (the first version) made each article resemble many stories
 * at once, which no news stream does.
 */
export function* generateCorpus(articles: string[][], count: number, seed = 20260119): Generator<BenchRecord> {
  if (articles.length === 0) throw new Error('no sample articles to build a corpus from');
  const random = createRng(seed);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
  const start = Date.UTC(2026, 0, 1);
  const stories = Math.max(1, Math.round(count / 4.5));
  let i = 0;
  for (let s = 0; i < count; s++) {
    const [main, second] = [pick(articles), pick(articles)];
    const storyDay = Math.floor((Math.min(s, stories - 1) / stories) * 60);
    const size = 1 + Math.floor(random() * 8);
    for (let k = 0; k < size && i < count; k++, i++) {
      const body = main.filter(() => random() < 0.5);
      if (body.length === 0) body.push(pick(main));
      for (let n = 1 + Math.floor(random() * 2); n > 0; n--) body.splice(Math.floor(random() * (body.length + 1)), 0, pick(second));
      if (random() < 0.3) body.push(pick(pick(articles)));
      if (random() < 0.5) body.reverse();
      const title = (random() < 0.7 ? main[0] : body[0]).split(/[،.]/)[0].slice(0, 90);
      const published = new Date(start + (storyDay + Math.floor(random() * 3)) * DAY_MS).toISOString().slice(0, 10);
      // Each outlet keeps a different part of a paragraph's sentences, as rewrites of one wire story do.
      const text = body.map((p) => p.split(/(?<=[.!؟])\s+/).filter((_, n) => n === 0 || random() < 0.6).join(' ')).join('\n');
      yield { id: `bench-${i}`, title, text, outlet: OUTLETS[i % OUTLETS.length], published };
    }
  }
}
