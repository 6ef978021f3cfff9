// Test support: builds annotated Documents from test/fixtures/stories/*.json (hand-written entity surfaces).
// Input: fixture articles. Output: Documents with tokens, sentences and entity mentions, keyed by fixture key.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { newDocument, type Document, type EntityMention, type EntityType } from '../document.js';
import { splitSentences, tokenize } from '../arabic/tokenize.js';
import { repoRoot } from '../test-support/paths.js';
import { articleId } from './ids.js';

export interface FixtureArticle {
  key: string;
  outlet: string;
  published: string;
  title: string;
  text: string;
  language?: string;
  entities: [string, string, EntityType][];
}

export function loadFixtureArticles(file = 'articles.json'): FixtureArticle[] {
  const path = resolve(repoRoot, 'test/fixtures/stories', file);
  return (JSON.parse(readFileSync(path, 'utf8')) as { articles: FixtureArticle[] }).articles;
}

export function fixtureDocument(a: FixtureArticle): Document {
  const draft = { input: 'fixture:' + a.key, title: a.title, text: a.text, outlet: a.outlet, published: a.published, url: null };
  const doc = newDocument(articleId(draft), draft);
  doc.language = a.language ?? 'arb';
  doc.sentences = splitSentences(a.text);
  if (doc.language === 'arb') {
    doc.tokens = tokenize(a.text);
    doc.entities = findMentions(a.text, a.entities);
  }
  return doc;
}

/** Every occurrence of each surface, longest surfaces first, never overlapping an earlier mention. */
function findMentions(text: string, surfaces: FixtureArticle['entities']): EntityMention[] {
  const mentions: EntityMention[] = [];
  const bySize = [...surfaces].sort((a, b) => b[0].length - a[0].length);
  for (const [surface, entityId, type] of bySize) {
    for (let at = text.indexOf(surface); at >= 0; at = text.indexOf(surface, at + surface.length)) {
      const span = { start: at, end: at + surface.length };
      if (mentions.some((m) => m.start < span.end && span.start < m.end)) continue;
      mentions.push({ ...span, text: surface, type, entityId, source: 'kb' });
    }
  }
  return mentions.sort((a, b) => a.start - b.start);
}

/** All fixture documents by key, in file order. */
export function fixtureDocuments(file?: string): Map<string, Document> {
  return new Map(loadFixtureArticles(file).map((a) => [a.key, fixtureDocument(a)]));
}
