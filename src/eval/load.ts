// Reads the gold set: every eval/gold/*.jsonl line parsed into its plain text and gold spans.
// Input: a folder of JSONL files; output: gold articles, with bad lines and bad markup reported as problems.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseGold, parseGoldLine, type ParsedGold } from './gold.js';

export interface GoldArticle {
  id: string;
  published: string;
  title: string;
  gold: ParsedGold;
}

export function loadGoldArticles(dir: string, problems: string[]): GoldArticle[] {
  const articles: GoldArticle[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.jsonl')).sort()) {
    const lines = readFileSync(join(dir, name), 'utf8').split('\n');
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      const record = parseGoldLine(line);
      if (typeof record === 'string') return void problems.push(`${name}:${index + 1}: ${record}`);
      const gold = parseGold(record.text);
      for (const problem of gold.problems) problems.push(`${record.id}: ${problem}`);
      articles.push({ id: record.id, published: record.published, title: record.title, gold });
    });
  }
  return articles;
}
