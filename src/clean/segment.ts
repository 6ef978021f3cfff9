// Cuts a classified page into articles: finds titles, drops furniture, repeated titles and related-article teasers.
// Input: PageLine[] and an optional title known from the source. Output: articles (title + body lines) and dropped lines.
import type { PageLine } from './lines.js';

export interface SegmentedArticle {
  title: string;
  body: string[];
}

export interface DroppedLine {
  line: string;
  reason: string;
}

export interface Segmentation {
  articles: SegmentedArticle[];
  dropped: DroppedLine[];
}

interface ArticleInProgress extends SegmentedArticle {
  titleKey: string;
  hasParagraph: boolean;
}

/** What follows a heading before the body starts: photos, markers, the title again, or body paragraphs. */
interface HeaderZone {
  captions: number;
  doubledCaption: boolean;
  marker: boolean;
  titleRepeated: boolean;
  paragraphsAfter: number;
}

/** How many extra headings (a sub-title) may sit between a title and its photo. */
const SUBTITLES_ALLOWED = 1;

function readHeaderZone(lines: PageLine[], at: number): HeaderZone {
  const zone: HeaderZone = { captions: 0, doubledCaption: false, marker: false, titleRepeated: false, paragraphsAfter: 0 };
  let subtitles = SUBTITLES_ALLOWED;
  let j = at + 1;
  for (; j < lines.length; j++) {
    const line = lines[j];
    if (line.kind === 'furniture') {
      if (line.reason === 'marker') zone.marker = true;
      continue;
    }
    if (line.kind === 'caption') {
      zone.captions++;
      if (lines[j - 1].key === line.key) zone.doubledCaption = true;
      continue;
    }
    if (line.kind === 'heading' && line.key === lines[at].key) {
      zone.titleRepeated = true;
      continue;
    }
    if (line.kind === 'heading' && subtitles-- > 0) continue;
    break;
  }
  for (; j < lines.length && lines[j].kind === 'paragraph'; j++) zone.paragraphsAfter++;
  return zone;
}

const isDroppedKind = (line: PageLine): boolean => line.kind === 'furniture' || line.kind === 'caption';

/**
 * Before the first article, a heading that is followed by another heading and printed again further down, after
 * body text, is a link to that later article on the same page (a "latest news" rail), not this article's title.
 */
function teasesLaterArticle(lines: PageLine[], at: number): boolean {
  const next = lines.slice(at + 1).find((line) => !isDroppedKind(line));
  if (next?.kind !== 'heading') return false;
  let afterBody = false;
  for (let j = at + 1; j < lines.length; j++) {
    if (lines[j].kind === 'paragraph') afterBody = true;
    else if (afterBody && lines[j].kind === 'heading' && lines[j].key === lines[at].key) return true;
  }
  return false;
}

/** Inside an article, a heading starts a new one when a photo, a marker or its own repeat follows it. */
function startsArticle(zone: HeaderZone): boolean {
  return zone.captions > 0 || zone.marker || zone.titleRepeated;
}

/**
 * After a related-articles header, teasers look like articles too: only a full article's furniture, or a body of
 * several paragraphs, ends them. The last title of a list of links is followed by the body it interrupted, not its own.
 */
function endsTeasers(zone: HeaderZone, inListOfLinks: boolean): boolean {
  return zone.marker || zone.doubledCaption || (!inListOfLinks && zone.paragraphsAfter >= 2);
}

/** A line repeating the title: the same words, or (for a title given by the source) one containing the other. */
function repeatsTitle(line: PageLine, article: ArticleInProgress | null, looseTitle: boolean): boolean {
  if (!article || !article.titleKey) return false;
  if (line.key === article.titleKey) return true;
  return looseTitle && !article.hasParagraph && line.kind === 'heading' && line.key.length > 0 &&
    (line.key.includes(article.titleKey) || article.titleKey.includes(line.key));
}

export function segmentLines(lines: PageLine[], sourceTitle: string | null, sourceTitleKey: string): Segmentation {
  const articles: ArticleInProgress[] = [];
  const dropped: DroppedLine[] = [];
  let current: ArticleInProgress | null = null;
  let mode: 'preamble' | 'article' | 'teasers' = 'preamble';
  let expectLede = false;
  /** Teaser titles seen in a row (a list of links has no ledes between its titles). */
  let teaserTitles = 0;

  const drop = (line: PageLine, reason: string): void => {
    dropped.push({ line: line.text, reason });
  };
  const start = (title: string, titleKey: string): ArticleInProgress => {
    const article: ArticleInProgress = { title, titleKey, body: [], hasParagraph: false };
    articles.push(article);
    mode = 'article';
    return article;
  };
  const append = (line: PageLine): void => {
    current ??= start('', '');
    current.body.push(line.text);
    if (line.kind === 'paragraph') current.hasParagraph = true;
  };

  if (sourceTitle) current = start(sourceTitle, sourceTitleKey);

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.kind === 'furniture' || line.kind === 'caption') {
      drop(line, line.reason ?? line.kind);
      continue;
    }
    if (line.kind === 'related-header') {
      drop(line, 'related-header');
      mode = 'teasers';
      expectLede = false;
      teaserTitles = 0;
      continue;
    }
    if (repeatsTitle(line, current, !!sourceTitle && current === articles[0])) {
      drop(line, 'repeated-title');
      continue;
    }
    if (i > 0 && lines[i - 1].key === line.key) {
      drop(line, 'duplicate-line');
      continue;
    }
    if (mode === 'teasers') {
      const afterTeaserTitle = teaserTitles > 0 && lines[i - 1].kind === 'heading';
      const next = lines[i + 1];
      const inListOfLinks = afterTeaserTitle || (next?.kind === 'heading' && next.key !== line.key);
      if (line.kind === 'heading' && endsTeasers(readHeaderZone(lines, i), inListOfLinks)) {
        current = start(line.text, line.key);
      } else if (line.kind === 'paragraph' && (!expectLede || (teaserTitles >= 2 && lines[i + 1]?.kind === 'paragraph'))) {
        // Body text after the teasers: a paragraph that is no lede, or a run of paragraphs after a list of links
        // (a lede is one paragraph, then a byline or the next teaser). The interrupted article goes on.
        mode = 'article';
        append(line);
      } else {
        drop(line, 'related-teaser');
        // A teaser is a title, at most one lede paragraph, then a byline; titles in a row are a list of links.
        if (line.kind === 'heading') teaserTitles = afterTeaserTitle && lines[i - 1].key !== line.key ? teaserTitles + 1 : 1;
        expectLede = line.kind === 'heading';
      }
      continue;
    }
    // A byline ("الشيخ محمد (نواكشوط)") under a title or before any is who filed the story, not its text.
    if (line.kind === 'byline' && (mode === 'preamble' || !current?.hasParagraph)) {
      drop(line, 'byline');
      continue;
    }
    if (mode === 'preamble') {
      if (line.kind === 'heading' && teasesLaterArticle(lines, i)) drop(line, 'teaser');
      else if (line.kind === 'heading') current = start(line.text, line.key);
      else append(line);
      continue;
    }
    if (line.kind === 'heading' && current?.hasParagraph && startsArticle(readHeaderZone(lines, i))) {
      current = start(line.text, line.key);
      continue;
    }
    append(line);
  }

  const kept: SegmentedArticle[] = [];
  for (const article of articles) {
    if (article.body.length > 0) kept.push({ title: article.title, body: article.body });
    else if (article.title && article.title !== sourceTitle) dropped.push({ line: article.title, reason: 'title-without-body' });
  }
  return { articles: kept, dropped };
}
