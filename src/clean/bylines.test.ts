import assert from 'node:assert/strict';
import { test } from 'node:test';
import { datelineOrByline, looksLikeReporterLine } from './bylines.js';

test('datelines (place + agency) and bylines (outlet, bureau, writer)', () => {
  const table: [string, 'dateline' | 'byline' | null][] = [
    ['حلب-سانا', 'dateline'],
    ['اللاذقية - سانا', 'dateline'],
    ['عمّان - «الشرق الأوسط»', 'dateline'],
    ['الخرطوم (رويترز) -', 'dateline'],
    ['دبي - سكاي نيوز عربية', 'dateline'],
    ['لندن: «الشرق الأوسط»', 'dateline'],
    ['«الشرق الأوسط» (بغداد)', 'byline'],
    ['عنب بلدي', 'byline'],
    ['كتب - سامر يوسف:', 'byline'],
    ['بقلم: ليلى حسن', 'byline'],
    // A dateline opening the lead paragraph leaves the paragraph whole.
    ['حلب-سانا أعلنت مديرية الصحة في حلب اليوم افتتاح مستشفى ميداني جديد في حي الشعار.', null],
    // Titles, subtitles and captions are not datelines.
    ['سنتكوم: نقل ما يصل إلى سبعة آلاف معتقل إلى العراق', null],
    ['طريق حلب - الرقة', null],
    ['كتب الوزير على منصة إكس', null],
    ['مطالب أميركية', null],
  ];
  for (const [line, kind] of table) assert.equal(datelineOrByline(line), kind, line);
});

test('reporter lines: a place, a colon or dash, a short name', () => {
  const table: [string, boolean][] = [
    ['حمص: رامي الأحمد', true],
    ['بيروت - نادين خوري', true],
    ['ترامب: محادثة رائعة مع الرئيس السوري', false],
    ['الرقة: 12 قتيلاً', false],
    ['عاجل: «قسد» تنسحب', false],
  ];
  for (const [line, expected] of table) assert.equal(looksLikeReporterLine(line), expected, line);
});
