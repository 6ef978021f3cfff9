// Entity error listing for tuning (`npm run eval -- --errors`): false positives and false negatives with context.
// Input: gold articles and the documents the pipeline made of them; output: text lines, one per error.
import type { Document } from '../document.js';
import type { GoldArticle } from './load.js';
import { goldTypeOf } from './score.js';

const CONTEXT_CHARS = 30;

interface Span {
  start: number;
  end: number;
  type: string;
  key: string;
}

function spanKey(s: Span): string {
  return `${s.start}:${s.end}:${s.type}`;
}

function inContext(text: string, s: Span): string {
  const before = text.slice(Math.max(0, s.start - CONTEXT_CHARS), s.start);
  const after = text.slice(s.end, s.end + CONTEXT_CHARS);
  return `${before}⟦${text.slice(s.start, s.end)}⟧${after}`.replace(/\s+/g, ' ');
}

/** "FN" lines for gold mentions not predicted exactly, "FP" lines for predictions not in the gold. */
export function entityErrorLines(article: GoldArticle, doc: Document): string[] {
  const gold: Span[] = article.gold.entities.map((m) => ({ start: m.start, end: m.end, type: m.type, key: m.key }));
  const predicted: Span[] = [];
  for (const m of doc.entities) {
    const type = goldTypeOf(m.type);
    if (type) predicted.push({ start: m.start, end: m.end, type, key: m.entityId });
  }
  const goldKeys = new Set(gold.map(spanKey));
  const predictedKeys = new Set(predicted.map(spanKey));
  const lines: string[] = [];
  for (const s of gold) if (!predictedKeys.has(spanKey(s))) lines.push(`FN ${article.id} ${s.type} ${s.key} | ${inContext(article.gold.text, s)}`);
  for (const s of predicted) if (!goldKeys.has(spanKey(s))) lines.push(`FP ${article.id} ${s.type} ${s.key} | ${inContext(article.gold.text, s)}`);
  return lines;
}
