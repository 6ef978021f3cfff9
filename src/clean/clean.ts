// Cleans a raw page into article drafts: drops site furniture and teasers, splits pages holding several articles.
// Input: a RawPage from ingest. Output: ArticleDraft[] (text as published, one paragraph per line) and the dropped lines.
import type { ArticleDraft } from '../document.js';
import type { RawPage } from '../ingest/types.js';
import { matchKey } from './boilerplate.js';
import { classifyLines } from './lines.js';
import { segmentLines, type DroppedLine } from './segment.js';

export type { DroppedLine } from './segment.js';

export interface CleanedPage {
  articles: ArticleDraft[];
  dropped: DroppedLine[];
}

/**
 * The articles of a page. An article without a title line gets the title "" (the text is left whole rather
 * than a sentence copied into the title); the source's own title, when given, names the first article.
 */
export function cleanPage(page: RawPage): CleanedPage {
  const sourceTitle = page.title?.trim() || null;
  const lines = classifyLines(page.text);
  const { articles, dropped } = segmentLines(lines, sourceTitle, sourceTitle ? matchKey(sourceTitle) : '');
  return {
    articles: articles.map((article) => ({
      input: page.input,
      title: article.title,
      text: article.body.join('\n'),
      outlet: page.outlet,
      published: page.published,
      url: page.url,
    })),
    // Captions ingestion already lifted out of the text (HTML figures) are reported first.
    dropped: [...(page.captions ?? []).map((line) => ({ line, reason: 'caption' })), ...dropped],
  };
}
