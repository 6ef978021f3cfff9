// The real seed pages (not in the repo): segmentation, no furniture left, no body paragraph lost.
// Skipped when the shared seeds folder is absent.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { seedsDir } from '../test-support/paths.js';
import { closingParenthetical, furnitureReason } from './boilerplate.js';
import { cleanPage, type CleanedPage } from './clean.js';

const dir = seedsDir();
const skip = dir === null ? 'no shared seeds folder' : false;

function cleanSeed(prefix: string): { raw: string; out: CleanedPage } {
  const name = readdirSync(dir!).find((f) => f.startsWith(prefix));
  assert.ok(name, `seed ${prefix} not found`);
  const raw = readFileSync(join(dir!, name), 'utf8');
  return { raw, out: cleanPage({ input: name, text: raw, title: null, url: null, outlet: null, published: null }) };
}

const articleLines = (out: CleanedPage): string[] => out.articles.flatMap((a) => a.text.split('\n'));

/** Per seed: lines kept in each article (the counts were checked by eye against the pages), and short probes from the body. */
const expectations: { seed: string; linesPerArticle: number[]; probes: string[] }[] = [
  { seed: '000', linesPerArticle: [18], probes: ['تصاعد التوتر بين الحكومة وقسد', 'سجن “الأقطان” بالرقة', 'ذات الأغلبية الكردية'] },
  { seed: '001', linesPerArticle: [17], probes: ['التطورات الميدانية في شمال شرق سوريا', 'مجمع الثورة النفطي', 'حقل كونكو للغاز'] },
  { seed: '002', linesPerArticle: [17], probes: ['لغة الحوار', 'لقاء مرتقب بين الشرع وبوتين في موسكو', 'لمدة 15 يوماً'] },
  { seed: '003', linesPerArticle: [10], probes: ['سبعة آلاف معتقل', 'ومعبر اليعربية', 'في الحسكة ومحيطها'] },
  { seed: '004', linesPerArticle: [20, 4, 3, 2], probes: ['مطالب أميركية', 'برنامج الزيارة', 'اعمل بجد والعب بجد أكبر', 'دبابة (ميركافا)'] },
];

for (const { seed, linesPerArticle, probes } of expectations) {
  test(`seed ${seed}: every body line kept, probes present`, { skip }, () => {
    const { raw, out } = cleanSeed(seed);
    assert.deepEqual(out.articles.map((a) => a.text.split('\n').length), linesPerArticle);
    const text = out.articles.map((a) => a.text).join('\n');
    for (const probe of probes) assert.ok(text.includes(probe), probe);
    // Nothing vanishes: each non-empty line is a title, an article line or a dropped line.
    const nonEmpty = raw.split('\n').filter((l) => l.trim()).length;
    const titles = out.articles.filter((a) => a.title).length;
    assert.equal(titles + articleLines(out).length + out.dropped.length, nonEmpty);
    // Long lines are only ever dropped as related-article teasers or photo captions (which never end a sentence).
    for (const d of out.dropped) {
      if (d.line.split(/\s+/).length < 20) continue;
      assert.ok(['related-teaser', 'caption', 'repeated-caption'].includes(d.reason), d.line);
      if (d.reason !== 'related-teaser') assert.ok(!/[.،]$/.test(d.line), d.line);
    }
  });
}

test('seed 004: four articles with their titles, no teaser leaks', { skip }, () => {
  const { out } = cleanSeed('004');
  assert.deepEqual(out.articles.map((a) => a.title), [
    'سوريا تنضم رسمياً لـ«التحالف الدولي لمكافحة داعش»',
    'حظر تجول في الشدادي بعد هروب «دواعش»',
    '«حماس» تستعد لخروج قيادات من غزة',
    'قائد الجيش اللبناني إلى واشنطن في زيارة مفصلية مطلع فبراير',
  ]);
  const teasers = out.dropped.filter((d) => d.reason === 'related-teaser').map((d) => d.line);
  assert.ok(teasers.length >= 10);
  const kept = new Set(articleLines(out));
  for (const teaser of teasers) assert.ok(!kept.has(teaser), teaser);
  for (const article of out.articles) assert.ok(!article.text.includes(article.title), article.title);
});

test('seeds: no furniture, caption or marker is left in any article', { skip }, () => {
  for (const { seed } of expectations) {
    const { out } = cleanSeed(seed);
    for (const line of articleLines(out)) {
      assert.equal(furnitureReason(line), null, `${seed}: ${line}`);
      assert.notEqual(closingParenthetical(line)?.isCredit, true, `${seed}: caption left: ${line}`);
      assert.ok(!/^(TT|play-circle)$/.test(line.trim()), `${seed}: marker left`);
    }
  }
});

test('seed titles: 001 and 003 have their headline, 000 and 002 none', { skip }, () => {
  assert.equal(cleanSeed('000').out.articles[0].title, '');
  assert.equal(cleanSeed('002').out.articles[0].title, '');
  assert.match(cleanSeed('001').out.articles[0].title, /^قسد تعلن خروج سجن/);
  assert.match(cleanSeed('003').out.articles[0].title, /^اتصال بين الشرع وقائد القيادة المركزية/);
  assert.deepEqual(
    cleanSeed('003').out.dropped.map((d) => d.reason),
    ['latest-news', 'share', 'source', 'share', 'app-promo', 'read-also'],
  );
});
