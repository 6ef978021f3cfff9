// End to end: the web app in a real browser (Chromium through playwright-core) against `marsad serve` over a store
// analysed from samples/. Walks the story list, the Shaddadi story (timeline, contradiction), search with a spelling
// variant, the English toggle and the map, and checks that an article carrying HTML and script text is shown as text.
// Screenshots of each step go to test-artifacts/e2e/. Skips when Chromium, the CLI or the built web app is missing.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { cliMissing, runCli } from '../test-support/analyze-run.js';
import { repoRoot } from '../test-support/paths.js';
import type { PostArticlesResult, StoryList } from './api-types.js';
import { startServer, type RunningServer } from './server.js';
import { testDbLocation } from '../test-support/test-store.js';

const chromiumPath = process.env.MARSAD_CHROMIUM ?? '/usr/bin/chromium';
const webIndex = join(repoRoot, 'dist', 'web', 'index.html');
const artifacts = join(repoRoot, 'test-artifacts', 'e2e');
const TOKEN = 'e2e-token';

function skipReason(): string | false {
  if (!existsSync(chromiumPath)) return `no Chromium at ${chromiumPath} (install it, or set MARSAD_CHROMIUM)`;
  const cli = cliMissing();
  if (cli) return cli;
  if (!existsSync(webIndex)) return `${webIndex} is not built: run npm run build:web`;
  return false;
}
const skip = skipReason();

/** An article whose title, text and URL carry markup and script: all of it must stay text. */
const HOSTILE = {
  id: 'e2e-hostile',
  outlet: 'موقع الاختبار',
  published: '2026-01-24',
  url: 'javascript:window.__xss=3',
  title: 'عنوان <script>window.__xss=1</script> تجريبي <img src=x onerror="window.__xss=2">',
  text: [
    'قال مسؤول في مدينة الرقة اليوم إن <script>window.__xss=1;alert(1)</script> الوضع هادئ بعد اشتباكات محدودة.',
    'وأضاف أن <img src=x onerror="window.__xss=2;alert(2)"> الطرق مفتوحة و<a href="javascript:alert(3)">رابط</a> لا يعمل.',
  ].join('\n'),
};

let dir = '';
let server: RunningServer | null = null;
let browser: Browser | null = null;
let page: Page | null = null;
let base = '';
let hostileId = '';
const dialogs: string[] = [];
const pageErrors: string[] = [];

async function shot(name: string): Promise<string> {
  const path = join(artifacts, `${name}.png`);
  await page!.screenshot({ path });
  return path;
}

async function api<T>(path: string): Promise<T> {
  const response = await fetch(base + path);
  assert.equal(response.status, 200, `${path} answered ${response.status}`);
  return (await response.json()) as T;
}

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'marsad-e2e-'));
  mkdirSync(artifacts, { recursive: true });
  const db = testDbLocation(dir, 'store.db');
  const run = runCli(['analyze', '--db', db, join(repoRoot, 'samples')]);
  assert.equal(run.code, 0, run.stderr.slice(0, 2000));
  server = await startServer({ dbPath: db, port: 0, host: '127.0.0.1', token: TOKEN, workers: 0 });
  base = server.url.replace(/\/$/, '');

  const posted = await fetch(`${base}/api/articles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(HOSTILE),
  });
  assert.equal(posted.status, 201);
  const result = (await posted.json()) as PostArticlesResult;
  assert.equal(result.errors.length, 0, JSON.stringify(result.errors));
  hostileId = result.articles[0].id;

  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ar' });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('story list: newest first, cards with title, counts and sparkline', { skip }, async () => {
  await page!.goto(`${base}/#/`);
  await page!.getByTestId('story-card').first().waitFor();
  assert.equal(await page!.locator('html').getAttribute('dir'), 'rtl');
  assert.equal(await page!.locator('html').getAttribute('lang'), 'ar');
  const cards = await page!.getByTestId('story-card').count();
  assert.ok(cards >= 5, `only ${cards} story cards`);
  assert.ok((await page!.locator('[data-testid=story-card] svg.sparkline').count()) >= 1, 'no sparkline');
  assert.ok(existsSync(await shot('01-story-list')));
});

