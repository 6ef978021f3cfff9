import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot } from '../test-support/paths.js';
import { parseGold, parseGoldLine } from './gold.js';

test('parseGold strips the three markups and keeps offsets into the plain text', () => {
  const parsed = parseGold(
    'قال الرئيس السوري [[أحمد الشرع|PER|Ahmed al-Sharaa]] {{الاثنين|2026-01-19}} إن <<سبعة آلاف|7000>> معتقل نقلوا، وقسد… و[[قسد|ORG|Syrian Democratic Forces]].',
  );
  assert.equal(parsed.text, 'قال الرئيس السوري أحمد الشرع الاثنين إن سبعة آلاف معتقل نقلوا، وقسد… وقسد.');
  assert.deepEqual(parsed.problems, []);
  assert.deepEqual(parsed.entities, [
    { start: 18, end: 28, text: 'أحمد الشرع', type: 'PER', key: 'Ahmed al-Sharaa' },
    { start: 70, end: 73, text: 'قسد', type: 'ORG', key: 'Syrian Democratic Forces' },
  ]);
  assert.deepEqual(parsed.times, [{ start: 29, end: 36, text: 'الاثنين', value: '2026-01-19' }]);
  assert.deepEqual(parsed.quantities, [{ start: 40, end: 49, text: 'سبعة آلاف', value: 7000 }]);
});

test('parseGold reports malformed markup as problems', () => {
  const cases: [string, RegExp][] = [
    ['[[دمشق|CITY|Damascus]]', /unknown entity type "CITY"/],
    ['{{أمس|yesterday}}', /bad time value "yesterday"/],
    ['<<ثلاثة|three>> جنود', /bad quantity value "three"/],
    ['[[دمشق|LOC]] تحذر', /stray "\[\["/],
    ['نص <<عشرات>> فقط', /stray "<<"/],
  ];
  for (const [marked, reason] of cases) {
    const problems = parseGold(marked).problems;
    assert.equal(problems.length, 1, marked);
    assert.match(problems[0], reason);
  }
});

test('parseGoldLine returns a reason for bad records', () => {
  assert.match(parseGoldLine('{"id":"a"') as string, /invalid JSON/);
  assert.match(parseGoldLine('{"id":"a","published":"2026-01-20","title":"t"}') as string, /"text"/);
  assert.match(parseGoldLine('{"id":"a","published":"20/01/2026","title":"t","text":"x"}') as string, /published/);
  assert.equal(typeof parseGoldLine('{"id":"a","published":"2026-01-20","title":"t","text":"x"}'), 'object');
});

test('every gold file parses, spans match their surfaces, ids are unique', () => {
  const dir = resolve(repoRoot, 'eval/gold');
  const files = readdirSync(dir).filter((n) => n.endsWith('.jsonl'));
  assert.ok(files.length > 0);
  const ids = new Set<string>();
  for (const name of files) {
    readFileSync(join(dir, name), 'utf8').split('\n').forEach((line, index) => {
      if (line.trim() === '') return;
      const record = parseGoldLine(line);
      assert.equal(typeof record, 'object', `${name}:${index + 1}: ${String(record)}`);
      if (typeof record === 'string') return;
      assert.ok(!ids.has(record.id), `duplicate id ${record.id}`);
      ids.add(record.id);
      const parsed = parseGold(record.text);
      assert.deepEqual(parsed.problems, [], record.id);
      for (const span of [...parsed.entities, ...parsed.times, ...parsed.quantities]) {
        assert.equal(parsed.text.slice(span.start, span.end), span.text, record.id);
        assert.equal(span.text.trim(), span.text, `${record.id}: untrimmed "${span.text}"`);
      }
    });
  }
});
