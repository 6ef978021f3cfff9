// Synthetic benchmark corpus: recombines the paragraphs of the project's own samples into
// many distinct articles (seeded, so every run sees the same corpus). Output: JSONL-shaped records.
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

export interface BenchRecord {
  id: string;
  title: string;
  text: string;
  outlet: string;
  published: string;
}

/** Mulberry32: a tiny seeded PRNG, enough for reproducible shuffles. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Paragraphs of every sample article (.txt pages and JSONL texts), long enough to be body text. */
export function loadSampleParagraphs(samplesDir: string): string[] {
  const paragraphs: string[] = [];
  const visit = (dir: string): void => {
    for (const name of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, name.name);
      if (name.isDirectory()) visit(path);
      else if (extname(name.name) === '.txt') paragraphs.push(...readFileSync(path, 'utf8').split('\n'));
      else if (extname(name.name) === '.jsonl') {
        for (const line of readFileSync(path, 'utf8').split('\n')) {
          try {
            const record = JSON.parse(line) as { text?: unknown };
            if (typeof record.text === 'string') paragraphs.push(...record.text.split('\n'));
          } catch { /* bad lines are part of the samples on purpose */ }
        }
      }
    }
  };
  visit(samplesDir);
  return paragraphs.map((p) => p.trim()).filter((p) => p.length >= 80);
}

const OUTLETS = ['outlet-a', 'outlet-b', 'outlet-c', 'outlet-d', 'outlet-e', 'outlet-f'];

/** `count` articles of 4–9 paragraphs each, drawn from the sample paragraphs, dated over 60 days. */
export function* generateCorpus(paragraphs: string[], count: number, seed = 20260119): Generator<BenchRecord> {
  if (paragraphs.length === 0) throw new Error('no sample paragraphs to build a corpus from');
  const random = seededRandom(seed);
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < count; i++) {
    const size = 4 + Math.floor(random() * 6);
    const body: string[] = [];
    for (let k = 0; k < size; k++) body.push(paragraphs[Math.floor(random() * paragraphs.length)]);
    const title = body[0].split(/[،.]/)[0].slice(0, 90);
    const published = new Date(start + Math.floor(random() * 60) * 86_400_000).toISOString().slice(0, 10);
    yield { id: `bench-${i}`, title, text: body.join('\n'), outlet: OUTLETS[i % OUTLETS.length], published };
  }
}