test('the Shaddadi story: timeline and contradiction side by side', { skip }, async () => {
  const list = await api<StoryList>('/api/stories?q=' + encodeURIComponent('الشدادي') + '&limit=50');
  const story = list.stories.find((s) => s.title.includes('الشدادي') && s.contradictionCount > 0) ?? list.stories.find((s) => s.title.includes('الشدادي'));
  assert.ok(story, `no story titled with الشدادي among ${list.stories.map((s) => s.title).join(' | ')}`);
  assert.ok(story.contradictionCount > 0, `the Shaddadi story «${story.title}» has no contradiction`);

  // Through the list's text filter, as a reader would.
  await page!.goto(`${base}/#/`);
  await page!.getByTestId('filter-text').fill('الشدادي');
  await page!.getByTestId('filter-apply').click();
  const card = page!.locator(`[data-testid=story-card][data-story-id="${story.id}"]`);
  await card.waitFor();
  await card.getByTestId('story-title').click();

  await page!.getByTestId('timeline').waitFor();
  assert.equal((await page!.getByTestId('story-title').textContent())?.trim(), story.title);
  const events = await page!.getByTestId('timeline-event').count();
  assert.ok(events >= 3, `${events} timeline events`);
  assert.ok((await page!.getByTestId('speaker-claims').count()) >= 1, 'no statements by speaker');
  await page!.locator('[data-testid=event-map] path.country').first().waitFor();
  assert.ok((await page!.getByTestId('map-point').count()) >= 1, 'the story map shows no event');
  assert.ok(existsSync(await shot('02-story')));

  const contradiction = page!.getByTestId('contradiction').first();
  await contradiction.scrollIntoViewIfNeeded();
  assert.ok((await contradiction.locator('.side').count()) >= 2, 'a contradiction shows fewer than two sides');
  const path = join(artifacts, '03-contradiction.png');
  await contradiction.screenshot({ path });
  assert.ok(existsSync(path));
});

test('search finds spelling variants and marks them', { skip }, async () => {
  await page!.goto(`${base}/#/search`);
  await page!.getByTestId('search-input').fill('ترامب');
  await page!.getByTestId('search-input').press('Enter');
  await page!.getByTestId('search-hit').first().waitFor();
  const hits = (await page!.getByTestId('search-hit').allTextContents()).join('\n');
  assert.match(hits, /ترمب/, 'searching «ترامب» does not find the articles spelled «ترمب»');
  assert.ok((await page!.locator('[data-testid=search-hit] mark').count()) >= 1, 'no highlighted match');
  assert.ok(existsSync(await shot('04-search-trump')));

  // A word the samples only print with a proclitic: «البكارة» finds and marks «والبكارة».
  await page!.getByTestId('search-input').fill('البكارة');
  await page!.getByTestId('search-input').press('Enter');
  await page!.waitForFunction(`location.hash.includes(${JSON.stringify(encodeURIComponent('البكارة'))})`);
  await page!.locator('[data-testid=search-hit] mark').first().waitFor();
  const marks = await page!.locator('[data-testid=search-hit] mark').allTextContents();
  assert.ok(marks.includes('والبكارة'), `«والبكارة» not marked for «البكارة»: ${marks.join(', ')}`);
  assert.ok(existsSync(await shot('04b-search-clitic')));
});

test('English: interface and entity names switch, the choice persists', { skip }, async () => {
  await page!.goto(`${base}/#/entity/${encodeURIComponent('org:sdf')}`);
  await page!.getByTestId('entity-name').waitFor();
  const arabic = (await page!.getByTestId('entity-name').textContent())?.trim();
  await page!.getByTestId('lang-toggle').click();
  assert.equal(await page!.locator('html').getAttribute('dir'), 'ltr');
  assert.equal(await page!.locator('html').getAttribute('lang'), 'en');
  const english = (await page!.getByTestId('entity-name').textContent())?.trim();
  assert.notEqual(english, arabic);
  assert.match(english ?? '', /^[\x20-\x7e]+$/, `entity name «${english}» is not in English`);

  await page!.goto(`${base}/#/`);
  await page!.reload();
  await page!.getByTestId('story-card').first().waitFor();
  assert.equal(await page!.locator('html').getAttribute('lang'), 'en', 'the language choice did not survive a reload');
  assert.equal((await page!.getByTestId('lang-toggle').textContent())?.trim(), 'العربية');
  // Entity chips on the cards are English now; titles stay as published.
  const chips = await page!.locator('[data-testid=story-card] .chips a').allTextContents();
  assert.ok(chips.length > 0, 'no entity chips on the cards');
  assert.deepEqual(chips.filter((c) => /[\u0600-\u06ff]/.test(c)), [], 'entity names still in Arabic');
  assert.ok(existsSync(await shot('05-english-list')));
});

test('map: located events as points', { skip }, async () => {
  const collection = await api<{ features: unknown[] }>('/api/events?format=geojson&limit=5000');
  assert.ok(collection.features.length > 0, 'no located events in the samples store');
  await page!.goto(`${base}/#/map`);
  await page!.getByTestId('event-map').waitFor();
  await page!.locator('svg[data-testid=event-map] path.country').first().waitFor();
  // Events far from the rest (a visit to Washington) lie outside the fitted view and are not drawn until zoomed out.
  const points = await page!.getByTestId('map-point').count();
  assert.ok(points > collection.features.length / 2 && points <= collection.features.length, `${points} points for ${collection.features.length} located events`);
  await page!.getByTestId('map-point').last().hover();
  await page!.locator('.map-tooltip').waitFor();
  assert.ok(existsSync(await shot('06-map')));
  await page!.getByTestId('lang-toggle').click();
  assert.equal(await page!.locator('html').getAttribute('dir'), 'rtl');
  assert.ok(existsSync(await shot('07-map-arabic')));
});

test('an article carrying markup and script is shown as text; nothing runs', { skip }, async () => {
  await page!.goto(`${base}/#/article/${encodeURIComponent(hostileId)}`);
  await page!.getByTestId('article-text').waitFor();
  const title = (await page!.getByTestId('article-title').textContent()) ?? '';
  const text = (await page!.getByTestId('article-text').textContent()) ?? '';
  assert.match(title + text, /<script>window\.__xss=1/, 'the script text is not shown literally');
  assert.match(text, /<img src=x onerror=/, 'the img text is not shown literally');
  assert.equal(await page!.locator('main script, main img, main iframe').count(), 0, 'markup from the article became elements');
  assert.equal(await page!.locator('a[href^="javascript:" i]').count(), 0, 'a javascript: URL became a link');
  assert.ok(existsSync(await shot('08-hostile-article')));

  // The same title in the story list, as a card.
  await page!.goto(`${base}/#/`);
  await page!.getByTestId('story-card').first().waitFor();
  const titles = await page!.getByTestId('story-title').allTextContents();
  assert.ok(titles.some((t) => t.includes('<script>window.__xss=1</script>')), 'the hostile title is not shown literally in the list');

  // The same text through search results and story pages.
  await page!.goto(`${base}/#/search?q=${encodeURIComponent('الطرق مفتوحة')}`);
  await page!.getByTestId('search-hit').first().waitFor();
  const storyLink = page!.locator('[data-testid=search-hit][data-kind=article] a[href^="#/story/"]').first();
  if ((await storyLink.count()) > 0) {
    await storyLink.click();
    await page!.getByTestId('story-title').waitFor();
  }
  assert.equal(await page!.evaluate('typeof window.__xss'), 'undefined', 'a script from the article ran');
  assert.deepEqual(dialogs, [], 'a dialog opened');
  assert.equal(await page!.locator('main script, main img').count(), 0);
});

test('no uncaught errors in the page; every screenshot was written', { skip }, () => {
  assert.deepEqual(pageErrors, []);
  for (const name of ['01-story-list', '02-story', '03-contradiction', '04-search-trump', '04b-search-clitic', '05-english-list', '06-map', '07-map-arabic', '08-hostile-article']) {
    const path = join(artifacts, `${name}.png`);
    assert.ok(existsSync(path) && statSync(path).size > 5000, `${path} missing or empty`);
  }
});
